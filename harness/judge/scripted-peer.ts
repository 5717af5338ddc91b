/**
 * What both scripted sides share (the harness as CSMS for a station under test, the harness as
 * station for a CSMS under test): a per-case journal, reply rules for the peer's CALLs,
 * expectations on them (with the rule, the timeout and the closest frame in every failure),
 * and CALLs to the peer that fail on timeout or close. Each expectation is a reported step.
 */
import type { EventEmitter } from 'node:events';
import { type CallFrame, CALL, CALLERROR, rawMessageId, rpcRule } from '../protocol/rpc';
import type { OcppVersion } from '../protocol/versions';
import type { CallOutcome, OcppConnection, Reply } from '../transport/connection';
import { type FrameEntry, Journal, isCall } from '../transport/journal';
import { ConformanceError } from '../model/errors';
import { redact } from '../model/secrets';
import { type Timing, describeSpan, ms } from '../model/timing';
import { type Match, diff, distance, show } from '../model/match';
import { deadline } from '../model/lag';

type ReplySpec =
  | Record<string, unknown>
  | { callError: string; description?: string }
  | { raw: string }
  | { silent: true };

interface ReplyRule { action: string; when?: Match; respond: ReplySpec | ((call: CallFrame) => ReplySpec); times: number; after?: FrameEntry; newConnection?: boolean }

export interface ExpectOptions {
  /** Requirement id(s) the expectation checks, quoted on failure. */
  rule: string;
  /** Wait at most this many specification seconds (default: messageTimeout), counted from `since`. */
  within?: number;
  /** Only frames after this one count. Filters frames; it never starts the clock. */
  after?: FrameEntry;
  /**
   * The event that obliges the SUT (the frame that started a timing rule, e.g. the previous
   * Heartbeat or the Pending reply), from which `within` counts; default: when the wait starts.
   */
  since?: FrameEntry;
  /**
   * Only frames on a connection the peer opened after `after` count (the boot after a power
   * cycle or reboot, which opens a new connection; a stray frame on the old one does not count).
   */
  newConnection?: boolean;
}

/** A journal event saying the peer opened a connection (both roles write `... connected ...`). */
const isConnectionOpened = (e: FrameEntry | { kind: string; source?: string; text?: string }): boolean =>
  e.kind === 'event' && (e as { source?: string }).source === 'connection' && / connected( |$)/.test((e as { text?: string }).text ?? '');

export interface Received { payload: Record<string, unknown>; entry: FrameEntry; action: string }

/** Reports each expectation and request as a step (the fixtures plug in the test runner's). */
export type StepRunner = <T>(title: string, body: () => Promise<T>) => Promise<T>;

const quietly = (): void => undefined;

/**
 * A step's promise. It is never an unhandled rejection, and it knows whether anyone took its
 * outcome (`await`, `Promise.all`, `.catch`, an `until` option: all call `then`). A case that fails
 * at one check while another expectation still waits ends with that one pending; when it fails
 * later, nobody is left to take it, and an unhandled rejection stops Playwright's worker (outside
 * a case: a fatal error of the run, losing the cases after it). See ScriptedPeer.endCase.
 */
class Step<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor { return Promise; }
  taken = false;
  failure?: { error: unknown };
  override then<A = T, B = never>(ok?: ((v: T) => A | PromiseLike<A>) | null, ko?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.taken = true;
    return super.then(ok, ko);
  }
}

const brief = (v: unknown): string => { const t = redact(typeof v === 'string' ? v : show(v)); return t.length > 140 ? `${t.slice(0, 140)}…` : t; };

