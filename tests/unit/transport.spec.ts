import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { OcppConnection } from '../../harness/transport/connection';
import { Journal } from '../../harness/transport/journal';
import { type IncomingStation, OcppServer } from '../../harness/transport/server';
import type { OcppVersion } from '../../harness/protocol/versions';

/** A harness-side connection (with journal) and a raw client socket, over loopback. */
async function pair(version: OcppVersion): Promise<{ server: OcppServer; conn: OcppConnection; journal: Journal; client: WebSocket; received: string[] }> {
  const server = new OcppServer({ versions: [version] });
  await server.listen();
  const journal = new Journal();
  const accepted = new Promise<OcppConnection>((resolve) => server.once('station', (s: IncomingStation) => resolve(new OcppConnection(s.ws, {
    version, journal, callTimeoutMs: 300,
    onCall: (call) => (call.action === 'Heartbeat' ? { payload: { currentTime: new Date().toISOString() } } : { error: { code: 'NotImplemented' } }),
  }))));
  const client = new WebSocket(server.urlFor('CS1'), [version === '1.6' ? 'ocpp1.6' : 'ocpp2.0.1']);
  const received: string[] = [];
  client.on('message', (d) => received.push(d.toString()));
  await new Promise((r) => client.once('open', r));
  return { server, conn: await accepted, journal, client, received };
}

const nextMessage = (ws: WebSocket): Promise<unknown> => new Promise((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));

test.describe('OCPP connection', () => {
  test('answers a valid CALL and records both frames', async () => {
    const { server, client, journal } = await pair('2.0.1');
    const reply = nextMessage(client);
    client.send('[2,"m1","Heartbeat",{}]');
    expect((await reply as unknown[])[0]).toBe(3);
    expect(journal.entries.filter((e) => e.kind === 'frame').map((e) => (e as { dir: string }).dir)).toEqual(['in', 'out']);
    expect(journal.findings).toEqual([]);
    client.close(); await server.close();
  });

  test('garbage gets a CALLERROR with id "-1" in 2.0.1 and a finding', async () => {
    const { server, client, journal } = await pair('2.0.1');
    const reply = nextMessage(client);
    client.send('this is not json {');
    expect(await reply).toEqual([4, '-1', 'RpcFrameworkError', expect.stringContaining('not JSON'), {}]);
    expect(journal.findings[0]).toMatchObject({ severity: 'fail', rule: expect.stringMatching(/^(1\.6J|Part4)§4\.1\.2$/), raw: 'this is not json {' });
    client.close(); await server.close();
  });

  test('schema violation gets the 1.6 error code and a finding with the frame', async () => {
    const { server, client, journal } = await pair('1.6');
    const reply = nextMessage(client);
    client.send('[2,"m2","StatusNotification",{"connectorId":1,"errorCode":"NoError"}]');
    expect(await reply).toEqual([4, 'm2', 'OccurenceConstraintViolation', expect.stringContaining('status'), {}]);
    expect(journal.findings[0].raw).toContain('StatusNotification');
    client.close(); await server.close();
  });

  test('an action of the other version is NotImplemented and a finding', async () => {
    const { server, client, journal } = await pair('1.6');
    const reply = nextMessage(client);
    client.send('[2,"m3","TransactionEvent",{}]');
    expect((await reply as unknown[])[2]).toBe('NotImplemented');
    expect(journal.findings.length).toBe(1);
    client.close(); await server.close();
  });

  test('a reply to an unknown message id is a finding, not a crash', async () => {
    const { server, client, journal } = await pair('2.0.1');
    client.send('[3,"never-sent",{}]');
    await expect.poll(() => journal.findings.length).toBe(1);
    expect(journal.findings[0].message).toContain('never-sent');
    client.close(); await server.close();
  });

  test('binary frames are findings', async () => {
    const { server, client, journal } = await pair('2.0.1');
    client.send(Buffer.from([1, 2, 3]));
    await expect.poll(() => journal.findings.length).toBe(1);
    expect(journal.findings[0].message).toContain('binary');
    client.close(); await server.close();
  });

  test('call: result, CALLERROR, timeout, invalid result', async () => {
    const { server, client, conn, journal } = await pair('2.0.1');
    client.on('message', (d) => {
      const [, id, action] = JSON.parse(d.toString()) as [number, string, string];
      if (action === 'Reset') client.send(JSON.stringify([3, id, { status: 'Accepted' }]));
      if (action === 'ClearCache') client.send(JSON.stringify([4, id, 'NotSupported', 'no cache', {}]));
      if (action === 'GetLocalListVersion') client.send(JSON.stringify([3, id, { versionNumber: 'one' }]));
    });
    expect(await conn.call('Reset', { type: 'Immediate' })).toEqual({ kind: 'result', payload: { status: 'Accepted' }, violation: undefined });
    expect(await conn.call('ClearCache', {})).toMatchObject({ kind: 'error', code: 'NotSupported' });
    expect(await conn.call('UnlockConnector', { evseId: 1, connectorId: 1 }, { timeoutMs: 100 })).toEqual({ kind: 'timeout', afterMs: 100 });
    const bad = await conn.call('GetLocalListVersion', {});
    expect(bad.kind === 'result' && bad.violation).toContain('versionNumber');
    expect(journal.findings.some((f) => f.severity === 'fail' && f.message.includes('versionNumber'))).toBe(true);
    client.close(); await server.close();
  });

  test('the harness flags its own invalid frames as harness findings', async () => {
    const { server, client, conn, journal } = await pair('2.0.1');
    void conn.call('Reset', { type: 'Sometime' }, { timeoutMs: 50 });
    await expect.poll(() => journal.findings.length).toBe(1);
    expect(journal.findings[0].severity).toBe('harness');
    client.close(); await server.close();
  });

  test('a closed connection resolves pending calls as closed', async () => {
    const { server, client, conn } = await pair('1.6');
    const pending = conn.call('Reset', { type: 'Soft' });
    client.terminate();
    expect(await pending).toEqual({ kind: 'closed' });
    await server.close();
  });
});

