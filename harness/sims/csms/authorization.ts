/**
 * Authorization and transactions of the reference CSMS: the id info it gives a token (status,
 * group, expiry; in Authorize, transaction messages and local list entries) and the 1.6
 * StartTransaction / StopTransaction and 2.0.1 TransactionEvent it stores.
 */
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import { type Breaks, both, type Handlers, policyFor } from './concern';
import type { CsmsStore, ReferenceData } from './store';

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
};

const BREAKS = {
  'auth.acceptsBlockedToken': { acceptsBlocked: true },
  'auth.acceptsExpiredToken': { acceptsExpired: true },
  'auth.acceptsUnknownToken': { acceptsUnknownInAuthorize: true },
  'auth.noGroupId': { givesGroupId: false },
  'tx.acceptsInvalidToken': { acceptsUnknownInTransaction: true },
  'tx.losesOfflineTransaction': { keepsOfflineTransactions: false },
  'tx.rejectsUnauthorizedStart': { startNeedsAuthorize: true },
  'reply.late': { authorizeDelayMs: (d) => (d.messageTimeout + 2) * d.msPerSecond },
} satisfies Breaks<AuthorizationPolicy, keyof typeof AUTHORIZATION_FAULTS>;

const lost = (): Reply => ({ error: { code: 'InternalError', description: 'transaction not found' } });

export class Authorization {
  private readonly policy: AuthorizationPolicy;

  constructor(private readonly store: CsmsStore, faults: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, faults);
  }

  /** idTagInfo (1.6) / idTokenInfo (2.0.1) for a token, as an Authorize reply or a transaction message's reply gives it. */
  idInfo(v: OcppVersion, token: string, answering: 'authorize' | 'transaction'): Record<string, unknown> {
    const p = this.policy;
    const t = this.store.token(token);
    let status: string = t?.status ?? (v === '1.6' ? 'Invalid' : 'Unknown');
    if (status === 'Blocked' && p.acceptsBlocked) status = 'Accepted';
    if (status === 'Expired' && p.acceptsExpired) status = 'Accepted';
    if (!t && (answering === 'authorize' ? p.acceptsUnknownInAuthorize : p.acceptsUnknownInTransaction)) status = 'Accepted';
    const group = p.givesGroupId ? t?.groupId : undefined;
    if (v === '1.6') return { idTagInfo: { status, ...(group ? { parentIdTag: group } : {}), ...(t?.expiry ? { expiryDate: t.expiry } : {}) } };
    return { idTokenInfo: { status, ...(group ? { groupIdToken: { idToken: group, type: 'Central' } } : {}), ...(t?.expiry ? { cacheExpiryDateTime: t.expiry } : {}) } };
  }

  /** A message timestamped more than a few seconds ago was queued while offline. */
  private isOffline(timestamp: string): boolean { return Date.now() - Date.parse(timestamp) > 2 * this.store.data.msPerSecond + 1000; }

  readonly handlers: Handlers = {
    Authorize: async (rec, p, v) => {
      const delay = this.policy.authorizeDelayMs(this.store.data);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const token = v === '1.6' ? String(p.idTag) : String((p.idToken as { idToken: string }).idToken);
      rec.authorized.add(token);
      return { payload: this.idInfo(v, token, 'authorize') };
    },
    StartTransaction: (rec, p, v) => {
      if (this.isOffline(String(p.timestamp)) && !this.policy.keepsOfflineTransactions) return lost();
      const id = this.store.newTransactionId();
      this.store.transactions.set(String(id), { stationId: rec.id, id: String(id), idToken: String(p.idTag), started: String(p.timestamp) });
      if (this.policy.startNeedsAuthorize && !rec.authorized.has(String(p.idTag))) return { payload: { transactionId: id, idTagInfo: { status: 'Invalid' } } };
      return { payload: { transactionId: id, ...this.idInfo(v, String(p.idTag), 'transaction') } };
    },
    StopTransaction: (_rec, p, v) => {
      if (this.isOffline(String(p.timestamp)) && !this.policy.keepsOfflineTransactions) return lost();
      const tx = this.store.transactions.get(String(p.transactionId));
      if (tx) tx.ended = String(p.timestamp);
      return { payload: p.idTag ? this.idInfo(v, String(p.idTag), 'transaction') : {} };
    },
    TransactionEvent: (rec, p, v) => {
      if (p.offline === true && !this.policy.keepsOfflineTransactions) return lost();
      const info = p.transactionInfo as { transactionId: string };
      const token = (p.idToken as { idToken?: string } | undefined)?.idToken;
      let tx = this.store.transactions.get(info.transactionId);
      if (!tx) { tx = { stationId: rec.id, id: info.transactionId, started: String(p.timestamp) }; this.store.transactions.set(tx.id, tx); }
      if (token && !tx.idToken) tx.idToken = token;
      if (p.eventType === 'Ended') tx.ended = String(p.timestamp);
      if (!token) return { payload: {} };
      if (this.policy.startNeedsAuthorize && !rec.authorized.has(token)) return { payload: { idTokenInfo: { status: 'Invalid' } } };
      return { payload: this.idInfo(v, token, 'transaction') };
    },
    MeterValues: () => ({ payload: {} }),
  };
}
