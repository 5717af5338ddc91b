/**
 * The self-test reporter's summary (`npm test`): a subset of projects summarises only what ran,
 * a skipped unit/e2e test is a skip (listed with its reason, not counted as passed) unless its
 * file must run here (SELFTEST_MUST_RUN, set by .ci/run for the browser test), and the progress
 * line gives counts and an ETA.
 */
import { expect, test } from '@playwright/test';
import type { FullConfig, FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import SelftestReporter, { clock, mustRun } from '../reporters/selftest-reporter';

type Status = TestResult['status'];
interface Project { name: string; metadata: Record<string, unknown> }
interface Run { project: Project; title: string; file?: string; status: Status; annotations?: { type: string; description?: string }[]; catches?: string[]; expected?: Status }

const unit: Project = { name: 'unit', metadata: { kind: 'unit' } };
const e2e: Project = { name: 'e2e', metadata: { kind: 'unit' } };
const fault = (k: number): Project => ({ name: `fault-ocpp1.6-${k + 1}`, metadata: { kind: 'fault', version: '1.6', faultIndex: k, role: 'station' } });
const FAULTS = [
  { role: 'station', version: '1.6', fault: 'boot.a', rules: ['1.6§4.2'], should: false },
  { role: 'station', version: '1.6', fault: 'boot.b', rules: ['1.6§4.2'], should: false },
];

/** Runs the reporter over fake runs; returns what it printed and the status it returned. */
async function report(projects: Project[], runs: Run[]): Promise<{ out: string; status: string }> {
  const byProject = new Map<string, TestCase[]>();
  const tests = runs.map((r) => {
    const t = {
      title: r.title, tags: [], repeatEachIndex: 0,
      location: { file: r.file ?? `/repo/tests/unit/${r.title}.spec.ts`, line: 1, column: 1 },
      annotations: [...(r.annotations ?? []), ...(r.catches ?? []).map((c) => ({ type: 'allure.label.catches', description: c }))],
      parent: { project: () => r.project },
      outcome: () => (r.status === 'skipped' ? 'skipped' : r.status === (r.expected ?? 'passed') ? 'expected' : 'unexpected'),
    } as unknown as TestCase;
    byProject.set(r.project.name, [...(byProject.get(r.project.name) ?? []), t]);
    return t;
  });
  const suite = { allTests: () => tests, suites: [...byProject].map(([title, list]) => ({ title, allTests: () => list })) } as unknown as Suite;
  const config = { projects, workers: 1, metadata: { faults: FAULTS, maxFaultsPerCase: 6 } } as unknown as FullConfig;
  const printed: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => { printed.push(String(s)); return true; }) as typeof process.stdout.write;
  try {
    const r = new SelftestReporter();
    r.onBegin(config, suite);
    runs.forEach((run, i) => {
      const verdict = run.project.metadata.kind === 'fault' ? [{ name: 'verdict.json', contentType: 'application/json', body: Buffer.from(JSON.stringify({ rule: '1.6§4.2', kind: 'expectCall', tokens: ['1.6§4.2'] })) }] : [];
      r.onTestEnd(tests[i], { status: run.status, errors: [], retry: 0, attachments: verdict, annotations: run.project.metadata.kind === 'fault' ? [{ type: 'selftest-fault', description: run.catches?.[(run.project.metadata.faultIndex as number)] }] : run.annotations ?? [] } as unknown as TestResult);
    });
    const { status } = await r.onEnd({ status: 'passed', duration: 1000 } as FullResult);
    return { out: printed.join(''), status };
  } finally { process.stdout.write = write; }
}

const lastLine = (out: string): string => out.trimEnd().split('\n').pop()!;

test('a case not applicable to the default station passes the clean run only if a personality ran it to a pass', async () => {
  const clean: Project = { name: 'clean-ocpp2.0.1', testDir: '/repo/suites/station', metadata: { kind: 'clean', version: '2.0.1' } } as unknown as Project;
  const variant: Project = { name: 'variant-ocpp2.0.1', testDir: '/repo/suites/station', metadata: { kind: 'variant', version: '2.0.1', role: 'station' } } as unknown as Project;
  const na = [{ type: 'skip', description: 'not applicable: a station that cannot cancel' }];
  const { out, status } = await report([clean, variant], [
    { project: clean, title: 'TC_L_11_CS Unable to cancel', status: 'skipped', annotations: na },
    { project: variant, title: 'TC_L_11_CS Unable to cancel', status: 'passed', annotations: [{ type: 'selftest-personality', description: 'slow-but-correct: firmware.cannotCancel' }] },
    { project: clean, title: 'TC_X_99_CS Never applicable', status: 'skipped', annotations: na },
  ]);
  expect(out).not.toContain('FAILED  [clean-ocpp2.0.1] TC_L_11_CS');
  expect(out).toContain('Conformance cases vs clean simulated station and reference CSMS: 1/2 passed');
  expect(out).toContain('FAILED  [clean-ocpp2.0.1] TC_X_99_CS Never applicable: skipped: not applicable: a station that cannot cancel (and no personality ran it to a pass)');
  expect(status).toBe('failed');
});

