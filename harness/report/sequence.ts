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

export function sequenceSvg(journal: Journal, opts: { maxRows?: number; sutName?: string; harnessName?: string } = {}): string {
  const rows = journal.entries.slice(-(opts.maxRows ?? 400));
  const x = { csms: 180, sut: 660, hw: 900 };
  const top = 50;
  const step = 22;
  const height = top + rows.length * step + 30;
  const colors = { call: '#1f4e9c', result: '#2e7d32', error: '#c62828', bad: '#c62828', hardware: '#6a4c93', note: '#777' };
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="${height}" font-family="monospace" font-size="11">`,
    '<defs><marker id="a" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="context-stroke"/></marker></defs>',
    `<rect width="1000" height="${height}" fill="white"/>`,
  ];
  for (const [name, at] of [[opts.harnessName ?? 'Harness (CSMS)', x.csms], [opts.sutName ?? 'Station under test', x.sut], ['Hardware', x.hw]] as const) {
    out.push(`<text x="${at}" y="20" text-anchor="middle" font-weight="bold">${esc(name)}</text>`);
    out.push(`<line x1="${at}" y1="30" x2="${at}" y2="${height - 10}" stroke="#bbb" stroke-dasharray="4 3"/>`);
  }
  rows.forEach((e, i) => {
    const y = top + i * step;
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
