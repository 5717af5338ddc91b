/**
 * CSMS under test, charging sessions OCTT runs in both versions: authorization first (then the
 * cable, or no cable until the connection timeout), the EV not ready, the cable pulled at the EV,
 * a connector lock failure, and two transactions in a row each numbering its events from seqNo 0.
 */
import { csmsCase } from '../../../fixtures/csms';
import { TransactionFlows } from '../../../harness/judge/as-station/transaction-flows';

csmsCase({
  ids: { '2.0.1': 'TC_E_04_CSMS', '1.6': 'TC_004_1_CSMS' },
  title: 'Local start transaction - Authorization first - Success',
  area: 'authorization',
  useCase: { '2.0.1': 'E03 Start Transaction - IdToken First', '1.6': '1.6 §4.1 / §4.8 Authorize, then Start Transaction' },
  requirements: { '2.0.1': ['C01.FR.07', 'E01.FR.11', 'E01.FR.12', 'E03.FR.02'], '1.6': ['1.6§4.1', '1.6§4.8', '1.6§4.9'] },
  catches: ['reply.late'],
  expectation: 'The card first: Authorize Accepted; then (2.0.1: the Started Authorized event with the token, answered Accepted: E03.FR.02) the cable, (1.6: StartTransaction Accepted) and charging, every status answered.',
}, async ({ booted, drv, need }) => {
  await new TransactionFlows(drv).authorizationFirst(booted.connectors[0], need('valid'));
});

csmsCase({
  ids: { '2.0.1': 'TC_E_39_CSMS', '1.6': 'TC_004_2_CSMS' },
  title: 'Stop transaction options - Deauthorized - timeout',
  area: 'authorization',
  useCase: { '2.0.1': 'E03 Start Transaction - IdToken First (EVConnectionTimeOut)', '1.6': '1.6 §4.1 Authorize (ConnectionTimeOut)' },
  requirements: { '2.0.1': ['C01.FR.07', 'E01.FR.11', 'E01.FR.12', 'FR.03'], '1.6': ['1.6§4.1', '1.6§4.9'] },
  catches: { '2.0.1': ['reply.late', 'tx.rejectsTokenlessStop'], '1.6': ['reply.late'] },
  expectation: 'The card is accepted but no cable follows before the connection timeout: 2.0.1 the transaction opened at the authorization (Started Authorized, answered Accepted) ends with EVConnectTimeout / Timeout; 1.6 the connector goes Preparing, then Available again; the CSMS answers each message.',
}, async ({ booted, drv, need }) => {
  await new TransactionFlows(drv).authorizedThenTimeout(booted.connectors[0], need('valid'));
});

csmsCase({
  ids: { '2.0.1': 'TC_E_38_CSMS' },
  title: 'Local start transaction - EV not ready',
  area: 'authorization',
  useCase: { '2.0.1': 'E03 Start Transaction - IdToken First' },
  requirements: { '2.0.1': ['C01.FR.07', 'E01.FR.11', 'E01.FR.12', 'E03.FR.02', 'FR.03'] },
  catches: ['reply.late'],
  expectation: 'Authorized (Started Authorized with the token, answered Accepted), then the cable goes in but the EV does not draw energy yet (Occupied; Updated CablePluggedIn / EVConnected; Updated ChargingStateChanged / SuspendedEV): the CSMS answers each event.',
}, async ({ booted, drv, need }) => {
  const f = new TransactionFlows(drv);
  const token = need('valid');
  await drv.authorize(token, { status: 'Accepted' }, { rule: { '2.0.1': 'C01.FR.07' } });
  const tx = f.newTransaction(booted.connectors[0]);
  await f.event(tx, { eventType: 'Started', trigger: 'Authorized', chargingState: 'Idle', token, rule: { '2.0.1': 'E01.FR.11, E01.FR.12, E03.FR.02' } });
  await f.pluggedIn(tx);
  await f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'SuspendedEV' });
});

csmsCase({
  ids: { '2.0.1': 'TC_E_17_CSMS', '1.6': 'TC_005_1_CSMS' },
  title: 'Stop transaction options - Deauthorized - EV side disconnect',
  area: 'authorization',
  useCase: { '2.0.1': 'E06 Stop Transaction options', '1.6': '1.6 §4.10 Stop Transaction (StopTransactionOnEVSideDisconnect = true)' },
  requirements: { '2.0.1': ['FR.03'], '1.6': ['1.6§4.9', '1.6§4.10'] },
  catches: ['tx.rejectsTokenlessStop'],
  expectation: 'While charging the EV suspends, then the cable is pulled at the EV and the station ends the transaction without a token (1.6: SuspendedEV, StopTransaction EVDisconnected, Finishing, Available; 2.0.1: Updated SuspendedEV, Ended EVCommunicationLost / Idle / EVDisconnected): the CSMS answers each (1.6 §4.10 SHALL; 2.0.1 a soft finding).',
}, async ({ charging, drv }) => {
  await new TransactionFlows(drv).evSideDisconnect(charging);
});

csmsCase({
  ids: { '1.6': 'TC_024_CSMS' },
  title: 'Start Charging Session Lock Failure',
  area: 'authorization',
  useCase: { '1.6': '1.6 §4.9 Status Notification (ConnectorLockFailure)' },
  requirements: { '1.6': ['1.6§4.1', '1.6§4.9'] },
  catches: ['status.rejectsFaulted', 'reply.late'],
  expectation: 'Authorized (Preparing), the cable goes in but the connector cannot lock: StatusNotification Faulted with errorCode ConnectorLockFailure, answered by the CSMS (1.6 §4.9).',
}, async ({ booted, drv, need }) => {
  const f = new TransactionFlows(drv);
  const c = booted.connectors[0];
  await drv.authorize(need('valid'), { status: 'Accepted' }, { rule: { '1.6': '1.6§4.1' } });
  await f.status(c, 'Preparing');
  await f.status(c, 'Faulted', 'ConnectorLockFailure');
});

csmsCase({
  ids: { '2.0.1': 'TC_E_53_CSMS' },
  title: 'Reset Sequence Number - CSMS accepting seqNo = 0 at start of transaction',
  area: 'authorization',
  useCase: { '2.0.1': 'E01 Start Transaction options (Sequence Number Generation)' },
  requirements: { '2.0.1': ['E01.FR.11', 'E01.FR.12', 'E03.FR.02'] },
  catches: ['tx.seqNoPerStation'],
  expectation: 'Two transactions in a row, each numbering its events from seqNo 0 (a station SHOULD start every transaction at 0): the CSMS takes the second Started event with seqNo 0 like the first and answers its token Accepted.',
  source: 'OCTT TC_E_53_CSMS: a TransactionEvent cannot be refused, so a CSMS that counts seqNo per station shows it in its reply; here it must still carry the token\'s status (E01.FR.12).',
}, async ({ booted, drv, need }) => {
  const f = new TransactionFlows(drv);
  const token = need('valid');
  for (let n = 0; n < 2; n++) {
    const tx = await f.authorizationFirst(booted.connectors[0], token);
    await f.stopAndUnplug(tx, token);
  }
});
