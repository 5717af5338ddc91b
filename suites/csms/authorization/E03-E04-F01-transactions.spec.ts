/**
 * CSMS under test, transactions: a local session (card first or cable first), transactions
 * queued while offline and delivered after reconnecting, an offline start with a token the
 * CSMS rejects, and remote start and stop from the CSMS's operator.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { absent, oneOf, satisfies } from '../../../harness/model/match';
import { REPLY_LEVEL, STATUS_REPLY, STOP_REPLY } from '../../../harness/judge/as-station/station-driver';

/** The CSMS completes the WebSocket handshake and agrees the offered subprotocol (Part 4 / OCPP-J 1.6 §3.2). */
const HANDSHAKE = { '1.6': '1.6J§3.2', '2.0.1': 'Part4§3.2' };
/** The CSMS verifies the token of a transaction start and answers with its status (2.0.1 E01.FR.11, E01.FR.12; 1.6 §4.8). */
const START_REPLY = { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.11, E01.FR.12' };
/** The end of a transaction that carries a token is answered with the token's status (2.0.1 E01.FR.12; 1.6 §4.10). */
const STOP_WITH_TOKEN = { '1.6': '1.6§4.10', '2.0.1': 'E01.FR.12' };

csmsCase({
  ids: { '2.0.1': 'TC_E_03_CSMS', '1.6': 'TC_003_CSMS' },
  title: 'Local start transaction - Cable plugin first - Success',
  area: 'authorization',
  useCase: { '2.0.1': 'E03 Start Transaction options - cable plugin first', '1.6': '1.6 §4.8 / §4.10 Start and Stop Transaction' },
  requirements: { '2.0.1': ['C01.FR.07', 'E01.FR.11', 'E01.FR.12'], '1.6': ['1.6§4.1', '1.6§4.8', '1.6§4.10'] },
  catches: ['reply.late'],
  expectation: 'Cable in, valid card: Authorize Accepted, the transaction start Accepted (1.6 with a transactionId), charging acknowledged, the stop with the same card Accepted; every reply within the message timeout. 2.0.1 states no CSMS-side rule for answering status and token-less transaction messages: a missing reply there is a soft finding.',
}, async ({ booted, drv, need }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  await drv.authorize(token, { status: 'Accepted' }, { rule: { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.07' } });
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: START_REPLY });
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
  await drv.stopTransaction(tx, { rule: STOP_WITH_TOKEN, reason: 'Local', token, expectedInfo: { status: 'Accepted' } });
  await drv.level(REPLY_LEVEL, () => drv.status(c, drv.pick({ '1.6': 'Finishing', '2.0.1': 'Occupied' }), { rule: STATUS_REPLY }));
  await drv.level(REPLY_LEVEL, () => drv.status(c, 'Available', { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '2.0.1': 'HX_E04_01_CSMS', '1.6': 'TC_039_CSMS' },
  title: 'Offline Transaction - queued messages delivered after reconnecting',
  area: 'authorization',
  useCase: { '2.0.1': 'E04 Transaction started while offline', '1.6': '1.6 §4.8 / §4.10 (offline transactions)' },
  requirements: { '2.0.1': ['E01.FR.11', 'E01.FR.12'], '1.6': ['1.6§4.8', '1.6§4.10'] },
  catches: ['tx.losesOfflineTransaction'],
  expectation: 'A whole transaction (start, charging, stop) recorded while the station was offline is delivered after it reconnects, timestamped in the past (2.0.1 offline=true); the CSMS answers every message, the start Accepted (its token verified and answered: E01.FR.11/12; 1.6 §4.8, §4.10). Processing late messages like any other is only a SHOULD (E03 remark; 1.6 §3.7).',
  source: '2.0.1 counterpart of TC_039_CSMS: E04 (offline=true).',
}, async ({ booted, station, drv, need }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  await csmsTest.step('Station goes offline (connection closed)', () => station.disconnect(1001, 'offline'));
  const t0 = Date.now() - 10 * 60_000;
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: START_REPLY, at: new Date(t0) });
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY, at: new Date(t0 + 60_000) }));
  await drv.stopTransaction(tx, { rule: STOP_WITH_TOKEN, reason: 'Local', token, expectedInfo: { status: 'Accepted' }, at: new Date(t0 + 5 * 60_000) });
});

