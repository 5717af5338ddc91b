/**
 * The frame journal: every frame (time, direction, raw text, parsed frame, validation result),
 * connection and hardware event, and every finding, in arrival order. It is what a failure
 * message quotes and what the report attaches. Bounded: past `maxEntries` the oldest entries
 * are dropped (and counted) so a flooding peer cannot exhaust memory.
 */
import { EventEmitter } from 'node:events';
import { type Frame, CALL } from '../protocol/rpc';
import { redact } from '../model/secrets';

/** Relative to the harness: `out` = the harness sent it (→), `in` = the peer under test sent it (←). */
type Direction = 'in' | 'out';

export interface FrameEntry {
  kind: 'frame'; seq: number; t: number; dir: Direction; raw: string;
  frame?: Frame;
  /** For a CALLRESULT / CALLERROR: the action of the CALL it answers. */
  action?: string;
  /** Schema or framing problem of this frame, if any. */
  violation?: string;
}
interface EventEntry { kind: 'event'; seq: number; t: number; source: 'connection' | 'hardware' | 'harness'; text: string }
export type JournalEntry = FrameEntry | EventEntry;

/**
 * `fail`: the SUT broke a SHALL (fails the case); `soft`: a SHOULD not met (reported, does not
 * fail unless strict); `harness`: the harness itself misbehaved (never blamed on the SUT).
 */
type Severity = 'fail' | 'soft' | 'harness';
interface Finding { seq: number; t: number; severity: Severity; rule: string; message: string; raw?: string }

const MAX_RAW = 2000;

export class Journal extends EventEmitter {
  readonly entries: JournalEntry[] = [];
  readonly findings: Finding[] = [];
  readonly start = Date.now();
  dropped = 0;
  private seq = 0;

  constructor(private readonly maxEntries = 20_000) { super(); this.setMaxListeners(0); }

  private push<T extends JournalEntry>(entry: T): T {
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries) { this.entries.shift(); this.dropped++; }
    this.emit('entry', entry);
    return entry;
  }

  get lastSeq(): number { return this.seq; }

  /** Frames are stored with every known secret redacted: nothing downstream can leak one. */
  frame(dir: Direction, raw: string, frame?: Frame, extra: { action?: string; violation?: string } = {}): FrameEntry {
    const clean = redact(raw);
    const parsed = clean === raw ? frame : (JSON.parse(JSON.stringify(frame ?? null), (_k, v: unknown) => (typeof v === 'string' ? redact(v) : v)) as Frame | undefined) ?? undefined;
    return this.push({ kind: 'frame', seq: ++this.seq, t: Date.now(), dir, raw: clean, frame: parsed, ...extra });
  }

  event(source: EventEntry['source'], text: string): EventEntry {
    return this.push({ kind: 'event', seq: ++this.seq, t: Date.now(), source, text: redact(text) });
  }

  finding(severity: Severity, rule: string, message: string, raw?: string): Finding {
    const f: Finding = { seq: ++this.seq, t: Date.now(), severity, rule, message: redact(message), raw: raw === undefined ? undefined : clip(redact(raw)) };
    this.findings.push(f);
    this.event('harness', `FINDING [${severity}] ${rule}: ${message}`);
    this.emit('finding', f);
    return f;
  }

  /** Human-readable lines, `→` harness sent, `←` SUT sent; `last` limits to the final n lines. */
  format(opts: { last?: number; redact?: (s: string) => string } = {}): string {
    const list = opts.last ? this.entries.slice(-opts.last) : this.entries;
    const lines = list.map((e) => formatEntry(e, this.start, opts.redact));
    if (this.dropped && !opts.last) lines.unshift(`(${this.dropped} earlier entries dropped: journal limit)`);
    return lines.join('\n');
  }

  toJsonl(redact: (s: string) => string = (s) => s): string {
    return this.entries.map((e) => redact(JSON.stringify(e.kind === 'frame' ? { ...e, frame: undefined } : e))).join('\n') + '\n';
  }
}

function clip(raw: string): string {
  return raw.length > MAX_RAW ? `${raw.slice(0, MAX_RAW)}… (${raw.length} chars)` : raw;
}

function formatEntry(e: JournalEntry, start: number, redact: (s: string) => string = (s) => s): string {
  const t = `+${((e.t - start) / 1000).toFixed(3)}s`;
  const n = String(e.seq).padStart(3, '0');
  if (e.kind === 'event') return `${n} ${t} ${e.source === 'hardware' ? '⚙' : '·'} ${redact(e.text)}`;
  const arrow = e.dir === 'out' ? '→' : '←';
  const note = e.violation ? `   !! ${e.violation}` : '';
  return `${n} ${t} ${arrow} ${redact(clip(e.raw))}${note}`;
}

/** A CALL the peer under test sent. */
export function isCall(e: JournalEntry): e is FrameEntry & { frame: Frame & { type: typeof CALL } } {
  return e.kind === 'frame' && e.dir === 'in' && e.frame?.type === CALL;
}
