/**
 * The options of `run` (and `config`): flags merged over a --config file into one run
 * configuration, checked by the schema and the rules of config/, then the fault names against
 * the sims' catalogues and the rules that only hold for a whole run.
 */
import { readFileSync } from 'node:fs';
import { parseRunConfig, type RunConfig } from '../config/run-config';
import { UsageError } from '../model/errors';
import { checkFaultNames } from '../sims/catalogue';
import { isCsmsFault } from '../sims/csms/faults';
import { isStationFault } from '../sims/station/faults';
import { didYouMean, ocppVersions, parseFlags } from './args';

export const RUN_FLAGS = {
  role: { type: 'string' }, ocpp: { type: 'string' }, adapter: { type: 'string' }, command: { type: 'string' },
  'station-id': { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, connectors: { type: 'string' },
  fault: { type: 'string', multiple: true }, grep: { type: 'string' }, config: { type: 'string' }, 'no-report': { type: 'boolean' },
  reports: { type: 'string' }, strict: { type: 'boolean' }, shard: { type: 'string' },
  url: { type: 'string' }, 'hook-url': { type: 'string' }, script: { type: 'string' }, 'ui-url': { type: 'string' },
  profile: { type: 'string' }, case: { type: 'string', multiple: true }, area: { type: 'string', multiple: true }, 'allow-empty': { type: 'boolean' },
  'under-load': { type: 'string' },
} as const;

/** The areas cases are tagged with (`@status`, ...; fixtures/ocpp-case.ts). */
export const AREAS = ['status', 'authorization', 'firmware', 'security', 'rpc'] as const;

export interface RunOptions {
  run: RunConfig; report: boolean; shard?: string;
  /** --case: exact case ids; --area: areas; --allow-empty: a run in which no case executed is not an error. */
  cases: string[]; areas: string[]; allowEmpty: boolean;
  /** --under-load N: the CSMS suites again with N fleet stations connected (harness/fleet/under-load.ts); 0 = not. */
  underLoad: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One Playwright --grep for the selection: every condition a lookahead over the test's title
 * and tags (`<file> <id> <title> @tag ...`). An id is exact: it starts a word and ends at a
 * space, so TC_B_01_CS selects neither HX_TC_B_01_CS nor TC_B_01_CSMS.
 */
export function selectionGrep(grep: string | undefined, cases: readonly string[], areas: readonly string[]): string | undefined {
  const parts: string[] = [];
  if (cases.length) parts.push(`(?=.*(?:^|\\s)(?:${cases.map(escape).join('|')})\\s)`);
  if (areas.length) parts.push(`(?=.*\\s@(?:${areas.map(escape).join('|')})(?:\\s|$))`);
  if (!parts.length) return grep;
  if (grep !== undefined) parts.push(`(?=.*(?:${grep}))`);
  return `^${parts.join('')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseRun(argv: string[], command = 'run'): RunOptions {
  const { values } = parseFlags(command, argv, RUN_FLAGS);
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
  const sut: Record<string, unknown> = { ...(isObject(file.sut) ? file.sut : {}) };
  const csms: Record<string, unknown> = { ...(isObject(file.csms) ? file.csms : {}) };
  const facts: Record<string, unknown> = { ...(isObject(csms.facts) ? csms.facts : {}) };
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
  if (Object.keys(facts).length && (csms.facts === undefined || isObject(csms.facts))) csms.facts = facts;
  const input: Record<string, unknown> = { ...file, sut, csms };
  // A section of the file that is not an object goes to the schema as given, which names it.
  for (const key of ['sut', 'csms'] as const) if (file[key] !== undefined && !isObject(file[key])) input[key] = file[key];
  if (role !== undefined) input.role = role;
  if (values.reports !== undefined) input.reports = values.reports;
  if (values.strict) input.strict = true;
  if (values.profile !== undefined) input.profile = values.profile;
  if (values.shard !== undefined && !/^[1-9]\d*\/[1-9]\d*$/.test(values.shard)) throw new UsageError(`--shard: i/n, e.g. 1/2, got "${values.shard}"`);
  if (values.ocpp !== undefined) input.versions = ocppVersions('ocpp', values.ocpp);
  const areas = values.area ?? [];
  for (const a of areas) if (!(AREAS as readonly string[]).includes(a)) throw new UsageError(`--area: ${AREAS.join(' | ')}, got "${a}"${didYouMean(a, AREAS)}`);
  const cases = (values.case ?? []).map((c) => c.trim());
  for (const c of cases) if (!/^[A-Za-z0-9_.-]+$/.test(c)) throw new UsageError(`--case: a case id such as TC_B_01_CS (letters, digits, _ . -), got "${c}"`);
  if (values.grep !== undefined) {
    try { new RegExp(values.grep); } catch (e) { throw new UsageError(`--grep is not a valid regular expression: ${(e as Error).message}`); }
    input.grep = values.grep;
  }
  const run = parseRunConfig(input);
  checkFaultNames(run);
  if (run.roles.includes('station') && run.sut.adapter !== 'embedded' && run.versions.length !== 1) throw new UsageError('a real station speaks one OCPP version: give --ocpp 1.6 or --ocpp 2.0.1');
  if (run.roles.includes('csms') && run.csms.adapter !== 'embedded' && run.versions.length !== 1) throw new UsageError('give the OCPP version the CSMS under test speaks on this URL: --ocpp 1.6 or --ocpp 2.0.1');
  if (run.csms.url && !run.roles.includes('csms')) throw new UsageError('csms.url is set: run with --role csms');
  if (run.sut.adapter !== 'embedded' && run.sut.port === 0) run.sut.port = 9000;
  let underLoad = 0;
  if (values['under-load'] !== undefined) {
    underLoad = Number(values['under-load']);
    if (!Number.isInteger(underLoad) || underLoad < 1 || underLoad > 20_000) throw new UsageError(`--under-load: the number of fleet stations loading the CSMS, 1-20000, got "${values['under-load']}"`);
    if (run.roles.includes('station')) throw new UsageError('--under-load loads a CSMS under test: run with --role csms');
  }
  return { run, report: !values['no-report'], shard: values.shard, cases, areas, allowEmpty: !!values['allow-empty'], underLoad };
}

/** Every secret a run configuration holds. */
export function runSecrets(run: RunConfig): string[] {
  return [run.sut.password, run.sut.newPassword, run.csms.facts.password, run.csms.uiPassword].filter((s): s is string => !!s);
}
