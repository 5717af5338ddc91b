/**
 * The harness as CSMS, for a station under test. `CsmsEndpoint` is long-lived (one listener,
 * one session per station that survives between cases, reconnects and reboots); each case gets a
 * fresh `ScriptedCsms` view of it with its own journal, reply rules and expectations.
 */
import { EventEmitter } from 'node:events';
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import { OcppConnection, type Reply } from '../../transport/connection';
import { type FrameEntry, Journal } from '../../transport/journal';
import { WORKER_LEAVING } from '../../transport/relay-host';
import { type IncomingStation, OcppServer, type RefusedStation, type ServerTls, type TlsInfo } from '../../transport/server';
import { basicAuthOf, basicCredentials } from '../../model/secrets';
import { type Timing, describeSpan, ms } from '../../model/timing';
import { defaultReply } from './default-replies';
import type { Limits } from '../../transport/limits';
import { type ExpectOptions, ScriptedPeer } from '../scripted-peer';
import type { CallOutcome } from '../../transport/connection';
import { type Match, diff, show } from '../../model/match';
import { NotApplicable } from '../../model/errors';
import { type DeviceProfile, describeNeed, meets } from '../../model/profile';
import { lackedBy } from './not-applicable';
import { requirement } from '../../model/requirements';

export { type ExpectOptions, type Received, replyEntryFor } from '../scripted-peer';

interface EndpointOptions {
  versions: OcppVersion[];
  host?: string;
  port?: number;
  timing: Timing;
  limits?: Limits;
  /** Security profile 2/3: serve wss:// with this certificate (profile 3: client certificates must chain to clientCaPem). */
  tls?: ServerTls;
  /** The run's relay host token: stations relayed by it keep their connection across worker restarts (transport/relay-host.ts). */
  relayToken?: string;
}

/** A transaction the station started and has not ended, as this CSMS saw it (ended before the next case on a real station). */
export interface OpenTransaction { transactionId: string | number; evseId: number; connectorId: number }

/** A station's life as the CSMS sees it, across cases. */
interface StationSession {
  stationId: string;
  version: OcppVersion;
  connection?: OcppConnection;
  /** Last BootNotification status the CSMS gave on the current connection, if any. */
  registration?: 'Accepted' | 'Pending' | 'Rejected';
  /** TLS version and client certificate of the current connection (wss:// only). */
  tls?: TlsInfo;
  boots: number;
  /** Whether the current connection comes through the run's relay host. */
  relayed?: boolean;
  /** The other listener of this CSMS the current connection came through (extra-endpoint.ts); undefined: the main one. */
  via?: string;
}

export class CsmsEndpoint extends EventEmitter {
  readonly server: OcppServer;
  readonly sessions = new Map<string, StationSession>();
  private view?: ScriptedCsms;
  /** Frames arriving between cases (a real station keeps talking) land here. */
  private idleJournal = new Journal(2000);
  /** Until this time (ms epoch) the endpoint refuses connections: the CSMS is "offline". */
  offlineUntil = 0;
  /** When set, stations must authenticate with HTTP Basic (security profile 1, A00.FR.202-207). */
  basicAuth?: { password: string };
  /** Security profile 2/3 runs: a refused Basic auth is a finding naming the rule (not just a refusal). */
  authFindings?: Partial<Record<OcppVersion, string>>;
  /** Transactions each station started and has not ended (by station id, then transaction id). */
  readonly openTransactions = new Map<string, Map<string, OpenTransaction>>();

