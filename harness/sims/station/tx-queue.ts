/**
 * Transaction-related messages go out in order, one at a time, and wait while the station is
 * offline: queued, then delivered after reconnection with nothing lost (1.6 §4.8/§4.10 and
 * OCPP-J "queue transaction messages"; 2.0.1 E04, E12 with `offline = true`).
 */
import type { OcppConnection } from '../../transport/connection';
import { both, type FaultTable, policyOf } from './fault-table';

interface TxQueuePolicy {
  /** Holds messages that arise while offline until the station is back (E04, 1.6 §3.5.4). */
  holdsWhileOffline: boolean;
  /** Resends a message the CSMS failed to process, up to the attempts (E13.FR.02). */
  retries: boolean;
  /** Waits the interval × the preceding transmissions before a resend (E13.FR.03). */
  backsOff: boolean;
}

export const TX_QUEUE_FAULTS = {
  'auth.offlineLosesTransaction': { description: 'drops transaction messages that arise while offline', rules: both(['1.6§3.5.4', '1.6§3.7'], ['E04.FR.01', 'E04.FR.02']), breaks: { holdsWhileOffline: false } },
  'tx.noRetry': { description: 'drops a transaction message the CSMS answered with a CALLERROR instead of resending it', rules: { '2.0.1': ['E13.FR.02'] }, breaks: { retries: false } },
  'tx.retryWithoutBackOff': { description: 'resends a failed transaction message after the interval, not the interval × preceding transmissions', rules: { '2.0.1': ['E13.FR.03'] }, breaks: { backsOff: false } },
} satisfies FaultTable<TxQueuePolicy>;

interface Item {
  action: string;
  build: (offline: boolean) => Record<string, unknown>;
  offline: boolean;
  resolve: (reply: Record<string, unknown> | undefined) => void;
  /** Transmissions that failed (CALLERROR or no reply). */
  failures?: number;
}

export class TxQueue {
  private readonly items: Item[] = [];
  private flushing = false;
  readonly policy: Readonly<TxQueuePolicy>;

  constructor(private readonly link: {
    connection: () => OcppConnection | undefined; online: () => boolean;
    /** 2.0.1 E13 / 1.6 §3.7.1: the settings for a message the CSMS fails to process (attempts, interval in spec s); `wait` schedules a retry. */
    retry: () => { attempts: number; intervalSeconds: number };
    wait: (specSeconds: number) => Promise<void>;
  }, faults: ReadonlySet<string>) {
    this.policy = policyOf<TxQueuePolicy>({ holdsWhileOffline: true, retries: true, backsOff: true }, TX_QUEUE_FAULTS, faults);
  }

  /** Resolves when every queued message is delivered, or after `timeoutMs` (e.g. before a reboot, B12.FR.03). */
  drained(timeoutMs: number): Promise<void> {
    if (!this.items.length) return Promise.resolve();
    const last = this.items[this.items.length - 1];
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const original = last.resolve;
      last.resolve = (reply) => { clearTimeout(timer); original(reply); resolve(); };
    });
  }

  /** Queues a message; `build` makes its payload when it is sent (ids known only by then). */
  push(action: string, build: (offline: boolean) => Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const offline = !this.link.online();
    if (offline && !this.policy.holdsWhileOffline) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.items.push({ action, build, offline, resolve });
      void this.flush();
    });
  }

  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.items.length && this.link.online()) {
        const item = this.items[0];
        const conn = this.link.connection();
        if (!conn) break;
        const out = await conn.call(item.action, item.build(item.offline));
        if (out.kind === 'closed') break;
        if (out.kind === 'result') { this.items.shift(); item.resolve(out.payload); continue; }
        // A CALLERROR or no reply: E13.FR.02-04 (1.6 §3.7.1): resend after interval × preceding transmissions, up to the attempts, then discard.
        item.failures = (item.failures ?? 0) + 1;
        const r = this.link.retry();
        if (item.failures >= (this.policy.retries ? Math.max(1, r.attempts) : 1)) { this.items.shift(); item.resolve(undefined); continue; }
        await this.link.wait(r.intervalSeconds * (this.policy.backsOff ? item.failures : 1));
      }
    } finally {
      this.flushing = false;
    }
  }
}
