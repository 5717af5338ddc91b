/**
 * The OCPP-J WebSocket server a CSMS listens on (ws:// or wss://). Stations connect to
 * ws://host:port/<path>/<stationId>; the station id is the last path segment (OCPP-J 1.6 §3.1.1,
 * 2.0.1 Part 4 §3.1.1). Whoever owns the server decides admission (`admit`) and what a
 * connection means. Binds to loopback unless told otherwise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { SecureVersion, TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { EventEmitter } from 'node:events';
import WebSocket, { WebSocketServer } from 'ws';
import { type OcppVersion, SUBPROTOCOL, versionOfSubprotocol } from '../protocol/versions';
import { RELAY_HEADER, type RelayInfo } from './relay-host';

interface ServerOptions {
  /** Versions offered in subprotocol negotiation, in order of preference. */
  versions: OcppVersion[];
  host?: string;
  port?: number;
  /** Largest frame accepted, bytes; a bigger one closes the connection (1009). */
  maxPayload?: number;
  /** Overrides subprotocol selection (e.g. to inject a negotiation fault). */
  pickProtocol?: (offered: Set<string>) => string | false;
  /** No subprotocol agreed: leave the connection open instead of closing it (a negotiation fault of the reference CSMS). */
  keepUnagreed?: boolean;
  /** wss:// (security profiles 2 and 3): the server certificate and, for profile 3, the CA client certificates must chain to. */
  tls?: ServerTls;
  /** ms a client has to complete the TLS and HTTP upgrade handshakes. */
  handshakeTimeoutMs?: number;
  /** Token of the run's relay host (relay-host.ts): an upgrade carrying it comes from the host on a station's behalf. */
  relayToken?: string;
  /** Plain HTTP requests (not upgrades); default: 426 Upgrade Required. */
  onHttp?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface ServerTls {
  /** Several (cert, key) pairs of different key types (RSA and ECDSA) are given as arrays in the same order. */
  certPem: string | string[];
  keyPem: string | string[];
  /** Profile 3: ask for a client certificate chaining to this CA (checked in `admit`). */
  clientCaPem?: string;
  minVersion?: SecureVersion;
  ciphers?: string;
}

/** What the TLS layer says about a connection (undefined for ws://). */
export interface TlsInfo {
  protocol: string;
  /** Profile 3: the client certificate, if one was presented. */
  clientCert?: { subjectCn?: string; subject: string; authorized: boolean; error?: string };
}

export interface IncomingStation {
  stationId: string;
  version: OcppVersion;
  ws: WebSocket;
  offered: string[];
  remote: string;
  tls?: TlsInfo;
  /** Relayed by the run's host (the station's connection lives there, across worker restarts). */
  relay?: RelayInfo;
}

export interface RefusedStation { stationId: string; offered: string[]; reason: string }

