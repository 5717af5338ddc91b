/**
 * CSMS under test, transactions: a station may end a transaction at any TxStopPoint (E06):
 * local or remote stop authorization, power path or energy transfer ending, the EV leaving the
 * cable or the parking bay, a token the CSMS refuses; and it may lose the EV for a while and go
 * on (E10). The CSMS takes every event and answers each token it carries with its status.
 */
import { csmsCase } from '../../../fixtures/csms';
import { oneOf } from '../../../harness/model/match';
import type { ToolTransaction } from '../../../harness/judge/as-station/station-driver';
import { INVALID_TOKEN_REPLY, TransactionFlows } from '../../../harness/judge/as-station/transaction-flows';

const E06 = { '2.0.1': 'E06 Stop Transaction options' };
/** The reply to an event carrying a token gives the token's status (E01.FR.12). */
const TOKEN_ANSWERED = { '2.0.1': 'E01.FR.12' };

type Catches = Parameters<typeof csmsCase>[0]['catches'];

interface StopPoint {
  id: string;
  title: string;
  useCase?: string;
  requirements: string[];
  catches: Catches;
  expectation: string;
  run: (f: TransactionFlows, tx: ToolTransaction, token: string) => Promise<void>;
}

/** Reusable State EnergyTransferSuspended: the EV stops drawing energy. */
const suspendedByEV = (f: TransactionFlows, tx: ToolTransaction): Promise<unknown> =>
  f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'SuspendedEV' });
