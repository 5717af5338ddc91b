/**
 * The station's link to the CSMS: the WebSocket connection with its credentials (security
 * profile 1, A00.FR.203), TLS (profiles 2 and 3, A00.FR.3xx/4xx/5xx), the reconnection back-off
 * (2.0.1 Part 4 §5.3), the security events of a refused CSMS certificate, and how CSMS requests
 * are answered on the wire. What a request means is the dialect's; who may send what, the
 * registration's.
 */
import WebSocket from 'ws';
import { CALL, type CallFrame } from '../../protocol/rpc';
import { SUBPROTOCOL } from '../../protocol/versions';
import { OcppConnection, type Reply } from '../../transport/connection';
import { basicCredentials } from '../../model/secrets';
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import type { SimulatedStation } from './simulated-station';
import { rpcPolicyOf } from '../rpc-behaviour';
import type { RpcPolicy } from '../../transport/connection';

interface LinkPolicy {
  /** Sends HTTP Basic credentials with every connection request when it has a password (A00.FR.203). */
  sendsCredentials: boolean;
  /** Connects with a new password it accepted (A01.FR.03). */
  adoptsNewPassword: boolean;
  /** Refuses a new password outside the format of A00.FR.205 (2.0.1: 16-40 passwordString characters; 1.6: 16-20 bytes in hex). */
  checksPasswordFormat: boolean;
  /** Raises InvalidTLSVersion when the CSMS only offers TLS below 1.2 (2.0.1 A00.FR.316). */
  reportsTlsVersion: boolean;
  /** Refuses a CSMS certificate that does not chain to its CA (A00.FR.308). */
  checksCertificatePath: boolean;
  /** Refuses a CSMS certificate issued for another host (A00.FR.309). */
  checksHostname: boolean;
  /** The TLS versions it offers (A00.FR.313: 1.2 and above). */
  tlsVersions: Readonly<Record<string, string>>;
  /** TLS 1.2 cipher suites it offers, when not Node's default (which holds the four of A00.FR.319/422). */
  cipherSuites?: string;
  /** Raises a security event for a refused CSMS certificate (A00.FR.310). */
  reportsRefusedCertificate: boolean;
  /** The client certificate of security profile 3 (A00.FR.401, A00.FR.511: its own). */
  clientCertificate: 'own' | 'none' | 'other';
  /** Reconnects after a connection loss once registered (Part 4 §5.3). */
  reconnectsWhenRegistered: boolean;
  /** Doubles the back-off after every failed attempt (Part 4 §5.3). */
  backOffDoubles: boolean;
  /** Raw frames sent right after the boot is Accepted: none. */
  strayFramesAfterBoot: readonly string[];
  /** Drops the connection once the boot is reported, and stays away. */
  leavesAfterBoot: boolean;
  /** Answers CSMS requests at all. */
  answers: boolean;
  /** Answers them only after the message timeout. */
  repliesLate: boolean;
  /** Holds every CSMS request this fraction of the message timeout before acting on it and answering (0: at once). */
  replyDelayFactor: number;
  /** 2.0.1: waits the whole RetryBackOffRandomRange instead of a random part of it (Part 4 §5.3: "a random value with a maximum of"). */
  backOffAtTop: boolean;
  /** 2.0.1: RetryBackOffRandomRange it ships with (spec s), when not the settings table's. */
  factoryRandomRange?: number;
  /** 1.6 (no back-off defined): spec seconds before it reconnects, when not the run's reconnectSeconds. */
  reconnectSeconds16?: number;
}

