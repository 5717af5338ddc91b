/**
 * Allure report generation (allure-commandline, needs Java) and the run's environment section.
 * Never writes secrets: only the fields listed here.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Journal } from '../transport/journal';
import { CALL } from '../protocol/rpc';
import { join } from 'node:path';
import type { RunConfig } from '../config/run-config';
import { DEFAULT_REPORTS, ROOT } from '../config/paths';
import { type DeviceProfile, profileSummary } from '../model/profile';
import type { OcppVersion } from '../protocol/versions';
import { SOFT_MESSAGE, shapeResults } from './evidence';
import { writeExecutor } from './executor';
import { TRACEABILITY_PAGE, linkFromReport, traceabilityPage } from './traceability';

/** Where a run writes: <dir>/allure-results, <dir>/allure-report, <dir>/junit.xml. */
export const resultsDir = (reports: string): string => join(reports, 'allure-results');
export const reportDir = (reports: string): string => join(reports, 'allure-report');

/**
 * Allure categories, so a reader sees at once whether the SUT or the harness is at fault
 * (matched on the failure messages the harness writes; first match wins).
 */
// One category for both: a strict run's failures and a normal run's passed cases with soft findings.
const SOFT_CATEGORY = 'Soft findings (SHOULD not met, failed with --strict)';
const CATEGORIES = [
  { name: 'Harness error (not the SUT\'s fault)', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*\\[harness error\\].*' },
  { name: SOFT_CATEGORY, matchedStatuses: ['failed'], messageRegex: '(?s).*SHOULD-level findings.*' },
  { name: 'SUT disconnected', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*(station not connected|closed the connection).*' },
  { name: 'Schema violation', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*((1\\.6J|Part4)§4\\.2\\.[12]|violates the OCPP).*' },
  { name: 'Framing violation', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*(1\\.6J|Part4)§4\\.1\\.[24].*' },
  { name: 'Timeout waiting for a frame', matchedStatuses: ['failed', 'broken'], messageRegex: '(?s).*(no such CALL|no CALL from the station|no CALLRESULT or CALLERROR|message timeout).*' },
  { name: 'Protocol violation', matchedStatuses: ['failed'], messageRegex: '(?s).*expected.*' },
  { name: 'Not applicable: the device profile lacks what the case needs', matchedStatuses: ['skipped'], messageRegex: '(?s).*not applicable.*' },
  { name: 'Skipped: the adapter cannot perform an action', matchedStatuses: ['skipped'], messageRegex: '(?s).*adapter.*' },
  // A passed case with soft findings carries them as its status message (report/evidence.ts).
  { name: SOFT_CATEGORY, matchedStatuses: ['passed'], messageRegex: `(?s)${SOFT_MESSAGE}.*` },
];

/** The environment lines of the station's device profile(s), one set per version when they differ by version. */
export function profileEnvironment(profiles: Partial<Record<OcppVersion, DeviceProfile>>): Record<string, string> {
  const entries = Object.entries(profiles) as [OcppVersion, DeviceProfile][];
  const out: Record<string, string> = {};
  for (const [version, p] of entries) {
    for (const [k, v] of Object.entries(profileSummary(p))) out[entries.length > 1 ? k.replace(/^Profile /, `Profile (${version}) `) : k] = v;
  }
  return out;
}

export function writeEnvironment(run: RunConfig, harnessVersion: string, profiles: Partial<Record<OcppVersion, DeviceProfile>> = {}): void {
  const RESULTS_DIR = resultsDir(run.reports);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const station = run.roles.includes('station');
  const csms = run.roles.includes('csms');
  const env: Record<string, string> = {
    'Harness version': harnessVersion,
    Role: run.roles.map((r) => (r === 'station' ? 'Charging Station under test' : 'CSMS under test')).join(' + '),
    'OCPP versions': run.versions.join(', '),
    ...(station ? {
      Adapter: run.sut.adapter,
      'Station id': run.sut.stationId,
      Layout: `${run.sut.evses.length} EVSE(s): ${run.sut.evses.join(', ')} connector(s)`,
      'Injected faults': run.sut.faults.join(', ') || 'none',
      ...(run.sut.variants.length ? { 'Station variants': run.sut.variants.join(', ') } : {}),
      ...profileEnvironment(profiles),
    } : {}),
    ...(csms ? {
      'CSMS under test': run.csms.url ?? 'built-in reference CSMS',
      'CSMS operator adapter': run.csms.adapter,
      'CSMS station id': run.csms.facts.stationId,
      'CSMS injected faults': run.csms.faults.join(', ') || 'none',
    } : {}),
    'Time scale': String(run.timing.scale),
    'Strict (SHOULD fails)': String(run.strict),
    Node: process.version,
  };
  writeFileSync(join(RESULTS_DIR, 'categories.json'), JSON.stringify(CATEGORIES, null, 2));
  writeFileSync(join(RESULTS_DIR, 'environment.properties'), Object.entries(env).map(([k, v]) => `${k.replace(/ /g, '\\ ')}=${v}`).join('\n') + '\n');
}

/** Gathers the allure-results of several shard runs into one directory (names are UUIDs: no clashes). */
export function mergeResults(shards: string[], into: string): void {
  const target = resultsDir(into);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const dir of shards) for (const f of readdirSync(resultsDir(dir))) copyFileSync(join(resultsDir(dir), f), join(target, f));
}

/** Remembers the SUT's identity from the last BootNotification of a case (for the report's environment). */
export function recordSutIdentity(journal: Journal, reports: string): void {
  const boot = [...journal.entries].reverse().find((e) => e.kind === 'frame' && e.dir === 'in' && e.frame?.type === CALL && e.frame.action === 'BootNotification');
  if (!boot || boot.kind !== 'frame' || boot.frame?.type !== CALL) return;
  const p = boot.frame.payload as Record<string, unknown>;
  const cs = (p.chargingStation ?? {}) as Record<string, unknown>;
  const identity = {
    'SUT vendor': String(cs.vendorName ?? p.chargePointVendor ?? ''), 'SUT model': String(cs.model ?? p.chargePointModel ?? ''),
    'SUT firmware version': String(cs.firmwareVersion ?? p.firmwareVersion ?? ''), 'SUT serial number': String(cs.serialNumber ?? p.chargePointSerialNumber ?? ''),
  };
  mkdirSync(resultsDir(reports), { recursive: true });
  writeFileSync(join(resultsDir(reports), 'sut-identity.json'), JSON.stringify(identity));
}

/** One more line of the environment section (once). */
function addEnvironmentLine(reports: string, key: string, value: string): void {
  const env = join(resultsDir(reports), 'environment.properties');
  const name = key.replace(/ /g, '\\ ');
  if (existsSync(env) && readFileSync(env, 'utf8').split('\n').some((l) => l.startsWith(`${name}=`))) return;
  appendFileSync(env, `${name}=${value}\n`);
}

/** Adds the SUT identity a run recorded to the environment section. */
function addSutIdentity(reports: string): void {
  const file = join(resultsDir(reports), 'sut-identity.json');
  const env = join(resultsDir(reports), 'environment.properties');
  if (!existsSync(file) || (existsSync(env) && readFileSync(env, 'utf8').includes('SUT\\ vendor'))) return;
  const identity = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const lines = Object.entries(identity).filter(([, v]) => v).map(([k, v]) => `${k.replace(/ /g, '\\ ')}=${v.replace(/[\r\n]/g, ' ')}`);
  appendFileSync(env, lines.join('\n') + '\n');
}

/** Adds a profile the run discovered (fixtures: allure-results/device-profile.json) to the environment section. */
function addDiscoveredProfile(reports: string): void {
  const file = join(resultsDir(reports), 'device-profile.json');
  const env = join(resultsDir(reports), 'environment.properties');
  if (!existsSync(file) || (existsSync(env) && readFileSync(env, 'utf8').includes('Profile\\ source'))) return;
  const lines = Object.entries(profileSummary(JSON.parse(readFileSync(file, 'utf8')) as DeviceProfile)).map(([k, v]) => `${k.replace(/ /g, '\\ ')}=${v}`);
  appendFileSync(env, lines.join('\n') + '\n');
}

/** Builds <reports>/allure-report from <reports>/allure-results; returns an error text or undefined. */
export function generateAllureReport(reports = DEFAULT_REPORTS): string | undefined {
  const RESULTS_DIR = resultsDir(reports);
  const REPORT_DIR = reportDir(reports);
  if (!existsSync(RESULTS_DIR)) return `no results in ${RESULTS_DIR}: run the suites first`;
  addSutIdentity(reports);
  addDiscoveredProfile(reports);
  // Evidence first, soft findings on their cases, the executor, the traceability matrix (report/evidence.ts, executor.ts, traceability.ts).
  shapeResults(RESULTS_DIR);
  writeExecutor(RESULTS_DIR);
  const matrix = traceabilityPage(RESULTS_DIR);
  addEnvironmentLine(reports, 'Traceability matrix', `${TRACEABILITY_PAGE} (next to this report; link at the bottom right)`);
  const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (java.error || java.status !== 0) return 'Java is not installed: allure-commandline needs a JRE (e.g. apt-get install default-jre-headless); the raw results are in reports/allure-results';
  const bin = join(ROOT, 'node_modules', 'allure-commandline', 'bin', 'allure');
  // A short-lived JVM: the client compiler only and the serial collector start it in about half the time (JAVA_OPTS of the user win).
  const env = { ...process.env, JAVA_OPTS: process.env.JAVA_OPTS ?? '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' };
  const r = spawnSync(bin, ['generate', RESULTS_DIR, '-o', REPORT_DIR, '--clean'], { encoding: 'utf8', env });
  if (r.status !== 0) return `allure generate failed (${r.status}): ${(r.stderr || r.stdout || '').trim().slice(-500)}`;
  writeFileSync(join(REPORT_DIR, TRACEABILITY_PAGE), matrix);
  linkFromReport(REPORT_DIR);
  return undefined;
}
