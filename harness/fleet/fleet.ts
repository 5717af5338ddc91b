/**
 * Fleet mode: N lean stations of its own (neither the simulated station nor the scripted one)
 * against a CSMS under test, each booting, reporting its connectors, heartbeating and doing
 * what its share of the mix does (RFID sessions with meter values, remote starts, firmware
 * updates, offline periods with queued transactions delivered on return), ramped up at R
 * stations per second.
 * Lean by design (no per-station journal; every frame still validated both ways, every
 * problem counted by kind) so one process holds 10,000 stations. Reports connected, booted,
 * messages per second, reply latency percentiles, lost messages and errors by kind, and a
 * timeline of one sample per second; summaries and timelines of several processes or shards
 * merge exactly (harness/fleet/summary.ts).
 */
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { type OcppVersion, SUBPROTOCOL } from '../protocol/versions';
import { type CallOutcome, OcppConnection } from '../transport/connection';
import type { CallFrame } from '../protocol/rpc';
import { basicCredentials } from '../model/secrets';
import { stationDefaultReply } from '../judge/as-station/default-replies';
import { backoffSeconds } from '../judge/as-station/backoff';
import { Histogram } from './histogram';
import { type FleetMix, type FleetSample, type FleetSummary, DEFAULT_MIX, behaviourOf, summaryOf } from './summary';

export interface FleetOptions {
  url: string;
  version: OcppVersion;
  /** Stations this fleet starts with `run()` (`add()` starts more). */
  stations: number;
  /** Stations started per second. */
  ramp: number;
  /** Seconds the fleet runs after the first station starts (`run()` only). */
  duration: number;
  /** Station ids: prefix + zero-padded number. */
  idPrefix?: string;
  /** Number of the first station (1 by default). */
  firstIndex?: number;
  /** Station k of this fleet is number firstIndex + offset + k·stride: processes and shards interleave, never overlap. */
  stride?: number;
  offset?: number;
  /** Digits of the station number (default: enough for the stations). */
  idWidth?: number;
  /** Heartbeat interval in s (default: the interval the CSMS gives). */
  heartbeat?: number;
  /** An RFID station starts a transaction about every this many seconds (0 = none). */
  txEvery?: number;
  /** Seconds a transaction lasts (meter values every `meterEvery` s meanwhile). */
  txDuration?: number;
  meterEvery?: number;
  /** Shares of the behaviours (harness/fleet/summary.ts DEFAULT_MIX). */
  mix?: Partial<FleetMix>;
  /** An offline-share station goes offline about every this many s, for `offlineFor` s. */
  offlineEvery?: number;
  offlineFor?: number;
  /** Relative jitter of every periodic message (0.1 = ±10 %). */
  jitter?: number;
  /** RFID tokens the stations present (round robin). */
  tokens?: string[];
  connectors?: number;
  password?: string;
  ca?: string;
  /** Seconds to wait for a reply (message timeout). */
  messageTimeout?: number;
  onProgress?: (p: FleetProgress) => void;
  /** Called with each second's sample (the timeline). */
  onSample?: (s: FleetSample) => void;
}

export interface FleetProgress { elapsed: number; started: number; connected: number; booted: number; sent: number; replies: number; lost: number; msgPerSec: number; p95: number; errors: number }

type Queued = { action: string; payload: Record<string, unknown> };

class FleetStation {
  conn?: OcppConnection;
  booted = false;
  private timers: NodeJS.Timeout[] = [];
  private tx = 0;
  /** Failed connection attempts in a row (the back-off doubles with each, judge/as-station/backoff.ts). */
  private failures = 0;
  private ended = false;
  private everBooted = false;
  private offline = false;
  /** Transaction messages made while offline, delivered in order on return. */
  private queue: Queued[] = [];
  private busy = false;
  private seqNo = 0;
  /** Bumped by stop(): a jittered period of an older connection does not re-arm. */
  private generation = 0;
  /** Timers that outlive a connection (pauses within a session, an offline period's end). */
  private readonly own = new Set<NodeJS.Timeout>();

  constructor(readonly id: string, private readonly fleet: Fleet, readonly behaviour: keyof FleetMix) {}

