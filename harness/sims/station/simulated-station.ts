/**
 * The simulated charging station: the embedded SUT of the default run, and (for a CSMS under
 * test) the harness's own fake station. Correct by default; each named fault (faults.ts) makes
 * it break one rule. One neutral model of connectors, availability and transactions; the
 * version only decides how that model is put into messages (protocol16.ts / protocol201.ts).
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { CallFrame } from '../../protocol/rpc';
import { type OcppVersion, SUBPROTOCOL } from '../../protocol/versions';
import { OcppConnection, type Reply } from '../../transport/connection';
import { defaultSettings, type Setting, validValue } from './settings';
import { type StationFault, isStationFault } from './faults';
import { type Dialect, dialectFor } from './dialects';
import { type AuthInfo, LocalAuthData, type Token } from './authorization';
import { TxQueue } from './tx-queue';
import { FirmwareUpdater } from './firmware-updater';
import { CertificateStore } from './certificates';
import { basicCredentials } from '../../model/secrets';
import type { ConnectorRef } from '../../model/layout';


export interface ConnectorState {
  ref: ConnectorRef;
  /** 1.6 connectorId: position over all EVSEs, from 1. */
  index: number;
  plugged: boolean;
  fault?: string;
  /** Authorized, waiting for the cable (or the start of the transaction). */
  authorized?: { token: Token; groupId?: string; remoteStartId?: number; trigger: 'Authorized' | 'RemoteStart'; timer?: NodeJS.Timeout };
  tx?: Transaction;
  /** 1.6: a transaction stopped while the cable is still in (status Finishing). */
  finishing: boolean;
  wasPlugged: boolean;
  relayClosed: boolean;
  relaySince?: number;
  energyWh: number;
  /** The connector's plug retention lock failed (G05; 1.6 errorCode ConnectorLockFailure). */
  lockFailed?: boolean;
}

export type StopTrigger = 'StopAuthorized' | 'RemoteStop' | 'Deauthorized';

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

/** Charging power of the simulated EV, W. */
export const POWER_W = 11_000;

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
  /** HTTP Basic password (security profile 1): 1.6 AuthorizationKey (hex), 2.0.1 BasicAuthPassword. */
  password?: string;
  /** PEM of the CA the station trusts for firmware signing certificates and HTTPS downloads. */
  trustedCaPem?: string;
  /** wss:// (security profiles 2 and 3): the CA the CSMS certificate must chain to, and the station's client certificate (profile 3). */
  tls?: { caPem: string; clientCert?: { certPem: string; keyPem: string }; otherClientCert?: { certPem: string; keyPem: string } };
}

