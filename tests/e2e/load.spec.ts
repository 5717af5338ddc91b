/**
 * End to end, load (issue 19): the CSMS suites under load (verdicts identical for the reference
 * CSMS, a case failing for its load-only fault), the fleet over worker processes, two shards
 * merged exactly, and a capacity ramp that finds the reference CSMS's load fault and draws it.
 * Sizes are small (a shared CI machine); `npm run bench:fleet` gives the figures.
 */
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FACTS } from '../../harness/config/run-config';
import { EMBEDDED_TIMING } from '../../harness/model/timing';
import { ReferenceCsms } from '../../harness/sims/csms/reference-csms';
import { referenceData } from '../../harness/sims/csms/reference-data';
import type { FleetSummary } from '../../harness/fleet/summary';
import { reaped } from '../support/reap';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');

function cli(args: string[], timeout = 240_000): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = reaped(spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, CI: '1' } }));
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('exit', (status) => { clearTimeout(timer); resolve({ status, out }); });
  });
}

const read = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const CASES = ['--case', 'TC_B_01_CSMS', '--case', 'TC_C_08_CSMS'];

// One at a time: each loads the machine on purpose.
test.describe.configure({ mode: 'default' });

test('run --under-load: the reference CSMS keeps every verdict under load; its load-only fault fails a case only under load', async () => {
  test.setTimeout(600_000);
  const clean = mkdtempSync(join(tmpdir(), 'under-load-'));
  const faulty = mkdtempSync(join(tmpdir(), 'under-load-fault-'));
  const [ok, bad] = await Promise.all([
    cli(['run', '--role', 'csms', '--ocpp', '2.0.1', ...CASES, '--under-load', '15', '--no-report', '--reports', clean], 500_000),
    cli(['run', '--role', 'csms', '--ocpp', '2.0.1', ...CASES, '--under-load', '15', '--fault', 'load.dropsBootRepliesAbove10', '--no-report', '--reports', faulty], 500_000),
  ]);
  expect(ok.status, ok.out).toBe(0);
  expect(ok.out).toContain('Conformance under load (15 fleet stations per CSMS): 2 cases with the same verdict, 0 different');
  const same = read<{ same: number; differs: unknown[] }>(join(clean, 'under-load', 'under-load-comparison.json'));
  expect(same).toMatchObject({ same: 2, differs: [] });
  // Each loaded case carries the fleet's figures during it.
  const loaded = read<{ verdicts: { id: string; load?: { stations: number; connected: number } }[] }>(join(clean, 'under-load', 'run-summary.json'));
  for (const v of loaded.verdicts) expect(v.load?.stations, v.id).toBe(15);
  expect(Math.max(...loaded.verdicts.map((v) => v.load?.connected ?? 0))).toBeGreaterThan(10);

  expect(bad.status, bad.out).toBe(1);
  const cmp = read<{ differs: { id: string; unloaded: string; loaded: string }[] }>(join(faulty, 'under-load', 'under-load-comparison.json'));
  expect(cmp.differs.map((d) => d.id)).toContain('TC_B_01_CSMS');
  expect(cmp.differs.find((d) => d.id === 'TC_B_01_CSMS')).toMatchObject({ unloaded: 'passed', loaded: 'failed' });
  // The loaded failure quotes the rule the fault breaks.
  expect(bad.out).toMatch(/TC_B_01_CSMS[\s\S]*Part4§4\.2\.2/);
});