test.describe('WebSocket server', () => {
  test('negotiates the subprotocol and takes the station id from the path', async () => {
    const server = new OcppServer({ versions: ['2.0.1', '1.6'] });
    await server.listen();
    const got = new Promise<IncomingStation>((r) => server.once('station', r));
    const ws = new WebSocket(`${server.baseUrl}/CS%2F42`, ['ocpp1.6', 'ocpp2.0.1']);
    const s = await got;
    expect(s.stationId).toBe('CS/42');
    expect(s.version).toBe('2.0.1');
    expect(server.host).toBe('127.0.0.1');
    if (ws.readyState !== ws.OPEN) await new Promise((r) => ws.once('open', r));
    ws.close(); await server.close();
  });

  test('refuses a station that offers no supported subprotocol (handshake without protocol, then close)', async () => {
    const server = new OcppServer({ versions: ['2.0.1'] });
    await server.listen();
    const refused = new Promise<{ reason: string }>((r) => server.once('refused', r));
    const ws = new WebSocket(server.urlFor('CS1'), ['ocpp0.1']);
    ws.on('error', () => undefined);
    let accepted = false;
    server.once('station', () => { accepted = true; });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    expect((await refused).reason).toContain('ocpp0.1');
    // The ws client aborts itself (1006) on a handshake without the subprotocol it asked for.
    expect([1002, 1006]).toContain(await closed);
    expect(accepted).toBe(false);
    await server.close();
  });

  test('refuses a URL without station id with 404', async () => {
    const server = new OcppServer({ versions: ['2.0.1'] });
    await server.listen();
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/`, ['ocpp2.0.1']);
    const status = await new Promise<number>((r) => ws.once('unexpected-response', (_req, res) => r(res.statusCode ?? 0)));
    expect(status).toBe(404);
    await server.close();
  });
});

test('a station that resets a refused connection (HTTP 503) is no uncaught error', async () => {
  const { CsmsEndpoint } = await import('../../harness/judge/as-csms/scripted-csms');
  const { EMBEDDED_TIMING } = await import('../../harness/model/timing');
  const { connect } = await import('node:net');
  const uncaught: Error[] = [];
  const onUncaught = (e: Error): void => { uncaught.push(e); };
  // Playwright's own listener would end the worker on an uncaught error: only this one listens meanwhile.
  const others = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', onUncaught);
  const endpoint = await new CsmsEndpoint({ versions: ['2.0.1'], timing: EMBEDDED_TIMING }).start();
  try {
    endpoint.offlineUntil = Date.now() + 60_000;
    const url = new URL(endpoint.server.urlFor('CS1'));
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve) => {
        const s = connect(Number(url.port), url.hostname, () => {
          s.write(`GET ${url.pathname} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp2.0.1\r\n\r\n`);
          // The 503 came: the station resets the connection (RST) instead of closing it.
          s.once('data', () => { s.resetAndDestroy(); setTimeout(resolve, 20); });
        });
        s.on('error', () => undefined);
      });
    }
    expect(uncaught.map((e) => e.message)).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
    for (const l of others) process.on('uncaughtException', l);
    await endpoint.stop();
  }
});
