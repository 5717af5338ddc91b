/**
 * The fleet's HTML page (`fleet --html F`, the capacity run, `fleet merge --html`): plots over
 * time of connected stations, messages per second, reply latency percentiles and losses and
 * errors, one point per second, with the capacity levels marked (the breached one in red).
 * Plain inline SVG: no script, no network, opens from the file system and attaches to Allure.
 */
import { Histogram } from './histogram';
import type { CapacityResult } from './capacity';
import type { FleetSample, FleetSummary } from './summary';

type Series = { name: string; color: string; points: [number, number][] };
type Band = { from: number; to: number; label: string; bad: boolean };

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function chart(title: string, unit: string, series: Series[], bands: Band[], tMax: number, opts: { log?: boolean } = {}): string {
  const W = 900; const H = 220; const L = 64; const R = 16; const T = 28; const B = 30;
  const vMax = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p[1]))));
  const vMin = opts.log ? Math.max(0.01, Math.min(...series.flatMap((s) => s.points.map((p) => p[1]).filter((v) => v > 0)), vMax / 10)) : 0;
  const x = (t: number): number => L + ((W - L - R) * t) / Math.max(1, tMax);
  const y = (v: number): number => {
    if (!opts.log) return T + (H - T - B) * (1 - v / vMax);
    const lv = Math.log10(Math.max(v, vMin));
    return T + (H - T - B) * (1 - (lv - Math.log10(vMin)) / Math.max(1e-9, Math.log10(vMax) - Math.log10(vMin)));
  };
  const ticks = opts.log
    ? Array.from({ length: Math.floor(Math.log10(vMax)) - Math.floor(Math.log10(vMin)) + 1 }, (_, i) => 10 ** (Math.floor(Math.log10(vMin)) + i)).filter((v) => v >= vMin && v <= vMax)
    : [0, 0.25, 0.5, 0.75, 1].map((f) => f * vMax);
  const tStep = niceMax(tMax / 8);
  const out: string[] = [`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">`];
  out.push(`<text x="${L}" y="18" font-weight="bold">${esc(title)}</text><text x="${W - R}" y="18" text-anchor="end" fill="#555">${esc(unit)}</text>`);
  for (const b of bands) {
    out.push(`<rect x="${x(b.from)}" y="${T}" width="${Math.max(1, x(b.to) - x(b.from))}" height="${H - T - B}" fill="${b.bad ? '#fdd' : '#eef4ff'}" stroke="#fff"/>`);
    out.push(`<text x="${(x(b.from) + x(b.to)) / 2}" y="${T + 12}" text-anchor="middle" font-size="10" fill="${b.bad ? '#b00' : '#557'}">${esc(b.label)}</text>`);
  }
  for (const v of ticks) out.push(`<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${+v.toPrecision(3)}</text>`);
  for (let t = 0; t <= tMax; t += tStep) out.push(`<text x="${x(t)}" y="${H - 10}" text-anchor="middle" font-size="11">${t} s</text>`);
  out.push(`<line x1="${L}" x2="${L}" y1="${T}" y2="${H - B}" stroke="#888"/><line x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}" stroke="#888"/>`);
  series.forEach((s, i) => {
    if (s.points.length) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="1.8" points="${s.points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}"/>`);
    out.push(`<rect x="${L + 10 + i * 110}" y="${T + 4}" width="10" height="10" fill="${s.color}"/><text x="${L + 24 + i * 110}" y="${T + 13}" font-size="11">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** The four plots of a timeline. */
export function plots(timeline: FleetSample[], bands: Band[] = []): string {
  const tMax = Math.max(1, ...timeline.map((s) => s.t), ...bands.map((b) => b.to));
  const pts = (f: (s: FleetSample) => number): [number, number][] => timeline.map((s) => [s.t, f(s)]);
  const pct = (p: number) => (s: FleetSample): number => Histogram.from(s.latency).percentile(p);
  let lost = 0; let errors = 0;
  const cumLost = timeline.map((s) => { lost += s.lost; return [s.t, lost] as [number, number]; });
  const cumErr = timeline.map((s) => { errors += s.errors; return [s.t, errors] as [number, number]; });
  return [
    chart('Connected stations', 'stations', [{ name: 'connected', color: '#1f77b4', points: pts((s) => s.connected) }, { name: 'started', color: '#aaa', points: pts((s) => s.started) }], bands, tMax),
    chart('Messages per second', 'msg/s', [{ name: 'sent', color: '#2ca02c', points: pts((s) => s.sent / Math.max(0.001, s.seconds)) }, { name: 'replies', color: '#98df8a', points: pts((s) => s.replies / Math.max(0.001, s.seconds)) }], bands, tMax),
    chart('Reply latency (log scale)', 'ms', [{ name: 'p50', color: '#9467bd', points: pts(pct(50)) }, { name: 'p95', color: '#ff7f0e', points: pts(pct(95)) }, { name: 'p99', color: '#d62728', points: pts(pct(99)) }], bands, tMax, { log: true }),
    chart('Lost messages and errors (cumulative)', 'count', [{ name: 'lost', color: '#d62728', points: cumLost }, { name: 'errors', color: '#8c564b', points: cumErr }], bands, tMax),
  ].join('\n');
}

export function fleetPage(title: string, summary: FleetSummary, capacity?: CapacityResult): string {
  const bands: Band[] = capacity?.steps.map((s) => ({ from: s.from, to: s.to, label: `${s.stations}`, bad: !!s.breach })) ?? [];
  const l = summary.latency;
  const facts = [
    ['stations', `${summary.stations}${summary.processes > 1 ? ` in ${summary.processes} processes` : ''}`], ['run time', `${summary.elapsed.toFixed(1)} s`],
    ['messages sent / replies / lost', `${summary.sent} / ${summary.replies} / ${summary.lost}`], ['average rate', `${summary.msgPerSec.toFixed(0)} msg/s`],
    ['latency p50 / p95 / p99 / max', `${l.p50.toFixed(2)} / ${l.p95.toFixed(2)} / ${l.p99.toFixed(2)} / ${l.max.toFixed(2)} ms`], ['errors', String(summary.errors)],
  ];
  const cap = capacity ? `<h2>Capacity</h2><p>Limits per level: p99 ≤ ${capacity.limits.maxP99} ms, loss ≤ ${(capacity.limits.maxLossRate * 100).toFixed(2)} %, errors ≤ ${capacity.limits.maxErrors}. ${capacity.lastGood ? `<b>Last good level: ${capacity.lastGood.stations} stations</b> (${capacity.lastGood.msgPerSec.toFixed(0)} msg/s, p99 ${capacity.lastGood.p99.toFixed(1)} ms).` : '<b>No level held the limits.</b>'} ${capacity.breached ? `Breached at ${capacity.breached.stations} stations: ${esc(capacity.breached.breach!)}.` : 'No breach up to the bound.'}</p>
<table><tr><th>stations</th><th>connected</th><th>msg/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>loss</th><th>errors</th><th>verdict</th></tr>${capacity.steps.map((s) => `<tr${s.breach ? ' class="bad"' : ''}><td>${s.stations}</td><td>${s.connected}</td><td>${s.msgPerSec.toFixed(0)}</td><td>${s.p50.toFixed(1)}</td><td>${s.p95.toFixed(1)}</td><td>${s.p99.toFixed(1)}</td><td>${(s.lossRate * 100).toFixed(2)} %</td><td>${s.errors}</td><td>${s.breach ? esc(s.breach) : 'ok'}</td></tr>`).join('')}</table>` : '';
  const kinds = Object.entries(summary.errorsByKind).sort((a, b) => b[1] - a[1]);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222}svg{display:block;margin:8px 0 18px;font-family:system-ui,sans-serif}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}tr.bad td{background:#fdd}th{background:#f4f4f4}
</style></head><body><h1>${esc(title)}</h1>
<table>${facts.map(([k, v]) => `<tr><th style="text-align:left">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
${cap}<h2>Over time</h2>${plots(summary.timeline, bands)}
${kinds.length ? `<h2>Errors by kind</h2><table>${kinds.map(([k, n]) => `<tr><td style="text-align:left">${esc(k)}</td><td>${n}</td></tr>`).join('')}</table>` : ''}
</body></html>`;
}
