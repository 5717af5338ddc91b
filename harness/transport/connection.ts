/**
 * One OCPP-J connection over an open WebSocket, whichever end opened it (a server's accepted
 * socket or a client's): framing, validation of every frame both ways, message-id
 * bookkeeping, routing of CALLs to a handler and of replies to the CALL they answer.
 * Nothing a peer sends can throw out of here: problems become CALLERRORs and journal findings.
 */
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import {
  CALL, CALLERROR, CALLRESULT, type CallFrame, type Frame, ERROR_CODES, MAX_ERROR_DESCRIPTION, MessageIds, type Problem, UNREADABLE_ID,
  errorCode, isErrorCode, parseFrame, rawMessageId, serialize, rpcRule,
} from '../protocol/rpc';
import { isKnownAction, validatePayload } from '../protocol/validator';
import { OCPP_VERSIONS, type OcppVersion } from '../protocol/versions';
import type { Journal } from './journal';
import { type Limits, RULE_FRAME_RATE, RULE_FRAME_SIZE, RULE_PONG, RULE_UTF8 } from './limits';
import { deadline, type Deadline } from '../model/lag';

export type Reply =
  | { payload: Record<string, unknown> }
  | { error: { code: string; description?: string; details?: Record<string, unknown> } }
  | { raw: string }
  | { silent: true };

export type CallOutcome =
  | { kind: 'result'; payload: Record<string, unknown>; violation?: string }
  | { kind: 'error'; code: string; description: string; details: Record<string, unknown> }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'closed' };

type CallHandler = (call: CallFrame) => Reply | Promise<Reply>;

/**
 * How this end treats frames that are not proper CALLs: the OCPP-J RPC framework behaviour of
 * the simulated station and reference CSMS, whose faults and legal variations turn these knobs
 * (harness/sims/rpc-behaviour.ts). The harness's own connections keep CORRECT_RPC.
 */
export interface RpcPolicy {
  /** A CALL whose payload breaks its schema: `answer` with the CALLERROR of the problem, `drop` it, or `handle` it (an empty CALLRESULT, as if valid). */
  invalidCalls: 'answer' | 'drop' | 'handle';
  /** A CALL of an action the version does not have: `answer` NotImplemented, `drop` it, or `handle` it (an empty CALLRESULT). */
  unknownActions: 'answer' | 'drop' | 'handle';
  /** A frame without a readable message id (not JSON, not a frame): `answer` (2.0.1: CALLERROR with id "-1"; 1.6 has no id to use: nothing) or `drop`. */
  unreadable: 'answer' | 'drop';
  /** The message id of that CALLERROR (2.0.1 Part 4 §4.2.3: "-1"). */
  unreadableId: string;
  /** An unknown message type: `answer` (2.0.1 §4.4 MessageTypeNotSupported; 1.6 §4.1.3 ignores it), `ignore`, or `misanswer` (a format CALLERROR). */
  unknownTypes: 'answer' | 'ignore' | 'misanswer';
  /** CALLERROR codes: the version's table, the other version's spelling, or GenericError for every payload problem. */
  codes: 'version' | 'otherVersion' | 'generic';
  /** CALLERROR details: `{}` (correct) or null. */
  detailsNull: boolean;
  /** CALLERRORs carry another message id than the CALL's. */
  wrongErrorId: boolean;
  /** A CALLRESULT or CALLERROR answering no CALL of ours is answered with a CALLERROR (instead of being ignored). */
  answersStrayReplies: boolean;
  /** After an unreadable frame: carry on, stop answering CALLs (`wedge`), or close the connection. */
  afterUnreadable: 'carryOn' | 'wedge' | 'close';
  /** Stops answering CALLs for good once more than this many arrive within one second (undefined: never). */
  burstLimit?: number;
  /** Ignores text frames longer than this many characters (undefined: no limit below the socket's). */
  maxFrameChars?: number;
}

export const CORRECT_RPC: Readonly<RpcPolicy> = Object.freeze({
  invalidCalls: 'answer', unknownActions: 'answer', unreadable: 'answer', unreadableId: UNREADABLE_ID, unknownTypes: 'answer',
  codes: 'version', detailsNull: false, wrongErrorId: false, answersStrayReplies: false, afterUnreadable: 'carryOn',
});

