/**
 * CSMS under test, authorization data on the station: clearing the authorization cache and
 * sending the local authorization list (full, then differential with a newer version).
 */
import { csmsCase } from '../../../fixtures/csms';
import { absent, satisfies } from '../../../harness/model/match';
import type { OcppVersion } from '../../../harness/protocol/versions';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { StationDriver } from '../../../harness/judge/as-station/station-driver';
import type { CsmsAction } from '../../../harness/model/csms-actions';

for (const answer of ['Accepted', 'Rejected'] as const) {
  const ids = answer === 'Accepted' ? { '2.0.1': 'TC_C_37_CSMS', '1.6': 'TC_061_CSMS' } : { '2.0.1': 'TC_C_38_CSMS', '1.6': 'HX_TC_C_38_CSMS' };
  csmsCase({
    ids,
    title: `Clear Authorization Data in Authorization Cache - ${answer}`,
    area: 'authorization',
    useCase: { '2.0.1': 'C11 Clear Authorization Data in Authorization Cache', '1.6': '1.6 §5.4 Clear Cache' },
    requirements: { '2.0.1': ['Part2§C11', 'G02.FR.03'], '1.6': ['1.6§5.4', '1.6§4.6'] },
    catches: ['cache.neverClears'],
    expectation: `When its operator clears the station's cache, the CSMS sends ClearCache (1.6 §5.4: the Central System SHALL send ClearCache.req; 2.0.1 only says the CSMS can, C11: a missing request is a soft finding); the station answers ${answer}${answer === 'Rejected' ? ' (cache disabled, C11.FR.04)' : ''} and the CSMS goes on talking to it (a Heartbeat is answered with its time).`,
    actions: ['clear the authorization cache of the station'],
  }, async ({ booted, station, drv, operate, facts }) => {
    void booted;
    station.reply('ClearCache', { status: answer });
    await operate({ type: 'clearCache', stationId: facts.stationId });
    await drv.level({ '1.6': 'shall', '2.0.1': 'should' }, () => station.expectCall('ClearCache', {}, { rule: drv.rule({ '1.6': '1.6§5.4', '2.0.1': 'Part2§C11' }), within: station.timing.actionTimeout }));
    await drv.heartbeat({}, { rule: { '1.6': '1.6§4.6', '2.0.1': 'G02.FR.03' } });
  });
}

/** A local list entry as the version writes it: 1.6 idTag / idTagInfo, 2.0.1 idToken / idTokenInfo. */
function listEntry(version: OcppVersion, token: string, info: unknown): Record<string, unknown> {
  return version === '1.6' ? { idTag: token, idTagInfo: info } : { idToken: { idToken: token }, idTokenInfo: info };
}

/**
 * The operator sends a Full list, then a Differential update; the Differential must carry exactly
 * `entry` (its meaning: 2.0.1 AuthorizationData, 1.6 §7.1) and a version above the Full list's. No
 * CSMS-side rule asks for the newer version (the station refuses an older one: D01.FR.19, 1.6
 * §7.47): a stale version is a soft finding citing the rule on the request's version (2.0.1
 * D01.FR.01, 1.6 §5.15).
 */
async function fullThenDifferential(
  c: { station: ScriptedStation; drv: StationDriver; operate: (a: CsmsAction) => Promise<void>; stationId: string; version: OcppVersion },
  o: { full: string[]; add: string[]; remove: string[]; entry: Record<string, unknown> },
): Promise<void> {
  const versionKey = c.version === '1.6' ? 'listVersion' : 'versionNumber';
  const within = c.station.timing.actionTimeout;
  await c.operate({ type: 'sendLocalList', stationId: c.stationId, updateType: 'Full', add: o.full, remove: [] });
  const full = await c.station.expectCall('SendLocalList', { updateType: 'Full' }, { rule: c.drv.rule({ '1.6': '1.6§5.15', '2.0.1': 'D01.FR.01' }), within });
  const fullVersion = Number(full.payload[versionKey]);
  await c.operate({ type: 'sendLocalList', stationId: c.stationId, updateType: 'Differential', add: o.add, remove: o.remove });
  const differential = await c.station.expectCall('SendLocalList', { updateType: 'Differential', localAuthorizationList: [o.entry] },
    { rule: c.drv.rule({ '1.6': '1.6§5.15, 1.6§7.1', '2.0.1': 'D01.FR.01, Part2§AuthorizationData' }), within });
  await c.drv.should(() => c.station.expectPayload(differential, {
    [versionKey]: satisfies(`greater than the full list's version ${fullVersion}`, (v) => typeof v === 'number' && v > fullVersion),
  }, { rule: c.drv.rule({ '1.6': '1.6§5.15', '2.0.1': 'D01.FR.01' }) }));
}

