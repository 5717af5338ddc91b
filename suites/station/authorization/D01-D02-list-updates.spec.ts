/** Local Authorization List updates and versions (2.0.1 D01, D02; 1.6 §5.15, §7.47; OCTT TC_D_02/03/05/07/08_CS, TC_043_1_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';

/** The local list is an optional feature (2.0.1 Local Auth List Management). */
const listNeeds = [needs.feature('LocalAuthListManagement'), needs.writable(SETTINGS.listEnabled)];
const useCase = { '2.0.1': 'D01 Send Local Authorization List, D02 Get Local List Version' };
/** OCTT "<Configured versionNumber>" (> 1) of the memory state IdTokenLocalAuthList. */
const VERSION = 3;

ocppCase({
  ids: { '2.0.1': 'TC_D_02_CS' }, title: 'Send Local Authorization List - Differential Update', area: 'authorization', useCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D01.FR.02', 'D01.FR.16', 'D02.FR.01'] },
  catches: ['localList.reportsNoVersion'],
  expectation: 'A Differential update adding a token (version + 1) is Accepted, and GetLocalListVersion reports the new version.',
}, async ({ booted, ocpp, auth, tokens }) => {
  void booted;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(VERSION, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: 'D01.FR.15' });
  await auth.sendLocalList(VERSION + 1, 'Differential', [{ token: tokens.valid2, status: 'Accepted' }], 'Accepted', { rule: 'D01.FR.02, D01.FR.16' });
  await auth.expectListVersion(VERSION + 1, { rule: 'D01.FR.16, D02.FR.01' });
});

ocppCase({
  ids: { '2.0.1': 'TC_D_03_CS' }, title: 'Send Local Authorization List - Differential Remove', area: 'authorization', useCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D01.FR.02', 'D01.FR.17', 'D02.FR.01', 'C01.FR.02'] },
  catches: ['localList.ignoresRemove', 'localList.reportsNoVersion'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'A Differential update whose entry has no idTokenInfo is Accepted and removes the token (version + 1): the token is then sent to the CSMS in an AuthorizeRequest.',
  source: 'OCTT TC_D_03_CS checks the answer and the version; that the token is really gone (it goes to the CSMS again, cache off) is ours, from D01.FR.17 and C01.FR.02.',
}, async ({ evConnected, ocpp, auth, csms, hardware, tokens }) => {
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.cacheEnabled, 'false');
  await auth.sendLocalList(VERSION, 'Full', [{ token: tokens.valid, status: 'Accepted' }, { token: tokens.valid2, status: 'Accepted' }], 'Accepted', { rule: 'D01.FR.15' });
  await auth.sendLocalList(VERSION + 1, 'Differential', [{ token: tokens.valid }], 'Accepted', { rule: 'D01.FR.02, D01.FR.17' });
  await auth.expectListVersion(VERSION + 1, { rule: 'D01.FR.17, D02.FR.01' });
  const mark = csms.mark('present the token removed from the list');
  await hardware.presentCard(tokens.valid, evConnected.connector);
  // Removed: the token is in neither list nor cache and goes to the CSMS (D01.FR.17, C01.FR.02).
  await auth.expectAuthorize(tokens.valid, { rule: 'D01.FR.17, C01.FR.02', after: mark });
});

ocppCase({
  ids: { '2.0.1': 'TC_D_05_CS' }, title: 'Send Local Authorization List - Differential with empty list', area: 'authorization', useCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D01.FR.02', 'D01.FR.05', 'D02.FR.01'] },
  catches: ['localList.emptyDifferentialKeepsVersion', 'localList.reportsNoVersion'],
  expectation: 'A Differential update without entries is Accepted; the list stays as it was but takes the version sent (version + 1).',
}, async ({ booted, ocpp, auth, tokens }) => {
  void booted;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(VERSION, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: 'D01.FR.15' });
  await auth.sendLocalList(VERSION + 1, 'Differential', [], 'Accepted', { rule: 'D01.FR.02, D01.FR.05' });
  await auth.expectListVersion(VERSION + 1, { rule: 'D01.FR.05, D02.FR.01' });
});

ocppCase({
  ids: { '2.0.1': 'TC_D_07_CS' }, title: 'Send Local Authorization List - Persistent over reboot', area: 'authorization', useCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D01.FR.10', 'D02.FR.01'] },
  catches: ['localList.lostOnReboot'],
  actions: ['powerCycle'],
  expectation: 'The local list and its version survive a power cycle: GetLocalListVersion after the reboot reports the version installed before. D01.FR.10 is a SHOULD: a lost list is a soft finding.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(VERSION, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: 'D01.FR.15' });
  const mark = csms.mark('power cycle');
  await hardware.powerCycle();
  const boot = await csms.expectCall('BootNotification', {}, { rule: 'B01.FR.01', within: csms.timing.rebootTimeout, after: mark });
  await ocpp.expectStatuses(booted.connectors, 'Available', { rule: 'B01.FR.05', after: boot.entry });
  await ocpp.should(() => auth.expectListVersion(VERSION, { rule: 'D01.FR.10' }));
});

ocppCase({
  ids: { '2.0.1': 'TC_D_08_CS' }, title: 'Get Local List Version - Success', area: 'authorization', useCase,
  needs: listNeeds,
  requirements: { '2.0.1': ['D02.FR.01'] },
  catches: ['localList.reportsNoVersion'],
  expectation: 'With a list installed (version > 0), GetLocalListVersion reports its version.',
}, async ({ booted, ocpp, auth, tokens }) => {
  void booted;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await auth.sendLocalList(VERSION, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: 'D01.FR.15' });
  await auth.expectListVersion(VERSION, { rule: 'D02.FR.01' });
});

ocppCase({
  ids: { '1.6': 'TC_043_1_CS' }, title: 'Send Local Authorization List - NotSupported', area: 'authorization',
  useCase: { '1.6': '1.6 §5.15 Send Local List' },
  requirements: { '1.6': ['1.6§5.15', '1.6§7.47', '1.6J§4.2.3'] },
  catches: ['localList.unsupportedAnswersFailed'],
  expectation: 'SendLocalList to a station that takes no list updates is refused: status NotSupported or CALLERROR NotSupported (NotImplemented is taken too). As in OCTT TC_042_1_CS: a station without the LocalAuthListManagement feature profile, or one with it and LocalAuthListEnabled false; one that accepts updates while disabled is not applicable.',
  source: 'OCTT TC_043_1_CS (precondition: profile not supported; conf NotSupported or CALLERROR NotSupported); 1.6 §7.47 UpdateStatus NotSupported, 1.6J §4.2.3 error codes; the disabled list as in TC_042_1_CS.',
}, async ({ booted, auth, tokens }) => {
  void booted;
  await auth.expectListRefusedAsUnsupported([{ token: tokens.valid }], { rule: '1.6§7.47, 1.6§5.15' });
});
