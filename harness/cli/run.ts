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
import { buildReport } from './report';
import { parseRun, runSecrets } from './run-options';
import { VERSION } from './version';
import { stationProfile } from '../sims/station/settings';

export async function main(argv: string[]): Promise<number> {
  const { run, report, shard } = parseRun(argv);
  const code = await runSuites(run, shard);
  if (report) buildReport(run.reports);
  return code;
}

function runSuites(run: RunConfig, shard?: string): Promise<number> {
  rmSync(resultsDir(run.reports), { recursive: true, force: true });
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
  const child = spawn(process.execPath, [cli, 'test', '-c', join(ROOT, 'playwright.config.ts'), ...(run.grep ? ['--grep', run.grep] : []), ...(shard ? ['--shard', shard] : [])], {
    cwd: ROOT, stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...tty, [CONFIG_ENV]: JSON.stringify(run) },
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
  const junit = join(reports, 'junit.xml');
  if (existsSync(junit)) { const t = readFileSync(junit, 'utf8'); const c = redact(t); if (c !== t) writeFileSync(junit, c); }
}