csmsCase({
  ids: { '2.0.1': 'TC_D_01_CSMS', '1.6': 'TC_043_4_CSMS' },
  title: 'Send Local Authorization List - Full',
  area: 'authorization',
  useCase: { '2.0.1': 'D01 Send Local Authorization List', '1.6': '1.6 §5.15 Send Local List' },
  requirements: { '2.0.1': ['D01.FR.01', 'D01.FR.18', 'Part2§AuthorizationData'], '1.6': ['1.6§5.15', '1.6§6.41', '1.6§7.1'] },
  catches: ['localList.fullWithoutInfo'],
  expectation: 'A full local list update carries updateType Full, a version greater than 0, and every entry with its id status (idTagInfo / idTokenInfo).',
  actions: ['send the station a full local list with the valid and the blocked token'],
}, async ({ booted, station, operate, facts, need, ocppVersion }) => {
  void booted;
  const tokens = [need('valid'), need('blocked')];
  await operate({ type: 'sendLocalList', stationId: facts.stationId, updateType: 'Full', add: tokens, remove: [] });
  // Full with entries: type and version > 0 (2.0.1 D01.FR.01, D01.FR.18; 1.6 §6.41 errata: never 0 or -1), every entry with its id status (AuthorizationData; 1.6 §7.1).
  const rule = ocppVersion === '1.6' ? '1.6§5.15, 1.6§6.41, 1.6§7.1' : 'D01.FR.01, D01.FR.18, Part2§AuthorizationData';
  const infoKey = ocppVersion === '1.6' ? 'idTagInfo' : 'idTokenInfo';
  const everyEntryHasInfo = satisfies(`a non-empty list, every entry with ${infoKey}`, (a) => Array.isArray(a) && a.length > 0 && a.every((e) => typeof e === 'object' && e !== null && infoKey in e));
  await station.expectCall('SendLocalList', { updateType: 'Full', [ocppVersion === '1.6' ? 'listVersion' : 'versionNumber']: satisfies('> 0', (v) => typeof v === 'number' && v > 0), localAuthorizationList: everyEntryHasInfo }, { rule, within: station.timing.actionTimeout });
});

csmsCase({
  ids: { '2.0.1': 'TC_D_02_CSMS', '1.6': 'TC_043_5_CSMS' },
  title: 'Send Local Authorization List - Differential Update',
  area: 'authorization',
  useCase: { '2.0.1': 'D01 Send Local Authorization List', '1.6': '1.6 §5.15 Send Local List' },
  requirements: { '2.0.1': ['D01.FR.01', 'Part2§AuthorizationData'], '1.6': ['1.6§5.15', '1.6§7.1'] },
  catches: ['localList.staleVersion'],
  expectation: 'After a full list, a differential update adding one token carries updateType Differential, a version greater than the full list\'s, and only the new token with its id status.',
  actions: ['send the station a full local list with the valid token', 'then add the second valid token with a differential update'],
}, async ({ booted, station, drv, operate, facts, need, ocppVersion }) => {
  void booted;
  const [valid, valid2] = [need('valid'), need('valid2')];
  // A Differential update with a version not above the station's is refused (D01.FR.19 VersionMismatch).
  await fullThenDifferential({ station, drv, operate, stationId: facts.stationId, version: ocppVersion }, {
    full: [valid], add: [valid2], remove: [],
    // Only the new token, with its id status.
    entry: listEntry(ocppVersion, valid2, { status: 'Accepted' }),
  });
});

csmsCase({
  ids: { '2.0.1': 'TC_D_03_CSMS', '1.6': 'HX_TC_D_03_CSMS' },
  title: 'Send Local Authorization List - Differential Remove',
  area: 'authorization',
  useCase: { '2.0.1': 'D01 Send Local Authorization List', '1.6': '1.6 §5.15 Send Local List' },
  requirements: { '2.0.1': ['D01.FR.01', 'Part2§AuthorizationData'], '1.6': ['1.6§5.15', '1.6§7.1'] },
  catches: ['localList.removeAsInvalid'],
  expectation: 'A differential update removing a token sends that token without id info (2.0.1 AuthorizationData and D01.FR.17, 1.6 §7.1: an entry without idTagInfo is deleted), with a version above the list\'s.',
  actions: ['send the station a full local list with the valid and the blocked token', 'then remove the blocked token with a differential update'],
}, async ({ booted, station, drv, operate, facts, need, ocppVersion }) => {
  void booted;
  const [valid, blocked] = [need('valid'), need('blocked')];
  await fullThenDifferential({ station, drv, operate, stationId: facts.stationId, version: ocppVersion }, {
    full: [valid, blocked], add: [], remove: [blocked],
    // A removal is the token without id info.
    entry: listEntry(ocppVersion, blocked, absent()),
  });
});

csmsCase({
  ids: { '2.0.1': 'TC_D_04_CSMS' },
  title: 'Send Local Authorization List - Full with empty list',
  area: 'authorization',
  useCase: { '2.0.1': 'D01 Send Local Authorization List' },
  requirements: { '2.0.1': ['D01.FR.01', 'D01.FR.18'] },
  catches: ['localList.versionZero'],
  expectation: 'Emptying the list is a Full update without entries and with a versionNumber greater than 0 (D01.FR.18: 0 means "no list installed").',
  actions: ['send the station an empty full local list'],
}, async ({ booted, station, operate, facts }) => {
  void booted;
  await operate({ type: 'sendLocalList', stationId: facts.stationId, updateType: 'Full', add: [], remove: [] });
  await station.expectCall('SendLocalList', {
    updateType: 'Full', versionNumber: satisfies('> 0', (v) => typeof v === 'number' && v > 0),
    localAuthorizationList: satisfies('absent or empty', (l) => l === undefined || (Array.isArray(l) && l.length === 0)),
  }, { rule: 'D01.FR.01, D01.FR.18', within: station.timing.actionTimeout });
});