  constructor(readonly opts: EndpointOptions) {
    super();
    this.server = new OcppServer({
      versions: opts.versions, host: opts.host, port: opts.port, maxPayload: opts.limits?.maxFrameBytes, tls: opts.tls,
      handshakeTimeoutMs: (opts.limits?.handshakeSeconds ?? 10) * 1000, relayToken: opts.relayToken,
    });
    this.server.on('station', (s: IncomingStation) => this.onStation(s));
    this.server.on('refused', (r: RefusedStation) => this.journal.event('connection', `refused station "${r.stationId}": ${r.reason}`));
    this.server.admit = (stationId, authorization, tls) => {
      if (Date.now() < this.offlineUntil) return { status: 503, reason: 'the CSMS is offline (test)' };
      if (opts.tls?.clientCaPem) {
        // Security profile 3: the station authenticates with its certificate (A00.FR.401-407).
        const c = tls?.clientCert;
        if (!c) { this.journal.finding('fail', 'A00.FR.401', `station "${stationId}" presented no client certificate (security profile 3): connection refused`); return { status: 403, reason: 'no client certificate' }; }
        if (!c.authorized) { this.journal.finding('fail', 'A00.FR.401', `station "${stationId}" presented a client certificate that does not chain to the CSMS's CA (${c.error ?? 'unverified'}; subject ${c.subject}): connection refused`); return { status: 403, reason: 'client certificate not trusted' }; }
      }
      if (!this.basicAuth) return true;
      const version = this.view?.version ?? this.opts.versions[0];
      const given = basicAuthOf(authorization);
      const authRule = this.authFindings?.[version];
      if (!given) {
        if (authRule) this.journal.finding('fail', authRule, `station "${stationId}" connected without HTTP Basic credentials: refused (401)`);
        return { status: 401, reason: 'no HTTP Basic credentials (security profile 1)' };
      }
      if (!given.raw.equals(basicCredentials(version, stationId, this.basicAuth.password))) {
        const user = given.user;
        if (authRule) this.journal.finding('fail', authRule, `station "${stationId}" sent wrong HTTP Basic credentials: refused (401)`);
        return { status: 401, reason: user !== stationId ? `Basic auth user "${user}" is not the station id "${stationId}"` : 'wrong Basic auth password' };
      }
      this.journal.event('connection', `station "${stationId}" authenticated with HTTP Basic (user = station id)`);
      return true;
    };
  }

