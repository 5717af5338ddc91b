/** Base reports (2.0.1 B07 Get Base Report; OCTT TC_B_12/13/14/15/53_CS): GetBaseReport answered, then NotifyReport parts. */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { NotApplicable } from '../../../harness/model/errors';
import { oneOf } from '../../../harness/model/match';
import { nameOf, ProvisioningDriver, REQUIRED_VARIABLES, type ReportEntry } from '../../../harness/judge/as-csms/provisioning-driver';

const useCase = { '2.0.1': 'B07 Get Base Report' };
const parts = { sent: 'B07.FR.03', requestId: 'B07.FR.04', seqNo: 'B07.FR.10' };
const LISTS = ['OptionList', 'SequenceList', 'MemberList'];

ocppCase({
  ids: { '2.0.1': 'TC_B_12_CS' }, title: 'Get Base Report - ConfigurationInventory', area: 'status', useCase,
  requirements: { '2.0.1': ['B07.FR.01', 'B07.FR.03', 'B07.FR.04', 'B07.FR.07', 'B07.FR.10', 'B07.FR.12'] },
  catches: ['report.configurationWithReadOnly', 'report.noCharacteristics', 'report.wrongRequestId', 'report.seqNoRestarts'],
  expectation: 'GetBaseReport ConfigurationInventory is Accepted; NotifyReport parts with its requestId and seqNo from 0 report the variables the operator can set (ReadWrite or WriteOnly), each with its characteristics.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetBaseReport', { reportBase: 'ConfigurationInventory' }, 'Accepted', { answer: 'B07.FR.01, B07.FR.12', ...parts });
  dm.expectCharacteristics(entries, 'B07.FR.07');
  // B07.FR.07: only what can be set; an attribute without mutability is ReadWrite (VariableAttributeType.mutability default).
  const readOnly = entries.find((e) => e.variableAttribute.some((a) => a.mutability === 'ReadOnly'));
  if (readOnly) throw ocpp.csms.failure('B07.FR.07', 'only variables the operator can set (ReadWrite or WriteOnly) in a ConfigurationInventory', `${nameOf(readOnly.component, readOnly.variable)} is ReadOnly`);
  if (!entries.length) throw ocpp.csms.failure('B07.FR.07', 'the variables the operator can set', 'an empty report');
});

