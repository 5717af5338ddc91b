/**
 * Who ran the suites, for Allure's Executors panel (`executor.json` in the results): the CI
 * system, the build's name and number and its URL, read from the CI's environment (GitHub
 * Actions GITHUB_*, GitLab CI_*, Jenkins BUILD_* / JOB_NAME, any other CI through CI_NAME,
 * BUILD_NUMBER, BUILD_URL); a local run names the machine.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface Executor { name: string; type: string; buildName?: string; buildOrder?: number; buildUrl?: string; reportUrl?: string; reportName?: string }

type Env = Record<string, string | undefined>;
const num = (s: string | undefined): number | undefined => (s && /^\d+$/.test(s) ? Number(s) : undefined);
const drop = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

export function executorFromEnv(env: Env = process.env): Executor {
  const report = { reportName: 'OCPP conformance', reportUrl: env.OCPP_HARNESS_REPORT_URL };
  if (env.GITHUB_ACTIONS === 'true') {
    const url = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    return drop({ name: 'GitHub Actions', type: 'github', buildName: `${env.GITHUB_WORKFLOW ?? 'workflow'} #${env.GITHUB_RUN_NUMBER ?? env.GITHUB_RUN_ID ?? '?'}${env.GITHUB_JOB ? ` (${env.GITHUB_JOB})` : ''}`, buildOrder: num(env.GITHUB_RUN_NUMBER), buildUrl: url, ...report });
  }
  if (env.GITLAB_CI) {
    const number = env.CI_PIPELINE_IID ?? env.CI_PIPELINE_ID;
    return drop({ name: 'GitLab CI', type: 'gitlab', buildName: `${env.CI_PROJECT_PATH ?? 'pipeline'} #${number ?? '?'}${env.CI_JOB_NAME ? ` (${env.CI_JOB_NAME})` : ''}`, buildOrder: num(number), buildUrl: env.CI_JOB_URL ?? env.CI_PIPELINE_URL, ...report });
  }
  if (env.JENKINS_URL || (env.BUILD_URL && env.JOB_NAME)) {
    return drop({ name: 'Jenkins', type: 'jenkins', buildName: `${env.JOB_NAME ?? 'job'} #${env.BUILD_NUMBER ?? '?'}`, buildOrder: num(env.BUILD_NUMBER), buildUrl: env.BUILD_URL, ...report });
  }
  if (env.CI || env.CI_NAME || env.BUILD_NUMBER) {
    const number = env.CI_BUILD_NUMBER ?? env.BUILD_NUMBER;
    return drop({ name: env.CI_NAME ?? 'CI', type: (env.CI_NAME ?? 'ci').toLowerCase().replace(/\W+/g, '-'), buildName: number ? `build #${number}` : undefined, buildOrder: num(number), buildUrl: env.CI_BUILD_URL ?? env.BUILD_URL, ...report });
  }
  return drop({ name: `local run on ${hostname()}`, type: 'local', buildName: `${hostname()} ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, ...report });
}

/** Writes `executor.json` into a results directory unless the user put one there. */
export function writeExecutor(resultsDir: string, env: Env = process.env): void {
  const file = join(resultsDir, 'executor.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(executorFromEnv(env), null, 2));
}
