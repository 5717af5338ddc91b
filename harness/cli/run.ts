/**
 * `ocpp-harness run`: the conformance suites in Playwright's runner (the run configuration
 * travels in OCPP_HARNESS_CONFIG), the output redacted, then the Allure report.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_ENV, type RunConfig } from '../config/run-config';
import { ROOT } from '../config/paths';
import { redact, registerSecret } from '../model/secrets';
import { resultsDir, writeEnvironment } from '../report/allure';
import { UsageError } from '../model/errors';
import { noTerminal } from '../sut/manual';
import { buildReport } from './report';
import { type RunOptions, parseRun, runSecrets, selectionGrep } from './run-options';
import { RUN_SUMMARY_FILE, type RunSummary } from './run-summary';
import { VERSION } from './version';
import { stationProfile } from '../sims/station/settings';
import { UNDER_LOAD_ENV, compareVerdicts, formatComparison } from '../fleet/under-load';

export async function main(argv: string[]): Promise<number> {
  const options = parseRun(argv);
  const { run, report, shard } = options;
  const manual = (run.roles.includes('station') && run.sut.adapter === 'manual') || (run.roles.includes('csms') && run.csms.adapter === 'manual');
  const tty = manual ? noTerminal() : undefined;
  if (tty) throw new UsageError(tty);
  const grep = selectionGrep(run.grep, options.cases, options.areas);
  let code = await runSuites(run, grep, shard);
  const summary = readSummary(run.reports);
  if (options.underLoad) code = Math.max(code, await loadedPass(options, grep, summary));
  const problem = summary && (await selectionProblem(options, summary));
  if (problem) {
    process.stderr.write(`ocpp-harness: ${problem.message}\n`);
    code = Math.max(code, problem.code);
  }
  if (report && (!summary || summary.ids.length)) {
    const built = buildReport(run.reports);
    if (code === 0) code = built;
  }
  return code;
}

/**
 * The second pass of `--under-load N`: the same selection with N fleet stations on each CSMS
 * (fixtures/csms.ts loadFleet), its reports in <reports>/under-load, then the verdicts compared
 * case by case. Exit 1 when a verdict differs: the CSMS behaves otherwise under load.
 */
async function loadedPass(options: RunOptions, grep: string | undefined, unloaded: RunSummary | undefined): Promise<number> {
  const run = { ...options.run, reports: join(options.run.reports, 'under-load') };
  process.stdout.write(`\nSecond pass: the same cases with ${options.underLoad} fleet stations connected to the CSMS (reports in ${run.reports})\n`);
  let code = await runSuites(run, grep, options.shard, { [UNDER_LOAD_ENV]: String(options.underLoad) });
  const loaded = readSummary(run.reports);
  if (options.report) buildReport(run.reports);
  if (!unloaded || !loaded) {
    process.stderr.write('ocpp-harness: a pass left no run summary: the verdicts cannot be compared\n');
    return Math.max(code, 1);
  }
  const comparison = compareVerdicts(unloaded.verdicts ?? [], loaded.verdicts ?? []);
  process.stdout.write(`\n${formatComparison(comparison, options.underLoad)}\n`);
  writeFileSync(join(run.reports, 'under-load-comparison.json'), JSON.stringify({ stations: options.underLoad, ...comparison }, null, 2));
  if (comparison.differs.length) code = Math.max(code, 1);
  return code;
}

function readSummary(reports: string): RunSummary | undefined {
  try { return JSON.parse(readFileSync(join(reports, RUN_SUMMARY_FILE), 'utf8')) as RunSummary; } catch { return undefined; }
}

/**
 * Why a finished run must not count as green though no case failed: a --case id that names no
 * case (exit 2), or no case executed at all: nothing selected, or every case skipped or not
 * applicable (exit 1, unless --allow-empty).
 */
async function selectionProblem(options: RunOptions, summary: RunSummary): Promise<{ message: string; code: number } | undefined> {
  const { run } = options;
  const missing = options.cases.filter((c) => !summary.ids.includes(c));
  if (missing.length) {
    const { listCases } = await import('./list');
    const all = await listCases({ roles: ['station', 'csms'], versions: ['1.6', '2.0.1'] });
    const { didYouMean } = await import('./args');
    const known = [...new Set(all.map((c) => c.id))];
    const lines = missing.map((id) => {
      const elsewhere = all.filter((c) => c.id === id);
      if (!elsewhere.length) return `--case ${id}: no case has this id${didYouMean(id, known)} (ocpp-harness list shows every case)`;
      return `--case ${id}: not in this run's selection; it is a case of ${[...new Set(elsewhere.map((c) => `--role ${c.role} --ocpp ${c.version}`))].join(', ')}`;
    });
    if (lines.some((l) => l.includes('no case has this id'))) return { message: lines.join('\nocpp-harness: '), code: 2 };
    if (!summary.ids.length && !options.allowEmpty) return { message: `no case executed: ${lines.join('; ')}`, code: 1 };
  }
  if (options.allowEmpty || summary.passed + summary.failed > 0) return undefined;
  const selection = [
    ...(options.cases.length ? [`--case ${options.cases.join(' --case ')}`] : []), ...(options.areas.length ? [`--area ${options.areas.join(',')}`] : []),
    ...(run.grep !== undefined ? [`--grep ${JSON.stringify(run.grep)}`] : []), `role ${run.roles.join('+')}`, `OCPP ${run.versions.join(', ')}`,
  ].join(', ');
  if (!summary.ids.length) return { message: `no case executed: the selection (${selection}) matches no case (ocpp-harness list shows them; --allow-empty accepts an empty run)`, code: 1 };
  const reasons = summary.skipReasons.slice(0, 5).map((r) => `${r.count} × ${r.reason.split('\n')[0].slice(0, 200)}`);
  return { message: `no case executed: all ${summary.skipped} selected cases were skipped${summary.notApplicable ? ` (${summary.notApplicable} not applicable to the device profile)` : ''}:\n  ${reasons.join('\n  ')}\n(--allow-empty accepts a run in which no case executed)`, code: 1 };
}

