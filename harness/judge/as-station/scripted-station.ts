/**
 * The harness as a charging station, for a CSMS under test: a WebSocket client that connects
 * to the CSMS's URL (ws:// or wss://, the station id as last path segment, the version's
 * subprotocol, optional HTTP Basic credentials), sends what a case tells it to and judges the
 * replies; CSMS-initiated CALLs are answered by reply rules (or a correct station's default)
 * and can be expected like any other frame. Every frame is journaled and validated both ways.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { type CallFrame, rpcRule } from '../../protocol/rpc';
import { type OcppVersion, SUBPROTOCOL } from '../../protocol/versions';
import { OcppConnection, type Reply } from '../../transport/connection';
import { ScriptedPeer } from '../scripted-peer';
import type { Journal } from '../../transport/journal';
import { DEFAULT_LIMITS, type Limits } from '../../transport/limits';
import { basicCredentials, registerSecret } from '../../model/secrets';
import { type Timing, describeSpan, ms } from '../../model/timing';
import { ConformanceError } from '../../model/errors';
import { stationDefaultReply } from './default-replies';
import { DeviceModel } from './device-model';
import { awaitReconnectSlot, connectionEnded, connectionOpened } from './backoff';
import { type RawUpgradeResult, rawUpgrade } from './raw-upgrade';
import { requirement } from '../../model/requirements';
import { deadline, type Deadline } from '../../model/lag';

interface StationClientOptions {
  version: OcppVersion;
  /** The CSMS's base URL; the station id is appended as the last path segment. */
  url: string;
  stationId: string;
  timing: Timing;
  /** HTTP Basic password (security profile 1); a secret, never reported. */
  password?: string;
  /** PEM CA bundle trusted for wss:// (the CSMS's certificate chain). */
  ca?: string;
  /** Security profile 3: the station's client certificate (its private key is a secret). */
  clientCert?: { certPem: string; keyPem: string };
  /** The serial number the station reports (profile 3: its certificate's CN). */
  serialNumber?: string;
  /** What the CSMS may send before the harness cuts it off (frame size and rate, pings). */
  limits?: Limits;
  /** Share a journal (a case with several stations keeps one frame log). */
  journal?: Journal;
  /** The security profile it reports (SecurityCtrlr.SecurityProfile). */
  securityProfile?: number;
}

/**
 * Who ended a failed attempt: the CSMS (refused the upgrade or the TLS handshake, closed), or the
 * harness itself ('harness-cert': its own check of the CSMS's server certificate failed;
 * 'harness-tls': it could not offer what was asked, e.g. TLS 1.1 on this platform).
 */
type RefusedBy = 'csms' | 'harness-cert' | 'harness-tls';

export type ConnectResult =
  | { ok: true; protocol: string }
  | { ok: false; status?: number; reason: string; agreed?: string; refusedBy: RefusedBy };

