/**
 * The cable retention locks and UnlockConnector (1.6 §5.18, 2.0.1 F05). A connector is a socket
 * with a lock (detachable cable) or has a fixed cable (nothing to unlock); a lock whose mechanism
 * failed (raiseFault ConnectorLockFailure, G05) stays locked. The outcome is neutral; the dialects
 * put it into the version's UnlockStatus.
 */
import type { Token } from './authorization';
import type { ConnectorState } from './connectors';
import { both, type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';

/** What an unlock attempt came to, in neither version's words. */
export type UnlockOutcome = 'unknownConnector' | 'noLock' | 'ongoingTransaction' | 'unlocked' | 'failed';

interface LockPolicy {
  /** Unlocks a working lock (F05.FR.04, 1.6 §5.18). */
  unlocksWorkingLock: boolean;
  /** Unlocks an empty socket too (F05.FR.06: tries even without a cable). */
  unlocksEmptySocket: boolean;
  /** The outcome for a connector it does not have (F05.FR.03, 1.6 §7.46). */
  unknownConnector: 'unknownConnector' | 'unlocked';
  /** The outcome for a fixed cable (1.6 §7.46: no connector lock). */
  fixedCable: 'noLock' | 'unlocked';
  /** The outcome for a lock whose mechanism failed (1.6 §5.18 / §7.46 UnlockFailed). */
  jammedLock: 'failed' | 'unlocked';
  /** 1.6: finishes the transaction on the connector before unlocking (1.6 §5.18). */
  finishesTransaction: boolean;
  /** UnlockOnEVSideDisconnect false: keeps the cable locked after the EV side came loose (E09.FR.03). */
  holdsCableWhenUnlockOff: boolean;
  /** ... and releases it when the driver who started the transaction presents the token (E09.FR.03). */
  releasesOnDriverToken: boolean;
}

export const LOCK_FAULTS = {
  'unlock.fails': { description: 'answers UnlockConnector UnlockFailed although its lock opens', rules: both(['1.6§5.18'], ['F05.FR.04']), breaks: { unlocksWorkingLock: false } },
  'unlock.emptySocketFails': { description: 'does not try to unlock a socket without a cable and answers UnlockFailed', rules: { '2.0.1': ['F05.FR.06'] }, breaks: { unlocksEmptySocket: false } },
  'unlock.unknownConnectorUnlocked': { description: 'answers Unlocked for a connector it does not have', rules: both(['1.6§7.46'], ['F05.FR.03']), breaks: { unknownConnector: 'unlocked' } },
  'unlock.fixedCableUnlocked': { description: 'answers Unlocked for a connector with a fixed cable (it has no lock)', rules: { '1.6': ['1.6§7.46'] }, breaks: { fixedCable: 'unlocked' } },
  'unlock.jammedReportsUnlocked': { description: 'answers Unlocked although the lock mechanism failed and the connector stays locked', rules: { '1.6': ['1.6§5.18'] }, breaks: { jammedLock: 'unlocked' } },
  'ev.releasesCableDespiteUnlockOff': { description: 'releases the cable at its side as soon as it came out of the EV, although UnlockOnEVSideDisconnect is false', rules: both(['1.6§9.1.UnlockConnectorOnEVSideDisconnect'], ['E09.FR.03']), should: ['1.6'], breaks: { holdsCableWhenUnlockOff: false } },
  'ev.cableLockedAfterToken': { description: 'keeps the cable locked after the EV side came loose (UnlockOnEVSideDisconnect false) even when the driver presents the token that started the transaction', rules: { '2.0.1': ['E09.FR.03'] }, breaks: { releasesOnDriverToken: false } },
  'unlock.keepsTransaction': { description: 'unlocks a connector during its transaction without finishing the transaction', rules: { '1.6': ['1.6§5.18'] }, breaks: { finishesTransaction: false } },
} satisfies FaultTable<LockPolicy>;

const CORRECT: LockPolicy = { unlocksWorkingLock: true, unlocksEmptySocket: true, unknownConnector: 'unknownConnector', fixedCable: 'noLock', jammedLock: 'failed', finishesTransaction: true, holdsCableWhenUnlockOff: true, releasesOnDriverToken: true };

/**
 * The connectors (1.6 numbering: position over all EVSEs, from 1) with a fixed cable: the last one
 * of a station with several, so one station has both kinds (the embedded device profile says which).
 */
export function fixedCableConnectors(evses: readonly number[]): number[] {
  const count = evses.reduce((a, b) => a + b, 0);
  return count > 1 ? [count] : [];
}

export class ConnectorLocks {
  readonly policy: Readonly<LockPolicy>;
  private readonly fixed: ReadonlySet<number>;
  /** Cables held after the EV side came loose, by the idToken that started their transaction. */
  private readonly heldFor = new Map<ConnectorState, string | undefined>();

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>, evses: readonly number[]) {
    this.policy = policyOf(CORRECT, LOCK_FAULTS, faults);
    this.fixed = new Set(fixedCableConnectors(evses));
  }

  hasFixedCable(c: ConnectorState): boolean { return this.fixed.has(c.index); }

  /**
   * The cable came out of the EV during `c`'s transaction and UnlockOnEVSideDisconnect is false:
   * whether the lock keeps it (E09.FR.03; a fixed cable has no lock), remembering whose token releases it.
   */
  holdAfterEvSide(c: ConnectorState): boolean {
    if (this.hasFixedCable(c) || !this.policy.holdsCableWhenUnlockOff) return false;
    this.heldFor.set(c, c.tx?.token?.idToken);
    return true;
  }

  /**
   * A token at the reader: the driver who started the transaction releases a cable held after the EV
   * side came loose (E09.FR.03, E10). True when that was all the token did (no transaction left to stop).
   */
  releaseFor(token: Token, ref?: { evseId: number; connectorId: number }): boolean {
    const held = this.s.connectors.find((c) => c.heldLocked && this.heldFor.get(c) === token.idToken && (!ref || (c.ref.evseId === ref.evseId && c.ref.connectorId === ref.connectorId)));
    if (!held) return false;
    const where = `EVSE ${held.ref.evseId} connector ${held.ref.connectorId}`;
    if (!this.policy.releasesOnDriverToken) this.s.hardware(`card ${token.idToken} presented: the cable stays locked in ${where}`);
    else { this.release(held); this.s.hardware(`card ${token.idToken} presented: lock of ${where} opened`); }
    return !held.tx || !!held.tx.stopped;
  }

  private release(c: ConnectorState): void { c.heldLocked = false; this.heldFor.delete(c); }

  /**
   * UnlockConnector for `c` (undefined: a connector the station does not have). `transaction`:
   * 1.6 finishes a transaction on the connector first (§5.18); 2.0.1 leaves an authorized one
   * alone and says so (F05.FR.02).
   */
  unlock(c: ConnectorState | undefined, transaction: 'finishFirst' | 'refuse'): UnlockOutcome {
    const p = this.policy;
    if (!c) return p.unknownConnector;
    const where = `EVSE ${c.ref.evseId} connector ${c.ref.connectorId}`;
    if (this.hasFixedCable(c)) { this.s.hardware(`unlock asked for the fixed cable of ${where}`); return p.fixedCable; }
    if (c.tx) {
      if (transaction === 'refuse' && c.tx.token) return 'ongoingTransaction';
      if (transaction === 'finishFirst' && p.finishesTransaction) this.s.tx.end(c, 'UnlockCommand');
    }
    if (c.lockFailed) { this.s.hardware(`lock of ${where} does not open`); return p.jammedLock; }
    if (!c.plugged && !p.unlocksEmptySocket) return 'failed';
    if (!p.unlocksWorkingLock) return 'failed';
    this.s.hardware(`lock of ${where} opened`);
    this.release(c);
    return 'unlocked';
  }
}
