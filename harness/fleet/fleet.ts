/**
 * Fleet mode: N lean stations of its own (neither the simulated station nor the scripted one)
 * against a CSMS under test, each booting, reporting its connectors, heartbeating and running
 * RFID transactions, ramped up at R stations per second.
 * Lean by design (no per-station journal; every frame still validated both ways, every
 * problem counted by kind) so one process holds 10,000 stations. Reports connected, booted,
 * messages per second, reply latency percentiles, lost messages and errors by kind.
 */
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { type OcppVersion, SUBPROTOCOL } from '../protocol/versions';
import { type CallOutcome, OcppConnection } from '../transport/connection';
import { basicCredentials } from '../model/secrets';
import { stationDefaultReply } from '../judge/as-station/default-replies';
import { backoffSeconds } from '../judge/as-station/backoff';
import { Histogram } from './histogram';

interface FleetOptions {
  url: string;
  version: OcppVersion;
  stations: number;
  /** Stations started per second. */
  ramp: number;
  /** Seconds the fleet runs after the first station starts. */
  duration: number;
  /** Station ids: prefix + zero-padded number. */
  idPrefix?: string;
  /** Heartbeat interval in s (default: the interval the CSMS gives). */
  heartbeat?: number;
  /** A station starts a transaction about every this many seconds (0 = none). */
  txEvery?: number;
  /** RFID tokens the stations present (round robin). */
  tokens?: string[];
  connectors?: number;
  password?: string;
  ca?: string;
  /** Seconds to wait for a reply (message timeout). */
  messageTimeout?: number;
  onProgress?: (p: FleetProgress) => void;
}

interface FleetProgress { elapsed: number; started: number; connected: number; booted: number; sent: number; replies: number; lost: number; msgPerSec: number; p95: number; errors: number }

interface FleetSummary extends FleetProgress {
  stations: number;
  closed: number;
  latency: { p50: number; p95: number; p99: number; max: number };
  errors: number;
  errorsByKind: Record<string, number>;
  transactions: number;
}

class FleetStation {
  conn?: OcppConnection;
  booted = false;
  private timers: NodeJS.Timeout[] = [];
  private tx = 0;
  /** Failed connection attempts in a row (the back-off doubles with each, judge/as-station/backoff.ts). */
  private failures = 0;
  private ended = false;
  private everBooted = false;

  constructor(readonly id: string, private readonly fleet: Fleet) {}

  start(): void {
    const f = this.fleet;
    const o = f.opts;
    const headers: Record<string, string> = {};
    if (o.password) headers.authorization = `Basic ${basicCredentials(o.version, this.id, o.password).toString('base64')}`;
    const ws = new WebSocket(`${o.url.replace(/\/+$/, '')}/${encodeURIComponent(this.id)}`, [SUBPROTOCOL[o.version]], { headers, ca: o.ca, handshakeTimeout: 30_000, perMessageDeflate: false });
    let opened = false;
    ws.on('error', (e) => f.error(`connect: ${e.message.replace(/\d+/g, 'N')}`));
    ws.on('unexpected-response', (_q, res) => { f.error(`HTTP ${res.statusCode} at handshake`); ws.terminate(); });
    // A failed attempt is retried no sooner than the back-off (Part 4's RetryBackOff*, real seconds).
    ws.once('close', () => { if (!opened) this.reconnectLater(true); });
    ws.once('open', () => {
      opened = true;
      if (ws.protocol !== SUBPROTOCOL[o.version]) { f.error('no agreed subprotocol'); ws.terminate(); return; }
      this.failures = 0;
      f.connected++;
      this.conn = new OcppConnection(ws, {
        version: o.version, idPrefix: '', callTimeoutMs: (o.messageTimeout ?? 30) * 1000,
        onCall: (call) => stationDefaultReply(o.version, call),
        onFinding: (_s, rule) => f.error(rule),
      });
      this.conn.on('close', () => { f.connected--; f.closed++; this.stop(); this.booted = false; this.reconnectLater(false); });
      void this.boot();
    });
  }

  private async call(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const f = this.fleet;
    if (!this.conn?.isOpen || f.draining) return undefined;
    const t0 = performance.now();
    f.sent++;
    f.inFlight++;
    const r: CallOutcome = await this.conn.call(action, payload);
    f.inFlight--;
    if (f.inFlight === 0) f.drained?.();
    if (r.kind === 'result') { f.replied(performance.now() - t0); return r.payload; }
    if (r.kind === 'error') { f.replied(performance.now() - t0); f.error(`CALLERROR ${r.code} to ${action}`); return undefined; }
    if (r.kind === 'timeout') { f.lost++; f.error(`no reply to ${action} (message timeout)`); return undefined; }
    f.lost++;
    f.error(`connection closed before the reply to ${action}`);
    return undefined;
  }

