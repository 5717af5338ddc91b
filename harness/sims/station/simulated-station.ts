/**
 * The simulated charging station: the embedded SUT of the default run, and (for a CSMS under
 * test) the harness's own fake station. Correct by default; each named fault (faults.ts) makes
 * it break one rule. One neutral model of connectors, availability and transactions; the
 * version only decides how that model is put into messages (dialect-16.ts / dialect-201.ts).
 *
 * This class composes the concerns, one file each, each with the faults that break it and the
 * legal variations (variants.ts) that change it without breaking a rule:
 * connection.ts, registration.ts, heartbeat.ts, settings.ts, status.ts, connectors.ts,
 * availability.ts, authorization.ts, transactions.ts, tx-queue.ts, remote-control.ts,
 * firmware-updater.ts, certificates.ts, device-model.ts (2.0.1 variables and reports), evse-reset.ts (2.0.1 Reset of one EVSE),
 * reservation.ts (a minimal 2.0.1 Reservation block), power-loss.ts, log.ts (1.6 GetLog). Outside sims/ it is driven as hardware: power, cable,
 * card, connector faults; observed through its relay and meter and its 'hardware' and
 * 'connected' events.
 */
import { EventEmitter } from 'node:events';
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import { type ConnectorRef, layoutRefs } from '../../model/layout';
import { type StationFault, isStationFault } from './faults';
import { isStationVariant, STATION_VARIANTS } from './variants';
import type { Dialect } from './dialect';
import { Dialect16 } from './dialect-16';
import { Dialect201 } from './dialect-201';
import { StationLink } from './connection';
import { Registration } from './registration';
import { Heartbeat } from './heartbeat';
import { StationSettings } from './settings';
import { StatusReporter } from './status';
import { ConnectorHardware, type ConnectorState, freshConnector } from './connectors';
import { Availability } from './availability';
import { Authorizer, authorizationPolicy, LocalAuthData, type Token } from './authorization';
import { Transactions } from './transactions';
import { TxQueue } from './tx-queue';
import { RemoteControl } from './remote-control';
import { EvseReset } from './evse-reset';
import { Reservations } from './reservation';
import { FirmwareUpdater } from './firmware-updater';
import { CertificateStore } from './certificates';
import { SecurityProfiles } from './security-profile';
import { ConnectorLocks } from './lock';
import { DeviceModel } from './device-model';
import { PowerLoss } from './power-loss';
import { StationLogs } from './log';
import { wordingPolicy } from './wording';

interface StationIdentity { vendor: string; model: string; serialNumber: string; firmwareVersion: string }

