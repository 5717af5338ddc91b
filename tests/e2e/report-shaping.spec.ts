/**
 * The report's shaping of raw Allure results, without a run or a browser: evidence at the case
 * level, fixtures into Set up / Tear down, error-context dropped, soft findings and HX_ cases
 * marked, the suite file as location; the traceability rows; the executor from CI variables;
 * the failure marks of the sequence diagram.
 */
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AllureResult, HARNESS_CASE_TAG, SOFT_MESSAGE, SOFT_TAG, shapeResults } from '../../harness/report/evidence';
import { executorFromEnv } from '../../harness/report/executor';
import { traceabilityHtml, traceabilityRows } from '../../harness/report/traceability';
import { sequenceSvg } from '../../harness/report/sequence';
import { Journal } from '../../harness/transport/journal';

const step = (name: string, extra: Partial<AllureResult> = {}): AllureResult => ({ uuid: '', labels: [], name, status: 'passed', steps: [], attachments: [], ...extra });
const attachmentStep = (name: string, source: string): AllureResult => step(name, { attachments: [{ name, source }] });

function caseResult(dir: string, uuid: string, id: string, status: string, extra: { soft?: object[]; verdict?: object; requirements?: string[] } = {}): void {
  const file = (name: string, body: string): string => { writeFileSync(join(dir, `${uuid}-${name}`), body); return `${uuid}-${name}`; };
  const afterJournal = [attachmentStep('frames.txt', file('frames.txt', '001 ...')), attachmentStep('sequence.svg', file('seq.svg', '<svg/>')), attachmentStep('frames.jsonl', file('f.jsonl', '{}'))];
  if (extra.soft) afterJournal.push(attachmentStep('soft-findings.json', file('soft.json', JSON.stringify(extra.soft))));
  if (extra.verdict) afterJournal.push(attachmentStep('verdict.json', file('verdict.json', JSON.stringify(extra.verdict))));
  const r = {
    uuid, name: `${id} A case`, status, fullName: `../fixtures/ocpp-case.ts › ${id} A case`, description: 'What the case expects.',
    labels: [
      { name: 'ALLURE_ID', value: id }, { name: 'ocppVersion', value: '2.0.1' }, { name: 'role', value: 'Charging Station under test' },
      { name: 'titlePath', value: ' > station-ocpp2.0.1 > station/status/G01-connector-status.spec.ts' }, { name: 'package', value: 'x.fixtures.ocpp-case.ts' },
      ...(extra.requirements ?? []).map((value) => ({ name: 'requirement', value })),
    ],
    links: [{ name: `${id} (OCTT catalogue)`, url: 'https://example.com', type: 'tms' }],
    statusDetails: status === 'failed' ? { message: 'G01.FR.04: expected ...' } : {},
    attachments: [],
    steps: [
      step('Before Hooks', { steps: [step('Fixture "csms"'), step('Fixture "booted"', { steps: [step('Given: Booted')] })] }),
      step('ocpp.needs: [{"keypad":true}]'),
      step('Expect StatusNotification'),
      attachmentStep('error-context', file('error-context.md', '# Instructions')),
      step('After Hooks', { steps: [step('Fixture "booted"'), step('Fixture "_journal"', { steps: afterJournal })] }),
    ],
  };
  writeFileSync(join(dir, `${uuid}-result.json`), JSON.stringify(r));
}

const read = (dir: string, uuid: string): AllureResult & { name: string } => JSON.parse(readFileSync(join(dir, `${uuid}-result.json`), 'utf8')) as AllureResult & { name: string };

