/** The Local Authorization List: updates, versions, and authorization from it (2.0.1 D01, D02, C14; 1.6 §5.10, §5.15, §3.5.2). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';

/** The local list is an optional feature (1.6 LocalAuthListManagement, 2.0.1 Local Auth List Management). */
const listNeeds = [needs.feature('LocalAuthListManagement'), needs.writable(SETTINGS.listEnabled)];

const listUseCase = { '2.0.1': 'D01 Send Local Authorization List, D02 Get Local List Version', '1.6': '1.6 §5.15 Send Local List, §5.10 Get Local List Version' };

ocppCase({
  ids: { '2.0.1': 'TC_D_01_CS', '1.6': 'TC_043_CS' }, title: 'Send Local Authorization List - Full and Differential', area: 'authorization', useCase: listUseCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D01.FR.15', 'D01.FR.16', 'D02.FR.01'], '1.6': ['1.6§5.15', '1.6§5.10'] },
  catches: ['localList.reportsNoVersion', 'reply.late'],
  expectation: 'A Full list (version 3) and a Differential update (version 4) are Accepted, and GetLocalListVersion reports each version.',
}, async ({ booted, ocpp, auth, tokens }) => {
  void booted;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(3, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.15' } });
  await auth.expectListVersion(3, { rule: { '1.6': '1.6§5.10', '2.0.1': 'D02.FR.01' } });
  await auth.sendLocalList(4, 'Differential', [{ token: tokens.valid2, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.16' } });
  await auth.expectListVersion(4, { rule: { '1.6': '1.6§5.10', '2.0.1': 'D02.FR.01' } });
});

ocppCase({
  ids: { '2.0.1': 'TC_D_06_CS', '1.6': 'TC_043_2_CS' }, title: 'Send Local Authorization List - VersionMismatch', area: 'authorization', useCase: listUseCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D01.FR.19'], '1.6': ['1.6§7.47', '1.6§5.15', '1.6§5.10'] },
  catches: ['localList.ignoresVersion'],
  expectation: 'A Differential update whose version is not newer than the list\'s is refused with VersionMismatch, and the version stays.',
}, async ({ booted, ocpp, auth, tokens }) => {
  void booted;
  // The updates before the stale one: 2.0.1 D01.FR.15/16, D02.FR.01; 1.6 §5.15, §5.10.
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(2, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.15' } });
  await auth.sendLocalList(5, 'Differential', [{ token: tokens.valid2, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.16' } });
  await auth.expectListVersion(5, { rule: { '1.6': '1.6§5.10', '2.0.1': 'D02.FR.01' } });
  // A differential update whose version is not above the list's: VersionMismatch, and the version stays (2.0.1 D01.FR.19; 1.6 §7.47 UpdateStatus).
  const rule = { '1.6': '1.6§7.47', '2.0.1': 'D01.FR.19' };
  await auth.sendLocalList(4, 'Differential', [{ token: tokens.otherGroup, status: 'Accepted' }], 'VersionMismatch', { rule });
  await auth.expectListVersion(5, { rule });
});

ocppCase({
  ids: { '2.0.1': 'TC_C_27_CS', '1.6': 'TC_008_CS' }, title: 'Online authorization through local authorization list - Accepted', area: 'authorization',
  needs: listNeeds,
  useCase: { '2.0.1': 'C14 Online Authorization through Local Authorization List', '1.6': '1.6 §3.5.2 Local Authorization List' },
  requirements: { '2.0.1': ['C14.FR.02'], '1.6': ['1.6§9.1.LocalPreAuthorize', '1.6§3.5.2'] },
  catches: ['auth.ignoresLocalList', 'auth.ignoresLocalPreAuthorize'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'A token Accepted in the local list starts a transaction without an Authorize (LocalPreAuthorize on, cache off).',
}, async ({ evConnected, ocpp, auth, csms, hardware, tokens }) => {
  const c = evConnected.connector;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.cacheEnabled, 'false');
  await auth.sendLocalList(7, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.15' } });
  const mark = csms.mark('present a token from the local list');
  await hardware.presentCard(tokens.valid, c);
  // 1.6: with LocalPreAuthorize the Charge Point starts for a locally authorized id without waiting for Authorize (the key's definition, §9.1.13).
  const rule = ocpp.rule({ '1.6': '1.6§9.1.LocalPreAuthorize', '2.0.1': 'C14.FR.02' });
  await auth.expectStartedWithoutAuthorize(c, tokens.valid, { rule, after: mark, because: 'for a token Accepted in the local list' });
  await hardware.expectRelay(c, true, rule);
});

ocppCase({
  ids: { '2.0.1': 'TC_C_29_CS' }, title: 'Online authorization through local authorization list - Blocked', area: 'authorization',
  needs: listNeeds,
  useCase: { '2.0.1': 'C14 Online Authorization through Local Authorization List' },
  requirements: { '2.0.1': ['C14.FR.03'] },
  catches: ['auth.trustsLocalRejection'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'A token Blocked in the local list is checked with the CSMS (AuthorizeRequest); answered Blocked, no transaction starts.',
}, async ({ evConnected, ocpp, auth, csms, hardware, tokens }) => {
  const c = evConnected.connector;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(8, 'Full', [{ token: tokens.blocked, status: 'Blocked' }], 'Accepted', { rule: 'D01.FR.15' });
  auth.replyAuthorize(tokens.blocked, 'Blocked');
  const mark = csms.mark('present a token Blocked in the list');
  await hardware.presentCard(tokens.blocked, c);
  await auth.expectAuthorize(tokens.blocked, { rule: 'C14.FR.03', after: mark });
  await auth.expectNoTransactionStart({ rule: 'C01.FR.01', after: mark, because: 'for a Blocked token' });
});

ocppCase({
  ids: { '2.0.1': 'TC_D_04_CS', '1.6': 'TC_042_2_CS' }, title: 'Send Local Authorization List - Full with empty list', area: 'authorization', useCase: listUseCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D01.FR.04', 'D02.FR.01', 'C01.FR.02'], '1.6': ['1.6§5.10', '1.6§6.41', '1.6§4.1'] },
  catches: ['localList.fullEmptyKeepsEntries'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'A Full update without entries empties the list: 1.6 then reports version 0 ("empty"), 2.0.1 keeps the version sent (D01.FR.04); a token that was in the list is authorized online again.',
}, async ({ evConnected, ocpp, auth, csms, hardware, tokens }) => {
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.cacheEnabled, 'false');
  await auth.sendLocalList(5, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.15' } });
  await auth.sendLocalList(6, 'Full', [], 'Accepted', { rule: { '1.6': '1.6§6.41', '2.0.1': 'D01.FR.04' } });
  await auth.expectListVersion(auth.versionOfEmptyList(6), { rule: { '1.6': '1.6§5.10, 1.6§6.41', '2.0.1': 'D01.FR.04, D02.FR.01' } });
  const mark = csms.mark('present the token that was in the list');
  await hardware.presentCard(tokens.valid, evConnected.connector);
  // The list is empty: the token is unknown and goes to the CSMS (2.0.1 D01.FR.04, C01.FR.02; 1.6 §6.41, §4.1).
  await auth.expectAuthorize(tokens.valid, { rule: { '1.6': '1.6§6.41, 1.6§4.1', '2.0.1': 'D01.FR.04, C01.FR.02' }, after: mark });
});

ocppCase({
  ids: { '2.0.1': 'TC_D_10_CS', '1.6': 'TC_042_1_CS' }, title: 'Get Local List Version - Function disabled', area: 'authorization', useCase: listUseCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D02.FR.03'], '1.6': ['1.6§5.10'] },
  catches: ['localList.versionWhenDisabled'],
  expectation: 'With the local list disabled, GetLocalListVersion reports 0 (2.0.1) or -1 (1.6: no local list).',
  source: '1.6 TC_042_1_CS also accepts CALLERROR NotSupported from a station without the feature profile; this variant switches the list off.',
}, async ({ booted, ocpp, auth, tokens }) => {
  void booted;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(5, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.15' } });
  await ocpp.configure(SETTINGS.listEnabled, 'false');
  await auth.expectListVersion(auth.versionWhenDisabled, { rule: { '1.6': '1.6§5.10', '2.0.1': 'D02.FR.03' } });
});
