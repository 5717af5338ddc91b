/**
 * The rooms of the harness and the arrows allowed between them (docs/architecture.md). Reads
 * every import of the tree with TypeScript's own pre-processor (static imports, `import()`,
 * `require()`), maps each file to its room and reports every forbidden arrow by file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, posix } from 'node:path';
import ts from 'typescript';

export interface Edge { from: string; to: string }
export interface Violation { rule: string; edge: Edge }

/** harness/<room>/... ; judge and sims are split one level further (as-csms, station, ...). */
export function roomOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'harness') return parts.length > 1 ? parts[0] : 'root';
  if (parts.length === 2) return 'harness';
  if ((parts[1] === 'judge' || parts[1] === 'sims') && parts.length > 3) return `${parts[1]}/${parts[2]}`;
  return parts[1];
}
const top = (room: string): string => room.split('/')[0];

/** What each room of harness/ may import besides itself (layers: nothing imports upwards). */
export const ALLOWED: Record<string, string[]> = {
  protocol: [],
  model: ['protocol'],
  transport: ['protocol', 'model'],
  services: ['protocol', 'model'],
  config: ['protocol', 'model', 'transport'],
  report: ['protocol', 'model', 'transport', 'config'],
  judge: ['protocol', 'model', 'transport', 'services', 'config'],
  sims: ['protocol', 'model', 'transport', 'services', 'config'],
  sut: ['protocol', 'model', 'transport', 'services', 'config'],
  fleet: ['protocol', 'model', 'transport', 'config', 'judge'],
  cli: ['protocol', 'model', 'transport', 'services', 'config', 'report', 'judge', 'sims', 'sut', 'fleet'],
};

/** The files outside sims/ that may start an embedded system under test. */
const MAY_START_SIMS = [/^harness\/sut\/embedded[^/]*\.ts$/, /^harness\/cli\//, /^fixtures\//, /^tests\//];

export function checkEdges(edges: Edge[]): Violation[] {
  const out: Violation[] = [];
  const add = (rule: string, edge: Edge): void => { out.push({ rule, edge }); };
  for (const e of edges) {
    const from = roomOf(e.from); const to = roomOf(e.to);
    if (from === to) continue;
    const f = top(from); const t = top(to);
    if (f === 'judge' && t === 'sims') add('judge/ never imports sims/: a verdict must not depend on the system it judges', e);
    else if (t === 'sims' && f !== 'sims' && !MAY_START_SIMS.some((r) => r.test(e.from))) add('only the embedded adapter, the CLI and the fixtures that start the embedded systems touch sims/', e);
    if (f === 'suites' && t === 'sims') add('suites/ never import sims/: a case must run unchanged against a real SUT', e);
    if (from.startsWith('harness') || e.from.startsWith('harness/')) {
      if (['fixtures', 'suites', 'tests'].includes(t)) add('harness/ never imports fixtures/, suites/ or tests/: the engine knows no test runner', e);
    }
    if (f === 'protocol' && t !== 'protocol') add('protocol/ imports nothing of ours above it', e);
    if (f === 'transport' && (t === 'judge' || t === 'sims')) add('transport/ imports neither judge/ nor sims/: it knows no role', e);
    if (f === 'judge' && t === 'judge' && from !== 'judge' && to !== 'judge') add(`${from}/ never imports ${to}/: what both roles share lives in judge/ itself`, e);
    if (f === 'sims' && t === 'sims' && from !== 'sims' && to !== 'sims') add(`${from}/ never imports ${to}/: what both sims share lives in sims/ itself`, e);
    const allowed = ALLOWED[f];
    if (allowed && f !== t && !allowed.includes(t) && !(t === 'sims' && MAY_START_SIMS.some((r) => r.test(e.from)))) {
      if (!out.some((v) => v.edge === e)) add(`${f}/ may import only ${allowed.join(', ') || 'itself'}`, e);
    }
  }
  for (const cycle of roomCycles(edges)) out.push({ rule: `import cycle between rooms: ${cycle.join(' -> ')}`, edge: { from: cycle[0], to: cycle[1] } });
  return out;
}

/** Cycles in the graph of top-level rooms (each reported once, from its smallest room). */
export function roomCycles(edges: Edge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const f = top(roomOf(e.from)); const t = top(roomOf(e.to));
    if (f === t) continue;
    if (!graph.has(f)) graph.set(f, new Set());
    graph.get(f)!.add(t);
  }
  const cycles: string[][] = []; const seen = new Set<string>();
  const walk = (start: string, node: string, path: string[]): void => {
    for (const next of graph.get(node) ?? []) {
      if (next === start) {
        const key = [...path].sort().join(',');
        if (!seen.has(key)) { seen.add(key); cycles.push([...path, start]); }
      } else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const room of [...graph.keys()].sort()) walk(room, room, [room]);
  return cycles;
}

/** Every relative import of the tracked and untracked (not ignored) TypeScript/JavaScript files. */
export function importEdges(root: string): Edge[] {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n').filter((f) => /\.(ts|js)$/.test(f) && existsSync(join(root, f)));
  const known = new Set(files);
  const resolve = (from: string, spec: string): string => {
    const base = posix.normalize(posix.join(posix.dirname(from), spec));
    for (const c of [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`]) if (known.has(c)) return c;
    return base;
  };
  const edges: Edge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    for (const i of info.importedFiles) if (i.fileName.startsWith('.')) edges.push({ from: file, to: resolve(file, i.fileName) });
  }
  return edges;
}

export const REPO_ROOT = normalize(join(dirname(__filename), '..', '..'));

export function formatViolations(vs: Violation[]): string {
  return vs.map((v) => `  ${v.edge.from} -> ${v.edge.to}\n      ${v.rule}`).join('\n');
}