csmsCase({
  ids: { '2.0.1': 'TC_D_08_CSMS', '1.6': 'TC_042_2_CSMS' },
  title: 'Get Local List Version - Success',
  area: 'authorization',
  useCase: { '2.0.1': 'D02 Get Local List Version', '1.6': '1.6 §5.10 Get Local List Version' },
  requirements: { '2.0.1': ['Part2§D02'], '1.6': ['1.6§5.10'] },
  catches: ['localList.ignoresVersionRequest'],
  expectation: 'When its operator asks, the CSMS sends GetLocalListVersion (1.6 §5.10: the Central System SHALL send it to ask; 2.0.1 only says the CSMS can, D02: a missing request is a soft finding); the station answers (2.0.1 versionNumber, 1.6 listVersion 0 = empty list).',
  actions: ['ask the station for its local list version'],
}, async ({ booted, station, drv, operate, facts }) => {
  void booted;
  await operate({ type: 'getLocalListVersion', stationId: facts.stationId });
  await drv.level({ '1.6': 'shall', '2.0.1': 'should' }, () => station.expectCall('GetLocalListVersion', {}, { rule: drv.rule({ '1.6': '1.6§5.10', '2.0.1': 'Part2§D02' }), within: station.timing.actionTimeout }));
});

csmsCase({
  ids: { '2.0.1': 'TC_D_09_CSMS', '1.6': 'TC_042_1_CSMS' },
  title: 'Get Local List Version - No list available',
  area: 'authorization',
  useCase: { '2.0.1': 'D02 Get Local List Version', '1.6': '1.6 §5.10 Get Local List Version (not supported)' },
  requirements: { '2.0.1': ['Part2§D02', 'G02.FR.03'], '1.6': ['1.6§5.10', '1.6§4.6'] },
  catches: ['localList.ignoresVersionRequest'],
  expectation: 'When its operator asks, the CSMS sends GetLocalListVersion (1.6 §5.10 SHALL; 2.0.1 a soft finding, D02); the station has no list (2.0.1 versionNumber 0) or does not support local lists (1.6 listVersion -1), and the CSMS copes: it goes on answering the station (a Heartbeat with its time).',
  actions: ['ask the station for its local list version'],
}, async ({ booted, station, drv, operate, facts }) => {
  void booted;
  station.reply('GetLocalListVersion', drv.pick({ '2.0.1': { versionNumber: 0 }, '1.6': { listVersion: -1 } }));
  await operate({ type: 'getLocalListVersion', stationId: facts.stationId });
  await drv.level({ '1.6': 'shall', '2.0.1': 'should' }, () => station.expectCall('GetLocalListVersion', {}, { rule: drv.rule({ '1.6': '1.6§5.10', '2.0.1': 'Part2§D02' }), within: station.timing.actionTimeout }));
  await drv.heartbeat({}, { rule: { '1.6': '1.6§4.6', '2.0.1': 'G02.FR.03' } });
});

for (const answer of ['NotSupported', 'Failed'] as const) {
  csmsCase({
    ids: { '1.6': answer === 'NotSupported' ? 'TC_043_1_CSMS' : 'TC_043_3_CSMS' },
    title: `Send Local Authorization List - ${answer}`,
    area: 'authorization',
    useCase: { '1.6': '1.6 §5.15 Send Local List' },
    requirements: { '1.6': ['1.6§5.15', '1.6§7.1', '1.6§4.6'] },
    catches: ['localList.fullWithoutInfo'],
    expectation: `The operator sends a full local list: SendLocalList Full with every entry's idTagInfo (1.6 §5.15, §7.1); the station answers ${answer === 'NotSupported' ? 'NotSupported (no local list management)' : 'Failed (it could not store the list)'} and the CSMS copes: it goes on answering the station (a Heartbeat with its time).`,
    actions: ['send the station a full local list with the valid token'],
  }, async ({ booted, station, drv, operate, facts, need }) => {
    void booted;
    station.reply('SendLocalList', { status: answer });
    await operate({ type: 'sendLocalList', stationId: facts.stationId, updateType: 'Full', add: [need('valid')], remove: [] });
    const everyEntryHasInfo = satisfies('absent, or every entry with idTagInfo', (a) => a === undefined || (Array.isArray(a) && a.every((e) => typeof e === 'object' && e !== null && 'idTagInfo' in e)));
    await station.expectCall('SendLocalList', { updateType: 'Full', localAuthorizationList: everyEntryHasInfo }, { rule: '1.6§5.15, 1.6§7.1', within: station.timing.actionTimeout });
    await drv.heartbeat({}, { rule: { '1.6': '1.6§4.6' } });
  });
}
