/**
 * The firmware file server: HTTP or HTTPS (certificate from the test PKI), serving the images a
 * case registers, with faults switched on per image, and a log of every request (when, what,
 * how it ended) so cases can check retries and retry intervals against what the server saw.
 * It also takes uploads (a station's log file, 1.6 security whitepaper N01 GetLog): an HTTP PUT or
 * POST under a location a case opened with `acceptUpload`, at most `maxUploadBytes`, and only from
 * the loopback interface unless the server listens on another address (a real station's network).
 */
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

type DownloadFault = 'notFound' | 'reset' | 'truncated' | 'slow' | 'wrongContent';

interface DownloadRecord {
  t: number; path: string; outcome: 'served' | DownloadFault; bytes: number;
  /** GET or HEAD (a HEAD transfers nothing). */
  method: string;
  /** First byte asked for by a `Range: bytes=N-` header (a resumed download), 0 without one. */
  from: number;
}

/**
 * One download attempt as the station made it, from the server's log: a HEAD and the GET that
 * follows it are one attempt (a client checking size or existence first), and a GET with
 * `Range: bytes=N-` (N > 0) continues the attempt it resumes. Each other request starts one.
 */
export interface DownloadAttempt { t: number; requests: DownloadRecord[]; outcome: DownloadRecord['outcome'] }

export function attemptsIn(records: readonly DownloadRecord[]): DownloadAttempt[] {
  const attempts: DownloadAttempt[] = [];
  for (const r of records) {
    const last = attempts.at(-1);
    const prev = last?.requests.at(-1);
    const joins = last && prev && ((prev.method === 'HEAD' && r.method !== 'HEAD') || (r.method !== 'HEAD' && r.from > 0));
    if (joins) { last.requests.push(r); last.outcome = r.outcome; } else attempts.push({ t: r.t, requests: [r], outcome: r.outcome });
  }
  return attempts;
}

/** A file a peer uploaded (PUT or POST) to a location opened with acceptUpload. */
export interface UploadRecord { t: number; method: string; path: string; bytes: number; body: Buffer }

/** The most an upload may carry unless the case says otherwise (a log file). */
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

