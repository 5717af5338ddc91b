/**
 * The harness against hostile peers, on both sides: a station that attacks the harness's CSMS,
 * and a CSMS that attacks the harness's station. For every hostile input the affected case must
 * fail with a clear message naming the rule, the journal must hold a finding with the frame, the
 * harness must stay within its memory and time bounds, and the report artifacts (frame log,
 * JSON lines, sequence diagram) must still be produced.
 */
import { expect, test } from '@playwright/test';
import { connect as tcpConnect } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { CsmsEndpoint, type ScriptedCsms } from '../../harness/judge/as-csms/scripted-csms';
import { ScriptedStation } from '../../harness/judge/as-station/scripted-station';
import { StationDriver } from '../../harness/judge/as-station/station-driver';
import { EMBEDDED_TIMING, type Timing } from '../../harness/model/timing';
import { DEFAULT_LIMITS, type Limits } from '../../harness/transport/limits';
import type { Journal } from '../../harness/transport/journal';
import { sequenceSvg } from '../../harness/report/sequence';
import { testPki } from '../../harness/services/test-pki';

/** Fast timing: a message timeout of 2 s (40 spec s × 0.05). */
const T: Timing = { ...EMBEDDED_TIMING, messageTimeout: 40 };
// The frame-rate limit is lowered from the default 2000/s to 200/s here: a flood of 10,000 frames
// must trip it however slowly a busy machine parses them (the limit counts frames per second of
// the receiver's wall clock; at load 30 on 2 cores the harness parsed under 2000 a second).
const LIMITS: Limits = { ...DEFAULT_LIMITS, pingSeconds: 0.3, pongTimeoutSeconds: 0.3, handshakeSeconds: 1, maxFramesPerSecond: 200 };
const BOOT = JSON.stringify([2, 'h-1', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } }]);
const BOOT_REPLY = (id: string): string => JSON.stringify([3, id, { status: 'Accepted', currentTime: new Date().toISOString(), interval: 60 }]);

type Hostile = (ws: WebSocket, raw: { send(b: Buffer): void; destroy(): void }) => void;

interface Outcome { error: string; findings: string[]; ms: number; heapMb: number; journal: Journal }

/** Report artifacts the fixtures attach: they must still be produced, bounded. */
function reportArtifacts(j: Journal): { txt: number; jsonl: number; svg: number } {
  return { txt: j.format().length, jsonl: j.toJsonl().length, svg: sequenceSvg(j).length };
}

// ---- station side: a hostile station against the harness CSMS --------------------------

async function hostileStation(hostile: Hostile, opts: { rule?: string; afterBoot?: boolean; noPong?: boolean } = {}): Promise<Outcome> {
  const endpoint = await new CsmsEndpoint({ versions: ['2.0.1'], timing: T, limits: LIMITS }).start();
  const csms: ScriptedCsms = endpoint.newView({ version: '2.0.1', stationId: 'EVIL', timing: T });
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = Date.now();
  const ws = new WebSocket(endpoint.server.urlFor('EVIL'), ['ocpp2.0.1'], { autoPong: !opts.noPong });
  ws.on('error', () => undefined);
  await new Promise((r) => ws.once('open', r));
  const raw = { send: (b: Buffer) => (ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(b), destroy: () => ws.terminate() };
  let error = '';
  try {
    if (opts.afterBoot) {
      ws.send(BOOT);
      await csms.expectCall('BootNotification', {}, { rule: 'B01.FR.01' });
      hostile(ws, raw);
      await csms.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }, { rule: opts.rule ?? 'B06' });
      await csms.expectCall('Heartbeat', {}, { rule: opts.rule ?? 'G02.FR.02' });
    } else {
      hostile(ws, raw);
      await csms.expectCall('BootNotification', {}, { rule: opts.rule ?? 'B01.FR.01' });
    }
  } catch (e) { error = (e as Error).message; }
  const out = { error, findings: csms.journal.findings.map((f) => `${f.rule}: ${f.message}`), ms: Date.now() - t0, heapMb: (process.memoryUsage().heapUsed - heap0) / 1048576, journal: csms.journal };
  ws.terminate();
  endpoint.releaseView(csms);
  await endpoint.stop();
  return out;
}

// ---- CSMS side: a hostile CSMS against the harness station -----------------------------

