/**
 * Fleet benchmark (figures, not assertions): one harness process holds N simulated stations
 * against the reference CSMS running in another process (a process may hold at most 20,000
 * open files). Prints memory per idle connected station, messages per second, reply latency
 * percentiles, lost messages and errors. `npm run bench:fleet` (default 10,000 stations; set
 * FLEET_STATIONS, FLEET_RAMP, FLEET_HOLD to change).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Fleet, formatProgress, formatSummary } from '../../harness/fleet/fleet';

const N = Number(process.env.FLEET_STATIONS ?? 10_000);
const RAMP = Number(process.env.FLEET_RAMP ?? 1_000);
/** Seconds the full fleet runs after the ramp (heartbeats every 10 s, a transaction per station about every 60 s). */
const HOLD = Number(process.env.FLEET_HOLD ?? 25);
const gc = (globalThis as { gc?: () => void }).gc;

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

async function main(): Promise<void> {
  if (!gc) process.stdout.write('(run with --expose-gc for memory figures after garbage collection)\n');
  const csms = await startCsms();
  gc?.();
  const before = process.memoryUsage();
  let idle: { rss: number; heap: number; booted: number } | undefined;
  const rampSeconds = N / RAMP;
  const fleet = new Fleet({
    url: csms.url, version: '2.0.1', stations: N, ramp: RAMP, duration: Math.ceil(rampSeconds) + HOLD, heartbeat: 10, txEvery: 60, connectors: 1,
    onProgress: (p) => {
      process.stdout.write(`${formatProgress(p)}\n`);
      // Memory of the whole fleet, connected and booted, once it settles (a few seconds after the ramp).
      if (!idle && p.booted === N && p.elapsed > rampSeconds + 5) {
        gc?.();
        const m = process.memoryUsage();
        idle = { rss: m.rss, heap: m.heapUsed, booted: p.booted };
      }
    },
  });
  const summary = await fleet.run();
  const csmsRss = await csms.rss();
  csms.stop();
  process.stdout.write(`\n${formatSummary(summary)}\n`);
  process.stdout.write(`\nFleet benchmark (one harness process, reference CSMS in another; ${N} stations, OCPP 2.0.1, ramp ${RAMP}/s)\n`);
  if (idle) {
    const perRss = (idle.rss - before.rss) / N;
    const perHeap = (idle.heap - before.heapUsed) / N;
    process.stdout.write(`  harness RSS ${mb(before.rss)} -> ${mb(idle.rss)} with ${idle.booted} booted stations: ${(perRss / 1024).toFixed(1)} KB per connected station (heap ${(perHeap / 1024).toFixed(1)} KB); target < 50 KB\n`);
  } else {
    process.stdout.write('  memory: the fleet never had every station booted at once (see errors)\n');
  }
  process.stdout.write(`  reference CSMS RSS at the end: ${mb(csmsRss)}\n`);
  process.stdout.write(`  stations booted ${summary.booted}/${N}; ${(summary.sent / summary.elapsed).toFixed(0)} msg/s on average; latency p50/p95/p99 ${summary.latency.p50.toFixed(2)}/${summary.latency.p95.toFixed(2)}/${summary.latency.p99.toFixed(2)} ms; lost ${summary.lost}; errors ${summary.errors}\n`);
  process.exit(0);
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