  async start(): Promise<this> { await this.server.listen(); return this; }
  async stop(): Promise<void> {
    this.view?.dispose('endpoint stopped');
    // A relayed station stays connected to the host: its end is closed with "worker leaving", not dropped.
    const relayed = [...this.sessions.values()].filter((s) => s.relayed && s.connection?.isOpen).map((s) => s.connection!);
    await Promise.all(relayed.map((c) => new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      c.once('close', () => { clearTimeout(timer); resolve(); });
      c.close(WORKER_LEAVING, 'harness worker leaving');
    })));
    await this.server.close();
  }

  get journal(): Journal { return this.view?.journal ?? this.idleJournal; }

  /** A fresh view for one case; the previous one is disposed (its waits rejected). */
  newView(opts: { version: OcppVersion; stationId: string; timing?: Timing }): ScriptedCsms {
    this.view?.dispose('the case ended');
    this.offlineUntil = 0;
    this.basicAuth = undefined;
    this.authFindings = undefined;
    this.view = new ScriptedCsms(this, opts.version, opts.stationId, opts.timing ?? this.opts.timing);
    const session = this.sessions.get(opts.stationId);
    if (session?.connection) session.connection.journal = this.view.journal;
    return this.view;
  }

  releaseView(view: ScriptedCsms): void {
    if (this.view !== view) return;
    view.dispose('the case ended');
    this.view = undefined;
    for (const s of this.sessions.values()) if (s.connection) s.connection.journal = this.idleJournal;
  }

  /** Another listener of this CSMS (extra-endpoint.ts): its stations join these sessions and the case's journal, marked `via`. */
  adopt(server: OcppServer, via: string): void {
    server.on('station', (s: IncomingStation) => this.onStation(s, via));
    server.on('refused', (r: RefusedStation) => this.journal.event('connection', `${via} refused station "${r.stationId}": ${r.reason}`));
  }

  private onStation(s: IncomingStation, via?: string): void {
    const journal = this.journal;
    let session = this.sessions.get(s.stationId);
    if (session?.connection?.isOpen) {
      journal.event('connection', `station "${s.stationId}" connected again; closing its previous connection`);
      session.connection.terminate();
    }
    if (!session) { session = { stationId: s.stationId, version: s.version, boots: 0 }; this.sessions.set(s.stationId, session); }
    session.version = s.version;
    session.registration = undefined;
    session.tls = s.tls;
    session.relayed = !!s.relay;
    session.via = via;
    // Re-attached by the host after a worker restart: the same connection of the station, its registration unchanged.
    if (s.relay?.reattached && s.relay.registration) session.registration = s.relay.registration as StationSession['registration'];
    const conn = new OcppConnection(s.ws, {
      version: s.version, journal, idPrefix: 'csms-', callTimeoutMs: ms(this.opts.timing, this.opts.timing.messageTimeout), limits: this.opts.limits,
      onCall: (call) => this.onCall(session!, call),
    });
    session.connection = conn;
    for (const a of s.relay?.answered ?? []) {
      journal.event('connection', `between workers the harness host answered ${a.call.action} (${a.call.id}) at ${new Date(a.at).toISOString()}: ${JSON.stringify(a.reply)}`);
      this.trackTransaction(session, a.call, a.reply);
    }
    if (s.relay?.answeredOther) journal.event('connection', `between workers the harness host answered ${s.relay.answeredOther} other CALLs of the station (Heartbeat, StatusNotification, ...) with the default replies`);
    if (s.relay?.dropped) journal.event('connection', `between workers the harness host dropped ${s.relay.dropped} replies of the station to the previous worker's requests`);
    if (s.relay?.reattached) {
      journal.event('connection', `station "${s.stationId}" re-attached through the harness host: its connection #${s.relay.connection} (open since ${new Date(s.relay.since).toISOString()}, registration ${s.relay.registration ?? 'none yet'}) was kept across a worker restart`);
      conn.on('close', () => { if (session!.connection === conn) session!.registration = undefined; this.emit('disconnected', session); });
      return;
    }
    journal.event('connection', `station "${s.stationId}" connected${via ? ` to ${via}` : ''} from ${s.remote}, subprotocol ${s.ws.protocol} (offered: ${s.offered.join(', ')})${s.tls ? `, ${s.tls.protocol}${s.tls.clientCert ? `, client certificate ${s.tls.clientCert.subject}` : ''}` : ''}`);
    conn.on('close', () => { if (session!.connection === conn) session!.registration = undefined; this.emit('disconnected', session); });
    this.emit('connected', session);
  }

  private trackTransaction(session: StationSession, call: CallFrame, reply: Record<string, unknown>): void { trackTransaction.call(this, session, call, reply); }

  private async onCall(session: StationSession, call: CallFrame): Promise<Reply> {
    const reply = this.view && this.view.stationId === session.stationId
      ? await this.view.replyTo(call)
      : { payload: defaultReply(session.version, call, this.opts.timing) };
    if ('payload' in reply) this.trackTransaction(session, call, reply.payload);
    if (call.action === 'BootNotification' && 'payload' in reply) {
      session.registration = reply.payload.status as StationSession['registration'];
      if (session.registration === 'Accepted') session.boots++;
    }
    return reply;
  }
}

/**
 * Keeps the station's open transactions from what it reports (1.6 StartTransaction /
 * StopTransaction, 2.0.1 TransactionEvent), so a transaction a failed case left running is ended
 * before the next case.
 */
