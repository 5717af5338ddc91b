/** Reading and writing settings (2.0.1 B05/B06 GetVariables/SetVariables, 1.6 §5.8 GetConfiguration, §5.3 ChangeConfiguration). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { HEARTBEAT_INTERVAL, UNKNOWN_SETTING } from '../../../harness/judge/as-csms/requests';
import { ProvisioningDriver, type VariableItem } from '../../../harness/judge/as-csms/provisioning-driver';

const get = { '2.0.1': 'B06 Get Variables', '1.6': '1.6 §5.8 Get Configuration' };
const set = { '2.0.1': 'B05 Set Variables', '1.6': '1.6 §5.3 Change Configuration' };

ocppCase({
  ids: { '2.0.1': 'TC_B_06_CS', '1.6': 'TC_019_2_CS' }, title: 'Get Variables - single value', area: 'status', useCase: get,
  requirements: { '2.0.1': ['B06.FR.10'], '1.6': ['1.6§5.8'] },
  catches: ['config.unknownKeyAccepted', 'reply.late'],
  expectation: 'HeartbeatInterval is read back with a value (2.0.1: attributeStatus Accepted; 1.6: in configurationKey, not in unknownKey).',
  source: '1.6 id from the OCTT 1.6 list ("Retrieve specific configuration key"); steps derived from §5.8.',
}, async ({ booted, ocpp }) => {
  void booted;
  await ocpp.getSetting(HEARTBEAT_INTERVAL, 'value', { rule: { '1.6': '1.6§5.8', '2.0.1': 'B06.FR.10' } });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_33_CS', '1.6': 'HX_TC_B_33_CS' }, title: 'Get Variables - Unknown variable', area: 'status', useCase: get,
  requirements: { '2.0.1': ['B06.FR.07'], '1.6': ['1.6§5.8'] },
  catches: ['config.unknownKeyAccepted'],
  expectation: 'Asking for a setting the station does not have: 2.0.1 attributeStatus UnknownVariable; 1.6 the key listed in unknownKey.',
}, async ({ booted, ocpp }) => {
  void booted;
  await ocpp.getSetting(UNKNOWN_SETTING, 'unknown', { rule: { '1.6': '1.6§5.8', '2.0.1': 'B06.FR.07' } });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_36_CS', '1.6': 'TC_040_1_CS' }, title: 'Set Variables - Unknown variable', area: 'status', useCase: set,
  requirements: { '2.0.1': ['B05.FR.05'], '1.6': ['1.6§5.3'] },
  catches: ['config.unknownKeyAccepted'],
  expectation: 'Writing a setting the station does not have: 2.0.1 UnknownVariable; 1.6 NotSupported.',
  source: '1.6: OCTT TC_040_1_CS "Configuration key - NotSupported" (ChangeConfiguration of an unknown key answered NotSupported), the same scenario.',
}, async ({ booted, ocpp }) => {
  void booted;
  await ocpp.setSetting(UNKNOWN_SETTING, '1', 'UnknownVariable', { rule: { '1.6': '1.6§5.3', '2.0.1': 'B05.FR.05' } });
});

const OFFLINE_THRESHOLD: VariableItem = { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold' };
const LOCAL_AUTHORIZE_OFFLINE: VariableItem = { component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline' };

ocppCase({
  ids: { '2.0.1': 'TC_B_07_CS' }, title: 'Get Variables - multiple values', area: 'status', useCase: get,
  requirements: { '2.0.1': ['B06.FR.01', 'B06.FR.02', 'B06.FR.03', 'B06.FR.10'] },
  catches: ['dm.answersFirstOnly', 'dm.omitsAttributeType', 'config.unknownKeyAccepted'],
  expectation: 'Two required variables read in one GetVariables (attributeType Actual): two results, each Accepted with its value and attributeType Actual.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  // Configuration state: OfflineThreshold 300, LocalAuthorizeOffline true (restored after the case).
  await ocpp.configure({ ...OFFLINE_THRESHOLD }, '300');
  await ocpp.configure({ ...LOCAL_AUTHORIZE_OFFLINE }, 'true');
  const [threshold, offline] = await dm.getVariables([{ ...OFFLINE_THRESHOLD, attributeType: 'Actual' }, { ...LOCAL_AUTHORIZE_OFFLINE, attributeType: 'Actual' }], 'B06.FR.01');
  for (const [r, value] of [[threshold, '300'], [offline, 'true']] as const) {
    dm.expectStatus(r, 'Accepted', 'B06.FR.10');
    if (r.attributeValue !== value) throw ocpp.csms.failure('B06.FR.10', `attributeValue "${value}"`, `"${String(r.attributeValue)}"`);
  }
});

ocppCase({
  ids: { '2.0.1': 'TC_B_08_CS' }, title: 'Get Variables - limit to maximum number of values', area: 'status', useCase: get,
  requirements: { '2.0.1': ['B06.FR.01', 'B06.FR.16', 'B06.FR.10'] },
  catches: ['dm.answersFirstOnly'],
  expectation: 'One item more than DeviceDataCtrlr.ItemsPerMessage[GetVariables]: the station answers every item (B06.FR.01) or refuses the request with CALLERROR OccurrenceConstraintViolation (B06.FR.16, MAY).',
  source: 'Steps from B06 (the 2.0.1 Part 6 text of TC_B_08_CS was not found): B06.FR.05 binds the CSMS to the limit, B06.FR.16 lets the station refuse more items, otherwise B06.FR.01 holds.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const [limit] = await dm.getVariables([{ component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', instance: 'GetVariables' }], 'B06.FR.10');
  dm.expectStatus(limit, 'Accepted', 'B06.FR.10');
  const n = Number(limit.attributeValue);
  if (!Number.isInteger(n) || n < 1) throw ocpp.csms.failure('B06.FR.10', 'ItemsPerMessage[GetVariables] as a positive integer', `"${String(limit.attributeValue)}"`);
  // n + 1 distinct items: the first the threshold, the rest variables of OCPPCommCtrlr the station may or may not have.
  const items: VariableItem[] = [OFFLINE_THRESHOLD, ...Array.from({ length: n }, (_, i) => ({ component: 'OCPPCommCtrlr', variable: `HarnessProbe${i + 1}` }))];
  const outcome = await ocpp.csms.call('GetVariables', { getVariableData: items.map((i) => ({ component: { name: i.component }, variable: { name: i.variable } })) }, { rule: 'B06.FR.01' });
  if (outcome.kind === 'error') {
    if (outcome.code !== 'OccurrenceConstraintViolation') throw ocpp.csms.failure('B06.FR.01', `${n + 1} results, or CALLERROR OccurrenceConstraintViolation`, `CALLERROR ${outcome.code}`);
    return;
  }
  const results = (outcome.payload.getVariableResult ?? []) as unknown[];
  if (results.length !== n + 1) throw ocpp.csms.failure('B06.FR.01', `${n + 1} results, one per item (or CALLERROR OccurrenceConstraintViolation)`, `${results.length} results`);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_32_CS' }, title: 'Get Variables - Unknown component', area: 'status', useCase: get,
  requirements: { '2.0.1': ['B06.FR.06', 'B06.FR.11'] },
  catches: ['dm.unknownComponentAsVariable', 'dm.omitsAttributeType'],
  expectation: 'A variable of a component the station does not have: attributeStatus UnknownComponent, no attributeValue, attributeType Actual.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const [r] = await dm.getVariables([{ component: 'UnknownComponent', variable: 'OfflineThreshold' }], 'B06.FR.06');
  dm.expectStatus(r, 'UnknownComponent', 'B06.FR.06', { noValue: true });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_34_CS' }, title: 'Get Variables - Not supported attribute type', area: 'status', useCase: get,
  requirements: { '2.0.1': ['B06.FR.08', 'B06.FR.03'] },
  catches: ['dm.ignoresAttributeType', 'dm.omitsAttributeType'],
  expectation: 'OfflineThreshold asked with attributeType Target: NotSupportedAttributeType, no attributeValue, attributeType Target.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const [r] = await dm.getVariables([{ ...OFFLINE_THRESHOLD, attributeType: 'Target' }], 'B06.FR.08');
  dm.expectStatus(r, 'NotSupportedAttributeType', 'B06.FR.08', { noValue: true });
});
