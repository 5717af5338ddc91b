/**
 * CSMS under test, remote control (2.0.1 F01-F03, 1.6 §5.11 / §5.12): the operator starts a
 * session remotely with the cable plugged in first or before it, the station authorizes the
 * token or not, the EV never connects, the station refuses; the operator stops a session, the
 * station refuses. The CSMS must send the operator's token (2.0.1 with its type) and answer
 * every message that follows.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { REPLY_LEVEL, STATUS_REPLY, STOP_REPLY } from '../../../harness/judge/as-station/station-driver';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { Received } from '../../../harness/judge/scripted-peer';
import { authorizeRunning, connectTimedOut, expectRemoteStart } from '../../../harness/judge/as-station/remote-and-firmware';

/** The CSMS verifies the token of a transaction start and answers with its status (2.0.1 E01.FR.11, E01.FR.12; 1.6 §4.8). */
const START_REPLY = { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.11, E01.FR.12' };
/** Authorize is answered with the token's status (2.0.1 C01.FR.07; 1.6 §4.1). */
const AUTHORIZE = { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.07' };
/** The remote start carries the token the station is to use: cable first F01.FR.04, remote first F02.FR.12; 1.6 §5.11. */
const CABLE_FIRST = { '1.6': '1.6§5.11', '2.0.1': 'F01.FR.04' };
const REMOTE_FIRST = { '1.6': '1.6§5.11', '2.0.1': 'F02.FR.12' };
/** The remote stop names the transaction (2.0.1 F03.FR.01, SHALL; 1.6 §5.12 "can request", the Central System's side a MAY: soft). */
const REMOTE_STOP = { '1.6': '1.6§5.12.Request', '2.0.1': 'F03.FR.01' };

/** The remote stop the operator asked for, naming the running transaction. */
async function expectRemoteStop(station: ScriptedStation, rule: string, transactionId: string | number, action: string): Promise<Received> {
  const stop = await station.expectCall(action, {}, { rule, within: station.timing.actionTimeout });
  await station.expectPayload(stop, { transactionId }, { rule });
  return stop;
}

type StartCtx = Pick<Parameters<Parameters<typeof csmsCase>[1]>[0], 'booted' | 'drv' | 'need' | 'operate' | 'facts'>;
/** Remote start first: the operator starts a session on the first connector for the valid token; the CSMS's request (F02.FR.12 / 1.6 §5.11). */
async function operatorStartsFirst({ booted, drv, need, operate, facts }: StartCtx) {
  const c = booted.connectors[0];
  const token = need('valid');
  await operate({ type: 'remoteStart', stationId: facts.stationId, evseId: c.evseId, connectorId: c.connectorId, idToken: token });
  return { c, token, rs: await expectRemoteStart(drv, c, token, { rule: REMOTE_FIRST, tokenType: facts.tokenTypes?.valid }) };
}

const START_FAULTS = { '2.0.1': ['remote.wrongToken', 'remote.centralTokenType', 'remote.wrongConnector'] as const, '1.6': ['remote.wrongToken', 'remote.wrongConnector'] as const };
const catches = { '2.0.1': [...START_FAULTS['2.0.1']], '1.6': [...START_FAULTS['1.6']] };

csmsCase({
  ids: { '2.0.1': 'TC_F_01_CSMS', '1.6': 'TC_010_CSMS' },
  title: 'Remote start transaction - Cable plugin first',
  area: 'authorization',
  useCase: { '2.0.1': 'F01 Remote Start Transaction - Cable Plugin First', '1.6': '1.6 §5.11 Remote Start Transaction' },
  requirements: { '2.0.1': ['F01.FR.04', 'E01.FR.11', 'E01.FR.12'], '1.6': ['1.6§5.11', '1.6§4.1', '1.6§4.8'] },
  catches: { '2.0.1': [...START_FAULTS['2.0.1'], 'tx.rejectsUnauthorizedStart'], '1.6': [...START_FAULTS['1.6']] },
  expectation: 'Cable in (2.0.1: the station opens a transaction without token), the operator starts a session: the CSMS sends the remote start with the valid token (2.0.1 with its configured type); 2.0.1 the token reported for the running transaction is Accepted, 1.6 the Authorize and the StartTransaction are Accepted; charging acknowledged.',
  actions: ['remote start on the station, EVSE 1 connector 1, for the valid token'],
}, async ({ booted, station, drv, need, operate, facts }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  // 2.0.1 TxStartPoint EVConnected: the cable opens the transaction, the answer to the remote start names it.
  const open = drv.version === '2.0.1' ? await drv.level(REPLY_LEVEL, () => drv.startTransaction(c, undefined, undefined, { rule: STATUS_REPLY, trigger: 'CablePluggedIn' })) : undefined;
  if (drv.version === '2.0.1' && !open) return;
  if (open) station.reply('RequestStartTransaction', { status: 'Accepted', transactionId: open.id }, { times: 1 });
  await operate({ type: 'remoteStart', stationId: facts.stationId, evseId: c.evseId, connectorId: c.connectorId, idToken: token });
  const rs = await expectRemoteStart(drv, c, token, { rule: CABLE_FIRST, tokenType: facts.tokenTypes?.valid });
  let tx = open;
  if (tx) {
    await authorizeRunning(drv, tx, rs, { status: 'Accepted' }, { rule: START_REPLY });
  } else {
    // 1.6 AuthorizeRemoteTxRequests true (the OCTT's configuration): the Charge Point authorizes the idTag first.
    await drv.authorize(token, { status: 'Accepted' }, { rule: AUTHORIZE });
    tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: START_REPLY });
  }
  await drv.level(REPLY_LEVEL, () => drv.charging(tx!, { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '2.0.1': 'TC_F_02_CSMS', '1.6': 'TC_011_1_CSMS' },
  title: 'Remote start transaction - Remote start first - AuthorizeRemoteStart is true',
  area: 'authorization',
  useCase: { '2.0.1': 'F02 Remote Start Transaction - Remote Start First', '1.6': '1.6 §5.11 Remote Start Transaction' },
  requirements: { '2.0.1': ['F02.FR.12', 'C01.FR.07', 'E01.FR.11', 'E01.FR.12'], '1.6': ['1.6§5.11', '1.6§4.1', '1.6§4.8'] },
  catches,
  expectation: 'The operator starts a session before the cable is in: the CSMS sends the remote start with the valid token (2.0.1 with its configured type); the station authorizes it first (AuthorizeRemoteStart / AuthorizeRemoteTxRequests true): Accepted; the transaction start carrying the remoteStartId is Accepted; after plug-in charging is acknowledged.',
  actions: ['remote start on the station, EVSE 1 connector 1, for the valid token'],
}, async ({ booted, drv, need, operate, facts }) => {
  const { c, token, rs } = await operatorStartsFirst({ booted, drv, need, operate, facts });
  await drv.authorize(token, { status: 'Accepted' }, { rule: AUTHORIZE });
  if (drv.version === '1.6') await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  // 2.0.1 TxStartPoint Authorized: the transaction starts before the EV is connected.
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: START_REPLY, trigger: 'RemoteStart', remoteStartId: rs.remoteStartId, idToken: rs.idToken, chargingState: drv.pick({ '1.6': 'EVConnected', '2.0.1': 'Idle' }) });
  if (drv.version === '2.0.1') await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '2.0.1': 'TC_F_03_CSMS' },
  title: 'Remote start transaction - Remote start first - AuthorizeRemoteStart is false',
  area: 'authorization',
  useCase: { '2.0.1': 'F02 Remote Start Transaction - Remote Start First' },
  requirements: { '2.0.1': ['F02.FR.12', 'E01.FR.11', 'E01.FR.12'] },
  catches: { '2.0.1': [...START_FAULTS['2.0.1'], 'tx.rejectsUnauthorizedStart'] },
  expectation: 'The operator starts a session before the cable is in: the CSMS sends the remote start with the valid token and its configured type; without an Authorize first (AuthorizeRemoteStart false) the transaction start carrying the remoteStartId is Accepted (the CSMS verifies the token there); after plug-in charging is acknowledged.',
  actions: ['remote start on the station, EVSE 1 connector 1, for the valid token'],
}, async ({ booted, drv, need, operate, facts }) => {
  const { c, token, rs } = await operatorStartsFirst({ booted, drv, need, operate, facts });
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: START_REPLY, trigger: 'RemoteStart', remoteStartId: rs.remoteStartId, idToken: rs.idToken, chargingState: 'Idle' });
  await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '2.0.1': 'TC_F_04_CSMS', '1.6': 'TC_011_2_CSMS' },
  title: 'Remote start transaction - Remote start first - Cable plugin timeout',
  area: 'authorization',
  useCase: { '2.0.1': 'F02 Remote Start Transaction - Remote Start First / E03 (EVConnectionTimeOut)', '1.6': '1.6 §5.11 Remote Start Transaction (ConnectionTimeOut)' },
  requirements: { '2.0.1': ['F02.FR.12', 'E01.FR.11', 'E01.FR.12'], '1.6': ['1.6§5.11', '1.6§4.1', '1.6§4.9'] },
  catches,
  expectation: 'The operator starts a session, the EV never connects: the CSMS sends the remote start with the valid token (2.0.1 with its configured type); 1.6 the Authorize is Accepted, the connector goes Preparing and back to Available after the connection timeout; 2.0.1 the transaction start carrying the remoteStartId is Accepted and the EVConnectTimeout event answered. Every message is answered.',
  actions: ['remote start on the station, EVSE 1 connector 1, for the valid token'],
}, async ({ booted, drv, need, operate, facts }) => {
  const { c, token, rs } = await operatorStartsFirst({ booted, drv, need, operate, facts });
  if (drv.version === '1.6') {
    await drv.authorize(token, { status: 'Accepted' }, { rule: AUTHORIZE });
    await drv.status(c, 'Preparing', { rule: STATUS_REPLY });
    await csmsTest.step('No EV connects: the connection timeout expires (ConnectionTimeOut)', async () => undefined);
    await drv.status(c, 'Available', { rule: STATUS_REPLY });
    return;
  }
  const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: START_REPLY, trigger: 'RemoteStart', remoteStartId: rs.remoteStartId, idToken: rs.idToken, chargingState: 'Idle' });
  await drv.level(REPLY_LEVEL, () => connectTimedOut(drv, tx, { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '1.6': 'TC_026_CSMS', '2.0.1': 'HX_TC_026_CSMS' },
  title: 'Remote Start Charging Session - Rejected',
  area: 'authorization',
  useCase: { '2.0.1': 'F02 Remote Start Transaction - Remote Start First', '1.6': '1.6 §5.11 Remote Start Transaction' },
  requirements: { '2.0.1': ['F02.FR.12'], '1.6': ['1.6§5.11'] },
  catches,
  expectation: 'The operator starts a session and the station answers the remote start Rejected: the CSMS sent it with the valid token (2.0.1 with its configured type) and takes the refusal; the station stays available and the CSMS answers its next message.',
  actions: ['remote start on the station, EVSE 1 connector 1, for the valid token'],
  source: '2.0.1 has no OCTT CSMS id for a refused remote start; the 1.6 case, run with the 2.0.1 frames.',
}, async ({ booted, station, drv, need, operate, facts }) => {
  const c = booted.connectors[0];
  const token = need('valid');
  station.reply(drv.pick({ '1.6': 'RemoteStartTransaction', '2.0.1': 'RequestStartTransaction' }), { status: 'Rejected' }, { times: 1 });
  await operate({ type: 'remoteStart', stationId: facts.stationId, evseId: c.evseId, connectorId: c.connectorId, idToken: token });
  await expectRemoteStart(drv, c, token, { rule: REMOTE_FIRST, tokenType: facts.tokenTypes?.valid });
  await drv.level(REPLY_LEVEL, () => drv.status(c, 'Available', { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '1.6': 'TC_012_CSMS' },
  title: 'Remote Stop Charging Session',
  area: 'authorization',
  useCase: { '1.6': '1.6 §5.12 Remote Stop Transaction' },
  requirements: { '1.6': ['1.6§5.12.Request', '1.6§4.10', '1.6§4.9'] },
  catches: ['remote.stopsWrongTransaction'],
  expectation: 'While charging the operator stops the session: the CSMS sends RemoteStopTransaction for the running transaction (1.6 words the Central System\'s side as "can": a soft finding when it names another one); the StopTransaction (reason Remote) and the statuses Finishing and Available are answered.',
  actions: ['remote stop of the running transaction'],
  source: 'The 2.0.1 counterpart is TC_E_21_CSMS (block E); HX_F01_01_CSMS covers remote start and stop in both versions.',
}, async ({ charging, station, drv, operate, facts }) => {
  const c = charging.connector;
  await operate({ type: 'remoteStop', stationId: facts.stationId, transactionId: String(charging.id) });
  const stop = await drv.should(() => expectRemoteStop(station, drv.rule(REMOTE_STOP), charging.id, 'RemoteStopTransaction'));
  if (!stop) return;
  await drv.stopTransaction(charging, { rule: STOP_REPLY, reason: 'Remote' });
  await drv.status(c, 'Finishing', { rule: STATUS_REPLY });
  await drv.status(c, 'Available', { rule: STATUS_REPLY });
});

csmsCase({
  ids: { '1.6': 'TC_028_CSMS', '2.0.1': 'HX_TC_028_CSMS' },
  title: 'Remote Stop Transaction - Rejected',
  area: 'authorization',
  useCase: { '2.0.1': 'F03 Remote Stop Transaction', '1.6': '1.6 §5.12 Remote Stop Transaction' },
  requirements: { '2.0.1': ['F03.FR.01'], '1.6': ['1.6§5.12.Request'] },
  catches: ['remote.stopsWrongTransaction'],
  expectation: 'While charging the operator stops the session and the station answers Rejected: the CSMS sent the stop for the running transaction (2.0.1 F03.FR.01; 1.6 a soft finding) and takes the refusal; the transaction goes on and its next message is answered.',
  actions: ['remote stop of the running transaction'],
  source: '2.0.1 has no OCTT CSMS id for a refused remote stop; the 1.6 case, run with the 2.0.1 frames.',
}, async ({ charging, station, drv, operate, facts }) => {
  station.reply(drv.pick({ '1.6': 'RemoteStopTransaction', '2.0.1': 'RequestStopTransaction' }), { status: 'Rejected' }, { times: 1 });
  await operate({ type: 'remoteStop', stationId: facts.stationId, transactionId: String(charging.id) });
  const stop = await drv.level({ '1.6': 'should', '2.0.1': 'shall' }, () => expectRemoteStop(station, drv.rule(REMOTE_STOP), charging.id, drv.pick({ '1.6': 'RemoteStopTransaction', '2.0.1': 'RequestStopTransaction' })));
  if (!stop) return;
  await drv.level(REPLY_LEVEL, () => drv.charging(charging, { rule: STATUS_REPLY }));
});
