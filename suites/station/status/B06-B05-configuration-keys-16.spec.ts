/** OCPP 1.6 configuration keys (§5.8 Get Configuration, §5.3 Change Configuration, §9.1 Core keys; OCTT TC_019_1_CS, TC_021_CS, TC_040_2_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { CORE_KEYS_16, READ_ONLY_KEYS_16 } from '../../../harness/judge/as-csms/provisioning-driver';

ocppCase({
  ids: { '1.6': 'TC_019_1_CS' }, title: 'Retrieve all configuration keys', area: 'status',
  useCase: { '1.6': '1.6 §5.8 Get Configuration' },
  requirements: { '1.6': ['1.6§5.8', '1.6§9.1'] },
  catches: ['config.missingCoreKey', 'config.wrongReadonlyFlag'],
  expectation: 'GetConfiguration without keys returns every configuration key; every required Core key of §9.1 is there, the read-only ones (GetConfigurationMaxKeys, NumberOfConnectors, SupportedFeatureProfiles) flagged readonly.',
  source: 'Key list as in the OCTT 1.6 twin TC_019_1_CSMS (tzi mirror) for the Core profile; the keys of the other feature profiles are not checked.',
}, async ({ booted, csms }) => {
  void booted;
  // §5.8: an empty key list asks for every configuration setting.
  const reply = await csms.callExpecting('GetConfiguration', {}, {}, { rule: '1.6§5.8' });
  const keys = (reply.configurationKey ?? []) as { key: string; readonly: boolean; value?: string }[];
  const missing = CORE_KEYS_16.filter((k) => !keys.some((x) => x.key === k));
  if (missing.length) throw csms.failure('1.6§9.1, 1.6§5.8', `every required Core key (§9.1) in the answer to GetConfiguration without keys`, `missing: ${missing.join(', ')}`);
  const writable = READ_ONLY_KEYS_16.filter((k) => keys.find((x) => x.key === k)?.readonly !== true);
  if (writable.length) throw csms.failure('1.6§9.1', 'readonly true for the keys §9.1 makes read-only (R)', `readonly false: ${writable.join(', ')}`);
});

ocppCase({
  ids: { '1.6': 'TC_021_CS' }, title: 'Change/set Configuration', area: 'status',
  useCase: { '1.6': '1.6 §5.3 Change Configuration' },
  requirements: { '1.6': ['1.6§5.3', '1.6§5.8'] },
  catches: ['config.changeNotStored'],
  expectation: 'ChangeConfiguration MeterValueSampleInterval is Accepted and GetConfiguration then returns the new value.',
}, async ({ booted, ocpp, csms }) => {
  void booted;
  const before = await ocpp.getSetting(SETTINGS.meterInterval, 'value', { rule: '1.6§5.8' });
  const value = before === '60' ? '30' : '60';
  await ocpp.setSetting(SETTINGS.meterInterval, value, 'Accepted', { rule: '1.6§5.3' });
  if (before !== undefined) ocpp.configured.push({ setting: SETTINGS.meterInterval, previous: before });
  // §5.3: Accepted means the change was applied; §5.8 returns the value the key now has.
  const after = await ocpp.getSetting(SETTINGS.meterInterval, 'value', { rule: '1.6§5.3, 1.6§5.8' });
  if (after !== value) throw csms.failure('1.6§5.3, 1.6§5.8', `MeterValueSampleInterval "${value}" after it was Accepted`, `"${String(after)}"`);
});

ocppCase({
  ids: { '1.6': 'TC_040_2_CS' }, title: 'Configuration key - Invalid value', area: 'status',
  useCase: { '1.6': '1.6 §5.3 Change Configuration' },
  requirements: { '1.6': ['1.6§5.3'] },
  catches: ['config.acceptsAnyValue'],
  expectation: 'ChangeConfiguration MeterValueSampleInterval -1 (not a valid interval) is Rejected.',
}, async ({ booted, ocpp }) => {
  void booted;
  await ocpp.setSetting(SETTINGS.meterInterval, '-1', 'Rejected', { rule: '1.6§5.3' });
});
