/**
 * Verdicts of the harness's self-test. A clean or unit test must pass; a conformance case run
 * against a fault must FAIL, and its message must quote one of the rules the fault breaks; a
 * conformance case run against a personality of legal variations must PASS (a failure is a
 * false fail of the case). While it runs: a live progress line with counts and ETA on a
 * terminal, a line a minute otherwise. At the end, for the parts that ran (a `--project` subset or
 * a grep summarises only what it selected): the fault catalogue with what caught each fault, the
 * variations with how many runs met each, the skipped unit/e2e tests (never counted as passed;
 * a test in a file SELFTEST_MUST_RUN names fails when skipped: .ci/run requires the browser test),
 * the mutation and variation scores, and the plain closing line `N passed, N failed`.
 */
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { canonicalRequirementId } from '../../harness/model/requirements';
import { ruleTokens } from '../../harness/model/errors';

interface Meta { kind: 'unit' | 'clean' | 'fault' | 'variant'; version?: string; faultIndex?: number; role?: 'station' | 'csms' }
interface CatalogueVariant { role: 'station' | 'csms'; version: string; name: string; description: string; allowedBy: string }
interface CatalogueFault { role: string; version: string; fault: string; rules: string[]; should: boolean }
/** A verdict; `skipped` (with the reason) is neither passed nor failed. */
interface Verdict { ok: boolean; line: string; skipped?: string }

/** The annotation naming a fault a case claims to catch (fixtures/common.ts CATCHES_ANNOTATION). */
const CATCHES_ANNOTATION = 'allure.label.catches';

const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** The failing check's structured rule, attached by the end-of-case fixture (fixtures/journal-report.ts). */
interface FailedCheck { rule: string; kind: string; tokens: string[] }
function verdictOf(result: TestResult): FailedCheck | undefined {
  const a = result.attachments.find((x) => x.name === 'verdict.json' && x.body);
  try { return a ? JSON.parse(a.body!.toString('utf8')) as FailedCheck : undefined; } catch { return undefined; }
}

/** OCTT case ids (TC_..., HX_...) name a test, not a requirement: they never earn credit. */
const isCaseId = (id: string): boolean => /^(TC|HX)_/.test(id);

/**
 * A connection rule: OCPP-J transport and RPC (1.6J §…, 2.0.1 Part 4 §…) and the security
 * profiles' connection requirements (A00). A failure because the SUT went away credits only these.
 */
const isConnectionRule = (id: string): boolean => /^(1\.6J|Part4)§|^A00\./.test(id);

/**
 * Exact credit: the fault's requirement id stands in the failing check's rule as a whole token
 * (ids are written so that none is a prefix of another, and tokens are compared whole). OCTT case
 * ids never credit; a disconnection credits only a connection rule. A timeout credits the rule of
 * the check that waited: its id names the message whose absence the fault causes.
 */
