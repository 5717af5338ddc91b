/**
 * Case isolation against a real station (a separate station process driven through the command
 * adapter): a failed case never cascades, and a station that dies is one finding, the following
 * cases blocked until it is back. Timing is scaled for the station process only where stated
 * (run.json below); no verdict depends on wall-clock speed: the station is killed and restarted on
 * events (a case's action, the harness's "blocked" line), never after a delay.
 */
import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reaped } from '../support/reap';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');
const RIG = `node ${join(ROOT, 'tests', 'e2e', 'isolation-rig.js')}`;
const STATION = join(ROOT, 'tests', 'e2e', 'isolation-station.ts');
// The spec's timing scaled ×0.05 for this station process (as the other real-station e2e tests do); the reboot window is 2 s.
const TIMING = { timing: { scale: 0.05, rebootTimeout: 40, actionTimeout: 100, slackMs: 150 } };

const freePort = (): Promise<number> => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

/** A station process; resolves once it printed `ready` ("started" or "dormant"). */
function station(url: string, rigPort: number, env: Record<string, string>, dormant = false): Promise<ChildProcess> {
  const child = reaped(spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', STATION, url, '2.0.1', 'CS-ISO', '0.05', String(rigPort), ...(dormant ? ['--dormant'] : [])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } }));
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`station process exited (${code}) before it was ready`)));
  });
}

/** The CLI run, its output streamed to `onLine` as it comes. */
function run(args: string[], env: Record<string, string>, onLine: (line: string) => void = () => undefined): Promise<{ status: number | null; out: string }> {
  const child = reaped(spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } }));
  let out = '';
  let pending = '';
  const take = (d: Buffer): void => {
    out += d.toString('utf8');
    pending += d.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) onLine(l);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  // An outer bound only against a hung harness; it decides no verdict.
  const killer = setTimeout(() => child.kill('SIGTERM'), 300_000);
  return new Promise((resolve) => child.on('close', (status) => { clearTimeout(killer); resolve({ status, out }); }));
}

interface CaseResult { name: string; status: 'passed' | 'failed' | 'skipped'; message: string }

/** Each case's verdict from the JUnit file, in run order. */
function results(reports: string): CaseResult[] {
  const xml = readFileSync(join(reports, 'junit.xml'), 'utf8');
  return [...xml.matchAll(/<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => {
    const body = m[3] ?? '';
    const status = /<(failure|error)\b/.test(body) ? 'failed' : /<skipped\b/.test(body) ? 'skipped' : 'passed';
    // A skip's reason is the "skip" property (Playwright's JUnit reporter).
    const message = /<(?:failure|error)[^>]*message="([^"]*)"/.exec(body)?.[1] ?? /<property name="skip" value="([^"]*)"/.exec(body)?.[1] ?? '';
    return { name: m[1], status, message: message.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') };
  });
}

const stats = async (rigPort: number): Promise<number> => ((await (await fetch(`http://127.0.0.1:${rigPort}/stats`)).json()) as { connections: number }).connections;

const figures = (out: string): string => /Isolation: .*/.exec(out)?.[0] ?? '(no isolation figures printed)';

test.describe.configure({ timeout: 300_000 });

test('a case failing on a real station fails with its own rule; every other case passes; the station\'s connection is never dropped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-iso-'));
  const [port, rigPort] = [await freePort(), await freePort()];
  // remote.wrongToken (the station starts a remote transaction with another token), armed only while TC_F_01_CS acts.
  const cs = await station(`ws://127.0.0.1:${port}/ocpp/CS-ISO`, rigPort, { ISO_FAULT: 'remote.wrongToken', ISO_FAULT_CASE: 'TC_F_01_CS' });
  try {
    writeFileSync(join(dir, 'run.json'), JSON.stringify(TIMING));
    const started = Date.now();
    const r = await run(['run', '--version', '2.0.1', '--adapter', 'command', '--command', RIG, '--port', String(port), '--station-id', 'CS-ISO',
      '--config', join(dir, 'run.json'), '--reports', join(dir, 'reports'), '--no-report',
      '--grep', 'TC_E_03_CS|TC_F_01_CS|TC_F_02_CS|TC_F_08_CS|TC_F_09_CS|TC_G_01_CS|TC_G_02_CS|TC_G_03_CS|TC_G_04_CS'], { RIG_PORT: String(rigPort) });
    writeFileSync(join(dir, 'output.txt'), r.out);
    const res = results(join(dir, 'reports'));
    const report = `${res.map((x) => `${x.status.padEnd(7)} ${x.name}${x.status === 'passed' ? '' : `: ${x.message.split('\n')[0].slice(0, 160)}`}`).join('\n')}\n${figures(r.out)}\n(output: ${dir}/output.txt)`;
    process.stdout.write(`\n[isolation e2e a] ${res.length} applicable, ${res.filter((x) => x.status === 'passed').length} passed, ${res.filter((x) => x.status === 'failed').length} failed, ${((Date.now() - started) / 1000).toFixed(1)} s\n${report}\n`);
    expect(r.status, r.out.slice(-6000)).toBe(1);
    const failed = res.filter((x) => x.status === 'failed');
    expect(failed.map((x) => x.name), report).toEqual([expect.stringMatching(/^TC_F_01_CS /)]);
    // Its own rule: a requirement of TC_F_01_CS (the token of the remote start), not a setup or connection finding.
    expect(failed[0].message).toMatch(/F01\.FR\.0[14]|F01\.FR\.19/);
    expect(failed[0].message).not.toContain('[setup:');
    expect(res.filter((x) => x.status !== 'failed').every((x) => x.status === 'passed'), report).toBe(true);
    expect(res.length).toBe(9);
    // The worker restart after the failure kept the station's connection: it connected once, for the whole run.
    expect(await stats(rigPort), report).toBe(1);
    expect(figures(r.out)).toMatch(/Isolation: [1-9]\d* recoveries .*0 power cycles by the harness.* 1 failed cases .*station connections: 1$/);
  } finally {
    cs.kill('SIGTERM');
  }
});

