/**
 * The rig kit (examples/, docs/writing-a-rig.md) works as shipped: the station rig for the
 * command adapter drives the simulated station (examples/station-rig/demo-bench.js) through a
 * real-station run, every station action included; the operator hook server for the http
 * adapter drives the reference CSMS through a CSMS run, every operator action included; what a
 * rig or hook cannot do (exit 3, HTTP 501) skips its case with the reason.
 */
import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FACTS } from '../../harness/config/run-config';
import { reaped } from '../support/reap';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');
const RIG = join(ROOT, 'examples', 'station-rig', 'rig.js');
const BENCH = join(ROOT, 'examples', 'station-rig', 'demo-bench.js');
const HOOK = join(ROOT, 'examples', 'csms-hook', 'hook-server.js');

/** Runs a program to its end (asynchronously: the bench in this process's children keeps serving). */
function run(args: string[], env: Record<string, string> = {}, timeout = 300_000): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = reaped(spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CI: '1', ...env } }));
    let out = ''; let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('exit', (status) => { clearTimeout(timer); resolve({ status, out, err }); });
  });
}

/** Starts a long-running program and waits for the line `<prefix> <value>` it prints when ready. */
async function start(args: string[], prefix: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; value: string }> {
  const child = reaped(spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } }));
  const value = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = new RegExp(`^${prefix} (\\S+)`, 'm').exec(out); if (m) resolve(m[1]); });
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
  });
  return { child, value };
}

const freePort = (): Promise<number> => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

interface Result { name: string; status: string; statusDetails?: { message?: string } }
const results = (dir: string): Result[] => readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')) as Result);

test.describe.configure({ timeout: 300_000 });

test('station rig (command adapter): every station action against the simulated station; exit 3 skips', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-rig-kit-'));
  const port = await freePort();
  const bench = await start([BENCH, `ws://127.0.0.1:${port}/ocpp/CS-KIT`, '2.0.1', 'CS-KIT', '0.05'], 'bench');
  try {
    const rigEnv = { RIG_BENCH_URL: bench.value };
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ timing: { scale: 0.05, rebootTimeout: 40, actionTimeout: 600, slackMs: 400 } }));
    const r = await run([CLI, 'run', '--ocpp', '2.0.1', '--adapter', 'command', '--command', `node ${RIG}`,
      '--port', String(port), '--station-id', 'CS-KIT', '--config', join(dir, 'run.json'), '--reports', join(dir, 'reports'), '--no-report',
      '--grep', '\\bTC_B_01_CS|\\bTC_E_03_CS|\\bHX_C01_KEYPAD_CS|\\bHX_TC_041_CS|\\bTC_G_20_CS'], { ...rigEnv, RIG_CANNOT: 'powerCycle' });
    expect(r.status, r.out + r.err).toBe(0);
    const res = results(join(dir, 'reports'));
    expect(res.filter((x) => x.status === 'passed').map((x) => x.name.split(' ')[0]).sort()).toEqual(['HX_C01_KEYPAD_CS', 'HX_TC_041_CS', 'TC_E_03_CS', 'TC_G_20_CS']);
    // Power cycling not wired yet (RIG_CANNOT): the rig exits 3, and the cold boot case is skipped quoting the rig's reason.
    const skipped = res.filter((x) => x.status === 'skipped');
    expect(skipped.map((x) => x.name.split(' ')[0])).toEqual(['TC_B_01_CS']);
    expect(skipped[0].statusDetails?.message ?? '').toContain('powerCycle is not wired on this bench (RIG_CANNOT)');

    // powerOn (asked only when the station is away), powerCycle, and the rig's own answers, straight from the rig.
    for (const action of ['powerOn', 'powerCycle']) expect((await run([RIG, action], rigEnv)).status, action).toBe(0);
    const relay = await run([RIG, 'observeRelay', '1', '1'], rigEnv);
    expect(relay.out.trim()).toMatch(/^(closed|open)$/);
    expect((await run([RIG, 'observeEnergy', '1', '1'], rigEnv)).out.trim()).toMatch(/^\d+(\.\d+)?$/);
    const noKeypad = await start([BENCH, 'ws://127.0.0.1:9/ocpp/CS-NONE', '2.0.1', 'CS-NONE'], 'bench', { BENCH_CANNOT: 'enterCode' });
    try {
      const keypad = await run([RIG, 'enterCode', '1234'], { RIG_BENCH_URL: noKeypad.value });
      expect([keypad.status, keypad.err.trim()]).toEqual([3, 'cannot: this bench cannot enterCode (BENCH_CANNOT)']);
    } finally { noKeypad.child.kill('SIGTERM'); }
    const notWired = await run([RIG, 'observeEnergy', '1', '1'], { ...rigEnv, RIG_CANNOT: 'raiseFault,observeEnergy' });
    expect([notWired.status, notWired.err.trim()]).toEqual([3, 'cannot: observeEnergy is not wired on this bench (RIG_CANNOT)']);
    expect((await run([RIG, 'levitate'], rigEnv)).status).toBe(3);
    const bad = await run([RIG, 'plugIn', '0', '1'], rigEnv);
    expect([bad.status, bad.err.trim()]).toEqual([1, 'EVSE id must be a positive integer, got "0"']);

    const stats = await fetch(`${bench.value}/stats`).then((x) => x.json() as Promise<{ actions: Record<string, number> }>);
    for (const action of ['powerOn', 'powerCycle', 'plugIn', 'unplug', 'presentCard', 'enterCode', 'raiseFault', 'clearFault', 'observeRelay', 'observeEnergy']) {
      expect(stats.actions[action] ?? 0, `${action}: ${JSON.stringify(stats.actions)}`).toBeGreaterThan(0);
    }
  } finally {
    bench.child.kill('SIGTERM');
  }
});

