/**
 * CLI start-up (figures, not assertions): the wall time of `ocpp-harness --help`,
 * `ocpp-harness run --help` and, as the floor, `node -e 0`; the median of N runs each and the
 * ratio to the floor. `npm run bench:cli [-- --runs N]`. Runs whatever bin/ocpp-harness runs:
 * the compiled CLI when dist/ is fresh (`npm run build`), the sources through ts-node otherwise
 * (it says so on stderr, and this bench names the mode).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');
const flag = process.argv.indexOf('--runs');
const RUNS = flag > 0 ? Number(process.argv[flag + 1]) : 9;

function median(args: string[]): { ms: number; stderr: string } {
  const times: number[] = [];
  let stderr = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    stderr = r.stderr;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], stderr };
}

const floor = median(['-e', '0']);
const rows: [string, { ms: number; stderr: string }][] = [
  ['node -e 0', floor],
  ['ocpp-harness --help', median([CLI, '--help'])],
  ['ocpp-harness run --help', median([CLI, 'run', '--help'])],
];
const fromSources = rows.some(([, r]) => r.stderr.includes('ts-node'));
console.log(`CLI start-up, median of ${RUNS} runs (${fromSources ? 'from the sources via ts-node: dist/ is stale or missing' : 'compiled, dist/'}):`);
for (const [name, r] of rows) console.log(`  ${name.padEnd(26)} ${r.ms.toFixed(0).padStart(6)} ms  ×${(r.ms / floor.ms).toFixed(2)}`);
