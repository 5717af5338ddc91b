/**
 * What a fleet run reports, in a form that merges exactly: counters add up, latency histograms
 * merge bucket by bucket (harness/fleet/histogram.ts), timelines add up second by second. So the
 * summary of K processes on one machine, or of n shards on n machines (`fleet --shard i/n`, then
 * `fleet merge`), is the summary one process would have given: sent = replies + lost holds
 * across all of them, and the percentiles are those of every sample.
 */
import { Histogram, type HistogramJson } from './histogram';

/** Shares of the fleet's behaviours (they need not add up to 1: they are normalised). */
export interface FleetMix {
  /** RFID sessions: Authorize, start, meter values, stop, every txEvery s. */
  rfid: number;
  /** Waits for the CSMS's remote start (RequestStartTransaction / RemoteStartTransaction), then a session. */
  remote: number;
  /** Answers UpdateFirmware with the status sequence of an update. */
  firmware: number;
  /** RFID sessions, and offline periods: sessions queued while offline, delivered on return. */
  offline: number;
}

export const DEFAULT_MIX: FleetMix = { rfid: 1, remote: 0, firmware: 0, offline: 0 };

/** Parses `rfid=0.6,remote=0.2,firmware=0.1,offline=0.1`; a message for anything else. */
export function parseMix(text: string): FleetMix | string {
  const mix: FleetMix = { rfid: 0, remote: 0, firmware: 0, offline: 0 };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(rfid|remote|firmware|offline)=(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return `"${part}": expected name=share with name one of rfid, remote, firmware, offline (e.g. rfid=0.7,offline=0.3)`;
    mix[m[1] as keyof FleetMix] = Number(m[2]);
  }
  if (!Object.values(mix).some((v) => v > 0)) return 'every share is 0';
  return mix;
}

/** The behaviour of station number `index`: spread evenly (a golden-ratio sequence), the same in every process and shard. */
export function behaviourOf(index: number, mix: FleetMix): keyof FleetMix {
  const total = mix.rfid + mix.remote + mix.firmware + mix.offline;
  const x = ((index * 0.6180339887498949) % 1) * total;
  let acc = 0;
  for (const k of ['rfid', 'remote', 'firmware', 'offline'] as const) {
    acc += mix[k];
    if (x < acc) return k;
  }
  return 'rfid';
}

/** One second of a run (counters are deltas over `seconds`; gauges are the values at its end). */
export interface FleetSample {
  /** Seconds since the fleet started (rounded: the key timelines merge on). */
  t: number;
  seconds: number;
  started: number;
  connected: number;
  booted: number;
  sent: number;
  replies: number;
  lost: number;
  errors: number;
  latency: HistogramJson;
}

export interface FleetSummary {
  stations: number;
  /** Worker processes (or shards) merged into this summary. */
  processes: number;
  elapsed: number;
  connected: number;
  booted: number;
  closed: number;
  sent: number;
  replies: number;
  lost: number;
  transactions: number;
  offlinePeriods: number;
  /** Messages kept while offline and delivered on return. */
  delivered: number;
  errors: number;
  errorsByKind: Record<string, number>;
  latency: { p50: number; p95: number; p99: number; max: number };
  /** The latency histogram itself (what merges exactly). */
  histogram: HistogramJson;
  timeline: FleetSample[];
  /** Filled in by the process that ran it: RSS per station etc. (bench, --processes). */
  rssBytes?: number;
  msgPerSec: number;
}

type Raw = Omit<FleetSummary, 'errors' | 'latency' | 'histogram' | 'msgPerSec'> & { latency: HistogramJson };

export function summaryOf(r: Raw): FleetSummary {
  const h = Histogram.from(r.latency);
  const errors = Object.values(r.errorsByKind).reduce((a, b) => a + b, 0);
  const { latency: _l, ...rest } = r;
  return {
    ...rest, errors, histogram: r.latency, msgPerSec: r.sent / Math.max(0.001, r.elapsed),
    latency: { p50: h.percentile(50), p95: h.percentile(95), p99: h.percentile(99), max: h.max },
  };
}

/**
 * Adds timelines second by second. Counters add; gauges (started, connected, booted) add too, each
 * list's last value carried over a second it has no sample for (a busy process may skip one), so
 * a sum never dips for a missing sample.
 */
