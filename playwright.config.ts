/**
 * The conformance run: one project per role and OCPP version the run covers (station under
 * test: suites/station; CSMS under test: suites/csms).
 * The CLI (harness/cli/main.ts) passes the run configuration in OCPP_HARNESS_CONFIG.
 */
import { defineConfig } from '@playwright/test';
import type { Options } from './fixtures';
import type { CsmsOptions } from './fixtures/csms';
import { runConfigFromEnv } from './harness/config/run-config';
import { join } from 'node:path';
import { ms } from './harness/model/timing';

const run = runConfigFromEnv();
const t = run.timing;
const embedded = run.roles.every((r) => (r === 'station' ? run.sut.adapter : run.csms.adapter) === 'embedded');

/** Workers against the embedded SUTs: OCPP_HARNESS_WORKERS (a positive integer), else 3. */
function embeddedWorkers(): number {
  const env = process.env.OCPP_HARNESS_WORKERS;
  if (env === undefined || env === '') return 3;
  if (!/^[1-9]\d{0,2}$/.test(env)) throw new Error(`OCPP_HARNESS_WORKERS must be a positive integer (got "${env}")`);
  return Number(env);
}

export default defineConfig<Options & CsmsOptions>({
  testDir: './suites',
  // A real station: the run's relay host keeps its connection across worker restarts (nothing for the embedded station).
  globalSetup: './fixtures/global-setup.ts',
  outputDir: join(run.reports, 'test-results'),
  fullyParallel: embedded,
  // Embedded cases mostly wait on scaled timers: a few workers per core (OCPP_HARNESS_WORKERS sets how many); a real SUT: one at a time.
  workers: embedded ? embeddedWorkers() : 1,
  retries: 0,
  // A case waits at most a few message timeouts plus one reboot; a real station needs the spec's values.
  timeout: Math.max(30_000, ms(t, t.messageTimeout * 6 + t.rebootTimeout * 2 + t.actionTimeout * 2)),
  reporter: [
    ['list'],
    ['allure-playwright', { resultsDir: join(run.reports, 'allure-results'), detail: true, suiteTitle: false }],
    ['junit', { outputFile: join(run.reports, 'junit.xml') }],
    ['./fixtures/reporters/summary-reporter.ts', { reports: run.reports }],
  ],
  projects: run.roles.flatMap((role) => run.versions.map((v) => ({
    name: `${role}-ocpp${v}`,
    testDir: `./suites/${role}`,
    grep: new RegExp(`@ocpp${v.replace(/\./g, '\\.')}(\\s|$)`),
    use: { ocppVersion: v, sutConfig: run.sut, csmsConfig: run.csms, timing: run.timing },
  }))),
});
