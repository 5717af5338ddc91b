/**
 * How the reference CSMS takes the course of a transaction, whatever TxStartPoint and TxStopPoint
 * the station uses: a transaction may open without a token (EVConnected, ParkingBayOccupancy,
 * EnergyTransfer ...), carry its token in a later event, lose the EV for a while and go on, end
 * without a token; seqNo counts per transaction. The authorization concern answers the token of
 * each message; this one screens a message first (`screen`) and finishes the reply (`finish`).
 */
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, both, policyFor } from './concern';

export const TRANSACTION_FAULTS = {
  'tx.rejectsTokenlessStart': { description: 'answers a TransactionEvent Started without an idToken (TxStartPoint EVConnected, ParkingBayOccupancy, EnergyTransfer ...) with a CALLERROR: it opens transactions only at an authorization', rules: { '2.0.1': ['FR.03'] }, should: true },
  'tx.infoOnlyOnStarted': { description: 'gives idTokenInfo only in the reply to a Started event: an Updated or Ended event carrying a token is answered without it', rules: { '2.0.1': ['E01.FR.12'] } },
  'tx.seqNoPerStation': { description: 'takes seqNo for one counter per station: an event whose seqNo is not above the station\'s last is taken for a duplicate and answered without idTokenInfo', rules: { '2.0.1': ['E01.FR.12'] } },
  'tx.endsAtEVDisconnect': { description: 'takes a TransactionEvent Updated EVCommunicationLost for the end of the transaction: later events of it are answered with a CALLERROR', rules: { '2.0.1': ['FR.03'] }, should: true },
  'tx.closedAfterEnded': { description: 'answers an event that arrives after the transaction\'s Ended event (a queued message filling a seqNo gap) with a CALLERROR, even when it carries a token', rules: { '2.0.1': ['E01.FR.12'] } },
  'txStatus.neverAsks': { description: 'never sends GetTransactionStatus when the operator asks for a transaction\'s status', rules: { '2.0.1': ['Part2§E14'] }, should: true },
  'txStatus.dropsTransactionId': { description: 'sends GetTransactionStatus without the transactionId the operator named (asks about the whole queue instead)', rules: { '2.0.1': ['Part2§E14'] }, should: true },
  'tx.rejectsTokenlessStop': { description: 'answers the end of a transaction without a token (1.6 StopTransaction without idTag, 2.0.1 Ended without idToken) with a CALLERROR', rules: both(['1.6§4.10'], ['FR.03']), should: ['2.0.1'] },
} satisfies Record<string, FaultSpec>;

interface TransactionPolicy {
  /** A transaction opens only with a token (Started without idToken refused). */
  startNeedsToken: boolean;
  /** idTokenInfo only in the reply to Started. */
  infoOnStartedOnly: boolean;
  /** seqNo checked as one counter per station instead of per transaction. */
  seqNoPerStation: boolean;
  /** Updated EVCommunicationLost ends the transaction. */
  evDisconnectEnds: boolean;
  /** The end of a transaction needs a token. */
  stopNeedsToken: boolean;
  /** Events of a transaction after its Ended event are refused. */
  closedAfterEnded: boolean;
  /** Sends GetTransactionStatus when asked. */
  asksTransactionStatus: boolean;
  /** GetTransactionStatus carries the transactionId the operator named. */
  namesTransaction: boolean;
  /** The reply to a 2.0.1 Ended event carries the transaction's totalCost. */
  reportsCost: boolean;
}

const CLEAN: TransactionPolicy = { startNeedsToken: false, infoOnStartedOnly: false, seqNoPerStation: false, evDisconnectEnds: false, stopNeedsToken: false, closedAfterEnded: false, asksTransactionStatus: true, namesTransaction: true, reportsCost: false };

/** Legal variations of transaction handling (harness/sims/variant-spec.ts). */
export const TRANSACTION_VARIANTS = {
  'tx.reportsCost': {
    description: 'answers the Ended event of a 2.0.1 transaction with its total cost (totalCost 0.00 in this reference)',
    allowedBy: '2.0.1 TransactionEventResponse.totalCost: optional, the CSMS may give the running or final cost of the transaction (I02/I03: cost shown to the driver)',
    versions: ['2.0.1'],
    sets: { reportsCost: true },
  },
} satisfies VariantTable<TransactionPolicy>;

