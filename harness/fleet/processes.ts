/**
 * A fleet over several worker processes (`fleet --processes K`, default: one per core): the
 * stations are dealt round robin (station numbers interleave, so ids never collide and each
 * process gets the same share of the mix), each process sends a sample per second, and the
 * summaries merge exactly (harness/fleet/summary.ts). `LocalFleet` is the same interface in
 * this process (K = 1), so the CLI, the capacity ramp and conformance-under-load drive either.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Fleet, type FleetOptions } from './fleet';
import { type FleetSample, type FleetSummary, mergeSummaries, mergeTimelines } from './summary';

export interface FleetDriver {
  readonly processes: number;
  start(): Promise<void>;
  /** Raises the fleet by n stations (started at the ramp's rate). */
  add(n: number): void;
  /** Samples so far, merged per second. */
  timeline(): FleetSample[];
  /** Seconds since the fleet started (the timeline's clock). */
  elapsed(): number;
  stop(): Promise<FleetSummary>;
}

type Opts = Omit<FleetOptions, 'onProgress' | 'onSample'> & { onSample?: (s: FleetSample) => void };

export class LocalFleet implements FleetDriver {
  readonly processes = 1;
  private readonly fleet: Fleet;
  constructor(opts: Opts) { this.fleet = new Fleet({ ...opts, stations: 0 }); }
  private t0 = 0;
  async start(): Promise<void> { this.t0 = Date.now(); this.fleet.start(); }
  elapsed(): number { return (Date.now() - this.t0) / 1000; }
  add(n: number): void { this.fleet.add(n); }
  timeline(): FleetSample[] { return this.fleet.timeline; }
  async stop(): Promise<FleetSummary> {
    const s = await this.fleet.stop();
    s.rssBytes = process.memoryUsage().rss;
    return s;
  }
}

/** The worker's entry next to this file: compiled (dist/) or run from the sources with ts-node. */
function workerEntry(): { file: string; execArgv: string[] } {
  const ts = __filename.endsWith('.ts');
  return { file: join(__dirname, `worker${ts ? '.ts' : '.js'}`), execArgv: ts ? ['-r', 'ts-node/register/transpile-only'] : [] };
}

export class ProcessFleet implements FleetDriver {
  private readonly children: { proc: ChildProcess; samples: FleetSample[]; summary?: Promise<FleetSummary> }[] = [];
  private added = 0;
  private t0 = 0;
  constructor(readonly processes: number, private readonly opts: Opts) {}

  elapsed(): number { return (Date.now() - this.t0) / 1000; }

  async start(): Promise<void> {
    const { file, execArgv } = workerEntry();
    const stride = (this.opts.stride ?? 1) * this.processes;
    await Promise.all(Array.from({ length: this.processes }, (_, i) => new Promise<void>((resolve, reject) => {
      const proc = fork(file, [], { execArgv: [...execArgv, '--max-old-space-size=4096', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const child = { proc, samples: [] as FleetSample[] };
      this.children.push(child);
      proc.on('message', (m: { type: string; sample?: FleetSample }) => {
        // The fleet's clock starts when the worker has started it (a worker loads for a while first).
        if (m.type === 'ready') { if (!this.t0) this.t0 = Date.now(); resolve(); }
        if (m.type === 'sample' && m.sample) { child.samples.push(m.sample); this.opts.onSample?.(m.sample); }
      });
      proc.once('exit', (code) => reject(new Error(`fleet worker ${i + 1} exited (${code}) before it started`)));
      proc.once('error', reject);
      const { onSample: _s, ...plain } = this.opts;
      proc.send({ type: 'start', opts: { ...plain, stations: 0, stride, offset: (this.opts.offset ?? 0) + i * (this.opts.stride ?? 1), idWidth: this.opts.idWidth ?? 6 } });
    })));
  }

  /** Deals n stations over the processes (the first ones get the remainder). */
  add(n: number): void {
    const k = this.processes;
    for (let i = 0; i < k; i++) {
      // Station numbers interleave: process i holds numbers ≡ i (mod k), so it gets the stations added at positions ≡ i.
      const share = Math.floor((this.added + n - i + k - 1) / k) - Math.floor((this.added - i + k - 1) / k);
      if (share > 0) this.children[i].proc.send({ type: 'add', n: share });
    }
    this.added += n;
  }

  timeline(): FleetSample[] { return mergeTimelines(this.children.map((c) => c.samples)); }

  async stop(): Promise<FleetSummary> {
    const summaries = await Promise.all(this.children.map((c, i) => new Promise<FleetSummary>((resolve, reject) => {
      c.proc.on('message', (m: { type: string; summary?: FleetSummary; message?: string }) => {
        if (m.type === 'summary' && m.summary) resolve(m.summary);
        if (m.type === 'failed') reject(new Error(`fleet worker ${i + 1}: ${m.message}`));
      });
      c.proc.removeAllListeners('exit');
      c.proc.once('exit', (code) => reject(new Error(`fleet worker ${i + 1} exited (${code}) before its summary`)));
      c.proc.send({ type: 'stop' });
    })));
    return mergeSummaries(summaries);
  }
}

/** One process, or K. */
export function fleetDriver(processes: number, opts: Opts): FleetDriver {
  return processes <= 1 ? new LocalFleet(opts) : new ProcessFleet(processes, opts);
}