export class FirmwareServer {
  readonly requests: DownloadRecord[] = [];
  readonly uploads: UploadRecord[] = [];
  /** Upload locations open, by name, with their size limit. */
  private readonly uploadSlots = new Map<string, number>();
  private readonly images = new Map<string, Buffer>();
  private readonly faults = new Map<string, { fault: DownloadFault; times: number }>();
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  constructor(private readonly opts: { tls?: { certPem: string; keyPem: string }; host?: string; slowMs?: number } = {}) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => this.handle(req, res);
    this.server = opts.tls ? createHttps({ cert: opts.tls.certPem, key: opts.tls.keyPem }, handler) : createHttp(handler);
    this.server.on('connection', (s: Socket) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, this.opts.host ?? '127.0.0.1', resolve));
    return this;
  }

  url(name: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `${this.opts.tls ? 'https' : 'http'}://${this.opts.host ?? '127.0.0.1'}:${port}/firmware/${encodeURIComponent(name)}`;
  }

  add(name: string, image: Buffer): string { this.images.set(name, image); return this.url(name); }

  /** Makes the next `times` downloads of `name` fail in the given way (default: all of them). */
  fail(name: string, fault: DownloadFault, times = Infinity): void { this.faults.set(name, { fault, times }); }

  /** Requests of one image, in order. */
  requestsOf(name: string): DownloadRecord[] { return this.requests.filter((r) => r.path === `/firmware/${encodeURIComponent(name)}`); }

  /** Download attempts of one image (attemptsIn): what `retries` counts, whatever HTTP requests a client needs per attempt. */
  attemptsOf(name: string): DownloadAttempt[] { return attemptsIn(this.requestsOf(name)); }

  /**
   * Opens an upload location: a PUT or POST to the URL returned, or to any path below it (a station
   * may append its file name), is kept (uploadsTo), up to `maxBytes`.
   */
  acceptUpload(name: string, maxBytes = MAX_UPLOAD_BYTES): string {
    this.uploadSlots.set(name, maxBytes);
    const { port } = this.server.address() as AddressInfo;
    return `${this.opts.tls ? 'https' : 'http'}://${this.opts.host ?? '127.0.0.1'}:${port}/upload/${encodeURIComponent(name)}`;
  }

  /** Files uploaded to the location `name` (or below it), in order. */
  uploadsTo(name: string): UploadRecord[] {
    const base = `/upload/${encodeURIComponent(name)}`;
    return this.uploads.filter((u) => u.path === base || u.path.startsWith(`${base}/`));
  }

  /** Forgets images, faults, upload locations and the logs (a new case). */
  reset(): void { this.images.clear(); this.faults.clear(); this.requests.length = 0; this.uploads.length = 0; this.uploadSlots.clear(); }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/upload/')) { this.receive(req, res, path); return; }
    const name = decodeURIComponent(path.replace(/^\/firmware\//, ''));
    const whole = this.images.get(name);
    const planned = this.faults.get(name);
    const method = req.method ?? 'GET';
    const fault = planned && planned.times > 0 ? planned.fault : undefined;
    // A HEAD transfers nothing: it sees a missing image but uses up no planned fault.
    if (planned && fault && method !== 'HEAD') planned.times--;
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const from = range && whole && Number(range[1]) < whole.length ? Number(range[1]) : 0;
    const record = (outcome: DownloadRecord['outcome'], bytes: number): void => { this.requests.push({ t: Date.now(), path, outcome, bytes, method, from }); };
    if (!whole || fault === 'notFound') { record('notFound', 0); res.writeHead(404).end(method === 'HEAD' ? undefined : 'not found'); return; }
    if (method === 'HEAD') { record('served', 0); res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': whole.length, 'accept-ranges': 'bytes' }).end(); return; }
    const image = whole.subarray(from);
    const head = (): Record<string, string | number> => ({ 'content-length': image.length, 'accept-ranges': 'bytes', ...(from ? { 'content-range': `bytes ${from}-${whole.length - 1}/${whole.length}` } : {}) });
    switch (fault) {
      case 'reset':
        record('reset', image.length / 2);
        res.writeHead(from ? 206 : 200, head());
        res.write(image.subarray(0, image.length / 2), () => req.socket.destroy());
        return;
      case 'truncated':
        // Announces the whole image, sends less, and closes the connection cleanly (FIN).
        record('truncated', image.length - 100);
        res.writeHead(from ? 206 : 200, head());
        res.write(image.subarray(0, image.length - 100), () => req.socket.end());
        return;
      case 'wrongContent':
        record('wrongContent', image.length);
        res.writeHead(from ? 206 : 200, head()).end(Buffer.alloc(image.length, 0x42));
        return;
      case 'slow': {
        record('slow', image.length);
        res.writeHead(from ? 206 : 200, head());
        res.write(image.subarray(0, 1024));
        const timer = setTimeout(() => res.end(image.subarray(1024)), this.opts.slowMs ?? 2000);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      default:
        record('served', image.length);
        res.writeHead(from ? 206 : 200, { 'content-type': 'application/octet-stream', ...head() }).end(image);
    }
  }

  /** An upload: refused (403) from another host while the server listens on loopback, or to a location not opened; too large: 413. */
  private receive(req: IncomingMessage, res: ServerResponse, path: string): void {
    const method = req.method ?? 'GET';
    if (method !== 'PUT' && method !== 'POST') { res.writeHead(405, { allow: 'PUT, POST' }).end(); return; }
    const loopbackOnly = /^(127\.|::1$|localhost$)/.test(this.opts.host ?? '127.0.0.1');
    const peer = req.socket.remoteAddress ?? '';
    const name = decodeURIComponent(path.slice('/upload/'.length).split('/')[0]);
    const limit = this.uploadSlots.get(name);
    if ((loopbackOnly && !/^(127\.|::1$|::ffff:127\.)/.test(peer)) || limit === undefined) { req.resume(); res.writeHead(403).end('upload not accepted here'); return; }
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > limit) { res.writeHead(413, { connection: 'close' }).end('too large'); req.socket.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => {
      if (bytes > limit) return;
      this.uploads.push({ t: Date.now(), method, path, bytes, body: Buffer.concat(chunks) });
      res.writeHead(201).end();
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
