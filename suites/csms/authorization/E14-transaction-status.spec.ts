/**
 * CSMS under test, E14 Check transaction status: when its operator asks, the CSMS sends
 * GetTransactionStatus (naming the transaction, or none to ask about the whole queue), takes the
 * station's answer and the queued transaction messages that follow, also those that arrive after
 * the transaction's Ended event to fill a seqNo gap. 2.0.1 only says the CSMS *can* ask (E14, no
 * CSMS-side requirement): a request missing or naming another transaction is a soft finding.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { absent } from '../../../harness/model/match';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { StationDriver, ToolTransaction } from '../../../harness/judge/as-station/station-driver';
import { TransactionFlows } from '../../../harness/judge/as-station/transaction-flows';
import type { CsmsAction } from '../../../harness/model/csms-actions';

const E14 = { '2.0.1': 'E14 Check transaction status' };
/** The CSMS completes the WebSocket handshake (Part 4 §3.2). */
const HANDSHAKE = 'Part4§3.2';

interface Ask { station: ScriptedStation; drv: StationDriver; operate: (a: CsmsAction) => Promise<void>; stationId: string }

/**
 * The station declares its answer, the operator asks for the status of `tx` (none: of the whole
 * queue), and the CSMS's request must come (a soft finding: E14 binds no CSMS) naming `tx`'s
 * transactionId, or none.
 */
async function askStatus(c: Ask, tx: ToolTransaction | undefined, answer: Record<string, unknown>): Promise<void> {
  c.station.reply('GetTransactionStatus', answer);
  await c.operate({ type: 'getTransactionStatus', stationId: c.stationId, ...(tx ? { transactionId: String(tx.id) } : {}) });
  const req = await c.drv.should(() => c.station.expectCall('GetTransactionStatus', {}, { rule: 'Part2§E14', within: c.station.timing.actionTimeout }));
  if (req) await c.drv.should(() => c.station.expectPayload(req, { transactionId: tx ? tx.id : absent() }, { rule: 'Part2§E14' }));
}

/** The station loses its connection and gets it back (its transaction messages queued meanwhile). */
async function offlineAndBack(station: ScriptedStation): Promise<void> {
  await csmsTest.step('Station goes offline (connection closed)', () => station.disconnect(1001, 'offline'));
  await station.connect({ rule: HANDSHAKE });
}

const STATUS_CATCHES = ['txStatus.neverAsks', 'txStatus.dropsTransactionId'] as const;

csmsCase({
  ids: { '2.0.1': 'TC_E_29_CSMS' },
  title: 'Check Transaction status - Transaction with id ongoing - with message in queue',
  area: 'authorization', useCase: E14,
  requirements: { '2.0.1': ['Part2§E14', 'FR.03'] },
  catches: [...STATUS_CATCHES],
  expectation: 'After a connection loss the operator asks for the running transaction: GetTransactionStatus with its transactionId; the station answers ongoing, messages queued, and delivers the queued Updated event (offline = true), which the CSMS answers.',
  actions: ['ask the station for the status of the running transaction'],
}, async ({ charging, station, drv, operate, facts }) => {
  await offlineAndBack(station);
  await askStatus({ station, drv, operate, stationId: facts.stationId }, charging, { ongoingIndicator: true, messagesInQueue: true });
  await new TransactionFlows(drv).event(charging, { eventType: 'Updated', trigger: 'MeterValuePeriodic', chargingState: 'Charging', offline: true });
});

csmsCase({
  ids: { '2.0.1': 'TC_E_30_CSMS' },
  title: 'Check Transaction status - Transaction with id ongoing - without message in queue',
  area: 'authorization', useCase: E14,
  requirements: { '2.0.1': ['Part2§E14'] },
  catches: [...STATUS_CATCHES],
  expectation: 'The operator asks for the running transaction: GetTransactionStatus with its transactionId; the station answers ongoing, nothing queued.',
  actions: ['ask the station for the status of the running transaction'],
}, async ({ charging, station, drv, operate, facts }) => {
  await askStatus({ station, drv, operate, stationId: facts.stationId }, charging, { ongoingIndicator: true, messagesInQueue: false });
});

csmsCase({
  ids: { '2.0.1': 'TC_E_31_CSMS' },
  title: 'Check Transaction status - Transaction with id ended - with message in queue',
  area: 'authorization', useCase: E14,
  requirements: { '2.0.1': ['Part2§E14', 'E01.FR.12', 'FR.03'] },
  catches: [...STATUS_CATCHES, 'tx.closedAfterEnded'],
  expectation: 'After a connection loss the Ended event comes first, its seqNo two above the last (Available; Ended offline EVCommunicationLost / EVDisconnected); the operator asks for that transaction (GetTransactionStatus with its transactionId; not ongoing, messages queued), then the two missing events arrive after the Ended one (Updated StopAuthorized with the token, answered with its status: E01.FR.12; Updated ChargingStateChanged / EVConnected).',
  actions: ['ask the station for the status of the ended transaction'],
}, async ({ charging, station, drv, operate, facts, need }) => {
  const f = new TransactionFlows(drv);
  const gap = charging.seqNo;
  await offlineAndBack(station);
  await f.status(charging.connector, 'Available');
  charging.seqNo += 2;
  await f.event(charging, { eventType: 'Ended', trigger: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected', offline: true });
  await askStatus({ station, drv, operate, stationId: facts.stationId }, charging, { ongoingIndicator: false, messagesInQueue: true });
  await f.event(charging, { eventType: 'Updated', trigger: 'StopAuthorized', token: need('valid'), offline: true, seqNo: gap, rule: { '2.0.1': 'E01.FR.12' } });
  await f.event(charging, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'EVConnected', offline: true, seqNo: gap + 1 });
});

csmsCase({
  ids: { '2.0.1': 'TC_E_33_CSMS' },
  title: 'Check Transaction status - Without transactionId - with message in queue',
  area: 'authorization', useCase: E14,
  requirements: { '2.0.1': ['Part2§E14', 'FR.03'] },
  catches: ['txStatus.neverAsks'],
  expectation: 'After a connection loss the operator asks about the queue as a whole: GetTransactionStatus without transactionId; the station answers messages queued (no ongoingIndicator) and delivers the queued Updated event (offline = true), which the CSMS answers.',
  actions: ['ask the station whether it has transaction messages queued (no transaction named)'],
}, async ({ charging, station, drv, operate, facts }) => {
  await offlineAndBack(station);
  await askStatus({ station, drv, operate, stationId: facts.stationId }, undefined, { messagesInQueue: true });
  await new TransactionFlows(drv).event(charging, { eventType: 'Updated', trigger: 'MeterValuePeriodic', chargingState: 'Charging', offline: true });
});

csmsCase({
  ids: { '2.0.1': 'TC_E_34_CSMS' },
  title: 'Check Transaction status - Without transactionId - without message in queue',
  area: 'authorization', useCase: E14,
  requirements: { '2.0.1': ['Part2§E14'] },
  catches: ['txStatus.neverAsks'],
  expectation: 'The operator asks about the queue as a whole: GetTransactionStatus without transactionId; the station answers nothing queued.',
  actions: ['ask the station whether it has transaction messages queued (no transaction named)'],
}, async ({ booted, station, drv, operate, facts }) => {
  void booted;
  await askStatus({ station, drv, operate, stationId: facts.stationId }, undefined, { messagesInQueue: false });
});