export abstract class ScriptedPeer {
  readonly journal: Journal;
  private rules: ReplyRule[] = [];
  private readonly consumed = new Set<number>();
  private readonly waits = new Set<(reason: string) => void>();
  private disposed = false;
  /** The test runner's step (set by the fixtures); `steps` runs through it. */
  stepRunner: StepRunner = (_title, body) => body();
  /** The case's steps that failed with nobody taking the failure (yet); see endCase. */
  private untaken: Step<unknown>[] = [];
  private ended = false;
  /** Runs a reported step: every expectation and request of the peer (and a case's own steps) goes through it. */
  readonly steps: StepRunner = <T>(title: string, body: () => Promise<T>): Promise<T> => {
    const inner = this.stepRunner(title, body);
    const step: Step<T> = new Step<T>((resolve, reject) => {
      inner.then(resolve, (error: unknown) => {
        step.failure = { error };
        if (!this.ended) this.untaken.push(step as Step<unknown>);
        reject(error);
      });
    });
    // Handled from the start (Promise.prototype.then does not count as taken).
    Promise.prototype.then.call(step, undefined, quietly);
    return step;
  };
  /**
   * Checks the rule of every expectation, request and failure before it is used (the fixtures
   * plug in the registry check of harness/model/rules.ts: an unknown id, or one binding the other
   * side, is a harness error naming it). Unset: any text is taken (the harness's own unit tests).
   */
  ruleCheck: (rule: string) => void = () => undefined;

  constructor(readonly version: OcppVersion, readonly timing: Timing, private readonly peerName: 'station' | 'CSMS', protected readonly connectionEvents: EventEmitter, journal?: Journal) {
    this.journal = journal ?? new Journal();
  }

  /** The connection to the peer under test, if any. */
  protected abstract get conn(): OcppConnection | undefined;
  get connected(): boolean { return !!this.conn?.isOpen; }
  /** What the harness answers a CALL no rule covers. */
  protected abstract defaultReply(call: CallFrame): Reply;

  /**
   * Declares how to answer a CALL, before the stimulus. Later rules win; `times` limits uses.
   * `after`: only a CALL received after that entry; with `newConnection`, only one on a
   * connection opened after it (a one-shot boot reply for the boot after a power cycle must not
   * go to a stray BootNotification on the old connection).
   */
  reply(action: string, respond: ReplyRule['respond'], opts: { when?: Match; times?: number; after?: FrameEntry; newConnection?: boolean } = {}): void {
    this.rules.unshift({ action, respond, when: opts.when, times: opts.times ?? Infinity, after: opts.after, newConnection: opts.newConnection });
  }

  /** The first entry from which frames count: after `after`, and with `newConnection` after the first connection opened since (Infinity: none yet). */
  private countsFrom(after: FrameEntry | undefined, newConnection: boolean | undefined): number {
    const from = after?.seq ?? 0;
    if (!newConnection) return from;
    return this.journal.entries.find((e) => e.seq > from && isConnectionOpened(e))?.seq ?? Infinity;
  }

  private ruleApplies(r: ReplyRule, call: CallFrame): boolean {
    if (r.action !== call.action || r.times <= 0 || (r.when && diff(call.payload, r.when) !== null)) return false;
    if (!r.after && !r.newConnection) return true;
    const { entries } = this.journal;
    let i = entries.length - 1;
    while (i >= 0 && !(isCall(entries[i]) && (entries[i] as FrameEntry).frame?.id === call.id)) i--;
    return i >= 0 && entries[i].seq > this.countsFrom(r.after, r.newConnection);
  }

  async replyTo(call: CallFrame): Promise<Reply> {
    const rule = this.rules.find((r) => this.ruleApplies(r, call));
    if (!rule) return this.defaultReply(call);
    rule.times--;
    const spec = typeof rule.respond === 'function' ? rule.respond(call) : rule.respond;
    if ('callError' in spec && typeof spec.callError === 'string') return { error: { code: spec.callError, description: String(spec.description ?? '') } };
    if ('raw' in spec && typeof spec.raw === 'string') return { raw: spec.raw };
    if ('silent' in spec && spec.silent === true) return { silent: true };
    return { payload: spec as Record<string, unknown> };
  }

  /** Waits for a CALL from the peer whose payload contains `match`; it is consumed. */
  expectCall(action: string, match: Match, opts: ExpectOptions): Promise<Received> {
    return this.expectOneOf([{ action, match }], opts);
  }

