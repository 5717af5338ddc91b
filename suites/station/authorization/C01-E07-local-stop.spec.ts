/** Stopping a transaction with a token: the same one, one of the same group, or another (2.0.1 C01.FR.03, C09, E07; 1.6 §3.4, §3.10, §4.1; OCTT TC_068/069, TC_C_04/39/42, TC_E_06). */
import { ocppCase } from '../../../fixtures/ocpp-case';

const useCase = { '2.0.1': 'C01 EV Driver Authorization, C09 Authorization by GroupId, E07', '1.6': '1.6 §4.1 Authorize, §3.10 parentIdTag' };
/** The token that started the transaction ends it without an Authorize (2.0.1 C01.FR.03 / E07.FR.01; 1.6 §3.4 MUST NOT authorize it, §4.10 StopTransaction). */
const STOP = { '1.6': '1.6§3.4, 1.6§4.10', '2.0.1': 'C01.FR.03, E07.FR.01' } as const;
const NO_AUTHORIZE = { '1.6': '1.6§3.4', '2.0.1': 'C01.FR.03, E07.FR.01' } as const;
/** The transaction starts with the presented token (2.0.1 E01.FR.10; 1.6 §4.8). */
const STARTED = { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.10' } as const;

ocppCase({
  ids: { '2.0.1': 'TC_E_06_CS', '1.6': 'TC_068_CS' }, title: 'Local Stop Transaction - Same idToken', area: 'authorization', useCase,
  requirements: { '2.0.1': ['C01.FR.03', 'E07.FR.01', 'E07.FR.02'], '1.6': ['1.6§3.4', '1.6§4.1', '1.6§4.10'] },
  catches: ['auth.authorizesOwnStop', 'tx.seqNoSkips'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'The token that started the transaction stops it without an Authorize; the relay opens.',
}, async ({ charging, auth, csms, hardware }) => {
  const mark = csms.mark('present the same token again');
  const stopped = auth.expectStopAuthorized({ rule: STOP, after: mark });
  const noAuthorize = csms.expectNoCall(auth.isAuthorize(charging.idToken), {}, { rule: auth.ocpp.rule(NO_AUTHORIZE), until: stopped, after: mark, because: 'to stop with the token that started the transaction' });
  await hardware.presentCard(charging.idToken, charging.connector);
  await Promise.all([stopped, noAuthorize]);
  // Ending the authorization ends the delivery of energy (E07.FR.01 note; 1.6 §4.1: energy only while authorized).
  await hardware.expectRelay(charging.connector, false, auth.ocpp.rule({ '1.6': '1.6§4.1', '2.0.1': 'E07.FR.01' }));
});

for (const [ids, title, group] of [
  [{ '2.0.1': 'TC_C_04_CS', '1.6': 'HX_TC_C_04_CS' }, 'Local Stop Transaction - Different idToken', undefined],
  [{ '2.0.1': 'TC_C_42_CS' }, 'Authorization by GroupId - Not stopped by a token of another group', 'other'],
] as const) {
  ocppCase({
    ids, title, area: 'authorization', useCase,
    requirements: { '2.0.1': ['C01.FR.03'], '1.6': ['1.6§3.10'] },
    catches: ['auth.stopsWithOtherToken'],
    actions: ['plugIn', 'presentCard', 'observeRelay'],
    expectation: 'A different token that is not of the transaction\'s group does not stop it; energy keeps flowing. No FR says "another token shall not stop": C01.FR.03 (1.6 §3.10) lists who may end the authorization, and is cited by contraposition.',
  }, async ({ evConnected, auth, csms, hardware, tokens }) => {
    const c = evConnected.connector;
    auth.replyAuthorize(tokens.valid, 'Accepted', group ? tokens.group : undefined);
    auth.replyAuthorize(tokens.otherGroup, 'Accepted', group ? tokens.otherGroupId : undefined);
    await hardware.presentCard(tokens.valid, c);
    await auth.expectTransactionStarted(c, tokens.valid, { rule: STARTED });
    const mark = csms.mark('present another token');
    await hardware.presentCard(tokens.otherGroup, c);
    await auth.expectAuthorize(tokens.otherGroup, { rule: { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.02' }, after: mark });
    const onlyOwnOrGroup = auth.ocpp.rule({ '1.6': '1.6§3.10', '2.0.1': 'C01.FR.03' });
    await csms.expectNoCall(auth.isStop(), {}, { rule: onlyOwnOrGroup, forSeconds: csms.timing.messageTimeout / 2, after: mark, because: 'by a token of no common group' });
    await hardware.expectRelay(c, true, onlyOwnOrGroup);
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_39_CS', '1.6': 'TC_069_CS' }, title: 'Authorization by GroupId - Success', area: 'authorization', useCase,
  requirements: { '2.0.1': ['C09.FR.03', 'C09.FR.05'], '1.6': ['1.6§3.10'] },
  catches: ['auth.ignoresGroup'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'A second token of the same group (groupIdToken / parentIdTag), authorized online first since it is in neither list nor cache (C09.FR.05), stops the transaction (C09.FR.03); the relay opens.',
}, async ({ evConnected, auth, csms, hardware, tokens }) => {
  const c = evConnected.connector;
  auth.replyAuthorize(tokens.valid, 'Accepted', tokens.group);
  auth.replyAuthorize(tokens.valid2, 'Accepted', tokens.group);
  await hardware.presentCard(tokens.valid, c);
  await auth.expectTransactionStarted(c, tokens.valid, { rule: STARTED });
  const mark = csms.mark('present a token of the same group');
  await hardware.presentCard(tokens.valid2, c);
  const groupStop = { '1.6': '1.6§3.10', '2.0.1': 'C09.FR.03, C09.FR.05' };
  await auth.expectStopAuthorized({ rule: groupStop, after: mark });
  await hardware.expectRelay(c, false, auth.ocpp.rule(groupStop));
});
