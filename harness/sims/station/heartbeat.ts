/** The station's heartbeat (1.6 §4.6, 2.0.1 G02): every HeartbeatInterval while registered. */
import { both, type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';

interface HeartbeatPolicy {
  sends: boolean;
  /** The period, in HeartbeatIntervals. */
  intervalFactor: number;
}

export const HEARTBEAT_FAULTS = {
  'heartbeat.ignoresInterval': { description: 'sends heartbeats at three times the interval it was given', rules: both(['1.6§4.2', '1.6§4.6'], ['B01.FR.04', 'G02.FR.01']), breaks: { intervalFactor: 3 } },
  'heartbeat.none': { description: 'never sends a Heartbeat', rules: both(['1.6§4.6'], ['G02.FR.02']), breaks: { sends: false } },
} satisfies FaultTable<HeartbeatPolicy>;

export class Heartbeat {
  readonly policy: Readonly<HeartbeatPolicy>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<HeartbeatPolicy>({ sends: true, intervalFactor: 1 }, HEARTBEAT_FAULTS, faults);
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
}