test('results are shaped for a reader: evidence first, hooks out of the body, error-context dropped, soft findings and HX_ cases marked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-shape-'));
  caseResult(dir, 'a', 'HX_C01_KEYPAD_CS', 'passed', { soft: [{ rule: 'C01.FR.02', message: 'C01.FR.02: expected Authorize (#13) ⊇ {type: "KeyCode"}', seq: 16 }], requirements: ['C01.FR.02'] });
  caseResult(dir, 'b', 'TC_G_02_CS', 'failed', { verdict: { rule: 'G01.FR.04', kind: 'timeout', tokens: ['G01.FR.04'] }, requirements: ['G01.FR.04'] });
  expect(shapeResults(dir)).toBe(2);
  expect(shapeResults(dir), 'a second pass changes nothing').toBe(0);

  const soft = read(dir, 'a');
  expect(soft.attachments!.map((a) => a.name)).toEqual(['frames.txt', 'sequence.svg', 'frames.jsonl', 'soft-findings.json']);
  expect(soft.steps!.map((s) => s.name)).toEqual(['Expect StatusNotification']);
  expect(soft.statusDetails?.message).toBe(`${SOFT_MESSAGE} (the case passes; --strict fails it):\n  - C01.FR.02: expected Authorize (#13) ⊇ {type: "KeyCode"} (frame log #16)`);
  expect(soft.labels.filter((l) => l.name === 'tag').map((l) => l.value)).toEqual([SOFT_TAG, HARNESS_CASE_TAG]);
  expect(soft.parameters).toContainEqual({ name: 'Soft finding', value: 'C01.FR.02: expected Authorize (#13) ⊇ {type: "KeyCode"}', excluded: true });
  expect(soft.description).toMatch(/^\*HX_C01_KEYPAD_CS: harness case, no OCTT id\*/);
  expect(soft.description).toContain('- C01.FR.02: expected Authorize');
  expect(soft.links).toEqual([]);
  expect(soft.fullName).toBe('suites/station/status/G01-connector-status.spec.ts › HX_C01_KEYPAD_CS A case');
  expect(soft.labels).toContainEqual({ name: 'suite', value: 'suites/station/status/G01-connector-status.spec.ts' });

  const failed = read(dir, 'b');
  expect(failed.statusDetails?.message).toBe('G01.FR.04: expected ...');
  expect(failed.attachments!.map((a) => a.name)).toEqual(['frames.txt', 'sequence.svg', 'frames.jsonl', 'verdict.json']);
  expect(failed.links!.map((l) => l.name)).toEqual(['TC_G_02_CS (OCTT catalogue)']);
  expect(existsSync(join(dir, 'b-error-context.md'))).toBe(false);
  const container = JSON.parse(readFileSync(join(dir, 'b-fixtures-container.json'), 'utf8')) as { children: string[]; befores: { name: string }[]; afters: { name: string }[] };
  expect(container.children).toEqual(['b']);
  expect(container.befores.map((s) => s.name)).toEqual(['Fixture "csms"', 'Fixture "booted"']);
  // Teardown fixtures that did nothing visible are left out; the journal's attachments moved to the case.
  expect(container.afters).toEqual([]);
  expect(readdirSync(dir).filter((f) => f.endsWith('-container.json'))).toHaveLength(2);

  const rows = traceabilityRows(dir);
  const row = (id: string) => rows.find((r) => r.requirement.id === id && r.requirement.version === '2.0.1')!;
  expect(row('G01.FR.04')).toMatchObject({ verdict: 'failed', failedBy: ['TC_G_02_CS'], cases: [{ id: 'TC_G_02_CS', status: 'failed', how: 'cites' }] });
  expect(row('C01.FR.02').verdict).toBe('passed');
  expect(row('C01.FR.02').soft).toEqual(['HX_C01_KEYPAD_CS: expected Authorize (#13) ⊇ {type: "KeyCode"}']);
  expect(rows.every((r) => r.requirement.version === '2.0.1' && r.requirement.role !== 'csms')).toBe(true);
  const html = traceabilityHtml(rows);
  expect(html).toContain('<tr class="verdict-failed" data-requirement="G01.FR.04">');
  expect(html).toContain('reached by a case: 1 passed, 1 failed');
});

test('the executor comes from the CI environment', () => {
  expect(executorFromEnv({ GITHUB_ACTIONS: 'true', GITHUB_WORKFLOW: 'conformance', GITHUB_RUN_NUMBER: '7', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/cs', GITHUB_RUN_ID: '99' }))
    .toMatchObject({ name: 'GitHub Actions', type: 'github', buildName: 'conformance #7', buildOrder: 7, buildUrl: 'https://github.com/acme/cs/actions/runs/99' });
  expect(executorFromEnv({ GITLAB_CI: 'true', CI_PROJECT_PATH: 'acme/cs', CI_PIPELINE_IID: '12', CI_JOB_NAME: 'ocpp', CI_JOB_URL: 'https://gitlab.example/acme/cs/-/jobs/5' }))
    .toMatchObject({ name: 'GitLab CI', buildName: 'acme/cs #12 (ocpp)', buildUrl: 'https://gitlab.example/acme/cs/-/jobs/5' });
  expect(executorFromEnv({ JOB_NAME: 'ocpp', BUILD_NUMBER: '42', BUILD_URL: 'https://ci.example/job/ocpp/42/' }))
    .toMatchObject({ name: 'Jenkins', buildName: 'ocpp #42', buildOrder: 42, buildUrl: 'https://ci.example/job/ocpp/42/' });
  expect(executorFromEnv({ CI: 'true', CI_NAME: 'Buildkite', BUILD_NUMBER: '3' })).toMatchObject({ name: 'Buildkite', buildName: 'build #3' });
  expect(executorFromEnv({}).type).toBe('local');
});

test('the sequence diagram marks the expectation window and the frame that broke it, or the deadline', () => {
  const j = new Journal();
  j.frame('in', '[2,"1","Heartbeat",{}]', { type: 2, id: '1', action: 'Heartbeat', payload: {} });
  const from = j.lastSeq;
  j.frame('in', '[2,"2","StatusNotification",{"connectorStatus":"Unavailable"}]', { type: 2, id: '2', action: 'StatusNotification', payload: { connectorStatus: 'Unavailable' } });
  const broke = j.lastSeq;
  j.frame('out', '[3,"2",{}]', { type: 3, id: '2', payload: {} });
  const svg = sequenceSvg(j, { marks: [{ title: 'Expect StatusNotification Available', rule: 'G01.FR.04', fromSeq: from, toSeq: j.lastSeq, brokeSeq: broke, timeout: true }] });
  expect(svg).toContain(`class="expectation-window" data-kind="failed" data-from-seq="${from}" data-to-seq="${j.lastSeq}"`);
  expect(svg).toContain(`class="failure-point" data-seq="${broke}"`);
  expect(svg).toContain(`✗ #${broke} broke G01.FR.04`);
  const deadline = sequenceSvg(j, { marks: [{ title: 'Expect Authorize', fromSeq: j.lastSeq, toSeq: j.lastSeq, timeout: true }] });
  expect(deadline).toContain('✗ deadline: nothing matched');
  expect(sequenceSvg(j)).not.toContain('expectation-window');
});
