/**
 * Shapes the raw Allure results of a run for a reader, before the report is generated (runs once
 * per result, again harmlessly): the evidence (frame log, sequence diagram, JSON lines) at the
 * case level, right under the case's own steps instead of two expanders deep in After Hooks; the
 * fixtures' setup and teardown in Allure's Set up / Tear down sections; Playwright's
 * `error-context` attachment (a prompt for a code assistant) dropped; soft findings written on
 * the case (status message, description, parameter, tag) so the "Soft findings" category
 * gathers them; `HX_` cases labelled as harness cases without an OCTT id.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The attachments the reporting fixture writes on every case (fixtures/journal-report.ts), in the order a reader wants them. */
export const EVIDENCE = {
  frames: 'frames.txt', sequence: 'sequence.svg', jsonl: 'frames.jsonl', soft: 'soft-findings.json', verdict: 'verdict.json',
} as const;
const EVIDENCE_ORDER: readonly string[] = [EVIDENCE.frames, EVIDENCE.sequence, EVIDENCE.jsonl, EVIDENCE.soft, EVIDENCE.verdict];
const DROPPED = new Set(['error-context']);

export const SOFT_TAG = 'soft finding';
export const HARNESS_CASE_TAG = 'harness case, no OCTT id';
/** The status message of a passed case with soft findings: the "Soft findings" category matches its first words. */
export const SOFT_MESSAGE = 'Soft finding: a SHOULD not met';
const SHAPED = 'harness.shaped';

export interface AllureAttachment { name: string; source: string; type?: string }
export interface AllureStep {
  name?: string; status?: string; stage?: string; start?: number; stop?: number;
  steps?: AllureStep[]; attachments?: AllureAttachment[]; parameters?: { name: string; value: string; excluded?: boolean }[];
  statusDetails?: { message?: string; trace?: string };
}
export interface AllureResult extends AllureStep {
  uuid: string; historyId?: string; fullName?: string; description?: string; descriptionHtml?: string;
  labels: { name: string; value: string }[]; links?: { name?: string; url: string; type?: string }[];
}

export interface SoftFinding { rule: string; message: string; seq?: number }

export const label = (r: AllureResult, name: string): string | undefined => r.labels.find((l) => l.name === name)?.value;
export const labels = (r: AllureResult, name: string): string[] => r.labels.filter((l) => l.name === name).map((l) => l.value);

/** Every `*-result.json` of a results directory, parsed, with its file name. */
export function readResults(dir: string): { file: string; result: AllureResult }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => ({ file: join(dir, f), result: JSON.parse(readFileSync(join(dir, f), 'utf8')) as AllureResult }));
}

/** The text of a case's attachment (by name), if it has one. */
export function attachmentText(dir: string, r: AllureResult, name: string): string | undefined {
  const a = r.attachments?.find((x) => x.name === name) ?? findAttachments(r.steps ?? [], (x) => x.name === name)[0];
  if (!a || !existsSync(join(dir, a.source))) return undefined;
  return readFileSync(join(dir, a.source), 'utf8');
}

function findAttachments(steps: AllureStep[], pick: (a: AllureAttachment) => boolean): AllureAttachment[] {
  return steps.flatMap((s) => [...(s.attachments ?? []).filter(pick), ...findAttachments(s.steps ?? [], pick)]);
}

/**
 * Removes the attachments `pick` selects from a step tree; a step that only wrapped one of them
 * (allure-playwright writes an attachment as a step of its own name) goes with it.
 */
function takeAttachments(steps: AllureStep[], pick: (a: AllureAttachment) => boolean): { steps: AllureStep[]; taken: AllureAttachment[] } {
  const taken: AllureAttachment[] = [];
  const kept: AllureStep[] = [];
  for (const s of steps) {
    const own = (s.attachments ?? []).filter(pick);
    taken.push(...own);
    const inner = takeAttachments(s.steps ?? [], pick);
    taken.push(...inner.taken);
    const rest = { ...s, attachments: (s.attachments ?? []).filter((a) => !pick(a)), steps: inner.steps };
    const wrapperOnly = own.length > 0 && !rest.attachments.length && !rest.steps.length && own.every((a) => a.name === s.name);
    if (!wrapperOnly) kept.push(rest);
  }
  return { steps: kept, taken };
}

/** Shapes every case result of a results directory (see the file comment); returns how many it changed. */
export function shapeResults(dir: string): number {
  let n = 0;
  for (const { file, result } of readResults(dir)) {
    if (label(result, SHAPED)) continue;
    const container = shapeResult(dir, result);
    writeFileSync(file, JSON.stringify(result));
    if (container) writeFileSync(join(dir, `${container.uuid}-container.json`), JSON.stringify(container));
    n++;
  }
  return n;
}

interface Container { uuid: string; name: string; children: string[]; befores: AllureStep[]; afters: AllureStep[]; start?: number; stop?: number }

