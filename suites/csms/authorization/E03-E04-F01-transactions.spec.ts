/**
 * CSMS under test, transactions: a local session (card first or cable first), transactions
 * queued while offline and delivered after reconnecting, an offline start with a token the
 * CSMS rejects, and remote start and stop from the CSMS's operator.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { absent, oneOf, satisfies } from '../../../harness/model/match';

const STATUS_RULE = { '1.6': '1.6 §4.9', '2.0.1': 'G01.FR.01' };

csmsCase({
  ids: { '2.0.1': 'TC_E_03_CSMS', '1.6': 'HX_TC_E_03_CSMS' },
  title: 'Local start transaction - Cable plugin first - Success',
  area: 'authorization',
  useCase: { '2.0.1': 'E03 Start Transaction options - cable plugin first', '1.6': '1.6 §4.8 / §4.10 Start and Stop Transaction' },
  requirements: { '2.0.1': ['C01.FR.02', 'E01'], '1.6': ['1.6 §4.1', '1.6 §4.8', '1.6 §4.10'] },
  catches: ['reply.late'],
  expectation: 'Cable in, valid card: Authorize Accepted, the transaction start Accepted (1.6 with a transactionId), charging acknowledged, the stop with the same card Accepted; every reply within the message timeout.',
}, async ({ booted, drv, need }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  await drv.plugIn(c, { rule: STATUS_RULE });
  await drv.authorize(token, { status: 'Accepted' }, { rule: { '1.6': '1.6 §4.1', '2.0.1': 'C01.FR.02' } });
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: { '1.6': '1.6 §4.8', '2.0.1': 'E01' } });
  await drv.charging(tx, { rule: { '1.6': STATUS_RULE['1.6'], '2.0.1': 'E01' } });
  await drv.stopTransaction(tx, { rule: { '1.6': '1.6 §4.10', '2.0.1': 'E06' }, reason: 'Local', token, expectedInfo: { status: 'Accepted' } });
  await drv.status(c, drv.pick({ '1.6': 'Finishing', '2.0.1': 'Occupied' }), { rule: STATUS_RULE });
  await drv.status(c, 'Available', { rule: STATUS_RULE });
});

csmsCase({
  ids: { '2.0.1': 'HX_E04_01_CSMS', '1.6': 'TC_039_CSMS' },
  title: 'Offline Transaction - queued messages delivered after reconnecting',
  area: 'authorization',
  useCase: { '2.0.1': 'E04 Transaction started while offline', '1.6': '1.6 §4.8 / §4.10 (offline transactions)' },
  requirements: { '2.0.1': ['HX_E04_01_CSMS', 'E04.FR.02', 'E04.FR.03'], '1.6': ['TC_039_CSMS'] },
  catches: ['tx.losesOfflineTransaction'],
  expectation: 'A whole transaction (start, charging, stop) recorded while the station was offline is delivered after it reconnects, timestamped in the past (2.0.1 offline=true); the CSMS answers every message, the start Accepted.',
  source: '2.0.1 counterpart of TC_039_CSMS: E04 (offline=true).',
}, async ({ booted, station, drv, need }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  // E04.FR.02/03 oblige the station to deliver them (offline=true); the CSMS must process them: our case id names that check.
  const rule = { '1.6': 'TC_039_CSMS', '2.0.1': 'HX_E04_01_CSMS' };
  await csmsTest.step('Station goes offline (connection closed)', () => station.disconnect(1001, 'offline'));
  const t0 = Date.now() - 10 * 60_000;
  await station.connect({ rule: drv.rule(rule) });
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule, at: new Date(t0) });
  await drv.charging(tx, { rule, at: new Date(t0 + 60_000) });
  await drv.stopTransaction(tx, { rule, reason: 'Local', token, expectedInfo: { status: 'Accepted' }, at: new Date(t0 + 5 * 60_000) });
});

csmsCase({
  ids: { '2.0.1': 'HX_E04_03_CSMS', '1.6': 'TC_037_1_CSMS' },
  title: 'Offline Start Transaction - Valid IdTag',
  area: 'authorization',
  useCase: { '2.0.1': 'E04 Transaction started while offline', '1.6': '1.6 §4.8 Start Transaction (offline)' },
  requirements: { '2.0.1': ['HX_E04_01_CSMS'], '1.6': ['TC_037_1_CSMS'] },
  catches: ['tx.losesOfflineTransaction'],
  expectation: 'A transaction started offline with a valid token and still running is delivered after reconnecting (2.0.1 offline=true); the CSMS answers its start Accepted and acknowledges the charging status.',
}, async ({ booted, station, drv, need }) => {
  const c = booted.connectors[0];
  const rule = { '1.6': 'TC_037_1_CSMS', '2.0.1': 'HX_E04_01_CSMS' };
  await csmsTest.step('Station goes offline (connection closed)', () => station.disconnect(1001, 'offline'));
  await station.connect({ rule: drv.rule(rule) });
  const tx = await drv.startTransaction(c, need('valid'), { status: 'Accepted' }, { rule, at: new Date(Date.now() - 3 * 60_000) });
  await drv.charging(tx, { rule });
});

csmsCase({
  ids: { '2.0.1': 'HX_E04_02_CSMS', '1.6': 'TC_037_3_CSMS' },
  title: 'Offline Start Transaction - Invalid IdTag',
  area: 'authorization',
  useCase: { '2.0.1': 'E04 Transaction started while offline', '1.6': '1.6 §4.8 Start Transaction (offline, StopTransactionOnInvalidId)' },
  requirements: { '2.0.1': ['TC_E_16_CSMS'], '1.6': ['TC_037_3_CSMS'] },
  catches: ['tx.acceptsInvalidToken'],
  expectation: 'A transaction started offline with a token the CSMS does not know is answered with an id status other than Accepted when delivered; the station then stops it (DeAuthorized) and the CSMS answers the stop.',
  source: '2.0.1 counterpart: TC_E_16_CSMS (a TransactionEvent with an invalid idToken is answered Invalid/Unknown).',
}, async ({ booted, station, drv, need, ocppVersion }) => {
  const c = booted.connectors[0];
  const rule = { '1.6': 'TC_037_3_CSMS', '2.0.1': 'TC_E_16_CSMS' };
  await csmsTest.step('Station goes offline (connection closed)', () => station.disconnect(1001, 'offline'));
  await station.connect({ rule: drv.rule(rule) });
  const notAccepted = oneOf(...(ocppVersion === '1.6' ? ['Invalid', 'Blocked', 'Expired'] : ['Invalid', 'Unknown', 'Blocked', 'Expired']));
  const tx = await drv.startTransaction(c, need('unknown'), { status: notAccepted }, { rule, at: new Date(Date.now() - 5 * 60_000) });
  await drv.stopTransaction(tx, { rule, reason: 'DeAuthorized', trigger: 'Deauthorized' });
});

csmsCase({
  ids: { '2.0.1': 'HX_F01_01_CSMS', '1.6': 'HX_F01_01_CSMS' },
  title: 'Remote start and remote stop of a transaction (mobile app)',
  area: 'authorization',
  useCase: { '2.0.1': 'F01 Remote Start Transaction - Cable Plugin First / F03 Remote Stop Transaction', '1.6': '1.6 §5.11 Remote Start Transaction / §5.12 Remote Stop Transaction' },
  requirements: { '2.0.1': ['F01.FR.04', 'F03.FR.01'], '1.6': ['1.6 §5.11', '1.6 §5.12'] },
  catches: ['remote.wrongConnector'],
  expectation: 'The operator (or app) starts a session on EVSE 1 for the valid token: the CSMS sends the remote start for that EVSE / connector and token; the transaction the station starts is Accepted; the remote stop names that transaction.',
  actions: ['remote start on the station, EVSE 1 connector 1, for the valid token', 'remote stop of that transaction'],
  source: 'No OCTT CSMS id in the catalogue for F01/F03; written from the use cases.',
}, async ({ booted, station, drv, need, operate, facts, ocppVersion }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  await drv.plugIn(c, { rule: STATUS_RULE });
  // F01.FR.04: the request carries the IdToken; the EVSE / connector is the one the operator chose (our check, HX_F01_01_CSMS).
  const rule = drv.rule({ '1.6': 'HX_F01_01_CSMS (1.6 §5.11)', '2.0.1': 'HX_F01_01_CSMS (F01.FR.04)' });
  await operate({ type: 'remoteStart', stationId: facts.stationId, evseId: c.evseId, connectorId: c.connectorId, idToken: token });
  const req = ocppVersion === '1.6'
    ? await station.expectCall('RemoteStartTransaction', { idTag: token, connectorId: oneOf(absent(), drv.index(c)) }, { rule, within: station.timing.actionTimeout })
    : await station.expectCall('RequestStartTransaction', { idToken: { idToken: token }, evseId: oneOf(absent(), c.evseId), remoteStartId: satisfies('an integer', Number.isInteger) }, { rule, within: station.timing.actionTimeout });
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule, trigger: 'RemoteStart', remoteStartId: req.payload.remoteStartId as number | undefined });
  await drv.charging(tx, { rule: { '1.6': STATUS_RULE['1.6'], '2.0.1': 'E01' } });
  const stopRule = drv.rule({ '1.6': '1.6 §5.12', '2.0.1': 'F03.FR.01' });
  await operate({ type: 'remoteStop', stationId: facts.stationId, transactionId: String(tx.id) });
  await station.expectCall(ocppVersion === '1.6' ? 'RemoteStopTransaction' : 'RequestStopTransaction', { transactionId: tx.id }, { rule: stopRule, within: station.timing.actionTimeout });
  await drv.stopTransaction(tx, { rule: stopRule, reason: 'Remote', trigger: 'RemoteStop' });
});
