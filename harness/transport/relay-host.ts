/**
 * The station-facing end of the harness CSMS on a real-station run, in a process that outlives
 * the test runner's workers (the runner's own process: started by globalSetup).
 *
 * A real station connects here and stays connected for the whole run. Each frame is relayed to
 * the worker that runs the current case (its `CsmsEndpoint` listens on an ephemeral loopback
 * port and attaches itself here). When the runner replaces a worker (after a failed case), the
 * worker's end closes with code 4000 ("worker leaving"): the station's connection stays open,
 * the station's frames are held until the next worker attaches, and the new worker is told the
 * station's registration so it does not ask for a new boot. Every other close is mirrored, so a
 * case that disconnects or refuses the station (offline, wrong credentials) still does so.
 *
 * While a worker is attached, the station's handshake is decided by the worker (the upgrade
 * request is replayed to it, and its HTTP status or subprotocol answers the station). Between
 * workers the host accepts a station itself with the run's subprotocol.
 *
 * A small HTTP API on loopback (guarded by a per-run token) lets workers attach, read the
 * station's state and keep the run's shared state (isolation ledger, SUT-down, figures) across
 * worker restarts. It knows no role beyond OCPP-J framing: BootNotification's status is read
 * only to pass the registration on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import WebSocket, { WebSocketServer } from 'ws';
import { type OcppVersion, SUBPROTOCOL, versionOfSubprotocol } from '../protocol/versions';
import { CALL, type CallFrame, parseFrame, serialize } from '../protocol/rpc';

/** CALLs whose answer the next worker must know (registration, transactions). */
const STATEFUL = new Set(['BootNotification', 'StartTransaction', 'StopTransaction', 'TransactionEvent']);

/** Close code by which a worker's endpoint says "I am leaving; keep the station connected". */
export const WORKER_LEAVING = 4000;
/** Header the relay adds to the replayed upgrade: what the worker must know about the station's connection. */
export const RELAY_HEADER = 'x-ocpp-harness-relay';

export interface RelayInfo {
  /** Per-run token: a header without it is ignored (the worker listens on loopback only). */
  token: string;
  /** Registration the station was given on this connection, if any (the station is not asked to boot again). */
  registration?: string;
  /** Whether this upstream re-attaches a connection a previous worker had (no new connection of the station). */
  reattached: boolean;
  /** When the station's connection was opened (ms epoch), and its ordinal in the run. */
  since: number;
  connection: number;
  remote: string;
  /** CALLs of the station the host answered while no worker was attached (the last 50), with the replies. */
  answered?: { call: CallFrame; reply: Record<string, unknown>; at: number }[];
  /** How many other CALLs (Heartbeat, StatusNotification, ...) it answered meanwhile. */
  answeredOther?: number;
  /** Frames of the station the host dropped while no worker was attached (replies to a worker that left). */
  dropped?: number;
}

interface StationLink {
  id: string;
  ws: WebSocket;
  protocol: string;
  headers: Record<string, string>;
  remote: string;
  since: number;
  ordinal: number;
  upstream?: WebSocket;
  /** Upstreams opened for this link (more than one = re-attached after a worker restart). */
  attaches: number;
  held: string[];
  answered: { call: CallFrame; reply: Record<string, unknown>; at: number }[];
  dropped: number;
  answeredOther: number;
  registration?: string;
  pendingBoot?: string;
  frames: number;
}

export interface StationState {
  connected: boolean;
  connections: number;
  registration?: string;
  frames: number;
  lastClose?: { at: number; code: number };
}

export class RelayHost {
  readonly token = randomBytes(16).toString('hex');
  private readonly station: Server;
  private readonly control: Server;
  private readonly wss: WebSocketServer;
  private upstreamBase?: string;
  private readonly links = new Map<string, StationLink>();
  private readonly history = new Map<string, StationState>();
  private readonly sockets = new Set<Duplex>();
  private ordinal = 0;
  /** Shared state of the run, kept for the workers (opaque here). */
  shared: Record<string, unknown> = {};
  /** Lines a worker asks to print at once on the runner's stderr. */
  onLog: (text: string) => void = (t) => process.stderr.write(`${t}\n`);