function shapeResult(dir: string, r: AllureResult): Container | undefined {
  // Playwright's error-context: dropped, file and all.
  const dropped = takeAttachments(r.steps ?? [], (a) => DROPPED.has(a.name));
  for (const a of [...dropped.taken, ...(r.attachments ?? []).filter((x) => DROPPED.has(x.name))]) rmSync(join(dir, a.source), { force: true });
  r.attachments = (r.attachments ?? []).filter((x) => !DROPPED.has(x.name));
  // The evidence: at the case level, in reading order.
  const evidence = takeAttachments(dropped.steps, (a) => EVIDENCE_ORDER.includes(a.name));
  const rank = (a: AllureAttachment): number => EVIDENCE_ORDER.indexOf(a.name);
  r.attachments = [...evidence.taken.sort((a, b) => rank(a) - rank(b)), ...r.attachments];
  // Fixture setup and teardown: Allure's Set up / Tear down sections, out of the case's body.
  const hooks = (name: string): AllureStep[] => evidence.steps.filter((s) => s.name === name).flatMap((s) => s.steps ?? []);
  const befores = hooks('Before Hooks');
  const afters = hooks('After Hooks').filter((s) => (s.steps ?? []).length || (s.attachments ?? []).length || s.status === 'failed' || s.status === 'broken');
  // Internal metadata Playwright lists as a step (a case's needs) is no step of the case.
  r.steps = evidence.steps.filter((s) => s.name !== 'Before Hooks' && s.name !== 'After Hooks' && !s.name?.startsWith('ocpp.needs: '));
  locateInSuite(r);
  const soft = softFindingsOf(dir, r);
  if (soft.length) markSoft(r, soft);
  const id = label(r, 'ALLURE_ID');
  if (id?.startsWith('HX_')) markHarnessCase(r, id);
  r.labels.push({ name: SHAPED, value: 'true' });
  if (!befores.length && !afters.length) return undefined;
  return { uuid: `${r.uuid}-fixtures`, name: 'fixtures', children: [r.uuid], befores, afters, start: r.start, stop: r.stop };
}

/**
 * The case's suite file (the last part of Playwright's title path, relative to suites/) is what a
 * reader looks for: named, from the repository root, in the full name, the package and the suite
 * (the Suites tab groups by it). Playwright gives the file relative to the project's test
 * directory (or, for a case declared through a helper, the helper's file).
 */
function locateInSuite(r: AllureResult): void {
  const path = label(r, 'titlePath')?.split(' > ').pop()?.trim();
  if (!path?.endsWith('.spec.ts') || !r.fullName) return;
  const file = `suites/${path}`;
  if (r.fullName.startsWith(`${file} ›`) && label(r, 'suite') === file) return;
  r.fullName = r.fullName.replace(/^[^›]*›/, `${file} ›`);
  r.labels = r.labels.filter((l) => l.name !== 'package' && l.name !== 'suite');
  r.labels.push({ name: 'package', value: file.replace(/\//g, '.') }, { name: 'suite', value: file });
}

/** The soft findings the reporting fixture recorded on a case (`soft-findings.json`). */
export function softFindingsOf(dir: string, r: AllureResult): SoftFinding[] {
  const text = attachmentText(dir, r, EVIDENCE.soft);
  if (!text) return [];
  try {
    // A finding's message often starts with its own rule: said once.
    return (JSON.parse(text) as SoftFinding[]).map((f) => ({ ...f, message: f.message.startsWith(`${f.rule}: `) ? f.message.slice(f.rule.length + 2) : f.message }));
  } catch { return []; }
}

/** A soft finding is seen on the case without opening anything: status message (a passed case), description, parameter, tag. */
function markSoft(r: AllureResult, soft: readonly SoftFinding[]): void {
  const lines = soft.map((f) => `  - ${f.rule}: ${f.message}${f.seq ? ` (frame log #${f.seq})` : ''}`);
  if (r.status === 'passed') {
    r.statusDetails = { ...(r.statusDetails ?? {}), message: [`${SOFT_MESSAGE} (the case passes; --strict fails it):`, ...lines].join('\n') };
  }
  r.description = [`**Soft findings (SHOULD not met):**`, ...soft.map((f) => `- ${f.rule}: ${f.message}`), '', r.description ?? ''].join('\n');
  r.parameters = [...(r.parameters ?? []), ...soft.map((f) => ({ name: 'Soft finding', value: `${f.rule}: ${f.message}`, excluded: true }))];
  r.labels.push({ name: 'tag', value: SOFT_TAG }, ...soft.map((f) => ({ name: 'softFinding', value: `${f.rule}: ${f.message}` })));
}

function markHarnessCase(r: AllureResult, id: string): void {
  if (!labels(r, 'tag').includes(HARNESS_CASE_TAG)) r.labels.push({ name: 'tag', value: HARNESS_CASE_TAG });
  r.description = [`*${id}: harness case, no OCTT id* (the OCA test tool has no case for this; the steps are the harness's own).`, '', r.description ?? ''].join('\n');
  r.links = (r.links ?? []).filter((l) => !(l.type === 'tms' && l.name?.startsWith(id)));
}