async function hostileCsms(onBoot: (ws: WebSocket, id: string, raw: { send(b: Buffer): void; destroy(): void }) => void, opts: { connectOnly?: boolean; noPong?: boolean } = {}): Promise<Outcome> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false, autoPong: !opts.noPong } as ConstructorParameters<typeof WebSocketServer>[0]);
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) => {
    ws.on('error', () => undefined);
    const raw = { send: (b: Buffer) => (ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(b), destroy: () => ws.terminate() };
    if (opts.connectOnly) { onBoot(ws, '', raw); return; }
    ws.on('message', (data) => { const m = JSON.parse(String(data)) as [number, string, string]; if (m[0] === 2 && m[2] === 'BootNotification') onBoot(ws, m[1], raw); });
  });
  const station = new ScriptedStation({ version: '2.0.1', url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}/ocpp`, stationId: 'CS1', timing: T, limits: LIMITS });
  const drv = new StationDriver(station, [{ evseId: 1, connectorId: 1 }]);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = Date.now();
  let error = '';
  try {
    await station.connect({ rule: 'B01.FR.01' });
    await drv.boot({ status: 'Accepted' }, { rule: 'B01.FR.02' });
    await drv.heartbeat({}, { rule: 'G02.FR.03' });
  } catch (e) { error = (e as Error).message; }
  const out = { error, findings: station.journal.findings.map((f) => `${f.rule}: ${f.message}`), ms: Date.now() - t0, heapMb: (process.memoryUsage().heapUsed - heap0) / 1048576, journal: station.journal };
  station.shutdown();
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  return out;
}

/** Every outcome: a clear failure naming `rule`, a finding when one is due, bounded time, memory and journal, report artifacts. */
function judge(o: Outcome, expectations: { error: RegExp; finding?: RegExp; maxMs?: number }): void {
  expect(o.error, 'the affected case must fail').not.toBe('');
  expect(o.error).toMatch(expectations.error);
  expect(o.error).toContain('Last frames');
  if (expectations.finding) expect(o.findings.join('\n')).toMatch(expectations.finding);
  expect(o.ms, 'never hangs past the case timeout').toBeLessThan(expectations.maxMs ?? 8000);
  expect(o.heapMb, 'memory stays bounded').toBeLessThan(80);
  expect(o.journal.entries.length).toBeLessThan(21_000);
  const a = reportArtifacts(o.journal);
  expect(a.txt).toBeGreaterThan(0);
  expect(a.svg).toBeGreaterThan(0);
  expect(a.txt, 'the frame log stays small: raw frames are clipped').toBeLessThan(3_000_000);
}

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

test.describe('hostile station vs the harness CSMS', () => {
  test('invalid JSON', async () => judge(await hostileStation((ws) => ws.send('{"this is": not json')), { error: /B01\.FR\.01: expected CALL BootNotification/, finding: /Part4§4\.1\.2: .*JSON/i }));
  test('invalid UTF-8', async () => judge(await hostileStation((ws) => ws.send(Buffer.from([0x5b, 0x32, 0xff, 0xfe, 0x5d]), { binary: false })), { error: /B01\.FR\.01/, finding: /RFC 6455 §8\.1 UTF-8/ }));
  test('a 10 MB frame', async () => judge(await hostileStation((ws) => ws.send(TEN_MB)), { error: /B01\.FR\.01/, finding: /frame size: .*larger than the limit/ }));
  test('a frame flood (10,000 frames in a second)', async () => judge(await hostileStation((ws) => { for (let i = 0; i < 10_000; i++) ws.send(JSON.stringify([2, `f${i}`, 'Heartbeat', {}])); }), { error: /B01\.FR\.01/, finding: /frame rate: .*more than 200 frames/ }));
  test('a CALLRESULT with an unknown message id', async () => judge(await hostileStation((ws) => ws.send(JSON.stringify([3, 'never-sent', {}]))), { error: /B01\.FR\.01/, finding: /answers no outstanding CALL/ }));
  test('binary frames', async () => judge(await hostileStation((ws) => ws.send(Buffer.from(BOOT), { binary: true })), { error: /B01\.FR\.01/, finding: /binary frame/ }));
  test('no pong to pings', async () => judge(await hostileStation(() => undefined, { noPong: true }), { error: /B01\.FR\.01/, finding: /RFC 6455 §5\.5\.2 ping\/pong: no pong/ }));
  test('a duplicate message id (soft: a retransmission may reuse it)', async () => {
    const o = await hostileStation((ws) => { ws.send(JSON.stringify([2, 'dup', 'Heartbeat', {}])); ws.send(JSON.stringify([2, 'dup', 'Heartbeat', {}])); });
    judge(o, { error: /B01\.FR\.01/, finding: /unique message id: .*reuses message id "dup"/ });
  });
  test('disconnect right after connecting', async () => judge(await hostileStation((_ws, raw) => raw.destroy()), { error: /B01\.FR\.01: expected CALL BootNotification.*\n.*station not connected/ }));
  test('disconnect in the middle of a frame', async () => judge(await hostileStation((_ws, raw) => { raw.send(Buffer.from([0x81, 0xfe, 0x01, 0x00, 0x5b, 0x32])); raw.destroy(); }), { error: /B01\.FR\.01/ }));
  test('disconnect while the harness waits for a reply', async () => judge(await hostileStation((ws) => { ws.on('message', () => ws.terminate()); }, { afterBoot: true }), { error: /the station closed the connection|station is not connected/ }));
  test('a TLS client that never finishes its handshake is dropped', async () => {
    const pki = await testPki();
    const endpoint = await new CsmsEndpoint({ versions: ['2.0.1'], timing: T, limits: LIMITS, tls: { certPem: pki.server.certPem, keyPem: pki.server.keyPem } }).start();
    const t0 = Date.now();
    const sock = tcpConnect(endpoint.server.port, '127.0.0.1');
    sock.on('error', () => undefined);
    sock.write(Buffer.from([0x16, 0x03, 0x01])); // the start of a ClientHello, then nothing
    await new Promise((r) => sock.once('close', r));
    expect(Date.now() - t0, 'the server drops a stalled handshake after limits.handshakeSeconds').toBeLessThan(LIMITS.handshakeSeconds * 1000 + 3000);
    await endpoint.stop();
  });
});

test.describe('hostile CSMS vs the harness station', () => {
  test('invalid JSON', async () => judge(await hostileCsms((ws) => ws.send('not json at all')), { error: /B01\.FR\.02, Part4§4\.2\.2: expected a reply to BootNotification.*OCPP-J message timeout/, finding: /Part4§4\.1\.2/ }));
  test('invalid UTF-8', async () => judge(await hostileCsms((ws) => ws.send(Buffer.from([0xc3, 0x28]), { binary: false })), { error: /B01\.FR\.02/, finding: /UTF-8/ }));
  test('a 10 MB frame', async () => judge(await hostileCsms((ws) => ws.send(TEN_MB)), { error: /B01\.FR\.02/, finding: /frame size/ }));
  test('a frame flood (10,000 frames in a second)', async () => judge(await hostileCsms((ws) => { for (let i = 0; i < 10_000; i++) ws.send(JSON.stringify([2, `f${i}`, 'GetLocalListVersion', {}])); }), { error: /B01\.FR\.02/, finding: /frame rate/ }));
  test('a CALLRESULT with an unknown message id', async () => judge(await hostileCsms((ws) => ws.send(JSON.stringify([3, 'not-yours', {}]))), { error: /B01\.FR\.02.*OCPP-J message timeout/, finding: /answers no outstanding CALL/ }));
  test('binary frames', async () => judge(await hostileCsms((ws, id) => ws.send(Buffer.from(BOOT_REPLY(id)), { binary: true })), { error: /B01\.FR\.02/, finding: /binary frame/ }));
  test('no pong to pings', async () => judge(await hostileCsms(() => undefined, { noPong: true }), { error: /B01\.FR\.02/, finding: /no pong/ }));
  test('closes the socket on connect', async () => judge(await hostileCsms((ws) => ws.close(1011, 'bye'), { connectOnly: true }), { error: /B01\.FR\.0[12]/ }));
  test('closes the socket instead of answering', async () => judge(await hostileCsms((ws) => ws.close(1001)), { error: /B01\.FR\.02, Part4§4\.2\.2: expected a reply to BootNotification\n.*CSMS closed the connection/ }));
  test('disconnects in the middle of a frame', async () => judge(await hostileCsms((_ws, _id, raw) => { raw.send(Buffer.from([0x81, 0x7e, 0x01, 0x00, 0x5b])); raw.destroy(); }), { error: /B01\.FR\.02/ }));
  test('a TLS server that never finishes its handshake', async () => {
    const { createServer } = await import('node:net');
    const server = createServer((s) => s.on('error', () => undefined)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const station = new ScriptedStation({ version: '2.0.1', url: `wss://127.0.0.1:${(server.address() as { port: number }).port}/ocpp`, stationId: 'CS1', timing: T });
    const t0 = Date.now();
    const r = await station.tryConnect({ within: 20 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/handshake|timed out|timeout/i);
    expect(Date.now() - t0).toBeLessThan(20 * T.scale * 1000 + 3000);
    station.shutdown();
    server.close();

  });
});
