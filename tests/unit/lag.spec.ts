/**
 * Deadlines a busy machine cannot decide (harness/model/lag.ts): time this process was held up
 * during a window is given back to the SUT, up to a cap; a quiet window expires on time.
 */
import { test, expect } from '@playwright/test';
import { deadline, stolenMs } from '../../harness/model/lag';

const block = (ms: number): void => { const end = Date.now() + ms; while (Date.now() < end) { /* held up */ } };
const fired = (windowMs: number, maxExtraMs?: number, during?: () => void): Promise<{ after: number; extendedMs: number }> => new Promise((resolve) => {
  const t0 = Date.now();
  const d = deadline(() => resolve({ after: Date.now() - t0, extendedMs: d.extendedMs }), windowMs, maxExtraMs);
  if (during) setTimeout(during, 10);
});

test('a window never expires early, and is extended only by time the process lost', async () => {
  stolenMs();
  const r = await fired(150);
  expect(r.after).toBeGreaterThanOrEqual(149);
  // Whatever this machine's load, the extension is time that passed beyond the window (no figure asserted: CI machines are shared).
  expect(r.extendedMs).toBeLessThanOrEqual(r.after - 150 + 5);
});

test('time the process was held up inside the window is given back', async () => {
  const r = await fired(100, undefined, () => block(400));
  // The window was 100 ms; 400 ms of it the process could not run: the deadline re-arms for them.
  expect(r.extendedMs).toBeGreaterThanOrEqual(300);
  expect(r.after).toBeGreaterThanOrEqual(400);
});

test('a frame that arrived while the process was held up is read before the deadline expires', async () => {
  // Node runs due timers before pending I/O after a stall: without the lag credit the deadline would fire first.
  let answered = false;
  const outcome = await new Promise<string>((resolve) => {
    const d = deadline(() => resolve(answered ? 'answered' : 'timeout'), 50);
    setTimeout(() => { block(200); setImmediate(() => { answered = true; d.clear(); resolve('answered'); }); }, 5);
  });
  expect(outcome).toBe('answered');
});

test('the extension is capped: a deadline always expires', async () => {
  const r = await fired(50, 100, () => block(600));
  expect(r.extendedMs).toBeLessThanOrEqual(100);
});

test('cleared, it never fires', async () => {
  let hit = false;
  const d = deadline(() => { hit = true; }, 20);
  d.clear();
  await new Promise((r) => setTimeout(r, 80));
  expect(hit).toBe(false);
});