  /**
   * `answer`: what to reply to a station's CALL while no worker is attached (a worker restart takes
   * seconds; the station must not run into its message timeouts meanwhile). Without it CALLs are
   * held for the next worker. Replies to a worker that left are dropped, never passed to the next.
   */
  constructor(private readonly opts: { versions: OcppVersion[]; host?: string; port?: number; maxPayload?: number; answer?: (version: OcppVersion, call: CallFrame) => Record<string, unknown> }) {
    this.wss = new WebSocketServer({
      noServer: true, maxPayload: opts.maxPayload ?? 10 * 1024 * 1024,
      handleProtocols: (offered) => {
        for (const v of opts.versions) if (offered.has(SUBPROTOCOL[v])) return SUBPROTOCOL[v];
        return false;
      },
    });
    this.station = createServer((_req, res) => { res.writeHead(426, { 'content-type': 'text/plain' }).end('OCPP-J: WebSocket upgrade required\n'); });
    this.station.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
    this.station.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.control = createServer((req, res) => this.onControl(req, res));
  }

  async start(): Promise<this> {
    // Without a port only the control API runs (a CSMS-under-test run keeps its shared state here).
    if (this.opts.port !== undefined) await listen(this.station, this.opts.port, this.opts.host ?? '127.0.0.1');
    await listen(this.control, 0, '127.0.0.1');
    return this;
  }

  get controlUrl(): string { return `http://127.0.0.1:${(this.control.address() as AddressInfo).port}`; }
  get port(): number { return (this.station.address() as AddressInfo).port; }

  state(id: string): StationState | undefined { return this.history.get(id); }