  /** The first of several acceptable CALLs (e.g. StatusNotification or NotifyEvent). */
  expectOneOf(alternatives: { action: string; match: Match }[], opts: ExpectOptions): Promise<Received> {
    this.ruleCheck(opts.rule);
    const [first, ...others] = alternatives;
    const title = `Expect ${first.action} ${brief(first.match)}${others.length ? ` (or ${others.map((a) => a.action).join(', ')})` : ''} within ${describeSpan(this.timing, opts.within ?? this.timing.messageTimeout)} [${opts.rule}]`;
    return this.steps(title, () => this.awaitOneOf(alternatives, opts));
  }

  private async awaitOneOf(alternatives: { action: string; match: Match }[], opts: ExpectOptions): Promise<Received> {
    const from = opts.after?.seq ?? 0;
    const find = (): FrameEntry | undefined => this.journal.entries.find((e) => e.seq > this.countsFrom(opts.after, opts.newConnection) && isCall(e) && !this.consumed.has(e.seq)
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
  expectNoCall(action: string | ((e: FrameEntry) => boolean), match: Match, opts: { rule: string; forSeconds?: number; until?: Promise<unknown>; after?: FrameEntry; because?: string }): Promise<void> {
    this.ruleCheck(opts.rule);
    const from = opts.after?.seq ?? this.journal.lastSeq;
    const hits = (): FrameEntry[] => this.journal.entries.filter((e) => e.seq > from && isCall(e)
      && (typeof action === 'string' ? e.frame.action === action && diff((e.frame as CallFrame).payload, match) === null : action(e))) as FrameEntry[];
    const what = typeof action === 'string' ? `CALL ${action} ⊇ ${show(match)}` : 'such a CALL';
    const span = opts.forSeconds !== undefined ? ` for ${describeSpan(this.timing, opts.forSeconds)}` : '';
    return this.steps(`Expect no ${typeof action === 'string' ? `${action} ${brief(match)}` : 'such CALL'} ${opts.because ?? ''}${span} [${opts.rule}]`, () => new Promise<void>((resolve, reject) => {
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

  /** Sends a CALL to the peer; the reply or CALLERROR comes back, a timeout or close fails. */
  call(action: string, payload: Record<string, unknown>, opts: { rule: string; within?: number; raw?: string }): Promise<Extract<CallOutcome, { kind: 'result' | 'error' }>> {
    this.ruleCheck(opts.rule);
    return this.steps(`Send ${action} ${brief(payload)} [${opts.rule}]`, () => this.send(action, payload, opts));
  }

  protected async send(action: string, payload: Record<string, unknown>, opts: { rule: string; within?: number; raw?: string }): Promise<Extract<CallOutcome, { kind: 'result' | 'error' }>> {
    const conn = this.conn;
    if (!conn?.isOpen) throw this.failure(opts.rule, `to send ${action}`, `the ${this.peerName} is not connected`, 'disconnected');
    const within = opts.within ?? this.timing.messageTimeout;
    // slackMs as on every deadline (docs/writing-a-case.md "Time base"): a busy machine's event-loop lag never decides a reply's timeliness.
    const outcome = await conn.call(action, payload, { timeoutMs: ms(this.timing, within) + this.timing.slackMs, raw: opts.raw });
    // Every CALL is answered with a CALLRESULT or CALLERROR (OCPP-J 1.6 §4.2.2-4.2.3, 2.0.1 Part 4 §4.2.2-4.2.3): no reply breaks that RPC rule as well as the step's.
    if (outcome.kind === 'timeout') throw this.failure(`${opts.rule}, ${rpcRule(conn.version, '4.2.2')}`, `a reply to ${action} within ${describeSpan(this.timing, within)} (OCPP-J message timeout)`, 'no CALLRESULT or CALLERROR arrived', 'timeout');
    if (outcome.kind === 'closed') throw this.failure(`${opts.rule}, ${rpcRule(conn.version, '4.2.2')}`, `a reply to ${action}`, `the ${this.peerName} closed the connection`, 'disconnected');
    return outcome;
  }

  /** `call` that requires a CALLRESULT containing `expected`. */
  callExpecting(action: string, payload: Record<string, unknown>, expected: Match, opts: { rule: string; within?: number }): Promise<Record<string, unknown>> {
    this.ruleCheck(opts.rule);
    return this.steps(`Send ${action} ${brief(payload)}, expect ${brief(expected)} [${opts.rule}]`, () => this.sendExpecting(action, payload, expected, opts));
  }

  protected async sendExpecting(action: string, payload: Record<string, unknown>, expected: Match, opts: { rule: string; within?: number }): Promise<Record<string, unknown>> {
    const outcome = await this.send(action, payload, opts);
    this.checkOutcome(action, payload, expected, outcome, opts.rule);
    if (outcome.kind === 'error') throw this.failure(opts.rule, `CALLRESULT ${action} ⊇ ${show(expected)}`, `CALLERROR ${outcome.code} "${outcome.description}"`);
    const d = diff(outcome.payload, expected);
    if (d) throw this.failure(opts.rule, `CALLRESULT ${action} ⊇ ${show(expected)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
    return outcome.payload;
  }

  /** A role's own reading of a reply before it is matched (the scripted CSMS: an optional feature the station lacks). */
  protected checkOutcome(_action: string, _payload: Record<string, unknown>, _expected: Match, _outcome: Extract<CallOutcome, { kind: 'result' | 'error' }>, _rule: string): void { /* none */ }

  /** Checks more of a CALL already received (e.g. one field against a rule of its own). */
  expectPayload(received: Received, expected: Match, opts: { rule: string }): Promise<void> {
    this.ruleCheck(opts.rule);
    return this.steps(`Check ${received.action} ⊇ ${brief(expected)} [${opts.rule}]`, async () => {
      const d = diff(received.payload, expected);
      if (d) throw this.failure(opts.rule, `${received.action} (#${received.entry.seq}) ⊇ ${show(expected)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
    });
  }

  /** Injects a network fault on the harness's side of the connection (see OcppConnection.networkFault). */
  networkFault(f: Parameters<OcppConnection['networkFault']>[0]): void {
    const conn = this.conn;
    if (!conn) throw new ConformanceError('harness', `no connection to inject ${f.kind} into`, 'harness');
    conn.networkFault(f);
  }

  /**
   * Sends two CALLs with the same message id (OCPP-J: ids are unique per sender and connection)
   * and returns what the peer answered to each, for cases that judge a peer's handling of it.
   */
  async duplicateIdCalls(action: string, payload: Record<string, unknown>, opts: { rule: string; within?: number }): Promise<FrameEntry[]> {
    this.ruleCheck(opts.rule);
    const conn = this.conn;
    if (!conn?.isOpen) throw this.failure(opts.rule, `to send ${action} twice`, `the ${this.peerName} is not connected`, 'disconnected');
    const text = JSON.stringify([2, 'dup-0001', action, payload]);
    const mark = this.journal.lastSeq;
    conn.sendRaw(text);
    conn.sendRaw(text);
    const replies = (): FrameEntry[] => this.journal.entries.filter((e) => e.seq > mark && e.kind === 'frame' && e.dir === 'in' && e.frame && e.frame.type !== CALL && e.frame.id === 'dup-0001') as FrameEntry[];
    await this.waitFor({ rule: opts.rule, within: opts.within }, () => replies().length >= 2, () => `two replies to the CALLs with message id dup-0001`, () => `${replies().length} reply`).catch(() => undefined);
    return replies();
  }

  /**
   * Sends `text` as is (an RPC framework probe: a malformed or unusual frame) and, with
   * `awaitReply`, waits up to the message timeout for the peer's answer to it (or the close of
   * the connection); never fails by itself: the caller judges what came back. Answers count by
   * message id; for a frame without a readable id, a CALLERROR that answers no CALL of ours.
   */
  probe(text: string, opts: { rule: string; title: string; awaitReply: boolean }): Promise<ProbeResult> {
    this.ruleCheck(opts.rule);
    return this.steps(`${opts.title} [${opts.rule}]`, async () => {
      const conn = this.conn;
      if (!conn?.isOpen) throw this.failure(opts.rule, `to send ${opts.title}`, `the ${this.peerName} is not connected`, 'disconnected');
      const id = rawIdOf(text);
      const closed = (): boolean => !conn.isOpen;
      const from = this.journal.lastSeq;
      conn.sendRaw(text);
      const sent = this.journal.entries.find((e) => e.seq > from && e.kind === 'frame' && e.dir === 'out') as FrameEntry;
      const replies = (): FrameEntry[] => this.journal.entries.filter((e) => e.seq > sent.seq && e.kind === 'frame' && e.dir === 'in' && answersProbe(e, id)) as FrameEntry[];
      if (opts.awaitReply) {
        await this.waitFor({ rule: opts.rule }, () => replies().length > 0 || closed(), () => `an answer to ${opts.title}`, () => 'none').catch(() => undefined);
      }
      return { sent, replies, closed };
    });
  }

  /** `call` that requires a CALLERROR with one of `codes` (e.g. SecurityError for a message not allowed now). */
  callExpectingError(action: string, payload: Record<string, unknown>, codes: string[], opts: { rule: string; within?: number }): Promise<void> {
    this.ruleCheck(opts.rule);
    return this.steps(`Send ${action} ${brief(payload)}, expect CALLERROR ${codes.join(' | ')} [${opts.rule}]`, async () => {
      const outcome = await this.send(action, payload, opts);
      if (outcome.kind === 'result') throw this.failure(opts.rule, `CALLERROR ${codes.join(' or ')} to ${action}`, `CALLRESULT ${JSON.stringify(outcome.payload)}`);
      if (!codes.includes(outcome.code)) throw this.failure(opts.rule, `CALLERROR ${codes.join(' or ')} to ${action}`, `CALLERROR ${outcome.code} "${outcome.description}"`);
    });
  }

  /**
   * Counts every CALL received so far as already seen, so a later `expectCall` without `after`
   * cannot match one (the frames of the harness's own setup, e.g. restoring a real station).
   */
  settle(text: string): FrameEntry {
    for (const e of this.journal.entries) if (isCall(e)) this.consumed.add(e.seq);
    return this.mark(text);
  }

  /** A marker: frames after it are "new" (pass as `after`). */
  mark(text: string): FrameEntry {
    const entry = this.journal.event('harness', text);
    return { kind: 'frame', seq: entry.seq, t: entry.t, dir: 'out', raw: '' };
  }

  /**
   * The case's body is over: returns the first step that failed while it ran and whose failure
   * nobody took (a case that went on and passed, never awaiting it); the fixtures fail the case
   * with it, as a failure that had come at that moment would have. A step failing from now on (one
   * the case left waiting, during the tear-down or when the peer is disposed of) is nobody's
   * failure: the case's verdict is already made.
   */
  endCase(): { error: unknown } | undefined {
    this.ended = true;
    const lost = this.untaken.find((s) => !s.taken)?.failure;
    this.untaken = [];
    return lost;
  }

  dispose(reason: string): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ended = true;
    for (const cancel of [...this.waits]) cancel(reason);
  }

  /** Builds the failure message house style asks for: rule, expected, actual, last frames. */
  failure(rule: string, expected: string, actual: string, kind: ConstructorParameters<typeof ConformanceError>[2] = 'protocol'): ConformanceError {
    this.ruleCheck(rule);
    // A caller may pass what it read as is (JSON.stringify(undefined) is undefined): the message never breaks on it.
    expected = String(expected ?? ''); actual = actual === undefined ? '(absent)' : String(actual);
    const frames = this.journal.format({ last: 12 });
    const key = keyFrames(this.journal, expected, actual);
    return new ConformanceError(rule, [
      `${rule}: expected ${expected}`,
      `  Actual: ${actual}${this.connected ? '' : ` (${this.peerName} not connected)`}`,
      ...(key.length ? ['  Frames it refers to:', ...key.map((l) => `    ${l}`)] : []),
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
    return got.length ? `no such CALL; got ${summarize(got)}` : `no CALL from the ${this.peerName} at all`;
  }

  protected waitFor(opts: ExpectOptions, done: () => boolean, expected: () => string, actual: () => string): Promise<void> {
    this.ruleCheck(opts.rule);
    if (done()) return Promise.resolve();
    const within = opts.within ?? this.timing.messageTimeout;
    return new Promise<void>((resolve, reject) => {
      const onEntry = (): void => { if (done()) { cleanup(); resolve(); } };
      // The deadline counts from the event that obliged the SUT (`since`), else from now; `after` only filters frames.
      const elapsed = opts.since ? Math.max(0, Date.now() - opts.since.t) : 0;
      const since = opts.since ? ` of #${opts.since.seq}` : '';
      const timer = deadline(() => { cleanup(); reject(this.failure(opts.rule, `${expected()} within ${describeSpan(this.timing, within)}${since}`, actual(), 'timeout')); }, Math.max(0, ms(this.timing, within) + this.timing.slackMs - elapsed));
      const cancel = (reason: string): void => { cleanup(); reject(new ConformanceError(opts.rule, `wait for ${expected()} cancelled: ${reason}`, 'harness')); };
      const cleanup = (): void => { timer.clear(); this.journal.off('entry', onEntry); this.connectionEvents.off('connected', onEntry); this.waits.delete(cancel); };
      this.waits.add(cancel);
      this.journal.on('entry', onEntry);
      this.connectionEvents.on('connected', onEntry);
    });
  }
}

/**
 * The journal lines of the frames a failure names (`#n`, the closest frame among them) or quotes
 * verbatim, in journal order, however long ago they came (the last frames may be heartbeats).
 */
function keyFrames(journal: Journal, expected: string, actual: string): string[] {
  const refs = new Set([...`${expected} ${actual}`.matchAll(/#(\d+)/g)].map((m) => Number(m[1])));
  const quoted = (e: FrameEntry): boolean => e.raw.length > 8 && actual.includes(e.raw);
  const hits = journal.entries.flatMap((e, i) => (refs.has(e.seq) || (e.kind === 'frame' && quoted(e)) ? [i] : []));
  if (!hits.length) return [];
  // The journal's own line format, from the first hit on (a line starts with the entry's number).
  const lines = journal.format({ last: journal.entries.length - hits[0] }).split('\n');
  return hits.flatMap((i) => lines.find((l) => l.startsWith(`${String(journal.entries[i].seq).padStart(3, '0')} +`)) ?? []);
}

/** What `probe` returns: the frame sent, the peer's answers to it so far, whether the peer closed the connection since. */
export interface ProbeResult { sent: FrameEntry; replies: () => FrameEntry[]; closed: () => boolean }

/** The message id of a raw frame, if it has a readable one (a string in second place of a JSON array). */
function rawIdOf(text: string): string | undefined {
  const id = rawMessageId(text);
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** Whether a received frame answers a probe with message id `id` (undefined: the probe had no readable id). */
function answersProbe(e: FrameEntry, id: string | undefined): boolean {
  if (e.frame) {
    if (e.frame.type === CALL) return false;
    if (id !== undefined) return e.frame.id === id;
    return e.frame.type === CALLERROR && (e.action === '(unreadable message)' || /unknown message id|not "-1"/.test(e.violation ?? ''));
  }
  // A malformed reply: matched by the id it carries, or as the answer to an unreadable probe when it has none readable.
  if (e.action === '(unreadable message)') return id === undefined;
  try {
    const data = JSON.parse(e.raw) as unknown[];
    if (!Array.isArray(data) || (data[0] !== 3 && data[0] !== CALLERROR)) return false;
    return id !== undefined ? data[1] === id : data[0] === CALLERROR;
  } catch { return false; }
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
