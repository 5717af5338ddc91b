/**
 * CSMS under test, authorization data on the station: clearing the authorization cache and
 * sending the local authorization list (full, then differential with a newer version).
 */
import { csmsCase } from '../../../fixtures/csms';
import { satisfies } from '../../../harness/csms/match';

csmsCase({
  ids: { '2.0.1': 'TC_C_37_CSMS', '1.6': 'TC_061_CSMS' },
  title: 'Clear Authorization Data in Authorization Cache - Accepted',
  area: 'authorization',
  useCase: { '2.0.1': 'C11 Clear Authorization Data in Authorization Cache', '1.6': '1.6 §5.4 Clear Cache' },
  requirements: { '2.0.1': ['C11.FR.01', 'TC_C_37_CSMS'], '1.6': ['1.6 §5.4', 'TC_061_CSMS'] },
  catches: ['cache.neverClears'],
  expectation: 'When its operator clears the station\'s cache, the CSMS sends ClearCache; the station answers Accepted.',
  actions: ['clear the authorization cache of the station'],
}, async ({ booted, station, operate, facts, ocppVersion }) => {
  void booted;
  await operate({ type: 'clearCache', stationId: facts.stationId });
  await station.expectCall('ClearCache', {}, { rule: ocppVersion === '1.6' ? 'TC_061_CSMS' : 'TC_C_37_CSMS', within: station.timing.actionTimeout });
});

csmsCase({
  ids: { '2.0.1': 'TC_D_01_CSMS', '1.6': 'TC_043_4_CSMS' },
  title: 'Send Local Authorization List - Full',
  area: 'authorization',
  useCase: { '2.0.1': 'D01 Send Local Authorization List', '1.6': '1.6 §5.15 Send Local List' },
  requirements: { '2.0.1': ['TC_D_01_CSMS', 'D01.FR.01', 'D01.FR.18'], '1.6': ['1.6 §5.15', 'TC_043_4_CSMS'] },
  catches: ['localList.fullWithoutInfo'],
  expectation: 'A full local list update carries updateType Full, a version greater than 0, and every entry with its id status (idTagInfo / idTokenInfo).',
  actions: ['send the station a full local list with the valid and the blocked token'],
}, async ({ booted, station, operate, facts, need, ocppVersion }) => {
  void booted;
  const tokens = [need('valid'), need('blocked')];
  await operate({ type: 'sendLocalList', stationId: facts.stationId, updateType: 'Full', add: tokens, remove: [] });
  const rule = ocppVersion === '1.6' ? 'TC_043_4_CSMS' : 'TC_D_01_CSMS';
  const infoKey = ocppVersion === '1.6' ? 'idTagInfo' : 'idTokenInfo';
  const everyEntryHasInfo = satisfies(`a non-empty list, every entry with ${infoKey}`, (a) => Array.isArray(a) && a.length > 0 && a.every((e) => typeof e === 'object' && e !== null && infoKey in e));
  await station.expectCall('SendLocalList', { updateType: 'Full', [ocppVersion === '1.6' ? 'listVersion' : 'versionNumber']: satisfies('> 0', (v) => typeof v === 'number' && v > 0), localAuthorizationList: everyEntryHasInfo }, { rule, within: station.timing.actionTimeout });
});

csmsCase({
  ids: { '2.0.1': 'TC_D_02_CSMS', '1.6': 'TC_043_5_CSMS' },
  title: 'Send Local Authorization List - Differential Update',
  area: 'authorization',
  useCase: { '2.0.1': 'D01 Send Local Authorization List', '1.6': '1.6 §5.15 Send Local List' },
  requirements: { '2.0.1': ['TC_D_02_CSMS', 'D01.FR.16', 'D01.FR.19'], '1.6': ['1.6 §5.15', 'TC_043_5_CSMS'] },
  catches: ['localList.staleVersion'],
  expectation: 'After a full list, a differential update adding one token carries updateType Differential, a version greater than the full list\'s, and only the new token with its id status.',
  actions: ['send the station a full local list with the valid token', 'then add the second valid token with a differential update'],
}, async ({ booted, station, operate, facts, need, ocppVersion }) => {
  void booted;
  const [valid, valid2] = [need('valid'), need('valid2')];
  const versionKey = ocppVersion === '1.6' ? 'listVersion' : 'versionNumber';
  // A Differential update with a version not above the station's is refused (D01.FR.19 VersionMismatch).
  const rule = ocppVersion === '1.6' ? 'TC_043_5_CSMS' : 'TC_D_02_CSMS';
  await operate({ type: 'sendLocalList', stationId: facts.stationId, updateType: 'Full', add: [valid], remove: [] });
  const full = await station.expectCall('SendLocalList', { updateType: 'Full' }, { rule, within: station.timing.actionTimeout });
  const fullVersion = Number(full.payload[versionKey]);
  await operate({ type: 'sendLocalList', stationId: facts.stationId, updateType: 'Differential', add: [valid2], remove: [] });
  const entry = ocppVersion === '1.6' ? { idTag: valid2, idTagInfo: { status: 'Accepted' } } : { idToken: { idToken: valid2 }, idTokenInfo: { status: 'Accepted' } };
  await station.expectCall('SendLocalList', {
    updateType: 'Differential',
    [versionKey]: satisfies(`greater than the full list's version ${fullVersion}`, (v) => typeof v === 'number' && v > fullVersion),
    // Only the new token, with its id status.
    localAuthorizationList: [entry],
  }, { rule, within: station.timing.actionTimeout });
});
