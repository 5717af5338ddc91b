/**
 * Authorization and transactions of the reference CSMS: the id info it gives a token (status,
 * group, expiry; in Authorize, transaction messages and local list entries) and the 1.6
 * StartTransaction / StopTransaction and 2.0.1 TransactionEvent it stores.
 */
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { ContractCertificates } from './contract-certificates';
import { type Breaks, both, type Handlers, policyFor } from './concern';
import type { CsmsStore, ReferenceData, StationRecord } from './store';
import { Transactions } from './transactions';

export const AUTHORIZATION_FAULTS = {
  'auth.acceptsBlockedToken': { description: 'answers Authorize for a blocked token Accepted', rules: both(['1.6§4.1'], ['C01.FR.07']) },
  'auth.acceptsExpiredToken': { description: 'answers Authorize for an expired token Accepted', rules: both(['1.6§4.1'], ['C01.FR.07']) },
  'auth.acceptsUnknownToken': { description: 'answers Authorize for a token it does not know Accepted', rules: both(['1.6§4.1'], ['C01.FR.07']) },
  'auth.noGroupId': { description: 'leaves the group id (1.6 parentIdTag, 2.0.1 groupIdToken) out of Authorize replies', rules: both(['1.6§3.10'], ['C09.FR.09', 'C09.FR.12']), should: ['1.6'] },
  'tx.acceptsInvalidToken': { description: 'answers a transaction start with an unknown token Accepted', rules: both(['1.6§4.8'], ['E01.FR.11', 'E05.FR.01']) },
  'tx.losesOfflineTransaction': { description: 'answers transaction messages queued while offline with a CALLERROR (the transaction is lost)', rules: both(['1.6§4.8'], ['E01.FR.11', 'E01.FR.12']) },
  'tx.rejectsUnauthorizedStart': { description: 'answers a transaction start Invalid when the token was not sent in an Authorize first (breaks the cache and the local list)', rules: both(['1.6§4.8'], ['C12.FR.03', 'E01.FR.12']) },
  'reply.late': { description: 'answers Authorize only after the message timeout', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']) },
} satisfies Record<string, FaultSpec>;

interface AuthorizationPolicy {
  /** Token statuses answered Accepted instead: blocked, expired, unknown (in an Authorize / in a transaction message). */
  acceptsBlocked: boolean;
  acceptsExpired: boolean;
  acceptsUnknownInAuthorize: boolean;
  acceptsUnknownInTransaction: boolean;
  /** Id info carries the token's group (1.6 parentIdTag, 2.0.1 groupIdToken). */
  givesGroupId: boolean;
  /** Transaction messages queued while the station was offline are stored like the others. */
  keepsOfflineTransactions: boolean;
  /** A transaction start is Invalid unless the station sent the token in an Authorize first. */
  startNeedsAuthorize: boolean;
  /** Real ms it waits before answering an Authorize. */
  authorizeDelayMs: (data: ReferenceData) => number;
  /** 2.0.1 status of a token it does not know (1.6 has only Invalid). */
  unknownTokenStatus: 'Unknown' | 'Invalid';
  /** A transaction start for a token that has another transaction running is answered ConcurrentTx. */
  refusesConcurrentTx: boolean;
  /** Id info of an Accepted token carries an expiry (1.6 expiryDate, 2.0.1 cacheExpiryDateTime) this far ahead, ms. */
  acceptedExpiryMs?: number;
}

const CLEAN: AuthorizationPolicy = {
  acceptsBlocked: false,
  acceptsExpired: false,
  acceptsUnknownInAuthorize: false,
  acceptsUnknownInTransaction: false,
  givesGroupId: true,
  keepsOfflineTransactions: true,
  startNeedsAuthorize: false,
  authorizeDelayMs: () => 0,
  unknownTokenStatus: 'Unknown',
  refusesConcurrentTx: false,
  acceptedExpiryMs: undefined,
};

/** Legal variations of authorization and transactions (harness/sims/variant-spec.ts). */
export const AUTHORIZATION_VARIANTS = {
  'reply.slowAuthorize': {
    description: 'answers Authorize after about 80 % of the message timeout (a CSMS that asks a roaming hub / eMSP in real time)',
    allowedBy: 'OCPP-J 1.6 §4.1.1 / 2.0.1 Part 4 §4.1.1: the station waits for the reply up to the message timeout; no requirement asks the CSMS to answer faster (2.0.1 C01 remark: the CSMS may have to consult an external party)',
    versions: ['1.6', '2.0.1'],
    sets: { authorizeDelayMs: (d) => Math.round(0.8 * d.messageTimeout * d.msPerSecond) },
  },
  'auth.invalidForUnknown': {
    description: 'answers a token it does not know Invalid instead of Unknown',
    allowedBy: '2.0.1 AuthorizationStatusEnumType: Invalid ("identifier is invalid or not allowed") covers an identifier the CSMS does not accept; OCTT TC_C_02_CSMS / TC_E_16_CSMS / TC_C_20_CSMS accept Invalid or Unknown',
    versions: ['2.0.1'],
    sets: { unknownTokenStatus: 'Invalid' },
  },
  'tx.refusesConcurrentTx': {
    description: 'answers a transaction start with a token that already has a transaction running ConcurrentTx (one transaction per token)',
    allowedBy: '1.6 §7 AuthorizationStatus ConcurrentTx ("already involved in another transaction and multiple transactions are not allowed"); 2.0.1 AuthorizationStatusEnumType ConcurrentTx and E05 (the CSMS decides the token\'s status in a transaction message)',
    versions: ['1.6', '2.0.1'],
    sets: { refusesConcurrentTx: true },
  },
  'auth.givesExpiry': {
    description: 'gives an Accepted token an expiry one day ahead (1.6 expiryDate, 2.0.1 cacheExpiryDateTime)',
    allowedBy: '1.6 §7 IdTagInfo.expiryDate and 2.0.1 IdTokenInfoType.cacheExpiryDateTime: optional fields the CSMS may fill (C10: the station caches the token until then)',
    versions: ['1.6', '2.0.1'],
    sets: { acceptedExpiryMs: 24 * 3600_000 },
  },
} satisfies VariantTable<AuthorizationPolicy>;

const BREAKS = {
  'auth.acceptsBlockedToken': { acceptsBlocked: true },
  'auth.acceptsExpiredToken': { acceptsExpired: true },
  'auth.acceptsUnknownToken': { acceptsUnknownInAuthorize: true },
  'auth.noGroupId': { givesGroupId: false },
  'tx.acceptsInvalidToken': { acceptsUnknownInTransaction: true },
  'tx.losesOfflineTransaction': { keepsOfflineTransactions: false },
  'tx.rejectsUnauthorizedStart': { startNeedsAuthorize: true },
  // Twice the message timeout: well past the station's wait (the timeout plus its scheduling slack).
  'reply.late': { authorizeDelayMs: (d) => 2 * d.messageTimeout * d.msPerSecond },
} satisfies Breaks<AuthorizationPolicy, keyof typeof AUTHORIZATION_FAULTS>;

const lost = (): Reply => ({ error: { code: 'InternalError', description: 'transaction not found' } });

export class Authorization {
  private readonly policy: AuthorizationPolicy;
  /** The course of a transaction (transactions.ts): screens each transaction message, finishes its reply. */
  private readonly course: Transactions;

  /** ISO 15118 contract authorization (contract-certificates.ts, C07). */
  private readonly contracts: ContractCertificates;

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, AUTHORIZATION_VARIANTS);
    this.course = new Transactions(active);
    this.contracts = new ContractCertificates(store, active);
  }

  /** idTagInfo (1.6) / idTokenInfo (2.0.1) for a token, as an Authorize reply or a transaction message's reply gives it. */
  idInfo(v: OcppVersion, token: string, answering: 'authorize' | 'transaction'): Record<string, unknown> {
    const p = this.policy;
    const t = this.store.token(token);
    let status: string = t?.status ?? (v === '1.6' ? 'Invalid' : p.unknownTokenStatus);
    if (status === 'Blocked' && p.acceptsBlocked) status = 'Accepted';
    if (status === 'Expired' && p.acceptsExpired) status = 'Accepted';
    if (!t && (answering === 'authorize' ? p.acceptsUnknownInAuthorize : p.acceptsUnknownInTransaction)) status = 'Accepted';
    const group = p.givesGroupId ? t?.groupId : undefined;
    const expiry = t?.expiry ?? (status === 'Accepted' && p.acceptedExpiryMs ? new Date(Date.now() + p.acceptedExpiryMs).toISOString() : undefined);
    if (v === '1.6') return { idTagInfo: { status, ...(group ? { parentIdTag: group } : {}), ...(expiry ? { expiryDate: expiry } : {}) } };
    return { idTokenInfo: { status, ...(group ? { groupIdToken: { idToken: group, type: 'Central' } } : {}), ...(expiry ? { cacheExpiryDateTime: expiry } : {}) } };
  }

  /** The GetTransactionStatusRequest of an operator's status check (transactions.ts), or undefined when it sends none. */
  transactionStatusRequest(v: OcppVersion, transactionId: string | undefined): { action: string; payload: Record<string, unknown> } | undefined {
    return this.course.statusRequest(v, transactionId);
  }

  /** Variant tx.refusesConcurrentTx: another transaction of the token is running (not the one `except`). */
  private concurrent(token: string, except: string): boolean {
    if (!this.policy.refusesConcurrentTx) return false;
    for (const tx of this.store.transactions.values()) if (tx.idToken === token && tx.id !== except && !tx.ended) return true;
    return false;
  }

  private concurrentInfo(v: OcppVersion): Record<string, unknown> {
    return v === '1.6' ? { idTagInfo: { status: 'ConcurrentTx' } } : { idTokenInfo: { status: 'ConcurrentTx' } };
  }

  /** A message timestamped more than a few seconds ago was queued while offline. */
  private isOffline(timestamp: string): boolean { return Date.now() - Date.parse(timestamp) > 2 * this.store.data.msPerSecond + 1000; }

  readonly handlers: Handlers = {
    Authorize: async (rec, p, v) => {
      const delay = this.policy.authorizeDelayMs(this.store.data);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const token = v === '1.6' ? String(p.idTag) : String((p.idToken as { idToken: string }).idToken);
      rec.authorized.add(token);
      const info = this.idInfo(v, token, 'authorize');
      // 2.0.1 C07: a contract certificate's status is checked too (contract-certificates.ts).
      if (v === '2.0.1' && ContractCertificates.carriesContract(p)) return { payload: await this.contracts.answer(p, info as { idTokenInfo: Record<string, unknown> }) };
      return { payload: info };
    },
    StartTransaction: (rec, p, v) => {
      if (this.isOffline(String(p.timestamp)) && !this.policy.keepsOfflineTransactions) return lost();
      const id = this.store.newTransactionId();
      if (this.concurrent(String(p.idTag), String(id))) {
        this.store.transactions.set(String(id), { stationId: rec.id, id: String(id), started: String(p.timestamp), ended: String(p.timestamp) });
        return { payload: { transactionId: id, ...this.concurrentInfo(v) } };
      }
      this.store.transactions.set(String(id), { stationId: rec.id, id: String(id), idToken: String(p.idTag), started: String(p.timestamp) });
      if (this.policy.startNeedsAuthorize && !rec.authorized.has(String(p.idTag))) return { payload: { transactionId: id, idTagInfo: { status: 'Invalid' } } };
      return { payload: { transactionId: id, ...this.idInfo(v, String(p.idTag), 'transaction') } };
    },
    StopTransaction: (rec, p, v) => this.course.screen(rec.id, 'StopTransaction', p) ?? this.stopTransaction(p, v),
    TransactionEvent: (rec, p, v) => this.course.screen(rec.id, 'TransactionEvent', p) ?? this.course.finish(rec.id, p, this.transactionEvent(rec, p, v), v),
    MeterValues: () => ({ payload: {} }),
  };

  private stopTransaction(p: Record<string, unknown>, v: OcppVersion): Reply {
    if (this.isOffline(String(p.timestamp)) && !this.policy.keepsOfflineTransactions) return lost();
    const tx = this.store.transactions.get(String(p.transactionId));
    if (tx) tx.ended = String(p.timestamp);
    return { payload: p.idTag ? this.idInfo(v, String(p.idTag), 'transaction') : {} };
  }

  private transactionEvent(rec: StationRecord, p: Record<string, unknown>, v: OcppVersion): Reply {
    if (p.offline === true && !this.policy.keepsOfflineTransactions) return lost();
    const info = p.transactionInfo as { transactionId: string };
    const token = (p.idToken as { idToken?: string } | undefined)?.idToken;
    let tx = this.store.transactions.get(info.transactionId);
    if (!tx) { tx = { stationId: rec.id, id: info.transactionId, started: String(p.timestamp) }; this.store.transactions.set(tx.id, tx); }
    if (p.eventType === 'Ended') tx.ended = String(p.timestamp);
    if (token && !tx.idToken) {
      if (this.concurrent(token, tx.id)) return { payload: this.concurrentInfo(v) };
      tx.idToken = token;
    }
    if (!token) return { payload: {} };
    if (this.policy.startNeedsAuthorize && !rec.authorized.has(token)) return { payload: { idTokenInfo: { status: 'Invalid' } } };
    return { payload: this.idInfo(v, token, 'transaction') };
  }
}
