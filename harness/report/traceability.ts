/**
 * The certification view: a requirements traceability matrix built from a run's Allure results
 * and the requirement registry. One row per requirement of the versions and sides the run
 * judged: its level, who it binds, the cases that cite or checked it with their verdicts this
 * run, the requirement's verdict, and the soft findings quoting it. Written as a page next to the
 * report (`traceability.html`), linked from every view of the report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleTokens } from '../model/errors';
import { REQUIREMENTS, type Requirement } from '../model/requirements';
import type { OcppVersion } from '../protocol/versions';
import { EVIDENCE, type SoftFinding, attachmentText, label, labels, readResults, softFindingsOf } from './evidence';

type Side = 'station' | 'csms';
type Verdict = 'failed' | 'inconclusive' | 'passed' | 'skipped' | 'not run';

interface CaseRun { id: string; name: string; version: OcppVersion; side: Side; status: string; cites: string[]; failedOn: string[]; soft: SoftFinding[] }
export interface MatrixRow {
  requirement: Requirement; verdict: Verdict;
  cases: { id: string; status: string; how: 'cites' | 'checked' }[];
  soft: string[]; failedBy: string[];
}

export const TRACEABILITY_PAGE = 'traceability.html';
const LINK_ID = 'ocpp-traceability-link';

function caseRuns(dir: string): CaseRun[] {
  const out: CaseRun[] = [];
  for (const { result: r } of readResults(dir)) {
    const id = label(r, 'ALLURE_ID');
    const version = label(r, 'ocppVersion') as OcppVersion | undefined;
    if (!id || !version) continue;
    const side: Side = /CSMS under test/.test(label(r, 'role') ?? '') ? 'csms' : 'station';
    let failedOn: string[] = [];
    const verdict = attachmentText(dir, r, EVIDENCE.verdict);
    if (verdict && r.status !== 'passed' && r.status !== 'skipped') {
      try { failedOn = (JSON.parse(verdict) as { tokens?: string[] }).tokens ?? []; } catch { /* unreadable: no rule */ }
    }
    const soft = softFindingsOf(dir, r);
    out.push({ id, name: (r as { name?: string }).name ?? id, version, side, status: r.status ?? 'unknown', cites: labels(r, 'requirement'), failedOn, soft });
  }
  return out;
}

/** The matrix rows: every requirement of the versions and sides the run judged, those no case reached included (verdict "not run"). */
export function traceabilityRows(dir: string): MatrixRow[] {
  const runs = caseRuns(dir);
  const judged = new Set(runs.map((c) => `${c.version}/${c.side}`));
  const rows: MatrixRow[] = [];
  for (const req of REQUIREMENTS) {
    const sides: Side[] = req.role === 'both' ? ['station', 'csms'] : [req.role];
    if (!sides.some((s) => judged.has(`${req.version}/${s}`))) continue;
    const mine = runs.filter((c) => c.version === req.version && sides.includes(c.side));
    const cases: MatrixRow['cases'] = [];
    const soft: string[] = [];
    const failedBy: string[] = [];
    for (const c of mine) {
      const cites = c.cites.includes(req.id);
      const failed = c.failedOn.includes(req.id);
      const softHere = c.soft.filter((f) => ruleTokens(f.rule).includes(req.id));
      if (!cites && !failed && !softHere.length) continue;
      cases.push({ id: c.id, status: c.status, how: cites ? 'cites' : 'checked' });
      if (failed) failedBy.push(c.id);
      soft.push(...softHere.map((f) => `${c.id}: ${f.message}`));
    }
    rows.push({ requirement: req, verdict: verdictOf(cases, failedBy), cases, soft, failedBy });
  }
  return rows;
}