  private async boot(): Promise<void> {
    const f = this.fleet;
    const v = f.opts.version;
    const payload = v === '1.6'
      ? { chargePointVendor: 'OcppHarness', chargePointModel: 'FleetStation', chargePointSerialNumber: this.id }
      : { reason: 'PowerUp', chargingStation: { vendorName: 'OcppHarness', model: 'FleetStation', serialNumber: this.id } };
    const reply = await this.call('BootNotification', payload);
    if (!reply) return;
    const interval = Number(reply.interval) || 60;
    if (reply.status !== 'Accepted') { this.every(interval, () => { void this.boot(); }, true); return; }
    // Counted once per station: a reconnection boots again but is no new station.
    if (!this.everBooted) f.booted++;
    this.booted = true;
    this.everBooted = true;
    for (let c = 1; c <= (f.opts.connectors ?? 1); c++) await this.status(c, 'Available');
    this.every(f.opts.heartbeat ?? interval, () => { void this.call('Heartbeat', {}); });
    const txEvery = f.opts.txEvery ?? 0;
    if (txEvery > 0) this.every(txEvery * (0.5 + Math.random()), () => { void this.transaction(); });
  }

  private status(connector: number, status: string): Promise<unknown> {
    const now = new Date().toISOString();
    return this.call('StatusNotification', this.fleet.opts.version === '1.6'
      ? { connectorId: connector, errorCode: 'NoError', status, timestamp: now }
      : { timestamp: now, connectorStatus: status === 'Preparing' ? 'Occupied' : status, evseId: connector, connectorId: 1 });
  }

  /** A card is presented with the cable in: Authorize, start, stop, Available again. */
  private async transaction(): Promise<void> {
    const f = this.fleet;
    const tokens = f.opts.tokens?.length ? f.opts.tokens : ['VALIDTAG01'];
    const token = tokens[this.tx++ % tokens.length];
    await this.status(1, 'Preparing');
    const auth = await this.call('Authorize', f.opts.version === '1.6' ? { idTag: token } : { idToken: { idToken: token, type: 'ISO14443' } });
    const info = (auth?.idTagInfo ?? auth?.idTokenInfo) as { status?: string } | undefined;
    if (info?.status === 'Accepted') {
      const ts = (): string => new Date().toISOString();
      if (f.opts.version === '1.6') {
        const start = await this.call('StartTransaction', { connectorId: 1, idTag: token, meterStart: 0, timestamp: ts() });
        if (start) await this.call('StopTransaction', { transactionId: start.transactionId, meterStop: 1000, timestamp: ts(), reason: 'Local' });
      } else {
        const id = randomUUID();
        await this.call('TransactionEvent', { eventType: 'Started', timestamp: ts(), triggerReason: 'Authorized', seqNo: 0, transactionInfo: { transactionId: id, chargingState: 'Charging' }, evse: { id: 1, connectorId: 1 }, idToken: { idToken: token, type: 'ISO14443' } });
        await this.call('TransactionEvent', { eventType: 'Ended', timestamp: ts(), triggerReason: 'StopAuthorized', seqNo: 1, transactionInfo: { transactionId: id, chargingState: 'Idle', stoppedReason: 'Local' } });
      }
      f.transactions++;
    }
    await this.status(1, 'Available');
  }

  private every(seconds: number, fn: () => void, once = false): void {
    const t = (once ? setTimeout : setInterval)(fn, Math.max(50, seconds * 1000));
    this.timers.push(t as NodeJS.Timeout);
  }

  /** After a lost connection or a failed attempt: connect again after the back-off, unless the run is ending. */
  private reconnectLater(failed: boolean): void {
    if (this.ended || this.fleet.draining) return;
    if (failed) this.failures++;
    const wait = backoffSeconds(Math.max(0, this.failures - 1)) * 1000;
    this.every(wait / 1000, () => { if (!this.ended && !this.fleet.draining) this.start(); }, true);
  }

  stop(): void { for (const t of this.timers) clearInterval(t); this.timers = []; }
  close(): void { this.ended = true; this.stop(); this.conn?.close(1000, 'fleet run ended'); }
}