test('fleet --processes 2 and two shards merged: the same stations, ids disjoint, sent = replies + lost, histograms merged', async () => {
  test.setTimeout(300_000);
  const csms = await new ReferenceCsms(await referenceData(EMBEDDED_FACTS, EMBEDDED_TIMING, { acceptPrefix: 'FLEET-', heartbeatInterval: 1 })).start();
  const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
  try {
    const common = ['fleet', '--url', csms.url, '--stations', '40', '--ramp', '40', '--duration', '15', '--heartbeat', '1', '--tx-every', '2', '--tx-duration', '1', '--meter-every', '0.5', '--mix', 'rfid=0.7,remote=0.1,offline=0.2', '--offline-every', '3', '--offline-for', '1'];
    const [procs, s1, s2] = await Promise.all([
      cli([...common, '--processes', '2', '--id-prefix', 'FLEET-P-', '--json', join(dir, 'procs.json'), '--html', join(dir, 'procs.html')]),
      cli([...common, '--processes', '1', '--shard', '1/2', '--json', join(dir, 's1.json')]),
      cli([...common, '--processes', '1', '--shard', '2/2', '--json', join(dir, 's2.json')]),
    ]);
    const p = read<FleetSummary>(join(dir, 'procs.json'));
    expect(p, procs.out).toMatchObject({ stations: 40, processes: 2, booted: 40 });
    expect(p.sent).toBe(p.replies + p.lost);
    expect(p.offlinePeriods, 'offline periods with queued sessions').toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'procs.html'), 'utf8').match(/<svg /g)).toHaveLength(4);
    for (const s of [s1, s2]) expect(s.out).toContain('Fleet summary: 20 stations');
    const merged = await cli(['fleet', 'merge', join(dir, 's1.json'), join(dir, 's2.json'), '--json', join(dir, 'merged.json')]);
    const m = read<FleetSummary>(join(dir, 'merged.json'));
    expect(m, merged.out).toMatchObject({ stations: 40, processes: 2 });
    // Disjoint ids: 40 distinct stations booted across the two shards (the reference CSMS saw each once).
    expect(m.booted).toBe(40);
    expect(m.sent).toBe(m.replies + m.lost);
    const a = read<FleetSummary>(join(dir, 's1.json')); const b = read<FleetSummary>(join(dir, 's2.json'));
    expect(m.sent).toBe(a.sent + b.sent);
    expect(m.histogram.count).toBe(a.histogram.count + b.histogram.count);
    expect(merged.out).toContain(`sent ${m.sent} = replies ${m.replies} + lost ${m.lost}`);
    expect([...csms.stations.keys()].filter((id) => id.startsWith('FLEET-0')).length).toBe(40);
  } finally {
    await csms.stop();
  }
});

test('fleet --ramp-until-breach finds the level where the faulty reference CSMS starts dropping replies, and plots it', async () => {
  test.setTimeout(300_000);
  const csms = await new ReferenceCsms(await referenceData(EMBEDDED_FACTS, EMBEDDED_TIMING, { acceptPrefix: 'FLEET-', heartbeatInterval: 1 }), ['load.dropsBootRepliesAbove10']).start();
  const dir = mkdtempSync(join(tmpdir(), 'capacity-'));
  try {
    const r = await cli(['fleet', '--url', csms.url, '--ramp-until-breach', '--step', '6', '--step-duration', '12', '--max-stations', '36', '--ramp', '50',
      // A message timeout a busy machine does not decide (the fault drops the boots for good), and no latency limit to speak of.
      '--heartbeat', '1', '--tx-every', '0', '--message-timeout', '10', '--max-p99', '20000', '--processes', '2', '--json', join(dir, 'cap.json'), '--html', join(dir, 'cap.html')]);
    const cap = read<{ capacity: { lastGood?: { stations: number }; breached?: { stations: number; breach: string } } }>(join(dir, 'cap.json'));
    expect(cap.capacity.breached?.stations, r.out).toBe(12);
    expect(cap.capacity.breached?.breach).toMatch(/loss/);
    expect(cap.capacity.lastGood?.stations).toBe(6);
    expect(r.out).toContain('Last good level: 6 stations');
    const html = readFileSync(join(dir, 'cap.html'), 'utf8');
    expect(html).toContain('Last good level: 6 stations');
    expect(existsSync(join(dir, 'cap.html'))).toBe(true);
  } finally {
    await csms.stop();
  }
});
