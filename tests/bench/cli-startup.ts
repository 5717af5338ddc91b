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

const COMMANDS: [string, string[]][] = [
  ['node -e 0', ['-e', '0']],
  ['ocpp-harness --help', [CLI, '--help']],
  ['ocpp-harness run --help', [CLI, 'run', '--help']],
];

// Round-robin, so a change in the machine's load touches every command alike.
const times = COMMANDS.map((): number[] => []);
let stderr = '';
for (let i = 0; i < RUNS; i++) {
  COMMANDS.forEach(([name, args], c) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    times[c].push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    stderr += r.stderr;
  });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(times[0]);
console.log(`CLI start-up, median of ${RUNS} runs each (${stderr.includes('ts-node') ? 'from the sources via ts-node: dist/ is stale or missing' : 'compiled, dist/'}):`);
COMMANDS.forEach(([name], c) => console.log(`  ${name.padEnd(26)} ${median(times[c]).toFixed(0).padStart(6)} ms  ×${(median(times[c]) / floor).toFixed(2)}`));
