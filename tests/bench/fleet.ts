/**
 * Fleet benchmark (figures, not assertions): FLEET_PROCESSES fleet worker processes (default: one
 * per core), each against a reference CSMS in a process of its own, hold FLEET_STATIONS stations
 * in all (default 10,000) for FLEET_HOLD s after the ramp; the summaries merge exactly
 * (harness/fleet/summary.ts). Prints, in one run: stations per process and on the machine, RSS per
 * station, messages per second per core, reply latency p50/p95/p99, lost messages and errors.
 * FLEET_FIND_MAX=1 then ramps (+FLEET_STEP stations every FLEET_STEP_S s) until p99 > 500 ms or a
 * message is lost: the largest fleet this machine holds. `npm run bench:fleet`.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ProcessFleet } from '../../harness/fleet/processes';
import { formatSummary, mergeSummaries } from '../../harness/fleet/summary';
import { formatCapacity, rampUntilBreach } from '../../harness/fleet/capacity';

const CORES = availableParallelism();
const N = Number(process.env.FLEET_STATIONS ?? 10_000);
const K = Number(process.env.FLEET_PROCESSES ?? CORES);
const RAMP = Number(process.env.FLEET_RAMP ?? 1_000);
/** Seconds the full fleet runs after the ramp (heartbeats every 10 s, a session per station about every 60 s). */
const HOLD = Number(process.env.FLEET_HOLD ?? 25);

function mb(bytes: number): string { return `${(bytes / 1048576).toFixed(1)} MB`; }

async function startCsms(): Promise<{ url: string; stop: () => void; rss: () => Promise<number> }> {
  const child = spawn(process.execPath, ['--max-old-space-size=4096', join(__dirname, '../../bin/ocpp-harness'), 'reference-csms', '--port', '0', '--accept-prefix', 'FLEET-'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /OCPP (ws:\/\/\S+?)\/<stationId>/.exec(out); if (m) resolve(m[1]); });
    child.once('exit', (code) => reject(new Error(`reference CSMS exited (${code}): ${out}`)));
  });
  const rss = async (): Promise<number> => {
    const { readFileSync } = await import('node:fs');
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  };
  return { url, stop: () => child.kill('SIGTERM'), rss };
}

async function fixedFleet(): Promise<void> {
  // One reference CSMS process per fleet process (a CSMS process is single-threaded too); station numbers interleave over the pairs.
  const csms = await Promise.all(Array.from({ length: K }, () => startCsms()));
  const fleets = csms.map((c, i) => new ProcessFleet(1, {
    url: c.url, version: '2.0.1', stations: 0, ramp: RAMP / K, duration: 0, stride: K, offset: i, idWidth: String(N).length,
    heartbeat: 10, txEvery: 60, txDuration: 10, meterEvery: 5, connectors: 1,
  }));
  await Promise.all(fleets.map((f) => f.start()));
  fleets.forEach((f, i) => f.add(Math.floor((N - i + K - 1) / K)));
  const total = Math.ceil(N / RAMP) + HOLD;
  for (let t = 5; t <= total; t += 5) {
    await new Promise((r) => setTimeout(r, 5000));
    const connected = fleets.reduce((a, f) => a + (f.timeline().at(-1)?.connected ?? 0), 0);
    process.stdout.write(`${String(t).padStart(4)} s  connected ${connected}/${N}\n`);
  }
  const csmsRss = (await Promise.all(csms.map((c) => c.rss()))).reduce((a, b) => a + b, 0);
  const summary = mergeSummaries(await Promise.all(fleets.map((f) => f.stop())));
  for (const c of csms) c.stop();
  process.stdout.write(`\n${formatSummary(summary)}\n`);
  const hold = summary.timeline.filter((s) => s.t > Math.ceil(N / RAMP) + 5);
  const holdRate = hold.reduce((a, s) => a + s.sent, 0) / Math.max(1, hold.reduce((a, s) => a + s.seconds, 0));
  process.stdout.write(`\nFleet benchmark: ${N} stations, OCPP 2.0.1, ${K} fleet processes on ${CORES} cores, each against a reference CSMS process of its own\n`);
  process.stdout.write(`  stations per process ${Math.round(N / K)}, on this machine ${summary.booted} booted of ${N}\n`);
  if (summary.rssBytes) process.stdout.write(`  fleet RSS ${mb(summary.rssBytes)} in ${K} processes: ${(summary.rssBytes / 1024 / N).toFixed(1)} KB per station (with the Node runtime of each process)\n`);
  process.stdout.write(`  reference CSMS RSS ${mb(csmsRss)} in ${K} processes\n`);
  process.stdout.write(`  messages ${summary.msgPerSec.toFixed(0)}/s on average, ${holdRate.toFixed(0)}/s while holding: ${(holdRate / CORES).toFixed(0)} msg/s per core (fleet and CSMS share the cores)\n`);
  process.stdout.write(`  reply latency p50/p95/p99 ${summary.latency.p50.toFixed(2)}/${summary.latency.p95.toFixed(2)}/${summary.latency.p99.toFixed(2)} ms; sent ${summary.sent} = replies ${summary.replies} + lost ${summary.lost}; errors ${summary.errors}\n`);
}

async function findMax(): Promise<void> {
  const step = Number(process.env.FLEET_STEP ?? 2_000);
  const stepSeconds = Number(process.env.FLEET_STEP_S ?? 20);
  const csms = await startCsms();
  const fleet = new ProcessFleet(K, { url: csms.url, version: '2.0.1', stations: 0, ramp: RAMP, duration: 0, idWidth: 6, heartbeat: 10, txEvery: 60, txDuration: 10, meterEvery: 5 });
  const r = await rampUntilBreach(fleet, { step, stepSeconds, maxStations: Number(process.env.FLEET_MAX ?? 100_000), limits: { maxP99: 500, maxLossRate: 0, maxErrors: 0 }, onStep: (s) => process.stdout.write(`level ${s.stations}: ${s.breach ?? 'ok'}\n`) });
  csms.stop();
  process.stdout.write(`\n${formatCapacity(r)}\n`);
  process.stdout.write(`Largest fleet held on this machine (${K} fleet processes, one reference CSMS process): ${r.lastGood?.stations ?? 0} stations\n`);
}

(process.env.FLEET_FIND_MAX ? findMax() : fixedFleet()).then(() => process.exit(0), (e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
