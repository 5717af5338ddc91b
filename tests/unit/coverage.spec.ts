import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { BLOCKS, COVERAGE_CATALOGUE, parseOcttId } from '../../harness/model/coverage-catalogue';
import { type ListedCase, LIST_PROJECTS, coverageMarkdown, harnessBlock, listCases, parseListing, uncataloguedCases } from '../support/coverage';

let listed: ListedCase[] | undefined;
/** One `playwright test --list` run for the whole file. */
const cases = (): ListedCase[] => (listed ??= listCases());

test.describe('coverage matrix', () => {
  test('the catalogue: ids unique per role and version, well-formed, in a known block; flags carry their reason', () => {
    const seen = new Set<string>();
    for (const e of COVERAGE_CATALOGUE) {
      for (const id of [e.id, ...(e.aliases ?? [])]) {
        expect(seen.has(id), `${id} is catalogued twice`).toBe(false);
        seen.add(id);
        expect(parseOcttId(id), `${id}: version, role and block follow from the id`).toMatchObject({ version: e.version, role: e.role, block: e.block });
      }
      expect(BLOCKS[e.version].some((b) => b.id === e.block), `${e.id}: block ${e.block}`).toBe(true);
      expect(/^TC_[A-Z]_(\d+)_/.exec(e.id)?.[1] ?? '0', `${e.id}: ids from 100 up are OCPP 2.1 additions, out of scope`).toMatch(/^\d{1,2}$/);
      if (!e.verified) expect(e.note?.length ?? 0, `${e.id}: an unverified row says why`).toBeGreaterThan(10);
      if (e.notApplicable !== undefined) expect(e.notApplicable.length, `${e.id}: not applicable needs a reason`).toBeGreaterThan(10);
      if (!e.title) expect(e.verified, `${e.id}: a row without a catalogued title is unverified`).toBe(false);
    }
  });

  test('the listing parser takes the id from the first title token, the role and version from the project', () => {
    const text = [
      'Listing tests:',
      '  [clean-ocpp2.0.1] › ../fixtures/ocpp-case.ts:128:61 › TC_B_01_CS Cold Boot Charging Station - Accepted',
      '  [clean-csms-ocpp1.6] › ../fixtures/csms.ts:261:63 › TC_001_CSMS Cold Boot Charge Point (OCPP 1.6)',
      '  [unit] › coverage.spec.ts:1:1 › coverage matrix › not a case',
      'Total: 3 tests in 3 files',
    ].join('\n');
    expect(parseListing(text)).toEqual([
      { role: 'CS', version: '2.0.1', id: 'TC_B_01_CS', title: 'Cold Boot Charging Station - Accepted' },
      { role: 'CSMS', version: '1.6', id: 'TC_001_CSMS', title: 'Cold Boot Charge Point' },
    ]);
    expect(harnessBlock('HX_TC_G_03_CS', '2.0.1')).toBe('G');
    expect(harnessBlock('HX_M05_01_CS', '2.0.1')).toBe('M');
    expect(harnessBlock('HX_TC_G_03_CS', '1.6')).toBe('core');
    expect(harnessBlock('HX_TC_041_CS', '1.6')).toBe('core');
    expect(harnessBlock('HX_RPC_01_CS', '1.6')).toBe('other');
  });

  test('a case citing an id outside the catalogue (or in the wrong role or version) is named', () => {
    const stray = uncataloguedCases([
      { role: 'CS', version: '2.0.1', id: 'TC_B_01_CS', title: 'ok' },
      { role: 'CS', version: '2.0.1', id: 'TC_Z_99_CS', title: 'unknown id' },
      { role: 'CSMS', version: '2.0.1', id: 'TC_B_01_CS', title: 'wrong role' },
      { role: 'CS', version: '1.6', id: 'TC_B_01_CS', title: 'wrong version' },
      { role: 'CS', version: '1.6', id: 'TC_007_1_CS', title: 'an alias' },
      { role: 'CS', version: '1.6', id: 'HX_TC_B_01_CS', title: 'harness case' },
    ]);
    expect(stray.map((c) => c.title)).toEqual(['unknown id', 'wrong role', 'wrong version']);
  });

  test.describe('against the cases listed', () => {
    // One worker for both (the config runs tests fully parallel): one `--list` run, not one per test.
    test.describe.configure({ mode: 'default' });

    test('every OCTT id a case cites is in the catalogue for its role and version', () => {
      test.setTimeout(60_000);
      const all = cases();
      for (const p of LIST_PROJECTS) expect(all.filter((c) => c.role === p.role && c.version === p.version).length, `cases listed in ${p.project}`).toBeGreaterThan(0);
      const stray = uncataloguedCases(all).map((c) => `${c.id} (${c.role === 'CS' ? 'station' : 'CSMS'} under test, OCPP ${c.version}): "${c.title}"`);
      expect(stray, 'cases citing an OCTT id not in harness/model/coverage-catalogue.ts for their role and version').toEqual([]);
    });

    test('docs/coverage.md is current (npm run gen:coverage)', () => {
      test.setTimeout(60_000);
      const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'coverage.md'), 'utf8');
      expect(doc, 'docs/coverage.md is stale: run npm run gen:coverage').toBe(coverageMarkdown(cases()));
    });
  });
});
