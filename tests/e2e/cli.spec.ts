/**
 * End to end through the CLI: a real-station run over one long-lived connection driven by a
 * command rig, and hostile stations that still leave a finished report.
 */
import { expect, test } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reaped } from '../support/reap';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');

function cli(args: string[], env: Record<string, string> = {}): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const freePort = (): Promise<number> => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

const junitCounts = (file: string): { tests: number; failures: number; skipped: number } => {
  const head = /<testsuites[^>]*>/.exec(readFileSync(file, 'utf8'))![0];
  const n = (k: string): number => Number(new RegExp(`${k}="(\\d+)"`).exec(head)?.[1] ?? 0);
  // Playwright's JUnit counts a thrown error under "errors", an expect() under "failures".
  return { tests: n('tests'), failures: n('failures') + n('errors'), skipped: n('skipped') };
};

test.describe.configure({ timeout: 420_000 });

test('real-station path: one connection across cases, rig-driven power cycles, state restored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-e2e-'));
  const port = await freePort();
  const portFile = join(dir, 'rig-port');
  let station: ChildProcess | undefined;
  try {
    station = reaped(spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'tests', 'support', 'standalone-station.ts'),
      `ws://127.0.0.1:${port}/ocpp/CS-E2E`, '2.0.1', 'CS-E2E', '0.05', portFile], { cwd: ROOT, stdio: 'ignore' }));
    await expect.poll(() => existsSync(portFile), { timeout: 20_000 }).toBe(true);
    const rigPort = readFileSync(portFile, 'utf8');
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ timing: { scale: 0.05, rebootTimeout: 40, actionTimeout: 100, slackMs: 150 } }));
    const r = cli(['run', '--version', '2.0.1', '--adapter', 'command', '--command', `node ${join(ROOT, 'tests', 'support', 'rig.js')}`,
      '--port', String(port), '--station-id', 'CS-E2E', '--config', join(dir, 'run.json'), '--reports', join(dir, 'reports'), '--no-report',
      '--grep', 'TC_B_01_CS|TC_G_03_CS|TC_G_04_CS|TC_G_18_CS|TC_F_20_CS|TC_G_01_CS'], { RIG_PORT: rigPort });
    expect(r.status, r.out).toBe(0);
    expect(junitCounts(join(dir, 'reports', 'junit.xml'))).toEqual({ tests: 6, failures: 0, skipped: 0 });
    // Connected once at start, again after each of the two power cycles (TC_B_01_CS, TC_G_18_CS) and never otherwise.
    const stats = await fetch(`http://127.0.0.1:${rigPort}/stats`).then((x) => x.json() as Promise<{ connections: number }>);
    expect(stats.connections, `connections seen by the station; harness output:\n${r.out.slice(-4000)}`).toBe(3);
  } finally {
    station?.kill('SIGTERM');
  }
});

test('real-station path over security profile 2: wss:// with the persistent test CA; other profiles\' cases skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-e2e-tls-'));
  const port = await freePort();
  const portFile = join(dir, 'rig-port');
  // The CA a real station is given once: kept in .ocpp-harness-pki/ (the same the harness's workers load).
  // A separate process, as a user would: the persisted root, not this worker's in-memory PKI.
  const ca = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', `require('./harness/services/test-pki').testPki(${JSON.stringify(join(ROOT, '.ocpp-harness-pki'))}).then((p) => process.stdout.write(p.ca.certPem))`], { cwd: ROOT, encoding: 'utf8' }).stdout;
  expect(ca).toContain('BEGIN CERTIFICATE');
  writeFileSync(join(dir, 'ca.pem'), ca);
  let station: ChildProcess | undefined;
  try {
    station = reaped(spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'tests', 'support', 'standalone-station.ts'),
      `wss://127.0.0.1:${port}/ocpp/CS-TLS`, '2.0.1', 'CS-TLS', '0.05', portFile, join(dir, 'ca.pem')], { cwd: ROOT, stdio: 'ignore' }));
    await expect.poll(() => existsSync(portFile), { timeout: 20_000 }).toBe(true);
    const rigPort = readFileSync(portFile, 'utf8');
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ sut: { securityProfile: 2 }, timing: { scale: 0.05, rebootTimeout: 40, actionTimeout: 100, slackMs: 150 } }));
    const r = cli(['run', '--version', '2.0.1', '--adapter', 'command', '--command', `node ${join(ROOT, 'tests', 'support', 'rig.js')}`,
      '--port', String(port), '--station-id', 'CS-TLS', '--config', join(dir, 'run.json'), '--reports', join(dir, 'reports'), '--no-report',
      '--grep', 'TC_A_04_CS|TC_A_05_CS|TC_A_07_CS|TC_G_03_CS'], { RIG_PORT: rigPort });
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('harness-ca.pem');
    expect(junitCounts(join(dir, 'reports', 'junit.xml'))).toEqual({ tests: 4, failures: 0, skipped: 1 });
  } finally {
    station?.kill('SIGTERM');
  }
});