/** TLS errors that mean "the CSMS certificate is not valid" (A00.FR.310: raise a security event). */
const CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME|certificate/i;

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
  /** Security profile 1 password (persistent). */
  private password?: string;
  /** Local authorization list and cache: kept across reboots. */
  readonly auth: LocalAuthData;
  readonly txQueue: TxQueue;
  readonly firmware: FirmwareUpdater;
  readonly certificates: CertificateStore;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly reported = new Map<string, string>();
  private heartbeatTimer?: NodeJS.Timeout;
  private bootReason = 'PowerUp';
  private nextTxId = 1;
  private disconnectedByFault = false;
  /** Shut down for good (end of a case). */
  private dead = false;
  /** When the connection was lost while powered (B04: offline period). */
  private offlineSince?: number;
  /** Security events raised while not connected, sent once connected (A00.FR.310). */
  private pendingSecurityEvents: string[] = [];
  /** Failed reconnection attempts since the last successful connection (Part 4 §5.3 back-off). */
  private reconnectAttempts = 0;

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
    this.auth = new LocalAuthData({ listEnabled: () => this.settingBool('LocalAuthListEnabled'), cacheEnabled: () => this.settingBool('AuthorizationCacheEnabled'), has: (f) => this.faults.has(f as StationFault) });
    this.txQueue = new TxQueue({
      connection: () => this.conn, online: () => this.online, loses: () => this.has('auth.offlineLosesTransaction'),
      retry: () => ({ attempts: this.has('tx.noRetry') ? 1 : Math.max(1, this.settingInt('TransactionMessageAttempts')), intervalSeconds: this.settingInt('TransactionMessageRetryInterval'), multiply: !this.has('tx.retryWithoutBackOff') }),
      wait: (seconds) => new Promise((r) => { this.after(seconds, () => r()); }),
    });
    this.dialect = dialectFor(this.version, this);
    this.password = opts.password;
    this.firmware = new FirmwareUpdater(this, (status, requestId) => this.dialect.firmwareStatus(status, requestId));
    const station = this;
    this.certificates = new CertificateStore({
      version: this.version, has: (f) => this.faults.has(f as StationFault), get serialNumber() { return station.identity.serialNumber; },
      trustedCaPem: opts.trustedCaPem, send: (action, payload) => this.send(action, payload), hardware: (t) => this.hardware(t),
    });
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
  settingBool(name: string): boolean { return this.setting(name)?.value === 'true'; }

  /** Applies a settings change; 'Accepted' | 'Rejected' | 'NotSupported'. */
  changeSetting(s: Setting | undefined, value: string): 'Accepted' | 'Rejected' | 'NotSupported' {
    if (!s) return 'NotSupported';
    if (s.readonly) return 'Rejected';
    if (s.writeOnly) return this.changePassword(value);
    const isHeartbeat = s.key16 === 'HeartbeatInterval';
    if (!validValue(s.type, value) && !(isHeartbeat && this.has('config.acceptsInvalidValue'))) return 'Rejected';
    if (isHeartbeat && this.has('config.ignoresHeartbeatInterval')) return 'Accepted';
    if (isHeartbeat && !validValue(s.type, value)) return 'Accepted';
    s.value = value;
    if (isHeartbeat && this.registration === 'Accepted') this.startHeartbeat();
    return 'Accepted';
  }

  /**
   * A new Basic auth password (1.6 WP A01 AuthorizationKey: hex, 16-20 bytes; 2.0.1 A00.FR.205:
   * 16-40 passwordString characters). Accepted, the station reconnects with it (A01 scenario).
   */
  private changePassword(value: string): 'Accepted' | 'Rejected' {
    const valid = this.version === '1.6' ? /^[0-9a-fA-F]{32,40}$/.test(value) && value.length % 2 === 0 : /^[a-zA-Z0-9*\-_=:+|@.]{16,40}$/.test(value);
    if (!valid) return 'Rejected';
    if (!this.has('basicauth.ignoresNewPassword')) this.password = value;
    this.hardware('Basic auth password changed: reconnecting with the new one');
    setTimeout(() => this.conn?.close(1000, 'credentials changed'), 20);
    return 'Accepted';
  }

  /** The version reported in BootNotification; an install changes it (persistent). */
  setFirmwareVersion(version: string): void { this.identity.firmwareVersion = version; }

  /** Resolves when no connector has a transaction. */
  untilNoTransaction(): Promise<void> {
    if (!this.connectors.some((c) => c.tx)) return Promise.resolve();
    return new Promise((resolve) => { this.once('idle', resolve); });
  }

  // ---- power and connection -----------------------------------------------------------
  powerOn(reason = 'PowerUp'): void {
    if (this.powered || this.dead) return;
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
    for (const c of this.connectors) {
      if (c.tx) this.stopMeterValues(c.tx);
      c.energyWh = this.meterWh(c);
      c.tx = undefined; c.authorized = undefined; c.finishing = false; c.relayClosed = false; c.relaySince = undefined;
    }
    if (this.has('availability.notPersistent')) {
      this.persistent.stationOperative = true; this.persistent.evseOperative.clear(); this.persistent.connectorOperative.clear();
    }
  }

  reboot(reason: string): void {
    if (this.dead) return;
    this.powerOff();
    this.powered = true;
    this.bootReason = reason;
    this.hardware(`rebooting (${reason})`);
    this.after(this.opts.bootSeconds ?? 1, () => this.connect());
  }

  private connect(): void {
    if (!this.powered || this.disconnectedByFault || this.dead) return;
    // A00.FR.203/204: credentials with every connection request, user = the station identity.
    const headers = this.password && !this.has('basicauth.noCredentials')
      ? { Authorization: `Basic ${basicCredentials(this.version, this.opts.stationId, this.password).toString('base64')}` } : undefined;
    const ws = new WebSocket(this.opts.url, [SUBPROTOCOL[this.version]], { ...(headers ? { headers } : {}), ...this.tlsOptions() });
    const conn = new OcppConnection(ws, {
      version: this.version, idPrefix: 'cs-', callTimeoutMs: this.ms(this.opts.messageTimeout ?? 30),
      onCall: (call) => this.onCsmsCall(call),
    });
    this.conn = conn;
    ws.on('open', () => { if (this.conn === conn) { this.reconnectAttempts = 0; void this.onConnected(); } });
    ws.on('error', (err: Error & { code?: string }) => {
      // A00.FR.308-311 (1.6 WP A00.FR.307-310): an invalid CSMS certificate ends the attempt and raises a security event.
      if (this.opts.tls && CERT_ERRORS.test(`${err.code ?? ''} ${err.message}`)) {
        const type = this.version === '1.6' ? 'InvalidCentralSystemCertificate' : 'InvalidCsmsCertificate';
        if (!this.pendingSecurityEvents.includes(type)) this.pendingSecurityEvents.push(type);
        this.hardware(`TLS: refused the CSMS certificate (${err.code ?? err.message})`);
      }
    });
    conn.on('close', () => {
      if (this.conn !== conn) return;
      this.conn = undefined;
      this.stopHeartbeat();
      if (this.registration === 'Accepted' && this.offlineSince === undefined) this.offlineSince = Date.now();
      if (this.powered && !(this.has('reconnect.never') && this.registration === 'Accepted')) this.after(this.reconnectDelay(), () => this.connect());
    });
  }

  /**
   * Spec seconds before the next connection attempt. 2.0.1 Part 4 §5.3: RetryBackOffWaitMinimum
   * plus up to RetryBackOffRandomRange, doubled after every failed attempt up to
   * RetryBackOffRepeatTimes times, reset after a successful connection. 1.6 defines no back-off.
   */
  private reconnectDelay(): number {
    if (this.version === '1.6') return this.opts.reconnectSeconds ?? 2;
    const min = this.settingInt('RetryBackOffWaitMinimum');
    const doublings = this.has('reconnect.noBackOff') ? 0 : Math.min(this.reconnectAttempts, this.settingInt('RetryBackOffRepeatTimes'));
    this.reconnectAttempts++;
    return min * 2 ** doublings + Math.random() * this.settingInt('RetryBackOffRandomRange');
  }

  /** TLS options of the connection: the CSMS CA, host name check, TLS >= 1.2, the client certificate (profile 3). */
  private tlsOptions(): Record<string, unknown> {
    const t = this.opts.tls;
    if (!t) return {};
    const cert = this.has('mtls.wrongCertificate') ? t.otherClientCert : this.has('mtls.noClientCert') ? undefined : t.clientCert;
    return {
      ca: t.caPem,
      ...(this.has('tls.acceptsAnyServerCert') ? { rejectUnauthorized: false } : {}),
      ...(this.has('tls.ignoresHostname') ? { checkServerIdentity: () => undefined } : {}),
      ...(this.has('tls.oldVersion') ? { maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } : { minVersion: 'TLSv1.2' }),
      ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}),
    };
  }

  /** Security events raised while the connection was down (e.g. a refused CSMS certificate). */
  private async flushSecurityEvents(): Promise<void> {
    const events = this.pendingSecurityEvents;
    this.pendingSecurityEvents = [];
    if (this.has('tls.noSecurityEvent')) return;
    for (const type of events) await this.send('SecurityEventNotification', { type, timestamp: new Date().toISOString() });
  }

  private async onConnected(): Promise<void> {
    this.emit('connected');
    if (this.registration === 'Accepted') {
      // Reconnected without a reboot: no BootNotification (Part 4 §5.3); report status per B04.
      this.startHeartbeat();
      const offlineMs = this.offlineSince === undefined ? 0 : Date.now() - this.offlineSince;
      this.offlineSince = undefined;
      void this.flushSecurityEvents();
      void this.txQueue.flush();
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
      void this.flushSecurityEvents();
      void this.txQueue.flush();
      void this.firmware.afterBoot();
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
    if (busy && this.has('availability.noSchedule')) for (const c of affected) if (c.tx) this.endTransaction(c, 'Other');
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

  // ---- hardware: connectors, relay, meter ---------------------------------------------------------
  connector(ref: ConnectorRef): ConnectorState {
    const c = this.connectors.find((x) => x.ref.evseId === ref.evseId && x.ref.connectorId === ref.connectorId);
    if (!c) throw new Error(`no connector ${keyOf(ref)} on this station`);
    return c;
  }

  /** Energy register of a connector (Wh): rises at POWER_W while the relay is closed. */
  meterWh(c: ConnectorState): number {
    const running = c.relayClosed && c.relaySince !== undefined ? ((Date.now() - c.relaySince) / this.ms(1)) * (POWER_W / 3600) : 0;
    return Math.round(c.energyWh + running);
  }

  setRelay(c: ConnectorState, closed: boolean): void {
    if (c.relayClosed === closed) return;
    if (!closed) c.energyWh = this.meterWh(c);
    c.relayClosed = closed;
    c.relaySince = closed ? Date.now() : undefined;
    this.hardware(`relay ${closed ? 'closed' : 'opened'} on EVSE ${c.ref.evseId} connector ${c.ref.connectorId}`);
  }

  plugIn(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.plugged = true; c.wasPlugged = true;
    this.hardware(`cable plugged into EVSE ${ref.evseId} connector ${ref.connectorId}`);
    if (this.has('relay.closesBeforeAuthorized')) this.setRelay(c, true);
    void this.afterStateChange(c);
  }

  unplug(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.plugged = false;
    c.finishing = false;
    this.hardware(`cable unplugged from EVSE ${ref.evseId} connector ${ref.connectorId}`);
    if (c.tx) this.endTransaction(c, 'EVDisconnected');
    else this.setRelay(c, false);
    void this.refreshStatuses();
  }

  raiseFault(ref: ConnectorRef, errorCode: string): void {
    const c = this.connector(ref);
    if (errorCode === 'ConnectorLockFailure') {
      c.lockFailed = true;
      this.hardware(`plug retention lock failed on EVSE ${ref.evseId} connector ${ref.connectorId}`);
      if (this.dialect.reportsLockFailure) { void this.dialect.reportLockFailure(c); return; }
    }
    c.fault = errorCode;
    this.setRelay(c, false);
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

  // ---- authorization (1.6 §3.5, §4.1; 2.0.1 C01, C09-C15) -------------------------------------
  get online(): boolean { return !!this.conn?.isOpen && this.registration === 'Accepted'; }

  /** A card at the reader (or a code on the keypad): stops a transaction it may stop, or authorizes a new one. */
  async presentToken(token: Token, ref?: ConnectorRef): Promise<void> {
    this.hardware(`${token.type === 'KeyCode' ? 'code' : 'card'} ${token.idToken} presented${ref ? ` at EVSE ${ref.evseId} connector ${ref.connectorId}` : ''}`);
    const running = this.connectors.filter((c) => c.tx && !c.tx.stopped && (!ref || (c.ref.evseId === ref.evseId && c.ref.connectorId === ref.connectorId)));
    const own = running.find((c) => c.tx!.token.idToken === token.idToken);
    // 1.6 §4.1: the token that started the transaction stops it without an Authorize.
    if (own) {
      if (this.has('auth.authorizesOwnStop') && this.online) await this.send('Authorize', this.dialect.authorizeRequest(token));
      this.requestStop(own, 'StopAuthorized', token);
      return;
    }
    if (running.length && (ref || !this.connectors.some((c) => this.isFree(c)))) {
      const target = running[0];
      const verdict = await this.authorize(token);
      // 1.6 §4.10 parentIdTag / 2.0.1 C09 groupIdToken: a token of the same group may stop it.
      const sameGroup = verdict?.status === 'Accepted' && verdict.groupId !== undefined && verdict.groupId === target.tx?.groupId && !this.has('auth.ignoresGroup');
      if (sameGroup || (this.has('auth.stopsWithOtherToken') && verdict)) { this.requestStop(target, 'StopAuthorized', token); return; }
      this.hardware(`card ${token.idToken} may not stop the transaction on EVSE ${target.ref.evseId}`);
      return;
    }
    const c = ref ? this.connector(ref) : this.connectors.find((x) => x.plugged && this.isFree(x)) ?? this.connectors.find((x) => this.isFree(x));
    if (!c || !this.isFree(c)) { this.hardware(`no free connector for card ${token.idToken}`); return; }
    const verdict = await this.authorize(token);
    if (!verdict || (verdict.status !== 'Accepted' && !this.has('auth.startsOnBlocked'))) { this.hardware(`card ${token.idToken} refused (${verdict?.status ?? 'no answer'})`); return; }
    this.grant(c, { token, groupId: verdict.groupId, trigger: 'Authorized' });
  }

  /** Whether a new session may start on `c`. */
  isFree(c: ConnectorState): boolean {
    return !c.tx && !c.authorized && (!c.fault || this.has('fault.chargesWhileFaulted')) && this.isOperative(c);
  }

  /**
   * The verdict on a token: a local Accepted entry with LocalPreAuthorize (no Authorize sent),
   * else the CSMS (Authorize), else, offline, the local entry if LocalAuthorizeOffline, else an
   * unknown token only with AllowOfflineTxForUnknownId.
   */
  async authorize(token: Token): Promise<AuthInfo | undefined> {
    const local = this.auth.lookup(token.idToken);
    const preAuthorize = (this.settingBool('LocalPreAuthorize') || this.has('auth.preAuthorizesWhenDisabled')) && !this.has('auth.ignoresLocalPreAuthorize');
    if (this.online) {
      if (local?.info.status === 'Accepted' && preAuthorize) { this.hardware(`card ${token.idToken} accepted from the ${local.from}`); return local.info; }
      // C10.FR.03, C14.FR.03: a locally known token that is not Accepted is checked with the CSMS.
      if (local && local.info.status !== 'Accepted' && this.has('auth.trustsLocalRejection')) return local.info;
      const reply = await this.send('Authorize', this.dialect.authorizeRequest(token));
      const info = this.dialect.authInfo(reply);
      if (info) this.auth.remember(token.idToken, info);
      return info;
    }
    if (local) return this.settingBool('LocalAuthorizeOffline') ? local.info : undefined;
    return this.settingBool('AllowOfflineTxForUnknownId') ? { status: 'Accepted' } : undefined;
  }

  /** Authorized on `c`: start when the cable is in; give up after ConnectionTimeOut (1.6 §9.1, TxCtrlr.EVConnectionTimeOut). */
  grant(c: ConnectorState, auth: NonNullable<ConnectorState['authorized']>): void {
    c.authorized = auth;
    if (!c.plugged && !this.has('auth.ignoresConnectionTimeOut')) {
      auth.timer = this.after(this.settingInt('ConnectionTimeOut'), () => {
        if (c.authorized !== auth) return;
        c.authorized = undefined;
        this.hardware(`no cable within ConnectionTimeOut: authorization on EVSE ${c.ref.evseId} dropped`);
        void this.refreshStatuses();
      });
    }
    void this.afterStateChange(c);
  }

  private async afterStateChange(c: ConnectorState): Promise<void> {
    const lockOk = !c.lockFailed || this.has('lock.chargesAnyway');
    const faultOk = !c.fault || this.has('fault.chargesWhileFaulted');
    if (c.plugged && c.authorized && !c.tx && faultOk && lockOk && this.isOperative(c)) this.startTransaction(c);
    await this.refreshStatuses();
  }

  // ---- transactions ---------------------------------------------------------------------------------
  private startTransaction(c: ConnectorState): void {
    const auth = c.authorized!;
    if (auth.timer) { clearTimeout(auth.timer); this.timers.delete(auth.timer); }
    c.authorized = undefined;
    const token = this.has('tx.wrongIdToken') ? { ...auth.token, idToken: auth.token.idToken.slice(0, -1) } : auth.token;
    const tx: Transaction = {
      id: `${this.opts.stationId}-${this.nextTxId++}`, token, groupId: auth.groupId, charging: true, seqNo: 0,
      meterStart: this.meterWh(c), remoteStartId: auth.remoteStartId, trigger: auth.trigger,
    };
    c.tx = tx;
    this.setRelay(c, true);
    this.startMeterValues(c, tx);
    void this.dialect.txStarted(c, tx).then((info) => this.onStartVerdict(c, tx, info));
  }

  /** The CSMS's verdict on the token of a started transaction (1.6 §4.8 StopTransactionOnInvalidId, 2.0.1 E05). */
  private onStartVerdict(c: ConnectorState, tx: Transaction, info: AuthInfo | undefined): void {
    if (!info) return;
    this.auth.remember(tx.token.idToken, info);
    if (info.status === 'Accepted' || c.tx !== tx || tx.stopped) return;
    if (this.settingBool('StopTransactionOnInvalidId') && !this.has('auth.ignoresStopTxOnInvalidId')) {
      this.requestStop(c, 'Deauthorized');
    } else if (!this.has('auth.ignoresStopTxOnInvalidId')) {
      this.setRelay(c, false);
      tx.charging = false;
      this.stopMeterValues(tx);
      void this.dialect.txSuspended(c, tx);
      void this.refreshStatuses();
    }
  }

  /** Stop by token, by the CSMS (remote) or by a deauthorizing reply: the relay opens at once. */
  requestStop(c: ConnectorState, trigger: StopTrigger, by?: Token): void {
    const tx = c.tx;
    if (!tx || tx.stopped) return;
    this.setRelay(c, false);
    tx.charging = false;
    tx.stopped = { trigger, by };
    this.stopMeterValues(tx);
    if (this.dialect.txStopRequested(c, tx)) this.closeTransaction(c);
    void this.refreshStatuses();
  }

  /** The transaction on `c` ends (unplug, reset, availability without schedule). */
  endTransaction(c: ConnectorState, reason: string): void {
    const tx = c.tx;
    if (!tx) return;
    this.setRelay(c, false);
    this.stopMeterValues(tx);
    this.dialect.txEnded(c, tx, reason);
    this.closeTransaction(c);
    void this.refreshStatuses();
  }

  private closeTransaction(c: ConnectorState): void {
    c.tx = undefined;
    c.finishing = c.plugged;
    if (!this.connectors.some((x) => x.tx)) this.emit('idle');
    if (this.pendingReset && !this.connectors.some((x) => x.tx)) this.scheduleReset(this.pendingReset.bootReason, this.pendingReset.stopReason);
  }

  private startMeterValues(c: ConnectorState, tx: Transaction): void {
    const interval = this.settingInt('MeterValueSampleInterval');
    if (interval <= 0) return;
    const tick = (): void => { tx.meterTimer = this.after(interval, () => { if (c.tx === tx && tx.charging) { void this.dialect.txMeterValues(c, tx); tick(); } }); };
    tick();
  }

  private stopMeterValues(tx: Transaction): void {
    if (tx.meterTimer) { clearTimeout(tx.meterTimer); this.timers.delete(tx.meterTimer); tx.meterTimer = undefined; }
  }

  /** Queues a transaction message (kept in order, held while offline). */
  sendTx(action: string, build: (offline: boolean) => Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    return this.txQueue.push(action, build);
  }

  // ---- remote control (1.6 §5.11/§5.12, 2.0.1 F01-F03) ---------------------------------------------
  /** RemoteStart / RequestStart: Accepted only for a free connector; the token then authorizes (AuthorizeRemoteTxRequests). */
  remoteStart(token: Token, ref: ConnectorRef | undefined, remoteStartId?: number): 'Accepted' | 'Rejected' {
    if (this.registration !== 'Accepted') return 'Rejected';
    const c = ref ? this.connectors.find((x) => x.ref.evseId === ref.evseId && x.ref.connectorId === ref.connectorId)
      : this.connectors.find((x) => x.plugged && this.isFree(x)) ?? this.connectors.find((x) => this.isFree(x));
    if (!c || (!this.isFree(c) && !this.has('remote.startsOnBusyConnector'))) return 'Rejected';
    this.hardware(`remote start for ${token.idToken} on EVSE ${c.ref.evseId}`);
    const granted = this.has('remote.wrongToken') ? { idToken: 'SOMEONE-ELSE', type: token.type } : token;
    void (async () => {
      if (this.settingBool('AuthorizeRemoteTxRequests') && !this.has('remote.ignoresAuthorizeRemoteTx')) {
        const verdict = await this.authorize(token);
        if (verdict?.status !== 'Accepted') { this.hardware(`remote start token ${token.idToken} refused`); return; }
        this.grant(c, { token: granted, groupId: verdict.groupId, remoteStartId, trigger: 'RemoteStart' });
      } else {
        this.grant(c, { token: granted, remoteStartId, trigger: 'RemoteStart' });
      }
    })();
    return 'Accepted';
  }

  remoteStop(transactionId: string | number): 'Accepted' | 'Rejected' {
    const c = this.connectors.find((x) => x.tx && String(x.tx.id) === String(transactionId) && !x.tx.stopped);
    if (!c) return this.has('remote.stopUnknownAccepted') ? 'Accepted' : 'Rejected';
    if (!this.has('remote.stopIgnored')) setTimeout(() => this.requestStop(c, 'RemoteStop'), 5);
    return 'Accepted';
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
    const reply = this.certificates.handles(call) ? await this.certificates.handle(call) : await this.dialect.handle(call);
    if (this.has('reply.late') && call.action !== 'TriggerMessage') {
      await new Promise((r) => this.after((this.opts.messageTimeout ?? 30) * 1.5, () => r(undefined)));
    }
    return reply;
  }

  /** Reset (1.6 §5.14, 2.0.1 B11/B12): transactions end first (B12.FR.04, 1.6 §5.14), then the reboot. */
  scheduleReset(bootReason: string, stopReason: string): void {
    this.pendingReset = undefined;
    this.after(0.02 / (this.opts.timeScale ?? 1), () => {
      void (async () => {
        if (!this.has('reset.noStopTransaction')) for (const c of this.connectors) if (c.tx) this.endTransaction(c, stopReason);
        await this.txQueue.drained(this.ms(this.opts.messageTimeout ?? 30));
        if (!this.has('reset.noReboot')) this.reboot(bootReason);
      })();
    });
  }

  /** A reset Scheduled until every transaction has ended (B12.FR.01, B12.FR.03). */
  pendingReset?: { bootReason: string; stopReason: string };

  /** The end of this station (the case is over): nothing scheduled may power it on again. */
  shutdown(): void {
    this.dead = true;
    this.powerOff();
    this.removeAllListeners();
  }
}