export function creditedRule(faultRules: string[], verdict: FailedCheck | undefined): string | undefined {
  if (!verdict || !verdict.tokens.length) return undefined;
  return faultRules.find((r) => {
    if (isCaseId(r)) return false;
    if (verdict.kind === 'disconnected' && !isConnectionRule(r)) return false;
    const want = ruleTokens(canonicalRequirementId(r) ?? r);
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
  private selected = new Set<string>();
  private narrowed = false;
  /** The runs of each project this run selected (by project name). */
  private planned = new Map<string, TestCase[]>();
  private readonly outcomes = { expected: 0, unexpected: 0, skipped: 0 };
  private readonly tty = !!process.stdout.isTTY && !process.env.CI;
  private ticker?: NodeJS.Timeout;
  private drawn = 0;

  printsToStdio(): boolean { return true; }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.total = suite.allTests().length;
    this.selected = new Set(suite.suites.filter((s) => s.allTests().length).map((s) => s.title));
    for (const s of suite.suites) this.planned.set(s.title, s.allTests());
    // A run narrowed to some cases (a grep, a file) cannot tell whether every fault is claimed.
    this.narrowed = process.argv.slice(2).some((a, i, all) => /^(-g|--grep|--grep-invert|--last-failed|--only-changed)(=|$)/.test(a) || (!a.startsWith('-') && a !== 'test' && !/^(-c|--config|--project|-j|--workers|--reporter)$/.test(all[i - 1] ?? '')));
    process.stdout.write(`self-test: ${this.total} runs in ${this.selected.size} projects, ${config.workers} workers\n`);
    // A live line on a terminal (redrawn each second); otherwise a line a minute, so a slow stretch is never silent.
    this.ticker = setInterval(() => this.progress(), this.tty ? 1000 : 60_000);
    this.ticker.unref();
  }

  /** `done/total runs (p %) · counts · elapsed, ETA` (ETA from the mean pace so far). */
  progressLine(now = Date.now()): string {
    const elapsed = (now - this.started) / 1000;
    const eta = this.done ? (elapsed / this.done) * (this.total - this.done) : undefined;
    const { expected, unexpected, skipped } = this.outcomes;
    return `${this.done}/${this.total} runs (${this.total ? Math.floor((100 * this.done) / this.total) : 100} %) · ${expected} as expected, ${unexpected} unexpected, ${skipped} skipped · ${clock(elapsed)} elapsed${eta !== undefined && this.done < this.total ? `, ETA ${clock(eta)}` : ''}`;
  }

  private progress(): void {
    if (this.tty) process.stdout.write(`\r\u001b[2K  … ${this.progressLine()}`);
    else process.stdout.write(`  … ${this.progressLine()}\n`);
    this.drawn = Date.now();
  }

  private stopProgress(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.tty && this.drawn) process.stdout.write('\r\u001b[2K');
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
    const outcome = test.outcome();
    this.outcomes[outcome === 'flaky' ? 'expected' : outcome]++;
    if (this.tty && Date.now() - this.drawn > 200) this.progress();
  }

  /**
   * Whether a role and version's whole fault matrix ran: its first project (where every case
   * claiming a fault runs) and each project up to the most faults one of those cases claims. A
   * `--project` subset of the matrix cannot tell whether a fault is claimed.
   */
  private matrixRan(role: string, version: string): boolean {
    const projects = this.config.projects.filter((p) => (p.metadata as Meta).kind === 'fault' && (p.metadata as Meta).version === version && ((p.metadata as Meta).role ?? 'station') === role);
    const first = projects.find((p) => (p.metadata as Meta).faultIndex === 0);
    if (!first || !this.selected.has(first.name)) return false;
    const most = Math.max(0, ...(this.planned.get(first.name) ?? []).map((t) => t.annotations.filter((a) => a.type === CATCHES_ANNOTATION).length));
    return projects.every((p) => ((p.metadata as Meta).faultIndex ?? 0) >= most || this.selected.has(p.name));
  }

  async onEnd(full: FullResult): Promise<{ status: FullResult['status'] }> {
    this.stopProgress();
    const verdicts: Verdict[] = [];
    const faultRows: string[] = [];
    let tried = 0; let caught = 0;
    const dump: unknown[] = [];
    // Fault runs, by fault: from the matrix (the fault named by the run's annotation) and from
    // the per-fault projects; every fault of the catalogues must be claimed and caught.
    type Run = { test: TestCase; result: TestResult };
    const expected = new Map<string, { label: string; version: string; rules: string[]; runs: Run[] }>();
    for (const f of ((this.config.metadata as { faults?: CatalogueFault[] }).faults ?? [])) {
      expected.set(`${f.role} ${f.version} ${f.fault}`, { label: `${f.role === 'csms' ? 'csms:' : ''}${f.fault}${f.should ? ' (SHOULD, --strict)' : ''}`, version: f.version, rules: f.rules, runs: [] });
    }
    const maxFaults = (this.config.metadata as { maxFaultsPerCase?: number }).maxFaultsPerCase ?? Infinity;
    for (const project of this.config.projects) {
      const meta = project.metadata as Meta;
      if (meta.kind !== 'fault') continue;
      const runs = this.results.get(project.name) ?? [];
      if (meta.faultIndex === undefined) continue;
      for (const run of runs) {
        if (run.test.annotations.filter((a) => a.type === CATCHES_ANNOTATION).length > maxFaults) {
          verdicts.push({ ok: false, line: `ERROR   ${run.test.title}: claims more than ${maxFaults} faults (raise MAX_FAULTS_PER_CASE in tests/playwright.config.ts)` });
        }
        const name = run.result.annotations.find((a) => a.type === 'selftest-fault')?.description
          ?? run.test.annotations.find((a) => a.type === 'selftest-fault')?.description;
        if (!name || run.result.status === 'skipped') continue;
        const entry = expected.get(`${meta.role} ${meta.version} ${name}`);
        if (!entry) { verdicts.push({ ok: false, line: `ERROR   ${run.test.title} (OCPP ${meta.version}) claims ${name}, which the catalogue does not have for this version` }); continue; }
        entry.runs.push(run);
      }
    }
    for (const [, { label, version, rules, runs }] of expected) {
      tried++;
      if (runs.length === 0 && (this.narrowed || !this.matrixRan(label.startsWith('csms:') ? 'csms' : 'station', version))) { tried--; continue; }
      if (runs.length === 0) {
        verdicts.push({ ok: false, line: `MISSED  ${label} (OCPP ${version}): no case claims to catch it` });
        faultRows.push(`  ✗ ${version.padEnd(6)} ${label.padEnd(36)} no case claims it`);
        continue;
      }
      const per = runs.map(({ test, result }) => {
        const id = test.title.split(' ')[0];
        const message = strip(result.errors.map((e) => e.message ?? '').join('\n'));
        if (result.status === 'passed') return { ok: false, id, why: 'passed: the fault went unnoticed' };
        const verdict = verdictOf(result);
        const rule = creditedRule(rules, verdict);
        if (!rule) return { ok: false, id, why: `failed, but its failing check (${verdict?.kind ?? '?'} on "${verdict?.rule ?? '?'}") names none of ${rules.join(' / ')}: ${message.split('\n')[0].slice(0, 160)}` };
        return { ok: true, id, why: `fails on ${rule}` };
      });
      if (process.env.SELFTEST_DUMP) dump.push({ version, label, rules, runs: runs.map(({ test, result }) => ({ id: test.title.split(' ')[0], status: result.status, verdict: verdictOf(result), message: strip(result.errors.map((e) => e.message ?? '').join('\n')).split('\n')[0].slice(0, 200) })) });
      for (const p of per) verdicts.push({ ok: p.ok, line: `${p.ok ? 'caught ' : 'MISSED '} ${label} by ${p.id} (OCPP ${version}): ${p.why}` });
      const all = per.every((p) => p.ok);
      if (all) caught++;
      faultRows.push(`  ${all ? '✓' : '✗'} ${version.padEnd(6)} ${label.padEnd(36)} ${per.map((p) => `${p.id}${p.ok ? '' : ' (MISSED)'}`).join(', ')}`);
    }
    // Cases that passed under a personality (variant projects), per role and version: a case for a feature the default
    // simulated SUT lacks (it cannot cancel an update, downloads during a transaction, ...) is not applicable in the clean
    // run and proves itself against the personality that has the feature.
    const passedUnder = new Map<string, string>();
    for (const project of this.config.projects) {
      const meta = project.metadata as Meta;
      if (meta.kind !== 'variant') continue;
      for (const { test, result } of this.results.get(project.name) ?? []) {
        const personality = result.annotations.find((a) => a.type === 'selftest-personality')?.description;
        if (result.status === 'passed') passedUnder.set(`${meta.role} ${meta.version} ${test.title}`, (personality ?? '').split(':')[0]);
      }
    }
    for (const project of this.config.projects) {
      const meta = project.metadata as Meta;
      const runs = this.results.get(project.name) ?? [];
      if (meta.kind === 'fault' || meta.kind === 'variant') {
        continue;
      } else {
        for (const { test, result } of runs) {
          const name = `[${project.name}] ${test.title}${result.retry || test.repeatEachIndex ? ` (run ${test.repeatEachIndex + 1})` : ''}`;
          if (meta.kind === 'unit' && result.status === 'skipped') {
            const why = skipReason(test, result);
            const must = mustRun(test.location.file);
            verdicts.push(must
              ? { ok: false, line: `SKIPPED ${name}: ${why} (${must} must run here: SELFTEST_MUST_RUN)` }
              : { ok: true, skipped: why, line: `skipped ${name}: ${why}` });
            continue;
          }
          const role = (project.testDir ?? '').includes('csms') ? 'csms' : 'station';
          const under = meta.kind === 'clean' && result.status === 'skipped' ? passedUnder.get(`${role} ${meta.version} ${test.title}`) : undefined;
          if (under !== undefined) {
            verdicts.push({ ok: true, line: `ok      ${name}: not applicable to the default ${role === 'csms' ? 'reference CSMS' : 'simulated station'} (${skipReason(test, result)}); passed under the personality ${under}` });
            continue;
          }
          const ok = result.status === 'passed';
          const msg = ok ? '' : `: ${result.status}: ${result.status === 'skipped' ? `${skipReason(test, result)} (and no personality ran it to a pass)` : strip(result.errors[0]?.message ?? '').split('\n').slice(0, 3).join(' | ').slice(0, 300)}`;
          verdicts.push({ ok, line: `${ok ? 'ok     ' : 'FAILED '} ${name}${msg}` });
        }
      }
    }
    // Legal variations: every case run against a personality must pass; score = (case run × variant active in it) pairs that passed.
    const variantRows = new Map<string, { label: string; runs: number; clean: number }>();
    for (const v of ((this.config.metadata as { variants?: CatalogueVariant[] }).variants ?? [])) {
      variantRows.set(`${v.role} ${v.version} ${v.name}`, { label: `${v.role === 'csms' ? 'csms:' : ''}${v.name}`, runs: 0, clean: 0 });
    }
    let pairs = 0; let cleanPairs = 0;
    for (const project of this.config.projects) {
      const meta = project.metadata as Meta;
      if (meta.kind !== 'variant') continue;
      for (const { test, result } of this.results.get(project.name) ?? []) {
        if (result.status === 'skipped') continue;
        const personality = result.annotations.find((a) => a.type === 'selftest-personality')?.description;
        const where = `${test.title} (OCPP ${meta.version}${personality ? `, personality ${personality}` : ''})`;
        if (!personality) { verdicts.push({ ok: false, line: `ERROR   [${project.name}] ${where}: ran without its personality's variants (the ${meta.role} fixture does not pass selftestVariantsOf)` }); continue; }
        const names = personality.slice(personality.indexOf(':') + 1).split(',').map((x) => x.trim()).filter(Boolean);
        const ok = result.status === 'passed';
        for (const name of names) {
          pairs++;
          if (ok) cleanPairs++;
          const row = variantRows.get(`${meta.role} ${meta.version} ${name}`);
          if (row) { row.runs++; if (ok) row.clean++; }
        }
        const msg = ok ? '' : `: ${result.status}: ${strip(result.errors[0]?.message ?? '').split('\n').slice(0, 3).join(' | ').slice(0, 300)}`;
        verdicts.push({ ok, line: `${ok ? 'ok     ' : 'FALSE FAIL'} [${project.name}] ${where}${ok ? '' : ` fails on legal variants${msg}`}` });
      }
    }
    const variantLines: string[] = [];
    for (const [key, row] of [...variantRows].sort(([a], [b]) => a.localeCompare(b))) {
      const [role, version] = key.split(' ');
      // Only a variant whose role and version's variant project ran in full can be unmet.
      const projectRan = this.config.projects.some((p) => (p.metadata as Meta).kind === 'variant' && (p.metadata as Meta).version === version && (p.metadata as Meta).role === role && this.selected.has(p.name));
      if (!projectRan || this.narrowed) { if (row.runs === 0) continue; }
      else if (row.runs === 0) verdicts.push({ ok: false, line: `UNMET   variant ${row.label} (OCPP ${version}): no case ran with it (add it to a personality)` });
      variantLines.push(`  ${row.runs > 0 && row.clean === row.runs ? '✓' : '✗'} ${version.padEnd(6)} ${row.label.padEnd(36)} ${row.clean}/${row.runs} runs clean`);
    }
    if (process.env.SELFTEST_DUMP) require('node:fs').writeFileSync(process.env.SELFTEST_DUMP, JSON.stringify(dump, null, 1));
    for (const e of this.errors) verdicts.push({ ok: false, line: `ERROR   ${e}` });
    const failed = verdicts.filter((v) => !v.ok);
    const skipped = verdicts.filter((v) => v.skipped !== undefined);
    const ran = (kind: Meta['kind']): boolean => this.config.projects.some((p) => (p.metadata as Meta).kind === kind && this.selected.has(p.name));
    const out: string[] = [''];
    if (faultRows.length) {
      out.push('Fault catalogue (✓ = every case claiming the fault fails against it, quoting the rule):');
      out.push(...faultRows.sort());
    }
    if (variantLines.length) { out.push('', 'Legal variations (✓ = every case run with the variant active passed):'); out.push(...variantLines); }
    if (skipped.length) { out.push('', `Skipped (${skipped.length}, not counted as passed):`); out.push(...skipped.map((v) => `  ${v.line}`)); }
    if (failed.length) { out.push('', 'Failures:'); out.push(...failed.map((v) => `  ${v.line}`)); }
    const clean = verdicts.filter((v) => v.line.includes('[clean-'));
    const unit = verdicts.filter((v) => /\[(unit|e2e|robustness)\]/.test(v.line));
    out.push('');
    if (ran('unit')) out.push(`Unit, end-to-end and robustness tests: ${unit.filter((v) => v.ok && v.skipped === undefined).length}/${unit.length} passed${skipped.length ? `, ${skipped.length} skipped` : ''}`);
    if (ran('clean')) out.push(`Conformance cases vs clean simulated station and reference CSMS: ${clean.filter((v) => v.ok).length}/${clean.length} passed`);
    const pct = (n: number): string => (tried ? ((100 * n) / tried).toFixed(1) : '0');
    if (ran('fault')) out.push(`Mutation score (exact rule credit): ${caught}/${tried} (${pct(caught)} %)`);
    if (pairs) out.push(`Variation score: ${cleanPairs}/${pairs} clean (${((100 * cleanPairs) / pairs).toFixed(pairs === cleanPairs ? 0 : 1)} %)`);
    out.push(`Runner (fault runs fail by design; verdicts above): ${full.status}, ${(full.duration / 1000).toFixed(1)} s`);
    out.push(`${verdicts.length - failed.length - skipped.length} passed, ${failed.length} failed`);
    process.stdout.write(out.join('\n') + '\n');
    const interrupted = full.status === 'interrupted' || full.status === 'timedout';
    return { status: failed.length || interrupted || verdicts.length === skipped.length ? 'failed' : 'passed' };
  }
}

/** `m:ss` (or `h:mm:ss`). */
export function clock(seconds: number): string {
  const t = Math.max(0, Math.round(seconds));
  const h = Math.floor(t / 3600); const m = Math.floor((t % 3600) / 60); const sec = t % 60;
  return `${h ? `${h}:${String(m).padStart(2, '0')}` : m}:${String(sec).padStart(2, '0')}`;
}

/** Why a test was skipped: its skip annotation (from `test.skip(cond, reason)`), else "skipped". */
function skipReason(test: TestCase, result: TestResult): string {
  const a = [...result.annotations, ...test.annotations].find((x) => x.type === 'skip' || x.type === 'fixme');
  return a?.description?.trim() || 'skipped';
}

/**
 * The entry of SELFTEST_MUST_RUN (comma-separated test files, relative to the repository) that
 * names this test's file: such a test must not be skipped here (.ci/run names the browser test).
 */
export function mustRun(file: string, list = process.env.SELFTEST_MUST_RUN ?? ''): string | undefined {
  const normal = file.split('\\').join('/');
  return list.split(',').map((x) => x.trim().replace(/^\.\//, '')).filter(Boolean).find((x) => normal.endsWith(`/${x}`) || normal === x);
}