export interface StationOptions {
  version: OcppVersion;
  /** CSMS URL including the station id path segment. */
  url: string;
  stationId: string;
  /** Connectors per EVSE, e.g. [1, 1] = two EVSEs with one connector each. */
  evses?: number[];
  faults?: string[];
  /** Legal variations (variants.ts): conformant but different behaviour; faults still apply on top. */
  variants?: string[];
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

export class SimulatedStation extends EventEmitter {
  readonly version: OcppVersion;
  readonly identity: StationIdentity;
  readonly connectors: ConnectorState[];
  readonly faults: ReadonlySet<StationFault>;
  readonly variants: ReadonlySet<string>;
  readonly dialect: Dialect;
  // The concerns; what survives a reboot is theirs to keep (settings, availability, local list and cache, certificates).
  readonly settings: StationSettings;
  readonly link: StationLink;
  readonly registration: Registration;
  readonly heartbeat: Heartbeat;
  readonly status: StatusReporter;
  readonly hw: ConnectorHardware;
  readonly availability: Availability;
  readonly auth: LocalAuthData;
  readonly authorizer: Authorizer;
  readonly tx: Transactions;
  readonly txQueue: TxQueue;
  readonly remote: RemoteControl;
  readonly evseReset: EvseReset;
  readonly reservations: Reservations;
  readonly firmware: FirmwareUpdater;
  readonly certificates: CertificateStore;
  readonly securityProfiles: SecurityProfiles;
  readonly lock: ConnectorLocks;
  readonly deviceModel: DeviceModel;
  readonly power: PowerLoss;
  readonly logs: StationLogs;
  /** Which optional fields its messages carry (wording.ts; read by the dialects). */
  readonly wording: ReturnType<typeof wordingPolicy>;
  powered = false;
  /** Shut down for good (end of a case). */
  private dead = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly opts: StationOptions) {
    super();
    this.version = opts.version;
    const unknown = (opts.faults ?? []).filter((f) => !isStationFault(f));
    if (unknown.length) throw new Error(`unknown station fault(s): ${unknown.join(', ')}`);
    this.faults = new Set(opts.faults as StationFault[] | undefined);
    const unknownVariants = (opts.variants ?? []).filter((v) => !isStationVariant(v));
    if (unknownVariants.length) throw new Error(`unknown station variant(s): ${unknownVariants.join(', ')}`);
    // A variant of the other version does not apply (the catalogue says where each exists).
    this.variants = new Set((opts.variants ?? []).filter((v) => STATION_VARIANTS[v].versions.includes(opts.version)));
    // What the concerns' policies read: the active faults and variants (fault-table.ts policyOf).
    const faults: ReadonlySet<string> = new Set([...this.variants, ...this.faults]);
    this.wording = wordingPolicy(faults);
    this.identity = { vendor: 'OcppHarness', model: 'SimStation', serialNumber: 'SIM-0001', firmwareVersion: '1.0.0', ...opts.identity };
    this.connectors = layoutRefs(opts.evses ?? [1, 1]).map((ref, i) => freshConnector(ref, i + 1));
    this.dialect = this.version === '1.6' ? new Dialect16(this) : new Dialect201(this);
    this.settings = new StationSettings(this.connectors.length, faults, {
      changePassword: (value) => this.link.changePassword(value),
      heartbeatIntervalChanged: () => { if (this.registration.status === 'Accepted') this.heartbeat.start(); },
      guard: (setting, value) => this.securityProfiles.guard(setting, value),
    }, new Set(opts.variants), opts.version);
    this.link = new StationLink(this, faults);
    this.registration = new Registration(this, faults);
    this.heartbeat = new Heartbeat(this, faults);
    this.status = new StatusReporter(this, faults);
    this.hw = new ConnectorHardware(this, faults);
    this.availability = new Availability(this, faults);
    const authPolicy = authorizationPolicy(faults);
    this.auth = new LocalAuthData(authPolicy, { list: () => this.settings.bool('LocalAuthListEnabled'), cache: () => this.settings.bool('AuthorizationCacheEnabled'), cacheLifeTimeMs: () => this.ms(this.settings.int('AuthCacheCtrlr.LifeTime')) });
    this.authorizer = new Authorizer(this, authPolicy);
    this.tx = new Transactions(this, faults);
    this.txQueue = new TxQueue({
      connection: () => this.link.conn, online: () => this.link.online,
      retry: () => ({ attempts: this.settings.int('TransactionMessageAttempts'), intervalSeconds: this.settings.int('TransactionMessageRetryInterval') }),
      wait: (seconds) => new Promise((r) => { this.after(seconds, () => r()); }),
    }, faults);
    this.remote = new RemoteControl(this, faults);
    this.evseReset = new EvseReset(this, faults);
    this.reservations = new Reservations(this, faults);
    this.lock = new ConnectorLocks(this, faults, opts.evses ?? [1, 1]);
    this.deviceModel = new DeviceModel(this, faults);
    this.power = new PowerLoss(this, faults);
    this.logs = new StationLogs(this, faults);
    this.firmware = new FirmwareUpdater(this, faults, (status, requestId) => this.dialect.firmwareStatus(status, requestId));
    const station = this;
    this.certificates = new CertificateStore({
      version: this.version, get serialNumber() { return station.identity.serialNumber; },
      trustedCaPem: opts.trustedCaPem, send: (action, payload) => this.send(action, payload), hardware: (t) => this.hardware(t), messageTimeoutMs: this.ms(opts.messageTimeout ?? 30),
      certSigning: () => ({ waitMinimum: this.settings.int('CertSigningWaitMinimum'), repeatTimes: this.settings.int('CertSigningRepeatTimes') }), after: (sec, fn) => this.after(sec, fn), cancel: (t) => this.cancel(t),
    }, faults);
    this.securityProfiles = new SecurityProfiles({
      version: this.version, startProfile: opts.tls?.clientCert ? 3 : opts.tls ? 2 : opts.password ? 1 : 0,
      hasCsmsRoot: () => !!opts.tls?.caPem || this.certificates.hasInstalled(this.version === '1.6' ? 'CentralSystemRootCertificate' : 'CSMSRootCertificate'),
      hasStationCertificate: () => !!opts.tls?.clientCert, hardware: (t) => this.hardware(t), url: opts.url, stationId: opts.stationId, disconnect: () => { setTimeout(() => this.link.conn?.close(1000, 'security profile changed'), 20); },
    }, faults);
    this.securityProfiles.initialise((name) => this.settings.get(name));
  }