function verdictOf(cases: MatrixRow['cases'], failedBy: string[]): Verdict {
  if (!cases.length) return 'not run';
  if (failedBy.length) return 'failed';
  const ran = cases.filter((c) => c.status !== 'skipped');
  if (!ran.length) return 'skipped';
  // A case that failed on another rule (or broke) leaves this one unproven.
  if (ran.some((c) => c.status !== 'passed' && c.how === 'cites')) return 'inconclusive';
  return ran.some((c) => c.how === 'cites' && c.status === 'passed') ? 'passed' : 'inconclusive';
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function traceabilityHtml(rows: readonly MatrixRow[], title = 'Requirements traceability matrix'): string {
  const covered = rows.filter((r) => r.verdict !== 'not run');
  const rest = rows.filter((r) => r.verdict === 'not run');
  const count = (v: Verdict): number => rows.filter((r) => r.verdict === v).length;
  const softCount = rows.filter((r) => r.soft.length).length;
  const table = (list: readonly MatrixRow[], id: string): string => [
    `<table id="${id}"><thead><tr><th>Requirement</th><th>Version</th><th>Level</th><th>Binds</th><th>Summary</th><th>Cases (verdict this run)</th><th>Verdict</th><th>Soft findings</th></tr></thead><tbody>`,
    ...list.map((r) => `<tr class="verdict-${r.verdict.replace(' ', '-')}${r.soft.length ? ' has-soft' : ''}" data-requirement="${esc(r.requirement.id)}"><td class="id">${esc(r.requirement.id)}</td><td>${r.requirement.version}</td><td class="level-${r.requirement.level}">${r.requirement.level}</td><td>${r.requirement.role}</td><td>${esc(r.requirement.summary)}</td>`
      + `<td>${r.cases.map((c) => `<span class="case status-${esc(c.status)}" title="${c.how === 'cites' ? 'the case cites it' : 'a check of the case quoted it'}">${esc(c.id)} ${esc(c.status)}${c.how === 'checked' ? ' (checked)' : ''}</span>`).join('<br>') || '—'}</td>`
      + `<td class="verdict">${r.verdict}${r.failedBy.length ? ` (${r.failedBy.map(esc).join(', ')})` : ''}</td><td class="soft">${r.soft.map(esc).join('<br>') || ''}</td></tr>`),
    '</tbody></table>',
  ].join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:13px system-ui,sans-serif;margin:16px;color:#222} table{border-collapse:collapse;width:100%;margin-bottom:18px} th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3;position:sticky;top:0} td.id{font-family:monospace;white-space:nowrap} .verdict-failed td.verdict{color:#fff;background:#c62828}
.verdict-passed td.verdict{background:#dff0d8} .verdict-inconclusive td.verdict{background:#fdf2d0} .verdict-skipped td.verdict,.verdict-not-run td.verdict{color:#777}
.has-soft td.soft{background:#fff4dc;color:#8a5a00} .status-failed,.status-broken{color:#c62828;font-weight:bold} .status-passed{color:#2e7d32} .level-SHOULD{color:#8a5a00} .level-MAY{color:#777}
</style></head><body><p><a href="index.html">← the Allure report</a></p><h1>${esc(title)}</h1>
<p id="traceability-summary">${rows.length} requirements of the versions and sides this run judged; ${covered.length} reached by a case: ${count('passed')} passed, ${count('failed')} failed, ${count('inconclusive')} inconclusive (a citing case failed on another rule), ${count('skipped')} skipped; ${softCount} with soft findings; ${rest.length} not run.</p>
<p>Verdict: <b>failed</b> = a case failed quoting this requirement; <b>passed</b> = every case citing it that ran passed; <b>inconclusive</b> = a citing case failed on another rule. Soft findings: a SHOULD not met (a failure only with --strict).</p>
<h2>Reached by this run</h2>${table(covered, 'traceability-matrix')}
<details><summary>Not reached by this run (${rest.length})</summary>${table(rest, 'traceability-not-run')}</details>
</body></html>`;
}

/** The matrix page of a results directory (written next to the generated report). */
export function traceabilityPage(resultsDir: string): string {
  return traceabilityHtml(traceabilityRows(resultsDir));
}

/**
 * Links the matrix from every view of the generated report: a fixed link in the report's
 * index.html (the report's own statistics stay those of the cases: the matrix is no test).
 */
export function linkFromReport(reportDir: string): void {
  const index = join(reportDir, 'index.html');
  const html = readFileSync(index, 'utf8');
  if (html.includes(`id="${LINK_ID}"`)) return;
  const link = `<a id="${LINK_ID}" href="${TRACEABILITY_PAGE}" title="Requirement → case → verdict for this run" style="position:fixed;right:16px;bottom:14px;z-index:10000;padding:6px 12px;border-radius:6px;background:#1f4e9c;color:#fff;font:13px system-ui,sans-serif;text-decoration:none;box-shadow:0 1px 4px rgba(0,0,0,.3)">Requirements traceability matrix</a>`;
  writeFileSync(index, html.replace('</body>', `${link}\n</body>`));
}