interface ConnectionOptions {
  version: OcppVersion;
  /** Where frames and findings go; a peer that keeps no record (e.g. an embedded SUT) gives none. */
  journal?: Journal;
  onCall: CallHandler;
  /** Prefix of our message ids, so both sides' ids are told apart in a log. */
  idPrefix?: string;
  /** Default time to wait for a reply (OCPP-J "message timeout"), in ms. */
  callTimeoutMs: number;
  /** Rule name quoted when a peer's frame breaks the schema. */
  schemaRule?: string;
  /** Told of every finding (fleet mode counts them without a journal). */
  onFinding?: (severity: 'fail' | 'harness' | 'soft', rule: string, message: string) => void;
  /** Frame rate and ping limits (frame size is the socket's maxPayload). */
  limits?: Partial<Limits>;
  /** How frames that are not proper CALLs are answered (default CORRECT_RPC). */
  rpc?: Readonly<RpcPolicy>;
}

const ERROR_LIST: Record<OcppVersion, string> = Object.fromEntries(OCPP_VERSIONS.map((v) => [v, ERROR_CODES[v].join(', ')])) as Record<OcppVersion, string>;

/** OCPP-J 1.6 §4.1.3 / 2.0.1 Part 4 §4.1.3: a CALL's message id is unique per sender and connection. */
const RULE_MESSAGE_ID = 'OCPP-J unique message id';


export class OcppConnection extends EventEmitter {
  readonly version: OcppVersion;
  journal?: Journal;
  private readonly ids: MessageIds;
  private readonly pending = new Map<string, { action: string; resolve: (o: CallOutcome) => void; timer: Deadline }>();
  /** CALLs whose reply did not come within the timeout (id -> action): a reply to one is late, not stray. */
  private readonly timedOut = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private cutOff = false;
  private window = { start: 0, frames: 0 };
  private readonly seenCallIds = new Set<string>();
  private pingTimer?: NodeJS.Timeout;
  private awaitingPong = false;
  /** Network faults the harness injects on its own side (see `networkFault`). */
  private outgoingDelayMs = 0;
  private halfOpen = false;
  /** CALLs the harness sent raw (sendRaw): their replies are expected, not "unknown ids". */
  private readonly rawCalls = new Map<string, string>();
  /** Frames without a readable message id this end sent raw: a CALLERROR may answer each (2.0.1 with id "-1"). */
  private unreadableSent = 0;
  private readonly rpc: Readonly<RpcPolicy>;
  /** Stopped answering CALLs (RpcPolicy afterUnreadable / burstLimit). */
  private wedged = false;
  private callWindow = { start: 0, calls: 0 };

  constructor(readonly ws: WebSocket, private readonly opts: ConnectionOptions) {
    super();
    this.version = opts.version;
    this.journal = opts.journal;
    this.ids = new MessageIds(opts.idPrefix ?? '');
    this.rpc = opts.rpc ?? CORRECT_RPC;
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('close', (code, reason) => this.onClose(code, reason.toString()));
    ws.on('error', (err) => this.onSocketError(err as Error & { code?: string }));
    ws.on('ping', () => this.journal?.event('connection', 'ping received'));
    ws.on('pong', () => { this.awaitingPong = false; this.journal?.event('connection', 'pong received'); });
    const ping = opts.limits?.pingSeconds ?? 0;
    if (ping > 0) {
      this.pingTimer = setInterval(() => {
        if (this.awaitingPong) {
          this.finding('fail', RULE_PONG, `no pong to the harness's ping within ${ping} s: connection terminated`);
          this.stopPing();
          this.ws.terminate();
          return;
        }
        this.awaitingPong = true;
        try { this.ws.ping(); } catch { /* closing */ }
      }, Math.max(10, Math.min(ping, opts.limits?.pongTimeoutSeconds ?? ping) * 1000));
    }
  }

  private stopPing(): void { if (this.pingTimer) clearInterval(this.pingTimer); this.pingTimer = undefined; }

  /** Protocol errors the WebSocket layer detects become findings (the socket closes itself). */
  private onSocketError(err: Error & { code?: string }): void {
    if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.finding('fail', RULE_FRAME_SIZE, `the peer sent a frame larger than the limit (${err.message}): connection closed (1009)`);
    else if (err.code === 'WS_ERR_INVALID_UTF8') this.finding('fail', RULE_UTF8, `the peer sent a text frame that is not valid UTF-8: connection closed (1007)`);
    else if (err.code?.startsWith('WS_ERR_')) this.finding('fail', rpcRule(this.version, '4.1.2'), `WebSocket protocol error ${err.code}: ${err.message}`);
    else this.journal?.event('connection', `socket error: ${err.message}`);
  }

