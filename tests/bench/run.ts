/**
 * Benchmarks (figures, not assertions): harness overhead per frame next to a raw `ws` echo
 * measured in the same run, and the wall time of the default run and of report generation.
 * `npm run bench` (add `--quick` to skip the full default run).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { parseFrame } from '../../harness/protocol/rpc';
import { validatePayload } from '../../harness/protocol/validator';
import { OcppConnection } from '../../harness/transport/connection';
import { Journal } from '../../harness/transport/journal';
import { type IncomingStation, OcppServer } from '../../harness/transport/server';
import { generateAllureReport } from '../../harness/report/allure';

const N = 20_000;
const frame = (i: number): string => JSON.stringify([2, `m${i}`, 'StatusNotification', { timestamp: '2026-11-25T10:00:00.000Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 }]);

function inProcess(): { harnessUs: number; parseOnlyUs: number } {
  const texts = Array.from({ length: N }, (_, i) => frame(i));
  const journal = new Journal(1000);
  for (let i = 0; i < 2000; i++) validatePayload('2.0.1', 'StatusNotification', 'request', (JSON.parse(texts[i]) as unknown[])[3]);
  let t = performance.now();
  for (const text of texts) JSON.parse(text);
  const parseOnlyUs = ((performance.now() - t) * 1000) / N;
  t = performance.now();
  for (const text of texts) {
    const p = parseFrame(text);
    if (!p.ok || p.frame.type !== 2) throw new Error('bad bench frame');
    const v = validatePayload('2.0.1', p.frame.action, 'request', p.frame.payload);
    journal.frame('in', text, p.frame, { violation: v?.message });
  }
  return { harnessUs: ((performance.now() - t) * 1000) / N, parseOnlyUs };
}

async function roundTrips(url: string, count: number): Promise<number> {
  const ws = new WebSocket(url, ['ocpp2.0.1']);
  await new Promise((r) => ws.once('open', r));
  let i = 0;
  const t = performance.now();
  await new Promise<void>((resolve) => {
    ws.on('message', () => { if (++i >= count) resolve(); else ws.send(frame(i)); });
    ws.send(frame(0));
  });
  const us = ((performance.now() - t) * 1000) / count;
  ws.close();
  return us;
}

async function loopback(): Promise<{ rawUs: number; harnessUs: number }> {
  const raw = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'ocpp2.0.1' });
  raw.on('connection', (ws) => ws.on('message', (d) => { const id = (JSON.parse(d.toString()) as unknown[])[1]; ws.send(JSON.stringify([3, id, {}])); }));
  await new Promise((r) => raw.once('listening', r));
  const rawUrl = `ws://127.0.0.1:${(raw.address() as { port: number }).port}/ocpp/CS1`;
  const server = new OcppServer({ versions: ['2.0.1'] });
  await server.listen();
  const journal = new Journal(5000);
  server.on('station', (s: IncomingStation) => new OcppConnection(s.ws, { version: '2.0.1', journal, callTimeoutMs: 1000, onCall: () => ({ payload: {} }) }));
  await roundTrips(rawUrl, 2000);
  await roundTrips(server.urlFor('CS1'), 2000);
  const rawUs = await roundTrips(rawUrl, N);
  const harnessUs = await roundTrips(server.urlFor('CS1'), N);
  raw.close();
  await server.close();
  return { rawUs, harnessUs };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const p = inProcess();
  console.log(`frames: ${N} StatusNotification CALLs (OCPP 2.0.1)`);
  console.log(`in-process parse + validate + record: ${p.harnessUs.toFixed(2)} us/frame (JSON.parse alone ${p.parseOnlyUs.toFixed(2)} us; target < 50 us)`);
  const l = await loopback();
  console.log(`loopback round trip, raw ws echo:        ${l.rawUs.toFixed(1)} us`);
  console.log(`loopback round trip, harness CSMS:       ${l.harnessUs.toFixed(1)} us (ratio ${(l.harnessUs / l.rawUs).toFixed(2)}; overhead ${((l.harnessUs - l.rawUs) / 2).toFixed(1)} us per frame, 2 frames per round trip)`);
  if (quick) return;
  const root = join(__dirname, '..', '..');
  let t = performance.now();
  const run = spawnSync(process.execPath, [join(root, 'bin', 'ocpp-harness'), 'run', '--no-report'], { cwd: root, encoding: 'utf8' });
  const runS = (performance.now() - t) / 1000;
  const last = (run.stdout ?? '').trim().split('\n').pop();
  console.log(`default run (all cases, both versions, embedded station): ${runS.toFixed(1)} s wall, exit ${run.status} (${last}) (target < 60 s)`);
  t = performance.now();
  const problem = generateAllureReport();
  console.log(`Allure report generation: ${((performance.now() - t) / 1000).toFixed(1)} s${problem ? ` (${problem})` : ''}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
