/**
 * How soon the harness's stations (and fleet stations) may connect again after a connection
 * ended or an attempt failed: 2.0.1 Part 4's reconnection back-off (OCPPCommCtrlr
 * RetryBackOffWaitMinimum, doubled after each failed attempt up to RetryBackOffRepeatTimes
 * times, plus a random 0..RetryBackOffRandomRange), and for 1.6, which leaves the schedule to
 * the station, the same realistic values. In spec seconds: scaled by the run's timing in
 * embedded runs, unscaled against a real CSMS. Never ~100 ms after a close, as a CSMS may rightly
 * take such a storm of reconnections for a misbehaving station.
 */
export const RECONNECT_BACKOFF = { waitMinimum: 3, randomRange: 2, repeatTimes: 3 } as const;

/** The wait before the next attempt, in spec seconds, after `failures` failed attempts in a row. */
export function backoffSeconds(failures: number, b: { waitMinimum: number; randomRange: number; repeatTimes: number } = RECONNECT_BACKOFF, random = Math.random): number {
  return b.waitMinimum * 2 ** Math.min(Math.max(0, failures), b.repeatTimes) + random() * b.randomRange;
}

interface Record { endedAt: number; failures: number; waitMs: number }

/** Per identity (URL with the station id): when its last connection ended and how many attempts failed since the last success. */
const identities = new Map<string, Record>();

/**
 * Waits until the identity may connect again; resolves with the real ms waited. The first
 * connection of an identity in this process waits nothing.
 */
export async function awaitReconnectSlot(identity: string): Promise<number> {
  const r = identities.get(identity);
  if (!r) return 0;
  const wait = r.endedAt + r.waitMs - Date.now();
  if (wait <= 0) return 0;
  await new Promise((resolve) => setTimeout(resolve, wait));
  return wait;
}

/** A connection of the identity ended (`failed`: the attempt never opened). The next attempt waits the back-off from now. */
export function connectionEnded(identity: string, failed: boolean, msPerSpecSecond: number): void {
  const failures = failed ? (identities.get(identity)?.failures ?? 0) + 1 : 0;
  identities.set(identity, { endedAt: Date.now(), failures, waitMs: Math.round(backoffSeconds(Math.max(0, failures - 1)) * msPerSpecSecond) });
}

/** A connection of the identity opened: the next back-off starts again from the minimum. */
export function connectionOpened(identity: string): void {
  const r = identities.get(identity);
  if (r) r.failures = 0;
}