function trackTransaction(this: CsmsEndpoint, session: StationSession, call: CallFrame, reply: Record<string, unknown>): void {
  const open = this.openTransactions.get(session.stationId) ?? new Map<string, OpenTransaction>();
  this.openTransactions.set(session.stationId, open);
  const p = call.payload as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (call.action === 'StartTransaction' && reply.transactionId !== undefined) {
    open.set(String(reply.transactionId), { transactionId: reply.transactionId as number, evseId: Number(p.connectorId), connectorId: 1 });
  } else if (call.action === 'StopTransaction') {
    open.delete(String(p.transactionId));
  } else if (call.action === 'TransactionEvent' && p.transactionInfo?.transactionId !== undefined) {
    const id = String(p.transactionInfo.transactionId);
    if (p.eventType === 'Ended') open.delete(id);
    else if (!open.has(id) || p.evse) open.set(id, { transactionId: id, evseId: Number(p.evse?.id ?? open.get(id)?.evseId ?? 1), connectorId: Number(p.evse?.connectorId ?? open.get(id)?.connectorId ?? 1) });
  }
}

export class ScriptedCsms extends ScriptedPeer {
  constructor(private readonly endpoint: CsmsEndpoint, version: OcppVersion, readonly stationId: string, timing: Timing) {
    super(version, timing, 'station', endpoint);
  }

  /** What the station claims to implement: an optional thing it lacks is not applicable, a claimed one a failure. */
  profile?: DeviceProfile;
  /** How a case learns it is not applicable (the fixtures turn it into a skip naming the need); by default thrown. */
  notApplicable: (e: NotApplicable) => never = (e) => { throw e; };

  /** NotImplemented / NotSupported / unknown or read-only optional setting, where the case expected otherwise: not applicable unless claimed. */
  protected override checkOutcome(action: string, payload: Record<string, unknown>, expected: Match, outcome: Extract<CallOutcome, { kind: 'result' | 'error' }>, rule: string): void {
    if (outcome.kind === 'result' && !diff(outcome.payload, expected)) return;
    const lack = lackedBy(this.version, action, payload, outcome);
    if (!lack) return;
    if (meets(this.profile, this.version, lack.need) === 'yes') {
      // Claimed but refused: a failure, never softened (grading.ts) even where the case grades a refusal as a SHOULD.
      throw this.failure(rule, `CALLRESULT ${action} ⊇ ${show(expected)} (the device profile claims ${describeNeed(this.version, lack.need)})`, lack.evidence, 'unsupported');
    }
    const na = new NotApplicable(describeNeed(this.version, lack.need), lack.evidence);
    this.journal.event('harness', na.message);
    this.notApplicable(na);
  }

  get session(): StationSession | undefined { return this.endpoint.sessions.get(this.stationId); }
  protected get conn(): OcppConnection | undefined { return this.session?.connection; }
  get url(): string { return this.endpoint.server.urlFor(this.stationId); }
  protected defaultReply(call: CallFrame): Reply { return { payload: defaultReply(this.version, call, this.timing) }; }

  /** Waits for the station to be connected (e.g. after power-on or a reboot). */
  waitForConnection(opts: ExpectOptions): Promise<void> {
    this.ruleCheck(opts.rule);
    if (this.connected && !opts.after) return Promise.resolve();
    return this.steps(`Wait for the station to connect, within ${describeSpan(this.timing, opts.within ?? this.timing.messageTimeout)} [${opts.rule}]`, () => this.waitFor(opts, () => this.connected && (!opts.after || this.connectedSince(opts.after)), () => `the station "${this.stationId}" to connect to ${this.url}`, () => 'no connection'));
  }

  /** Requires HTTP Basic authentication with `password` from now on (security profile 1). */
  requireBasicAuth(password: string): void {
    this.endpoint.basicAuth = { password };
    this.mark('the CSMS now requires HTTP Basic authentication (security profile 1)');
  }

