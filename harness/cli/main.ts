/**
 * ocpp-harness: run the conformance suites against a station (embedded, or a real one that
 * connects to the printed URL), build the report, list faults. Bad flags or config: a clear
 * message and exit code 2.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_ENV, EMBEDDED_FACTS, parseRunConfig, type RunConfig } from '../config/run-config';
import { Fleet, formatProgress, formatSummary } from '../fleet/fleet';
import { ReferenceCsms } from '../sims/csms/reference-csms';
import { referenceData } from '../sims/csms/reference-data';
import { redact, registerSecret } from '../model/secrets';
import { SPEC_TIMING } from '../model/timing';
import { UsageError } from '../model/errors';
import { generateAllureReport, mergeResults, reportDir, resultsDir, writeEnvironment } from '../report/allure';
import { STATION_FAULTS, isStationFault } from '../sims/station/faults';
import { CSMS_FAULTS, isCsmsFault } from '../sims/csms/faults';
import { checkFaultNames } from '../sims/catalogue';

import { DEFAULT_REPORTS, ROOT } from '../config/paths';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const HELP = `ocpp-harness ${VERSION}: OCPP 1.6J / 2.0.1 conformance test harness

Usage:
  ocpp-harness run [options]     run the conformance suites, then build the Allure report
  ocpp-harness report [--reports DIR] [--merge SHARD_DIR ...]
                                 build <DIR>/allure-report from <DIR>/allure-results; with
                                 --merge, first gather the results of shard runs into DIR
  ocpp-harness fleet --url URL --stations N [--ramp R/s] [--duration D] [options]
                                 N simulated stations boot, heartbeat, report status and run
                                 RFID transactions against a CSMS; progress and a summary
  ocpp-harness reference-csms [--port N] [--host H] [--fault NAME] [--accept-prefix P]
                                 serve the built-in reference CSMS (OCPP URL, operator web UI
                                 and POST /api/actions) until interrupted
  ocpp-harness faults            list the faults the embedded station and CSMS can inject
  ocpp-harness help

run options:
  --role station|csms|all        the system under test: a charging station (the harness plays
                                 the CSMS), a CSMS (the harness plays stations), or both
                                 against the built-in references (default: all)
  --version 1.6|2.0.1|all        OCPP version(s) (default: all for the embedded SUT)
  --adapter NAME                 station: embedded|manual|command (physical actions);
                                 csms: embedded|manual|command|http|browser (operator actions)
  --command "CMD"                command adapter: CMD <action> <args...> (exit 3 = unsupported)
  --url ws://HOST:PORT/PATH      csms: the CSMS under test (station ids are appended)
  --hook-url URL                 csms, http adapter: POST each operator action as JSON here
  --script FILE                  csms, browser adapter: Playwright script with the UI actions
  --ui-url URL                   csms, browser adapter: the CSMS's web UI
  --station-id ID                station: the id expected in the URL path (default CS001);
                                 csms: the id of a station the CSMS knows
  --host HOST --port N           where the harness CSMS listens (default 127.0.0.1, any port)
  --connectors 1,1               connectors per EVSE of the station (default 1,1)
  --fault NAME                   inject a fault into the embedded station or reference CSMS
                                 (repeatable; list: ocpp-harness faults)
  --grep REGEX                   only cases whose title matches (e.g. TC_B_01_CS)
  --config FILE                  JSON run configuration (flags override it)
  --reports DIR                  where results and report go (default: reports/)
  --strict                       a SHOULD not met fails the case too (certification rehearsal)
  --shard i/n                    run the i-th of n shards (merge with: report --merge)
  --no-report                    skip building the Allure report

fleet options:
  --version 1.6|2.0.1            protocol of the stations (default 2.0.1)
  --ramp R[/s]                   stations started per second (default 100)
  --duration D                   run time: 90, 90s, 5m (default 60s)
  --heartbeat S                  heartbeat interval in s (default: the CSMS's interval)
  --tx-every S                   each station runs a transaction about every S s (default 120, 0 = none)
  --token TAG                    RFID token the stations present (repeatable; default VALIDTAG01)
  --id-prefix P                  station ids P0001... (default FLEET-)
  --password PW --ca FILE        HTTP Basic password of every station; CA bundle for wss://
  --json FILE                    also write the summary as JSON
`;

function fail(message: string): never {
  process.stderr.write(`ocpp-harness: ${message}\nRun "ocpp-harness help" for usage.\n`);
  process.exit(2);
}

function parseRun(argv: string[]): { run: RunConfig; report: boolean; shard?: string } {
  const { values } = parseArgs({
    args: argv, strict: true, allowPositionals: false,
    options: {
      role: { type: 'string' }, version: { type: 'string' }, adapter: { type: 'string' }, command: { type: 'string' },
      'station-id': { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, connectors: { type: 'string' },
      fault: { type: 'string', multiple: true }, grep: { type: 'string' }, config: { type: 'string' }, 'no-report': { type: 'boolean' },
      reports: { type: 'string' }, strict: { type: 'boolean' }, shard: { type: 'string' },
      url: { type: 'string' }, 'hook-url': { type: 'string' }, script: { type: 'string' }, 'ui-url': { type: 'string' },
    },
  });
  let file: Record<string, unknown> = {};
  if (values.config) {
    let text: string;
    try { text = readFileSync(values.config, 'utf8'); } catch (e) { throw new UsageError(`cannot read --config ${values.config}: ${(e as Error).message}`); }
    try { file = JSON.parse(text) as Record<string, unknown>; } catch (e) { throw new UsageError(`--config ${values.config} is not valid JSON: ${(e as Error).message}`); }
    if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new UsageError(`--config ${values.config} must hold a JSON object`);
  }
  // Without --role, the flags say which side is under test: a CSMS URL means csms, station options mean station.
  const stationFlags = values.adapter !== undefined || values.command !== undefined || values['station-id'] !== undefined || values.port !== undefined
    || values.connectors !== undefined || (values.fault ?? []).some((f) => isStationFault(f));
  const inferred = values.url || values['hook-url'] || values.script ? 'csms' : stationFlags ? 'station' : undefined;
  const role = values.role ?? (typeof file.role === 'string' ? file.role : undefined) ?? inferred;
  if (role !== undefined && !['station', 'csms', 'all'].includes(role)) throw new UsageError(`--role: station | csms | all, got "${role}"`);
  const csmsOnly = role === 'csms';
  const csmsFlags = ['url', 'hook-url', 'script', 'ui-url'] as const;
  for (const f of csmsFlags) if (values[f] !== undefined && !csmsOnly) throw new UsageError(`--${f} is for --role csms`);
  const sut: Record<string, unknown> = { ...(file.sut as Record<string, unknown> | undefined) };
  const csms: Record<string, unknown> = { ...(file.csms as Record<string, unknown> | undefined) };
  const facts: Record<string, unknown> = { ...(csms.facts as Record<string, unknown> | undefined) };
  // The flags that name the SUT's side apply to the role under test.
  const side = csmsOnly ? csms : sut;
  if (values.adapter !== undefined) side.adapter = values.adapter;
  if (values.command !== undefined) side.command = values.command;
  if (values.url !== undefined) csms.url = values.url;
  if (values['hook-url'] !== undefined) csms.hookUrl = values['hook-url'];
  if (values.script !== undefined) csms.browserScript = values.script;
  if (values['ui-url'] !== undefined) csms.uiUrl = values['ui-url'];
  if (values['station-id'] !== undefined) (csmsOnly ? facts : sut).stationId = values['station-id'];
  if (values.host !== undefined) sut.host = values.host;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port)) throw new UsageError(`--port must be a number, got "${values.port}"`);
    sut.port = Number(values.port);
  }
  if (values.connectors !== undefined) {
    if (!/^\d+(,\d+)*$/.test(values.connectors)) throw new UsageError(`--connectors: connectors per EVSE, comma-separated (e.g. 1,1), got "${values.connectors}"`);
    (csmsOnly ? facts : sut).evses = values.connectors.split(',').map(Number);
  }
  if (values.fault) {
    // Each fault goes to the simulated SUT that knows it (station or reference CSMS).
    const unknown = values.fault.filter((f) => !isStationFault(f) && !isCsmsFault(f));
    if (unknown.length) throw new UsageError(`--fault: unknown fault(s) ${unknown.join(', ')} (list them with: ocpp-harness faults)`);
    const toCsms = (f: string): boolean => isCsmsFault(f) && (csmsOnly || !isStationFault(f));
    sut.faults = csmsOnly ? [] : values.fault.filter((f) => !toCsms(f));
    csms.faults = values.fault.filter(toCsms);
  }
  if (Object.keys(facts).length) csms.facts = facts;
  const input: Record<string, unknown> = { ...file, sut, csms };
  if (role !== undefined) input.role = role;
  if (values.reports !== undefined) input.reports = values.reports;
  if (values.strict) input.strict = true;
  if (values.shard !== undefined && !/^[1-9]\d*\/[1-9]\d*$/.test(values.shard)) throw new UsageError(`--shard: i/n, e.g. 1/2, got "${values.shard}"`);
  if (values.version !== undefined) input.versions = values.version === 'all' ? ['1.6', '2.0.1'] : [values.version];
  if (values.grep !== undefined) {
    try { new RegExp(values.grep); } catch (e) { throw new UsageError(`--grep is not a valid regular expression: ${(e as Error).message}`); }
    input.grep = values.grep;
  }
  const run = parseRunConfig(input);
  checkFaultNames(run);
  if (run.roles.includes('station') && run.sut.adapter !== 'embedded' && run.versions.length !== 1) throw new UsageError('a real station speaks one OCPP version: give --version 1.6 or --version 2.0.1');
  if (run.roles.includes('csms') && run.csms.adapter !== 'embedded' && run.versions.length !== 1) throw new UsageError('give the OCPP version the CSMS under test speaks on this URL: --version 1.6 or --version 2.0.1');
  if (run.csms.url && !run.roles.includes('csms')) throw new UsageError('csms.url is set: run with --role csms');
  if (run.sut.adapter !== 'embedded' && run.sut.port === 0) run.sut.port = 9000;
  return { run, report: !values['no-report'], shard: values.shard };
}

function runSuites(run: RunConfig, shard?: string): Promise<number> {
  rmSync(resultsDir(run.reports), { recursive: true, force: true });
  writeEnvironment(run, VERSION);
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

/** Every secret a run configuration holds. */
function runSecrets(run: RunConfig): string[] {
  return [run.sut.password, run.sut.newPassword, run.csms.facts.password, run.csms.uiPassword].filter((s): s is string => !!s);
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

function report(reports = DEFAULT_REPORTS): number {
  const problem = generateAllureReport(reports);
  if (problem) { process.stderr.write(`ocpp-harness: report not built: ${problem}\n`); return 1; }
  process.stdout.write(`Allure report: ${join(reportDir(reports), 'index.html')} (open with: npx allure open ${reportDir(reports)})\n`);
  return 0;
}

function seconds(flag: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const m = /^(\d+(?:\.\d+)?)(s|m|min)?$/.exec(v);
  if (!m) throw new UsageError(`--${flag}: a duration like 90, 90s or 5m, got "${v}"`);
  return Number(m[1]) * (m[2] && m[2] !== 's' ? 60 : 1);
}

async function fleet(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true, allowPositionals: false,
    options: {
      url: { type: 'string' }, stations: { type: 'string' }, ramp: { type: 'string' }, duration: { type: 'string' }, version: { type: 'string' },
      heartbeat: { type: 'string' }, 'tx-every': { type: 'string' }, token: { type: 'string', multiple: true }, 'id-prefix': { type: 'string' },
      password: { type: 'string' }, ca: { type: 'string' }, json: { type: 'string' },
    },
  });
  if (!values.url || !/^wss?:\/\/./.test(values.url)) throw new UsageError('fleet needs --url ws://host:port/path (or wss://) of the CSMS');
  const stations = Number(values.stations ?? NaN);
  if (!Number.isInteger(stations) || stations < 1 || stations > 50_000) throw new UsageError(`--stations: 1-50000, got ${JSON.stringify(values.stations)}`);
  const ramp = values.ramp === undefined ? 100 : Number(values.ramp.replace(/\/s$/, ''));
  if (!(ramp > 0)) throw new UsageError(`--ramp: stations per second, e.g. 100 or 100/s, got "${values.ramp}"`);
  const version = values.version ?? '2.0.1';
  if (version !== '1.6' && version !== '2.0.1') throw new UsageError(`--version: 1.6 | 2.0.1, got "${version}"`);
  let ca: string | undefined;
  if (values.ca) { try { ca = readFileSync(values.ca, 'utf8'); } catch (e) { throw new UsageError(`cannot read --ca ${values.ca}: ${(e as Error).message}`); } }
  registerSecret(values.password);
  const f = new Fleet({
    url: values.url, version, stations, ramp, duration: seconds('duration', values.duration, 60),
    heartbeat: values.heartbeat === undefined ? undefined : seconds('heartbeat', values.heartbeat, 60), txEvery: seconds('tx-every', values['tx-every'], 120),
    tokens: values.token, idPrefix: values['id-prefix'], password: values.password, ca,
    onProgress: (p) => process.stdout.write(`${process.stdout.isTTY ? '\r\x1b[2K' : ''}${formatProgress(p)}${process.stdout.isTTY ? '' : '\n'}`),
  });
  const summary = await f.run();
  process.stdout.write(`${process.stdout.isTTY ? '\n' : ''}${formatSummary(summary)}\n`);
  if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2));
  return summary.lost || summary.errors || summary.booted < stations ? 1 : 0;
}

