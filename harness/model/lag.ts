/**
 * Deadlines a busy machine cannot decide.
 *
 * A deadline is the SUT's window: how long it may take to answer or act. When this process did
 * not get the CPU (other processes on a shared CI machine, a long garbage collection, a rig
 * program being spawned), the frames the SUT sent in time sat unread, or an embedded SUT in this
 * process could not run at all: the time the process was held up is not the SUT's. A ticker
 * measures it (how late each tick fires beyond its period, the way Node's own event-loop delay
 * monitor does), and a deadline that expires re-arms itself for the time stolen during its
 * window, up to a cap, then expires for good. A wrong SUT still fails (a message that never comes
 * never comes); a correct one answering inside its window on a quiet machine is not failed
 * because the machine was loaded. The deadline's text keeps the window the rule gives.
 */
const TICK_MS = 20;
/** Lateness under this per tick is ordinary timer jitter, not stolen time. */
const JITTER_MS = 4;

let stolen = 0;
let last = 0;
let ticker: NodeJS.Timeout | undefined;

function ensureTicker(): void {
  if (ticker) return;
  last = performance.now();
  ticker = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late > JITTER_MS) stolen += late;
    last = now;
  }, TICK_MS);
  ticker.unref();
}

/** Milliseconds this process has been held up since it started watching (monotonic). */
export function stolenMs(): number {
  ensureTicker();
  // A tick that is overdue right now counts too (the loop is running this call, so it is late by that much).
  const overdue = performance.now() - last - TICK_MS;
  return stolen + (overdue > JITTER_MS ? overdue : 0);
}

/** The most a window is extended by default: the window again plus 10 s (never unbounded, so nothing hangs). */
const defaultMaxExtra = (windowMs: number): number => windowMs + 10_000;

/**
 * The end (Date.now() time) of a window of `windowMs` that starts now, pushed back by the time
 * stolen from this process since, at most `maxExtraMs`: a function, as the end moves. For loops that
 * poll rather than wait on a timer (hardware readings); `deadline()` is the timer form.
 */
export function windowEnd(windowMs: number, maxExtraMs = defaultMaxExtra(windowMs)): () => number {
  const t0 = Date.now();
  const start = stolenMs();
  return () => t0 + windowMs + Math.min(stolenMs() - start, maxExtraMs);
}

export interface Deadline { clear(): void; /** Milliseconds the deadline was extended for stolen time. */ readonly extendedMs: number }

/**
 * Calls `onExpire` once `windowMs` of time this process could use have passed: like setTimeout,
 * extended by the time stolen from the process during the window, at most `maxExtraMs` in all
 * (default: the window itself plus 10 s; never unbounded, so nothing hangs).
 */
export function deadline(onExpire: () => void, windowMs: number, maxExtraMs = defaultMaxExtra(windowMs)): Deadline {
  const start = stolenMs();
  let credited = 0;
  let timer: NodeJS.Timeout;
  const state = {
    extendedMs: 0,
    clear(): void { clearTimeout(timer); },
  };
  const check = (): void => {
    const lag = Math.min(stolenMs() - start, maxExtraMs);
    if (lag - credited > 1) {
      timer = setTimeout(check, lag - credited);
      credited = lag;
      state.extendedMs = credited;
      return;
    }
    onExpire();
  };
  timer = setTimeout(check, Math.max(0, windowMs));
  return state;
}