ocppCase({
  ids: { '2.0.1': 'TC_B_13_CS' }, title: 'Get Base Report - FullInventory', area: 'status', useCase,
  requirements: { '2.0.1': ['B07.FR.01', 'B07.FR.03', 'B07.FR.04', 'B07.FR.08', 'B07.FR.10', 'B07.FR.12'] },
  catches: ['report.noCharacteristics', 'report.wrongRequestId', 'report.seqNoRestarts'],
  expectation: 'GetBaseReport FullInventory is Accepted; its NotifyReport parts report every component-variable with its characteristics, the station, every EVSE and every connector of the layout among them.',
}, async ({ booted, ocpp, connectors }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetBaseReport', { reportBase: 'FullInventory' }, 'Accepted', { answer: 'B07.FR.01, B07.FR.12', ...parts });
  dm.expectCharacteristics(entries, 'B07.FR.08');
  // B07.FR.08 (note): the required variables of the charging infrastructure, for the station and every EVSE and connector.
  const has = (name: string, variable: string, evseId?: number, connectorId?: number): boolean => entries.some((e) => e.component.name === name && e.variable.name === variable
    && e.component.evse?.id === evseId && (connectorId === undefined || e.component.evse?.connectorId === connectorId));
  const missing = [
    ...['AvailabilityState', 'Available', 'SupplyPhases'].filter((v) => !has('ChargingStation', v)).map((v) => `ChargingStation.${v}`),
    ...[...new Set(connectors.map((c) => c.evseId))].flatMap((id) => ['AvailabilityState', 'Available', 'Power', 'SupplyPhases'].filter((v) => !has('EVSE', v, id)).map((v) => `EVSE ${id} ${v}`)),
    ...connectors.flatMap((c) => ['Available', 'ConnectorType', 'SupplyPhases'].filter((v) => !has('Connector', v, c.evseId, c.connectorId)).map((v) => `Connector ${c.evseId}/${c.connectorId} ${v}`)),
  ];
  if (missing.length) throw ocpp.csms.failure('B07.FR.08', 'the required variables of the station, every EVSE and every connector in the FullInventory', `missing: ${missing.join(', ')}`);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_53_CS' }, title: 'Get Base Report - Test mandatory DM variables via FullInventory', area: 'status', useCase,
  requirements: { '2.0.1': ['B07.FR.01', 'B07.FR.03', 'B07.FR.04', 'B07.FR.08', 'B07.FR.10'] },
  catches: ['report.missesRequiredVariable'],
  expectation: 'The FullInventory holds every variable the Part 2 appendix marks required for the controllers every station has; a list-typed variable gives its valuesList and a value from it.',
  source: 'OCTT TC_B_53_CS post-scenario validations; the required variables of the appendix ("Referenced Components and Variables") for B, E and G (REQUIRED_VARIABLES in provisioning-driver.ts).',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { entries } = await dm.report('GetBaseReport', { reportBase: 'FullInventory' }, 'Accepted', { answer: 'B07.FR.01', ...parts });
  const missing = REQUIRED_VARIABLES.filter((n) => !dm.find(entries, n).length);
  if (missing.length) throw ocpp.csms.failure('B07.FR.08', 'every required variable in the FullInventory', `missing: ${missing.join(', ')}`);
  const listed = entries.filter((e) => LISTS.includes(e.variableCharacteristics?.dataType ?? ''));
  const bad = (e: ReportEntry): string | undefined => {
    const allowed = (e.variableCharacteristics?.valuesList ?? '').split(',').map((v) => v.trim()).filter(Boolean);
    if (!allowed.length) return 'no valuesList';
    const value = dm.actual(e);
    const values = value === undefined || value === '' ? [] : e.variableCharacteristics!.dataType === 'OptionList' ? [value] : value.split(',').map((v) => v.trim());
    const off = values.find((v) => !allowed.includes(v));
    return off === undefined ? undefined : `value "${off}" not in its valuesList`;
  };
  const wrong = listed.map((e) => [e, bad(e)] as const).find(([, why]) => why);
  if (wrong) throw ocpp.csms.failure('B07.FR.08', 'a valuesList, and a value from it, for every OptionList / SequenceList / MemberList variable', `${nameOf(wrong[0].component, wrong[0].variable)}: ${wrong[1]}`);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_14_CS' }, title: 'Get Base Report - SummaryInventory', area: 'status', useCase,
  requirements: { '2.0.1': ['B07.FR.01', 'B07.FR.02', 'B07.FR.03', 'B07.FR.04', 'B07.FR.09', 'B07.FR.10'] },
  catches: ['report.summaryWithoutEvses'],
  expectation: 'A station with the optional SummaryInventory accepts it and reports the AvailabilityState of the station and of every EVSE (not applicable to a station that answers NotSupported).',
}, async ({ booted, ocpp, csms, connectors }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { status, entries } = await dm.report('GetBaseReport', { reportBase: 'SummaryInventory' }, oneOf('Accepted', 'NotSupported'), { answer: 'B07.FR.01, B07.FR.02', ...parts });
  if (status === 'NotSupported') csms.notApplicable(new NotApplicable('the optional SummaryInventory base report (B07.FR.12)', 'GetBaseReport SummaryInventory answered NotSupported'));
  const missing = [
    ...(dm.find(entries, 'ChargingStation.AvailabilityState').length ? [] : ['ChargingStation']),
    ...[...new Set(connectors.map((c) => c.evseId))].filter((id) => !entries.some((e) => e.component.name === 'EVSE' && e.component.evse?.id === id && e.variable.name === 'AvailabilityState')).map((id) => `EVSE ${id}`),
  ];
  if (missing.length) throw csms.failure('B07.FR.09', 'the AvailabilityState of the station and of every EVSE in the SummaryInventory', `missing: ${missing.join(', ')}`);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_15_CS' }, title: 'Get Base Report - Not Supported base report', area: 'status', useCase,
  requirements: { '2.0.1': ['B07.FR.02', 'B07.FR.05'] },
  catches: ['report.notifiesUnsupportedBase', 'report.acceptsUnsupportedBase'],
  expectation: 'A station without the optional SummaryInventory answers it NotSupported and sends no NotifyReport (not applicable to a station that has it).',
  source: 'OCTT TC_B_15_CS (prerequisite: the station does not support SummaryInventory; OCTT waits to make sure no NotifyReportRequest follows). A station that answers Accepted must then send the report (B07.FR.03) and is one this case does not apply to.',
}, async ({ booted, ocpp, csms }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const { status, mark } = await dm.report('GetBaseReport', { reportBase: 'SummaryInventory' }, oneOf('Accepted', 'NotSupported'), { answer: 'B07.FR.01, B07.FR.02', ...parts });
  if (status === 'Accepted') csms.notApplicable(new NotApplicable('a station without the optional SummaryInventory base report (B07.FR.12)', 'GetBaseReport SummaryInventory answered Accepted, and its report came'));
  // B07.FR.05: a base report answered NotSupported is not sent.
  await csms.expectNoCall('NotifyReport', {}, { rule: 'B07.FR.05', forSeconds: csms.timing.messageTimeout, after: mark, because: 'after GetBaseReport SummaryInventory was answered NotSupported' });
});
