/** Reading and writing settings (2.0.1 B05/B06 GetVariables/SetVariables, 1.6 §5.8 GetConfiguration, §5.3 ChangeConfiguration). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { HEARTBEAT_INTERVAL, UNKNOWN_SETTING } from '../../../harness/judge/as-csms/requests';

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
  ids: { '2.0.1': 'TC_B_36_CS', '1.6': 'HX_TC_B_36_CS' }, title: 'Set Variables - Unknown variable', area: 'status', useCase: set,
  requirements: { '2.0.1': ['B05.FR.05'], '1.6': ['1.6§5.3'] },
  catches: ['config.unknownKeyAccepted'],
  expectation: 'Writing a setting the station does not have: 2.0.1 UnknownVariable; 1.6 NotSupported.',
}, async ({ booted, ocpp }) => {
  void booted;
  await ocpp.setSetting(UNKNOWN_SETTING, '1', 'UnknownVariable', { rule: { '1.6': '1.6§5.3', '2.0.1': 'B05.FR.05' } });
});
