/** Local start with a card or keypad code, and refusals (2.0.1 C01, E03; 1.6 §4.1, §4.8; OCTT TC_003/004/023, TC_C_02/05/06/07/56, TC_E_03/04). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { UnlockDriver } from '../../../harness/judge/as-csms/remote-driver';
import { TransactionDriver } from '../../../harness/judge/as-csms/transaction-driver';
import { needs } from '../../../harness/model/profile';

const START = { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.01' } as const;
const AUTHORIZE = { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.02' } as const;
const useCase = { '2.0.1': 'C01 EV Driver Authorization using RFID', '1.6': '1.6 §4.1 Authorize, §4.8 Start Transaction' };

ocppCase({
  ids: { '2.0.1': 'TC_E_03_CS', '1.6': 'TC_003_CS' }, title: 'Local start transaction - Cable plugin first - Success', area: 'authorization', useCase,
  requirements: { '2.0.1': ['C01.FR.01', 'C01.FR.02', 'E03.FR.01'], '1.6': ['1.6§4.1', '1.6§4.8'] },
  catches: ['relay.closesBeforeAuthorized', 'tx.wrongIdToken', 'tx.unknownConnector'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'With the cable in, no energy flows until the card is authorized; then the transaction starts with that token and energy flows.',
}, async ({ evConnected, auth, hardware, tokens }) => {
  const c = evConnected.connector;
  await hardware.expectRelay(c, false, auth.ocpp.rule(START));
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: AUTHORIZE });
  await auth.expectTransactionStarted(c, tokens.valid, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E03.FR.01' } });
  await hardware.expectRelay(c, true, auth.ocpp.rule(START));
  await hardware.expectEnergyRising(c, auth.ocpp.rule(START));
});

ocppCase({
  ids: { '2.0.1': 'TC_E_04_CS', '1.6': 'TC_004_1_CS' }, title: 'Local start transaction - Authorization first - Success', area: 'authorization', useCase,
  requirements: { '2.0.1': ['C01.FR.01', 'C01.FR.02', 'E03.FR.01'], '1.6': ['1.6§4.1', '1.6§4.8', '1.6§4.9'] },
  catches: ['tx.wrongIdToken'],
  actions: ['presentCard', 'plugIn', 'observeRelay'],
  expectation: 'The card is authorized first (1.6: connector Preparing); the transaction starts when the cable is plugged in, and only then energy flows.',
}, async ({ booted, auth, ocpp, hardware, tokens }) => {
  const c = booted.connectors[0];
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: AUTHORIZE });
  // 1.6: Preparing once authorized (§7.7), a status change the Charge Point SHALL report (§4.9 as amended by errata v4.0 §3.19); 2.0.1 has no status for it.
  await ocpp.level({ '1.6': 'shall' }, () => ocpp.expectStatus(c, { '1.6': 'Preparing' }, { rule: '1.6§4.9', within: 5 }));
  await hardware.expectRelay(c, false, ocpp.rule(START));
  await hardware.plugIn(c);
  await auth.expectTransactionStarted(c, tokens.valid, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E03.FR.01' } });
  await hardware.expectRelay(c, true, ocpp.rule(START));
});

ocppCase({
  ids: { '1.6': 'TC_004_2_CS' }, title: 'Regular Charging Session - Identification First - ConnectionTimeOut', area: 'authorization', useCase,
  requirements: { '1.6': ['1.6§9.1.ConnectionTimeOut', '1.6§4.9'] },
  catches: ['auth.ignoresConnectionTimeOut'],
  actions: ['presentCard'],
  expectation: 'Authorized but no cable: after ConnectionTimeOut the connector is Available again (window: timeout - 1 s .. timeout + 10 s).',
  source: 'OCTT 1.6 TC_004_2_CS as read by third-party tools; window from the PNA reading.',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  const timeout = 40; // scaled about 2 s embedded: the lower bound stays well above a busy machine's slack
  await ocpp.configure(SETTINGS.connectionTimeOut, String(timeout));
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: '1.6§4.1' });
  const preparing = await ocpp.expectStatus(c, { '1.6': 'Preparing' }, { rule: '1.6§4.9' });
  const available = await ocpp.expectStatus(c, 'Available', { rule: '1.6§9.1.ConnectionTimeOut', within: timeout + 10, after: preparing.entry });
  const gap = available.entry.t - preparing.entry.t;
  const min = (timeout - 1) * csms.timing.scale * 1000 - csms.timing.slackMs;
  if (gap < min) throw csms.failure('1.6§9.1.ConnectionTimeOut', `Available no earlier than ConnectionTimeOut - 1 s (${timeout - 1} s)`, `after ${gap} ms`);
});

for (const [status, ids] of [
  ['Invalid', { '2.0.1': 'TC_C_02_CS', '1.6': 'TC_023_CS' }],
  ['Blocked', { '2.0.1': 'TC_C_06_CS', '1.6': 'HX_TC_C_06_CS' }],
  ['Expired', { '2.0.1': 'TC_C_07_CS', '1.6': 'HX_TC_C_07_CS' }],
  ['Unknown', { '2.0.1': 'TC_C_56_CS' }],
] as const) {
  ocppCase({
    ids, title: `Local start transaction - Authorization ${status}`, area: 'authorization', useCase,
    requirements: { '2.0.1': ['C01.FR.01', 'C01.FR.02'], '1.6': ['1.6§4.1'] },
    catches: ['auth.startsOnBlocked'],
    actions: ['plugIn', 'presentCard', 'observeRelay'],
    expectation: `A token the CSMS answers ${status} starts no transaction within the message timeout, and no energy flows.`,
  }, async ({ evConnected, auth, csms, hardware, tokens }) => {
    const c = evConnected.connector;
    const token = { Invalid: tokens.invalid, Blocked: tokens.blocked, Expired: tokens.expired, Unknown: tokens.unknown }[status];
    auth.replyAuthorize(token, status);
    const mark = csms.mark(`present the ${status} token`);
    await hardware.presentCard(token, c);
    await auth.expectAuthorize(token, { rule: AUTHORIZE, after: mark });
    await auth.expectNoTransactionStart({ rule: START, after: mark, because: `for a token answered ${status}` });
    await hardware.expectRelay(c, false, auth.ocpp.rule(START));
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_05_CS' }, title: 'Local start transaction - Authorization invalid - Cable lock', area: 'authorization', useCase,
  needs: [needs.cable('socket')],
  requirements: { '2.0.1': ['C01.FR.01', 'C01.FR.02', 'E01.FR.03'] },
  catches: ['auth.startsOnBlocked', 'relay.closesBeforeAuthorized'],
  actions: ['presentCard', 'plugIn', 'observeRelay'],
  expectation: 'On a socket with a cable lock, a token presented before the cable and answered Invalid authorizes nothing: no transaction starts (TxStartPoint Authorized where the station lets it be set), and when the cable then comes no energy flows. A station whose connectors all have a fixed cable is not applicable.',
  source: 'OCTT TC_C_05_CS (prerequisite: a cable lock, TxStartPoint not read-only without Authorized); the cable plugged in afterwards is ours, to show the refused token left no authorization behind.',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  void booted;
  const tx = new TransactionDriver(auth);
  const c = new UnlockDriver(ocpp).connectorWith('socket');
  await tx.usePoint('TxStartPoint', 'Authorized');
  auth.replyAuthorize(tokens.invalid, 'Invalid');
  const mark = csms.mark('present the Invalid token, no cable yet');
  await hardware.presentCard(tokens.invalid, c);
  await auth.expectAuthorize(tokens.invalid, { rule: 'C01.FR.02', after: mark });
  await auth.expectNoTransactionStart({ rule: 'C01.FR.01, E01.FR.03', after: mark, because: 'for a token answered Invalid' });
  const plugged = csms.mark('plug the cable in after the refused token');
  await hardware.plugIn(c);
  await ocpp.expectNoCharging(c, { rule: 'C01.FR.01', forSeconds: csms.timing.messageTimeout / 4, after: plugged, because: 'no token was authorized' });
  await hardware.expectRelay(c, false, 'C01.FR.01');
});

ocppCase({
  ids: { '2.0.1': 'HX_C01_KEYPAD_CS', '1.6': 'HX_C01_KEYPAD_CS' }, title: 'Local start transaction - Keypad code', area: 'authorization', useCase,
  needs: [needs.keypad()],
  requirements: { '2.0.1': ['C01.FR.02', 'E03.FR.01'], '1.6': ['1.6§4.1', '1.6§4.8'] },
  catches: { '2.0.1': ['keypad.wrongTokenType', 'tx.wrongIdToken'], '1.6': ['tx.wrongIdToken'] },
  actions: ['plugIn', 'enterCode'],
  expectation: 'A code typed on the keypad is authorized like a card and starts the transaction. 2.0.1: the idToken type KeyCode is expected; C04 (PIN-code) is an informative use case whose FRs bind the CSMS, so a different type is a soft finding citing C01.FR.02.',
  source: 'No OCTT id: derived from C01 and IdTokenEnumType (KeyCode: "a PIN code entered on a keypad").',
}, async ({ evConnected, auth, csms, hardware, tokens }) => {
  const c = evConnected.connector;
  await hardware.enterCode(tokens.keypadCode, c);
  const authorize = await auth.expectAuthorize(tokens.keypadCode, { rule: AUTHORIZE });
  if (auth.ocpp.version !== '1.6') await auth.ocpp.should(() => csms.expectPayload(authorize, { idToken: { idToken: tokens.keypadCode, type: 'KeyCode' } }, { rule: 'C01.FR.02' }));
  await auth.expectTransactionStarted(c, tokens.keypadCode, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E03.FR.01' } });
});
