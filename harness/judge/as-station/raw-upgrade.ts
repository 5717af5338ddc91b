/**
 * A WebSocket opening handshake done by hand, for the one check a WebSocket library cannot make:
 * what a CSMS answers when offered no subprotocol it supports (2.0.1 Part 4 §3.2, OCPP-J 1.6
 * §3.2: it completes the handshake without Sec-WebSocket-Protocol and then closes at once). The
 * `ws` client aborts such a handshake itself (RFC 6455 §4.1: the server's answer must name one
 * of the offered subprotocols), so it never sees whether the CSMS closes. This client sends the
 * upgrade request with `http`/`https`, reads the 101 response's headers, and then watches the
 * socket for a close frame or the end of the TCP connection within `closeWithinMs`. It answers a
 * close frame with its own (masked, as a client must) and never sends data.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';

export interface RawUpgradeOptions {
  /** ws:// or wss:// URL, the station id as last path segment. */
  url: string;
  /** Subprotocols offered in Sec-WebSocket-Protocol, in order of preference. */
  offer: readonly string[];
  /** Extra request headers (e.g. authorization). */
  headers?: Record<string, string>;
  /** wss://: the CA bundle to trust, and a client certificate. */
  ca?: string;
  cert?: string;
  key?: string;
  /** Real ms for the HTTP response to the upgrade request. */
  handshakeMs: number;
  /** Real ms the CSMS has, after a 101, to close the connection. */
  closeWithinMs: number;
}

export type RawUpgradeResult =
  /** The upgrade was answered with another HTTP status (the handshake was not completed). */
  | { kind: 'refused'; status: number; statusText: string }
  /**
   * 101 Switching Protocols. `protocol`: the Sec-WebSocket-Protocol header (undefined: none).
   * `closed`: how the CSMS ended the connection within closeWithinMs ('open': it did not),
   * `closeCode` the close frame's status code, `afterMs` when, counted from the 101.
   */
  | { kind: 'upgraded'; protocol?: string; closed: 'close-frame' | 'tcp' | 'open'; closeCode?: number; afterMs?: number }
  /** No HTTP answer within handshakeMs, or a network or TLS error. */
  | { kind: 'failed'; reason: string };

/** The opcode and, for a close frame, the status code of each complete frame at the start of `buf`; the rest is left. */
function readFrames(buf: Buffer): { frames: { opcode: number; code?: number }[]; rest: Buffer } {
  const frames: { opcode: number; code?: number }[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    const opcode = buf[at] & 0x0f;
    const masked = (buf[at + 1] & 0x80) !== 0;
    let len = buf[at + 1] & 0x7f;
    let head = 2;
    if (len === 126) { if (buf.length - at < 4) break; len = buf.readUInt16BE(at + 2); head = 4; }
    else if (len === 127) { if (buf.length - at < 10) break; len = Number(buf.readBigUInt64BE(at + 2)); head = 10; }
    if (masked) head += 4;
    if (buf.length - at < head + len) break;
    const payload = buf.subarray(at + head, at + head + len);
    frames.push(opcode === 0x8 && payload.length >= 2 ? { opcode, code: payload.readUInt16BE(0) } : { opcode });
    at += head + len;
  }
  return { frames, rest: buf.subarray(at) };
}

/** A masked close frame with `code` (a client's frames are masked, RFC 6455 §5.3). */
function closeFrame(code: number): Buffer {
  const mask = randomBytes(4);
  const body = Buffer.alloc(2);
  body.writeUInt16BE(code, 0);
  for (let i = 0; i < body.length; i++) body[i] ^= mask[i % 4];
  return Buffer.concat([Buffer.from([0x88, 0x80 | body.length]), mask, body]);
}

/** Sends the upgrade request; after a 101 watches the connection until the CSMS closes it or closeWithinMs pass. Never throws. */
export function rawUpgrade(opts: RawUpgradeOptions): Promise<RawUpgradeResult> {
  const url = new URL(opts.url);
  const secure = url.protocol === 'wss:';
  const headers: Record<string, string> = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    ...(opts.offer.length ? { 'Sec-WebSocket-Protocol': opts.offer.join(', ') } : {}),
    ...opts.headers,
  };
  const target = {
    protocol: secure ? 'https:' : 'http:', hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || (secure ? 443 : 80),
    path: `${url.pathname}${url.search}`, method: 'GET', headers,
    ...(secure ? { ca: opts.ca, cert: opts.cert, key: opts.key, servername: /^[\d.]+$|:/.test(url.hostname) ? undefined : url.hostname } : {}),
  };
  return new Promise<RawUpgradeResult>((resolve) => {
    let settled = false;
    const finish = (r: RawUpgradeResult): void => { if (!settled) { settled = true; clearTimeout(handshakeTimer); resolve(r); } };
    const req = (secure ? httpsRequest : httpRequest)(target);
    const handshakeTimer = setTimeout(() => { finish({ kind: 'failed', reason: `no answer to the upgrade request within ${opts.handshakeMs} ms` }); req.destroy(); }, opts.handshakeMs);
    req.on('error', (err: Error & { code?: string }) => finish({ kind: 'failed', reason: `${err.message}${err.code ? ` (${err.code})` : ''}` }));
    req.on('response', (res: IncomingMessage) => {
      finish({ kind: 'refused', status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' });
      res.resume();
      req.destroy();
    });
    req.on('upgrade', (res: IncomingMessage, socket: Duplex, head: Buffer) => {
      clearTimeout(handshakeTimer);
      const header = res.headers['sec-websocket-protocol'];
      const protocol = Array.isArray(header) ? header.join(', ') : header;
      const start = Date.now();
      let buf: Buffer = Buffer.alloc(0);
      let over = false;
      const done = (closed: 'close-frame' | 'tcp' | 'open', closeCode?: number): void => {
        if (over) return;
        over = true;
        clearTimeout(closeTimer);
        socket.removeAllListeners('data');
        if (closed === 'close-frame') socket.end(closeFrame(closeCode === undefined || closeCode === 1005 ? 1000 : closeCode));
        else socket.destroy();
        finish({ kind: 'upgraded', protocol, closed, ...(closeCode !== undefined ? { closeCode } : {}), ...(closed === 'open' ? {} : { afterMs: Date.now() - start }) });
      };
      const onData = (chunk: Buffer): void => {
        const read = readFrames(Buffer.concat([buf, chunk]));
        buf = read.rest;
        const close = read.frames.find((f) => f.opcode === 0x8);
        if (close) done('close-frame', close.code ?? 1005);
      };
      const closeTimer = setTimeout(() => done('open'), opts.closeWithinMs);
      socket.on('data', onData);
      socket.on('error', () => done('tcp'));
      socket.on('end', () => done('tcp'));
      socket.on('close', () => done('tcp'));
      if (head.length) onData(head);
    });
    req.end();
  });
}