const BREAKS = {
  'tx.rejectsTokenlessStart': { startNeedsToken: true },
  'tx.infoOnlyOnStarted': { infoOnStartedOnly: true },
  'tx.seqNoPerStation': { seqNoPerStation: true },
  'tx.endsAtEVDisconnect': { evDisconnectEnds: true },
  'tx.rejectsTokenlessStop': { stopNeedsToken: true },
  'tx.closedAfterEnded': { closedAfterEnded: true },
  'txStatus.neverAsks': { asksTransactionStatus: false },
  'txStatus.dropsTransactionId': { namesTransaction: false },
} satisfies Breaks<TransactionPolicy, keyof typeof TRANSACTION_FAULTS>;

const refused = (description: string): Reply => ({ error: { code: 'PropertyConstraintViolation', description } });

export class Transactions {
  private readonly policy: TransactionPolicy;
  /** Fault tx.seqNoPerStation: the last seqNo per station. */
  private readonly lastSeqNo = new Map<string, number>();
  /** Fault tx.closedAfterEnded: transactions whose Ended event came. */
  private readonly ended = new Set<string>();
  /** Fault tx.endsAtEVDisconnect: transactions it took for ended. */
  private readonly endedEarly = new Set<string>();

  constructor(active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, TRANSACTION_VARIANTS);
  }

  /** A refusal of a transaction message before it is handled (faults only), or undefined. */
  screen(stationId: string, action: string, p: Record<string, unknown>): Reply | undefined {
    const pol = this.policy;
    if (action === 'StopTransaction') return pol.stopNeedsToken && !p.idTag ? refused('idTag required') : undefined;
    if (action !== 'TransactionEvent') return undefined;
    const txId = (p.transactionInfo as { transactionId: string }).transactionId;
    if (pol.closedAfterEnded && this.ended.has(txId)) return { error: { code: 'GenericError', description: `transaction ${txId} has ended` } };
    if (p.eventType === 'Ended') this.ended.add(txId);
    if (this.endedEarly.has(txId)) return { error: { code: 'GenericError', description: `transaction ${txId} has ended` } };
    if (pol.evDisconnectEnds && p.eventType === 'Updated' && p.triggerReason === 'EVCommunicationLost') this.endedEarly.add(txId);
    if (pol.startNeedsToken && p.eventType === 'Started' && !p.idToken) return refused('a transaction needs an idToken');
    if (pol.stopNeedsToken && p.eventType === 'Ended' && !p.idToken) return refused('idToken required');
    return undefined;
  }

  /** The GetTransactionStatusRequest an operator's status check sends (E14; 2.0.1 only), or undefined when it sends none. */
  statusRequest(v: OcppVersion, transactionId: string | undefined): { action: string; payload: Record<string, unknown> } | undefined {
    if (v === '1.6' || !this.policy.asksTransactionStatus) return undefined;
    return { action: 'GetTransactionStatus', payload: transactionId !== undefined && this.policy.namesTransaction ? { transactionId } : {} };
  }

  /** The reply of a handled TransactionEvent, finished (faults and variations). */
  finish(stationId: string, p: Record<string, unknown>, reply: Reply, v: OcppVersion): Reply {
    if (v === '1.6' || !('payload' in reply) || !reply.payload) return reply;
    const pol = this.policy;
    let payload = reply.payload;
    const seqNo = Number(p.seqNo);
    const last = this.lastSeqNo.get(stationId);
    this.lastSeqNo.set(stationId, Math.max(seqNo, last ?? -1));
    const duplicate = pol.seqNoPerStation && last !== undefined && seqNo <= last;
    if ((pol.infoOnStartedOnly && p.eventType !== 'Started') || duplicate) payload = Object.fromEntries(Object.entries(payload).filter(([k]) => k !== 'idTokenInfo'));
    if (pol.reportsCost && p.eventType === 'Ended') payload = { ...payload, totalCost: 0 };
    return { ...reply, payload };
  }
}
