/**
 * A sequence diagram of a case's exchange, as SVG: lifelines for the harness, the SUT (named
 * by the caller: "Harness (CSMS)" / "Station under test" unless told otherwise) and the
 * station's hardware; one arrow per frame (CALLs named by action, replies by kind), hardware
 * events and findings as notes on the timeline. Built from the journal, so it shows exactly
 * what the frame log shows (secrets already redacted there).
 */
import { CALL, CALLERROR, CALLRESULT } from '../protocol/rpc';
import type { Journal, JournalEntry } from '../transport/journal';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function label(e: JournalEntry): { text: string; kind: 'call' | 'result' | 'error' | 'bad' | 'hardware' | 'note' } {
  if (e.kind === 'event') return { text: e.text, kind: e.source === 'hardware' ? 'hardware' : 'note' };
  const f = e.frame;
  if (!f) return { text: `malformed: ${e.violation ?? e.raw}`, kind: 'bad' };
  if (f.type === CALL) return { text: `${f.action} ${JSON.stringify(f.payload)}`, kind: e.violation ? 'bad' : 'call' };
  if (f.type === CALLRESULT) return { text: `${e.action ?? ''} ✓ ${JSON.stringify(f.payload)}`, kind: e.violation ? 'bad' : 'result' };
  if (f.type === CALLERROR) return { text: `${e.action ?? ''} CALLERROR ${f.code} ${f.description}`, kind: 'error' };
  return { text: e.raw, kind: 'note' };
}

/**
 * Where a case broke, for the diagram: the expectation that failed (its window: the entries
 * that arrived while it waited, `fromSeq` exclusive to `toSeq` inclusive) and the frame that
 * broke it (`brokeSeq`; none for a timeout: the window's end is marked as the deadline).
 * `soft`: a SHOULD not met (drawn in amber, the case itself passed).
 */
export interface FailureMark { title: string; rule?: string; fromSeq: number; toSeq: number; brokeSeq?: number; timeout: boolean; soft?: boolean }

export function sequenceSvg(journal: Pick<Journal, 'entries' | 'start'>, opts: { maxRows?: number; sutName?: string; harnessName?: string; marks?: readonly FailureMark[] } = {}): string {
  const rows = journal.entries.slice(-(opts.maxRows ?? 400));
  const x = { csms: 180, sut: 660, hw: 900 };
  const top = 50;
  const step = 22;
  const marks = opts.marks ?? [];
  // Each marked window gets a header line of its own above its first entry (its title never covers a frame).
  const starts = marks.map((m) => windowStart(m, rows));
  const yOf = (i: number): number => top + (i + starts.filter((s) => s <= i).length) * step;
  const height = yOf(rows.length) + 30;
  const colors = { call: '#1f4e9c', result: '#2e7d32', error: '#c62828', bad: '#c62828', hardware: '#6a4c93', note: '#777' };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${height}" font-family="monospace" font-size="11">`,
    '<defs><marker id="a" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="context-stroke"/></marker></defs>',
    `<rect width="1000" height="${height}" fill="white"/>`,
  ];
  for (const m of marks) out.push(...markRows(m, rows, yOf, step));
  for (const [name, at] of [[opts.harnessName ?? 'Harness (CSMS)', x.csms], [opts.sutName ?? 'Station under test', x.sut], ['Hardware', x.hw]] as const) {
    out.push(`<text x="${at}" y="20" text-anchor="middle" font-weight="bold">${esc(name)}</text>`);
    out.push(`<line x1="${at}" y1="30" x2="${at}" y2="${height - 10}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  }
  rows.forEach((e, i) => {
    const y = yOf(i);
    const { text, kind } = label(e);
    const t = `+${((e.t - journal.start) / 1000).toFixed(3)}s`;
    out.push(`<text x="4" y="${y + 4}" fill="#999">${esc(t)}</text>`);
    if (e.kind === 'frame') {
      const [from, to] = e.dir === 'out' ? [x.csms, x.sut] : [x.sut, x.csms];
      out.push(`<line x1="${from}" y1="${y}" x2="${to}" y2="${y}" stroke="${colors[kind]}" stroke-width="1.4" marker-end="url(#a)"${kind === 'result' ? ' stroke-dasharray="5 3"' : ''}/>`);
      out.push(`<text x="${(x.csms + x.sut) / 2}" y="${y - 3}" text-anchor="middle" fill="${colors[kind]}">${esc(clip(text, 70))}</text>`);
    } else if (kind === 'hardware') {
      out.push(`<circle cx="${x.hw}" cy="${y}" r="3" fill="${colors.hardware}"/><text x="${x.hw - 8}" y="${y + 4}" text-anchor="end" fill="${colors.hardware}">${esc(clip(text, 45))}</text>`);
    } else {
      out.push(`<text x="${x.sut + 10}" y="${y + 4}" fill="${text.startsWith('FINDING') ? colors.bad : colors.note}">${esc(clip(text, 50))}</text>`);
    }
  });
  out.push('</svg>');
  return out.join('\n');
}

/**
 * The expectation window as a shaded band (with its title and rule), the frame that broke it
 * outlined with "✗ broke <rule>", or, for a timeout, a dashed deadline line at the window's end.
 */
/** The index of the first row of a mark's window (or, for a window nothing arrived in, of the row after it). */
function windowStart(m: FailureMark, rows: readonly JournalEntry[]): number {
  const i = rows.findIndex((e) => e.seq > m.fromSeq);
  return i < 0 ? rows.length : i;
}

function markRows(m: FailureMark, rows: readonly JournalEntry[], yOf: (i: number) => number, step: number): string[] {
  const color = m.soft ? '#e69500' : '#c62828';
  const fill = m.soft ? '#fff4dc' : '#fdeaea';
  const first = windowStart(m, rows);
  let last = first - 1;
  while (last + 1 < rows.length && rows[last + 1].seq <= m.toSeq) last++;
  const y0 = yOf(first) - step * 1.5 - 4;
  const y1 = last >= first ? yOf(last) + step / 2 - 4 : y0 + step;
  const kind = m.soft ? 'soft finding' : 'failed';
  const out = [
    `<g class="expectation-window" data-kind="${kind}" data-from-seq="${m.fromSeq}" data-to-seq="${m.toSeq}">`,
    `<rect x="70" y="${y0}" width="926" height="${y1 - y0}" fill="${fill}" stroke="${color}" stroke-dasharray="6 3"/>`,
    `<text x="74" y="${y0 + 14}" fill="${color}" font-weight="bold">${esc(clip(`expectation window (${kind}): ${m.title}`, 135))}</text>`,
  ];
  const broke = m.brokeSeq !== undefined ? rows.findIndex((e) => e.seq === m.brokeSeq) : -1;
  if (broke >= 0) {
    const y = yOf(broke);
    out.push(`<rect class="failure-point" data-seq="${m.brokeSeq}" x="150" y="${y - 14}" width="540" height="${step - 2}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
    out.push(`<text x="${695}" y="${y + 4}" fill="${color}" font-weight="bold">✗ #${m.brokeSeq} broke ${esc(clip(m.rule ?? 'the expectation', 40))}</text>`);
  } else if (m.timeout) {
    out.push(`<line class="failure-point" x1="70" y1="${y1}" x2="996" y2="${y1}" stroke="${color}" stroke-width="2.5" stroke-dasharray="8 4"/>`);
    out.push(`<text x="${695}" y="${y1 - 3}" fill="${color}" font-weight="bold">✗ deadline: nothing matched${m.rule ? ` (${esc(clip(m.rule, 30))})` : ''}</text>`);
  }
  out.push('</g>');
  return out;
}
