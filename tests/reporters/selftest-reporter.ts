/**
 * Verdicts of the harness's self-test. A clean or unit test must pass; a conformance case run
 * against a fault must FAIL, and its message must quote one of the rules the fault breaks.
 * Prints the fault catalogue with what caught each fault, the mutation score, and the plain
 * closing line `N passed, N failed`.
 */
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import type { OcppVersion } from '../../harness/protocol/versions';
import { creditForms } from '../support/citation-migration';

interface Meta { kind: 'unit' | 'clean' | 'fault'; version?: string; fault?: string; rules?: string[] }
interface Verdict { ok: boolean; line: string }

const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** The failing check's structured rule, attached by the end-of-case fixture (fixtures/journal-report.ts). */
interface FailedCheck { rule: string; kind: string; tokens: string[] }
function verdictOf(result: TestResult): FailedCheck | undefined {
  const a = result.attachments.find((x) => x.name === 'verdict.json' && x.body);
  try { return a ? JSON.parse(a.body!.toString('utf8')) as FailedCheck : undefined; } catch { return undefined; }
}

/** OCTT case ids (TC_..., HX_...) name a test, not a requirement: they never earn credit. */
const isCaseId = (id: string): boolean => /^(TC|HX)_/.test(id);

/** Exact credit: the fault's requirement id stands in the failing rule as whole tokens, in order. */
export function creditedRule(faultRules: string[], verdict: FailedCheck | undefined): string | undefined {
  if (!verdict || !verdict.tokens.length) return undefined;
  return faultRules.find((r) => {
    if (isCaseId(r)) return false;
    const want = r.split(/[\s,;/()]+/).filter(Boolean);
    for (let i = 0; i + want.length <= verdict.tokens.length; i++) if (want.every((w, j) => verdict.tokens[i + j] === w)) return true;
    return false;
  });
}

export default class SelftestReporter implements Reporter {
  private config!: FullConfig;
  private readonly results = new Map<string, { test: TestCase; result: TestResult; meta: Meta }[]>();
  private done = 0;
  private total = 0;
  private started = Date.now();
  private readonly errors: string[] = [];