  get isOpen(): boolean { return !this.closed && this.ws.readyState === this.ws.OPEN; }

  /** Sends a CALL and waits for its reply. CALLs are sent one at a time (OCPP-J 1.6 §4.1.1, 2.0.1 Part 4 §4.1.1). */
  call(action: string, payload: Record<string, unknown>, opts: { timeoutMs?: number; raw?: string } = {}): Promise<CallOutcome> {
    const run = (): Promise<CallOutcome> => new Promise<CallOutcome>((resolve) => {
      if (!this.isOpen) { resolve({ kind: 'closed' }); return; }
      const id = this.ids.take();
      const timeoutMs = opts.timeoutMs ?? this.opts.callTimeoutMs;
      const timer = deadline(() => {
        this.pending.delete(id);
        this.timedOut.set(id, action);
        if (this.timedOut.size > 100) this.timedOut.delete(this.timedOut.keys().next().value as string);
        this.journal?.event('harness', `no reply to ${action} (${id}) within ${timeoutMs} ms`);
        resolve({ kind: 'timeout', afterMs: timeoutMs });
      }, timeoutMs);
      this.pending.set(id, { action, resolve, timer });
      const frame: Frame = { type: CALL, id, action, payload };
      this.transmit(opts.raw ?? serialize(frame), frame, action, opts.raw !== undefined);
    });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Sends text as is (hostile-peer tests, RPC framework probes, faults). A reply to a CALL (or
   * malformed CALL, or unknown message type) with a readable id is expected, not an "unknown id";
   * a frame without a readable id may be answered by a CALLERROR (2.0.1: id "-1").
   */
  sendRaw(text: string): void {
    if (!this.isOpen) return;
    const parsed = parseFrame(text);
    if (parsed.ok && parsed.frame.type === CALL) this.rawCalls.set(parsed.frame.id, parsed.frame.action);
    else if (!parsed.ok && !parsed.error.replyType) {
      if (parsed.error.id !== undefined) this.rawCalls.set(parsed.error.id, parsed.error.action ?? '(malformed message)');
      else this.unreadableSent++;
    }
    this.journal?.frame('out', text, parsed.ok ? parsed.frame : undefined);
    this.write(text);
  }

  /**
   * Controlled network faults on the harness's side of the connection, usable from cases:
   * `delay` holds every frame the harness sends for `ms`; `halfOpen` goes silent (reads and
   * writes nothing, no FIN: the peer sees a dead link); `drop` cuts the TCP connection without a
   * close frame; `close` sends a close frame with `code`.
   */
  networkFault(f: { kind: 'delay'; ms: number } | { kind: 'halfOpen' } | { kind: 'drop' } | { kind: 'close'; code: number; reason?: string }): void {
    this.journal?.event('harness', `network fault: ${JSON.stringify(f)}`);
    switch (f.kind) {
      case 'delay': this.outgoingDelayMs = f.ms; return;
      case 'halfOpen': {
        this.halfOpen = true;
        this.stopPing();
        (this.ws as unknown as { _socket?: { pause(): void } })._socket?.pause();
        return;
      }
      case 'drop': this.ws.terminate(); return;
      case 'close': this.close(f.code, f.reason ?? ''); return;
    }
  }

  /** Sends `text` now, later (delay fault) or never (half-open fault). */
  private write(text: string): void {
    if (this.halfOpen) return;
    if (this.outgoingDelayMs > 0) { setTimeout(() => { if (this.isOpen && !this.halfOpen) this.ws.send(text); }, this.outgoingDelayMs); return; }
    this.ws.send(text);
  }

  close(code = 1000, reason = ''): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
  }

  /** Drops the TCP connection without a close handshake. */
  terminate(): void { this.ws.terminate(); }

