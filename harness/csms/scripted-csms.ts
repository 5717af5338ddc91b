/**
 * The harness as CSMS, for a station under test. `CsmsEndpoint` is long-lived (one listener,
 * one session per station that survives between cases, reconnects and reboots); each case gets a
 * fresh `ScriptedCsms` view of it with its own journal, reply rules and expectations.
 */
import { EventEmitter } from 'node:events';
import { type CallFrame, CALL } from '../ocpp/rpc';
import type { OcppVersion } from '../ocpp/versions';
import { type CallOutcome, OcppConnection, type Reply } from '../transport/connection';
import { type FrameEntry, Journal, isCall } from '../transport/journal';
import { type IncomingStation, OcppServer, type RefusedStation } from '../transport/server';
import { ConformanceError } from '../errors';
import { basicCredentials, redact } from '../secrets';
import { type Timing, describeSpan, ms } from '../timing';
import { type Match, diff, distance, show } from './match';
import { defaultReply } from './defaults';

export interface EndpointOptions {
  versions: OcppVersion[];
  host?: string;
  port?: number;
  timing: Timing;
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
    this.server = new OcppServer({ versions: opts.versions, host: opts.host, port: opts.port });
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
      version: s.version, journal, idPrefix: 'csms-', callTimeoutMs: ms(this.opts.timing, this.opts.timing.messageTimeout),
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

export type ReplySpec =
  | Record<string, unknown>
  | { callError: string; description?: string }
  | { raw: string }
  | { silent: true };

interface ReplyRule { action: string; when?: Match; respond: ReplySpec | ((call: CallFrame) => ReplySpec); times: number }

export interface ExpectOptions {
  /** Requirement id(s) the expectation checks, quoted on failure. */
  rule: string;
  /** Wait at most this many specification seconds (default: messageTimeout). */
  within?: number;
  /** Only frames after this one count. */
  after?: FrameEntry;
}

export interface Received { payload: Record<string, unknown>; entry: FrameEntry; action: string }

/** Reports each expectation and request as a step (the fixtures plug in the test runner's). */
export type StepRunner = <T>(title: string, body: () => Promise<T>) => Promise<T>;

const brief = (v: unknown): string => { const t = redact(typeof v === 'string' ? v : show(v)); return t.length > 140 ? `${t.slice(0, 140)}…` : t; };

export class ScriptedCsms {
  readonly journal = new Journal();
  private rules: ReplyRule[] = [];
  private readonly consumed = new Set<number>();
  private readonly waits = new Set<(reason: string) => void>();
  private disposed = false;
  steps: StepRunner = (_title, body) => body();

  constructor(private readonly endpoint: CsmsEndpoint, readonly version: OcppVersion, readonly stationId: string, readonly timing: Timing) {}

  get session(): StationSession | undefined { return this.endpoint.sessions.get(this.stationId); }
  get connected(): boolean { return !!this.session?.connection?.isOpen; }
  get url(): string { return this.endpoint.server.urlFor(this.stationId); }

  /** Declares how to answer a CALL, before the stimulus. Later rules win; `times` limits uses. */
  reply(action: string, respond: ReplyRule['respond'], opts: { when?: Match; times?: number } = {}): void {
    this.rules.unshift({ action, respond, when: opts.when, times: opts.times ?? Infinity });
  }

  async replyTo(call: CallFrame): Promise<Reply> {
    const rule = this.rules.find((r) => r.action === call.action && r.times > 0 && (!r.when || diff(call.payload, r.when) === null));
    if (!rule) return { payload: defaultReply(this.version, call, this.timing) };
    rule.times--;
    const spec = typeof rule.respond === 'function' ? rule.respond(call) : rule.respond;
    if ('callError' in spec && typeof spec.callError === 'string') return { error: { code: spec.callError, description: String(spec.description ?? '') } };
    if ('raw' in spec && typeof spec.raw === 'string') return { raw: spec.raw };
    if ('silent' in spec && spec.silent === true) return { silent: true };
    return { payload: spec as Record<string, unknown> };
  }

  /** Waits for the station to be connected (e.g. after power-on or a reboot). */
  async waitForConnection(opts: ExpectOptions): Promise<void> {
    if (this.connected && !opts.after) return;
    await this.steps(`Wait for the station to connect, within ${describeSpan(this.timing, opts.within ?? this.timing.messageTimeout)} [${opts.rule}]`, () => this.waitFor(opts, () => this.connected && (!opts.after || this.connectedSince(opts.after)), () => `the station "${this.stationId}" to connect to ${this.url}`, () => 'no connection'));
  }

  /** Waits for a CALL from the station whose payload contains `match`; it is consumed. */
  async expectCall(action: string, match: Match, opts: ExpectOptions): Promise<Received> {
    return this.expectOneOf([{ action, match }], opts);
  }

