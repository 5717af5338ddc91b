/**
 * The CLI's conventions, through bin/ocpp-harness: help and --version exit 0, an unknown flag
 * gets "did you mean", --ocpp (and the old --version N), exact --case ids, runs in which no case
 * executed fail unless --allow-empty, soft findings in the terminal summary, and the CI
 * failures that must never pass as green (no terminal for the manual adapter, no Java).
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function cli(args: string[], env: Record<string, string> = {}, prefix: string[] = []): { status: number | null; stdout: string; stderr: string; out: string } {
  const [cmd, ...pre] = prefix.length ? prefix : [process.execPath];
  const r = spawnSync(cmd, [...pre, ...(prefix.length ? [process.execPath] : []), CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}\n${r.stderr}` };
}
const reports = (): string => mkdtempSync(join(tmpdir(), 'ocpp-conv-'));

test.describe.configure({ timeout: 240_000 });

test('--help on every command and --version exit 0; --version prints the package version', () => {
  for (const command of ['run', 'list', 'report', 'fleet', 'reference-csms', 'faults', 'config', 'profile']) {
    const r = cli([command, '--help']);
    expect(r.status, `${command} --help: ${r.out}`).toBe(0);
    expect(r.stdout).toContain(`ocpp-harness ${command}`);
  }
  for (const args of [['--version'], ['run', '--version'], ['-V']]) {
    const r = cli(args);
    expect(r.status, r.out).toBe(0);
    expect(r.stdout.trim()).toBe(`ocpp-harness ${PACKAGE_VERSION}`);
  }
  expect(cli(['run', '--help']).stdout).toMatch(/--ocpp 1\.6\|2\.0\.1\|all[\s\S]*--case ID[\s\S]*--area NAME[\s\S]*--allow-empty/);
});

test('an unknown flag or command gets "did you mean", exit 2', () => {
  for (const [args, message] of [
    [['run', '--are', 'status'], /Unknown option '--are' \(did you mean --area\?\)/],
    [['run', '--stirct'], /did you mean --strict\?/],
    [['fleet', '--stations', '1', '--rmap', '5'], /did you mean --ramp\?/],
    [['lsit'], /unknown command "lsit" \(did you mean list\?\)/],
    [['run', '--area', 'stauts'], /--area: status \| authorization \| firmware \| security \| rpc, got "stauts" \(did you mean status\?\)/],
    [['run', '--no-such-flag'], /Unknown option '--no-such-flag'; ocpp-harness run --help lists the options/],
  ] as const) {
    const r = cli([...args]);
    expect(r.status, r.out).toBe(2);
    expect(r.stderr).toMatch(message);
  }
});

test('--ocpp names the OCPP version; the old --version N still works with a notice; 2.1 is unsupported, clearly', () => {
  const now = cli(['config', '--ocpp', '1.6']);
  expect(now.status, now.out).toBe(0);
  expect((JSON.parse(now.stdout) as { versions: string[] }).versions).toEqual(['1.6']);
  expect(now.stderr).toBe('');
  const old = cli(['config', '--version', '2.0.1']);
  expect(old.status, old.out).toBe(0);
  expect((JSON.parse(old.stdout) as { versions: string[] }).versions).toEqual(['2.0.1']);
  expect(old.stderr).toContain('--version 2.0.1 is deprecated for the OCPP version: use --ocpp 2.0.1');
  for (const args of [['run', '--ocpp', '2.1'], ['run', '--version', '2.1'], ['fleet', '--url', 'ws://127.0.0.1:1/ocpp', '--stations', '1', '--ocpp', '2.1']]) {
    const r = cli(args);
    expect(r.status, r.out).toBe(2);
    expect(r.stderr).toContain('OCPP 2.1 is not supported');
    expect(r.stderr).not.toContain('config.versions');
  }
});

test('list: ids, role, area, versions, title; --case is exact; --area selects by tag', () => {
  const one = cli(['list', '--case', 'TC_B_01_CS', '--json']);
  expect(one.status, one.out).toBe(0);
  const cases = (JSON.parse(one.stdout) as { cases: { id: string; role: string; area: string; version: string; file: string; applicability: string }[] }).cases;
  expect(cases.map((c) => [c.id, c.role, c.area, c.version, c.applicability])).toEqual([['TC_B_01_CS', 'station', 'status', '2.0.1', 'applicable']]);
  expect(cases[0].file).toMatch(/^suites\/station\/status\/.+\.spec\.ts$/);
  const area = cli(['list', '--area', 'firmware', '--role', 'csms', '--ocpp', '1.6', '--json']);
  expect(area.status, area.out).toBe(0);
  const firmware = (JSON.parse(area.stdout) as { cases: { area: string; role: string; version: string }[] }).cases;
  expect(firmware.length).toBeGreaterThan(0);
  expect(firmware.every((c) => c.area === 'firmware' && c.role === 'csms' && c.version === '1.6')).toBe(true);
  const text = cli(['list', '--role', 'station', '--ocpp', '2.0.1', '--area', 'status']);
  expect(text.status, text.out).toBe(0);
  expect(text.stdout).toMatch(/^ID\s+ROLE\s+AREA\s+OCPP\s+TITLE$/m);
  expect(text.stdout).toMatch(/^TC_B_01_CS\s+station\s+status\s+2\.0\.1\s+Cold Boot Charging Station - Accepted$/m);
});

test('run --case NO_SUCH_ID exits 2 naming the id; a case of another version is named as such', () => {
  const none = cli(['run', '--case', 'NO_SUCH_ID', '--reports', reports(), '--no-report']);
  expect(none.status, none.out).toBe(2);
  expect(none.stderr).toContain('--case NO_SUCH_ID: no case has this id');
  const typo = cli(['run', '--case', 'TC_B_1_CS', '--allow-empty', '--reports', reports(), '--no-report']);
  expect(typo.status, typo.out).toBe(2);
  expect(typo.stderr).toContain('did you mean TC_B_01_CS');
  const other = cli(['run', '--case', 'TC_B_01_CS', '--ocpp', '1.6', '--reports', reports(), '--no-report']);
  expect(other.status, other.out).toBe(1);
  expect(other.stderr).toContain('--case TC_B_01_CS: not in this run\'s selection; it is a case of --role station --ocpp 2.0.1');
});

test('a run in which no case executed exits 1 with the reason, unless --allow-empty', () => {
  const empty = cli(['run', '--grep', 'NO_CASE_IS_CALLED_THIS', '--reports', reports(), '--no-report']);
  expect(empty.status, empty.out).toBe(1);
  expect(empty.stderr).toMatch(/no case executed: the selection \(--grep "NO_CASE_IS_CALLED_THIS", role station\+csms, OCPP 1\.6, 2\.0\.1\) matches no case/);
  const allowed = cli(['run', '--grep', 'NO_CASE_IS_CALLED_THIS', '--allow-empty', '--reports', reports(), '--no-report']);
  expect(allowed.status, allowed.out).toBe(0);
  // Everything not applicable to the device profile: skipped, so nothing executed.
  const dir = reports();
  writeFileSync(join(dir, 'profile.json'), JSON.stringify({ role: 'station', functionalBlocks: ['Core'] }));
  const na = cli(['run', '--ocpp', '2.0.1', '--profile', join(dir, 'profile.json'), '--case', 'TC_D_01_CS', '--reports', join(dir, 'r'), '--no-report']);
  expect(na.status, na.out).toBe(1);
  expect(na.stderr).toContain('no case executed: all 1 selected cases were skipped (1 not applicable to the device profile)');
  expect(na.stderr).toContain('needs functional block LocalAuthListManagement');
});

test('soft findings: each listed with case id and rule, counted on its own line before the closing line; time per area', () => {
  const r = cli(['run', '--ocpp', '1.6', '--fault', 'boot.ignoresPendingRequests', '--case', 'TC_002_CS', '--reports', reports(), '--no-report']);
  expect(r.status, r.out).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.at(-1)).toBe('1 passed, 0 failed');
  expect(lines.at(-2)).toBe('1 soft finding in 1 case');
  expect(r.stdout).toMatch(/^Soft findings \(a SHOULD not met: reported, a failure only with --strict\):\n {2}TC_002_CS \[station-ocpp1\.6\] 1\.6§4\.2\S*.*: .+$/m);
  expect(r.stdout).toMatch(/^Time per area \(sum of case durations\): status \d+\.\d s$/m);
  expect(r.stdout).not.toContain('index.html');
});

test('the manual adapter without a terminal fails at once with the reason (no run of skipped cases)', () => {
  const r = cli(['run', '--ocpp', '2.0.1', '--adapter', 'manual', '--case', 'TC_B_01_CS', '--no-report', '--reports', reports()], {}, ['setsid', '-w']);
  expect(r.status, r.out).toBe(2);
  expect(r.stderr).toContain('the manual adapter asks an operator at the terminal, and this run has none');
  expect(r.stdout).not.toContain('passed');
});

test('no Java: the report is not built, the run says so and exits non-zero, and nothing points at a missing index.html', () => {
  const dir = reports();
  const r = cli(['run', '--ocpp', '2.0.1', '--case', 'TC_B_01_CS', '--reports', dir], { PATH: '/nonexistent' });
  expect(r.status, r.out).toBe(1);
  expect(r.stdout).toContain('1 passed, 0 failed');
  expect(r.stderr).toContain('report not built: Java is not installed');
  expect(r.out).not.toContain('index.html');
  mkdirSync(join(dir, 'again', 'allure-results'), { recursive: true });
  const report = cli(['report', '--reports', join(dir, 'again')], { PATH: '/nonexistent' });
  expect(report.status, report.out).toBe(1);
  expect(report.out).not.toContain('index.html');
});
