/**
 * The harness as CSMS, for a station under test. `CsmsEndpoint` is long-lived (one listener,
 * one session per station that survives between cases, reconnects and reboots); each case gets a
 * fresh `ScriptedCsms` view of it with its own journal, reply rules and expectations.
 */
import { EventEmitter } from 'node:events';
import type { CallFrame } from '../ocpp/rpc';
import type { OcppVersion } from '../ocpp/versions';
import { OcppConnection, type Reply } from '../transport/connection';
import { type FrameEntry, Journal } from '../transport/journal';
import { type IncomingStation, OcppServer, type RefusedStation } from '../transport/server';
import { basicCredentials } from '../secrets';
import { type Timing, describeSpan, ms } from '../timing';
import { defaultReply } from './defaults';
import type { Limits } from '../transport/limits';
import { type ExpectOptions, ScriptedPeer } from '../transport/scripted-peer';

export { type ExpectOptions, type Received, type ReplySpec, type StepRunner, replyEntryFor } from '../transport/scripted-peer';

export interface EndpointOptions {
  versions: OcppVersion[];
  host?: string;
  port?: number;
  timing: Timing;
  limits?: Limits;
}

/** A station's life as the CSMS sees it, across cases. */
export interface StationSession {
  stationId: string;
  version: OcppVersion;
  connection?: OcppConnection;
  /** Last BootNotification status the CSMS gave on the current connection, if any. */
  registration?: 'Accepted' | 'Pending' | 'Rejected';
  boots: number;
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

  constructor(readonly opts: EndpointOptions) {
    super();
    this.server = new OcppServer({ versions: opts.versions, host: opts.host, port: opts.port, maxPayload: opts.limits?.maxFrameBytes });
    this.server.on('station', (s: IncomingStation) => this.onStation(s));
    this.server.on('refused', (r: RefusedStation) => this.journal.event('connection', `refused station "${r.stationId}": ${r.reason}`));
    this.server.admit = (stationId, authorization) => {
      if (Date.now() < this.offlineUntil) return { status: 503, reason: 'the CSMS is offline (test)' };
      if (!this.basicAuth) return true;
      const version = this.view?.version ?? this.opts.versions[0];
      const given = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!given) return { status: 401, reason: 'no HTTP Basic credentials (security profile 1)' };
      const expected = basicCredentials(version, stationId, this.basicAuth.password);
      const got = Buffer.from(given, 'base64');
      if (!got.equals(expected)) {
        const user = got.toString('utf8').split(':')[0];
        return { status: 401, reason: user !== stationId ? `Basic auth user "${user}" is not the station id "${stationId}"` : 'wrong Basic auth password' };
      }
      this.journal.event('connection', `station "${stationId}" authenticated with HTTP Basic (user = station id)`);
      return true;
    };
  }

  async start(): Promise<this> { await this.server.listen(); return this; }
  async stop(): Promise<void> { this.view?.dispose('endpoint stopped'); await this.server.close(); }

  get journal(): Journal { return this.view?.journal ?? this.idleJournal; }

  /** A fresh view for one case; the previous one is disposed (its waits rejected). */
  newView(opts: { version: OcppVersion; stationId: string; timing?: Timing }): ScriptedCsms {
    this.view?.dispose('the case ended');
    this.offlineUntil = 0;
    this.basicAuth = undefined;
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

  private onStation(s: IncomingStation): void {
    const journal = this.journal;
    let session = this.sessions.get(s.stationId);
    if (session?.connection?.isOpen) {
      journal.event('connection', `station "${s.stationId}" connected again; closing its previous connection`);
      session.connection.terminate();
    }
    if (!session) { session = { stationId: s.stationId, version: s.version, boots: 0 }; this.sessions.set(s.stationId, session); }
    session.version = s.version;
    session.registration = undefined;
    const conn = new OcppConnection(s.ws, {
      version: s.version, journal, idPrefix: 'csms-', callTimeoutMs: ms(this.opts.timing, this.opts.timing.messageTimeout), limits: this.opts.limits,
      onCall: (call) => this.onCall(session!, call),
    });
    session.connection = conn;
    journal.event('connection', `station "${s.stationId}" connected from ${s.remote}, subprotocol ${s.ws.protocol} (offered: ${s.offered.join(', ')})`);
    conn.on('close', () => { if (session!.connection === conn) session!.registration = undefined; this.emit('disconnected', session); });
    this.emit('connected', session);
  }

  private async onCall(session: StationSession, call: CallFrame): Promise<Reply> {
    const reply = this.view && this.view.stationId === session.stationId
      ? await this.view.replyTo(call)
      : { payload: defaultReply(session.version, call, this.opts.timing) };
    if (call.action === 'BootNotification' && 'payload' in reply) {
      session.registration = reply.payload.status as StationSession['registration'];
      if (session.registration === 'Accepted') session.boots++;
    }
    return reply;
  }
}

export class ScriptedCsms extends ScriptedPeer {
  constructor(private readonly endpoint: CsmsEndpoint, version: OcppVersion, readonly stationId: string, timing: Timing) {
    super(version, timing, 'station', endpoint);
  }

  get session(): StationSession | undefined { return this.endpoint.sessions.get(this.stationId); }
  protected get conn(): OcppConnection | undefined { return this.session?.connection; }
  get url(): string { return this.endpoint.server.urlFor(this.stationId); }
  protected defaultReply(call: CallFrame): Reply { return { payload: defaultReply(this.version, call, this.timing) }; }

  /** Waits for the station to be connected (e.g. after power-on or a reboot). */
  async waitForConnection(opts: ExpectOptions): Promise<void> {
    if (this.connected && !opts.after) return;
    await this.steps(`Wait for the station to connect, within ${describeSpan(this.timing, opts.within ?? this.timing.messageTimeout)} [${opts.rule}]`, () => this.waitFor(opts, () => this.connected && (!opts.after || this.connectedSince(opts.after)), () => `the station "${this.stationId}" to connect to ${this.url}`, () => 'no connection'));
  }

  /** Requires HTTP Basic authentication with `password` from now on (security profile 1). */
  requireBasicAuth(password: string): void {
    this.endpoint.basicAuth = { password };
    this.mark('the CSMS now requires HTTP Basic authentication (security profile 1)');
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