/** Reusable State EVDisconnected (TxStopPoint EVConnected): the cable leaves, the transaction ends. */
const evDisconnected = (f: TransactionFlows, tx: ToolTransaction): Promise<unknown> =>
  f.event(tx, { eventType: 'Ended', trigger: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' });

const STOP_POINTS: StopPoint[] = [
  {
    id: 'TC_E_07_CSMS', title: 'Stop transaction options - PowerPathClosed - Local stop',
    requirements: ['E01.FR.12'], catches: ['tx.infoOnlyOnStarted'],
    expectation: 'The driver stops with the same card and the power path opens: Ended StopAuthorized / Local with the token, answered with its status (E01.FR.12).',
    run: async (f, tx, token) => { await f.event(tx, { eventType: 'Ended', trigger: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', token, rule: TOKEN_ANSWERED }); },
  },
  {
    id: 'TC_E_08_CSMS', title: 'Stop transaction options - EnergyTransfer stopped - StopAuthorized',
    requirements: ['E01.FR.12', 'FR.03'], catches: ['tx.infoOnlyOnStarted', 'tx.rejectsTokenlessStop'],
    expectation: 'The driver stops with the same card (Updated StopAuthorized with the token, answered with its status); the transaction ends when the energy stops (Ended ChargingStateChanged / EVConnected / Local, no token: answered, a soft finding in 2.0.1).',
    run: async (f, tx, token) => {
      await f.event(tx, { eventType: 'Updated', trigger: 'StopAuthorized', token, rule: TOKEN_ANSWERED });
      await f.event(tx, { eventType: 'Ended', trigger: 'ChargingStateChanged', chargingState: 'EVConnected', stoppedReason: 'Local' });
    },
  },
  {
    id: 'TC_E_14_CSMS', title: 'Stop transaction options - EVDisconnected - Charging Station side',
    requirements: ['E01.FR.12', 'FR.03'], catches: ['tx.infoOnlyOnStarted', 'tx.rejectsTokenlessStop'],
    expectation: 'Stop authorized (Updated StopAuthorized / EVConnected with the token, answered with its status), then the cable is pulled at the station: StatusNotification Available and Ended EVCommunicationLost / Idle / EVDisconnected, both answered.',
    run: async (f, tx, token) => {
      await f.event(tx, { eventType: 'Updated', trigger: 'StopAuthorized', chargingState: 'EVConnected', token, rule: TOKEN_ANSWERED });
      await f.status(tx.connector, 'Available');
      await evDisconnected(f, tx);
    },
  },
  {
    id: 'TC_E_15_CSMS', title: 'Stop transaction options - StopAuthorized - Local',
    requirements: ['E01.FR.12'], catches: ['tx.infoOnlyOnStarted'],
    expectation: 'The driver stops with the same card and the transaction ends at once: Ended StopAuthorized / Local with the token, answered with its status (E01.FR.12).',
    run: async (f, tx, token) => { await f.event(tx, { eventType: 'Ended', trigger: 'StopAuthorized', stoppedReason: 'Local', token, rule: TOKEN_ANSWERED }); },
  },
  {
    id: 'TC_E_19_CSMS', title: 'Stop transaction options - ParkingBayUnoccupied',
    requirements: ['FR.03'], catches: ['tx.endsAtEVDisconnect', 'tx.rejectsTokenlessStop'],
    expectation: 'The cable leaves but the transaction goes on (Available; Updated EVCommunicationLost / Idle) until the EV leaves the bay (Ended EVDeparted / Local): the CSMS keeps the transaction open and answers each event (a soft finding in 2.0.1).',
    run: async (f, tx) => {
      await f.status(tx.connector, 'Available');
      await f.event(tx, { eventType: 'Updated', trigger: 'EVCommunicationLost', chargingState: 'Idle' });
      await f.event(tx, { eventType: 'Ended', trigger: 'EVDeparted', stoppedReason: 'Local' });
    },
  },
  {
    id: 'TC_E_20_CSMS', title: 'Stop transaction options - EVDisconnected - EV side (IEC 61851-1)', useCase: 'E06 Stop Transaction options / E10 Connection Loss During Transaction',
    requirements: ['FR.03'], catches: ['tx.rejectsTokenlessStop'],
    expectation: 'The EV suspends, then the cable is pulled at the EV (IEC 61851-1 state A): Updated SuspendedEV, Ended EVCommunicationLost / Idle / EVDisconnected, both answered (a soft finding in 2.0.1).',
    run: async (f, tx) => { await suspendedByEV(f, tx); await evDisconnected(f, tx); },
  },
  {
    id: 'TC_E_22_CSMS', title: 'Stop transaction options - EnergyTransfer stopped - SuspendedEV',
    requirements: ['FR.03'], catches: ['tx.rejectsTokenlessStop'],
    expectation: 'The EV stops drawing energy and the transaction ends with it: Ended ChargingStateChanged / SuspendedEV / StoppedByEV, answered (a soft finding in 2.0.1).',
    run: async (f, tx) => { await f.event(tx, { eventType: 'Ended', trigger: 'ChargingStateChanged', chargingState: 'SuspendedEV', stoppedReason: 'StoppedByEV' }); },
  },
  {
    id: 'TC_E_26_CSMS', title: 'Disconnect cable on EV-side - Suspend transaction', useCase: 'E10 Connection Loss During Transaction',
    requirements: ['FR.03'], catches: ['tx.endsAtEVDisconnect'],
    expectation: 'The cable leaves the EV, the transaction is suspended, not ended (Updated EVCommunicationLost / Idle; Available; Occupied; Updated CablePluggedIn / EVConnected; Updated Charging, one transactionId throughout): the CSMS keeps it open and answers each event (a soft finding in 2.0.1).',
    run: async (f, tx) => {
      await suspendedByEV(f, tx);
      await f.event(tx, { eventType: 'Updated', trigger: 'EVCommunicationLost', chargingState: 'Idle' });
      await f.status(tx.connector, 'Available');
      await f.status(tx.connector, 'Occupied');
      await f.event(tx, { eventType: 'Updated', trigger: 'CablePluggedIn', chargingState: 'EVConnected' });
      await f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'Charging' });
    },
  },
];

for (const s of STOP_POINTS) {
  csmsCase({
    ids: { '2.0.1': s.id },
    title: s.title,
    area: 'authorization',
    useCase: s.useCase ? { '2.0.1': s.useCase } : E06,
    requirements: { '2.0.1': s.requirements },
    catches: s.catches,
    expectation: s.expectation,
  }, async ({ charging, drv, need }) => {
    await s.run(new TransactionFlows(drv), charging, need('valid'));
  });
}

csmsCase({
  ids: { '2.0.1': 'TC_E_16_CSMS' },
  title: 'Stop transaction options - Deauthorized - Invalid idToken',
  area: 'authorization',
  useCase: E06,
  requirements: { '2.0.1': ['E01.FR.11', 'E01.FR.12', 'E05.FR.01'] },
  catches: ['tx.acceptsInvalidToken'],
  expectation: 'A transaction starts with a token the CSMS does not accept (Started Authorized): the CSMS verifies it and answers Invalid or Unknown (E01.FR.11, E05.FR.01); the station then ends it (Ended Deauthorized / DeAuthorized), answered.',
}, async ({ booted, drv, need }) => {
  const f = new TransactionFlows(drv);
  const tx = f.newTransaction(booted.connectors[0]);
  await f.event(tx, { eventType: 'Started', trigger: 'Authorized', token: need('unknown'), expectedInfo: { status: oneOf('Invalid', 'Unknown') }, rule: INVALID_TOKEN_REPLY });
  await f.event(tx, { eventType: 'Ended', trigger: 'Deauthorized', stoppedReason: 'DeAuthorized' });
});

csmsCase({
  ids: { '2.0.1': 'TC_E_21_CSMS' },
  title: 'Stop transaction options - StopAuthorized - Remote',
  area: 'authorization',
  useCase: { '2.0.1': 'E06 Stop Transaction options / F03 Remote Stop Transaction' },
  requirements: { '2.0.1': ['F03.FR.01', 'FR.03'] },
  catches: ['tx.rejectsTokenlessStop'],
  expectation: 'The operator stops the running transaction remotely: the CSMS sends RequestStopTransaction with its transactionId (F03.FR.01); the station accepts and ends it (Ended RemoteStop / Remote), answered.',
  actions: ['remote stop of the running transaction'],
}, async ({ charging, station, drv, operate, facts }) => {
  station.reply('RequestStopTransaction', { status: 'Accepted' });
  await operate({ type: 'remoteStop', stationId: facts.stationId, transactionId: String(charging.id) });
  await station.expectCall('RequestStopTransaction', { transactionId: charging.id }, { rule: 'F03.FR.01', within: station.timing.actionTimeout });
  await new TransactionFlows(drv).event(charging, { eventType: 'Ended', trigger: 'RemoteStop', chargingState: 'EVConnected', stoppedReason: 'Remote' });
});