export const CONNECTION_FAULTS = {
  'basicauth.noCredentials': { description: 'connects without HTTP Basic credentials', rules: both(['A00.FR.203', 'A00.FR.302'], ['A00.FR.203', 'A00.FR.302']), breaks: { sendsCredentials: false } },
  'basicauth.ignoresNewPassword': { description: 'accepts a new Basic auth password but keeps using the old one', rules: both(['A01.FR.01'], ['A01.FR.01']), breaks: { adoptsNewPassword: false } },
  'basicauth.acceptsShortPassword': { description: 'accepts a new Basic auth password shorter than 16 characters', rules: { '2.0.1': ['A00.FR.205'] }, breaks: { checksPasswordFormat: false } },
  'tls.noTlsVersionEvent': { description: 'refuses a CSMS that only offers TLS 1.0/1.1 but raises no InvalidTLSVersion security event', rules: { '2.0.1': ['A00.FR.316'] }, breaks: { reportsTlsVersion: false } },
  'tls.acceptsAnyServerCert': { description: 'accepts a CSMS certificate from an unknown CA (no certificate path check)', rules: both(['A00.FR.307', 'A00.FR.310'], ['A00.FR.308', 'A00.FR.311']), breaks: { checksCertificatePath: false } },
  'tls.ignoresHostname': { description: 'accepts a CSMS certificate issued for another host name', rules: both(['A00.FR.308', 'A00.FR.310'], ['A00.FR.309', 'A00.FR.311']), breaks: { checksHostname: false } },
  'tls.oldVersion': { description: 'connects with TLS 1.1 (2.0.1 requires 1.2 or above; the 1.6 whitepaper lets legacy stations use 1.0/1.1)', rules: { '2.0.1': ['A00.FR.313'] }, breaks: { tlsVersions: { maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } } },
  'tls.unlistedSuites': { description: 'offers TLS 1.2 with ECDHE-ECDSA-CHACHA20-POLY1305 and ECDHE-ECDSA-AES128-SHA256 only, none of the required AES-GCM suites', rules: both(['A00.FR.318', 'A00.FR.422'], ['A00.FR.319', 'A00.FR.422']), breaks: { cipherSuites: 'ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-SHA256' } },
  'tls.noSecurityEvent': { description: 'refuses an invalid CSMS certificate but raises no security event', rules: both(['A00.FR.309'], ['A00.FR.310']), breaks: { reportsRefusedCertificate: false } },
  'mtls.noClientCert': { description: 'presents no client certificate in security profile 3', rules: both(['A00.FR.401'], ['A00.FR.401']), breaks: { clientCertificate: 'none' } },
  // Listed after noClientCert: with both, the wrong certificate is presented.
  'mtls.wrongCertificate': { description: 'presents a client certificate whose CN is not its serial number', rules: both(['A00.FR.511'], ['A00.FR.511']), breaks: { clientCertificate: 'other' } },
  'reconnect.never': { description: 'does not reconnect after the CSMS closed the connection', rules: { '2.0.1': ['Part4§5.3'] }, breaks: { reconnectsWhenRegistered: false } },
  'reconnect.noBackOff': { description: 'reconnects every RetryBackOffWaitMinimum seconds without doubling the back-off', rules: { '2.0.1': ['Part4§5.3'] }, breaks: { backOffDoubles: false } },
  'hostile.garbage': { description: 'sends a frame that is not JSON right after boot', rules: both(['1.6J§4.1.2'], ['Part4§4.1.2']), breaks: { strayFramesAfterBoot: ['this is not json {'] } },
  'hostile.unknownReplyId': { description: 'sends a CALLRESULT for a message id the CSMS never used', rules: both(['1.6J§4.1.4'], ['Part4§4.1.4']), breaks: { strayFramesAfterBoot: [JSON.stringify([3, 'no-such-call-42', {}])] } },
  'hostile.disconnectAfterBoot': { description: 'drops the connection right after its boot is accepted and stays away', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), breaks: { leavesAfterBoot: true } },
  'hostile.silent': { description: 'never answers a CSMS request', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), breaks: { answers: false } },
  'reply.late': { description: 'answers CSMS requests only after the message timeout', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), breaks: { repliesLate: true } },
} satisfies FaultTable<LinkPolicy>;

