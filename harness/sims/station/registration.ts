/**
 * Registration (1.6 §4.2, 2.0.1 B01-B03): BootNotification after every connection that follows
 * a power-up or reboot, the retry after Pending / Rejected at the interval the CSMS gave, and
 * what the station may send and answer before it is Accepted.
 */
import type { Reply } from '../../transport/connection';
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import type { SimulatedStation } from './simulated-station';

type RegistrationStatus = 'none' | 'Accepted' | 'Pending' | 'Rejected';

interface RegistrationPolicy {
  /** The reason BootNotification gives instead of the real one (B01.FR.09: the real one). */
  reasonOverride?: string;
  /** Resends BootNotification after Pending / Rejected. */
  retries: boolean;
  /** The wait before that, in intervals given by the CSMS (B02.FR.04, B03.FR.02: one). */
  retryIntervalFactor: number;
  /** States before Accepted in which it sends a StatusNotification all the same (B02.FR.02, B03.FR.02: none). */
  sendsStatusWhile: readonly RegistrationStatus[];
  /** Answers CSMS requests while Rejected (B03.FR.08: no). */
  answersWhileRejected: boolean;
  /** Answers CSMS requests while Pending (B02.FR.01: yes). */
  answersWhilePending: boolean;
  /** Spec seconds a reboot takes, when not the run's bootSeconds. */
  rebootSeconds?: number;
  /** Sends a StatusNotification on connecting, before its first BootNotification (B01.FR.08, 1.6 §4.2: nothing but the boot). */
  sendsBeforeBoot: boolean;
  /** Closes the connection when its boot is answered Pending, and boots again on a new one after the interval (B02.FR.06: it stays open). */
  closesWhilePending: boolean;
  /** Closes the connection when its boot is answered Rejected, until the retry (B03.FR.04: it may). */
  closesWhileRejected?: boolean;
  /** Closes the connection once its boot is reported, reconnecting after its back-off (Part 4 §3.1: it keeps it open). */
  hangsUpAfterBoot: boolean;
}

export const REGISTRATION_FAULTS = {
  'boot.ignoresRetryInterval': { description: 'resends BootNotification after a quarter of the interval given with Pending/Rejected', rules: both(['1.6§4.2'], ['B02.FR.04', 'B03.FR.02']), breaks: { retryIntervalFactor: 1 / 4 } },
  'boot.noRetry': { description: 'never resends BootNotification after Pending/Rejected', rules: both(['1.6§4.2'], ['B02.FR.08', 'B03.FR.06']), should: ['1.6'], breaks: { retries: false } },
  'boot.sendsWhileRejected': { description: 'sends StatusNotification while its boot is Rejected', rules: both(['1.6§4.2'], ['B03.FR.02']), breaks: { sendsStatusWhile: ['Rejected'] } },
  'boot.sendsWhilePending': { description: 'sends StatusNotification while its boot is Pending', rules: both(['1.6§4.2'], ['B02.FR.02']), breaks: { sendsStatusWhile: ['Pending'] } },
  'boot.answersWhileRejected': { description: 'answers CSMS requests normally while Rejected', rules: both(['1.6§4.2'], ['B03.FR.08']), breaks: { answersWhileRejected: true } },
  'boot.ignoresPendingRequests': { description: 'answers no CSMS request while Pending (a SHOULD in 1.6 §4.2)', rules: both(['1.6§4.2.Pending'], ['B02.FR.01']), should: ['1.6'], breaks: { answersWhilePending: false } },
  'boot.sendsBeforeBoot': { description: 'sends a StatusNotification as soon as it connects, before its BootNotification', rules: both(['1.6§4.2'], ['B01.FR.08']), breaks: { sendsBeforeBoot: true } },
  'boot.hangsUpAfterBoot': { description: 'closes its connection once its boot is reported (a SOAP-era habit) and reconnects after its back-off', rules: { '2.0.1': ['Part4§3.1'] }, breaks: { hangsUpAfterBoot: true } },
  'boot.closesWhilePending': { description: 'closes the connection when its boot is answered Pending and boots again on a new one after the interval', rules: both(['1.6§4.2.PendingOpen'], ['B02.FR.06']), should: ['1.6'], breaks: { closesWhilePending: true } },
  'boot.wrongReason': { description: 'gives BootNotification reason Unknown whatever the cause', rules: { '2.0.1': ['B01.FR.09'] }, breaks: { reasonOverride: 'Unknown' } },
  'boot.powerUpAfterReset': { description: 'gives BootNotification reason PowerUp whatever the cause (forgets a Reset or a firmware update)', rules: { '2.0.1': ['B01.FR.09'] }, breaks: { reasonOverride: 'PowerUp' } },
} satisfies FaultTable<RegistrationPolicy>;

