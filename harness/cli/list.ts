/**
 * `ocpp-harness list`: the cases a run would hold (the run flags select them, as for `run`):
 * id, title, area, OCPP versions, role and whether each applies to the SUT's device profile.
 * Taken from Playwright's own `--list` with the run configuration, so it shows exactly what
 * `run` would run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CONFIG_ENV, defaultRunConfig, type RunConfig } from '../config/run-config';
import { ROOT } from '../config/paths';
import { type DeviceProfile, decodeNeeds, describeNeed, lackedNeed } from '../model/profile';
import type { OcppVersion } from '../protocol/versions';
import { stationProfile } from '../sims/station/settings';
import { parseRun, selectionGrep } from './run-options';
import { VERSION } from './version';

export interface ListedCase {
  id: string; title: string; area: string; version: OcppVersion; role: 'station' | 'csms';
  /** suites/... relative path and line. */
  file: string; line: number;
  /** The case's needs in words (empty: none). */
  needs: string[];
  /** "applicable", "not applicable: needs ...", or "needs ... (discovered from the station)". */
  applicability: string;
}

interface JsonSpec { title: string; tags: string[]; file: string; line: number; tests: { projectName: string; annotations: { type: string; description?: string }[] }[] }
interface JsonSuite { file?: string; specs?: JsonSpec[]; suites?: JsonSuite[] }

const AREAS = ['status', 'authorization', 'firmware', 'security', 'rpc'];

/** The cases of a run configuration (optionally narrowed by a Playwright grep), from `playwright test --list`. */
export async function listCases(partial: Partial<RunConfig>, grep?: string): Promise<ListedCase[]> {
  const run: RunConfig = { ...defaultRunConfig(), ...partial };
  const cli = require.resolve('@playwright/test/cli');
  const args = [cli, 'test', '-c', join(ROOT, 'playwright.config.ts'), '--list', '--reporter=json', ...(grep ? ['--grep', grep] : [])];
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, [CONFIG_ENV]: JSON.stringify(run), FORCE_COLOR: '0' } });
    let out = ''; let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    child.on('close', (c) => resolve({ stdout: out, stderr: err, code: c }));
  });
  let report: { suites: JsonSuite[]; errors?: { message?: string }[] };
  try { report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as typeof report; } catch {
    throw new Error(`listing the cases failed (exit ${code}): ${(stderr || stdout).trim().slice(-1000)}`);
  }
  if (report.errors?.length && !/No tests found/i.test(report.errors.map((e) => e.message ?? '').join(' '))) {
    throw new Error(`listing the cases failed: ${report.errors.map((e) => (e.message ?? '').split('\n')[0]).join('; ')}`);
  }
  const profiles = new Map<OcppVersion, DeviceProfile | undefined>();
  const profileOf = (v: OcppVersion): DeviceProfile | undefined => {
    if (!profiles.has(v)) profiles.set(v, run.profile ?? (run.sut.adapter === 'embedded' ? stationProfile(v, run.sut.evses, run.sut.variants) : undefined));
    return profiles.get(v);
  };
  const out: ListedCase[] = [];
  const walk = (s: JsonSuite, file: string): void => {
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests) {
        const m = /^(station|csms)-ocpp(.+)$/.exec(t.projectName);
        if (!m) continue;
        const role = m[1] as 'station' | 'csms'; const version = m[2] as OcppVersion;
        const encoded = t.annotations.find((a) => a.type === 'ocpp.needs')?.description;
        const needList = encoded ? decodeNeeds(encoded) : [];
        const needs = needList.map((n) => describeNeed(version, n));
        const profile = role === 'station' ? profileOf(version) : undefined;
        const lacked = role === 'station' ? lackedNeed(profile, version, needList) : undefined;
        const applicability = lacked ? `not applicable: needs ${lacked}` : needs.length && role === 'station' && !profile ? `needs ${needs.join(', ')} (checked against the discovered profile)` : 'applicable';
        const id = spec.title.split(' ')[0];
        out.push({
          id, title: spec.title.slice(id.length + 1).replace(/ \(OCPP [\d.]+\)$/, ''), area: AREAS.find((a) => spec.tags.includes(a) || spec.tags.includes(`@${a}`)) ?? 'other',
          // The case's own line once the declaration helper keeps it (today Playwright may name the helper's file).
          version, role, file: join('suites', file), line: spec.file === file ? spec.line : 0, needs, applicability,
        });
      }
    }
    for (const child of s.suites ?? []) walk(child, file);
  };
  for (const s of report.suites) walk(s, s.file ?? '');
  return out;
}

/** The cases grouped by id and role: the versions each runs in. */
function table(cases: ListedCase[]): string[] {
  const groups = new Map<string, ListedCase[]>();
  for (const c of cases) { const k = `${c.role} ${c.id}`; groups.set(k, [...(groups.get(k) ?? []), c]); }
  const rows = [...groups.values()].sort((a, b) => a[0].role.localeCompare(b[0].role) || a[0].area.localeCompare(b[0].area) || a[0].id.localeCompare(b[0].id));
  const idWidth = Math.max(2, ...rows.map((g) => g[0].id.length));
  const lines = [`${'ID'.padEnd(idWidth)}  ${'ROLE'.padEnd(7)}  ${'AREA'.padEnd(13)}  ${'OCPP'.padEnd(9)}  TITLE`];
  for (const g of rows) {
    const c = g[0];
    const versions = g.map((x) => x.version).sort().join(',');
    const applicability = [...new Set(g.map((x) => x.applicability))].filter((a) => a !== 'applicable');
    lines.push(`${c.id.padEnd(idWidth)}  ${c.role.padEnd(7)}  ${c.area.padEnd(13)}  ${versions.padEnd(9)}  ${c.title}`);
    for (const a of applicability) lines.push(`${''.padEnd(idWidth)}  ${''.padEnd(7)}  ${''.padEnd(13)}  ${''.padEnd(9)}  ${a}`);
  }
  return lines;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const options = parseRun(argv.filter((a) => a !== '--json'), 'list');
  const cases = await listCases(options.run, selectionGrep(options.run.grep, options.cases, options.areas));
  if (json) { process.stdout.write(`${JSON.stringify({ harness: VERSION, cases }, null, 2)}\n`); return 0; }
  const lines = table(cases);
  const applicable = cases.filter((c) => !c.applicability.startsWith('not applicable')).length;
  lines.push('', `${new Set(cases.map((c) => `${c.role} ${c.id}`)).size} cases, ${cases.length} runs (case × OCPP version); ${applicable} applicable, ${cases.length - applicable} not applicable to the device profile`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!cases.length) { process.stderr.write('ocpp-harness: no case matches this selection\n'); return 1; }
  return 0;
}