export const CONNECTION_VARIANTS = {
  'reply.slow': {
    description: 'acts on and answers every CSMS request after 80 % of the message timeout (a slow controller or a busy modem)',
    allowedBy: 'OCPP-J 1.6 §4.1.1 / 2.0.1 Part 4 §4.1.1 (synchronicity): a CALL stands until it is answered or times out at the requester\'s message timeout (2.0.1 OCPPCommCtrlr.MessageTimeout); no requirement times an answer more tightly (OCTT waits its message timeout, 30 s).',
    versions: ['1.6', '2.0.1'], sets: { replyDelayFactor: 0.8 },
  },
  'reconnect.slowBackOff': {
    description: '2.0.1: ships with RetryBackOffRandomRange 10 s and always waits the whole range on top of the doubled minimum; 1.6: reconnects 12 s after a lost connection',
    allowedBy: '2.0.1 Part 4 §5.3: each attempt after the back-off "plus a random value with a maximum of RetryBackOffRandomRange seconds" (the top of the range is a legal draw; the range is the station\'s to configure). 1.6 / OCPP-J 1.6 define no reconnection delay.',
    versions: ['1.6', '2.0.1'], sets: { backOffAtTop: true, factoryRandomRange: 10, reconnectSeconds16: 12 },
  },
} satisfies VariantTable<LinkPolicy>;

const CORRECT: LinkPolicy = {
  sendsCredentials: true, adoptsNewPassword: true, checksPasswordFormat: true, reportsTlsVersion: true, checksCertificatePath: true, checksHostname: true, tlsVersions: { minVersion: 'TLSv1.2' },
  reportsRefusedCertificate: true, clientCertificate: 'own', reconnectsWhenRegistered: true, backOffDoubles: true,
  strayFramesAfterBoot: [], leavesAfterBoot: false, answers: true, repliesLate: false, replyDelayFactor: 0, backOffAtTop: false,
};

/** TLS errors that mean "the CSMS certificate is not valid" (A00.FR.310: raise a security event). */
const CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME|certificate/i;
/** TLS errors that mean "the CSMS only offers an older TLS version" (2.0.1 A00.FR.316: InvalidTLSVersion). */
const VERSION_ERRORS = /PROTOCOL_VERSION|alert protocol version|UNSUPPORTED_PROTOCOL|unsupported protocol|wrong version number/i;