export const REGISTRATION_VARIANTS = {
  'boot.closesWhenRejected': {
    description: 'closes its connection when its boot is answered Rejected, reconnects, and boots again when the retry interval is over',
    allowedBy: '2.0.1 B03.FR.04 / 1.6 §4.2: while Rejected the station may close the connection until its next BootNotification; the retry interval still holds (B03.FR.02).',
    versions: ['1.6', '2.0.1'], sets: { closesWhileRejected: true },
  },
  'reset.slowReboot': {
    description: 'takes 12 s to reboot (after a Reset or a firmware install) before it connects and boots again',
    allowedBy: '1.6 §5.14 / 2.0.1 B11, B12: after a Reset the station reboots and sends BootNotification (B01.FR.03, 1.6 §4.2) with no time limit; OCTT allows a reboot timeout (ours: rebootTimeout, 30 s embedded).',
    versions: ['1.6', '2.0.1'], sets: { rebootSeconds: 12 },
  },
} satisfies VariantTable<RegistrationPolicy>;

export class Registration {
  readonly policy: Readonly<RegistrationPolicy>;
  status: RegistrationStatus = 'none';
  /** The reason of the next BootNotification (2.0.1 BootReasonEnumType). */
  reason = 'PowerUp';
  /** When, after Pending / Rejected, the next BootNotification is due (B02.FR.04, B03.FR.02: not before). */
  private retryAt = 0;

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<RegistrationPolicy>({ retries: true, retryIntervalFactor: 1, sendsStatusWhile: [], answersWhileRejected: false, answersWhilePending: true, sendsBeforeBoot: false, closesWhilePending: false, hangsUpAfterBoot: false }, REGISTRATION_FAULTS, faults, REGISTRATION_VARIANTS);
  }

  /** `due`: the retry at the end of the interval (a boot on connecting waits for it). */
  async boot(due = false): Promise<void> {
    const conn = this.s.link.conn;
    if (!conn?.isOpen) return;
    // Connected again while Pending / Rejected: the retry scheduled for the end of the interval boots.
    if (!due && (this.status === 'Pending' || this.status === 'Rejected') && Date.now() < this.retryAt) return;
    if (this.status === 'none' && this.policy.sendsBeforeBoot) void this.s.status.send(this.s.connectors[0], true);
    const out = await conn.call('BootNotification', this.s.dialect.bootRequest(this.policy.reasonOverride ?? this.reason));
    if (this.s.link.conn !== conn) return;
    if (out.kind !== 'result') { this.s.after(this.s.opts.reconnectSeconds ?? 2, () => void this.boot()); return; }
    const status = String(out.payload.status) as RegistrationStatus;
    const interval = Number(out.payload.interval ?? 0);
    this.status = status;
    if (status === 'Accepted') { await this.accepted(interval); return; }
    if (status === 'Rejected' || status === 'Pending') {
      if (this.policy.sendsStatusWhile.includes(status)) void this.s.status.send(this.s.connectors[0], true);
      if (!this.policy.retries) return;
      const wait = (interval > 0 ? interval : 30) * this.policy.retryIntervalFactor; // B02.FR.07 / B03.FR.05: own interval when 0
      this.retryAt = Date.now() + this.s.ms(wait);
      this.s.after(wait, () => { if (this.status !== 'Accepted') void this.boot(true); });
      if (status === 'Pending' && this.policy.closesWhilePending) setTimeout(() => conn.close(1000, 'registration pending'), 10);
      if (status === 'Rejected' && this.policy.closesWhileRejected) setTimeout(() => conn.close(1000, 'registration rejected'), 10);
    }
  }

  /** Triggered BootNotification (F06 / 1.6 §5.17). */
  trigger(): void { this.reason = 'Triggered'; void this.boot(true); }

  /**
   * The answer to a CSMS request while not Accepted, or undefined to answer it. Rejected: 1.6
   * §4.2 "SHALL NOT respond to any Central System initiated message", 2.0.1 B03.FR.08 CALLERROR
   * SecurityError; Pending: answered (B02.FR.01).
   */
  refusal(): Reply | undefined {
    if (this.status === 'Rejected' && !this.policy.answersWhileRejected) {
      return this.s.version === '1.6' ? { silent: true } : { error: { code: 'SecurityError', description: 'boot not accepted' } };
    }
    if (this.status === 'Pending' && !this.policy.answersWhilePending) return { silent: true };
    return undefined;
  }

  private async accepted(interval: number): Promise<void> {
    this.reason = 'PowerUp';
    if (interval > 0) this.s.settings.get('HeartbeatInterval')!.value = String(interval);
    this.s.heartbeat.start();
    this.s.link.sendStrayFrames();
    await this.s.heartbeat.afterBoot();
    await this.s.status.afterBoot();
    this.s.link.flushHeld();
    void this.s.firmware.afterBoot();
    this.s.link.afterBootReported();
    if (this.policy.hangsUpAfterBoot) { const conn = this.s.link.conn; this.s.after(2, () => conn?.close(1000, 'boot done')); }
  }
}