  /** Whether a fault is active; the concerns read their policies instead (the embedded adapter's keypad asks this). */
  has(fault: StationFault): boolean { return this.faults.has(fault); }

  /** Real ms for spec seconds. */
  ms(specSeconds: number): number { return Math.round(specSeconds * (this.opts.timeScale ?? 1) * 1000); }

  /** Runs `fn` after spec seconds, unless the power goes first. */
  after(specSeconds: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => { this.timers.delete(t); fn(); }, this.ms(specSeconds));
    this.timers.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.timers.delete(t);
  }

  hardware(text: string): void { this.emit('hardware', text); }

  /** Sends a CALL if registration allows it (B01.FR.08, B02.FR.02, B03.FR.02); `force` for triggered messages. */
  send(action: string, payload: Record<string, unknown>, force = false): Promise<Record<string, unknown> | undefined> {
    return this.link.send(action, payload, force);
  }

  /** Who answers a CSMS request: the certificate store its actions and triggers, the dialect the rest. */
  handle(call: CallFrame): Promise<Reply> | Reply {
    return this.settings.refuses(call) ?? (this.certificates.handles(call) ? this.certificates.handle(call) : this.securityProfiles.handles(call) ? this.securityProfiles.handle(call) : this.deviceModel.handles(call) ? this.deviceModel.handle(call) : this.reservations.handles(call) ? this.reservations.handle(call) : this.logs.handles(call) ? this.logs.handle(call) : this.dialect.handle(call));
  }

  // ---- power ------------------------------------------------------------------------------
  powerOn(reason = 'PowerUp'): void {
    if (this.powered || this.dead) return;
    this.powered = true;
    this.registration.reason = reason;
    this.hardware(`power on (${reason})`);
    this.link.connect();
  }

  /** Power loss: everything volatile is gone; persistent state stays. */
  powerOff(): void {
    if (!this.powered) return;
    this.powered = false;
    this.hardware('power off');
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.heartbeat.stop();
    this.registration.status = 'none';
    this.status.clear();
    this.link.drop();
    this.securityProfiles.powerLost();
    this.hw.powerLost();
    this.availability.powerLost();
    this.auth.powerLost();
    this.evseReset.powerLost();
    this.reservations.powerLost();
  }

  reboot(reason: string): void {
    if (this.dead) return;
    this.powerOff();
    this.powered = true;
    this.registration.reason = reason;
    this.hardware(`rebooting (${reason})`);
    this.after(this.registration.policy.rebootSeconds ?? this.opts.bootSeconds ?? 1, () => this.link.connect());
  }

  /** The end of this station (the case is over): nothing scheduled may power it on again. */
  shutdown(): void {
    this.dead = true;
    this.powerOff();
    this.removeAllListeners();
  }

  // ---- hardware the adapter drives and observes ------------------------------------------------
  connector(ref: ConnectorRef): ConnectorState { return this.hw.connector(ref); }
  meterWh(c: ConnectorState): number { return this.hw.meterWh(c); }
  plugIn(ref: ConnectorRef): void { this.hw.plugIn(ref); }
  unplug(ref: ConnectorRef): void { this.hw.unplug(ref); }
  raiseFault(ref: ConnectorRef, errorCode: string): void { this.hw.raiseFault(ref, errorCode); }
  clearFault(ref: ConnectorRef): void { this.hw.clearFault(ref); }
  presentToken(token: Token, ref?: ConnectorRef): Promise<void> { return this.authorizer.presentToken(token, ref); }
  selectTransactions(refs: ConnectorRef[]): void { this.authorizer.selectTransactions(refs); }
}
