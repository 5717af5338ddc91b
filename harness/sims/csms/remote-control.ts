/**
 * Remote control of the reference CSMS (2.0.1 F01-F05, 1.6 §5.11/§5.12/§5.18): the token a
 * remote start carries (with its type, from the facts), the transaction a remote stop names, and
 * UnlockConnector for the connector the operator chose. Operator-actions.ts builds the requests
 * from these knobs.
 */
import type { OcppVersion } from '../../protocol/versions';
import type { CsmsAction } from '../../model/csms-actions';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, both, policyFor } from './concern';
import type { CsmsStore } from './store';

export const REMOTE_FAULTS = {
  'remote.wrongToken': { description: 'sends the remote start for another token than the operator chose', rules: both(['1.6§5.11'], ['F01.FR.04', 'F02.FR.12']) },
  'remote.centralTokenType': { description: 'sends every remote start token with type Central instead of the type the token has', rules: { '2.0.1': ['F01.FR.04', 'F02.FR.12'] } },
  'remote.stopsWrongTransaction': { description: 'sends the remote stop for another transaction than the operator chose', rules: both(['1.6§5.12.Request'], ['F03.FR.01']), should: ['1.6'] },
  'unlock.neverSends': { description: 'never sends UnlockConnector when the operator asks', rules: both(['1.6§5.18'], ['Part2§F05']), should: ['2.0.1'] },
  'unlock.wrongConnector': { description: 'sends UnlockConnector for another connector than the operator chose', rules: both(['1.6§5.18'], ['Part2§F05']), should: ['2.0.1'] },
} satisfies Record<string, FaultSpec>;

interface RemotePolicy {
  /** The token a remote start carries, from the one the operator chose. */
  remoteToken: (chosen: string) => string;
  /** 2.0.1: the IdTokenEnumType sent, from the token's own (undefined: not in the facts). */
  tokenType: (own: string | undefined) => string;
  /** The transaction a remote stop names, from the one the operator chose. */
  stopTarget: (chosen: string) => string;
  sendsUnlock: boolean;
  /** The connector an unlock goes to, from the one the operator chose. */
  unlockTarget: (chosen: number) => number;
  /** 2.0.1: a remote start leaves the EVSE to the station (evseId is optional). */
  omitsStartEvse: boolean;
  /** 1.6: a remote start leaves the connector to the Charge Point (connectorId is optional). */
  omitsStartConnector: boolean;
}

const CLEAN: RemotePolicy = {
  remoteToken: (chosen) => chosen,
  tokenType: (own) => own ?? 'Central',
  stopTarget: (chosen) => chosen,
  sendsUnlock: true,
  unlockTarget: (chosen) => chosen,
  omitsStartEvse: false,
  omitsStartConnector: false,
};

/** Legal variations of remote control (harness/sims/variant-spec.ts). */
export const REMOTE_VARIANTS = {
  'remote.noEvseId': {
    description: 'sends RequestStartTransaction without evseId (the station picks the EVSE)',
    allowedBy: '2.0.1 RequestStartTransactionRequest: evseId is optional (0..1); F01/F02 name no CSMS-side rule that it be given',
    versions: ['2.0.1'],
    sets: { omitsStartEvse: true },
  },
  'remote.noConnectorId': {
    description: 'sends RemoteStartTransaction without connectorId (the Charge Point picks the connector)',
    allowedBy: '1.6 §6.33 RemoteStartTransaction.req: connectorId is optional (0..1); §5.11 lets the Charge Point choose (or reject) when it is absent',
    versions: ['1.6'],
    sets: { omitsStartConnector: true },
  },
} satisfies VariantTable<RemotePolicy>;

const BREAKS = {
  'remote.wrongToken': { remoteToken: (chosen) => `X${chosen}`.slice(0, 20) },
  'remote.centralTokenType': { tokenType: () => 'Central' },
  'remote.stopsWrongTransaction': { stopTarget: (chosen) => (/^\d+$/.test(chosen) ? String(Number(chosen) + 1000) : `${chosen}-other`) },
  'unlock.neverSends': { sendsUnlock: false },
  'unlock.wrongConnector': { unlockTarget: (chosen) => chosen + 1 },
} satisfies Breaks<RemotePolicy, keyof typeof REMOTE_FAULTS>;

interface Request { action: string; payload: Record<string, unknown> }

export class RemoteControl {
  private readonly policy: RemotePolicy;

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, REMOTE_VARIANTS);
  }

  /** 2.0.1: whether a remote start names the EVSE. */
  get namesStartEvse(): boolean { return !this.policy.omitsStartEvse; }

  /** 1.6: whether a remote start names the connector. */
  get namesStartConnector(): boolean { return !this.policy.omitsStartConnector; }

  /** 1.6 idTag of a remote start. */
  idTag(chosen: string): string { return this.policy.remoteToken(chosen); }

  /** 2.0.1 IdTokenType of a remote start: the token with the type the CSMS knows it by. */
  idToken(chosen: string): { idToken: string; type: string } {
    return { idToken: this.policy.remoteToken(chosen), type: this.policy.tokenType(this.store.data.tokens[chosen]?.type) };
  }

  /** The transactionId of a remote stop. */
  stopTransactionId(v: OcppVersion, chosen: string): string | number {
    const id = this.policy.stopTarget(chosen);
    return v === '1.6' ? Number(id) : id;
  }

  /** UnlockConnector (1.6 connectorId counted over the EVSEs, one connector each; 2.0.1 evseId + connectorId); undefined when it sends none. */
  unlock(v: OcppVersion, a: Extract<CsmsAction, { type: 'unlockConnector' }>): Request | undefined {
    const p = this.policy;
    if (!p.sendsUnlock) return undefined;
    return v === '1.6'
      ? { action: 'UnlockConnector', payload: { connectorId: p.unlockTarget(a.evseId + a.connectorId - 1) } }
      : { action: 'UnlockConnector', payload: { evseId: a.evseId, connectorId: p.unlockTarget(a.connectorId) } };
  }
}
