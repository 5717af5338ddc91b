/** Stopping a transaction with a token: the same one, one of the same group, or another (2.0.1 C01.FR.03, C09, E07; 1.6 §4.1, §3.10; OCTT TC_068/069, TC_C_04/39/42, TC_E_06). */
import { ocppCase } from '../../../fixtures/ocpp-case';

const useCase = { '2.0.1': 'C01 EV Driver Authorization, C09 Authorization by GroupId, E07', '1.6': '1.6 §4.1 Authorize, §3.10 parentIdTag' };
const STOP = { '1.6': '1.6 §4.1', '2.0.1': 'C01.FR.03' } as const;

ocppCase({
  ids: { '2.0.1': 'TC_E_06_CS', '1.6': 'TC_068_CS' }, title: 'Local Stop Transaction - Same idToken', area: 'authorization', useCase,
  requirements: { '2.0.1': ['C01.FR.03', 'E07'], '1.6': ['1.6 §4.1', '1.6 §4.10'] },
  catches: ['auth.authorizesOwnStop'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'The token that started the transaction stops it without an Authorize; the relay opens.',
}, async ({ charging, auth, csms, hardware }) => {
  const mark = csms.mark('present the same token again');
  const stopped = auth.expectStopAuthorized({ rule: STOP, after: mark });
  const noAuthorize = csms.expectNoCall(auth.isAuthorize(charging.idToken), {}, { rule: auth.ocpp.rule(STOP), until: stopped, after: mark, because: 'to stop with the token that started the transaction' });
  await hardware.presentCard(charging.idToken, charging.connector);
  await Promise.all([stopped, noAuthorize]);
  await hardware.expectRelay(charging.connector, false, auth.ocpp.rule({ '1.6': '1.6 §4.1', '2.0.1': 'E07' }));
});

for (const [ids, title, group] of [
  [{ '2.0.1': 'TC_C_04_CS', '1.6': 'HX_TC_C_04_CS' }, 'Local Stop Transaction - Different idToken', undefined],
  [{ '2.0.1': 'TC_C_42_CS' }, 'Authorization by GroupId - Not stopped by a token of another group', 'other'],
] as const) {
  ocppCase({
    ids, title, area: 'authorization', useCase,
    requirements: { '2.0.1': ['C01.FR.03'], '1.6': ['1.6 §3.10'] },
    catches: ['auth.stopsWithOtherToken'],
    actions: ['plugIn', 'presentCard', 'observeRelay'],
    expectation: 'A different token that is not of the transaction\'s group does not stop it; energy keeps flowing.',
  }, async ({ evConnected, auth, csms, hardware, tokens }) => {
    const c = evConnected.connector;
    auth.replyAuthorize(tokens.valid, 'Accepted', group ? tokens.group : undefined);
    auth.replyAuthorize(tokens.otherGroup, 'Accepted', group ? tokens.otherGroupId : undefined);
    await hardware.presentCard(tokens.valid, c);
    await auth.expectTransactionStarted(c, tokens.valid, { rule: { '1.6': '1.6 §4.8', '2.0.1': 'C01.FR.01' } });
    const mark = csms.mark('present another token');
    await hardware.presentCard(tokens.otherGroup, c);
    await auth.expectAuthorize(tokens.otherGroup, { rule: { '1.6': '1.6 §4.1', '2.0.1': 'C01.FR.02' }, after: mark });
    await csms.expectNoCall(auth.isStop(), {}, { rule: auth.ocpp.rule({ '1.6': 'HX_TC_C_04_CS', '2.0.1': ids['2.0.1'] }), forSeconds: csms.timing.messageTimeout / 2, after: mark, because: 'by a token of no common group' });
    await hardware.expectRelay(c, true, auth.ocpp.rule({ '1.6': 'HX_TC_C_04_CS', '2.0.1': ids['2.0.1'] }));
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_39_CS', '1.6': 'TC_069_CS' }, title: 'Authorization by GroupId - Success', area: 'authorization', useCase,
  requirements: { '2.0.1': ['C01.FR.03', 'C09'], '1.6': ['1.6 §3.10', 'TC_069_CS'] },
  catches: ['auth.ignoresGroup'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'A second token of the same group (groupIdToken / parentIdTag) stops the transaction; the relay opens.',
}, async ({ evConnected, auth, csms, hardware, tokens }) => {
  const c = evConnected.connector;
  auth.replyAuthorize(tokens.valid, 'Accepted', tokens.group);
  auth.replyAuthorize(tokens.valid2, 'Accepted', tokens.group);
  await hardware.presentCard(tokens.valid, c);
  await auth.expectTransactionStarted(c, tokens.valid, { rule: { '1.6': '1.6 §4.8', '2.0.1': 'C01.FR.01' } });
  const mark = csms.mark('present a token of the same group');
  await hardware.presentCard(tokens.valid2, c);
  await auth.expectStopAuthorized({ rule: { '1.6': 'TC_069_CS', '2.0.1': 'C01.FR.03' }, after: mark });
  await hardware.expectRelay(c, false, auth.ocpp.rule({ '1.6': 'TC_069_CS', '2.0.1': 'C01.FR.03' }));
});