  /** Fails if the station completes a connection within `forSeconds` (e.g. while the CSMS presents a certificate it must refuse). */
  expectNoConnection(opts: { rule: string; forSeconds: number; because: string }): Promise<FrameEntry> {
    this.ruleCheck(opts.rule);
    const mark = this.mark(`from here the station must not connect ${opts.because}`);
    return this.steps(`Expect no connection from the station ${opts.because} for ${describeSpan(this.timing, opts.forSeconds)} [${opts.rule}]`, () => new Promise<FrameEntry>((resolve, reject) => {
      const check = (): void => {
        if (!this.connectedSince(mark)) return;
        cleanup();
        reject(this.failure(opts.rule, `no WebSocket connection from station "${this.stationId}" ${opts.because}`, 'the station connected', 'protocol'));
      };
      const timer = setTimeout(() => { cleanup(); resolve(mark); }, ms(this.timing, opts.forSeconds));
      const cleanup = (): void => { clearTimeout(timer); this.journal.off('entry', check); };
      this.journal.on('entry', check);
    }));
  }

  /**
   * From now until `until` settles the station keeps its connection open (2.0.1 B02.FR.06, 1.6
   * §4.2 while Pending). A close by the station is recorded at once as a finding at the rule's
   * level (SHALL: failing, SHOULD: soft), so whatever the close interrupts later is judged its
   * consequence, not the cause.
   */
  keepConnection(opts: { rule: string; until: Promise<unknown>; because: string }): void {
    this.ruleCheck(opts.rule);
    const conn = this.conn;
    const soft = opts.rule.split(', ').every((id) => requirement(this.version, id)?.level === 'SHOULD');
    if (!conn?.isOpen) { this.journal.finding(soft ? 'soft' : 'fail', opts.rule, `the station was not connected ${opts.because}`); return; }
    const onClose = (): void => { this.journal.finding(soft ? 'soft' : 'fail', opts.rule, `the station closed its connection ${opts.because}`); };
    conn.once('close', onClose);
    const off = (): void => { conn.off('close', onClose); };
    opts.until.then(off, off);
  }

  /** Fails if the station closes its connection (or is not connected) within `forSeconds` (Part 4 §3.1: it keeps it open). */
  expectConnectionKept(opts: { rule: string; forSeconds: number; because: string }): Promise<void> {
    this.ruleCheck(opts.rule);
    return this.steps(`Expect the station to keep its connection open ${opts.because} for ${describeSpan(this.timing, opts.forSeconds)} [${opts.rule}]`, () => new Promise<void>((resolve, reject) => {
      const conn = this.conn;
      if (!conn?.isOpen) { reject(this.failure(opts.rule, `the station connected ${opts.because}`, 'it was not connected', 'protocol')); return; }
      const onClose = (): void => { clearTimeout(timer); reject(this.failure(opts.rule, `the station to keep its connection open ${opts.because}`, 'it closed the connection', 'protocol')); };
      const timer = setTimeout(() => { conn.off('close', onClose); resolve(); }, ms(this.timing, opts.forSeconds));
      conn.once('close', onClose);
    }));
  }

  /** Ends an offline period early: the station may connect again. */
  comeBackOnline(): FrameEntry {
    this.endpoint.offlineUntil = 0;
    return this.mark('CSMS back online');
  }

  /** Whether the station (re)connected after `entry`. */
  private connectedSince(entry: FrameEntry): boolean {
    return this.journal.entries.some((e) => e.seq > entry.seq && e.kind === 'event' && e.source === 'connection' && e.text.startsWith(`station "${this.stationId}" connected`));
  }

  /** Closes the station's connection from the CSMS side. */
  disconnect(code = 1000, reason = ''): void { this.session?.connection?.close(code, reason); }

  /**
   * Takes the CSMS "offline": closes the station's connection and refuses reconnects (HTTP 503)
   * for `forSeconds`, as OCTT does to control how long a station stays offline.
   */
  async goOffline(forSeconds: number): Promise<FrameEntry> {
    const mark = this.mark(`CSMS offline for ${describeSpan(this.timing, forSeconds)}`);
    this.endpoint.offlineUntil = Date.now() + ms(this.timing, forSeconds);
    const conn = this.session?.connection;
    if (conn?.isOpen) {
      const closed = new Promise((r) => conn.once('close', r));
      conn.close(1001, 'going offline');
      await closed;
    }
    return mark;
  }

}