  private transmit(text: string, frame: Frame, action: string | undefined, intentionallyRaw: boolean): void {
    let violation: string | undefined;
    if (!intentionallyRaw && action && frame.type !== CALLERROR) {
      const v = validatePayload(this.version, action, frame.type === CALL ? 'request' : 'response', frame.payload);
      if (v) {
        violation = v.message;
        this.finding('harness', rpcRule(this.version, frame.type === CALL ? '4.2.1' : '4.2.2'), `the harness sent an invalid frame: ${v.message}`, text);
      }
    }
    this.journal?.frame('out', text, frame, { action: frame.type === CALL ? undefined : action, violation });
    this.write(text);
    this.emit('sent', frame.type, action);
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.cutOff) return;
    const max = this.opts.limits?.maxFramesPerSecond;
    if (max) {
      const now = Date.now();
      if (now - this.window.start >= 1000) this.window = { start: now, frames: 0 };
      if (++this.window.frames > max) {
        this.cutOff = true;
        this.finding('fail', RULE_FRAME_RATE, `the peer sent more than ${max} frames within one second (OCPP-J: one CALL at a time, each waiting for its reply): connection closed (1008)`);
        this.close(1008, 'frame rate limit');
        return;
      }
    }
    if (isBinary) {
      this.journal?.frame('in', `<binary frame, ${data.length} bytes>`, undefined, { violation: 'binary frame' });
      this.finding('fail', rpcRule(this.version, '4.1.2'), 'OCPP-J frames are text frames; got a binary frame (ignored)');
      return;
    }
    const text = data.toString('utf8');
    if (this.rpc.maxFrameChars !== undefined && text.length > this.rpc.maxFrameChars) return;
    const parsed = parseFrame(text);
    if (!parsed.ok) { this.onMalformed(text, parsed.error); return; }
    const frame = parsed.frame;
    if (frame.type === CALL) {
      if (this.seenCallIds.has(frame.id)) this.finding('soft', RULE_MESSAGE_ID, `CALL ${frame.action} reuses message id ${JSON.stringify(frame.id)} of an earlier CALL on this connection`, text);
      if (this.seenCallIds.size >= 5000) this.seenCallIds.clear();
      this.seenCallIds.add(frame.id);
      void this.onCall(text, frame);
      return;
    }
    const waiting = this.pending.get(frame.id);
    if (frame.type === CALLERROR) this.checkCallError(frame, text);
    if (!waiting && this.rawCalls.has(frame.id)) {
      this.journal?.frame('in', text, frame, { action: this.rawCalls.get(frame.id) });
      return;
    }
    if (!waiting && frame.type === CALLERROR && this.unreadableSent > 0 && !this.timedOut.has(frame.id)) {
      // The answer to a frame of ours without a readable id: 2.0.1 Part 4 §4.2.3 gives it the id "-1"; OCPP-J 1.6 names none.
      this.unreadableSent--;
      const ok = this.version === '1.6' || frame.id === UNREADABLE_ID;
      this.journal?.frame('in', text, frame, { action: '(unreadable message)', ...(ok ? {} : { violation: `message id ${JSON.stringify(frame.id)}, not "-1"` }) });
      if (!ok) this.finding('fail', rpcRule(this.version, '4.2.3'), `the CALLERROR answering a message whose id could not be read carries id ${JSON.stringify(frame.id)}; it must be "-1"`, text);
      return;
    }
    const late = waiting ? undefined : this.timedOut.get(frame.id);
    if (late !== undefined) {
      // The reply to a CALL that already timed out: late, not a stray id (§4.1.4).
      this.timedOut.delete(frame.id);
      this.journal?.frame('in', text, frame, { action: late, violation: 'reply after the message timeout' });
      this.finding('fail', rpcRule(this.version, '4.2.2'), `the reply to ${late} (${JSON.stringify(frame.id)}) came after the message timeout`, text);
      return;
    }
    if (!waiting) {
      this.journal?.frame('in', text, frame, { violation: 'reply to an unknown message id' });
      this.finding('fail', rpcRule(this.version, '4.1.4'), `reply with message id ${JSON.stringify(frame.id)} that answers no outstanding CALL`, text);
      if (this.rpc.answersStrayReplies) this.sendError(frame.id, 'GenericError', 'no CALL with this id');
      return;
    }
    this.pending.delete(frame.id);
    waiting.timer.clear();
    if (frame.type === CALLRESULT) {
      const v = validatePayload(this.version, waiting.action, 'response', frame.payload);
      this.journal?.frame('in', text, frame, { action: waiting.action, violation: v?.message });
      if (v) this.finding('fail', this.opts.schemaRule ?? rpcRule(this.version, '4.2.2'), v.message, text);
      waiting.resolve({ kind: 'result', payload: frame.payload, violation: v?.message });
    } else {
      this.journal?.frame('in', text, frame, { action: waiting.action });
      waiting.resolve({ kind: 'error', code: frame.code, description: frame.description, details: frame.details });
    }
  }

  private async onCall(text: string, call: CallFrame): Promise<void> {
    if (this.overBurst()) this.wedged = true;
    if (!isKnownAction(this.version, call.action)) {
      this.journal?.frame('in', text, call, { violation: `${call.action} is not an OCPP ${this.version} action` });
      this.finding('fail', rpcRule(this.version, '4.2.1'), `${call.action} is not an OCPP ${this.version} action`, text);
      if (this.wedged || this.rpc.unknownActions === 'drop') return;
      if (this.rpc.unknownActions === 'handle') { this.transmit(serialize({ type: CALLRESULT, id: call.id, payload: {} }), { type: CALLRESULT, id: call.id, payload: {} }, undefined, true); return; }
      this.sendError(call.id, this.codeFor('unknownAction'), `Unknown action ${call.action}`, call.action);
      return;
    }
    const v = validatePayload(this.version, call.action, 'request', call.payload);
    this.journal?.frame('in', text, call, { violation: v?.message });
    if (v) {
      this.finding('fail', this.opts.schemaRule ?? rpcRule(this.version, '4.2.1'), v.message, text);
      if (this.wedged || this.rpc.invalidCalls === 'drop') return;
      if (this.rpc.invalidCalls === 'answer') { this.sendError(call.id, this.codeFor(v.problem), v.message, call.action); return; }
      this.transmit(serialize({ type: CALLRESULT, id: call.id, payload: {} }), { type: CALLRESULT, id: call.id, payload: {} }, undefined, true);
      return;
    }
    if (this.wedged) return;
    let reply: Reply;
    try {
      reply = await this.opts.onCall(call);
    } catch (e) {
      this.finding('harness', 'harness', `handler for ${call.action} threw: ${(e as Error).message}`);
      reply = { error: { code: 'InternalError', description: 'handler failed' } };
    }
    if (!this.isOpen) return;
    if ('silent' in reply) return;
    if ('raw' in reply) { this.sendRaw(reply.raw); return; }
    if ('error' in reply) { this.sendError(call.id, reply.error.code, reply.error.description ?? '', call.action, reply.error.details); return; }
    this.transmit(serialize({ type: CALLRESULT, id: call.id, payload: reply.payload }), { type: CALLRESULT, id: call.id, payload: reply.payload }, call.action, false);
  }

  private sendError(id: string, code: string, description: string, action?: string, details: Record<string, unknown> = {}): void {
    if (!this.isOpen) return;
    const frame: Frame = { type: CALLERROR, id: this.rpc.wrongErrorId ? `${id}-x` : id, code, description: description.slice(0, MAX_ERROR_DESCRIPTION), details: this.rpc.detailsNull ? null as unknown as Record<string, unknown> : details };
    this.transmit(JSON.stringify([CALLERROR, frame.id, frame.code, frame.description, frame.details]), frame, action, false);
  }

  /** The CALLERROR code this end sends for `problem` (RpcPolicy `codes`). */
  private codeFor(problem: Problem): string {
    if (this.rpc.codes === 'generic' && problem !== 'unknownAction') return 'GenericError';
    const version = this.rpc.codes === 'otherVersion' ? OCPP_VERSIONS.find((v) => v !== this.version)! : this.version;
    return errorCode(version, problem);
  }

  /** Whether more CALLs than RpcPolicy `burstLimit` arrived within the last second. */
  private overBurst(): boolean {
    const limit = this.rpc.burstLimit;
    if (limit === undefined) return false;
    const now = Date.now();
    if (now - this.callWindow.start >= 1000) this.callWindow = { start: now, calls: 0 };
    return ++this.callWindow.calls > limit;
  }

  /**
   * Every CALLERROR the peer sends (OCPP-J 1.6 §4.2.3 tables 6-7, 2.0.1 Part 4 §4.2.3 / §4.3): a
   * code of the version's table as that version spells it, a description of at most 255
   * characters (2.0.1). The details object and the message id are checked where the frame is
   * parsed and matched. A violation is a finding of whichever case it happens in.
   */
  private checkCallError(frame: Extract<Frame, { type: typeof CALLERROR }>, text: string): void {
    if (!isErrorCode(this.version, frame.code)) {
      const other = OCPP_VERSIONS.find((v) => v !== this.version)!;
      const hint = isErrorCode(other, frame.code) ? ` (that is OCPP ${other}'s spelling)` : '';
      this.finding('fail', rpcRule(this.version, '4.2.3'), `CALLERROR code ${JSON.stringify(frame.code)} is not one of OCPP ${this.version}'s error codes${hint}: ${ERROR_LIST[this.version]}`, text);
    }
    if (this.version === '2.0.1' && frame.description.length > MAX_ERROR_DESCRIPTION) {
      this.finding('fail', rpcRule(this.version, '4.2.3'), `CALLERROR errorDescription has ${frame.description.length} characters; 2.0.1 allows at most ${MAX_ERROR_DESCRIPTION}`, text);
    }
  }

  /**
   * A frame that does not parse: a finding (the peer broke §4.1.2 / §4.2.x), and for a CALL the
   * CALLERROR RpcPolicy asks for. A malformed reply is never answered; if its id names a CALL of
   * ours, that CALL ends with the reply as it could be read.
   */
  private onMalformed(text: string, error: Exclude<ReturnType<typeof parseFrame>, { ok: true }>['error']): void {
    if (error.replyType === CALLERROR && error.problem === 'badMessageId' && this.unreadableSent > 0 && this.version === '1.6' && rawMessageId(text) === '') {
      // OCPP-J 1.6 names no id for the answer to a message whose id could not be read; "" is a string of at most 36 characters.
      this.unreadableSent--;
      this.journal?.frame('in', text, undefined, { action: '(unreadable message)' });
      return;
    }
    this.journal?.frame('in', text, undefined, { violation: error.message });
    if (error.replyType) {
      this.finding('fail', rpcRule(this.version, error.replyType === CALLERROR ? '4.2.3' : '4.2.2'), error.message, text);
      const waiting = error.id !== undefined ? this.pending.get(error.id) : undefined;
      if (waiting && error.id !== undefined) {
        this.pending.delete(error.id);
        waiting.timer.clear();
        const data = (() => { try { return JSON.parse(text) as unknown[]; } catch { return []; } })();
        waiting.resolve(error.replyType === CALLERROR
          ? { kind: 'error', code: String(data[2] ?? ''), description: String(data[3] ?? ''), details: {} }
          : { kind: 'result', payload: {}, violation: error.message });
      } else if (error.id !== undefined) this.rawCalls.delete(error.id);
      return;
    }
    this.finding('fail', rpcRule(this.version, error.problem === 'notJson' ? '4.1.2' : '4.2.1'), error.message, text);
    if (error.problem === 'unknownMessageType') {
      // OCPP-J 1.6 §4.1.3: ignored; 2.0.1 Part 4 §4.4: CALLERROR MessageTypeNotSupported (§4.1.3 also says ignore).
      const answer = this.rpc.unknownTypes === 'misanswer' ? this.codeFor('formation')
        : this.rpc.unknownTypes === 'answer' && this.version === '2.0.1' ? errorCode(this.version, 'unknownMessageType') : undefined;
      if (answer && error.id !== undefined && !this.wedged) this.sendError(error.id, answer, error.message);
      return;
    }
    if (error.id === undefined) {
      // 2.0.1 Part 4 §4.2.3: a CALLERROR whose CALL's id cannot be read carries "-1"; OCPP-J 1.6 has no id to use.
      if (this.rpc.unreadable === 'answer' && this.version === '2.0.1' && !this.wedged) this.sendError(this.rpc.unreadableId, this.codeFor(error.problem), error.message);
      if (this.rpc.afterUnreadable === 'wedge') this.wedged = true;
      if (this.rpc.afterUnreadable === 'close') this.close(1002, 'malformed message');
      return;
    }
    if (this.pending.has(error.id) || this.wedged || this.rpc.invalidCalls === 'drop') return;
    this.sendError(error.id, this.codeFor(error.problem), error.message, error.action);
  }

  private finding(severity: 'fail' | 'harness' | 'soft', rule: string, message: string, raw?: string): void {
    this.journal?.finding(severity, rule, message, raw);
    this.opts.onFinding?.(severity, rule, message);
  }

  private onClose(code: number, reason: string): void {
    this.closed = true;
    this.stopPing();
    this.journal?.event('connection', `connection closed (code ${code}${reason ? `, ${reason}` : ''})`);
    for (const [id, p] of this.pending) { p.timer.clear(); p.resolve({ kind: 'closed' }); this.pending.delete(id); }
    this.emit('close', code, reason);
  }
}