  printsToStdio(): boolean { return true; }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.total = suite.allTests().length;
    process.stdout.write(`self-test: ${this.total} runs in ${config.projects.length} projects, ${config.workers} workers\n`);
  }

  /** Errors outside any test (a suite that does not load, a crashed worker): never silent. */
  onError(error: TestError): void { this.errors.push(strip(error.message ?? String(error.value ?? 'unknown error')).split('\n').slice(0, 4).join(' | ')); }

  onTestEnd(test: TestCase, result: TestResult): void {
    const meta = test.parent.project()?.metadata as Meta;
    const key = test.parent.project()?.name ?? '';
    const list = this.results.get(key) ?? [];
    list.push({ test, result, meta });
    this.results.set(key, list);
    this.done++;
    if (this.done % 50 === 0) process.stdout.write(`  … ${this.done}/${this.total} (${((Date.now() - this.started) / 1000).toFixed(0)} s)\n`);
  }

  async onEnd(full: FullResult): Promise<{ status: FullResult['status'] }> {
    const verdicts: Verdict[] = [];
    const faultRows: string[] = [];
    let tried = 0; let caught = 0; let caughtExact = 0;
    const inexact: string[] = [];
    for (const project of this.config.projects) {
      const meta = project.metadata as Meta;
      const runs = this.results.get(project.name) ?? [];
      if (meta.kind === 'fault') {
        tried++;
        if (runs.length === 0) {
          verdicts.push({ ok: false, line: `MISSED  ${meta.fault} (OCPP ${meta.version}): no case claims to catch it` });
          faultRows.push(`  ✗ ${meta.version!.padEnd(6)} ${meta.fault!.padEnd(36)} no case claims it`);
          continue;
        }
        const per = runs.map(({ test, result }) => {
          const id = test.title.split(' ')[0];
          const message = strip(result.errors.map((e) => e.message ?? '').join('\n'));
          if (result.status === 'passed') return { ok: false, id, why: 'passed: the fault went unnoticed' };
          if (result.status === 'skipped') return { ok: false, id, why: 'skipped' };
          const exact = creditedRule(meta.rules!, verdictOf(result));
          // Loose credit: the message names one of the fault's rules, as the catalogue writes it or in
          // the canonical form the cases now cite (canonicalRequirementId, and the ids that replaced an
          // old OCTT id or label: tests/support/citation-migration.ts, until the catalogues are migrated).
          const rule = meta.rules!.find((r) => creditForms(meta.version as OcppVersion, r).some((f) => message.includes(f)));
          if (!rule) return { ok: false, exact: false, id, why: `failed without naming ${meta.rules!.join(' / ')}: ${message.split('\n')[0].slice(0, 160)}` };
          return { ok: true, exact: !!exact, id, why: `fails quoting ${rule}${exact ? '' : ` (no exact credit: failing rule "${verdictOf(result)?.rule ?? '?'}")`}` };
        });
        for (const p of per) verdicts.push({ ok: p.ok, line: `${p.ok ? 'caught ' : 'MISSED '} ${meta.fault} by ${p.id} (OCPP ${meta.version}): ${p.why}` });
        const all = per.every((p) => p.ok);
        if (all) caught++;
        if (per.every((p) => p.exact)) caughtExact++;
        else inexact.push(`  ${meta.version} ${meta.fault}: ${per.filter((p) => !p.exact).map((p) => `${p.id} ${p.why}`).join('; ')}`);
        faultRows.push(`  ${all ? '✓' : '✗'} ${meta.version!.padEnd(6)} ${meta.fault!.padEnd(36)} ${per.map((p) => `${p.id}${p.ok ? '' : ' (MISSED)'}`).join(', ')}`);
      } else {
        for (const { test, result } of runs) {
          const ok = result.status === 'passed' || (meta.kind === 'unit' && result.status === 'skipped');
          const msg = ok ? '' : `: ${result.status}: ${strip(result.errors[0]?.message ?? '').split('\n').slice(0, 3).join(' | ').slice(0, 300)}`;
          verdicts.push({ ok, line: `${ok ? 'ok     ' : 'FAILED '} [${project.name}] ${test.title}${result.retry || test.repeatEachIndex ? ` (run ${test.repeatEachIndex + 1})` : ''}${msg}` });
        }
      }
    }
    for (const e of this.errors) verdicts.push({ ok: false, line: `ERROR   ${e}` });
    const failed = verdicts.filter((v) => !v.ok);
    const out: string[] = [''];
    out.push('Fault catalogue (✓ = every case claiming the fault fails against it, quoting the rule):');
    out.push(...faultRows.sort());
    if (failed.length) { out.push('', 'Failures:'); out.push(...failed.map((v) => `  ${v.line}`)); }
    const clean = verdicts.filter((v) => v.line.includes('[clean-'));
    const unit = verdicts.filter((v) => v.line.includes('[unit]') || v.line.includes('[e2e]') || v.line.includes('[robustness]'));
    out.push('');
    out.push(`Unit, end-to-end and robustness tests: ${unit.filter((v) => v.ok).length}/${unit.length} passed`);
    out.push(`Conformance cases vs clean simulated station (each run twice): ${clean.filter((v) => v.ok).length}/${clean.length} passed`);
    const pct = (n: number): string => (tried ? ((100 * n) / tried).toFixed(1) : '0');
    if (inexact.length && process.env.SELFTEST_VERBOSE) out.push('', 'Faults without exact rule credit:', ...inexact);
    out.push(`Mutation score: ${caught}/${tried} faults caught (${pct(caught)} %)`);
    out.push(`Mutation score (exact rule credit): ${caughtExact}/${tried} (${pct(caughtExact)} %)`);
    out.push(`Runner (fault runs fail by design; verdicts above): ${full.status}, ${(full.duration / 1000).toFixed(1)} s`);
    out.push(`${verdicts.length - failed.length} passed, ${failed.length} failed`);
    process.stdout.write(out.join('\n') + '\n');
    const interrupted = full.status === 'interrupted' || full.status === 'timedout';
    return { status: failed.length || interrupted || verdicts.length === 0 ? 'failed' : 'passed' };
  }
}
