/** The station's heartbeat (1.6 §4.6, 2.0.1 G02): every HeartbeatInterval while registered. */
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import type { SimulatedStation } from './simulated-station';

interface HeartbeatPolicy {
  sends: boolean;
  /** The period, in HeartbeatIntervals. */
  intervalFactor: number;
  /** Counts the interval from the last CALL it sent, skipping the Heartbeat while other traffic flows (1.6 §4.6 MAY). */
  skipsAfterTraffic: boolean;
  /** Sends one Heartbeat right after the boot is Accepted, to set its clock from currentTime. */
  sendsOnBoot: boolean;
  /** Sends one Heartbeat right after reconnecting (without a reboot), to set its clock again. */
  sendsOnReconnect: boolean;
}

export const HEARTBEAT_FAULTS = {
  'heartbeat.ignoresInterval': { description: 'sends heartbeats at three times the interval it was given', rules: both(['1.6§4.2', '1.6§4.6'], ['B01.FR.04', 'G02.FR.01']), breaks: { intervalFactor: 3 } },
  'heartbeat.none': { description: 'never sends a Heartbeat', rules: both(['1.6§4.6'], ['G02.FR.02']), breaks: { sends: false } },
} satisfies FaultTable<HeartbeatPolicy>;

export const HEARTBEAT_VARIANTS = {
  'heartbeat.skipAfterTraffic': {
    description: 'counts the heartbeat interval from the last message it sent: no Heartbeat while other messages flow',
    allowedBy: '1.6 §4.6: "The Charge Point MAY skip sending a Heartbeat.req PDU when another PDU has been sent to the Central System within the configured heartbeat interval" (and §9.1.10 HeartbeatInterval: the interval is one of inactivity).',
    versions: ['1.6'], sets: { skipsAfterTraffic: true },
  },
  'heartbeat.onBoot': {
    description: 'sends a Heartbeat right after its boot is Accepted, to set its clock, before its status reports',
    allowedBy: '1.6 §4.6 / 2.0.1 G02: the Heartbeat response carries the CSMS time "RECOMMENDED to be used ... to synchronize its internal clock"; no requirement forbids a Heartbeat before the interval has passed, nor fixes the order of the messages after an Accepted boot (B01.FR.05, 1.6 errata §3.22 only require the status reports).',
    versions: ['1.6', '2.0.1'], sets: { sendsOnBoot: true },
  },
  'heartbeat.onReconnect': {
    description: 'sends a Heartbeat right after it reconnects without a reboot, to set its clock again after the outage',
    allowedBy: '1.6 §4.6 / 2.0.1 G02 and Part 4 §5.3: the Heartbeat response carries the time to synchronize with; no requirement forbids an early Heartbeat, and the messages a reconnected station owes (B04.FR.01/02 statuses, queued transaction messages, E04) are not ordered against it.',
    versions: ['1.6', '2.0.1'], sets: { sendsOnReconnect: true },
  },
} satisfies VariantTable<HeartbeatPolicy>;

export class Heartbeat {
  readonly policy: Readonly<HeartbeatPolicy>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<HeartbeatPolicy>({ sends: true, intervalFactor: 1, skipsAfterTraffic: false, sendsOnBoot: false, sendsOnReconnect: false }, HEARTBEAT_FAULTS, faults, HEARTBEAT_VARIANTS);
  }

  /** (Re)starts the heartbeat with the current HeartbeatInterval (after boot, reconnection, a change). */
  start(): void {
    this.stop();
    const interval = this.s.settings.int('HeartbeatInterval');
    if (!this.policy.sends || interval <= 0) return;
    const period = interval * this.policy.intervalFactor;
    const tick = (): void => {
      this.timer = this.s.after(period, () => { void this.s.send('Heartbeat', {}); tick(); });
    };
    tick();
  }

  stop(): void {
    if (this.timer) this.s.cancel(this.timer);
    this.timer = undefined;
  }

  /** The station sent a CALL: with skipsAfterTraffic the interval starts again from now. */
  traffic(): void {
    if (this.policy.skipsAfterTraffic && this.timer) this.start();
  }

  /** Reconnected without a reboot: a Heartbeat to set the clock, if this station sends one. */
  async afterReconnect(): Promise<void> {
    if (this.policy.sendsOnReconnect && this.policy.sends) await this.s.send('Heartbeat', {});
  }

  /** The boot was just Accepted: a Heartbeat to set the clock, if this station sends one. */
  async afterBoot(): Promise<void> {
    if (this.policy.sendsOnBoot && this.policy.sends) await this.s.send('Heartbeat', {});
  }
}