for (const [faults, grep, expectText] of [
  [['hostile.disconnectAfterBoot'], 'TC_G_0[35]_CS', 'station not connected'],
  [['hostile.silent'], 'TC_G_03_CS', 'OCPP-J message timeout'],
  [['hostile.garbage'], 'TC_B_01_CS', 'not JSON'],
] as const) {
  test(`hostile station (${faults.join(', ')}): cases fail clearly and the report is complete`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocpp-hostile-'));
    const r = cli(['run', '--version', '2.0.1', ...faults.flatMap((f) => ['--fault', f]), '--grep', grep, '--reports', dir]);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain(expectText);
    const counts = junitCounts(join(dir, 'junit.xml'));
    expect(counts.failures).toBe(counts.tests);
    expect(counts.tests).toBeGreaterThan(0);
    const results = readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')) as { status: string; statusDetails?: { message?: string }; attachments?: { name: string }[] });
    expect(results.length).toBe(counts.tests);
    for (const res of results) {
      expect(res.status).toBe('failed');
      expect(res.statusDetails?.message).toContain(expectText);
    }
    expect(existsSync(join(dir, 'allure-report', 'index.html'))).toBe(true);
  });
}

test('bad flags and configs: a clear message and exit code 2', () => {
  for (const [args, message] of [
    [['run', '--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['run', '--adapter', 'command'], /needs sut.command/],
    [['run', '--port', 'eighty'], /--port must be a number/],
    [['run', '--grep', '(unclosed'], /not a valid regular expression/],
    [['run', '--config', '/no/such/file.json'], /cannot read --config/],
    [['launch'], /unknown command "launch"/],
  ] as const) {
    const r = cli([...args]);
    expect(r.status, r.out).toBe(2);
    expect(r.out).toMatch(message);
  }
});

test('help: the overview and every command\'s own usage, exit 0', () => {
  const all = cli(['--help']);
  expect(all.status, all.out).toBe(0);
  for (const command of ['run', 'report', 'fleet', 'reference-csms', 'faults', 'config']) {
    expect(all.out).toContain(`ocpp-harness ${command}`);
    for (const args of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const r = cli(args);
      expect(r.status, `${args.join(' ')}: ${r.out}`).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage:\\n  ocpp-harness ${command}`));
    }
  }
  expect(cli(['run', '--help']).out).toContain('--connectors 1,1');
});

test('config --schema prints the JSON Schema, which ajv compiles and which a config naming it in "$schema" follows', () => {
  const r = cli(['config', '--schema']);
  expect(r.status, r.out).toBe(0);
  const schema = JSON.parse(r.out) as { $schema: string };
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  const ajv = new Ajv2020({ strict: true });
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-config-'));
  const config = { $schema: join(ROOT, 'schemas', 'run-config.schema.json'), role: 'station', versions: ['1.6'], sut: { adapter: 'manual', stationId: 'CS-SCHEMA', port: 9123 } };
  expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  writeFileSync(join(dir, 'run.json'), JSON.stringify(config));
  const loaded = cli(['config', '--config', join(dir, 'run.json')]);
  expect(loaded.status, loaded.out).toBe(0);
  const run = JSON.parse(loaded.out.trim()) as { roles: string[]; versions: string[]; sut: { stationId: string; port: number }; timing: { scale: number } };
  expect([run.roles, run.versions, run.sut.stationId, run.sut.port, run.timing.scale]).toEqual([['station'], ['1.6'], 'CS-SCHEMA', 9123, 1]);
  expect(loaded.out).not.toContain('$schema');
  const example = cli(['config', '--config', join(ROOT, 'schemas', 'example-run-config.json')]);
  expect(example.status, example.out).toBe(0);
});

test('a config with an unknown key is refused with exit 2, naming the key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-config-'));
  writeFileSync(join(dir, 'top.json'), JSON.stringify({ $schema: '../schemas/run-config.schema.json', colour: 'blue' }));
  writeFileSync(join(dir, 'nested.json'), JSON.stringify({ sut: { adapter: 'manual', prot: 9000 } }));
  for (const [command, file, message] of [
    ['run', 'top.json', /config: unknown field "colour" \(known: \$schema, role,/],
    ['config', 'top.json', /config: unknown field "colour"/],
    ['run', 'nested.json', /config\.sut: unknown field "prot" \(known: .*port/],
  ] as const) {
    const r = cli([command, '--config', join(dir, file)]);
    expect(r.status, r.out).toBe(2);
    expect(r.out).toMatch(message);
  }
});

test('passwords and private keys never appear in any generated file or in the output (both roles, security cases)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-secrets-'));
  const password = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
  const newPassword = 'beef0000beef0000beef0000beef0000beef0000';
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ sut: { password, newPassword } }));
  const r = cli(['run', '--config', join(dir, 'run.json'), '--grep', 'TC_A_01_CS|TC_A_09_CS|TC_073_CS|TC_A_04_CS|TC_A_07_CS|TC_A_11_CS|TC_086_CS', '--reports', join(dir, 'reports')]);
  expect(r.status, r.out).toBe(0);
  expect(r.out).not.toContain(password);
  expect(r.out).not.toContain(newPassword);
  const files: string[] = [];
  const walk = (d: string): void => { for (const e of readdirSync(d, { withFileTypes: true })) { if (e.isDirectory()) walk(join(d, e.name)); else files.push(join(d, e.name)); } };
  walk(join(dir, 'reports'));
  expect(files.length).toBeGreaterThan(10);
  const leaking = files.filter((f) => { const text = readFileSync(f).toString('latin1'); return text.includes(password) || text.includes(newPassword) || text.includes('PRIVATE KEY'); });
  expect(leaking).toEqual([]);
  expect(r.out).not.toContain('PRIVATE KEY');
  expect(files.some((f) => readFileSync(f, 'utf8').includes('«redacted»'))).toBe(true);
});

test('a SHOULD not met is a soft finding: passes normally, fails with --strict, and the report classifies it', async () => {
  const base = ['run', '--version', '1.6', '--fault', 'boot.ignoresPendingRequests', '--grep', 'TC_002_CS'];
  const soft = cli([...base, '--reports', mkdtempSync(join(tmpdir(), 'ocpp-soft-')), '--no-report']);
  expect(soft.status, soft.out).toBe(0);
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-strict-'));
  const strict = cli([...base, '--strict', '--reports', dir]);
  expect(strict.status, strict.out).toBe(1);
  expect(strict.out).toContain('SHOULD-level findings');
  const categories = JSON.parse(readFileSync(join(dir, 'allure-report', 'widgets', 'categories.json'), 'utf8')) as { items: { name: string }[] };
  expect(categories.items.map((i) => i.name)).toEqual(['Soft findings (SHOULD not met, failed with --strict)']);
});

test('two shards merged give one report with the same cases and verdicts as the unsharded run', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ocpp-shards-'));
  // Station cases of both versions (16): two projects per shard; the CSMS role adds time, not another shape.
  const grep = ['--role', 'station', '--grep', 'TC_G_0|HX_TC_G_0', '--fault', 'availability.rejects'];
  const dirs = { whole: join(root, 'whole'), a: join(root, 'a'), b: join(root, 'b'), merged: join(root, 'merged') };
  expect(cli(['run', ...grep, '--reports', dirs.whole, '--no-report']).status).toBe(1);
  expect(cli(['run', ...grep, '--reports', dirs.a, '--shard', '1/2', '--no-report']).status).not.toBe(2);
  expect(cli(['run', ...grep, '--reports', dirs.b, '--shard', '2/2', '--no-report']).status).not.toBe(2);
  const merged = cli(['report', '--reports', dirs.merged, '--merge', dirs.a, '--merge', dirs.b]);
  expect(merged.status, merged.out).toBe(0);
  const verdicts = (dir: string): string[] => readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')) as { name: string; status: string; labels: { name: string; value: string }[] })
    .map((r) => `${r.labels.find((l) => l.name === 'parentSuite')?.value} ${r.name}: ${r.status}`).sort();
  const whole = verdicts(dirs.whole);
  expect(whole.length).toBeGreaterThan(8);
  expect(whole.some((v) => v.endsWith('failed')) && whole.some((v) => v.endsWith('passed'))).toBe(true);
  expect(verdicts(dirs.merged)).toEqual(whole);
  const summary = JSON.parse(readFileSync(join(dirs.merged, 'allure-report', 'widgets', 'summary.json'), 'utf8')) as { statistic: { total: number } };
  expect(summary.statistic.total).toBe(whole.length);
});