export class Fleet {
  readonly stations: FleetStation[] = [];
  connected = 0; booted = 0; closed = 0; sent = 0; replies = 0; lost = 0; transactions = 0;
  /** No new messages: the run is over, replies still outstanding are awaited. */
  draining = false;
  inFlight = 0;
  /** Called when the last outstanding reply arrives while draining. */
  drained?: () => void;
  readonly latency = new Histogram();
  readonly errorsByKind = new Map<string, number>();
  private started = 0;

  constructor(readonly opts: FleetOptions) {}

  replied(ms: number): void { this.replies++; this.latency.record(ms); }
  error(kind: string): void { this.errorsByKind.set(kind, (this.errorsByKind.get(kind) ?? 0) + 1); }
  get errors(): number { let n = 0; for (const v of this.errorsByKind.values()) n += v; return n; }

  private progress(elapsed: number, lastSent: { n: number; t: number }): FleetProgress {
    const now = performance.now();
    const msgPerSec = ((this.sent - lastSent.n) * 1000) / Math.max(1, now - lastSent.t);
    lastSent.n = this.sent; lastSent.t = now;
    return { elapsed, started: this.started, connected: this.connected, booted: this.booted, sent: this.sent, replies: this.replies, lost: this.lost, msgPerSec, p95: this.latency.percentile(95), errors: this.errors };
  }

  async run(): Promise<FleetSummary> {
    const o = this.opts;
    const t0 = performance.now();
    const prefix = o.idPrefix ?? 'FLEET-';
    const width = String(o.stations).length;
    const perTick = Math.max(1, Math.round(o.ramp / 20));
    const last = { n: 0, t: t0 };
    await new Promise<void>((resolve) => {
      const ramp = setInterval(() => {
        for (let i = 0; i < perTick && this.started < o.stations; i++) {
          const s = new FleetStation(`${prefix}${String(this.started + 1).padStart(width, '0')}`, this);
          this.stations.push(s);
          this.started++;
          s.start();
        }
        if (this.started >= o.stations) clearInterval(ramp);
      }, 50);
      const progress = setInterval(() => o.onProgress?.(this.progress((performance.now() - t0) / 1000, last)), 1000);
      setTimeout(() => { clearInterval(ramp); clearInterval(progress); resolve(); }, o.duration * 1000);
    });
    // Drain: no new messages; every reply still outstanding is awaited (at most one message timeout), so sent = replies + lost.
    this.draining = true;
    for (const s of this.stations) s.stop();
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, (o.messageTimeout ?? 30) * 1000 + 1000);
        this.drained = () => { clearTimeout(timer); resolve(); };
      });
    }
    const elapsed = (performance.now() - t0) / 1000;
    const summary: FleetSummary = {
      ...this.progress(elapsed, { n: 0, t: t0 }), stations: o.stations, closed: this.closed, transactions: this.transactions,
      latency: { p50: this.latency.percentile(50), p95: this.latency.percentile(95), p99: this.latency.percentile(99), max: this.latency.max },
      errors: this.errors, errorsByKind: Object.fromEntries(this.errorsByKind),
    };
    for (const s of this.stations) s.close();
    return summary;
  }
}

export function formatProgress(p: FleetProgress): string {
  return `${p.elapsed.toFixed(0).padStart(4)} s  started ${p.started}  connected ${p.connected}  booted ${p.booted}  ${p.msgPerSec.toFixed(0)} msg/s  p95 ${p.p95.toFixed(1)} ms  lost ${p.lost}  errors ${p.errors}`;
}

export function formatSummary(s: FleetSummary): string {
  return [
    `Fleet summary: ${s.stations} stations, ${s.elapsed.toFixed(1)} s`,
    `  connected ${s.connected} (closed by the CSMS or lost: ${s.closed}), booted ${s.booted}, transactions ${s.transactions}`,
    `  messages sent ${s.sent}, replies ${s.replies}, lost ${s.lost}, ${(s.sent / Math.max(0.001, s.elapsed)).toFixed(0)} msg/s on average`,
    `  reply latency p50 ${s.latency.p50.toFixed(2)} ms, p95 ${s.latency.p95.toFixed(2)} ms, p99 ${s.latency.p99.toFixed(2)} ms, max ${s.latency.max.toFixed(2)} ms`,
    `  errors ${s.errors}${s.errors ? `: ${Object.entries(s.errorsByKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join('; ')}` : ''}`,
  ].join('\n');
}
