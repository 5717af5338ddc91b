/**
 * The simulated charging station: the embedded SUT of the default run, and (for a CSMS under
 * test) the harness's own fake station. Correct by default; each named fault (faults.ts) makes
 * it break one rule. One neutral model of connectors, availability and transactions; the
 * version only decides how that model is put into messages (protocol16.ts / protocol201.ts).
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { CallFrame } from '../ocpp/rpc';
import { type OcppVersion, SUBPROTOCOL } from '../ocpp/versions';
import { OcppConnection, type Reply } from '../transport/connection';
import { defaultSettings, type Setting, validValue } from './config';
import { type StationFault, isStationFault } from './faults';
import { type Dialect, dialectFor } from './protocol';

export interface ConnectorRef { evseId: number; connectorId: number }

export interface ConnectorState {
  ref: ConnectorRef;
  /** 1.6 connectorId: position over all EVSEs, from 1. */
  index: number;
  plugged: boolean;
  fault?: string;
  authorized?: string;
  tx?: Transaction;
  /** 1.6: a transaction stopped while the cable is still in (status Finishing). */
  finishing: boolean;
  wasPlugged: boolean;
  relayClosed: boolean;
  energyWh: number;
  /** The connector's plug retention lock failed (G05; 1.6 errorCode ConnectorLockFailure). */
  lockFailed?: boolean;
}

export interface Transaction { id: string | number; idToken: string; charging: boolean; seqNo: number; meterStart: number; stopAuthorized: boolean }

export interface StationIdentity { vendor: string; model: string; serialNumber: string; firmwareVersion: string }

export interface StationOptions {
  version: OcppVersion;
  /** CSMS URL including the station id path segment. */
  url: string;
  stationId: string;
  /** Connectors per EVSE, e.g. [1, 1] = two EVSEs with one connector each. */
  evses?: number[];
  faults?: string[];
  /** Real seconds per specification second. */
  timeScale?: number;
  identity?: Partial<StationIdentity>;
  /** Spec seconds to wait before reconnecting, and before retrying a boot that got no answer. */
  reconnectSeconds?: number;
  /** Spec seconds a reboot takes. */
  bootSeconds?: number;
  /** Spec seconds after which a reply counts as late (fault reply.late). */
  messageTimeout?: number;
}

export type Registration = 'none' | 'Accepted' | 'Pending' | 'Rejected';

/** Survives a reboot (B01.FR.07, G03.FR.08, 1.6 §4.9). */
interface Persistent { stationOperative: boolean; evseOperative: Map<number, boolean>; connectorOperative: Map<string, boolean>; settings: Setting[] }

export const keyOf = (r: ConnectorRef): string => `${r.evseId}/${r.connectorId}`;

export class SimulatedStation extends EventEmitter {
  readonly version: OcppVersion;
  readonly identity: StationIdentity;
  readonly connectors: ConnectorState[];
  readonly faults: ReadonlySet<StationFault>;
  readonly dialect: Dialect;
  registration: Registration = 'none';
  powered = false;
  conn?: OcppConnection;
  private readonly persistent: Persistent;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly reported = new Map<string, string>();
  private heartbeatTimer?: NodeJS.Timeout;
  private bootReason = 'PowerUp';
  private nextTxId = 1;
  private disconnectedByFault = false;
  /** When the connection was lost while powered (B04: offline period). */
  private offlineSince?: number;

  constructor(readonly opts: StationOptions) {
    super();
    this.version = opts.version;
    const unknown = (opts.faults ?? []).filter((f) => !isStationFault(f));
    if (unknown.length) throw new Error(`unknown station fault(s): ${unknown.join(', ')}`);
    this.faults = new Set(opts.faults as StationFault[] | undefined);
    this.identity = { vendor: 'OcppHarness', model: 'SimStation', serialNumber: 'SIM-0001', firmwareVersion: '1.0.0', ...opts.identity };
    const layout = opts.evses ?? [1, 1];
    this.connectors = [];
    layout.forEach((n, e) => { for (let c = 1; c <= n; c++) this.connectors.push(this.freshConnector({ evseId: e + 1, connectorId: c }, this.connectors.length + 1)); });
    this.persistent = { stationOperative: true, evseOperative: new Map(), connectorOperative: new Map(), settings: defaultSettings(this.connectors.length) };
    this.dialect = dialectFor(this.version, this);
  }

  private freshConnector(ref: ConnectorRef, index: number): ConnectorState {
    return { ref, index, plugged: false, finishing: false, wasPlugged: false, relayClosed: false, energyWh: 0 };
  }

  has(fault: StationFault): boolean { return this.faults.has(fault); }

