/** Custom reports (2.0.1 B08 Get Custom Report; OCTT TC_B_16/17/18/19/54/55/56_CS): GetReport limited by criteria and component/variables. */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { NotApplicable } from '../../../harness/model/errors';
import { oneOf } from '../../../harness/model/match';
import { nameOf, ProvisioningDriver, type ReportEntry } from '../../../harness/judge/as-csms/provisioning-driver';

const useCase = { '2.0.1': 'B08 Get Custom Report' };
const rules = { answer: 'B08.FR.01', sent: 'B08.FR.03', requestId: 'B08.FR.04', seqNo: 'B08.FR.14' };
const EVSE_AVAILABILITY = (evseId?: number): Record<string, unknown> => ({ component: { name: 'EVSE', ...(evseId !== undefined ? { evse: { id: evseId } } : {}) }, variable: { name: 'AvailabilityState' } });
const componentKey = (e: ReportEntry): string => `${e.component.name}${e.component.instance ? `(${e.component.instance})` : ''}${e.component.evse ? ` EVSE ${e.component.evse.id}${e.component.evse.connectorId !== undefined ? `/${e.component.evse.connectorId}` : ''}` : ''}`;

/** Every entry is `name` (and, where given, of that EVSE / instance): the report is limited to what was asked (B08.FR.05, B08.FR.11). */
function onlyOf(dm: ProvisioningDriver, entries: ReportEntry[], name: string, rule: string, o: { evseId?: number; instance?: string } = {}): void {
  const other = entries.find((e) => `${e.component.name}.${e.variable.name}` !== name || (o.evseId !== undefined && e.component.evse?.id !== o.evseId) || (o.instance !== undefined && e.variable.instance !== o.instance));
  if (other) throw dm.csms.failure(rule, `only ${name}${o.evseId !== undefined ? ` of EVSE ${o.evseId}` : ''}${o.instance ? `[${o.instance}]` : ''} in the report`, `it holds ${componentKey(other)} ${nameOf(other.component, other.variable)}`);
  if (!entries.length) throw dm.csms.failure(rule, `${name} in the report`, 'no reportData');
}

ocppCase({
  ids: { '2.0.1': 'TC_B_16_CS' }, title: 'Get Custom Report - with component criteria', area: 'status', useCase,
  requirements: { '2.0.1': ['B08.FR.01', 'B08.FR.03', 'B08.FR.04', 'B08.FR.05', 'B08.FR.09', 'B08.FR.12', 'B08.FR.14', 'B06.FR.10'] },
  catches: ['report.ignoresCriteria', 'report.noCharacteristics'],
  expectation: 'GetReport componentCriteria [Enabled] reports every component whose Enabled is true (as in the FullInventory) and none whose Enabled is false; the reported Enabled values read back the same with GetVariables.',
  source: 'OCTT TC_B_16_CS; B08.FR.09 also includes components without an Enabled variable, so the check is on the components that have one (the OCTT post-scenario validation against the FullInventory).',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const full = await dm.report('GetBaseReport', { reportBase: 'FullInventory' }, 'Accepted', { answer: 'B07.FR.01', sent: 'B07.FR.03', requestId: 'B07.FR.04', seqNo: 'B07.FR.10' });
  const enabled = full.entries.filter((e) => e.variable.name === 'Enabled' && !e.variable.instance);
  const { entries } = await dm.report('GetReport', { componentCriteria: ['Enabled'] }, 'Accepted', rules);
  dm.expectCharacteristics(entries, 'B08.FR.12');
  const reported = new Set(entries.map(componentKey));
  const left = enabled.filter((e) => dm.actual(e) === 'true' && !reported.has(componentKey(e)));
  if (left.length) throw dm.csms.failure('B08.FR.09', 'every component with Enabled true in the report for componentCriteria [Enabled]', `missing: ${left.map(componentKey).join(', ')}`);
  const off = enabled.filter((e) => dm.actual(e) === 'false' && reported.has(componentKey(e)));
  if (off.length) throw dm.csms.failure('B08.FR.05, B08.FR.09', 'no component with Enabled false in the report for componentCriteria [Enabled]', `reported: ${off.map(componentKey).join(', ')}`);
  // Steps 5-6: the Enabled values of the custom report read back with GetVariables.
  const shown = entries.filter((e) => e.variable.name === 'Enabled' && !e.variable.instance).slice(0, 10);
  if (!shown.length) return;
  const results = await dm.getVariables(shown.map((e) => ({ component: e.component.name, variable: 'Enabled', ...(e.component.evse ? { evse: e.component.evse } : {}) })), 'B06.FR.10');
  results.forEach((r, i) => {
    dm.expectStatus(r, 'Accepted', 'B06.FR.10');
    if (r.attributeValue !== dm.actual(shown[i])) throw dm.csms.failure('B06.FR.10', `${componentKey(shown[i])}.Enabled read back as reported ("${String(dm.actual(shown[i]))}")`, `"${String(r.attributeValue)}"`);
  });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_17_CS' }, title: 'Get Custom Report - with component/variable', area: 'status', useCase,
  requirements: { '2.0.1': ['B08.FR.01', 'B08.FR.03', 'B08.FR.04', 'B08.FR.11', 'B08.FR.12', 'B08.FR.14'] },
  catches: ['report.wrongRequestId', 'report.noCharacteristics'],
  expectation: 'GetReport for EVSE 1 AvailabilityState is Accepted and reports that variable alone, with its characteristics.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetReport', { componentVariable: [EVSE_AVAILABILITY(1)] }, 'Accepted', rules);
  onlyOf(dm, entries, 'EVSE.AvailabilityState', 'B08.FR.11', { evseId: 1 });
  dm.expectCharacteristics(entries, 'B08.FR.12');
});