  async close(): Promise<void> {
    for (const l of this.links.values()) { l.upstream?.terminate(); l.ws.terminate(); }
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.wss.close(() => r()));
    if (this.station.listening) await new Promise<void>((r) => this.station.close(() => r()));
    await new Promise<void>((r) => { this.control.close(() => r()); this.control.closeAllConnections?.(); });
  }

  /** A worker's endpoint is at `base` (ws://127.0.0.1:port/ocpp): every held station is relayed to it. */
  attach(base: string): void {
    this.upstreamBase = base;
    for (const l of this.links.values()) if (!l.upstream) this.openUpstream(l, true);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // The socket of an upgrade has no error listener (Node's HTTP server drops its own), and the answer may wait for the worker's probe.
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    let id = '';
    try { id = decodeURIComponent(path.split('/').filter(Boolean).pop() ?? ''); } catch { id = ''; }
    const headers: Record<string, string> = {};
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    if (!id || !this.upstreamBase) {
      // No worker attached (between workers): accept with the run's subprotocol; the next worker gets the frames.
      this.wss.handleUpgrade(req, socket, head, (ws) => this.adopt(id, ws, headers, remote));
      return;
    }
    // A worker is attached: it decides (its admission, its subprotocol), the station gets its answer.
    const probe = new WebSocket(`${this.upstreamBase}/${encodeURIComponent(id)}`, offered, { headers: { ...headers, [RELAY_HEADER]: JSON.stringify(this.info(undefined, remote)) } });
    probe.once('unexpected-response', (_r, res) => {
      const status = res.statusCode ?? 503;
      const extra = res.headers['www-authenticate'] ? `\r\nWWW-Authenticate: ${String(res.headers['www-authenticate'])}` : '';
      socket.end(`HTTP/1.1 ${status} ${res.statusMessage ?? ''}${extra}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      res.resume();
    });
    // The attached worker is gone (it left without detaching): accept the station here and hold its frames.
    probe.once('error', () => { this.upstreamBase = undefined; this.wss.handleUpgrade(req, socket, head, (ws) => this.adopt(id, ws, headers, remote)); });
    probe.once('open', () => {
      const wss = new WebSocketServer({ noServer: true, maxPayload: this.opts.maxPayload ?? 10 * 1024 * 1024, handleProtocols: () => probe.protocol || false });
      wss.handleUpgrade(req, socket, head, (ws) => { const l = this.adopt(id, ws, headers, remote, probe); wss.close(); void l; });
    });
  }

  private info(l: StationLink | undefined, remote: string): RelayInfo {
    return { token: this.token, registration: l?.registration, reattached: !!l && l.attaches > 0, since: l?.since ?? Date.now(), connection: l?.ordinal ?? this.ordinal + 1, remote, answered: l?.answered.splice(0), answeredOther: l?.answeredOther, dropped: l?.dropped };
  }

  private adopt(id: string, ws: WebSocket, headers: Record<string, string>, remote: string, upstream?: WebSocket): StationLink {
    const prev = this.links.get(id);
    if (prev) { prev.upstream?.close(1000, 'station connected again'); prev.ws.terminate(); }
    const l: StationLink = { id, ws, protocol: ws.protocol, headers, remote, since: Date.now(), ordinal: ++this.ordinal, attaches: 0, held: [], answered: [], dropped: 0, answeredOther: 0, frames: 0 };
    this.links.set(id, l);
    const h = this.history.get(id) ?? { connected: false, connections: 0, frames: 0 };
    h.connected = true; h.connections++; h.registration = undefined;
    this.history.set(id, h);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : (data as Buffer).toString('utf8');
      l.frames++; h.frames++;
      if (text !== undefined) this.watch(l, text, 'station');
      if (l.upstream?.readyState === WebSocket.OPEN) { l.upstream.send(data, { binary: isBinary }); return; }
      if (text === undefined) return;
      const parsed = parseFrame(text);
      const version = versionOfSubprotocol(l.protocol);
      if (parsed.ok && parsed.frame.type === CALL && this.opts.answer && version && !l.upstream) {
        const reply = this.opts.answer(version, parsed.frame);
        if (parsed.frame.action === 'BootNotification') { l.registration = String(reply.status); h.registration = l.registration; }
        // The next worker is told of those that change the station's state (a header stays small); the rest are counted.
        if (STATEFUL.has(parsed.frame.action)) { l.answered.push({ call: parsed.frame, reply, at: Date.now() }); if (l.answered.length > 12) l.answered.shift(); } else l.answeredOther++;
        ws.send(serialize({ type: 3, id: parsed.frame.id, payload: reply }));
      } else if (parsed.ok && parsed.frame.type !== CALL && !l.upstream) {
        l.dropped++;
      } else if (l.held.length < 1000) {
        l.held.push(text);
      }
    });
    ws.on('close', (code, reason) => {
      h.connected = false; h.lastClose = { at: Date.now(), code };
      if (this.links.get(id) === l) this.links.delete(id);
      const up = l.upstream;
      l.upstream = undefined;
      if (up && up.readyState <= WebSocket.OPEN) {
        if (code === 1006 || code === 1005) up.terminate(); else up.close(code, reason.toString());
      }
    });
    ws.on('error', () => undefined);
    if (upstream) this.bind(l, upstream);
    else if (this.upstreamBase && id) this.openUpstream(l, false);
    return l;
  }

  private openUpstream(l: StationLink, reattach: boolean): void {
    if (!this.upstreamBase || l.ws.readyState !== WebSocket.OPEN) return;
    const up = new WebSocket(`${this.upstreamBase}/${encodeURIComponent(l.id)}`, l.protocol ? [l.protocol] : [], { headers: { ...l.headers, [RELAY_HEADER]: JSON.stringify({ ...this.info(l, l.remote), reattached: reattach || l.attaches > 0 }) } });
    up.once('unexpected-response', (_r, res) => { res.resume(); up.terminate(); });
    up.on('error', () => undefined);
    this.bind(l, up);
  }

  private bind(l: StationLink, up: WebSocket): void {
    l.upstream = up;
    l.attaches++;
    const flush = (): void => { for (const t of l.held.splice(0)) up.send(t); };
    if (up.readyState === WebSocket.OPEN) flush(); else up.once('open', flush);
    up.on('message', (data, isBinary) => {
      if (!isBinary) this.watch(l, (data as Buffer).toString('utf8'), 'csms');
      if (l.ws.readyState === WebSocket.OPEN) l.ws.send(data, { binary: isBinary });
    });
    let opened = up.readyState === WebSocket.OPEN;
    up.once('open', () => { opened = true; });
    up.on('close', (code, reason) => {
      if (l.upstream !== up) return;
      l.upstream = undefined;
      // The worker is leaving, or its endpoint is gone: keep the station, hold its frames for the next worker.
      if (code === WORKER_LEAVING || !opened) return;
      if (l.ws.readyState !== WebSocket.OPEN) return;
      if (code === 1006 || code === 1005 || code < 1000 || code === 1004 || code === 1015) l.ws.terminate();
      else l.ws.close(code, reason.toString());
    });
    up.on('ping', () => undefined);
  }

  /** Reads only what passes the registration on: BootNotification and the status of its reply. */
  private watch(l: StationLink, text: string, from: 'station' | 'csms'): void {
    if (from === 'station') {
      if (!text.includes('BootNotification')) return;
      try { const f = JSON.parse(text) as unknown[]; if (f[0] === 2 && f[2] === 'BootNotification') l.pendingBoot = String(f[1]); } catch { /* not ours to judge */ }
      return;
    }
    if (!l.pendingBoot || !text.includes(l.pendingBoot)) return;
    try {
      const f = JSON.parse(text) as unknown[];
      if (f[0] === 3 && f[1] === l.pendingBoot) {
        l.registration = String((f[2] as { status?: string }).status);
        const h = this.history.get(l.id);
        if (h) h.registration = l.registration;
        l.pendingBoot = undefined;
      }
    } catch { /* idem */ }
  }

  /** GET /state/<id>; POST /attach {base}; GET|POST /shared (merge); POST /log {text}. Token in `x-token`. */
  private onControl(req: IncomingMessage, res: ServerResponse): void {
    if (req.headers['x-token'] !== this.token) { res.writeHead(403).end(); return; }
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const send = (x: unknown): void => { res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(x ?? null)); };
      let json: Record<string, unknown> = {};
      try { json = body ? JSON.parse(body) as Record<string, unknown> : {}; } catch { res.writeHead(400).end(); return; }
      const url = req.url ?? '/';
      if (url === '/attach') { this.attach(String(json.base)); send({ ok: true }); return; }
      if (url === '/detach') { if (this.upstreamBase === json.base) this.upstreamBase = undefined; send({ ok: true }); return; }
      if (url.startsWith('/state/')) { send(this.state(decodeURIComponent(url.slice('/state/'.length))) ?? { connected: false, connections: 0, frames: 0 }); return; }
      if (url === '/shared') { if (req.method === 'POST') this.shared = { ...this.shared, ...json }; send(this.shared); return; }
      if (url === '/log') { this.onLog(String(json.text)); send({ ok: true }); return; }
      res.writeHead(404).end();
    });
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
}

/** A worker's client of the host's control API (the URL and token come from the environment the runner gives its workers). */
export class RelayHostClient {
  constructor(readonly url: string, private readonly token: string) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): RelayHostClient | undefined {
    return env.OCPP_HARNESS_HOST && env.OCPP_HARNESS_HOST_TOKEN ? new RelayHostClient(env.OCPP_HARNESS_HOST, env.OCPP_HARNESS_HOST_TOKEN) : undefined;
  }

  get runToken(): string { return this.token; }

  private async req<T>(path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${this.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'x-token': this.token, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    if (!r.ok) throw new Error(`harness host ${path}: HTTP ${r.status}`);
    return await r.json() as T;
  }

  attach(base: string): Promise<unknown> { return this.req('/attach', { base }); }
  detach(base: string): Promise<unknown> { return this.req('/detach', { base }); }
  state(stationId: string): Promise<StationState> { return this.req(`/state/${encodeURIComponent(stationId)}`); }
  shared<T extends Record<string, unknown>>(patch?: Partial<T>): Promise<T> { return this.req('/shared', patch ?? undefined); }
  log(text: string): Promise<unknown> { return this.req('/log', { text }); }
}
