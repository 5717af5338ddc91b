/**
 * One OCPP-J connection over an open WebSocket, whichever end opened it (a server's accepted
 * socket or a client's): framing, validation of every frame both ways, message-id
 * bookkeeping, routing of CALLs to a handler and of replies to the CALL they answer.
 * Nothing a peer sends can throw out of here: problems become CALLERRORs and journal findings.
 */
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';
import {
  CALL, CALLERROR, CALLRESULT, type CallFrame, type Frame, MessageIds, errorCode, parseFrame, serialize,
  rpcRule,
} from '../protocol/rpc';
import { isKnownAction, validatePayload } from '../protocol/validator';
import type { OcppVersion } from '../protocol/versions';
import type { Journal } from './journal';
import { type Limits, RULE_FRAME_RATE, RULE_FRAME_SIZE, RULE_PONG, RULE_UTF8 } from './limits';

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
}

/** OCPP-J 1.6 §4.1.3 / 2.0.1 Part 4 §4.1.3: a CALL's message id is unique per sender and connection. */
const RULE_MESSAGE_ID = 'OCPP-J unique message id';


export class OcppConnection extends EventEmitter {
  readonly version: OcppVersion;
  journal?: Journal;
  private readonly ids: MessageIds;
  private readonly pending = new Map<string, { action: string; resolve: (o: CallOutcome) => void; timer: NodeJS.Timeout }>();
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

  constructor(readonly ws: WebSocket, private readonly opts: ConnectionOptions) {
    super();
    this.version = opts.version;
    this.journal = opts.journal;
    this.ids = new MessageIds(opts.idPrefix ?? '');
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
      const timer = setTimeout(() => {
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

  /** Sends text as is (hostile-peer tests and faults). */
  sendRaw(text: string): void {
    if (!this.isOpen) return;
    const parsed = parseFrame(text);
    if (parsed.ok && parsed.frame.type === CALL) this.rawCalls.set(parsed.frame.id, parsed.frame.action);
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
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      const { error } = parsed;
      this.journal?.frame('in', text, undefined, { violation: error.message });
      this.finding('fail', rpcRule(this.version, error.problem === 'notJson' ? '4.1.2' : '4.2.1'), error.message, text);
      // A CALLERROR needs the id of the message it answers; 2.0.1 Part 4 §4.2.3 uses "-1" when it cannot be read.
      const id = error.id ?? (this.version === '2.0.1' ? '-1' : undefined);
      if (id !== undefined && !this.pending.has(id)) this.sendError(id, errorCode(this.version, error.problem), error.message);
      return;
    }
    const frame = parsed.frame;
    if (frame.type === CALL) {
      if (this.seenCallIds.has(frame.id)) this.finding('soft', RULE_MESSAGE_ID, `CALL ${frame.action} reuses message id ${JSON.stringify(frame.id)} of an earlier CALL on this connection`, text);
      if (this.seenCallIds.size >= 5000) this.seenCallIds.clear();
      this.seenCallIds.add(frame.id);
      void this.onCall(text, frame);
      return;
    }
    const waiting = this.pending.get(frame.id);
    if (!waiting && this.rawCalls.has(frame.id)) {
      this.journal?.frame('in', text, frame, { action: this.rawCalls.get(frame.id) });
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
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(waiting.timer);
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
    if (!isKnownAction(this.version, call.action)) {
      this.journal?.frame('in', text, call, { violation: `${call.action} is not an OCPP ${this.version} action` });
      this.finding('fail', rpcRule(this.version, '4.2.1'), `${call.action} is not an OCPP ${this.version} action`, text);
      this.sendError(call.id, errorCode(this.version, 'unknownAction'), `Unknown action ${call.action}`, call.action);
      return;
    }
    const v = validatePayload(this.version, call.action, 'request', call.payload);
    this.journal?.frame('in', text, call, { violation: v?.message });
    if (v) {
      this.finding('fail', this.opts.schemaRule ?? rpcRule(this.version, '4.2.1'), v.message, text);
      this.sendError(call.id, errorCode(this.version, v.problem), v.message, call.action);
      return;
    }
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
    const frame: Frame = { type: CALLERROR, id, code, description: description.slice(0, 255), details };
    this.transmit(serialize(frame), frame, action, false);
  }

  private finding(severity: 'fail' | 'harness' | 'soft', rule: string, message: string, raw?: string): void {
    this.journal?.finding(severity, rule, message, raw);
    this.opts.onFinding?.(severity, rule, message);
  }

  private onClose(code: number, reason: string): void {
    this.closed = true;
    this.stopPing();
    this.journal?.event('connection', `connection closed (code ${code}${reason ? `, ${reason}` : ''})`);
    for (const [id, p] of this.pending) { clearTimeout(p.timer); p.resolve({ kind: 'closed' }); this.pending.delete(id); }
    this.emit('close', code, reason);
  }
}