  /** The first of several acceptable CALLs (e.g. StatusNotification or NotifyEvent). */
  expectOneOf(alternatives: { action: string; match: Match }[], opts: ExpectOptions): Promise<Received> {
    const [first, ...others] = alternatives;
    const title = `Expect ${first.action} ${brief(first.match)}${others.length ? ` (or ${others.map((a) => a.action).join(', ')})` : ''} within ${describeSpan(this.timing, opts.within ?? this.timing.messageTimeout)} [${opts.rule}]`;
    return this.steps(title, () => this.awaitOneOf(alternatives, opts));
  }

  private async awaitOneOf(alternatives: { action: string; match: Match }[], opts: ExpectOptions): Promise<Received> {
    const from = opts.after?.seq ?? 0;
    const find = (): FrameEntry | undefined => this.journal.entries.find((e) => e.seq > from && isCall(e) && !this.consumed.has(e.seq)
      && alternatives.some((a) => a.action === e.frame!.action && diff((e.frame as CallFrame).payload, a.match) === null)) as FrameEntry | undefined;
    let hit: FrameEntry | undefined;
    await this.waitFor(opts, () => (hit = find()) !== undefined,
      () => alternatives.map((a) => `CALL ${a.action} ⊇ ${show(a.match)}`).join('  or  '),
      () => this.closest(alternatives, from));
    this.consumed.add(hit!.seq);
    const frame = hit!.frame as CallFrame;
    return { payload: frame.payload, entry: hit!, action: frame.action };
  }

  /** Fails if a matching CALL arrives before `until` settles or `forSeconds` pass (a SHALL NOT). */
  async expectNoCall(action: string | ((e: FrameEntry) => boolean), match: Match, opts: { rule: string; forSeconds?: number; until?: Promise<unknown>; after?: FrameEntry; because?: string }): Promise<void> {
    const from = opts.after?.seq ?? this.journal.lastSeq;
    const hits = (): FrameEntry[] => this.journal.entries.filter((e) => e.seq > from && isCall(e)
      && (typeof action === 'string' ? e.frame.action === action && diff((e.frame as CallFrame).payload, match) === null : action(e))) as FrameEntry[];
    const what = typeof action === 'string' ? `CALL ${action} ⊇ ${show(match)}` : 'such a CALL';
    const span = opts.forSeconds !== undefined ? ` for ${describeSpan(this.timing, opts.forSeconds)}` : '';
    await this.steps(`Expect no ${typeof action === 'string' ? `${action} ${brief(match)}` : 'such CALL'} ${opts.because ?? ''}${span} [${opts.rule}]`, () => new Promise<void>((resolve, reject) => {
      const fail = (e: FrameEntry): void => { cleanup(); reject(this.failure(opts.rule, `no ${what}${opts.because ? ` ${opts.because}` : ''}`, `got ${(e.frame as CallFrame).action} ${e.raw}`, 'protocol')); };
      const onEntry = (): void => { const h = hits(); if (h.length) fail(h[0]); };
      const timer = opts.forSeconds !== undefined ? setTimeout(() => { cleanup(); resolve(); }, ms(this.timing, opts.forSeconds)) : undefined;
      const cancel = (reason: string): void => { cleanup(); reject(new ConformanceError(opts.rule, `expectNoCall cancelled: ${reason}`, 'harness')); };
      const cleanup = (): void => { if (timer) clearTimeout(timer); this.journal.off('entry', onEntry); this.waits.delete(cancel); };
      this.waits.add(cancel);
      this.journal.on('entry', onEntry);
      opts.until?.then(() => { cleanup(); resolve(); }, (e) => { cleanup(); reject(e); });
      onEntry();
    }));
  }

  /** Sends a CALL to the station; the reply or CALLERROR comes back, a timeout or close fails. */
  call(action: string, payload: Record<string, unknown>, opts: { rule: string; within?: number; raw?: string }): Promise<Extract<CallOutcome, { kind: 'result' | 'error' }>> {
    return this.steps(`Send ${action} ${brief(payload)} [${opts.rule}]`, () => this.send(action, payload, opts));
  }

  private async send(action: string, payload: Record<string, unknown>, opts: { rule: string; within?: number; raw?: string }): Promise<Extract<CallOutcome, { kind: 'result' | 'error' }>> {
    const conn = this.session?.connection;
    if (!conn?.isOpen) throw this.failure(opts.rule, `to send ${action}`, 'the station is not connected', 'disconnected');
    const within = opts.within ?? this.timing.messageTimeout;
    const outcome = await conn.call(action, payload, { timeoutMs: ms(this.timing, within), raw: opts.raw });
    if (outcome.kind === 'timeout') throw this.failure(opts.rule, `a reply to ${action} within ${describeSpan(this.timing, within)} (OCPP-J message timeout)`, 'no CALLRESULT or CALLERROR arrived', 'timeout');
    if (outcome.kind === 'closed') throw this.failure(opts.rule, `a reply to ${action}`, 'the station closed the connection', 'disconnected');
    return outcome;
  }

  /** `call` that requires a CALLRESULT containing `expected`. */
  callExpecting(action: string, payload: Record<string, unknown>, expected: Match, opts: { rule: string; within?: number }): Promise<Record<string, unknown>> {
    return this.steps(`Send ${action} ${brief(payload)}, expect ${brief(expected)} [${opts.rule}]`, () => this.sendExpecting(action, payload, expected, opts));
  }