function runSuites(run: RunConfig, grep: string | undefined, shard?: string, extraEnv: Record<string, string> = {}): Promise<number> {
  rmSync(resultsDir(run.reports), { recursive: true, force: true });
  rmSync(join(run.reports, RUN_SUMMARY_FILE), { force: true });
  // The station's device profile: the configured one, or the embedded station's (derived, exact); a real station's is discovered during the run.
  const profiles = !run.roles.includes('station') ? {} : Object.fromEntries(run.versions.flatMap((v) => {
    const p = run.profile ?? (run.sut.adapter === 'embedded' ? stationProfile(v, run.sut.evses, run.sut.variants) : undefined);
    return p ? [[v, p]] : [];
  }));
  writeEnvironment(run, VERSION, profiles);
  if (run.roles.includes('station') && run.sut.adapter !== 'embedded') {
    process.stdout.write(`Station under test: configure it with CSMS URL ws://${run.sut.host}:${run.sut.port}/ocpp/ and station id ${run.sut.stationId}\n`);
  }
  if (run.roles.includes('csms') && run.csms.url) {
    process.stdout.write(`CSMS under test: ${run.csms.url} (station ${run.csms.facts.stationId}, operator actions: ${run.csms.adapter})\n`);
  }
  const cli = require.resolve('@playwright/test/cli');
  // --grep on Playwright's command line narrows every project (a config-level grep would be overridden by the projects' version filters).
  // The runner's output passes through redaction (a browser script typing a password is a step too).
  for (const secret of runSecrets(run)) registerSecret(secret);
  const tty = process.stderr.isTTY ? { OCPP_HARNESS_TTY: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : {};
  const child = spawn(process.execPath, [cli, 'test', '-c', join(ROOT, 'playwright.config.ts'), ...(grep ? ['--grep', grep] : []), ...(shard ? ['--shard', shard] : []), '--pass-with-no-tests'], {
    cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...tty, ...extraEnv, [CONFIG_ENV]: JSON.stringify(run) },
  });
  const flushOut = pipeRedacted(child.stdout!, process.stdout);
  const flushErr = pipeRedacted(child.stderr!, process.stderr);
  const forward = (sig: NodeJS.Signals): void => { child.kill(sig); };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => child.on('close', (code, signal) => {
    flushOut(); flushErr();
    scrubSecrets(run.reports);
    resolve(code ?? (signal ? 130 : 1));
  }));
}

/** Copies a stream line by line (a line ends at \n or \r), redacting secrets; returns a flush for the rest. */
function pipeRedacted(from: NodeJS.ReadableStream, to: NodeJS.WritableStream): () => void {
  let pending = '';
  from.on('data', (d: Buffer) => {
    pending += d.toString('utf8');
    const cut = Math.max(pending.lastIndexOf('\n'), pending.lastIndexOf('\r'));
    if (cut < 0) return;
    to.write(redact(pending.slice(0, cut + 1)));
    pending = pending.slice(cut + 1);
  });
  return () => { if (pending) to.write(redact(pending)); pending = ''; };
}

/** Last line of defence: no secret survives in any text file the run wrote (results, attachments, JUnit). */
function scrubSecrets(reports: string): void {
  const walk = (dir: string): void => {
    let names: string[];
    try { names = readdirSync(dir); } catch { return; }
    for (const name of names) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) { walk(file); continue; }
      if (!/\.(json|jsonl|txt|xml|svg|html|md|log|properties)$/i.test(name)) continue;
      const text = readFileSync(file, 'utf8');
      const clean = redact(text);
      if (clean !== text) writeFileSync(file, clean);
    }
  };
  walk(resultsDir(reports));
  walk(join(reports, 'test-results'));
  for (const file of [join(reports, 'junit.xml'), join(reports, RUN_SUMMARY_FILE)]) {
    if (existsSync(file)) { const t = readFileSync(file, 'utf8'); const c = redact(t); if (c !== t) writeFileSync(file, c); }
  }
}
