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
import { availableParallelism } from 'node:os';
import { ms } from './harness/model/timing';

const run = runConfigFromEnv();
const t = run.timing;
const embedded = run.roles.every((r) => (r === 'station' ? run.sut.adapter : run.csms.adapter) === 'embedded');

/**
 * Workers against the embedded SUTs: OCPP_HARNESS_WORKERS (a positive integer), else four per
 * core and one (9 on two cores, at most 16): the embedded cases mostly wait on scaled timers.
 */
function embeddedWorkers(): number {
  const env = process.env.OCPP_HARNESS_WORKERS;
  if (env === undefined || env === '') return Math.min(16, 4 * availableParallelism() + 1);
  if (!/^[1-9]\d{0,2}$/.test(env)) throw new Error(`OCPP_HARNESS_WORKERS must be a positive integer (got "${env}")`);
  return Number(env);
}

/**
 * How long each project's cases keep a worker against the embedded SUTs (busy seconds of the
 * default run, measured 2026-11-30): the run's workers are shared among its projects in this
 * proportion, each project at least one.
 */
const EMBEDDED_WEIGHT: Record<string, number> = { 'station-ocpp2.0.1': 111, 'station-ocpp1.6': 46, 'csms-ocpp2.0.1': 46, 'csms-ocpp1.6': 28 };

/**
 * Each project's cap on workers, and the order of the projects. A worker runs one project's cases
 * (another project's need another set of fixtures: Playwright restarts it, reloading the whole
 * harness). With every worker free to take the next case of any project, each restarted at every
 * project boundary of the queue, and those restarts cost more CPU than the cases themselves. So
 * each project but the heaviest gets its share of the workers (rounded, at least one) as a cap and
 * keeps its workers to the end; the heaviest, uncapped and last in the queue, takes the rest at
 * the start and every worker another project frees.
 */
export function projectWorkers(names: string[], workers: number): { order: string[]; caps: Record<string, number> } {
  const weight = (n: string): number => EMBEDDED_WEIGHT[n] ?? 50;
  const order = [...names].sort((a, b) => weight(a) - weight(b));
  const sum = names.reduce((a, n) => a + weight(n), 0);
  const caps = Object.fromEntries(order.slice(0, -1).map((n) => [n, Math.max(1, Math.round((workers * weight(n)) / sum))]));
  return { order, caps };
}

const workers = embedded ? embeddedWorkers() : 1;
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
  projects: order.map((name) => {
    const p = projects.find((x) => x.name === name)!;
    return caps[name] ? { ...p, workers: caps[name] } : p;
  }),
});