export class StationLink {
  readonly policy: Readonly<LinkPolicy>;
  /** How it answers frames that are not proper CALLs (harness/sims/rpc-behaviour.ts). */
  private readonly rpc: Readonly<RpcPolicy>;
  conn?: OcppConnection;
  /** Security profile 1 password (persistent). */
  private password?: string;
  /** Left for good (hostile.disconnectAfterBoot). */
  private gone = false;
  /** When the connection was lost while registered (B04: offline period). */
  private offlineSince?: number;
  /** Security events raised while not connected, sent once connected (A00.FR.310). */
  private pendingSecurityEvents: string[] = [];
  /** Failed reconnection attempts since the last successful connection (Part 4 §5.3 back-off). */
  private reconnectAttempts = 0;

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf(CORRECT, CONNECTION_FAULTS, faults, CONNECTION_VARIANTS);
    this.rpc = rpcPolicyOf(faults);
    this.password = s.opts.password;
    const range = s.settings.get('RetryBackOffRandomRange');
    if (range && this.policy.factoryRandomRange !== undefined) range.value = String(this.policy.factoryRandomRange);
  }

  /** Connected and Accepted: transaction messages and status reports may go out. */
  get online(): boolean { return !!this.conn?.isOpen && this.s.registration.status === 'Accepted'; }

  /** Whether a CALL can go out now (B01.FR.08, B02.FR.02, B03.FR.02); `force` for triggered messages. */
  canSend(force: boolean): boolean { return !!this.conn?.isOpen && (this.s.registration.status === 'Accepted' || force); }

  async send(action: string, payload: Record<string, unknown>, force = false): Promise<Record<string, unknown> | undefined> {
    const conn = this.conn;
    if (!conn || !this.canSend(force)) return undefined;
    const out = await conn.call(action, payload);
    return out.kind === 'result' ? out.payload : undefined;
  }

  connect(): void {
    if (!this.s.powered || this.gone) return;
    // A00.FR.203/204: credentials with every connection request, user = the station identity. Profile 3 (a client
    // certificate configured) authenticates by the certificate alone (2.0.1 A00 Table 11, 1.6 whitepaper Table 2): no header.
    const headers = this.password && this.policy.sendsCredentials && !this.s.opts.tls?.clientCert
      ? { Authorization: `Basic ${basicCredentials(this.s.version, this.s.opts.stationId, this.password).toString('base64')}` } : undefined;
    // The connection profile of NetworkConfigurationPriority it tries now (security-profile.ts, B10).
    const target = this.s.securityProfiles.target();
    const ws = new WebSocket(target.url, [SUBPROTOCOL[this.s.version]], { ...(headers ? { headers } : {}), ...this.tlsOptions(target.securityProfile) });
    const conn: OcppConnection = new OcppConnection(ws, {
      version: this.s.version, idPrefix: 'cs-', callTimeoutMs: this.s.ms(this.s.opts.messageTimeout ?? 30),
      onCall: (call) => this.answer(call), rpc: this.rpc,
    });
    this.conn = conn;
    conn.on('sent', (type: number) => { if (type === CALL) this.s.heartbeat.traffic(); });
    let opened = false;
    ws.on('open', () => { opened = true; if (this.conn === conn) { this.reconnectAttempts = 0; this.s.securityProfiles.connected(); void this.onConnected(); } });
    ws.on('error', (err: Error & { code?: string }) => {
      // A00.FR.308-311 (1.6 WP A00.FR.307-310): an invalid CSMS certificate ends the attempt and raises a security event.
      if (target.securityProfile >= 2 && CERT_ERRORS.test(`${err.code ?? ''} ${err.message}`)) {
        const type = this.s.version === '1.6' ? 'InvalidCentralSystemCertificate' : 'InvalidCsmsCertificate';
        if (!this.pendingSecurityEvents.includes(type)) this.pendingSecurityEvents.push(type);
        this.s.hardware(`TLS: refused the CSMS certificate (${err.code ?? err.message})`);
      } else if (target.securityProfile >= 2 && VERSION_ERRORS.test(`${err.code ?? ''} ${err.message}`)) {
        // A00.FR.316: once per run of failed attempts, queued until connected (A04).
        if (this.policy.reportsTlsVersion && !this.pendingSecurityEvents.includes('InvalidTLSVersion')) this.pendingSecurityEvents.push('InvalidTLSVersion');
        this.s.hardware(`TLS: refused the CSMS's TLS version (${err.code ?? err.message})`);
      }
    });
    conn.on('close', () => {
      if (this.conn !== conn) return;
      this.conn = undefined;
      if (!opened) this.s.securityProfiles.attemptFailed();
      this.s.heartbeat.stop();
      const registered = this.s.registration.status === 'Accepted';
      if (registered && this.offlineSince === undefined) this.offlineSince = Date.now();
      if (this.s.powered && (!registered || this.policy.reconnectsWhenRegistered)) this.s.after(this.reconnectDelay(), () => this.connect());
    });
  }

  /** Power loss: the connection goes, without a close handshake. */
  drop(): void {
    this.offlineSince = undefined;
    const conn = this.conn;
    this.conn = undefined;
    conn?.terminate();
  }

  /**
   * A new Basic auth password (1.6 WP A01 AuthorizationKey: hex, 16-20 bytes; 2.0.1 A00.FR.205:
   * 16-40 passwordString characters). Accepted, the station reconnects with it (A01 scenario).
   */
  changePassword(value: string): 'Accepted' | 'Rejected' {
    const valid = this.s.version === '1.6' ? /^[0-9a-fA-F]{32,40}$/.test(value) && value.length % 2 === 0 : /^[a-zA-Z0-9*\-_=:+|@.]{16,40}$/.test(value);
    if (!valid && this.policy.checksPasswordFormat) return 'Rejected';
    if (this.policy.adoptsNewPassword) this.password = value;
    this.s.hardware('Basic auth password changed: reconnecting with the new one');
    setTimeout(() => this.conn?.close(1000, 'credentials changed'), 20);
    return 'Accepted';
  }

  /** Once registered: what waited for the connection (security events, transaction messages). */
  flushHeld(): void {
    void this.flushSecurityEvents();
    void this.s.txQueue.flush();
  }

  /** Right after the boot is Accepted: frames no CSMS asked for (none when correct). */
  sendStrayFrames(): void {
    for (const frame of this.policy.strayFramesAfterBoot) this.conn?.sendRaw(frame);
  }

  /** After the boot's reports: the connection stays (a fault leaves for good). */
  afterBootReported(): void {
    if (!this.policy.leavesAfterBoot) return;
    this.gone = true;
    this.conn?.terminate();
  }

  private async answer(call: CallFrame): Promise<Reply> {
    if (!this.policy.answers) return { silent: true };
    // Let a BootNotification reply that arrived in the same read settle the registration first.
    await new Promise((r) => setImmediate(r));
    const refusal = this.s.registration.refusal();
    if (refusal) return refusal;
    if (this.policy.replyDelayFactor > 0) await new Promise((r) => this.s.after((this.s.opts.messageTimeout ?? 30) * this.policy.replyDelayFactor, () => r(undefined)));
    const reply = await this.s.handle(call);
    if (this.policy.repliesLate && call.action !== 'TriggerMessage') {
      await new Promise((r) => this.s.after((this.s.opts.messageTimeout ?? 30) * 1.5, () => r(undefined)));
    }
    return reply;
  }

  private async onConnected(): Promise<void> {
    this.s.emit('connected');
    if (this.s.registration.status !== 'Accepted') { await this.s.registration.boot(); return; }
    // Reconnected without a reboot: no BootNotification (Part 4 §5.3); report status per B04.
    this.s.heartbeat.start();
    void this.s.heartbeat.afterReconnect();
    const offlineMs = this.offlineSince === undefined ? 0 : Date.now() - this.offlineSince;
    this.offlineSince = undefined;
    this.flushHeld();
    await this.s.status.afterReconnect(offlineMs);
  }

  /**
   * Spec seconds before the next connection attempt. 2.0.1 Part 4 §5.3: RetryBackOffWaitMinimum
   * plus up to RetryBackOffRandomRange, doubled after every failed attempt up to
   * RetryBackOffRepeatTimes times, reset after a successful connection. 1.6 defines no back-off.
   */
  private reconnectDelay(): number {
    if (this.s.version === '1.6') return this.policy.reconnectSeconds16 ?? this.s.opts.reconnectSeconds ?? 2;
    const settings = this.s.settings;
    const doublings = this.policy.backOffDoubles ? Math.min(this.reconnectAttempts, settings.int('RetryBackOffRepeatTimes')) : 0;
    this.reconnectAttempts++;
    return settings.int('RetryBackOffWaitMinimum') * 2 ** doublings + (this.policy.backOffAtTop ? 1 : Math.random()) * settings.int('RetryBackOffRandomRange');
  }

  /** TLS options of the connection: the CSMS CA, host name check, TLS >= 1.2, the client certificate (profile 3). */
  private tlsOptions(securityProfile: number): Record<string, unknown> {
    if (securityProfile < 2) return {};
    // The CA it was given and the CSMS root certificates installed over OCPP (M05; a profile upgrade, A05.FR.02).
    const t = this.s.opts.tls ?? { caPem: undefined, clientCert: undefined, otherClientCert: undefined };
    const ca = [...(t.caPem ? [t.caPem] : []), ...this.s.certificates.pemsOf(this.s.version === '1.6' ? 'CentralSystemRootCertificate' : 'CSMSRootCertificate')];
    const cert = { own: t.clientCert, none: undefined, other: t.otherClientCert }[this.policy.clientCertificate];
    return {
      ca,
      ...(this.policy.checksCertificatePath ? {} : { rejectUnauthorized: false }),
      ...(this.policy.checksHostname ? {} : { checkServerIdentity: () => undefined }),
      ...this.policy.tlsVersions,
      ...(this.policy.cipherSuites ? { ciphers: this.policy.cipherSuites, maxVersion: 'TLSv1.2' } : {}),
      ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}),
    };
  }

  /** Security events raised while the connection was down (e.g. a refused CSMS certificate). */
  private async flushSecurityEvents(): Promise<void> {
    const events = this.pendingSecurityEvents;
    this.pendingSecurityEvents = [];
    if (!this.policy.reportsRefusedCertificate) return;
    for (const type of events) await this.send('SecurityEventNotification', { type, timestamp: new Date().toISOString() });
  }
}
