/**
 * The conformance run: one project per OCPP version the run covers (station under test).
 * The CLI (harness/cli.ts) passes the run configuration in OCPP_HARNESS_CONFIG.
 */
import { defineConfig } from '@playwright/test';
import type { Options } from './fixtures';
import { runConfigFromEnv } from './harness/config';
import { join } from 'node:path';
import { ms } from './harness/timing';

const run = runConfigFromEnv();
const t = run.timing;
const embedded = run.sut.adapter === 'embedded';

export default defineConfig<Options>({
  testDir: './suites',
  outputDir: join(run.reports, 'test-results'),
  fullyParallel: embedded,
  // Embedded cases mostly wait on scaled timers: a few workers per core; a real station: one at a time.
  workers: embedded ? 3 : 1,
  retries: 0,
  // A case waits at most a few message timeouts plus one reboot; a real station needs the spec's values.
  timeout: Math.max(30_000, ms(t, t.messageTimeout * 6 + t.rebootTimeout * 2 + t.actionTimeout * 2)),
  reporter: [
    ['list'],
    ['allure-playwright', { resultsDir: join(run.reports, 'allure-results'), detail: true, suiteTitle: false }],
    ['junit', { outputFile: join(run.reports, 'junit.xml') }],
    ['./fixtures/reporters/summary-reporter.ts', { reports: run.reports }],
  ],
  projects: run.versions.map((v) => ({
    name: `station-ocpp${v}`,
    grep: new RegExp(`@ocpp${v.replace(/\./g, '\\.')}(\\s|$)`),
    use: { ocppVersion: v, sutConfig: run.sut, timing: run.timing },
  })),
});
