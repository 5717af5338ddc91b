/**
 * The coverage matrix: which catalogued OCTT ids (harness/model/coverage-catalogue.ts) the
 * conformance cases implement, per role, version and block. The cases' ids come from the
 * Playwright listing of the clean self-test projects (one project per role and version; the
 * first token of each case title is its id), so the count is what `--list` shows.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BLOCKS, COVERAGE_CATALOGUE, type CatalogueEntry, type CoverageRole, parseOcttId } from '../../harness/model/coverage-catalogue';
import { OCPP_VERSIONS, type OcppVersion } from '../../harness/protocol/versions';

const ROOT = join(__dirname, '..', '..');

/** One listed case: the project's role and version, the id (first title token) and the rest of the title. */
export interface ListedCase { role: CoverageRole; version: OcppVersion; id: string; title: string }

/** The clean projects of tests/playwright.config.ts: every conformance case once per role and version. */
export const LIST_PROJECTS: { project: string; role: CoverageRole; version: OcppVersion }[] = OCPP_VERSIONS.flatMap((v) => [
  { project: `clean-ocpp${v}`, role: 'CS' as const, version: v },
  { project: `clean-csms-ocpp${v}`, role: 'CSMS' as const, version: v },
]);

/** Parses `playwright test --list` output: `  [project] › file:line:col › title`. Lines of other projects are ignored. */
export function parseListing(text: string): ListedCase[] {
  const out: ListedCase[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\u001b\[[0-9;]*m/g, '');
    const m = /^\s*\[([^\]]+)\] › .+? › (.+)$/.exec(line);
    if (!m) continue;
    const p = LIST_PROJECTS.find((x) => x.project === m[1]);
    if (!p) continue;
    const title = m[2].split(' › ').pop()!.trim();
    const [id, ...rest] = title.split(' ');
    out.push({ role: p.role, version: p.version, id, title: rest.join(' ').replace(/ \(OCPP [\d.]+\)$/, '') });
  }
  return out;
}

