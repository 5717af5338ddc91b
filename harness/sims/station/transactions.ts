/**
 * Transactions (1.6 §4.8, §4.10, 2.0.1 E): a session starts when cable, authorization, hardware
 * and availability allow; it stops by token, remotely or when the CSMS rejects its token (1.6
 * StopTransactionOnInvalidId, E05), and ends when the cable is out or the station resets. Its
 * messages go through the transaction queue (tx-queue.ts), in the dialect's words.
 */
import type { AuthInfo, Token } from './authorization';
import type { ConnectorState } from './connectors';
import { both, type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';

type StopTrigger = 'StopAuthorized' | 'RemoteStop' | 'Deauthorized';

export interface Transaction {
  id: string | number;
  token: Token;
  groupId?: string;
  charging: boolean;
  seqNo: number;
  meterStart: number;
  remoteStartId?: number;
  trigger: 'Authorized' | 'RemoteStart';
  /** Stop requested (2.0.1: the transaction goes on until the cable is out, TxStopPoint EVConnected). */
  stopped?: { trigger: StopTrigger; by?: Token };
  meterTimer?: NodeJS.Timeout;
}

interface TransactionPolicy {
  /** The token a transaction records and reports, from the one authorized (E03.FR.01: the same). */
  recordedToken: (authorized: Token) => Token;
  /** Acts when the CSMS rejects the token of a started transaction: stops, or suspends charging (E05). */
  actsOnRejectedToken: boolean;
}

export const TRANSACTION_FAULTS = {
  'tx.wrongIdToken': { description: 'reports a truncated card UID in the transaction it starts', rules: both(['1.6§4.8'], ['E03.FR.01', 'C01.FR.01']), breaks: { recordedToken: (t) => ({ ...t, idToken: t.idToken.slice(0, -1) }) } },
  'auth.ignoresStopTxOnInvalidId': { description: 'keeps charging when the CSMS rejects the token of a started transaction', rules: both(['1.6§9.1.StopTransactionOnInvalidId'], ['E05.FR.02', 'E05.FR.09', 'C15.FR.03', 'C15.FR.04', 'C15.FR.06']), should: ['1.6'], breaks: { actsOnRejectedToken: false } },
} satisfies FaultTable<TransactionPolicy>;

export class Transactions {
  readonly policy: Readonly<TransactionPolicy>;
  private nextId = 1;

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<TransactionPolicy>({ recordedToken: (t) => t, actsOnRejectedToken: true }, TRANSACTION_FAULTS, faults);
  }

  /** Whether a new session may start on `c`. */
  isFree(c: ConnectorState): boolean {
    return !c.tx && !c.authorized && this.s.hw.faultAllowsCharging(c) && this.s.availability.isOperative(c);
  }

  /** A free connector for a token without one: one with a cable in first. */
  freeConnector(): ConnectorState | undefined {
    return this.s.connectors.find((x) => x.plugged && this.isFree(x)) ?? this.s.connectors.find((x) => this.isFree(x));
  }

  /** After a cable or an authorization came: start if everything allows, then report. */
  async settle(c: ConnectorState): Promise<void> {
    const { hw, availability } = this.s;
    if (c.plugged && c.authorized && !c.tx && hw.faultAllowsCharging(c) && hw.lockAllowsCharging(c) && availability.isOperative(c)) this.start(c);
    await this.s.status.refresh();
  }

  /** Stop by token, by the CSMS (remote) or by a deauthorizing reply: the relay opens at once. */
  requestStop(c: ConnectorState, trigger: StopTrigger, by?: Token): void {
    const tx = c.tx;
    if (!tx || tx.stopped) return;
    this.s.hw.setRelay(c, false);
    tx.charging = false;
    tx.stopped = { trigger, by };
    this.stopMeterValues(tx);
    if (this.s.dialect.txStopRequested(c, tx)) this.close(c);
    void this.s.status.refresh();
  }

  /** The transaction on `c` ends (unplug, reset, availability without schedule). */
  end(c: ConnectorState, reason: string): void {
    const tx = c.tx;
    if (!tx) return;
    this.s.hw.setRelay(c, false);
    this.stopMeterValues(tx);
    this.s.dialect.txEnded(c, tx, reason);
    this.close(c);
    void this.s.status.refresh();
  }

  /** Resolves when no connector has a transaction. */
  untilNone(): Promise<void> {
    if (!this.s.connectors.some((c) => c.tx)) return Promise.resolve();
    return new Promise((resolve) => { this.s.once('idle', resolve); });
  }

  /** Queues a transaction message (kept in order, held while offline). */
  send(action: string, build: (offline: boolean) => Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    return this.s.txQueue.push(action, build);
  }

  private start(c: ConnectorState): void {
    const auth = c.authorized!;
    if (auth.timer) this.s.cancel(auth.timer);
    c.authorized = undefined;
    const tx: Transaction = {
      id: `${this.s.opts.stationId}-${this.nextId++}`, token: this.policy.recordedToken(auth.token), groupId: auth.groupId, charging: true, seqNo: 0,
      meterStart: this.s.hw.meterWh(c), remoteStartId: auth.remoteStartId, trigger: auth.trigger,
    };
    c.tx = tx;
    this.s.hw.setRelay(c, true);
    this.startMeterValues(c, tx);
    void this.s.dialect.txStarted(c, tx).then((info) => this.onStartVerdict(c, tx, info));
  }

  /** The CSMS's verdict on the token of a started transaction (1.6 §4.8 StopTransactionOnInvalidId, 2.0.1 E05). */
  private onStartVerdict(c: ConnectorState, tx: Transaction, info: AuthInfo | undefined): void {
    if (!info) return;
    this.s.auth.remember(tx.token.idToken, info);
    if (info.status === 'Accepted' || c.tx !== tx || tx.stopped || !this.policy.actsOnRejectedToken) return;
    if (this.s.settings.bool('StopTransactionOnInvalidId')) {
      this.requestStop(c, 'Deauthorized');
      return;
    }
    this.s.hw.setRelay(c, false);
    tx.charging = false;
    this.stopMeterValues(tx);
    void this.s.dialect.txSuspended(c, tx);
    void this.s.status.refresh();
  }

  private close(c: ConnectorState): void {
    c.tx = undefined;
    c.finishing = c.plugged;
    if (this.s.connectors.some((x) => x.tx)) return;
    this.s.emit('idle');
    this.s.remote.whenIdle();
  }

  private startMeterValues(c: ConnectorState, tx: Transaction): void {
    const interval = this.s.settings.int('MeterValueSampleInterval');
    if (interval <= 0) return;
    const tick = (): void => { tx.meterTimer = this.s.after(interval, () => { if (c.tx === tx && tx.charging) { void this.s.dialect.txMeterValues(c, tx); tick(); } }); };
    tick();
  }

  private stopMeterValues(tx: Transaction): void {
    if (tx.meterTimer) this.s.cancel(tx.meterTimer);
    tx.meterTimer = undefined;
  }
}
