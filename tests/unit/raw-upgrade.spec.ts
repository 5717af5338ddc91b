import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { expect, test } from '@playwright/test';
import { OcppServer } from '../../harness/transport/server';
import { rawUpgrade } from '../../harness/judge/as-station/raw-upgrade';

const accept = (req: IncomingMessage): string => createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');

/** A server that answers every upgrade with `answer(req, socket)`. */
async function scripted(answer: (req: IncomingMessage, socket: Duplex) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket) => answer(req, socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ocpp/CS1` };
}
const switching = (req: IncomingMessage, protocol?: string): string =>
  `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept(req)}\r\n${protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : ''}\r\n`;
const closeFrame = (code: number): Buffer => Buffer.from([0x88, 0x02, code >> 8, code & 0xff]);
const opts = { offer: ['ocpp0.1'], handshakeMs: 2000, closeWithinMs: 400 };

test.describe('raw WebSocket upgrade (Part 4 §3.2 check)', () => {
  test('a 101 without a subprotocol, then a close frame: upgraded, no protocol, closed with its code', async () => {
    const { server, url } = await scripted((req, socket) => { socket.write(switching(req)); socket.write(closeFrame(1002)); });
    const r = await rawUpgrade({ ...opts, url });
    expect(r).toMatchObject({ kind: 'upgraded', protocol: undefined, closed: 'close-frame', closeCode: 1002 });
    server.close();
  });

  test('a 101 without a subprotocol, then the TCP connection ends: closed by tcp', async () => {
    const { server, url } = await scripted((req, socket) => { socket.end(switching(req)); });
    const r = await rawUpgrade({ ...opts, url });
    expect(r).toMatchObject({ kind: 'upgraded', closed: 'tcp' });
    server.close();
  });

  test('a 101 that stays open is reported open after closeWithinMs', async () => {
    const sockets: Duplex[] = [];
    const { server, url } = await scripted((req, socket) => { sockets.push(socket); socket.write(switching(req)); });
    const t0 = Date.now();
    const r = await rawUpgrade({ ...opts, url });
    expect(r).toEqual({ kind: 'upgraded', protocol: undefined, closed: 'open' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    for (const s of sockets) s.destroy();
    server.close();
  });

  test('the Sec-WebSocket-Protocol header of the 101 is reported', async () => {
    const { server, url } = await scripted((req, socket) => { socket.write(switching(req, 'ocpp0.1')); socket.write(closeFrame(1000)); });
    const r = await rawUpgrade({ ...opts, url });
    expect(r).toMatchObject({ kind: 'upgraded', protocol: 'ocpp0.1', closed: 'close-frame' });
    server.close();
  });

  test('another HTTP status is a refusal; no server is a failure', async () => {
    const { server, url } = await scripted((_req, socket) => { socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'); });
    expect(await rawUpgrade({ ...opts, url })).toEqual({ kind: 'refused', status: 400, statusText: 'Bad Request' });
    await new Promise((r) => server.close(r));
    expect((await rawUpgrade({ ...opts, url })).kind).toBe('failed');
  });

  test('against the harness server: ocpp0.1 alone is completed without a subprotocol and closed; a known one stays open', async () => {
    const server = new OcppServer({ versions: ['2.0.1'] });
    await server.listen();
    const unknown = await rawUpgrade({ ...opts, url: server.urlFor('CS1') });
    expect(unknown).toMatchObject({ kind: 'upgraded', protocol: undefined, closed: 'close-frame' });
    const known = await rawUpgrade({ ...opts, offer: ['ocpp0.1', 'ocpp2.0.1'], closeWithinMs: 200, url: server.urlFor('CS1') });
    expect(known).toEqual({ kind: 'upgraded', protocol: 'ocpp2.0.1', closed: 'open' });
    await server.close();
  });
});