async function serveReference(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true, allowPositionals: false,
    options: { port: { type: 'string' }, host: { type: 'string' }, fault: { type: 'string', multiple: true }, 'accept-prefix': { type: 'string' }, 'ui-password': { type: 'string' } },
  });
  const port = values.port === undefined ? 9100 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: 0-65535, got "${values.port}"`);
  const unknown = (values.fault ?? []).filter((f) => !isCsmsFault(f));
  if (unknown.length) throw new UsageError(`--fault: unknown reference CSMS fault(s) ${unknown.join(', ')} (list: ocpp-harness faults)`);
  const uiPassword = values['ui-password'] ?? process.env.OCPP_HARNESS_UI_PASSWORD;
  const data = await referenceData(EMBEDDED_FACTS, SPEC_TIMING, { acceptPrefix: values['accept-prefix'], uiPassword });
  const csms = await new ReferenceCsms(data, values.fault ?? [], { host: values.host, port }).start();
  process.stdout.write(`Reference CSMS: OCPP ${csms.url}/<stationId> (1.6 and 2.0.1), operator UI ${csms.httpUrl}/, actions POST ${csms.httpUrl}/api/actions\n`);
  process.stdout.write(`Knows station ${EMBEDDED_FACTS.stationId}${values['accept-prefix'] ? ` and every id starting with ${values['accept-prefix']}` : ''}; tokens ${JSON.stringify(EMBEDDED_FACTS.tokens)}\n`);
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  await csms.stop();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  // Output piped into `head` and the like: a closed pipe ends the command quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
  const [command, ...rest] = argv;
  switch (command) {
    case undefined: case 'help': case '--help': case '-h':
      process.stdout.write(HELP); return 0;
    case 'faults':
      process.stdout.write('Simulated station (--role station):\n');
      for (const [name, spec] of Object.entries(STATION_FAULTS)) process.stdout.write(`  ${name.padEnd(34)} ${spec.description}\n`);
      process.stdout.write('Reference CSMS (--role csms):\n');
      for (const [name, spec] of Object.entries(CSMS_FAULTS)) process.stdout.write(`  ${name.padEnd(34)} ${spec.description}\n`);
      return 0;
    case 'report': {
      const { values } = parseArgs({ args: rest, strict: true, allowPositionals: false, options: { reports: { type: 'string' }, merge: { type: 'string', multiple: true } } });
      const out = values.reports ? parseRunConfig({ reports: values.reports }).reports : DEFAULT_REPORTS;
      if (values.merge?.length) {
        const dirs = values.merge.map((d) => parseRunConfig({ reports: d }).reports);
        for (const d of dirs) if (!existsSync(resultsDir(d))) throw new UsageError(`--merge ${d}: no allure-results there`);
        mergeResults(dirs, out);
      }
      return report(out);
    }
    case 'fleet': return fleet(rest);
    case 'reference-csms': return serveReference(rest);
    case 'run': {
      const { run, report: withReport, shard } = parseRun(rest);
      const code = await runSuites(run, shard);
      if (withReport) report(run.reports);
      return code;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) fail((e as Error).message);
  process.stderr.write(`ocpp-harness: internal error: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
