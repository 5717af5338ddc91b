/**
 * Conformance under load (`ocpp-harness run --role csms --under-load N`): the CSMS suites run
 * twice, first as usual, then with N fleet stations connected to the CSMS next to each case's
 * own station for the whole run (a fleet worker process per Playwright worker: its traffic does
 * not share the case's event loop). Each case of the loaded pass records the fleet's figures
 * during it (its window of the timeline); then the verdicts of the two passes are compared case
 * by case. A case that passes unloaded and fails loaded is a CSMS that breaks under load.
 */
import { Histogram } from './histogram';
import type { FleetSample } from './summary';

/** The environment variable the CLI passes the fleet size in (0 or absent: no load). */
export const UNDER_LOAD_ENV = 'OCPP_HARNESS_UNDER_LOAD';
/** Station ids of the load (the reference CSMS accepts them under load; a real CSMS must know them). */
export const LOAD_ID_PREFIX = 'LOAD-';
/** The annotation a loaded case carries: the fleet's figures during it, as JSON. */
export const LOAD_ANNOTATION = 'under-load';

export function underLoadStations(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env[UNDER_LOAD_ENV] ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** What the fleet did while a case ran. */
export interface LoadWindow {
  stations: number;
  connected: number;
  seconds: number;
  sent: number;
  replies: number;
  lost: number;
  errors: number;
  msgPerSec: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The figures of the samples with from ≤ t ≤ to (fleet seconds). */
export function loadWindow(timeline: readonly FleetSample[], from: number, to: number, stations: number): LoadWindow {
  const h = new Histogram();
  const w: LoadWindow = { stations, connected: 0, seconds: 0, sent: 0, replies: 0, lost: 0, errors: 0, msgPerSec: 0, p50: 0, p95: 0, p99: 0 };
  for (const s of timeline) {
    if (s.t < from || s.t > to) continue;
    h.merge(s.latency);
    w.seconds += s.seconds; w.sent += s.sent; w.replies += s.replies; w.lost += s.lost; w.errors += s.errors;
    w.connected = s.connected;
  }
  w.msgPerSec = w.sent / Math.max(0.001, w.seconds);
  w.p50 = h.percentile(50); w.p95 = h.percentile(95); w.p99 = h.percentile(99);
  return w;
}

export function describeLoad(w: LoadWindow): string {
  return `${w.connected}/${w.stations} fleet stations connected, ${w.msgPerSec.toFixed(0)} msg/s, reply latency p50 ${w.p50.toFixed(1)} / p95 ${w.p95.toFixed(1)} / p99 ${w.p99.toFixed(1)} ms, ${w.lost} lost, ${w.errors} errors over ${w.seconds.toFixed(0)} s`;
}

export interface Verdict { id: string; project: string; status: string; load?: LoadWindow }
export interface VerdictComparison { same: number; differs: { id: string; project: string; unloaded: string; loaded: string; load?: LoadWindow }[]; onlyOne: string[] }

/** Compares the two passes case by case (the key: project and case id). */
export function compareVerdicts(unloaded: readonly Verdict[], loaded: readonly Verdict[]): VerdictComparison {
  const key = (v: Verdict): string => `${v.project} ${v.id}`;
  const before = new Map(unloaded.map((v) => [key(v), v]));
  const after = new Map(loaded.map((v) => [key(v), v]));
  const out: VerdictComparison = { same: 0, differs: [], onlyOne: [] };
  for (const [k, v] of before) {
    const w = after.get(k);
    if (!w) { out.onlyOne.push(k); continue; }
    if (w.status === v.status) out.same++;
    else out.differs.push({ id: v.id, project: v.project, unloaded: v.status, loaded: w.status, load: w.load });
  }
  for (const k of after.keys()) if (!before.has(k)) out.onlyOne.push(k);
  return out;
}

export function formatComparison(c: VerdictComparison, stations: number): string {
  const lines = [`Conformance under load (${stations} fleet stations per CSMS): ${c.same} case${c.same === 1 ? '' : 's'} with the same verdict, ${c.differs.length} different`];
  for (const d of c.differs) lines.push(`  ${d.id} [${d.project}]: ${d.unloaded} unloaded, ${d.loaded} under load${d.load ? ` (${describeLoad(d.load)})` : ''}`);
  if (c.onlyOne.length) lines.push(`  in one pass only: ${c.onlyOne.join(', ')}`);
  return lines.join('\n');
}