/** OpenSSL / Node codes of the client's own verification of the server certificate (RFC 5280 path, host name). */
const SERVER_CERT_CHECK = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_SIGNATURE_FAILURE', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'INVALID_CA', 'INVALID_PURPOSE', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'HOSTNAME_MISMATCH', 'CERT_CHAIN_TOO_LONG',
]);
/** Codes of the client failing to offer the TLS asked for (no protocol or cipher left on its side). */
const CLIENT_TLS_LIMIT = new Set(['ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'ERR_SSL_NO_CIPHERS_AVAILABLE', 'ERR_SSL_UNSUPPORTED_PROTOCOL']);

function refusedByOf(err: Error & { code?: string }): RefusedBy {
  if (err.code && SERVER_CERT_CHECK.has(err.code)) return 'harness-cert';
  if (err.code && CLIENT_TLS_LIMIT.has(err.code)) return 'harness-tls';
  return 'csms';
}

export class ScriptedStation extends ScriptedPeer {
  private connection?: OcppConnection;
  private ws?: WebSocket;
  readonly stationId: string;
  /** What it reports and lets the CSMS read and change (GetBaseReport, GetVariables, GetConfiguration, ...). */
  readonly deviceModel: DeviceModel;
  /** The last registration status the CSMS gave it in a BootNotification reply. */
  registration?: string;
  /** Told when the CSMS asks for a message with TriggerMessage (after the Accepted reply went out). */
  readonly triggers = new EventEmitter();

  constructor(readonly opts: StationClientOptions) {
    super(opts.version, opts.timing, 'CSMS', new EventEmitter(), opts.journal);
    this.stationId = opts.stationId;
    this.deviceModel = new DeviceModel(opts.version, opts.securityProfile ?? 0);
    registerSecret(opts.password);
    registerSecret(opts.clientCert?.keyPem);
  }

  get serialNumber(): string { return this.opts.serialNumber ?? this.stationId; }

  protected get conn(): OcppConnection | undefined { return this.connection; }
  protected defaultReply(call: CallFrame): Reply {
    if (call.action === 'TriggerMessage' || call.action === 'ExtendedTriggerMessage') return this.triggered(call);
    const reply = stationDefaultReply(this.version, call, this.deviceModel);
    if ((call.action === 'GetBaseReport' || call.action === 'GetReport') && 'payload' in reply && reply.payload.status === 'Accepted') {
      // B07.FR.?? / B08: after Accepted the station sends the report in NotifyReport parts (seqNo from 0, tbc on all but the last).
      const parts = this.deviceModel.reportParts(Number(call.payload.requestId), this.deviceModel.select(call.payload));
      setTimeout(() => { void this.sendParts(parts); }, 0);
    }
    return reply;
  }

  private async sendParts(parts: Record<string, unknown>[]): Promise<void> {
    for (const part of parts) {
      const conn = this.connection;
      if (!conn?.isOpen) return;
      const o = await conn.call('NotifyReport', part);
      if (o.kind !== 'result') return;
    }
  }

  /**
   * TriggerMessage: 2.0.1 F06.FR.17, a BootNotification asked of an Accepted station is Rejected;
   * otherwise Accepted, and listeners of `triggers` hear what was asked once the reply has gone out.
   */
  private triggered(call: CallFrame): Reply {
    const requested = String(call.payload.requestedMessage);
    if (this.version === '2.0.1' && requested === 'BootNotification' && this.registration === 'Accepted') return { payload: { status: 'Rejected' } };
    setTimeout(() => this.triggers.emit('trigger', requested), 0);
    return { payload: { status: 'Accepted' } };
  }

  /**
   * Sends a CALL and waits for the CSMS's reply up to the message timeout plus the machine's
   * scheduling slack (timing.slackMs): a CSMS answering at 80 % of a scaled timeout must not
   * fail because the harness's own process was descheduled. Notes the registration a
   * BootNotification reply gives.
   */
  protected override async send(action: string, payload: Record<string, unknown>, opts: { rule: string; within?: number; raw?: string }): ReturnType<ScriptedPeer['call']> {
    const conn = this.connection;
    if (!conn?.isOpen) throw this.failure(opts.rule, `to send ${action}`, 'the CSMS is not connected', 'disconnected');
    const within = opts.within ?? this.timing.messageTimeout;
    const outcome = await conn.call(action, payload, { timeoutMs: ms(this.timing, within) + this.timing.slackMs, raw: opts.raw });
    // As ScriptedPeer.send: no reply also breaks the RPC rule (OCPP-J 1.6 §4.2.2, 2.0.1 Part 4 §4.2.2).
    if (outcome.kind === 'timeout') throw this.failure(`${opts.rule}, ${rpcRule(conn.version, '4.2.2')}`, `a reply to ${action} within ${describeSpan(this.timing, within)} (OCPP-J message timeout)`, 'no CALLRESULT or CALLERROR arrived', 'timeout');
    if (outcome.kind === 'closed') throw this.failure(`${opts.rule}, ${rpcRule(conn.version, '4.2.2')}`, `a reply to ${action}`, 'the CSMS closed the connection', 'disconnected');
    if (action === 'BootNotification' && outcome.kind === 'result' && typeof outcome.payload.status === 'string') this.registration = outcome.payload.status;
    return outcome;
  }

  get url(): string { return `${this.opts.url.replace(/\/+$/, '')}/${encodeURIComponent(this.stationId)}`; }

  /**
   * Opens the WebSocket, offering `offer` (default: this version's subprotocol). Never throws:
   * a refused upgrade, a missing or wrong subprotocol, or no answer becomes `{ ok: false }`.
   */
  async tryConnect(opts: { offer?: string[]; within?: number; password?: string | null; user?: string; clientCert?: { certPem: string; keyPem: string } | null; maxTlsVersion?: 'TLSv1.1'; keepPrevious?: boolean } = {}): Promise<ConnectResult> {
    // `keepPrevious`: the old connection is left as it is (a link gone half-open stays open on the CSMS's side); it ends with the case.
    if (opts.keepPrevious && this.connection) this.abandoned.push(this.connection); else this.connection?.terminate();
    // A real station never reconnects faster than its back-off (backoff.ts); the handshake's clock starts after it.
    const waited = await awaitReconnectSlot(this.url);
    if (waited > 0) this.journal.event('connection', `station ${this.stationId}: waited ${(waited / 1000).toFixed(2)} s of reconnection back-off`);
    this.registration = undefined;
    return this.open(opts);
  }

  private open(opts: { offer?: string[]; within?: number; password?: string | null; user?: string; clientCert?: { certPem: string; keyPem: string } | null; maxTlsVersion?: 'TLSv1.1' }): Promise<ConnectResult> {
    const offer = opts.offer ?? [SUBPROTOCOL[this.version]];
    const password = opts.password === null ? undefined : opts.password ?? this.opts.password;
    const headers: Record<string, string> = {};
    if (password) headers.authorization = `Basic ${basicCredentials(this.version, opts.user ?? this.stationId, password).toString('base64')}`;
    const cert = opts.clientCert === null ? undefined : opts.clientCert ?? this.opts.clientCert;
    if (opts.clientCert) registerSecret(opts.clientCert.keyPem);
    const tls = {
      ...(this.opts.ca ? { ca: this.opts.ca } : {}),
      ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}),
      ...(opts.maxTlsVersion ? { maxVersion: opts.maxTlsVersion, minVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
    };
    const within = opts.within ?? this.timing.messageTimeout;
    this.journal.event('connection', `station ${this.stationId}: connecting to ${this.url} offering [${offer.join(', ')}]${password ? ' with HTTP Basic credentials' : ''}`);
    return new Promise<ConnectResult>((resolve) => {
      let settled = false;
      let timer: Deadline | undefined;
      const done = (r: ConnectResult): void => {
        if (settled) return;
        settled = true;
        timer?.clear();
        this.journal.event('connection', r.ok ? `connected, subprotocol ${r.protocol}` : `connection refused: ${r.reason}`);
        if (r.ok) connectionOpened(this.url); else connectionEnded(this.url, true, ms(this.timing, 1));
        resolve(r);
      };
      let ws: WebSocket;
      try {
        ws = new WebSocket(this.url, offer, { headers, ...tls, handshakeTimeout: 2 * (ms(this.timing, within) + this.timing.slackMs) + 10_000, maxPayload: this.opts.limits?.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes });
      } catch (e) { done({ ok: false, reason: (e as Error).message, refusedBy: 'harness-tls' }); return; }
      this.ws = ws;
      // The library's own handshake timeout is only a backstop: the deadline is the harness's, extended for time this process was held up (harness/model/lag.ts).
      timer = deadline(() => { ws.terminate(); done({ ok: false, reason: `no WebSocket handshake within ${describeSpan(this.timing, within)}`, refusedBy: 'csms' }); }, ms(this.timing, within) + this.timing.slackMs);
      ws.on('unexpected-response', (_req, res) => { done({ ok: false, status: res.statusCode, reason: `HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim(), refusedBy: 'csms' }); ws.terminate(); });
      ws.on('error', (err: Error & { code?: string }) => done({ ok: false, reason: `${err.message}${err.code ? ` (${err.code})` : ''}`, refusedBy: refusedByOf(err) }));
      ws.on('close', (code, reason) => done({ ok: false, reason: `closed during the handshake (code ${code}${reason.length ? `, ${reason.toString()}` : ''})`, refusedBy: 'csms' }));
      ws.on('open', () => {
        if (!offer.includes(ws.protocol)) {
          done({ ok: false, agreed: ws.protocol || undefined, reason: ws.protocol ? `the CSMS chose subprotocol "${ws.protocol}", which was not offered` : 'the CSMS agreed no subprotocol', refusedBy: 'csms' });
          ws.close(1002, 'no agreed subprotocol');
          return;
        }
        const version = ws.protocol === SUBPROTOCOL['1.6'] ? '1.6' : ws.protocol === SUBPROTOCOL['2.0.1'] ? '2.0.1' : undefined;
        if (version !== this.version) {
          done({ ok: false, agreed: ws.protocol, reason: `the CSMS agreed subprotocol "${ws.protocol}", not OCPP ${this.version}`, refusedBy: 'csms' });
          ws.close(1002, 'unexpected subprotocol');
          return;
        }
        this.connection = new OcppConnection(ws, {
          version: this.version, journal: this.journal, idPrefix: 'cs-', callTimeoutMs: ms(this.timing, this.timing.messageTimeout), limits: this.opts.limits,
          onCall: (call) => this.replyTo(call),
        });
        this.connection.on('close', () => { connectionEnded(this.url, false, ms(this.timing, 1)); this.connectionEvents.emit('disconnected'); });
        done({ ok: true, protocol: ws.protocol });
        this.connectionEvents.emit('connected');
      });
    });
  }

  /** Connects or fails the case quoting `rule`. */
  async connect(opts: { rule: string; offer?: string[]; within?: number }): Promise<string> {
    this.ruleCheck(opts.rule);
    return this.steps(`Connect to the CSMS at ${this.url} [${opts.rule}]`, async () => {
      const r = await this.tryConnect(opts);
      if (!r.ok) throw this.failure(opts.rule, `the CSMS to accept the WebSocket connection of station "${this.stationId}" with subprotocol ${(opts.offer ?? [SUBPROTOCOL[this.version]]).join(', ')}`, r.reason, 'disconnected');
      return r.protocol;
    });
  }

  /**
   * Judges an attempt the CSMS must refuse (`rule`): it must not open, and the refusal must be
   * the CSMS's. When the harness itself ended it (its check of the CSMS's certificate failed, or
   * it could not offer what was asked) the CSMS's behaviour was never seen: that fails the case
   * (2.0.1 A00.FR.307 / 1.6 whitepaper A00.FR.306: the CSMS presents a certificate its stations
   * can validate; or a harness error), never passes it.
   */
  requireRefusal(r: ConnectResult, rule: string, expected: string): void {
    if (r.ok) throw this.failure(rule, expected, 'it upgraded the connection');
    if (r.refusedBy === 'harness-cert') {
      throw this.failure(this.version === '1.6' ? 'A00.FR.306' : 'A00.FR.307', `the CSMS to present a server certificate the station can validate, so that its answer (${expected}) can be judged`, `the harness refused the CSMS's certificate itself: ${r.reason}; the CSMS's own verdict was never seen (if the CSMS is right, give its CA in csms.caFile)`);
    }
    if (r.refusedBy === 'harness-tls') throw new ConformanceError('harness', `the harness could not make the connection attempt the case needs (${expected}): ${r.reason}`, 'harness');
    this.mark(`refused as required (by the CSMS): ${r.reason}`);
  }

  /**
   * The opening handshake by hand (raw-upgrade.ts), offering `offer`: the HTTP answer, the
   * Sec-WebSocket-Protocol of a 101, and whether the CSMS then closes within `closeWithin`
   * spec seconds. Credentials and TLS as for `connect`; the outcome is journaled.
   */
  async rawUpgrade(opts: { offer: string[]; closeWithin: number; within?: number }): Promise<RawUpgradeResult> {
    this.connection?.terminate();
    const waited = await awaitReconnectSlot(this.url);
    if (waited > 0) this.journal.event('connection', `station ${this.stationId}: waited ${(waited / 1000).toFixed(2)} s of reconnection back-off`);
    const password = this.opts.password;
    const cert = this.opts.clientCert;
    this.journal.event('connection', `station ${this.stationId}: raw upgrade request to ${this.url} offering [${opts.offer.join(', ')}]`);
    const r = await rawUpgrade({
      url: this.url, offer: opts.offer,
      headers: password ? { authorization: `Basic ${basicCredentials(this.version, this.stationId, password).toString('base64')}` } : {},
      ...(this.opts.ca ? { ca: this.opts.ca } : {}), ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}),
      handshakeMs: ms(this.timing, opts.within ?? this.timing.messageTimeout) + this.timing.slackMs,
      closeWithinMs: ms(this.timing, opts.closeWithin) + this.timing.slackMs,
    });
    connectionEnded(this.url, true, ms(this.timing, 1));
    this.journal.event('connection', r.kind === 'refused' ? `upgrade answered HTTP ${r.status} ${r.statusText}`
      : r.kind === 'failed' ? `upgrade failed: ${r.reason}`
        : `101 Switching Protocols, ${r.protocol === undefined ? 'no Sec-WebSocket-Protocol' : `Sec-WebSocket-Protocol "${r.protocol}"`}; ${r.closed === 'open' ? `still open after ${describeSpan(this.timing, opts.closeWithin)}` : `closed by the CSMS (${r.closed === 'tcp' ? 'TCP connection ended' : `close frame ${r.closeCode}`}) after ${r.afterMs} ms`}`);
    return r;
  }

  /**
   * From now until `until` settles the CSMS keeps the connection open (2.0.1 B02.FR.06, 1.6 §4.2
   * while Pending). A close by the CSMS is recorded at once as a finding at the rule's level
   * (SHALL: failing, SHOULD: soft), so whatever the close interrupts later is its consequence.
   */
  keepConnection(opts: { rule: string; until: Promise<unknown>; because: string }): void {
    this.ruleCheck(opts.rule);
    const conn = this.connection;
    const soft = opts.rule.split(', ').every((id) => requirement(this.version, id)?.level === 'SHOULD');
    if (!conn?.isOpen) { this.journal.finding(soft ? 'soft' : 'fail', opts.rule, `the connection was no longer open ${opts.because}`); return; }
    let ours = false;
    const onClose = (): void => { if (!ours) this.journal.finding(soft ? 'soft' : 'fail', opts.rule, `the CSMS closed the connection ${opts.because}`); };
    conn.once('close', onClose);
    const off = (): void => { ours = true; conn.off('close', onClose); };
    opts.until.then(off, off);
  }

  /** Waits until the CSMS closes the connection (or `within` passes). */
  waitForClose(within: number): Promise<boolean> {
    const conn = this.connection;
    if (!conn?.isOpen) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = deadline(() => { conn.off('close', onClose); resolve(false); }, ms(this.timing, within) + this.timing.slackMs);
      const onClose = (): void => { timer.clear(); resolve(true); };
      conn.once('close', onClose);
    });
  }

  /** Closes the connection (the station goes offline), waiting for the close to complete. */
  async disconnect(code = 1000, reason = 'station offline'): Promise<void> {
    const conn = this.connection;
    if (!conn?.isOpen) return;
    const closed = new Promise((r) => conn.once('close', r));
    conn.close(code, reason);
    const timer = setTimeout(() => conn.terminate(), 2000);
    await closed;
    clearTimeout(timer);
  }

  /** Sends a CALL outside any check (the station's own housekeeping, e.g. ending a transaction at teardown); the outcome is journaled. */
  async rawCall(action: string, payload: Record<string, unknown>): Promise<void> {
    const conn = this.connection;
    if (!conn?.isOpen) return;
    await conn.call(action, payload);
  }

  /** Connections left behind by `tryConnect({ keepPrevious })`, ended with the case. */
  private readonly abandoned: OcppConnection[] = [];

  /** Ends the case: waits cancelled, socket dropped. */
  shutdown(): void {
    this.dispose('the case ended');
    for (const c of this.abandoned.splice(0)) c.terminate();
    this.connection?.terminate();
    this.ws?.terminate();
  }
}