  /** Real ms for spec seconds. */
  ms(specSeconds: number): number { return Math.round(specSeconds * (this.opts.timeScale ?? 1) * 1000); }

  after(specSeconds: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => { this.timers.delete(t); fn(); }, this.ms(specSeconds));
    this.timers.add(t);
    return t;
  }

  hardware(text: string): void { this.emit('hardware', text); }

  // ---- settings -------------------------------------------------------------------------
  setting(name: string): Setting | undefined {
    return this.persistent.settings.find((s) => s.key16 === name || s.variable === name);
  }
  get settings(): readonly Setting[] { return this.persistent.settings; }
  settingInt(name: string): number { return Number(this.setting(name)?.value ?? 0); }

  /** Applies a settings change; 'Accepted' | 'Rejected' | 'NotSupported'. */
  changeSetting(s: Setting | undefined, value: string): 'Accepted' | 'Rejected' | 'NotSupported' {
    if (!s) return 'NotSupported';
    if (s.readonly) return 'Rejected';
    const isHeartbeat = s.key16 === 'HeartbeatInterval';
    if (!validValue(s.type, value) && !(isHeartbeat && this.has('config.acceptsInvalidValue'))) return 'Rejected';
    if (isHeartbeat && this.has('config.ignoresHeartbeatInterval')) return 'Accepted';
    if (isHeartbeat && !validValue(s.type, value)) return 'Accepted';
    s.value = value;
    if (isHeartbeat && this.registration === 'Accepted') this.startHeartbeat();
    return 'Accepted';
  }

  // ---- power and connection -----------------------------------------------------------
  powerOn(reason = 'PowerUp'): void {
    if (this.powered) return;
    this.powered = true;
    this.bootReason = reason;
    this.hardware(`power on (${reason})`);
    this.connect();
  }

  /** Power loss: everything volatile is gone; persistent state stays. */
  powerOff(): void {
    if (!this.powered) return;
    this.powered = false;
    this.hardware('power off');
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.stopHeartbeat();
    this.registration = 'none';
    this.offlineSince = undefined;
    this.reported.clear();
    const conn = this.conn;
    this.conn = undefined;
    conn?.terminate();
    for (const c of this.connectors) { c.tx = undefined; c.authorized = undefined; c.finishing = false; c.relayClosed = false; }
    if (this.has('availability.notPersistent')) {
      this.persistent.stationOperative = true; this.persistent.evseOperative.clear(); this.persistent.connectorOperative.clear();
    }
  }

  reboot(reason: string): void {
    this.powerOff();
    this.powered = true;
    this.bootReason = reason;
    this.hardware(`rebooting (${reason})`);
    this.after(this.opts.bootSeconds ?? 1, () => this.connect());
  }

  private connect(): void {
    if (!this.powered || this.disconnectedByFault) return;
    const ws = new WebSocket(this.opts.url, [SUBPROTOCOL[this.version]]);
    const conn = new OcppConnection(ws, {
      version: this.version, idPrefix: 'cs-', callTimeoutMs: this.ms(this.opts.messageTimeout ?? 30),
      onCall: (call) => this.onCsmsCall(call),
    });
    this.conn = conn;
    ws.on('open', () => { if (this.conn === conn) void this.onConnected(); });
    ws.on('error', () => undefined);
    conn.on('close', () => {
      if (this.conn !== conn) return;
      this.conn = undefined;
      this.stopHeartbeat();
      if (this.registration === 'Accepted' && this.offlineSince === undefined) this.offlineSince = Date.now();
      if (this.powered && !(this.has('reconnect.never') && this.registration === 'Accepted')) this.after(this.opts.reconnectSeconds ?? 2, () => this.connect());
    });
  }

  private async onConnected(): Promise<void> {
    this.emit('connected');
    if (this.registration === 'Accepted') {
      // Reconnected without a reboot: no BootNotification (Part 4 §5.3); report status per B04.
      this.startHeartbeat();
      const offlineMs = this.offlineSince === undefined ? 0 : Date.now() - this.offlineSince;
      this.offlineSince = undefined;
      if (this.has('offline.noStatusAfterReconnect')) return;
      if (offlineMs > this.ms(this.settingInt('OfflineThreshold'))) await this.reportAll();
      else await this.refreshStatuses();
      return;
    }
    await this.boot();
  }

  // ---- boot (B01-B03, 1.6 §4.2) -----------------------------------------------------------
  private async boot(): Promise<void> {
    const conn = this.conn;
    if (!conn?.isOpen) return;
    const reason = this.has('boot.wrongReason') ? 'Unknown' : this.bootReason;
    const out = await conn.call('BootNotification', this.dialect.bootRequest(reason));
    if (this.conn !== conn) return;
    if (out.kind !== 'result') { this.after(this.opts.reconnectSeconds ?? 2, () => void this.boot()); return; }
    const status = String(out.payload.status) as Registration;
    const interval = Number(out.payload.interval ?? 0);
    this.registration = status;
    if (status === 'Accepted') {
      this.bootReason = 'PowerUp';
      if (interval > 0) this.setting('HeartbeatInterval')!.value = String(interval);
      this.startHeartbeat();
      if (this.has('hostile.garbage')) this.conn?.sendRaw('this is not json {');
      if (this.has('hostile.unknownReplyId')) this.conn?.sendRaw(JSON.stringify([3, 'no-such-call-42', {}]));
      await this.reportAll();
      if (this.has('hostile.disconnectAfterBoot')) { this.disconnectedByFault = true; this.conn?.terminate(); }
      return;
    }
    if (status === 'Rejected' || status === 'Pending') {
      if (this.has('boot.sendsWhileRejected') && status === 'Rejected') void this.sendStatus(this.connectors[0], true);
      if (this.has('boot.sendsWhilePending') && status === 'Pending') void this.sendStatus(this.connectors[0], true);
      if (this.has('boot.noRetry')) return;
      let wait = interval > 0 ? interval : 30; // B02.FR.07 / B03.FR.05: own interval when 0
      if (this.has('boot.ignoresRetryInterval')) wait = wait / 4;
      this.after(wait, () => { if (this.registration !== 'Accepted') void this.boot(); });
    }
  }

  /** Triggered BootNotification (F06 / 1.6 §5.17). */
  triggerBoot(): void { this.bootReason = 'Triggered'; void this.boot(); }

  // ---- heartbeat (G02, 1.6 §4.6) ----------------------------------------------------------
  startHeartbeat(): void {
    this.stopHeartbeat();
    if (this.has('heartbeat.none')) return;
    let interval = this.settingInt('HeartbeatInterval');
    if (interval <= 0) return;
    if (this.has('heartbeat.ignoresInterval')) interval *= 3;
    const tick = (): void => {
      this.heartbeatTimer = this.after(interval, () => { void this.send('Heartbeat', {}); tick(); });
    };
    tick();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) { clearTimeout(this.heartbeatTimer); this.timers.delete(this.heartbeatTimer); this.heartbeatTimer = undefined; }
  }

  /** Sends a CALL if registration allows it (B01.FR.08, B02.FR.02, B03.FR.02); `force` for triggered messages. */
  async send(action: string, payload: Record<string, unknown>, force = false): Promise<Record<string, unknown> | undefined> {
    const conn = this.conn;
    if (!conn || !this.canSend(force)) return undefined;
    const out = await conn.call(action, payload);
    return out.kind === 'result' ? out.payload : undefined;
  }

  // ---- availability (G03, G04, 1.6 §5.2) ------------------------------------------------------
  isOperative(c: ConnectorState): boolean {
    return this.persistent.stationOperative && (this.persistent.evseOperative.get(c.ref.evseId) ?? true)
      && (this.persistent.connectorOperative.get(keyOf(c.ref)) ?? true);
  }
  get stationOperative(): boolean { return this.persistent.stationOperative; }

  /** target: undefined = whole station; { evseId } or { evseId, connectorId }. */
  changeAvailability(target: { evseId?: number; connectorId?: number }, operative: boolean): 'Accepted' | 'Rejected' | 'Scheduled' {
    if (this.has('availability.rejects')) return 'Rejected';
    const affected = this.connectors.filter((c) => (target.evseId === undefined || c.ref.evseId === target.evseId)
      && (target.connectorId === undefined || c.ref.connectorId === target.connectorId));
    if (target.evseId !== undefined && affected.length === 0) return 'Rejected';
    const current = target.evseId === undefined ? this.persistent.stationOperative
      : target.connectorId === undefined ? (this.persistent.evseOperative.get(target.evseId) ?? true)
        : (this.persistent.connectorOperative.get(keyOf({ evseId: target.evseId, connectorId: target.connectorId })) ?? true);
    if (current === operative) return this.has('availability.sameStateRejected') ? 'Rejected' : 'Accepted';
    if (this.has('availability.ignoresInoperative') && !operative) return 'Accepted';
    const busy = affected.some((c) => c.tx);
    if (busy && this.has('availability.noSchedule')) for (const c of affected) if (c.tx) void this.endTransaction(c, 'Other');
    if (target.evseId === undefined) this.persistent.stationOperative = operative;
    else if (target.connectorId === undefined) this.persistent.evseOperative.set(target.evseId, operative);
    else this.persistent.connectorOperative.set(keyOf({ evseId: target.evseId, connectorId: target.connectorId }), operative);
    this.hardware(`availability of ${target.evseId === undefined ? 'station' : `EVSE ${target.evseId}${target.connectorId ? ` connector ${target.connectorId}` : ''}`} set ${operative ? 'Operative' : 'Inoperative'}`);
    setImmediate(() => void this.refreshStatuses());
    return busy && !this.has('availability.noSchedule') ? 'Scheduled' : 'Accepted';
  }

  // ---- status reporting (B01.FR.05, G01, 1.6 §4.9) --------------------------------------------
  /** Reports every connector (after boot Accepted, or on trigger). */
  async reportAll(): Promise<void> {
    if (this.has('boot.noStatusAfterAccepted')) { for (const c of this.connectors) this.reported.set(keyOf(c.ref), this.dialect.statusOf(c)); return; }
    if (this.dialect.reportsStation) await this.sendStationStatus();
    const list = this.has('boot.missingConnectorStatus') ? this.connectors.slice(0, -1) : this.connectors;
    for (const c of list) await this.sendStatus(c);
  }

  /** Reports the connectors whose status changed since last reported. */
  async refreshStatuses(): Promise<void> {
    if (this.dialect.reportsStation && this.reported.get('station') !== this.dialect.stationStatus()) await this.sendStationStatus();
    for (const c of this.connectors) if (this.reported.get(keyOf(c.ref)) !== this.dialect.statusOf(c)) await this.sendStatus(c);
  }

  /** Whether a CALL can go out now; while offline a change stays unreported (reported on reconnect, B04). */
  private canSend(force: boolean): boolean { return !!this.conn?.isOpen && (this.registration === 'Accepted' || force); }

  async sendStatus(c: ConnectorState, force = false): Promise<void> {
    if (!this.canSend(force)) return;
    let status = this.dialect.statusOf(c);
    if (this.has('status.wrongAfterUnplug') && !c.plugged && c.wasPlugged && status === 'Available') status = 'Unavailable';
    if (this.has('status.wrongAfterPlug') && c.plugged && !c.tx) { this.reported.set(keyOf(c.ref), this.dialect.statusOf(c)); return; }
    if (this.has('status.noFaulted') && c.fault) { this.reported.set(keyOf(c.ref), this.dialect.statusOf(c)); return; }
    this.reported.set(keyOf(c.ref), this.dialect.statusOf(c));
    const payload = this.dialect.statusNotification(c, status);
    if (this.has('frame.badSchema')) payload[this.version === '1.6' ? 'status' : 'connectorStatus'] = 'Broken';
    await this.send('StatusNotification', payload, force);
  }

  async sendStationStatus(): Promise<void> {
    if (!this.canSend(false)) return;
    this.reported.set('station', this.dialect.stationStatus());
    await this.send('StatusNotification', this.dialect.stationStatusNotification());
  }

  // ---- hardware ---------------------------------------------------------------------------------
  connector(ref: ConnectorRef): ConnectorState {
    const c = this.connectors.find((x) => x.ref.evseId === ref.evseId && x.ref.connectorId === ref.connectorId);
    if (!c) throw new Error(`no connector ${keyOf(ref)} on this station`);
    return c;
  }

  plugIn(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.plugged = true; c.wasPlugged = true;
    this.hardware(`cable plugged into EVSE ${ref.evseId} connector ${ref.connectorId}`);
    void this.afterStateChange(c);
  }

  unplug(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.plugged = false;
    c.finishing = false;
    this.hardware(`cable unplugged from EVSE ${ref.evseId} connector ${ref.connectorId}`);
    void (async () => {
      if (c.tx) await this.endTransaction(c, 'EVDisconnected');
      await this.refreshStatuses();
    })();
  }

  raiseFault(ref: ConnectorRef, errorCode: string): void {
    const c = this.connector(ref);
    if (errorCode === 'ConnectorLockFailure') {
      c.lockFailed = true;
      this.hardware(`plug retention lock failed on EVSE ${ref.evseId} connector ${ref.connectorId}`);
      if (this.dialect.reportsLockFailure) { void this.dialect.reportLockFailure(c); return; }
    }
    c.fault = errorCode;
    c.relayClosed = false;
    this.hardware(`fault ${errorCode} on EVSE ${ref.evseId} connector ${ref.connectorId}`);
    void this.refreshStatuses();
  }

  clearFault(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.fault = undefined;
    c.lockFailed = false;
    this.hardware(`fault cleared on EVSE ${ref.evseId} connector ${ref.connectorId}`);
    void this.refreshStatuses();
  }

  /** A card at the reader: stops the transaction it started, or authorizes a new one. */
  async presentCard(idToken: string, ref?: ConnectorRef): Promise<void> {
    this.hardware(`card ${idToken} presented`);
    const running = this.connectors.find((c) => c.tx && c.tx.idToken === idToken && !c.tx.stopAuthorized);
    if (running) { await this.stopByCard(running); return; }
    const c = ref ? this.connector(ref) : this.connectors.find((x) => x.plugged && !x.tx) ?? this.connectors.find((x) => !x.tx && !x.fault && this.isOperative(x));
    if (!c || c.tx || c.fault || !this.isOperative(c)) return;
    const info = await this.send('Authorize', this.dialect.authorizeRequest(idToken));
    if (!info || !this.dialect.accepted(info)) { this.hardware(`card ${idToken} refused`); return; }
    c.authorized = idToken;
    await this.afterStateChange(c);
  }

  private async afterStateChange(c: ConnectorState): Promise<void> {
    const lockOk = !c.lockFailed || this.has('lock.chargesAnyway');
    if (c.plugged && c.authorized && !c.tx && !c.fault && lockOk && this.isOperative(c)) await this.startTransaction(c);
    else await this.refreshStatuses();
  }

  private async startTransaction(c: ConnectorState): Promise<void> {
    const idToken = c.authorized!;
    c.authorized = undefined;
    c.tx = { id: '', idToken, charging: true, seqNo: 0, meterStart: Math.round(c.energyWh), stopAuthorized: false };
    c.relayClosed = true;
    this.hardware(`relay closed on EVSE ${c.ref.evseId} connector ${c.ref.connectorId}`);
    await this.dialect.startTransaction(c, `${this.opts.stationId}-${this.nextTxId++}`);
    await this.refreshStatuses();
  }

  private async stopByCard(c: ConnectorState): Promise<void> {
    c.relayClosed = false;
    this.hardware(`relay opened on EVSE ${c.ref.evseId} connector ${c.ref.connectorId}`);
    await this.dialect.stopAuthorized(c);
    await this.refreshStatuses();
  }

  /** Ends the transaction on `c` (unplug, availability without schedule, reset). */
  async endTransaction(c: ConnectorState, reason: string): Promise<void> {
    if (!c.tx) return;
    c.relayClosed = false;
    await this.dialect.endTransaction(c, reason);
    c.tx = undefined;
    await this.refreshStatuses();
    if (this.pendingReset && !this.connectors.some((x) => x.tx)) this.scheduleReset(this.pendingReset.bootReason, this.pendingReset.stopReason);
  }

  // ---- CSMS requests ---------------------------------------------------------------------------
  private async onCsmsCall(call: CallFrame): Promise<Reply> {
    if (this.has('hostile.silent')) return { silent: true };
    // Let a BootNotification reply that arrived in the same read settle the registration first.
    await new Promise((r) => setImmediate(r));
    if (this.registration === 'Rejected' && !this.has('boot.answersWhileRejected')) {
      // 1.6 §4.2: "SHALL NOT respond to any Central System initiated message"; 2.0.1 B03.FR.08: CALLERROR SecurityError.
      return this.version === '1.6' ? { silent: true } : { error: { code: 'SecurityError', description: 'boot not accepted' } };
    }
    if (this.registration === 'Pending' && this.has('boot.ignoresPendingRequests')) return { silent: true };
    const reply = await this.dialect.handle(call);
    if (this.has('reply.late') && call.action !== 'TriggerMessage') {
      await new Promise((r) => this.after((this.opts.messageTimeout ?? 30) * 1.5, () => r(undefined)));
    }
    return reply;
  }

  /** Reset (1.6 §5.14, 2.0.1 B11/B12): transactions end first (B12.FR.04, 1.6 §5.14), then the reboot. */
  scheduleReset(bootReason: string, stopReason: string): void {
    if (this.has('reset.noReboot')) return;
    this.pendingReset = undefined;
    setTimeout(() => {
      void (async () => {
        if (!this.has('reset.noStopTransaction')) for (const c of this.connectors) if (c.tx) await this.endTransaction(c, stopReason);
        this.reboot(bootReason);
      })();
    }, 20);
  }

  /** A reset Scheduled until every transaction has ended (B12.FR.01, B12.FR.03). */
  pendingReset?: { bootReason: string; stopReason: string };

  shutdown(): void {
    this.powerOff();
    this.removeAllListeners();
  }
}
