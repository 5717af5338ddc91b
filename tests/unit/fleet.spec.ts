/** Fleet statistics that must merge exactly, the mix, the capacity windows, the verdict comparison and the plots page. */
import { test, expect } from '@playwright/test';
import { Histogram } from '../../harness/fleet/histogram';
import { type FleetSample, type FleetSummary, behaviourOf, checkSummary, mergeSummaries, mergeTimelines, parseMix, summaryOf } from '../../harness/fleet/summary';
import { windowOf } from '../../harness/fleet/capacity';
import { compareVerdicts, loadWindow } from '../../harness/fleet/under-load';
import { fleetPage } from '../../harness/fleet/plot';

const sample = (t: number, o: Partial<FleetSample> & { ms?: number[] } = {}): FleetSample => {
  const h = new Histogram();
  for (const m of o.ms ?? []) h.record(m);
  const { ms: _m, ...rest } = o;
  return { t, seconds: 1, started: 0, connected: 0, booted: 0, sent: 0, replies: 0, lost: 0, errors: 0, latency: h.toJSON(), ...rest };
};

test('histograms merge exactly: two halves give the percentiles of the whole', () => {
  const all = new Histogram(); const a = new Histogram(); const b = new Histogram();
  for (let i = 1; i <= 2000; i++) { const ms = (i * 7919) % 997 / 10; all.record(ms); (i % 2 ? a : b).record(ms); }
  const merged = Histogram.from(a.toJSON()).merge(b);
  for (const p of [50, 90, 95, 99, 100]) expect(merged.percentile(p), `p${p}`).toBe(all.percentile(p));
  expect(merged.count).toBe(2000);
  expect(merged.max).toBe(all.max);
  expect(JSON.parse(JSON.stringify(merged.toJSON()))).toEqual(all.toJSON());
});

test('summaries merge exactly: counters add, sent = replies + lost holds, errors by kind add', () => {
  const part = (sent: number, lost: number, ms: number[], errors: Record<string, number>): FleetSummary => {
    const h = new Histogram(); for (const m of ms) h.record(m);
    return summaryOf({ stations: 10, processes: 1, elapsed: 5, connected: 10, booted: 10, closed: 0, sent, replies: sent - lost, lost, transactions: 3, offlinePeriods: 1, delivered: 2, errorsByKind: errors, latency: h.toJSON(), timeline: [sample(1, { sent, ms })], rssBytes: 1000 });
  };
  const m = mergeSummaries([part(100, 2, [1, 2, 3], { 'no reply to Heartbeat (message timeout)': 2 }), part(50, 0, [10], { 'no reply to Heartbeat (message timeout)': 1, x: 1 })]);
  expect(m).toMatchObject({ stations: 20, processes: 2, sent: 150, replies: 148, lost: 2, transactions: 6, delivered: 4, errors: 4, rssBytes: 2000 });
  expect(m.sent).toBe(m.replies + m.lost);
  expect(m.errorsByKind['no reply to Heartbeat (message timeout)']).toBe(3);
  expect(Histogram.from(m.histogram).count).toBe(4);
  expect(m.latency.max).toBe(10);
  expect(m.timeline).toHaveLength(1);
  expect(m.timeline[0].sent).toBe(150);
  expect(checkSummary(JSON.parse(JSON.stringify(m)))).toBeUndefined();
  expect(checkSummary({ stations: 1 })).toMatch(/sent/);
});

test('timelines merge per second: a process that skipped a second keeps its gauges, two samples of one second add up', () => {
  const a = [sample(1, { connected: 5, sent: 10 }), sample(2, { connected: 6, sent: 10 }), sample(3, { connected: 6, sent: 10 })];
  const b = [sample(1, { connected: 4, sent: 5 }), sample(3, { connected: 4, sent: 5 }), sample(3, { connected: 4, sent: 1, ms: [5] })];
  const m = mergeTimelines([a, b]);
  expect(m.map((s) => s.t)).toEqual([1, 2, 3]);
  expect(m.map((s) => s.connected)).toEqual([9, 10, 10]);
  expect(m.map((s) => s.sent)).toEqual([15, 10, 16]);
  expect(m[2].latency.count).toBe(1);
});