  start(): void {
    const f = this.fleet;
    const o = f.opts;
    const headers: Record<string, string> = {};
    if (o.password) headers.authorization = `Basic ${basicCredentials(o.version, this.id, o.password).toString('base64')}`;
    const ws = new WebSocket(`${o.url.replace(/\/+$/, '')}/${encodeURIComponent(this.id)}`, [SUBPROTOCOL[o.version]], { headers, ca: o.ca, handshakeTimeout: 30_000, perMessageDeflate: false });
    let opened = false;
    ws.on('error', (e) => f.error(`connect: ${e.message.replace(/\d+/g, 'N')}`));
    ws.on('unexpected-response', (_q, res) => { f.error(`HTTP ${res.statusCode} at handshake`); ws.terminate(); });
    // A failed attempt is retried no sooner than the back-off (Part 4's RetryBackOff*, real seconds, with its random range).
    ws.once('close', () => { if (!opened) this.reconnectLater(true); });
    ws.once('open', () => {
      opened = true;
      if (ws.protocol !== SUBPROTOCOL[o.version]) { f.error('no agreed subprotocol'); ws.terminate(); return; }
      this.failures = 0;
      f.connected++;
      this.conn = new OcppConnection(ws, {
        version: o.version, idPrefix: '', callTimeoutMs: (o.messageTimeout ?? 30) * 1000,
        onCall: (call) => this.answer(call),
        onFinding: (_s, rule) => f.error(rule),
      });
      this.conn.on('close', () => {
        f.connected--;
        if (!this.offline) f.closed++;
        this.stop();
        this.booted = false;
        if (!this.offline) this.reconnectLater(false);
      });
      void this.boot();
    });
  }

  /** The CSMS's requests: the defaults of a harness station, plus the remote start and firmware behaviours of the mix. */
  private answer(call: CallFrame): ReturnType<typeof stationDefaultReply> {
    const v = this.fleet.opts.version;
    if ((call.action === 'RequestStartTransaction' || call.action === 'RemoteStartTransaction') && this.behaviour === 'remote') {
      if (this.busy) return { payload: { status: 'Rejected' } };
      const token = v === '1.6' ? String(call.payload.idTag) : String((call.payload.idToken as { idToken?: string })?.idToken);
      setImmediate(() => { void this.transaction(token, call.payload.remoteStartId as number | undefined); });
      return { payload: { status: 'Accepted' } };
    }
    if ((call.action === 'UpdateFirmware') && this.behaviour === 'firmware') {
      setImmediate(() => { void this.firmware(call.payload.requestId as number | undefined); });
    }
    return stationDefaultReply(v, call);
  }

  private async call(action: string, payload: Record<string, unknown>, queueable = false): Promise<Record<string, unknown> | undefined> {
    const f = this.fleet;
    if (this.offline && queueable) { this.queue.push({ action, payload }); return undefined; }
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
    for (let c = 1; c <= (f.opts.connectors ?? 1); c++) await this.status(c, this.busy ? 'Occupied' : 'Available');
    // Messages kept while offline go first, in order (2.0.1 E04 / 1.6 §4.x: queued transaction messages are delivered on return).
    await this.deliverQueue();
    this.every(f.opts.heartbeat ?? interval, () => { void this.call('Heartbeat', {}); }, false, true);
    const txEvery = f.opts.txEvery ?? 0;
    if (txEvery > 0 && (this.behaviour === 'rfid' || this.behaviour === 'offline')) this.every(txEvery, () => { if (!this.busy) void this.transaction(); }, false, true);
    if (this.behaviour === 'offline' && (f.opts.offlineEvery ?? 0) > 0) this.every(f.opts.offlineEvery!, () => this.goOffline(), true, true);
  }

  private async deliverQueue(): Promise<void> {
    while (this.queue.length && this.conn?.isOpen && !this.fleet.draining) {
      const m = this.queue.shift()!;
      this.fleet.delivered++;
      const { placeholderId: _p, ...payload } = m.payload;
      const reply = await this.call(m.action, payload);
      // 1.6: the transaction id the CSMS gives the queued StartTransaction replaces the placeholder in what follows it.
      if (m.action === 'StartTransaction' && typeof reply?.transactionId === 'number') {
        const placeholder = m.payload.placeholderId;
        for (const q of this.queue) if (q.payload.transactionId === placeholder) q.payload.transactionId = reply.transactionId;
      }
    }
  }

  private status(connector: number, status: string): Promise<unknown> {
    const now = new Date().toISOString();
    return this.call('StatusNotification', this.fleet.opts.version === '1.6'
      ? { connectorId: connector, errorCode: 'NoError', status: status === 'Occupied' ? 'Charging' : status, timestamp: now }
      : { timestamp: now, connectorStatus: status === 'Preparing' ? 'Occupied' : status, evseId: connector, connectorId: 1 }, true);
  }

