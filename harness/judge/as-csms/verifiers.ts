/**
 * Shared verifiers for timing rules: they wait on frames and compare the journal's timestamps
 * against the interval the harness gave, with the tolerance the timing settings name.
 */
import { ConformanceError } from '../../model/errors';
import { type Timing, describeSpan, ms } from '../../model/timing';
import { type FrameEntry, isCall } from '../../transport/journal';
import { type Received, type ScriptedCsms, replyEntryFor } from './scripted-csms';

const tolerance = (t: Timing): number => ms(t, t.intervalTolerance) + t.slackMs;


/** Throws unless `got` came at least `interval` (minus tolerance) after `since`. */
export function checkNotEarlier(csms: ScriptedCsms, since: FrameEntry, got: Received, interval: number, rule: string): void {
  const t = csms.timing;
  const gap = got.entry.t - since.t;
  if (gap < ms(t, interval) - tolerance(t)) {
    throw csms.failure(rule, `${got.action} no earlier than ${describeSpan(t, interval)} after #${since.seq} (tolerance ${tolerance(t)} ms)`,
      `it came after ${gap} ms (#${got.entry.seq})`);
  }
}

/**
 * `count` heartbeats, each within interval (+ tolerance) of the previous message the station
 * sent: a station may skip a Heartbeat while other messages keep the connection busy (1.6 §4.6,
 * 2.0.1 G02), so every CALL it sends restarts the clock.
 */
export async function expectHeartbeats(csms: ScriptedCsms, o: { interval: number; count: number; after: FrameEntry; rule: string }): Promise<Received[]> {
  const t = csms.timing;
  const out: Received[] = [];
  let since = o.after;
  const lastCallAfter = (from: FrameEntry): FrameEntry => {
    const calls = csms.journal.entries.filter((e) => e.seq > from.seq && isCall(e) && e.dir === 'in') as FrameEntry[];
    return calls[calls.length - 1] ?? from;
  };
  for (let i = 0; i < o.count; i++) {
    let hb: Received | undefined;
    for (let clock = lastCallAfter(since); !hb;) {
      try {
        hb = await csms.expectCall('Heartbeat', {}, { rule: o.rule, within: o.interval + t.intervalTolerance, after: since, since: clock });
      } catch (e) {
        const later = lastCallAfter(clock);
        if (later === clock) throw e;
        clock = later; // other traffic within the interval: the Heartbeat was legitimately skipped
      }
    }
    const previousHb = out[out.length - 1];
    if (previousHb) {
      const gap = hb.entry.t - previousHb.entry.t;
      if (gap < ms(t, o.interval) - tolerance(t)) {
        throw csms.failure(o.rule, `Heartbeat every ${describeSpan(t, o.interval)} (tolerance ${tolerance(t)} ms)`, `two heartbeats ${gap} ms apart (#${previousHb.entry.seq}, #${hb.entry.seq})`);
      }
    }
    out.push(hb);
    since = hb.entry;
  }
  return out;
}

/** The reply the harness gave to `call`; a harness error if it is missing. */
export function replyOf(csms: ScriptedCsms, call: Received): FrameEntry {
  const r = replyEntryFor(csms.journal, call);
  if (!r) throw new ConformanceError('harness', `the harness has no reply to #${call.entry.seq} in its journal`, 'harness');
  return r;
}