test('the mix deals behaviours by share, the same for a station number in every process and shard', () => {
  const mix = parseMix('rfid=0.6,remote=0.2,offline=0.2');
  if (typeof mix === 'string') throw new Error(mix);
  const count: Record<string, number> = {};
  for (let i = 1; i <= 1000; i++) count[behaviourOf(i, mix)] = (count[behaviourOf(i, mix)] ?? 0) + 1;
  expect(count.rfid).toBeGreaterThan(550); expect(count.rfid).toBeLessThan(650);
  expect(count.remote).toBeGreaterThan(170); expect(count.remote).toBeLessThan(230);
  expect(count.firmware ?? 0).toBe(0);
  expect(behaviourOf(77, mix)).toBe(behaviourOf(77, mix));
  expect(parseMix('rfid=1,ufo=2')).toMatch(/ufo=2/);
  expect(parseMix('rfid=0')).toMatch(/every share is 0/);
});

test('a capacity level is judged on its own window: latency, loss rate, errors', () => {
  const tl = [sample(1, { sent: 100, replies: 100, ms: [1, 2, 3] }), sample(2, { sent: 100, replies: 90, lost: 10, ms: [500] }), sample(3, { sent: 10, errors: 3 })];
  const limits = { maxP99: 100, maxLossRate: 0.01, maxErrors: 0 };
  expect(windowOf(tl, 0, 1, 10, limits).breach).toBeUndefined();
  const bad = windowOf(tl, 1, 3, 20, limits);
  expect(bad.breach).toMatch(/p99 .* > 100 ms/);
  expect(bad.breach).toMatch(/loss 9\.09 % > 1\.00 %/);
  expect(bad.breach).toMatch(/3 errors > 0/);
  expect(windowOf(tl, 5, 9, 30, limits).breach).toBe('no message got through');
  const w = loadWindow(tl, 1, 2, 15);
  expect(w).toMatchObject({ stations: 15, sent: 200, lost: 10 });
});

test('verdicts compare case by case; a case in one pass only is named', () => {
  const c = compareVerdicts(
    [{ id: 'A', project: 'p', status: 'passed' }, { id: 'B', project: 'p', status: 'passed' }, { id: 'C', project: 'p', status: 'skipped' }],
    [{ id: 'A', project: 'p', status: 'passed' }, { id: 'B', project: 'p', status: 'failed' }, { id: 'D', project: 'p', status: 'passed' }],
  );
  expect(c.same).toBe(1);
  expect(c.differs).toEqual([{ id: 'B', project: 'p', unloaded: 'passed', loaded: 'failed', load: undefined }]);
  expect(c.onlyOne.sort()).toEqual(['p C', 'p D']);
});

test('the fleet page has the four plots over time and the capacity table, escaped, with no script', () => {
  const tl = [sample(0, { connected: 1, sent: 5, ms: [1] }), sample(1, { connected: 2, sent: 9, lost: 1, ms: [2, 40] })];
  const s = summaryOf({ stations: 2, processes: 1, elapsed: 2, connected: 2, booted: 2, closed: 0, sent: 14, replies: 13, lost: 1, transactions: 0, offlinePeriods: 0, delivered: 0, errorsByKind: { '<bad>': 1 }, latency: new Histogram().toJSON(), timeline: tl });
  const level = { stations: 1, from: 0, to: 1, connected: 1, msgPerSec: 5, p50: 1, p95: 1, p99: 1, sent: 5, lost: 0, lossRate: 0, errors: 0 };
  const html = fleetPage('Fleet <test>', s, { limits: { maxP99: 10, maxLossRate: 0, maxErrors: 0 }, step: 1, stepSeconds: 1, steps: [level], lastGood: level, summary: s });
  expect(html.match(/<svg /g)).toHaveLength(4);
  expect(html).toContain('Fleet &lt;test&gt;');
  expect(html).toContain('&lt;bad&gt;');
  expect(html).toContain('Last good level: 1 stations');
  expect(html).not.toContain('<script');
});