export function mergeTimelines(lists: FleetSample[][]): FleetSample[] {
  const ts = [...new Set(lists.flatMap((l) => l.map((x) => x.t)))].sort((a, b) => a - b);
  // One sample per second per list: two that round to the same second (the last one of a run) are added up first.
  const sorted = lists.map((l) => {
    const out: FleetSample[] = [];
    for (const x of [...l].sort((a, b) => a.t - b.t)) {
      const prev = out[out.length - 1];
      if (prev?.t !== x.t) { out.push(x); continue; }
      out[out.length - 1] = {
        ...x, seconds: prev.seconds + x.seconds, sent: prev.sent + x.sent, replies: prev.replies + x.replies, lost: prev.lost + x.lost, errors: prev.errors + x.errors,
        latency: Histogram.from(prev.latency).merge(x.latency).toJSON(),
      };
    }
    return out;
  });
  const at = sorted.map(() => -1);
  return ts.map((t) => {
    const h = new Histogram();
    const s: FleetSample = { t, seconds: 0, started: 0, connected: 0, booted: 0, sent: 0, replies: 0, lost: 0, errors: 0, latency: { buckets: [], count: 0, max: 0 } };
    sorted.forEach((list, i) => {
      while (at[i] + 1 < list.length && list[at[i] + 1].t <= t) at[i]++;
      const last = at[i] >= 0 ? list[at[i]] : undefined;
      if (!last) return;
      s.started += last.started; s.connected += last.connected; s.booted += last.booted;
      if (last.t !== t) return;
      s.seconds = Math.max(s.seconds, last.seconds);
      s.sent += last.sent; s.replies += last.replies; s.lost += last.lost; s.errors += last.errors;
      h.merge(last.latency);
    });
    return { ...s, seconds: s.seconds || 1, latency: h.toJSON() };
  });
}

/** The exact merge of several processes' or shards' summaries. */
export function mergeSummaries(list: FleetSummary[]): FleetSummary {
  if (!list.length) throw new Error('nothing to merge');
  const h = new Histogram();
  const errorsByKind: Record<string, number> = {};
  for (const s of list) {
    h.merge(s.histogram);
    for (const [k, n] of Object.entries(s.errorsByKind)) errorsByKind[k] = (errorsByKind[k] ?? 0) + n;
  }
  const sum = (k: 'stations' | 'processes' | 'connected' | 'booted' | 'closed' | 'sent' | 'replies' | 'lost' | 'transactions' | 'offlinePeriods' | 'delivered'): number => list.reduce((a, s) => a + (s[k] ?? 0), 0);
  const rss = list.every((s) => s.rssBytes !== undefined) ? list.reduce((a, s) => a + s.rssBytes!, 0) : undefined;
  return summaryOf({
    stations: sum('stations'), processes: sum('processes'), elapsed: Math.max(...list.map((s) => s.elapsed)),
    connected: sum('connected'), booted: sum('booted'), closed: sum('closed'), sent: sum('sent'), replies: sum('replies'), lost: sum('lost'),
    transactions: sum('transactions'), offlinePeriods: sum('offlinePeriods'), delivered: sum('delivered'),
    errorsByKind, latency: h.toJSON(), timeline: mergeTimelines(list.map((s) => s.timeline)), ...(rss !== undefined ? { rssBytes: rss } : {}),
  });
}

/** Checks a parsed JSON file is a fleet summary (for `fleet merge`); a message when not. */
export function checkSummary(v: unknown): string | undefined {
  const s = v as Partial<FleetSummary> | null;
  if (typeof s !== 'object' || s === null) return 'not a JSON object';
  for (const k of ['stations', 'sent', 'replies', 'lost', 'elapsed'] as const) if (typeof s[k] !== 'number') return `no number "${k}"`;
  if (typeof s.histogram !== 'object' || !Array.isArray(s.histogram?.buckets)) return 'no latency histogram (written by an older harness?)';
  if (!Array.isArray(s.timeline)) return 'no timeline';
  return undefined;
}

export function formatSummary(s: FleetSummary): string {
  return [
    `Fleet summary: ${s.stations} stations${s.processes > 1 ? ` in ${s.processes} processes` : ''}, ${s.elapsed.toFixed(1)} s`,
    `  connected ${s.connected} (closed by the CSMS or lost: ${s.closed}), booted ${s.booted}, transactions ${s.transactions}${s.offlinePeriods ? `, offline periods ${s.offlinePeriods} (${s.delivered} queued messages delivered on return)` : ''}`,
    `  messages sent ${s.sent}, replies ${s.replies}, lost ${s.lost}, ${(s.sent / Math.max(0.001, s.elapsed)).toFixed(0)} msg/s on average`,
    `  reply latency p50 ${s.latency.p50.toFixed(2)} ms, p95 ${s.latency.p95.toFixed(2)} ms, p99 ${s.latency.p99.toFixed(2)} ms, max ${s.latency.max.toFixed(2)} ms`,
    `  errors ${s.errors}${s.errors ? `: ${Object.entries(s.errorsByKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join('; ')}` : ''}`,
  ].join('\n');
}