test('operator hook server (http adapter): every operator action against the reference CSMS; 501 skips', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-hook-kit-'));
  const ref = await start([CLI, 'reference-csms', '--port', '0'], 'Reference CSMS: OCPP');
  const url = ref.value.replace(/\/<stationId>$/, '');
  const hook = await start([HOOK], 'hook', { CSMS_API: url.replace(/^ws/, 'http').replace(/\/ocpp$/, ''), HOOK_PORT: '0', HOOK_CANNOT: 'renewStationCertificate' });
  let hookLog = '';
  hook.child.stderr!.on('data', (d: Buffer) => { hookLog += d.toString(); });
  try {
    writeFileSync(join(dir, 'csms.json'), JSON.stringify({ csms: { facts: EMBEDDED_FACTS }, timing: { messageTimeout: 5, actionTimeout: 20 } }));
    const r = await run([CLI, 'run', '--role', 'csms', '--url', url, '--ocpp', '2.0.1', '--adapter', 'http', '--hook-url', hook.value,
      '--config', join(dir, 'csms.json'), '--reports', join(dir, 'reports'), '--no-report',
      '--grep', '\\bTC_C_37_CSMS|\\bTC_D_0[18]_CSMS|\\bHX_F01_01_CSMS|\\bTC_L_07_CSMS|\\bTC_G_07_CSMS|\\bTC_B_31_CSMS|\\bTC_A_11_CSMS']);
    expect(r.status, r.out + r.err).toBe(0);
    const res = results(join(dir, 'reports'));
    expect(res.filter((x) => x.status === 'passed').length, JSON.stringify(res.map((x) => [x.name, x.status]))).toBe(7);
    const skipped = res.filter((x) => x.status === 'skipped');
    expect(skipped.map((x) => x.name.split(' ')[0])).toEqual(['TC_A_11_CSMS']);
    expect(skipped[0].statusDetails?.message ?? '').toContain('renewStationCertificate is not wired to this CSMS (HOOK_CANNOT)');
    for (const type of ['remoteStart', 'remoteStop', 'clearCache', 'getLocalListVersion', 'sendLocalList', 'updateFirmware', 'changeAvailability', 'triggerBootNotification']) {
      expect(hookLog, type).toMatch(new RegExp(`^hook: 202 started ${type} on `, 'm'));
    }
    expect(hookLog).toMatch(/^hook: 501 renewStationCertificate is not wired/m);
    // What the hook refuses outright: not JSON, not an action, not a POST.
    expect((await fetch(hook.value, { method: 'POST', body: '{' })).status).toBe(400);
    expect((await fetch(hook.value, { method: 'POST', body: '{"type":"clearCache"}' })).status).toBe(400);
    expect((await fetch(hook.value)).status).toBe(405);
    const unknown = await fetch(hook.value, { method: 'POST', body: '{"type":"teleport","stationId":"CS-REF-01"}' });
    expect([unknown.status, await unknown.text()]).toEqual([501, 'hook-server.js does not know the action "teleport"']);
  } finally {
    hook.child.kill('SIGTERM');
    ref.child.kill('SIGTERM');
  }
});