test('a real station killed mid-run: one "stopped answering" finding, the following cases blocked, the run resumes when it is back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-iso-down-'));
  const [port, rigPort] = [await freePort(), await freePort()];
  const url = `ws://127.0.0.1:${port}/ocpp/CS-ISO`;
  // The station kills itself (SIGKILL) right after performing TC_G_02_CS's first action; its replacement waits, loaded, for SIGUSR2.
  const first = await station(url, rigPort, { ISO_KILL_CASE: 'TC_G_02_CS' });
  const replacement = await station(url, rigPort, {}, true);
  let restarted = false;
  try {
    writeFileSync(join(dir, 'run.json'), JSON.stringify(TIMING));
    const started = Date.now();
    const r = await run(['run', '--version', '2.0.1', '--adapter', 'command', '--command', RIG, '--port', String(port), '--station-id', 'CS-ISO',
      '--config', join(dir, 'run.json'), '--reports', join(dir, 'reports'), '--no-report',
      '--grep', 'TC_F_09_CS|TC_G_01_CS|TC_G_02_CS|TC_G_03_CS|TC_G_04_CS|TC_G_05_CS|TC_G_06_CS|TC_G_07_CS'], { RIG_PORT: String(rigPort) }, (line) => {
      // Restart the station once the harness has blocked a case (an event, not a delay).
      if (!restarted && line.includes('[ocpp-harness] blocked:')) { restarted = true; replacement.kill('SIGUSR2'); }
    });
    writeFileSync(join(dir, 'output.txt'), r.out);
    const res = results(join(dir, 'reports'));
    const report = `${res.map((x) => `${x.status.padEnd(7)} ${x.name}${x.status === 'passed' ? '' : `: ${x.message.split('\n')[0].slice(0, 160)}`}`).join('\n')}\n${figures(r.out)}\n(output: ${dir}/output.txt)`;
    process.stdout.write(`\n[isolation e2e b] ${res.length} applicable, ${res.filter((x) => x.status === 'passed').length} passed, ${res.filter((x) => x.status === 'failed').length} failed, ${res.filter((x) => x.status === 'skipped').length} blocked, ${((Date.now() - started) / 1000).toFixed(1)} s\n${report}\n`);
    expect(r.status, r.out.slice(-6000)).toBe(1);
    expect(restarted, report).toBe(true);
    const killedAt = res.findIndex((x) => x.name.startsWith('TC_G_02_CS '));
    expect(res[killedAt].status, report).toBe('failed');
    const down = res.filter((x) => x.status === 'failed' && x.message.includes('stopped answering'));
    // One finding, naming the case during which the station went away and its last frame.
    expect(down.length, report).toBe(1);
    expect(down[0].message).toMatch(/the station stopped answering during case "TC_G_02_CS [^"]*" \(last frame #\d+\)/);
    const downAt = res.indexOf(down[0]);
    expect(downAt, report).toBe(killedAt + 1);
    const after = res.slice(downAt + 1);
    const blocked = after.filter((x) => x.status === 'skipped');
    expect(blocked.length, report).toBeGreaterThanOrEqual(1);
    for (const b of blocked) expect(b.message).toContain('blocked: the station stopped answering during case "TC_G_02_CS');
    // Blocked until it came back, then every case passes.
    const resumedAt = after.findIndex((x) => x.status !== 'skipped');
    expect(resumedAt, report).toBeGreaterThan(0);
    expect(after.slice(resumedAt).every((x) => x.status === 'passed'), report).toBe(true);
    expect(res.slice(0, killedAt).every((x) => x.status === 'passed'), report).toBe(true);
    expect(r.out.match(/^\[ocpp-harness\] SUT down:/gm)?.length, report).toBe(1);
    expect(r.out).toMatch(/^\[ocpp-harness\] the station is back/m);
    expect(figures(r.out)).toMatch(/1 SUT-down findings, [1-9]\d* cases blocked, 1 resumptions/);
  } finally {
    first.kill('SIGTERM');
    replacement.kill('SIGTERM');
  }
});
