/**
 * The harness's own tests (`npm test`):
 *  - unit: framing, validation, bookkeeping, config, adapters, transport (tests/unit);
 *  - clean: every conformance case against the correct simulated station, once;
 *  - variant: every conformance case against every personality of legal variations of the
 *    simulated station / reference CSMS (harness/sims/variant-spec.ts), one per repetition: each
 *    must pass (a failure is a false fail of the case). They replace the old second clean run;
 *  - fault: every case against each fault it claims to catch (must fail quoting the rule): a
 *    matrix per role and version, project k injecting each case's k-th fault for that case only.
 * tests/reporters/selftest-reporter.ts turns this into verdicts and the mutation score.
 */
import { defineConfig } from '@playwright/test';
import type { Options } from '../fixtures';
import { defaultRunConfig } from '../harness/config/run-config';
import { OCPP_VERSIONS } from '../harness/protocol/versions';
import { STATION_FAULTS } from '../harness/sims/station/faults';
import { type FaultSpec, isShould } from '../harness/sims/fault-spec';
import { CSMS_FAULTS } from '../harness/sims/csms/faults';
import { STATION_PERSONALITIES, STATION_VARIANTS } from '../harness/sims/station/variants';
import { CSMS_PERSONALITIES, CSMS_VARIANTS } from '../harness/sims/csms/variants';
import type { Personality, VariantSpec } from '../harness/sims/variant-spec';
import type { OcppVersion } from '../harness/protocol/versions';
import type { CsmsOptions } from '../fixtures/csms';

const base = defaultRunConfig();
// The e2e tests' own runs of the CLI (a few cases each, four such tests at once) use one worker each: every worker
// start loads the whole harness, and the e2e tests together already keep every core busy.
process.env.OCPP_HARNESS_WORKERS ??= '1';
const tag = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** SELFTEST_ONLY: run a part: kinds or project-name prefixes, comma-separated ("unit", "fault,variant", "clean-ocpp2.0.1"). */
const only = process.env.SELFTEST_ONLY?.split(',').map((x) => x.trim()).filter(Boolean);
/** The most faults one case claims (the fault matrix has one project per position); a case claiming more fails the self-test. */
const MAX_FAULTS_PER_CASE = 6;

/** The faults the matrix must catch, per role and version, for the reporter (metadata.faults). */
const catalogue = (role: 'station' | 'csms', faults: Record<string, FaultSpec>) => OCPP_VERSIONS.flatMap((v) => Object.entries(faults)
  .filter(([, spec]) => spec.rules[v] && !spec.underLoadOnly)
  .map(([fault, spec]) => ({ role, version: v, fault, rules: spec.rules[v]!, should: isShould(spec, v) })));
const allFaults = [...catalogue('station', STATION_FAULTS as Record<string, FaultSpec>), ...catalogue('csms', CSMS_FAULTS as Record<string, FaultSpec>)];
const matrixPrefix = (role: string, v: string): string => `fault-${role === 'csms' ? 'csms-' : ''}ocpp${v}-`;

/**
 * A project grep selecting the cases of a role and version that claim at least `count` faults.
 * The claims are annotations, which a grep does not see: ocppCase/csmsCase register each case's
 * count as the suite files load (fixtures/ocpp-case.ts declareCase, same global key), and
 * `playwright test` loads them in this process before it filters by project. With no claims
 * registered (a loader in another process: UI mode), it selects every case of the version and
 * selftestFaultOf skips those claiming fewer.
 */
class ClaimsAtLeast extends RegExp {
  constructor(private readonly role: 'station' | 'csms', private readonly version: OcppVersion, private readonly count: number) {
    super(`${tag(`@ocpp${version}`)}(\\s|$)`);
  }
  override test(grepTitle: string): boolean {
    if (!super.test(grepTitle)) return false;
    const claims = (globalThis as Record<symbol, Map<string, number> | undefined>)[Symbol.for('ocpp-harness.faultClaims')];
    if (!claims?.size) return true;
    // The grep title is "<title path> <title> <tags>": the title is the longest run of words before the first tag that a case registered.
    const words = grepTitle.split(' ');
    const tagsAt = words.findIndex((w) => w.startsWith('@'));
    for (let i = 0; i < tagsAt; i++) {
      const n = claims.get(`${this.role} ${this.version} ${words.slice(i, tagsAt).join(' ')}`);
      if (n !== undefined) return n >= this.count;
    }
    return false;
  }
}

/** A role's personalities for a version: each keeps the variants that exist in that version; one left empty is dropped. */
const personalitiesFor = (personalities: readonly (Personality & { versions?: readonly OcppVersion[] })[], variants: Record<string, VariantSpec>, v: OcppVersion): Personality[] => personalities
  .filter((p) => !p.versions || p.versions.includes(v))
  .map((p) => ({ ...p, variants: p.variants.filter((name) => variants[name]?.versions.includes(v)) }))
  .filter((p) => p.variants.length > 0);
/** The variant catalogues per role and version, for the reporter (metadata.variants). */
const variantCatalogue = (role: 'station' | 'csms', variants: Record<string, VariantSpec>) => OCPP_VERSIONS.flatMap((v) => Object.entries(variants)
  .filter(([, spec]) => spec.versions.includes(v))
  .map(([name, spec]) => ({ role, version: v, name, description: spec.description, allowedBy: spec.allowedBy })));
const ROLES = [
  { role: 'station' as const, prefix: 'variant-', testDir: '../suites/station', personalities: STATION_PERSONALITIES, variants: STATION_VARIANTS },
  { role: 'csms' as const, prefix: 'variant-csms-', testDir: '../suites/csms', personalities: CSMS_PERSONALITIES, variants: CSMS_VARIANTS },
];

