/**
 * CSMS under test, transactions: a station may open a transaction at any TxStartPoint (E01):
 * parking bay occupied, cable plugged in, authorized, data signed, power path closed, energy
 * transfer. Whatever the point, the CSMS takes the TransactionEvent Started (with or without a
 * token) and answers every token it carries with its status (E01.FR.11, E01.FR.12).
 */
import { csmsCase } from '../../../fixtures/csms';
import type { ConnectorRef } from '../../../harness/model/layout';
import { TransactionFlows } from '../../../harness/judge/as-station/transaction-flows';

const E01 = { '2.0.1': 'E01 Start Transaction options' };
/** The CSMS answers Authorize with the token's status (C01.FR.07). */
const AUTHORIZE = { '2.0.1': 'C01.FR.07' };

/** Faults of the reference CSMS a case catches (type-checked against its catalogue). */
type Catches = Parameters<typeof csmsCase>[0]['catches'];

interface StartPoint {
  id: string;
  title: string;
  requirements: string[];
  catches: Catches;
  expectation: string;
  run: (f: TransactionFlows, c: ConnectorRef, token: string) => Promise<void>;
}

/** The driver presents a valid card, the CSMS accepts it (Reusable State Authorized, without a transaction yet). */
async function authorize(f: TransactionFlows, token: string): Promise<void> {
  await f.drv.authorize(token, { status: 'Accepted' }, { rule: AUTHORIZE });
}

const START_POINTS: StartPoint[] = [
  {
    id: 'TC_E_01_CSMS', title: 'Start transaction options - PowerPathClosed',
    requirements: ['C01.FR.07', 'E01.FR.11', 'E01.FR.12'], catches: ['reply.late'],
    expectation: 'Authorized, then plugged in: the transaction starts when the power path closes (Started ChargingStateChanged / SuspendedEVSE with the token, answered Accepted), then charging is reported.',
    run: async (f, c, token) => {
      await authorize(f, token);
      await f.status(c, 'Occupied');
      const tx = f.newTransaction(c);
      await f.event(tx, { eventType: 'Started', trigger: 'ChargingStateChanged', chargingState: 'SuspendedEVSE', token });
      await f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'Charging' });
    },
  },
  {
    id: 'TC_E_02_CSMS', title: 'Start transaction options - EnergyTransfer',
    requirements: ['C01.FR.07', 'E01.FR.11', 'E01.FR.12'], catches: ['reply.late'],
    expectation: 'Authorized, then plugged in: the transaction starts only when energy flows (Started ChargingStateChanged / Charging with the token), answered Accepted.',
    run: async (f, c, token) => {
      await authorize(f, token);
      await f.status(c, 'Occupied');
      await f.event(f.newTransaction(c), { eventType: 'Started', trigger: 'ChargingStateChanged', chargingState: 'Charging', token });
    },
  },
  {
    id: 'TC_E_09_CSMS', title: 'Start transaction options - EVConnected',
    requirements: ['FR.03'], catches: ['tx.rejectsTokenlessStart'],
    expectation: 'The cable goes in and the transaction starts at once, before any token is known (Started CablePluggedIn / EVConnected, no idToken): the CSMS takes it and answers (2.0.1 binds no CSMS to answer a token-less event: a soft finding).',
    run: async (f, c) => {
      await f.status(c, 'Occupied');
      await f.event(f.newTransaction(c), { eventType: 'Started', trigger: 'CablePluggedIn', chargingState: 'EVConnected' });
    },
  },
  {
    id: 'TC_E_10_CSMS', title: 'Start transaction options - Authorized - Local',
    requirements: ['C01.FR.07', 'E01.FR.11', 'E01.FR.12'], catches: ['reply.late'],
    expectation: 'The transaction starts at the authorization, before the cable is in (Started Authorized with the token): Authorize and the Started event are both answered Accepted.',
    run: async (f, c, token) => {
      await authorize(f, token);
      await f.event(f.newTransaction(c), { eventType: 'Started', trigger: 'Authorized', token });
    },
  },
  {
    id: 'TC_E_11_CSMS', title: 'Start transaction options - DataSigned',
    requirements: ['C01.FR.07', 'E01.FR.11', 'E01.FR.12'], catches: ['reply.late'],
    expectation: 'The transaction starts when the meter has signed its start value (Started SignedDataReceived / SuspendedEVSE, meter value with signedMeterValue, the token): answered Accepted; charging is then reported.',
    run: async (f, c, token) => {
      await authorize(f, token);
      await f.status(c, 'Occupied');
      const tx = f.newTransaction(c);
      await f.event(tx, { eventType: 'Started', trigger: 'SignedDataReceived', chargingState: 'SuspendedEVSE', token, signed: true });
      await f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'Charging' });
    },
  },
  {
    id: 'TC_E_12_CSMS', title: 'Start transaction options - ParkingBayOccupied',
    requirements: ['FR.03'], catches: ['tx.rejectsTokenlessStart'],
    expectation: 'The parking bay detector sees the EV and the transaction starts (Started EVDetected, no token, no connector status change yet): the CSMS takes it and answers (a soft finding in 2.0.1, as for every token-less event).',
    run: async (f, c) => {
      await f.event(f.newTransaction(c), { eventType: 'Started', trigger: 'EVDetected' });
    },
  },
];

for (const s of START_POINTS) {
  csmsCase({
    ids: { '2.0.1': s.id },
    title: s.title,
    area: 'authorization',
    useCase: E01,
    requirements: { '2.0.1': s.requirements },
    catches: s.catches,
    expectation: s.expectation,
  }, async ({ booted, drv, need }) => {
    await s.run(new TransactionFlows(drv), booted.connectors[0], need('valid'));
  });
}
