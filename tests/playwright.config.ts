/**
 * The harness's own tests (`npm test`):
 *  - unit: framing, validation, bookkeeping, config, adapters, transport (tests/unit);
 *  - clean: every conformance case against the correct simulated station, twice (must pass
 *    both times: verdicts are deterministic);
 *  - fault: every case against each fault it claims to catch (must fail quoting the rule).
 * tests/reporters/selftest-reporter.ts turns this into verdicts and the mutation score.
 */
import { defineConfig } from '@playwright/test';
import type { Options } from '../fixtures';
import { defaultRunConfig } from '../harness/config/run-config';
import { OCPP_VERSIONS } from '../harness/protocol/versions';
import { STATION_FAULTS } from '../harness/sims/station/faults';
import type { FaultSpec } from '../harness/sims/fault-spec';
import { CSMS_FAULTS } from '../harness/sims/csms/faults';
import type { CsmsOptions } from '../fixtures/csms';
import { SOFT_UNTIL_MIGRATED } from './support/citation-migration';

const base = defaultRunConfig();
const tag = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const only = process.env.SELFTEST_ONLY; // e.g. "unit" or "fault" to run a part

const projects = [
  { name: 'unit', testDir: './unit', metadata: { kind: 'unit' } },
  { name: 'e2e', testDir: './e2e', metadata: { kind: 'unit' } },
  { name: 'robustness', testDir: './robustness', metadata: { kind: 'unit' } },
  ...OCPP_VERSIONS.map((v) => ({
    name: `clean-ocpp${v}`, testDir: '../suites/station', repeatEach: 2,
    grep: new RegExp(`${tag(`@ocpp${v}`)}(\\s|$)`),
    metadata: { kind: 'clean', version: v },
    use: { ocppVersion: v, sutConfig: { ...base.sut, faults: [] }, timing: base.timing },
  })),
  ...OCPP_VERSIONS.flatMap((v) => Object.entries(STATION_FAULTS as Record<string, FaultSpec>)
    .filter(([, spec]) => spec.rules[v])
    .map(([fault, spec]) => ({
      name: `fault-ocpp${v}-${fault}`, testDir: '../suites/station',
      grep: new RegExp(`^(?=.*${tag(`@ocpp${v}`)}(\\s|$))(?=.*${tag(`@catches:${fault}`)}(\\s|$))`),
      metadata: { kind: 'fault', version: v, fault: `${fault}${SOFT_UNTIL_MIGRATED.station[v].includes(fault) ? ' (SHOULD, --strict)' : ''}`, rules: spec.rules[v] },
      // A fault that breaks only SHOULD / MAY / unrequired behaviour is caught under --strict (see citation-migration.ts).
      use: { ocppVersion: v, sutConfig: { ...base.sut, faults: [fault] }, timing: base.timing, strictRun: !!spec.should || SOFT_UNTIL_MIGRATED.station[v].includes(fault) },
    }))),
  // CSMS under test: the same, against the reference CSMS and each of its faults.
  ...OCPP_VERSIONS.map((v) => ({
    name: `clean-csms-ocpp${v}`, testDir: '../suites/csms', repeatEach: 2,
    grep: new RegExp(`${tag(`@ocpp${v}`)}(\\s|$)`),
    metadata: { kind: 'clean', version: v },
    use: { ocppVersion: v, csmsConfig: { ...base.csms, faults: [] }, timing: base.timing },
  })),
  ...OCPP_VERSIONS.flatMap((v) => Object.entries(CSMS_FAULTS as Record<string, FaultSpec>)
    .filter(([, spec]) => spec.rules[v])
    .map(([fault, spec]) => ({
      name: `fault-csms-ocpp${v}-${fault}`, testDir: '../suites/csms',
      grep: new RegExp(`^(?=.*${tag(`@ocpp${v}`)}(\\s|$))(?=.*${tag(`@catches:${fault}`)}(\\s|$))`),
      metadata: { kind: 'fault', version: v, fault: `csms:${fault}${spec.should || SOFT_UNTIL_MIGRATED.csms[v].includes(fault) ? ' (SHOULD, --strict)' : ''}`, rules: spec.rules[v] },
      use: { ocppVersion: v, csmsConfig: { ...base.csms, faults: [fault] }, timing: base.timing, strictRun: !!spec.should || SOFT_UNTIL_MIGRATED.csms[v].includes(fault) },
    }))),
].filter((p) => !only || p.name.startsWith(only) || p.metadata.kind === only);

export default defineConfig<Options & CsmsOptions>({
  outputDir: '../reports/selftest-results',
  fullyParallel: true,
  workers: 3,
  retries: 0,
  timeout: 30_000,
  reporter: [['./reporters/selftest-reporter.ts']],
  projects,
});