test('a skipped unit test is listed with its reason and not counted as passed', async () => {
  const { out, status } = await report([unit], [
    { project: unit, title: 'parses', status: 'passed' },
    { project: unit, title: 'opens the report in Chromium', status: 'skipped', annotations: [{ type: 'skip', description: 'no /usr/bin/chromium' }] },
  ]);
  expect(out).toContain('Skipped (1, not counted as passed):');
  expect(out).toContain('skipped [unit] opens the report in Chromium: no /usr/bin/chromium');
  expect(out).toContain('Unit, end-to-end and robustness tests: 1/2 passed, 1 skipped');
  expect(lastLine(out)).toBe('1 passed, 0 failed');
  expect(status).toBe('passed');
});

test('a skipped test in a file SELFTEST_MUST_RUN names fails the run', async () => {
  process.env.SELFTEST_MUST_RUN = 'tests/e2e/report-browser.spec.ts';
  try {
    const { out, status } = await report([e2e], [
      { project: e2e, title: 'opens the report', file: '/repo/tests/e2e/report-browser.spec.ts', status: 'skipped', annotations: [{ type: 'skip', description: 'no /usr/bin/chromium' }] },
    ]);
    expect(out).toContain('SKIPPED [e2e] opens the report: no /usr/bin/chromium (tests/e2e/report-browser.spec.ts must run here: SELFTEST_MUST_RUN)');
    expect(lastLine(out)).toBe('0 passed, 1 failed');
    expect(status).toBe('failed');
  } finally { delete process.env.SELFTEST_MUST_RUN; }
});

test('a run where everything was skipped fails', async () => {
  const { status } = await report([unit], [{ project: unit, title: 'x', status: 'skipped' }]);
  expect(status).toBe('failed');
});

test('a --project subset summarises only what ran: no unclaimed faults, no empty parts', async () => {
  const projects = [unit, fault(0), fault(1)];
  // Only the second matrix project was selected: boot.a (claimed first) did not run, and is not reported missed.
  const { out } = await report(projects, [
    { project: fault(1), title: 'TC_001_CS Boot', status: 'failed', expected: 'failed', catches: ['boot.a', 'boot.b'] },
  ]);
  expect(out).not.toContain('no case claims it');
  expect(out).not.toContain('Unit, end-to-end');
  expect(out).not.toContain('Conformance cases vs clean');
  expect(out).toContain('Mutation score (exact rule credit): 1/1 (100.0 %)');
  expect(lastLine(out)).toBe('1 passed, 0 failed');
});

test('the whole matrix of a version ran: a fault no case claims is missed', async () => {
  const { out } = await report([fault(0), fault(1)], [
    { project: fault(0), title: 'TC_001_CS Boot', status: 'failed', expected: 'failed', catches: ['boot.a'] },
  ]);
  expect(out).toContain('no case claims it');
  expect(out).toContain('Mutation score (exact rule credit): 1/2 (50.0 %)');
});

test('the progress line gives counts, elapsed time and an ETA', () => {
  const r = new SelftestReporter() as unknown as { total: number; done: number; started: number; outcomes: Record<string, number>; progressLine(now: number): string };
  Object.assign(r, { total: 200, done: 50, started: 0, outcomes: { expected: 48, unexpected: 1, skipped: 1 } });
  expect(r.progressLine(100_000)).toBe('50/200 runs (25 %) · 48 as expected, 1 unexpected, 1 skipped · 1:40 elapsed, ETA 5:00');
  expect(clock(3725)).toBe('1:02:05');
  expect(mustRun('/r/tests/e2e/report-browser.spec.ts', './tests/e2e/report-browser.spec.ts,tests/e2e/x.spec.ts')).toBe('tests/e2e/report-browser.spec.ts');
  expect(mustRun('/r/tests/e2e/other.spec.ts', 'tests/e2e/report-browser.spec.ts')).toBeUndefined();
});