export class OcppServer extends EventEmitter {
  /** Decides whether a station may connect now; a refusal answers the upgrade with its HTTP status. */
  admit: (stationId: string, authorization: string | undefined, tls?: TlsInfo) => true | { status: 401 | 403 | 503; reason: string } = () => true;
  private readonly http: Server | HttpsServer;
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
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
      if (opts.onHttp) opts.onHttp(req, res);
      else res.writeHead(426, { 'content-type': 'text/plain' }).end('OCPP-J: WebSocket upgrade required\n');
    };
    const t = opts.tls;
    this.http = t
      ? createHttpsServer({
        cert: t.certPem, key: t.keyPem, minVersion: t.minVersion ?? 'TLSv1.2', ...(t.ciphers ? { ciphers: t.ciphers } : {}),
        ...(t.clientCaPem ? { requestCert: true, rejectUnauthorized: false, ca: t.clientCaPem } : {}),
        handshakeTimeout: opts.handshakeTimeoutMs ?? 10_000,
      }, onRequest)
      : createServer(onRequest);
    // A client that opens a socket and never finishes its upgrade request is dropped.
    this.http.headersTimeout = opts.handshakeTimeoutMs ?? 10_000;
    this.http.requestTimeout = (opts.handshakeTimeoutMs ?? 10_000) * 2;
    if (t) this.http.on('tlsClientError', (err: Error) => this.emit('refused', { stationId: '', offered: [], reason: `TLS handshake failed: ${err.message}` } satisfies RefusedStation));
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
  get baseUrl(): string { return `${this.opts.tls ? 'wss' : 'ws'}://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}/ocpp`; }

  get requestsClientCert(): boolean { return !!this.opts.tls?.clientCaPem; }

  /**
   * Presents another server certificate from now on (e.g. one from an unknown CA, for a negative
   * case); `only`: offer just these cipher suites / TLS versions (a cipher-suite case), until the
   * next call.
   */
  setCertificate(certPem: string | string[], keyPem: string | string[], only: { ciphers?: string; maxVersion?: SecureVersion } = {}): void {
    if (!this.opts.tls) throw new Error('setCertificate needs a TLS server');
    const ciphers = only.ciphers ?? this.opts.tls.ciphers;
    (this.http as HttpsServer).setSecureContext({ cert: certPem, key: keyPem, minVersion: this.opts.tls.minVersion ?? 'TLSv1.2', ...(only.maxVersion ? { maxVersion: only.maxVersion } : {}), ...(ciphers ? { ciphers } : {}), ...(this.opts.tls.clientCaPem ? { ca: this.opts.tls.clientCaPem } : {}) });
  }

  /** wss:// on the same port as ws:// (set by `acceptTlsToo`): the server a TLS ClientHello is handed to. */
  private tlsToo?: HttpsServer;

  /**
   * A ws:// server that from now on also accepts wss:// on the same port (or, undefined, stops):
   * the first byte of each new connection tells a TLS ClientHello (0x16) from an HTTP request. As
   * OCTT restarts its server at the higher profile, for a 1.6 Charge Point that reconnects to the
   * same address after its SecurityProfile was raised (security whitepaper A05).
   */
  acceptTlsToo(tls: ServerTls | undefined): void {
    if (this.opts.tls) throw new Error('acceptTlsToo needs a ws:// server');
    this.tlsToo?.close();
    this.tlsToo = undefined;
    const plain = this.http.listeners('connection').filter((l) => (l as { tlsSniffer?: boolean }).tlsSniffer !== true) as ((s: Duplex) => void)[];
    this.http.removeAllListeners('connection');
    for (const l of plain) this.http.on('connection', l);
    if (!tls) return;
    const https = createHttpsServer({ cert: tls.certPem, key: tls.keyPem, minVersion: tls.minVersion ?? 'TLSv1.2', handshakeTimeout: this.opts.handshakeTimeoutMs ?? 10_000 }, (_req, res) => { res.writeHead(426).end(); });
    https.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    https.on('tlsClientError', (err: Error) => this.emit('refused', { stationId: '', offered: [], reason: `TLS handshake failed: ${err.message}` } satisfies RefusedStation));
    this.tlsToo = https;
    const sniffer = Object.assign((socket: Duplex & { unshift(chunk: Buffer): void }) => {
      this.sockets.add(socket); socket.on('close', () => this.sockets.delete(socket));
      socket.once('data', (chunk: Buffer) => {
        if (chunk[0] !== 0x16) {
          socket.pause();
          socket.unshift(chunk);
          for (const l of plain) l.call(this.http, socket);
          socket.resume();
          return;
        }
        // TLS reads the socket's handle directly, past the chunk already read: it gets a stream that starts with it.
        const stream = new Duplex({
          read() { /* pushed below */ },
          write(data, encoding, done) { socket.write(data, encoding, done); },
          final(done) { socket.end(); done(); },
          destroy(err, done) { socket.destroy(); done(err); },
        });
        stream.push(chunk);
        socket.on('data', (data: Buffer) => stream.push(data));
        socket.on('end', () => stream.push(null));
        socket.on('close', () => stream.destroy());
        socket.on('error', () => stream.destroy());
        https.emit('connection', stream);
      });
    }, { tlsSniffer: true });
    this.http.removeAllListeners('connection');
    this.http.on('connection', sniffer);
  }

  private tlsInfo(req: IncomingMessage): TlsInfo | undefined {
    if (!this.opts.tls && !(req.socket as TLSSocket).encrypted) return undefined;
    const sock = req.socket as TLSSocket;
    const info: TlsInfo = { protocol: sock.getProtocol?.() ?? 'unknown' };
    if (this.opts.tls?.clientCaPem) {
      const cert = sock.getPeerCertificate();
      if (cert && Object.keys(cert).length) {
        const cn = cert.subject?.CN;
        info.clientCert = { subjectCn: Array.isArray(cn) ? cn[0] : cn, subject: Object.entries(cert.subject ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', '), authorized: sock.authorized, error: sock.authorizationError ? String(sock.authorizationError) : undefined };
      }
    }
    return info;
  }
  urlFor(stationId: string): string { return `${this.baseUrl}/${encodeURIComponent(stationId)}`; }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node's HTTP server drops its error listener from a socket it hands over for an upgrade: a
    // station that resets the connection we refuse (401, 403, 503) would be an uncaught error.
    socket.on('error', () => socket.destroy());
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
    const tls = this.tlsInfo(req);
    const relay = this.relayOf(req);
    const admitted = this.admit(stationId, req.headers.authorization, tls);
    if (admitted !== true) {
      const head = admitted.status === 401 ? 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="OCPP"' : admitted.status === 403 ? 'HTTP/1.1 403 Forbidden' : 'HTTP/1.1 503 Service Unavailable';
      socket.end(`${head}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      this.emit('refused', { stationId, offered, reason: `HTTP ${admitted.status}: ${admitted.reason}` } satisfies RefusedStation);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const version = versionOfSubprotocol(ws.protocol);
      if (!version) {
        // 2.0.1 Part 4 §3.2 / OCPP-J 1.6 §3.2: no agreed subprotocol -> handshake completed
        // without Sec-WebSocket-Protocol, then the connection is closed at once.
        if (!this.opts.keepUnagreed) ws.close(1002, 'no supported OCPP subprotocol offered');
        this.emit('refused', { stationId, offered, reason: `offered subprotocols [${offered.join(', ')}], supported [${this.opts.versions.map((v) => SUBPROTOCOL[v]).join(', ')}]` } satisfies RefusedStation);
        return;
      }
      this.emit('station', { stationId, version, ws, offered, remote: relay?.remote ?? `${req.socket.remoteAddress}:${req.socket.remotePort}`, tls, relay } satisfies IncomingStation);
    });
  }

  private relayOf(req: IncomingMessage): RelayInfo | undefined {
    const h = req.headers[RELAY_HEADER];
    if (!this.opts.relayToken || typeof h !== 'string') return undefined;
    try { const info = JSON.parse(h) as RelayInfo; return info.token === this.opts.relayToken ? info : undefined; } catch { return undefined; }
  }

  async close(): Promise<void> {
    this.tlsToo?.close();
    for (const ws of this.wss.clients) ws.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