/** Lists the conformance cases once (one Playwright `--list` run of the clean projects; needs no SUT). */
export function listCases(): ListedCase[] {
  const cli = require.resolve('@playwright/test/cli');
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  // Run from inside a Playwright worker: the child must not take the worker's settings as its own.
  // Nor a part selection of the self-test (SELFTEST_ONLY=unit would leave no clean project to list).
  for (const k of Object.keys(env)) if ((/^(TEST_|PW_|PLAYWRIGHT_)/.test(k) && k !== 'PLAYWRIGHT_BROWSERS_PATH') || k === 'SELFTEST_ONLY') delete env[k];
  const text = execFileSync(process.execPath, [cli, 'test', '-c', 'tests/playwright.config.ts', '--list', '--reporter=list',
    ...LIST_PROJECTS.map((p) => `--project=${p.project}`)], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const cases = parseListing(text);
  if (cases.length === 0) throw new Error(`playwright --list printed no case of the clean projects:\n${text.slice(0, 2000)}`);
  return cases;
}

const isHarnessId = (id: string): boolean => id.startsWith('HX_');
const isOcttId = (id: string): boolean => id.startsWith('TC_');

/** The catalogue entry a cited id names for a role and version (its id or an alias), if any. */
export function catalogueEntryFor(id: string, role: CoverageRole, version: OcppVersion, catalogue: readonly CatalogueEntry[] = COVERAGE_CATALOGUE): CatalogueEntry | undefined {
  return catalogue.find((e) => e.role === role && e.version === version && (e.id === id || e.aliases?.includes(id)));
}

/** Cases citing an OCTT id (`TC_…`) that the catalogue does not hold for the case's role and version. */
export function uncataloguedCases(cases: readonly ListedCase[], catalogue: readonly CatalogueEntry[] = COVERAGE_CATALOGUE): ListedCase[] {
  return cases.filter((c) => isOcttId(c.id) && !catalogueEntryFor(c.id, c.role, c.version, catalogue));
}

const LETTER_TO_16: Record<string, string> = { A: 'security', B: 'core', C: 'core', D: 'localList', E: 'core', F: 'trigger', G: 'core', L: 'firmware', M: 'security' };

/** The block an `HX_` case belongs to, from the OCTT id or use case it extends (HX_TC_G_01_CS, HX_M04_01_CS, HX_TC_041_CS); 'other' for RPC and robustness cases. */
export function harnessBlock(id: string, version: OcppVersion): string {
  const inner = /^HX_(TC_.+)$/.exec(id)?.[1];
  const parsed = inner ? parseOcttId(inner) : undefined;
  const letter = /^HX_(?:TC_)?([A-Z])(?:_|\d)/.exec(id)?.[1];
  if (version === '2.0.1') {
    if (parsed?.version === '2.0.1') return parsed.block;
    return letter && BLOCKS['2.0.1'].some((b) => b.id === letter) ? letter : 'other';
  }
  if (parsed?.version === '1.6') return parsed.block;
  return letter && LETTER_TO_16[letter] ? LETTER_TO_16[letter] : 'other';
}

type Status = 'implemented' | 'not applicable' | 'missing';
interface Row { entry: CatalogueEntry; status: Status; cases: ListedCase[] }
interface Counts { catalogued: number; implemented: number; notApplicable: number; missing: number; unverified: number; unverifiedImplemented: number; harness: number }

const ROLE_TITLE: Record<CoverageRole, string> = { CS: 'Charging station under test (`_CS`)', CSMS: 'CSMS under test (`_CSMS`)' };
const esc = (s: string): string => s.replace(/\|/g, '\\|');
const pct = (c: Counts): string => (c.catalogued ? `${Math.floor((100 * (c.implemented + c.notApplicable)) / c.catalogued)} %` : '—');

function rowsFor(cases: readonly ListedCase[], role: CoverageRole, version: OcppVersion, block: string): Row[] {
  return COVERAGE_CATALOGUE.filter((e) => e.role === role && e.version === version && e.block === block).map((entry) => {
    const hits = cases.filter((c) => c.role === role && c.version === version && (c.id === entry.id || entry.aliases?.includes(c.id)));
    const status: Status = hits.length ? 'implemented' : entry.notApplicable ? 'not applicable' : 'missing';
    return { entry, status, cases: hits };
  });
}

function countsOf(rows: Row[], harness: number): Counts {
  const counted = rows.filter((r) => r.entry.verified);
  const unverified = rows.filter((r) => !r.entry.verified);
  return {
    catalogued: counted.length,
    implemented: counted.filter((r) => r.status === 'implemented').length,
    notApplicable: counted.filter((r) => r.status === 'not applicable').length,
    missing: counted.filter((r) => r.status === 'missing').length,
    unverified: unverified.length,
    unverifiedImplemented: unverified.filter((r) => r.status === 'implemented').length,
    harness,
  };
}

const add = (a: Counts, b: Counts): Counts => ({
  catalogued: a.catalogued + b.catalogued, implemented: a.implemented + b.implemented, notApplicable: a.notApplicable + b.notApplicable,
  missing: a.missing + b.missing, unverified: a.unverified + b.unverified, unverifiedImplemented: a.unverifiedImplemented + b.unverifiedImplemented, harness: a.harness + b.harness,
});
const ZERO: Counts = { catalogued: 0, implemented: 0, notApplicable: 0, missing: 0, unverified: 0, unverifiedImplemented: 0, harness: 0 };
const countCells = (c: Counts): string => `${c.catalogued} | ${c.implemented} | ${c.notApplicable} | ${c.missing} | ${pct(c)} | ${c.unverified ? `${c.unverified} (${c.unverifiedImplemented})` : '—'} | ${c.harness || '—'}`;
const COUNT_HEAD = 'catalogued | implemented | not applicable | missing | % done | unverified (implemented) | `HX_` cases';

function statusCell(r: Row): string {
  if (r.status === 'implemented') return 'implemented';
  if (r.status === 'not applicable') return `not applicable: ${esc(r.entry.notApplicable!)}`;
  return 'missing';
}

function noteCell(r: Row): string {
  const notes: string[] = [];
  if (!r.entry.verified) notes.push('**unverified for 2.0.1 (not counted)**');
  if (r.entry.note) notes.push(esc(r.entry.note));
  if (r.entry.titleExpanded) notes.push('title prefix filled in');
  const other = r.cases.filter((c) => c.id !== r.entry.id).map((c) => c.id);
  if (other.length) notes.push(`cited as ${[...new Set(other)].join(', ')}`);
  // A case whose own title differs from the OCTT title: shown so a wrong id is easy to spot.
  const plain = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const titles = [...new Set(r.cases.map((c) => c.title))].filter((t) => r.entry.title && plain(t) !== plain(r.entry.title));
  if (titles.length) notes.push(`case title: ${titles.map(esc).join(' / ')}`);
  return notes.join('; ');
}

/** docs/coverage.md from the catalogue and the listed cases. */
export function coverageMarkdown(cases: readonly ListedCase[]): string {
  const out: string[] = [
    '# Coverage of the OCTT cases',
    '',
    'Generated by `npm run gen:coverage` (tests/support/gen-coverage.ts) from the catalogue of in-scope OCTT ids',
    '(harness/model/coverage-catalogue.ts) and the ids the conformance cases cite (the first token of each case title in',
    '`playwright test --list` of the clean projects). Do not edit by hand; tests/unit/coverage.spec.ts checks it is current.',
    '',
    'Status: **implemented** (a case cites the id in that role and version; its own title is noted where it differs), **not applicable** (cannot run in this',
    'harness; the reason is given), **missing**. "% done" = (implemented + not applicable) / catalogued. Rows the',
    'catalogue marks as unconfirmed for OCPP 2.0.1 are listed but not counted until checked against the specification',
    'text ("unverified" column: how many, and how many of them a case already cites). `HX_` cases are the harness\'s own',
    '(no OCTT id), listed per block after each table.',
    '',
    '## Summary',
    '',
  ];
  const summary: string[] = [`| role | version | block | ${COUNT_HEAD} |`, `|---|---|---|${'---|'.repeat(7)}`];
  const body: string[] = [];
  for (const role of ['CS', 'CSMS'] as const) {
    body.push(`## ${ROLE_TITLE[role]}`, '');
    for (const version of [...OCPP_VERSIONS].reverse()) {
      body.push(`### OCPP ${version}`, '');
      let total = ZERO;
      const harnessAll = cases.filter((c) => c.role === role && c.version === version && isHarnessId(c.id));
      const blocks = [...BLOCKS[version], { id: 'other', title: 'Other (RPC framework, robustness)' }];
      for (const block of blocks) {
        const rows = rowsFor(cases, role, version, block.id);
        const harness = [...new Map(harnessAll.filter((c) => harnessBlock(c.id, version) === block.id).map((c) => [c.id, c])).values()]
          .sort((a, b) => a.id.localeCompare(b.id));
        if (!rows.length && !harness.length) continue;
        const counts = countsOf(rows, harness.length);
        total = add(total, counts);
        summary.push(`| ${role} | ${version} | ${block.title} | ${countCells(counts)} |`);
        body.push(`#### ${version} ${block.title}`, '');
        if (rows.length) {
          body.push(`${counts.catalogued} catalogued, ${counts.implemented} implemented, ${counts.notApplicable} not applicable, ${counts.missing} missing (${pct(counts)})${counts.unverified ? `; ${counts.unverified} unverified, not counted` : ''}.`, '');
          body.push('| id | title | status | notes |', '|---|---|---|---|');
          for (const r of rows) {
            const title = r.entry.title || (r.cases[0] ? `*(title not catalogued; the case calls it: ${esc(r.cases[0].title)})*` : '*(title not catalogued)*');
            body.push(`| ${r.entry.id} | ${esc(title)} | ${statusCell(r)} | ${noteCell(r)} |`);
          }
          body.push('');
        }
        if (harness.length) {
          body.push(`Harness cases (\`HX_\`, no OCTT id): ${harness.length}`, '');
          for (const h of harness) body.push(`- ${h.id} ${esc(h.title)}`);
          body.push('');
        }
      }
      summary.push(`| ${role} | ${version} | **all** | ${countCells(total)} |`);
      const stray = uncataloguedCases(cases.filter((c) => c.role === role && c.version === version));
      if (stray.length) {
        body.push('#### Cases citing an OCTT id not in the catalogue for this role and version', '');
        for (const s of stray) body.push(`- ${s.id} ${esc(s.title)}`);
        body.push('');
      }
    }
  }
  return [...out, ...summary, '', ...body].join('\n').replace(/\n+$/, '\n');
}