csmsCase({
  ids: { '2.0.1': 'HX_E04_03_CSMS', '1.6': 'TC_037_1_CSMS' },
  title: 'Offline Start Transaction - Valid IdTag',
  area: 'authorization',
  useCase: { '2.0.1': 'E04 Transaction started while offline', '1.6': '1.6 §4.8 Start Transaction (offline)' },
  requirements: { '2.0.1': ['E01.FR.11', 'E01.FR.12'], '1.6': ['1.6§4.8'] },
  catches: ['tx.losesOfflineTransaction'],
  expectation: 'A transaction started offline with a valid token and still running is delivered after reconnecting (2.0.1 offline=true); the CSMS answers its start Accepted and acknowledges the charging status.',
}, async ({ booted, station, drv, need }) => {
  const c = booted.connectors[0];
  await csmsTest.step('Station goes offline (connection closed)', () => station.disconnect(1001, 'offline'));
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  const tx = await drv.startTransaction(c, need('valid'), { status: 'Accepted' }, { rule: START_REPLY, at: new Date(Date.now() - 3 * 60_000) });
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '2.0.1': 'HX_E04_02_CSMS', '1.6': 'TC_037_3_CSMS' },
  title: 'Offline Start Transaction - Invalid IdTag',
  area: 'authorization',
  useCase: { '2.0.1': 'E04 Transaction started while offline', '1.6': '1.6 §4.8 Start Transaction (offline, StopTransactionOnInvalidId)' },
  requirements: { '2.0.1': ['E01.FR.11', 'E01.FR.12', 'E05.FR.01'], '1.6': ['1.6§4.8', '1.6§4.10'] },
  catches: ['tx.acceptsInvalidToken'],
  expectation: 'A transaction started offline with a token the CSMS does not know is answered with an id status other than Accepted when delivered; the station then stops it (DeAuthorized) and the CSMS answers the stop.',
  source: '2.0.1 counterpart: TC_E_16_CSMS (a TransactionEvent with an invalid idToken is answered Invalid/Unknown).',
}, async ({ booted, station, drv, need, ocppVersion }) => {
  const c = booted.connectors[0];
  await csmsTest.step('Station goes offline (connection closed)', () => station.disconnect(1001, 'offline'));
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  const notAccepted = oneOf(...(ocppVersion === '1.6' ? ['Invalid', 'Blocked', 'Expired'] : ['Invalid', 'Unknown', 'Blocked', 'Expired']));
  // The CSMS verifies every token of a transaction start (E01.FR.11, E05.FR.01; 1.6 §4.8 "MUST verify").
  const tx = await drv.startTransaction(c, need('unknown'), { status: notAccepted }, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.11, E05.FR.01' }, at: new Date(Date.now() - 5 * 60_000) });
  await drv.level(REPLY_LEVEL, () => drv.stopTransaction(tx, { rule: STOP_REPLY, reason: 'DeAuthorized', trigger: 'Deauthorized' }));
});

csmsCase({
  ids: { '2.0.1': 'HX_F01_01_CSMS', '1.6': 'HX_F01_01_CSMS' },
  title: 'Remote start and remote stop of a transaction (mobile app)',
  area: 'authorization',
  useCase: { '2.0.1': 'F01 Remote Start Transaction - Cable Plugin First / F03 Remote Stop Transaction', '1.6': '1.6 §5.11 Remote Start Transaction / §5.12 Remote Stop Transaction' },
  requirements: { '2.0.1': ['F01.FR.04', 'F03.FR.01', 'E01.FR.12'], '1.6': ['1.6§5.11', '1.6§4.8'] },
  catches: ['remote.wrongConnector'],
  expectation: 'The operator (or app) starts a session on EVSE 1 for the valid token: the CSMS sends the remote start with that token (F01.FR.04; 1.6 §5.11) for that EVSE / connector (the operator\'s choice, no requirement: a soft finding); the transaction the station starts is Accepted; the remote stop names that transaction (F03.FR.01; 1.6 has no CSMS-side rule for the remote stop, §5.12 binds the Charge Point: a soft finding).',
  actions: ['remote start on the station, EVSE 1 connector 1, for the valid token', 'remote stop of that transaction'],
  source: 'No OCTT CSMS id in the catalogue for F01/F03; written from the use cases.',
}, async ({ booted, station, drv, need, operate, facts, ocppVersion }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  // The request carries the token the station is to use (F01.FR.04; 1.6 §5.11).
  const rule = drv.rule({ '1.6': '1.6§5.11', '2.0.1': 'F01.FR.04' });
  await operate({ type: 'remoteStart', stationId: facts.stationId, evseId: c.evseId, connectorId: c.connectorId, idToken: token });
  const req = ocppVersion === '1.6'
    ? await station.expectCall('RemoteStartTransaction', { idTag: token }, { rule, within: station.timing.actionTimeout })
    : await station.expectCall('RequestStartTransaction', { idToken: { idToken: token }, remoteStartId: satisfies('an integer', Number.isInteger) }, { rule, within: station.timing.actionTimeout });
  // The EVSE / connector is the one the operator chose: no requirement says so (our check): a soft finding citing the request's rule.
  await drv.should(() => station.expectPayload(req, ocppVersion === '1.6' ? { connectorId: oneOf(absent(), drv.index(c)) } : { evseId: oneOf(absent(), c.evseId) }, { rule }));
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: START_REPLY, trigger: 'RemoteStart', remoteStartId: req.payload.remoteStartId as number | undefined });
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
  await operate({ type: 'remoteStop', stationId: facts.stationId, transactionId: String(tx.id) });
  // 2.0.1 F03.FR.01 (SHALL); 1.6: the Central System "can request" a remote stop (§5.12 binds the Charge Point): a soft finding citing §5.11.
  const stop = await drv.level({ '1.6': 'should', '2.0.1': 'shall' }, () => station.expectCall(ocppVersion === '1.6' ? 'RemoteStopTransaction' : 'RequestStopTransaction', { transactionId: tx.id }, { rule: drv.rule({ '1.6': '1.6§5.11', '2.0.1': 'F03.FR.01' }), within: station.timing.actionTimeout }));
  if (!stop) return;
  await drv.level(REPLY_LEVEL, () => drv.stopTransaction(tx, { rule: STOP_REPLY, reason: 'Remote', trigger: 'RemoteStop' }));
});
