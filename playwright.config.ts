/**
 * The conformance run: one project per role and OCPP version the run covers (station under
 * test: suites/station; CSMS under test: suites/csms).
 * The CLI (harness/cli/main.ts) passes the run configuration in OCPP_HARNESS_CONFIG.
 */
import { defineConfig } from '@playwright/test';
import type { Options } from './fixtures';
import type { CsmsOptions } from './fixtures/csms';
import { runConfigFromEnv } from './harness/config/run-config';
import { embeddedWorkers, projectWorkers } from './harness/config/workers';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { ms } from './harness/model/timing';

const run = runConfigFromEnv();
const t = run.timing;
const embedded = run.roles.every((r) => (r === 'station' ? run.sut.adapter : run.csms.adapter) === 'embedded');

const workers = embedded ? embeddedWorkers(process.env.OCPP_HARNESS_WORKERS, availableParallelism()) : 1;
const projects = run.roles.flatMap((role) => run.versions.map((v) => ({
  name: `${role}-ocpp${v}`,
  testDir: `./suites/${role}`,
  grep: new RegExp(`@ocpp${v.replace(/\./g, '\\.')}(\\s|$)`),
  use: { ocppVersion: v, sutConfig: run.sut, csmsConfig: run.csms, timing: run.timing },
})));
const { order, caps } = embedded ? projectWorkers(projects.map((p) => p.name), workers) : { order: projects.map((p) => p.name), caps: {} as Record<string, number> };

export default defineConfig<Options & CsmsOptions>({
  testDir: './suites',
  // A real station: the run's relay host keeps its connection across worker restarts (nothing for the embedded station).
  globalSetup: './fixtures/global-setup.ts',
  outputDir: join(run.reports, 'test-results'),
  fullyParallel: embedded,
  // Embedded cases mostly wait on scaled timers: several workers per core (OCPP_HARNESS_WORKERS sets how many); a real SUT: one at a time.
  workers,
  retries: 0,
  // A case waits at most a few message timeouts plus one reboot; a real station needs the spec's values.
  timeout: Math.max(30_000, ms(t, t.messageTimeout * 6 + t.rebootTimeout * 2 + t.actionTimeout * 2)),
  reporter: [
    ['list'],
    ['./fixtures/reporters/allure-reporter.ts', { resultsDir: join(run.reports, 'allure-results'), detail: true, suiteTitle: false }],
    ['junit', { outputFile: join(run.reports, 'junit.xml') }],
    ['./fixtures/reporters/summary-reporter.ts', { reports: run.reports }],
  ],
  // Each project but the heaviest capped at its share of the workers, the heaviest last (harness/config/workers.ts).
  projects: order.map((name) => {
    const p = projects.find((x) => x.name === name)!;
    return caps[name] ? { ...p, workers: caps[name] } : p;
  }),
});
