/**
 * Resetting one EVSE (2.0.1 B11.FR.08-10, B12.FR.01/02/07-09): Reset with an evseId. A station
 * that cannot reset an EVSE alone answers Rejected (B11.FR.09, B12.FR.09; the default simulated
 * station, EVSE.AllowReset false); one that can (variant reset.evseReset) sets AllowReset true
 * (B11.FR.10), answers Accepted when the EVSE is idle and resets it (B11.FR.08: the EVSE may be
 * reported Unavailable meanwhile, then comes back), answers OnIdle during a transaction on the
 * EVSE Scheduled and resets it once that transaction has ended normally (B12.FR.01, B12.FR.07),
 * and Immediate Accepted, ending the transaction with triggerReason ResetCommand, stoppedReason
 * ImmediateReset before the reset (B12.FR.02, B12.FR.08 as corrected by the 2025 errata §2.16).
 */
import { type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import type { SimulatedStation } from './simulated-station';

interface EvseResetPolicy {
  /** Can reset one EVSE alone (B11.FR.08); false: a Reset with evseId is Rejected (B11.FR.09, B12.FR.09). */
  supported: boolean;
  /** Sets EVSE.AllowReset true when it can reset an EVSE (B11.FR.10, a SHOULD). */
  advertises: boolean;
  /** Reports the EVSE Unavailable while it resets (B11.FR.08: MAY). */
  reportsUnavailable: boolean;
  /** The EVSE comes back (its state before the reset) when its reset is done; false: it stays Unavailable. */
  comesBack: boolean;
  /** Reset OnIdle with a transaction on the EVSE: Scheduled and waits for its end (B12.FR.01, B12.FR.07); or ends it now (answering Scheduled, or Accepted). */
  onIdle: 'waits' | 'scheduledEndsNow' | 'acceptedEndsNow';
  /** Reset Immediate with a transaction on the EVSE: ends it (ResetCommand / ImmediateReset, B12.FR.08); or keeps it; or ends it with another reason. */
  immediate: 'ends' | 'keeps' | 'otherReason';
}

const CAN = { supported: true, advertises: true } as const;

export const EVSE_RESET_FAULTS = {
  'reset.evseStaysUnavailable': { description: 'resets an EVSE (Reset with evseId Accepted), reports it Unavailable and never brings it back', rules: { '2.0.1': ['B11.FR.08'] }, breaks: { ...CAN, reportsUnavailable: true, comesBack: false } },
  'reset.evseNoAllowReset': { description: 'can reset an EVSE alone but leaves EVSE.AllowReset false', rules: { '2.0.1': ['B11.FR.10'] }, should: true, breaks: { ...CAN, advertises: false } },
  'reset.evseOnIdleEndsTransaction': { description: 'answers Reset OnIdle of an EVSE with a transaction Scheduled, then ends the transaction at once (ResetCommand / ImmediateReset)', rules: { '2.0.1': ['B12.FR.07'] }, breaks: { ...CAN, onIdle: 'scheduledEndsNow' } },
  'reset.evseOnIdleNotScheduled': { description: 'answers Reset OnIdle of an EVSE with a transaction Accepted and ends the transaction at once', rules: { '2.0.1': ['B12.FR.01'] }, breaks: { ...CAN, onIdle: 'acceptedEndsNow' } },
  'reset.evseImmediateKeepsTransaction': { description: 'answers Reset Immediate of an EVSE with a transaction Accepted but lets the transaction go on', rules: { '2.0.1': ['B12.FR.08'] }, breaks: { ...CAN, immediate: 'keeps' } },
  'reset.evseImmediateWrongReason': { description: 'ends the transaction of an EVSE reset Immediate with triggerReason AbnormalCondition, stoppedReason Other', rules: { '2.0.1': ['B12.FR.08'] }, breaks: { ...CAN, immediate: 'otherReason' } },
} satisfies FaultTable<EvseResetPolicy>;

export const EVSE_RESET_VARIANTS = {
  'reset.evseReset': {
    description: 'can reset one EVSE alone (EVSE.AllowReset true): Reset with evseId Accepted (Scheduled during a transaction on it with OnIdle); the EVSE is reported Unavailable while it resets, then comes back',
    allowedBy: 'B11.FR.08 / B11.FR.09: resetting an individual EVSE is optional (a station without it answers Rejected); B11.FR.10: one that can sets AllowReset true; B11.FR.08: it MAY report the EVSE Unavailable meanwhile',
    versions: ['2.0.1'], sets: { ...CAN },
  },
  'reset.evseSilent': {
    description: 'resets an EVSE without reporting it Unavailable meanwhile (its status does not change)',
    allowedBy: 'B11.FR.08: the station MAY send a StatusNotification(Unavailable) for the EVSE it resets',
    versions: ['2.0.1'], sets: { reportsUnavailable: false },
  },
} satisfies VariantTable<EvseResetPolicy>;

const CORRECT: EvseResetPolicy = { supported: false, advertises: true, reportsUnavailable: true, comesBack: true, onIdle: 'waits', immediate: 'ends' };

/** How long an EVSE takes to reset, in spec seconds. */
const RESET_SECONDS = 2;

export class EvseReset {
  readonly policy: Readonly<EvseResetPolicy>;
  /** EVSEs resetting now (Unavailable while their reset runs). */
  private readonly resetting = new Set<number>();
  /** EVSEs whose OnIdle reset waits for the end of their transaction (B12.FR.07). */
  private readonly scheduled = new Set<number>();

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf(CORRECT, EVSE_RESET_FAULTS, faults, EVSE_RESET_VARIANTS);
  }

  /** EVSE.AllowReset (B11.FR.10). */
  get allowReset(): boolean { return this.policy.supported && this.policy.advertises; }

  /** Whether the EVSE is out of service for its reset (availability.ts reads it). */
  blocks(evseId: number): boolean { return this.resetting.has(evseId); }

  /** Reset with an evseId. */
  reset(type: string, evseId: number): 'Accepted' | 'Rejected' | 'Scheduled' {
    const { s, policy } = this;
    // B11.FR.09 / B12.FR.09 (a device-model fault accepts it anyway and does nothing).
    if (!policy.supported) return s.deviceModel.policy.acceptsEvseReset ? 'Accepted' : 'Rejected';
    const mine = s.connectors.filter((c) => c.ref.evseId === evseId);
    if (!mine.length) return 'Rejected';
    const busy = mine.filter((c) => c.tx);
    if (!busy.length) { this.start(evseId); return 'Accepted'; }
    if (type === 'OnIdle' && policy.onIdle === 'waits') { this.scheduled.add(evseId); return 'Scheduled'; }
    if (type === 'Immediate' && policy.immediate === 'keeps') return 'Accepted';
    if (type === 'OnIdle') {
      // The OnIdle faults: the transaction ends at once, before the answer (B12.FR.01, B12.FR.07).
      for (const c of busy) s.tx.end(c, 'ImmediateReset');
      this.start(evseId);
      return policy.onIdle === 'scheduledEndsNow' ? 'Scheduled' : 'Accepted';
    }
    const reason = policy.immediate === 'otherReason' ? 'Other' : 'ImmediateReset';
    this.start(evseId, () => { for (const c of busy) s.tx.end(c, reason); });
    return 'Accepted';
  }

  /** Power loss: a reset in progress is over (the reboot resets every EVSE); nothing stays scheduled. */
  powerLost(): void {
    this.resetting.clear();
    this.scheduled.clear();
  }

  /** A transaction on the EVSE has ended: its Scheduled reset goes ahead (B12.FR.07). */
  whenIdle(evseId: number): void {
    if (!this.scheduled.delete(evseId)) return;
    this.start(evseId);
  }

  /** The reset: out of service at once, its transactions ended (their messages sent), then back after RESET_SECONDS. */
  private start(evseId: number, endTransactions?: () => void): void {
    const { s, policy } = this;
    if (policy.reportsUnavailable) this.resetting.add(evseId);
    s.hardware(`EVSE ${evseId} resetting`);
    s.after(0.02 / (s.opts.timeScale ?? 1), () => {
      void (async () => {
        if (endTransactions) {
          endTransactions();
          await s.txQueue.drained(s.ms(s.opts.messageTimeout ?? 30));
        }
        await s.status.refresh();
        s.after(RESET_SECONDS, () => {
          if (!policy.comesBack) return;
          this.resetting.delete(evseId);
          s.hardware(`EVSE ${evseId} reset done`);
          void s.status.refresh();
        });
      })();
    });
  }
}