  /**
   * A session: with a card (Authorize first) or a remote start (`token` given), started, meter values
   * every `meterEvery` s for `txDuration` s, stopped, Available again. Offline, the transaction
   * messages are queued (a valid card is taken as known locally).
   */
  private async transaction(remoteToken?: string, remoteStartId?: number): Promise<void> {
    const f = this.fleet;
    const o = f.opts;
    if (this.busy) return;
    this.busy = true;
    try {
      const tokens = o.tokens?.length ? o.tokens : ['VALIDTAG01'];
      const token = remoteToken ?? tokens[this.tx++ % tokens.length];
      await this.status(1, 'Preparing');
      if (!remoteToken && !this.offline) {
        const auth = await this.call('Authorize', o.version === '1.6' ? { idTag: token } : { idToken: { idToken: token, type: 'ISO14443' } });
        const info = (auth?.idTagInfo ?? auth?.idTokenInfo) as { status?: string } | undefined;
        if (info?.status !== 'Accepted') { await this.status(1, 'Available'); return; }
      }
      const ts = (): string => new Date().toISOString();
      const offline = (): Record<string, unknown> => (this.offline && o.version !== '1.6' ? { offline: true } : {});
      const duration = o.txDuration ?? 0;
      const meterEvery = o.meterEvery ?? 0;
      const meters = duration > 0 && meterEvery > 0 ? Math.floor(duration / meterEvery) : 0;
      const energy = (k: number): number => 1000 * k;
      if (o.version === '1.6') {
        const wasOffline = this.offline;
        const start = await this.call('StartTransaction', { connectorId: 1, idTag: token, meterStart: 0, timestamp: ts() }, true);
        // Offline: a placeholder id, replaced when the queued StartTransaction is answered (deliverQueue).
        const txId = (start?.transactionId as number | undefined) ?? -(++this.fleet.placeholders);
        if (wasOffline) this.queue[this.queue.length - 1].payload.placeholderId = txId;
        for (let k = 1; k <= meters; k++) {
          await this.pause(meterEvery);
          await this.call('MeterValues', { connectorId: 1, transactionId: txId, meterValue: [{ timestamp: ts(), sampledValue: [{ value: String(energy(k)), measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] }, true);
        }
        if (meters === 0 && duration > 0) await this.pause(duration);
        await this.call('StopTransaction', { transactionId: txId, meterStop: energy(meters + 1), timestamp: ts(), reason: 'Local', idTag: token }, true);
      } else {
        const id = randomUUID();
        this.seqNo = 0;
        const event = (eventType: string, triggerReason: string, extra: Record<string, unknown>): Promise<unknown> => this.call('TransactionEvent', {
          eventType, timestamp: ts(), triggerReason, seqNo: this.seqNo++, ...offline(), ...extra,
        }, true);
        await event('Started', remoteToken ? 'RemoteStart' : 'Authorized', {
          transactionInfo: { transactionId: id, chargingState: 'Charging', ...(remoteStartId !== undefined ? { remoteStartId } : {}) },
          evse: { id: 1, connectorId: 1 }, idToken: { idToken: token, type: remoteToken ? 'Central' : 'ISO14443' },
          meterValue: [{ timestamp: ts(), sampledValue: [{ value: 0, measurand: 'Energy.Active.Import.Register' }] }],
        });
        for (let k = 1; k <= meters; k++) {
          await this.pause(meterEvery);
          await event('Updated', 'MeterValuePeriodic', { transactionInfo: { transactionId: id }, meterValue: [{ timestamp: ts(), sampledValue: [{ value: energy(k), measurand: 'Energy.Active.Import.Register' }] }] });
        }
        if (meters === 0 && duration > 0) await this.pause(duration);
        await event('Ended', remoteToken ? 'RemoteStop' : 'StopAuthorized', { transactionInfo: { transactionId: id, chargingState: 'Idle', stoppedReason: remoteToken ? 'Remote' : 'Local' } });
      }
      f.transactions++;
      await this.status(1, 'Available');
    } finally {
      this.busy = false;
    }
  }

  /** A firmware update as a station does it: Downloading, Downloaded, Installing, Installed (2.0.1 with the request's id). */
  private async firmware(requestId?: number): Promise<void> {
    const v = this.fleet.opts.version;
    for (const status of ['Downloading', 'Downloaded', 'Installing', 'Installed']) {
      await this.pause(1);
      await this.call('FirmwareStatusNotification', v === '1.6' ? { status } : { status, ...(requestId !== undefined ? { requestId } : {}) });
    }
  }

  /** An offline period: the link drops, a session runs meanwhile (queued), the station comes back after `offlineFor` s and its back-off. */
  private goOffline(): void {
    const o = this.fleet.opts;
    if (this.offline || this.ended || this.fleet.draining || !this.conn?.isOpen) return;
    this.offline = true;
    this.fleet.offlinePeriods++;
    this.conn.terminate();
    if (!this.busy && (o.txEvery ?? 0) > 0) void this.transaction();
    this.later(o.offlineFor ?? 10, () => {
      this.offline = false;
      this.later(backoffSeconds(0), () => { if (!this.ended && !this.fleet.draining) this.start(); });
    });
  }

  /** A wait that outlives the connection (a session or an offline period goes on while the link is down); cleared when the run ends. */
  private later(seconds: number, fn: () => void): void {
    const j = this.fleet.opts.jitter ?? 0.1;
    const t = setTimeout(() => { this.own.delete(t); fn(); }, Math.max(50, seconds * 1000 * (1 + j * (2 * Math.random() - 1))));
    this.own.add(t);
  }

  private pause(seconds: number): Promise<void> {
    return new Promise((resolve) => { this.later(seconds, resolve); });
  }

  /** Runs `fn` after (once) or every `seconds`, with the fleet's jitter when `jittered` (±jitter, at least 50 ms). */
  private every(seconds: number, fn: () => void, once = false, jittered = false): void {
    const j = jittered ? this.fleet.opts.jitter ?? 0.1 : 0;
    const delay = (): number => Math.max(50, seconds * 1000 * (1 + j * (2 * Math.random() - 1)));
    if (once || j === 0) {
      const t = (once ? setTimeout : setInterval)(fn, delay());
      this.timers.push(t as NodeJS.Timeout);
      return;
    }
    // A jittered period: each wait drawn anew, so stations that started together drift apart; stop() ends it (a new generation).
    const slot = this.timers.length;
    const gen = this.generation;
    const next = (): void => { this.timers[slot] = setTimeout(() => { fn(); if (!this.ended && gen === this.generation) next(); }, delay()); };
    this.timers.push(undefined as unknown as NodeJS.Timeout);
    next();
  }

  /** After a lost connection or a failed attempt: connect again after the back-off, unless the run is ending. */
  private reconnectLater(failed: boolean): void {
    if (this.ended || this.fleet.draining) return;
    if (failed) this.failures++;
    const wait = backoffSeconds(Math.max(0, this.failures - 1)) * 1000;
    this.every(wait / 1000, () => { if (!this.ended && !this.fleet.draining) this.start(); }, true);
  }

  stop(): void { this.generation++; for (const t of this.timers) { clearInterval(t); clearTimeout(t); } this.timers = []; }
  close(): void {
    this.ended = true;
    this.stop();
    for (const t of this.own) clearTimeout(t);
    this.own.clear();
    this.conn?.close(1000, 'fleet run ended');
  }
}

export class Fleet {
  readonly stations: FleetStation[] = [];
  connected = 0; booted = 0; closed = 0; sent = 0; replies = 0; lost = 0; transactions = 0; offlinePeriods = 0; delivered = 0; placeholders = 0;
  /** No new messages: the run is over, replies still outstanding are awaited. */
  draining = false;
  inFlight = 0;
  /** Called when the last outstanding reply arrives while draining. */
  drained?: () => void;
  readonly latency = new Histogram();
  /** This second's latencies (the timeline's sample). */
  private readonly window = new Histogram();
  readonly errorsByKind = new Map<string, number>();
  readonly timeline: FleetSample[] = [];
  private started = 0;
  private target = 0;
  private t0 = 0;
  private ticker?: NodeJS.Timeout;
  private last = { sent: 0, replies: 0, lost: 0, errors: 0, t: 0 };
  private readonly mix: FleetMix;

  constructor(readonly opts: FleetOptions) { this.mix = { ...DEFAULT_MIX, ...opts.mix }; }

  replied(ms: number): void { this.replies++; this.latency.record(ms); this.window.record(ms); }
  error(kind: string): void { this.errorsByKind.set(kind, (this.errorsByKind.get(kind) ?? 0) + 1); }
  get errors(): number { let n = 0; for (const v of this.errorsByKind.values()) n += v; return n; }
  get startedCount(): number { return this.started; }

  private progress(elapsed: number, lastSent: { n: number; t: number }): FleetProgress {
    const now = performance.now();
    const msgPerSec = ((this.sent - lastSent.n) * 1000) / Math.max(1, now - lastSent.t);
    lastSent.n = this.sent; lastSent.t = now;
    return { elapsed, started: this.started, connected: this.connected, booted: this.booted, sent: this.sent, replies: this.replies, lost: this.lost, msgPerSec, p95: this.latency.percentile(95), errors: this.errors };
  }

  /** Starts the clock, the ramp and the per-second timeline; `add` raises the number of stations. */
  start(): void {
    if (this.ticker) return;
    this.t0 = performance.now();
    this.last.t = this.t0;
    const o = this.opts;
    const perTick = Math.max(1, Math.round(o.ramp / 20));
    let ticks = 0;
    const lastProgress = { n: 0, t: this.t0 };
    this.ticker = setInterval(() => {
      for (let i = 0; i < perTick && this.started < this.target; i++) this.spawn();
      if (++ticks % 20 === 0) {
        this.sample();
        o.onProgress?.(this.progress((performance.now() - this.t0) / 1000, lastProgress));
      }
    }, 50);
  }

  /** Raises the fleet by `n` stations (started at the ramp's rate). */
  add(n: number): void { this.target += n; }

  private spawn(): void {
    const o = this.opts;
    const stride = o.stride ?? 1;
    const index = (o.firstIndex ?? 1) + (o.offset ?? 0) + this.started * stride;
    const width = o.idWidth ?? String((o.firstIndex ?? 1) + Math.max(o.stations, this.target) * stride - 1).length;
    const s = new FleetStation(`${o.idPrefix ?? 'FLEET-'}${String(index).padStart(width, '0')}`, this, behaviourOf(index, this.mix));
    this.stations.push(s);
    this.started++;
    s.start();
  }

  /** This second's sample (counters since the last one, the window's latencies), kept in the timeline. */
  sample(): FleetSample {
    const now = performance.now();
    const errors = this.errors;
    const s: FleetSample = {
      t: Math.round((now - this.t0) / 1000), seconds: (now - this.last.t) / 1000, started: this.started, connected: this.connected, booted: this.booted,
      sent: this.sent - this.last.sent, replies: this.replies - this.last.replies, lost: this.lost - this.last.lost, errors: errors - this.last.errors,
      latency: this.window.toJSON(),
    };
    this.window.reset();
    this.last = { sent: this.sent, replies: this.replies, lost: this.lost, errors, t: now };
    this.timeline.push(s);
    this.opts.onSample?.(s);
    return s;
  }

  /** Stops every station's traffic, awaits the outstanding replies (at most one message timeout), closes; the summary. */
  async stop(): Promise<FleetSummary> {
    clearInterval(this.ticker);
    this.draining = true;
    for (const s of this.stations) s.stop();
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, (this.opts.messageTimeout ?? 30) * 1000 + 1000);
        this.drained = () => { clearTimeout(timer); resolve(); };
      });
    }
    this.sample();
    const summary = summaryOf({
      stations: this.started, elapsed: (performance.now() - this.t0) / 1000, connected: this.connected, booted: this.booted, closed: this.closed,
      sent: this.sent, replies: this.replies, lost: this.lost, transactions: this.transactions, offlinePeriods: this.offlinePeriods, delivered: this.delivered,
      errorsByKind: Object.fromEntries(this.errorsByKind), latency: this.latency.toJSON(), timeline: this.timeline, processes: 1,
    });
    for (const s of this.stations) s.close();
    return summary;
  }

  /** The whole run: ramp up `stations`, hold until `duration`, drain. */
  async run(): Promise<FleetSummary> {
    this.add(this.opts.stations);
    this.start();
    await new Promise((resolve) => setTimeout(resolve, this.opts.duration * 1000));
    return this.stop();
  }
}

export function formatProgress(p: FleetProgress): string {
  return `${p.elapsed.toFixed(0).padStart(4)} s  started ${p.started}  connected ${p.connected}  booted ${p.booted}  ${p.msgPerSec.toFixed(0)} msg/s  p95 ${p.p95.toFixed(1)} ms  lost ${p.lost}  errors ${p.errors}`;
}

export { formatSummary } from './summary';
