/**
 * How many cases of a run against the embedded SUTs run at once, and how the conformance
 * projects (role x version) share those workers (playwright.config.ts). Against a real SUT the
 * run has one worker.
 */

/**
 * Workers against the embedded SUTs: OCPP_HARNESS_WORKERS (a positive integer), else four per
 * core and one more (9 on two cores, at most 16): the embedded cases mostly wait on scaled timers.
 */
export function embeddedWorkers(env: string | undefined, cores: number): number {
  if (env === undefined || env === '') return Math.min(16, 4 * cores + 1);
  if (!/^[1-9]\d{0,2}$/.test(env)) throw new Error(`OCPP_HARNESS_WORKERS must be a positive integer (got "${env}")`);
  return Number(env);
}

/**
 * How long each project's cases keep a worker against the embedded SUTs: busy seconds of the
 * default run, measured on 2026-11-30 (a project not listed counts 50).
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