  private async sendExpecting(action: string, payload: Record<string, unknown>, expected: Match, opts: { rule: string; within?: number }): Promise<Record<string, unknown>> {
    const outcome = await this.send(action, payload, opts);
    if (outcome.kind === 'error') throw this.failure(opts.rule, `CALLRESULT ${action} ⊇ ${show(expected)}`, `CALLERROR ${outcome.code} "${outcome.description}"`);
    const d = diff(outcome.payload, expected);
    if (d) throw this.failure(opts.rule, `CALLRESULT ${action} ⊇ ${show(expected)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
    return outcome.payload;
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

  /** CALLs from the station that no expectation consumed. */
  unconsumed(): FrameEntry[] {
    return this.journal.entries.filter((e) => isCall(e) && !this.consumed.has(e.seq)) as FrameEntry[];
  }

  /** A marker: frames after it are "new" (pass as `after`). */
  mark(text: string): FrameEntry {
    const entry = this.journal.event('harness', text);
    return { kind: 'frame', seq: entry.seq, t: entry.t, dir: 'out', raw: '' };
  }

  dispose(reason: string): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const cancel of [...this.waits]) cancel(reason);
  }

  /** Builds the failure message house style asks for: rule, expected, actual, last frames. */
  failure(rule: string, expected: string, actual: string, kind: ConstructorParameters<typeof ConformanceError>[2] = 'protocol'): ConformanceError {
    const frames = this.journal.format({ last: 12 });
    return new ConformanceError(rule, [
      `${rule}: expected ${expected}`,
      `  Actual: ${actual}${this.connected ? '' : ' (station not connected)'}`,
      '  Last frames (→ harness sent, ← SUT sent):',
      frames.split('\n').map((l) => `    ${l}`).join('\n'),
    ].join('\n'), kind);
  }

  private closest(alternatives: { action: string; match: Match }[], from: number): string {
    const calls = this.journal.entries.filter((e) => e.seq > from && isCall(e)) as FrameEntry[];
    let best: { d: number; text: string } | undefined;
    for (const a of alternatives) {
      for (const e of calls) {
        const f = e.frame as CallFrame;
        if (f.action !== a.action) continue;
        const d = diff(f.payload, a.match);
        const dist = distance(f.payload, a.match) + (this.consumed.has(e.seq) ? 0.5 : 0);
        if (d && (!best || dist < best.d)) best = { d: dist, text: `closest CALL ${f.action} (#${e.seq}${this.consumed.has(e.seq) ? ', already matched by an earlier step' : ''}) differs at ${d.path} (${d.actual} ≠ ${d.expected})` };
      }
    }
    if (best) return best.text;
    const got = calls.map((e) => (e.frame as CallFrame).action);
    return got.length ? `no such CALL; got ${summarize(got)}` : 'no CALL from the station at all';
  }

  private waitFor(opts: ExpectOptions, done: () => boolean, expected: () => string, actual: () => string): Promise<void> {
    if (done()) return Promise.resolve();
    const within = opts.within ?? this.timing.messageTimeout;
    return new Promise<void>((resolve, reject) => {
      const onEntry = (): void => { if (done()) { cleanup(); resolve(); } };
      // The deadline counts from the frame the wait is relative to (`after`), else from now.
      const elapsed = opts.after ? Math.max(0, Date.now() - opts.after.t) : 0;
      const since = opts.after ? ` of #${opts.after.seq}` : '';
      const timer = setTimeout(() => { cleanup(); reject(this.failure(opts.rule, `${expected()} within ${describeSpan(this.timing, within)}${since}`, actual(), 'timeout')); }, Math.max(0, ms(this.timing, within) + this.timing.slackMs - elapsed));
      const cancel = (reason: string): void => { cleanup(); reject(new ConformanceError(opts.rule, `wait for ${expected()} cancelled: ${reason}`, 'harness')); };
      const cleanup = (): void => { clearTimeout(timer); this.journal.off('entry', onEntry); this.endpoint.off('connected', onEntry); this.waits.delete(cancel); };
      this.waits.add(cancel);
      this.journal.on('entry', onEntry);
      this.endpoint.on('connected', onEntry);
    });
  }
}

function summarize(actions: string[]): string {
  const out: string[] = [];
  for (const a of actions) {
    const last = out[out.length - 1];
    const m = last && /^(\w+)(?: ×(\d+))?$/.exec(last);
    if (m && m[1] === a) out[out.length - 1] = `${a} ×${Number(m[2] ?? 1) + 1}`; else out.push(a);
  }
  return out.join(', ');
}


/** The harness's reply to a received CALL (its time starts the station's clocks, e.g. retry intervals). */
export function replyEntryFor(journal: Journal, call: Received): FrameEntry | undefined {
  return journal.entries.find((e) => e.kind === 'frame' && e.dir === 'out' && e.seq > call.entry.seq && e.frame && e.frame.type !== CALL && e.frame.id === (call.entry.frame as CallFrame).id) as FrameEntry | undefined;
}
