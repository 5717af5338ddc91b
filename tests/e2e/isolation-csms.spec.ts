/**
 * CSMS under test (the reference CSMS in its own process, by URL): killed mid-run, it is one
 * finding on the case during which it stopped answering; the following cases are blocked until it
 * accepts connections again, then the run resumes. The kill and the restart follow events of the
 * run's output (a case passed, a case blocked), never a delay.
 */
import { expect, test } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_FACTS } from '../../harness/config/run-config';
import { reaped } from '../support/reap';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');

const freePort = (): Promise<number> => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

function reference(port: number): Promise<ChildProcess> {
  const child = reaped(spawn(process.execPath, [CLI, 'reference-csms', '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('/<stationId>')) resolve(child); });
    child.once('exit', (code) => reject(new Error(`reference CSMS exited ${code}: ${out}`)));
  });
}

interface CaseResult { name: string; status: 'passed' | 'failed' | 'skipped'; message: string }
function results(reports: string): CaseResult[] {
  const xml = readFileSync(join(reports, 'junit.xml'), 'utf8');
  const unescape = (t: string): string => t.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => {
    const body = m[3] ?? '';
    const status = /<(failure|error)\b/.test(body) ? 'failed' : /<skipped\b/.test(body) ? 'skipped' : 'passed';
    const message = /<(?:failure|error)[^>]*message="([^"]*)"/.exec(body)?.[1] ?? /<property name="skip" value="([^"]*)"/.exec(body)?.[1] ?? '';
    const all = /<(?:failure|error)[^>]*>([\s\S]*?)<\/(?:failure|error)>/.exec(body)?.[1] ?? '';
    return { name: unescape(m[1]), status, message: unescape(`${message}\n${all}`) };
  });
}

test.describe.configure({ timeout: 300_000 });

test('a real CSMS killed mid-run: one "stopped answering" finding, the following cases blocked, the run resumes when it is back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-iso-csms-'));
  const port = await freePort();
  let ref = await reference(port);
  const restarted: Promise<ChildProcess>[] = [];
  let killed = false;
  try {
    writeFileSync(join(dir, 'csms.json'), JSON.stringify({ csms: { facts: EMBEDDED_FACTS }, timing: { messageTimeout: 5, actionTimeout: 20 } }));
    const started = Date.now();
    const child = reaped(spawn(process.execPath, [CLI, 'run', '--role', 'csms', '--url', `ws://127.0.0.1:${port}/ocpp`, '--version', '2.0.1', '--adapter', 'http',
      '--hook-url', `http://127.0.0.1:${port}/api/actions`, '--config', join(dir, 'csms.json'), '--reports', dir, '--no-report',
      '--grep', 'TC_B_01_CSMS|TC_C_02_CSMS|TC_C_06_CSMS|HX_F01_01_CSMS|TC_L_01_CSMS|TC_D_02_CSMS|TC_G_07_CSMS|HX_E04_01_CSMS'], { cwd: ROOT }));
    let out = '';
    let pending = '';
    const onLine = (line: string): void => {
      // Kill the CSMS once the first case passed; restart it once the harness blocked a case.
      if (!killed && /✓/.test(line)) { killed = true; ref.kill('SIGKILL'); }
      if (killed && !restarted.length && line.startsWith('[ocpp-harness] blocked:')) restarted.push(reference(port));
    };
    const take = (d: Buffer): void => { out += d.toString(); pending += d.toString(); const lines = pending.split('\n'); pending = lines.pop() ?? ''; lines.forEach(onLine); };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const killer = setTimeout(() => child.kill('SIGTERM'), 280_000);
    const status = await new Promise<number | null>((r) => child.on('close', (code) => { clearTimeout(killer); r(code); }));
    if (restarted.length) ref = await restarted[0];
    writeFileSync(join(dir, 'output.txt'), out);
    const res = results(dir);
    const report = `${res.map((x) => `${x.status.padEnd(7)} ${x.name}${x.status === 'passed' ? '' : `: ${x.message.split('\n')[0].slice(0, 200)}`}`).join('\n')}\n${/CSMS availability: .*/.exec(out)?.[0]}\n(output: ${dir}/output.txt)`;
    process.stdout.write(`\n[isolation e2e csms] ${res.length} applicable, ${res.filter((x) => x.status === 'passed').length} passed, ${res.filter((x) => x.status === 'failed').length} failed, ${res.filter((x) => x.status === 'skipped').length} blocked, ${((Date.now() - started) / 1000).toFixed(1)} s\n${report}\n`);
    expect(status, out.slice(-5000)).toBe(1);
    expect(restarted.length, report).toBe(1);
    const downAt = res.findIndex((x) => x.status === 'failed');
    expect(downAt, report).toBeGreaterThan(0);
    expect(res.slice(0, downAt).every((x) => x.status === 'passed'), report).toBe(true);
    // The finding is on the case during which the CSMS went away, naming it and its last frame.
    expect(res[downAt].message).toContain(`the CSMS stopped answering during case "${res[downAt].name.split(' ')[0]}`);
    expect(res[downAt].message).toMatch(/\(last frame #\d+\)/);
    expect(out.match(/^\[ocpp-harness\] SUT down:/gm)?.length, report).toBe(1);
    const after = res.slice(downAt + 1);
    const resumedAt = after.findIndex((x) => x.status !== 'skipped');
    expect(resumedAt, report).toBeGreaterThan(0);
    for (const b of after.slice(0, resumedAt)) expect(b.message).toContain('blocked: the CSMS stopped answering during case');
    expect(after.slice(resumedAt).every((x) => x.status === 'passed'), report).toBe(true);
    expect(out).toMatch(/^\[ocpp-harness\] the CSMS is back/m);
  } finally {
    ref.kill('SIGTERM');
  }
});