ocppCase({
  ids: { '2.0.1': 'TC_B_18_CS' }, title: 'Get Custom Report - with component criteria and component/variable', area: 'status', useCase,
  requirements: { '2.0.1': ['B08.FR.01', 'B08.FR.03', 'B08.FR.04', 'B08.FR.05', 'B08.FR.08', 'B08.FR.10', 'B08.FR.12', 'B08.FR.14', 'B08.FR.15'] },
  catches: ['report.ignoresCriteria'],
  expectation: 'EVSE 1 AvailabilityState with componentCriteria [Available] is reported; with [Problem] (EVSE 1 has no problem) the answer is EmptyResultSet.',
}, async ({ booted, ocpp, csms }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetReport', { componentCriteria: ['Available'], componentVariable: [EVSE_AVAILABILITY(1)] }, 'Accepted', { ...rules, answer: 'B08.FR.01, B08.FR.08' });
  onlyOf(dm, entries, 'EVSE.AvailabilityState', 'B08.FR.05', { evseId: 1 });
  // B08.FR.10 / B08.FR.15: an EVSE without a Problem is not selected by [Problem]: nothing to report.
  await csms.callExpecting('GetReport', { requestId: dm.requestId(), componentCriteria: ['Problem'], componentVariable: [EVSE_AVAILABILITY(1)] }, { status: 'EmptyResultSet' }, { rule: 'B08.FR.15, B08.FR.10' });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_19_CS' }, title: 'Get Custom Report - for unknown component criteria', area: 'status', useCase,
  requirements: { '2.0.1': ['B08.FR.02'] },
  catches: ['report.ignoresUnsupportedCriterion', 'report.unsupportedCriterionEmpty'],
  expectation: 'A station that does not support one of the componentCriteria answers GetReport for [Available, that criterion] NotSupported (not applicable to a station that supports every criterion).',
  source: 'OCTT TC_B_19_CS (edition 3): componentCriteria = {Available, <configured unsupported criterion>} -> NotSupported (B08.FR.02); ComponentCriterionEnumType lets no other value through the schema, so the unsupported criterion is one of Active, Enabled, Problem, found by asking for each alone (a NotSupported answer names it) where OCTT reads it from its configuration.',
}, async ({ booted, ocpp, csms }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const probe = [{ component: { name: 'ChargingStation' }, variable: { name: 'AvailabilityState' } }];
  let unsupported: string | undefined;
  for (const criterion of ['Active', 'Enabled', 'Problem']) {
    // B08.FR.01/02/15/16: every answer is possible here; only NotSupported says the criterion is not supported.
    const { status } = await dm.report('GetReport', { componentCriteria: [criterion], componentVariable: probe }, oneOf('Accepted', 'EmptyResultSet', 'NotSupported', 'Rejected'), { ...rules, answer: 'B08.FR.01, B08.FR.02, B08.FR.15' });
    if (status === 'NotSupported') { unsupported = criterion; break; }
  }
  if (!unsupported) csms.notApplicable(new NotApplicable('a station that does not support one of the componentCriteria (B08.FR.02)', 'GetReport for Active, Enabled and Problem alone: none answered NotSupported'));
  await csms.callExpecting('GetReport', { requestId: dm.requestId(), componentCriteria: ['Available', unsupported!] }, { status: 'NotSupported' }, { rule: 'B08.FR.02' });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_54_CS' }, title: 'Get Custom Report - with component/variable, but no instance', area: 'status', useCase,
  requirements: { '2.0.1': ['B08.FR.01', 'B08.FR.03', 'B08.FR.04', 'B08.FR.11', 'B08.FR.14', 'B08.FR.21'] },
  catches: ['report.wrongRequestId'],
  expectation: 'GetReport for DeviceDataCtrlr.ItemsPerMessage without instance reports every instance of it, GetReport and GetVariables among them.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetReport', { componentVariable: [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage' } }] }, 'Accepted', rules);
  onlyOf(dm, entries, 'DeviceDataCtrlr.ItemsPerMessage', 'B08.FR.11');
  const missing = ['GetReport', 'GetVariables'].filter((i) => !entries.some((e) => e.variable.instance === i));
  if (missing.length) throw dm.csms.failure('B08.FR.21', 'every instance of DeviceDataCtrlr.ItemsPerMessage', `missing instance(s): ${missing.join(', ')}`);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_55_CS' }, title: 'Get Custom Report - with component/variable/instance', area: 'status', useCase,
  requirements: { '2.0.1': ['B08.FR.01', 'B08.FR.03', 'B08.FR.04', 'B08.FR.05', 'B08.FR.11', 'B08.FR.14'] },
  catches: ['report.ignoresVariableInstance'],
  expectation: 'GetReport for DeviceDataCtrlr.ItemsPerMessage instance GetReport reports that instance alone.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetReport', { componentVariable: [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage', instance: 'GetReport' } }] }, 'Accepted', rules);
  onlyOf(dm, entries, 'DeviceDataCtrlr.ItemsPerMessage', 'B08.FR.11, B08.FR.05', { instance: 'GetReport' });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_56_CS' }, title: 'Get Custom Report - with component/variable, but no evseId', area: 'status', useCase,
  requirements: { '2.0.1': ['B08.FR.01', 'B08.FR.03', 'B08.FR.04', 'B08.FR.11', 'B08.FR.14', 'B08.FR.23'] },
  catches: ['report.firstEvseOnly'],
  expectation: 'GetReport for EVSE AvailabilityState without an evse reports it for every EVSE of the station.',
}, async ({ booted, ocpp, connectors }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetReport', { componentVariable: [EVSE_AVAILABILITY()] }, 'Accepted', rules);
  onlyOf(dm, entries, 'EVSE.AvailabilityState', 'B08.FR.11');
  const missing = [...new Set(connectors.map((c) => c.evseId))].filter((id) => !entries.some((e) => e.component.evse?.id === id));
  if (missing.length) throw dm.csms.failure('B08.FR.23', 'EVSE AvailabilityState for every EVSE', `missing EVSE(s): ${missing.join(', ')}`);
});