/**
 * Workers per conformance project (clean, fault, variant): three of the eight. Each worker of a
 * project (and of a variant project's personality) loads the whole harness, so several projects
 * sharing the workers start fewer workers than one project taking all of them, for the same CPU.
 * (The security profile is a test-scoped option: a project's cases of every profile share its workers.)
 */
const PROJECT_WORKERS = 3;

const projects = [
  { name: 'unit', testDir: './unit', metadata: { kind: 'unit' } },
  // The e2e tests run the CLI (Playwright, its workers, Java): at most four at once, the other workers run the cases meanwhile.
  { name: 'e2e', testDir: './e2e', metadata: { kind: 'unit' }, workers: 4 },
  // Legal variations: every case once per personality of its role and version (fixtures/common.ts selftestVariantsOf); skipped
  // when there is none. First: their slow personalities mostly wait, so they run beside the e2e tests' CPU-bound CLI runs,
  // and the CPU-bound clean and fault runs (short, several projects at once) fill the end.
  ...ROLES.flatMap(({ role, prefix, testDir, personalities, variants }) => [...OCPP_VERSIONS].reverse().flatMap((v) => { // 2.0.1 first: the longest
    const list = personalitiesFor(personalities, variants, v);
    if (!list.length) return [];
    return [{
      name: `${prefix}ocpp${v}`, testDir, repeatEach: list.length,
      grep: new RegExp(`${tag(`@ocpp${v}`)}(\\s|$)`),
      metadata: { kind: 'variant', version: v, role, personalities: list },
      use: role === 'station'
        ? { ocppVersion: v, sutConfig: { ...base.sut, faults: [], variants: [] }, timing: base.timing }
        : { ocppVersion: v, csmsConfig: { ...base.csms, faults: [], variants: [] }, timing: base.timing },
    }];
  })),
  { name: 'robustness', testDir: './robustness', metadata: { kind: 'unit' } },
  ...OCPP_VERSIONS.map((v) => ({
    name: `clean-ocpp${v}`, testDir: '../suites/station', repeatEach: 1,
    grep: new RegExp(`${tag(`@ocpp${v}`)}(\\s|$)`),
    metadata: { kind: 'clean', version: v },
    use: { ocppVersion: v, sutConfig: { ...base.sut, faults: [] }, timing: base.timing },
  })),
  // The station fault matrix: project k runs every case claiming at least k+1 faults against its
  // k-th fault (fixtures/common.ts selftestFaultOf), as an expected failure: a few long-lived
  // workers instead of a worker per fault.
  ...OCPP_VERSIONS.flatMap((v) => Array.from({ length: MAX_FAULTS_PER_CASE }, (_, k) => ({
    name: `fault-ocpp${v}-${k + 1}`, testDir: '../suites/station',
    grep: new ClaimsAtLeast('station', v, k + 1),
    metadata: { kind: 'fault', version: v, faultIndex: k, role: 'station' },
    use: { ocppVersion: v, sutConfig: { ...base.sut, faults: [] }, timing: base.timing },
  }))),
  // CSMS under test: the same, against the reference CSMS and each of its faults.
  ...OCPP_VERSIONS.map((v) => ({
    name: `clean-csms-ocpp${v}`, testDir: '../suites/csms', repeatEach: 1,
    grep: new RegExp(`${tag(`@ocpp${v}`)}(\\s|$)`),
    metadata: { kind: 'clean', version: v },
    use: { ocppVersion: v, csmsConfig: { ...base.csms, faults: [] }, timing: base.timing },
  })),
  ...OCPP_VERSIONS.flatMap((v) => Array.from({ length: MAX_FAULTS_PER_CASE }, (_, k) => ({
    name: `fault-csms-ocpp${v}-${k + 1}`, testDir: '../suites/csms',
    grep: new ClaimsAtLeast('csms', v, k + 1),
    metadata: { kind: 'fault', version: v, faultIndex: k, role: 'csms' },
    use: { ocppVersion: v, csmsConfig: { ...base.csms, faults: [] }, timing: base.timing },
  }))),
].map((p) => (p.metadata.kind === 'unit' ? p : { ...p, workers: PROJECT_WORKERS }))
  .filter((p) => !only?.length || only.some((o) => p.name.startsWith(o) || p.metadata.kind === o));

export default defineConfig<Options & CsmsOptions>({
  outputDir: '../reports/selftest-results',
  globalSetup: './support/selftest-setup.ts',
  fullyParallel: true,
  // Eight workers: the e2e tests' CLI runs and the fault runs are CPU-bound, but the slow personalities' cases mostly
  // wait; each project has at most three (e2e four), so several projects share the machine. SELFTEST_WORKERS overrides.
  workers: Number(process.env.SELFTEST_WORKERS) || 8,
  retries: 0,
  timeout: 30_000,
  // SELFTEST_PROFILE=<file>: also write Playwright's JSON report there (per-run durations, for profiling the self-test).
  reporter: [['./reporters/selftest-reporter.ts'], ...(process.env.SELFTEST_PROFILE ? [['json', { outputFile: process.env.SELFTEST_PROFILE }] as ['json', { outputFile: string }]] : [])],
  // Only the faults of versions whose matrix runs in this selection must be caught.
  metadata: {
    faults: allFaults.filter((f) => projects.some((p) => p.name.startsWith(matrixPrefix(f.role, f.version)))), maxFaultsPerCase: MAX_FAULTS_PER_CASE,
    // Every variant of a role and version whose variant project runs must be met by at least one case run.
    variants: [...variantCatalogue('station', STATION_VARIANTS), ...variantCatalogue('csms', CSMS_VARIANTS)]
      .filter((x) => projects.some((p) => p.name === `${x.role === 'csms' ? 'variant-csms-' : 'variant-'}ocpp${x.version}`)),
  },
  projects,
});
