/**
 * ocpp-harness: run the conformance suites against a station (embedded, or a real one that
 * connects to the printed URL), build the report, list faults. Bad flags or config: a clear
 * message and exit code 2.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_ENV, parseRunConfig, type RunConfig } from './config';
import { UsageError } from './errors';
import { DEFAULT_REPORTS, generateAllureReport, mergeResults, reportDir, resultsDir, writeEnvironment } from './report/allure';
import { STATION_FAULTS } from './station/faults';

const ROOT = join(__dirname, '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const HELP = `ocpp-harness ${VERSION}: OCPP 1.6J / 2.0.1 conformance test harness

Usage:
  ocpp-harness run [options]     run the conformance suites, then build the Allure report
  ocpp-harness report [--reports DIR] [--merge SHARD_DIR ...]
                                 build <DIR>/allure-report from <DIR>/allure-results; with
                                 --merge, first gather the results of shard runs into DIR
  ocpp-harness faults            list the faults the embedded station can inject
  ocpp-harness help

run options:
  --role station                 the system under test (station; csms comes later)
  --version 1.6|2.0.1|all        OCPP version(s) (default: all for the embedded station)
  --adapter embedded|manual|command
                                 how physical actions are performed (default: embedded)
  --command "CMD"                command adapter: CMD <action> <args...> (exit 3 = unsupported)
  --station-id ID                station id expected in the URL path (default CS001)
  --host HOST --port N           where the harness CSMS listens (default 127.0.0.1, any port)
  --connectors 1,1               connectors per EVSE of the station (default 1,1)
  --fault NAME                   inject a fault into the embedded station (repeatable)
  --grep REGEX                   only cases whose title matches (e.g. TC_B_01_CS)
  --config FILE                  JSON run configuration (flags override it)
  --reports DIR                  where results and report go (default: reports/)
  --strict                       a SHOULD not met fails the case too (certification rehearsal)
  --shard i/n                    run the i-th of n shards (merge with: report --merge)
  --no-report                    skip building the Allure report
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
    },
  });
  let file: Record<string, unknown> = {};
  if (values.config) {
    let text: string;
    try { text = readFileSync(values.config, 'utf8'); } catch (e) { throw new UsageError(`cannot read --config ${values.config}: ${(e as Error).message}`); }
    try { file = JSON.parse(text) as Record<string, unknown>; } catch (e) { throw new UsageError(`--config ${values.config} is not valid JSON: ${(e as Error).message}`); }
    if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new UsageError(`--config ${values.config} must hold a JSON object`);
  }
  const sut: Record<string, unknown> = { ...(file.sut as Record<string, unknown> | undefined) };
  if (values.adapter !== undefined) sut.adapter = values.adapter;
  if (values.command !== undefined) sut.command = values.command;
  if (values['station-id'] !== undefined) sut.stationId = values['station-id'];
  if (values.host !== undefined) sut.host = values.host;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port)) throw new UsageError(`--port must be a number, got "${values.port}"`);
    sut.port = Number(values.port);
  }
  if (values.connectors !== undefined) {
    if (!/^\d+(,\d+)*$/.test(values.connectors)) throw new UsageError(`--connectors: connectors per EVSE, comma-separated (e.g. 1,1), got "${values.connectors}"`);
    sut.evses = values.connectors.split(',').map(Number);
  }
  if (values.fault) sut.faults = values.fault;
  const input: Record<string, unknown> = { ...file, sut };
  if (values.role !== undefined) {
    if (values.role === 'csms') throw new UsageError('--role csms (the harness playing stations against a CSMS) is not implemented yet');
    input.role = values.role;
  }
  if (values.reports !== undefined) input.reports = values.reports;
  if (values.strict) input.strict = true;
  if (values.shard !== undefined && !/^[1-9]\d*\/[1-9]\d*$/.test(values.shard)) throw new UsageError(`--shard: i/n, e.g. 1/2, got "${values.shard}"`);
  if (values.version !== undefined) input.versions = values.version === 'all' ? ['1.6', '2.0.1'] : [values.version];
  if (values.grep !== undefined) {
    try { new RegExp(values.grep); } catch (e) { throw new UsageError(`--grep is not a valid regular expression: ${(e as Error).message}`); }
    input.grep = values.grep;
  }
  const run = parseRunConfig(input);
  if (run.sut.adapter !== 'embedded' && run.versions.length !== 1) throw new UsageError('a real station speaks one OCPP version: give --version 1.6 or --version 2.0.1');
  if (run.sut.adapter !== 'embedded' && run.sut.port === 0) run.sut.port = 9000;
  return { run, report: !values['no-report'], shard: values.shard };
}

function runSuites(run: RunConfig, shard?: string): Promise<number> {
  rmSync(resultsDir(run.reports), { recursive: true, force: true });
  writeEnvironment(run, VERSION);
  if (run.sut.adapter !== 'embedded') {
    process.stdout.write(`Station under test: configure it with CSMS URL ws://${run.sut.host}:${run.sut.port}/ocpp/ and station id ${run.sut.stationId}\n`);
  }
  const cli = require.resolve('@playwright/test/cli');
  // --grep on Playwright's command line narrows every project (a config-level grep would be overridden by the projects' version filters).
  const child = spawn(process.execPath, [cli, 'test', '-c', join(ROOT, 'playwright.config.ts'), ...(run.grep ? ['--grep', run.grep] : []), ...(shard ? ['--shard', shard] : [])], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, [CONFIG_ENV]: JSON.stringify(run) },
  });
  const forward = (sig: NodeJS.Signals): void => { child.kill(sig); };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1))));
}

function report(reports = DEFAULT_REPORTS): number {
  const problem = generateAllureReport(reports);
  if (problem) { process.stderr.write(`ocpp-harness: report not built: ${problem}\n`); return 1; }
  process.stdout.write(`Allure report: ${join(reportDir(reports), 'index.html')} (open with: npx allure open ${reportDir(reports)})\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined: case 'help': case '--help': case '-h':
      process.stdout.write(HELP); return 0;
    case 'faults':
      for (const [name, spec] of Object.entries(STATION_FAULTS)) process.stdout.write(`${name.padEnd(34)} ${spec.description}\n`);
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
