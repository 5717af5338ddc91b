/**
 * The WebSocket server the harness listens on when it plays the CSMS. Stations connect to
 * ws://host:port/<path>/<stationId>; the station id is the last path segment (OCPP-J 1.6 §3.1.1,
 * 2.0.1 Part 4 §3.1.1). Binds to loopback unless told otherwise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { EventEmitter } from 'node:events';
import WebSocket, { WebSocketServer } from 'ws';
import { type OcppVersion, SUBPROTOCOL, versionOfSubprotocol } from '../ocpp/versions';

export interface ServerOptions {
  /** Versions offered in subprotocol negotiation, in order of preference. */
  versions: OcppVersion[];
  host?: string;
  port?: number;
  /** Largest frame accepted, bytes; a bigger one closes the connection (1009). */
  maxPayload?: number;
  /** Overrides subprotocol selection (fault injection in the reference CSMS). */
  pickProtocol?: (offered: Set<string>) => string | false;
  /** Plain HTTP requests (not upgrades); default: 426 Upgrade Required. */
  onHttp?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface IncomingStation {
  stationId: string;
  version: OcppVersion;
  ws: WebSocket;
  offered: string[];
  remote: string;
}

export interface RefusedStation { stationId: string; offered: string[]; reason: string }

export class OcppServer extends EventEmitter {
  /** Decides whether a station may connect now; a refusal answers the upgrade with its HTTP status. */
  admit: (stationId: string, authorization: string | undefined) => true | { status: 401 | 503; reason: string } = () => true;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Duplex>();

  constructor(private readonly opts: ServerOptions) {
    super();
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: opts.maxPayload ?? 10 * 1024 * 1024,
      handleProtocols: (offered) => {
        if (opts.pickProtocol) return opts.pickProtocol(offered);
        for (const v of opts.versions) if (offered.has(SUBPROTOCOL[v])) return SUBPROTOCOL[v];
        return false;
      },
    });
    this.http = createServer((req, res) => {
      if (opts.onHttp) opts.onHttp(req, res);
      else res.writeHead(426, { 'content-type': 'text/plain' }).end('OCPP-J: WebSocket upgrade required\n');
    });
    this.http.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => { this.http.off('error', reject); resolve(); });
    });
  }

  get port(): number { return (this.http.address() as AddressInfo).port; }
  get host(): string { return this.opts.host ?? '127.0.0.1'; }

  /** The base URL a station is configured with; it appends its own id. */
  get baseUrl(): string { return `ws://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}/ocpp`; }
  urlFor(stationId: string): string { return `${this.baseUrl}/${encodeURIComponent(stationId)}`; }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0];
    const last = path.split('/').filter(Boolean).pop() ?? '';
    let stationId = '';
    try { stationId = decodeURIComponent(last); } catch { stationId = ''; }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (!stationId) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      this.emit('refused', { stationId, offered, reason: 'no station id in the URL path' } satisfies RefusedStation);
      return;
    }
    const admitted = this.admit(stationId, req.headers.authorization);
    if (admitted !== true) {
      const head = admitted.status === 401 ? 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="OCPP"' : 'HTTP/1.1 503 Service Unavailable';
      socket.end(`${head}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      this.emit('refused', { stationId, offered, reason: `HTTP ${admitted.status}: ${admitted.reason}` } satisfies RefusedStation);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const version = versionOfSubprotocol(ws.protocol);
      if (!version) {
        // 2.0.1 Part 4 §3.1.2 / OCPP-J 1.6 §3.1.2: no agreed subprotocol -> handshake completed
        // without Sec-WebSocket-Protocol, then the connection is closed at once.
        ws.close(1002, 'no supported OCPP subprotocol offered');
        this.emit('refused', { stationId, offered, reason: `offered subprotocols [${offered.join(', ')}], supported [${this.opts.versions.map((v) => SUBPROTOCOL[v]).join(', ')}]` } satisfies RefusedStation);
        return;
      }
      this.emit('station', { stationId, version, ws, offered, remote: `${req.socket.remoteAddress}:${req.socket.remotePort}` } satisfies IncomingStation);
    });
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
