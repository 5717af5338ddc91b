/**
 * A case declared through ocppCase/csmsCase keeps its own file and line as its Playwright
 * location (list, JUnit, Allure, `file:line` filters), and the faults it catches are annotations,
 * not tags: titles are `ID Title`, tags only what a user greps on (version, area, role).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { type CaseMeta, caseEntries, declareCase } from '../../fixtures/ocpp-case';
import { CATCHES_ANNOTATION } from '../../fixtures/common';

const meta: CaseMeta<string> = {
  ids: { '2.0.1': 'HX_LOC_01_CS', '1.6': 'HX_LOC_01_CS' }, title: 'Location probe', area: 'status',
  useCase: { '2.0.1': 'B01', '1.6': '1.6 §4.2' }, requirements: {}, expectation: 'x',
  catches: { '2.0.1': ['boot.noStatusAfterAccepted', 'boot.wrongReason'], '1.6': ['boot.noStatusAfterAccepted'] },
};

const declaredLine = readFileSync(__filename, 'utf8').split('\n').findIndex((l) => l.startsWith('declareCase(test')) + 1;

declareCase(test, caseEntries(meta, 'CS'), 'CS', async ({}, testInfo) => {
  expect(relative(process.cwd(), testInfo.file)).toBe(relative(process.cwd(), __filename));
  expect(testInfo.line).toBe(declaredLine);
  expect(testInfo.annotations.find((a) => a.type === 'ocpp.location')).toBeUndefined();
});

test.describe('case metadata', () => {
  test('the faults a case catches are annotations in order, per version; no tag names them', () => {
    const [v201, v16] = caseEntries(meta, 'CS');
    expect(v201.title).toBe('HX_LOC_01_CS Location probe (OCPP 2.0.1)');
    expect(v201.details.annotation.filter((a) => a.type === CATCHES_ANNOTATION).map((a) => a.description)).toEqual(['boot.noStatusAfterAccepted', 'boot.wrongReason']);
    expect(v16.details.annotation.filter((a) => a.type === CATCHES_ANNOTATION).map((a) => a.description)).toEqual(['boot.noStatusAfterAccepted']);
    for (const e of [v201, v16]) {
      expect(e.details.tag.filter((t) => /catches/i.test(t))).toEqual([]);
      expect(e.details.tag).toEqual([`@ocpp${e.version}`, '@status', '@role:CS']);
    }
  });

  test('every conformance case of both roles is located in its suite file', async () => {
    test.setTimeout(120_000);
    const root = join(__dirname, '..', '..');
    const { stdout } = await promisify(execFile)(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '-c', 'tests/playwright.config.ts', '--list', '--reporter=json'],
      { cwd: root, env: { ...process.env, SELFTEST_ONLY: 'clean' }, maxBuffer: 64 << 20 });
    interface Spec { title: string; file: string; line: number }
    interface Node { file?: string; specs?: Spec[]; suites?: Node[] }
    const specs: Spec[] = [];
    const walk = (n: Node): void => { specs.push(...(n.specs ?? [])); (n.suites ?? []).forEach(walk); };
    walk(JSON.parse(stdout.slice(stdout.indexOf('{'))) as Node);
    expect(specs.length).toBeGreaterThan(100);
    for (const s of specs) {
      expect(s.file, s.title).toMatch(/^\.\.\/suites\/(station|csms)\/.+\.spec\.ts$/);
      const line = readFileSync(join(root, 'tests', s.file), 'utf8').split('\n')[s.line - 1];
      expect(line, `${s.title} at ${s.file}:${s.line}`).toMatch(/(ocppCase|csmsCase)\(|Case\(/);
    }
  });
});
