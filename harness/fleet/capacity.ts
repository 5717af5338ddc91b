/**
 * The capacity ramp (`fleet --ramp-until-breach`): the fleet grows by `step` stations, holds each
 * level for `stepSeconds`, and the level is judged on its own window of the timeline (latency
 * percentiles of the replies in it, loss rate, errors) against the limits the user sets. The
 * first level that breaks a limit ends the run; the level before it is the capacity.
 */
import { Histogram } from './histogram';
import type { FleetDriver } from './processes';
import type { FleetSample, FleetSummary } from './summary';

export interface CapacityLimits {
  /** Reply latency p99 in ms. */
  maxP99: number;
  /** Lost messages / sent messages in the window. */
  maxLossRate: number;
  /** Errors of any kind in the window (CALLERRORs, refused connections, invalid frames). */
  maxErrors: number;
}

export interface CapacityStep {
  stations: number;
  from: number;
  to: number;
  connected: number;
  msgPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  sent: number;
  lost: number;
  lossRate: number;
  errors: number;
  /** Why the level broke a limit (undefined: it held). */
  breach?: string;
}

export interface CapacityResult { limits: CapacityLimits; step: number; stepSeconds: number; steps: CapacityStep[]; lastGood?: CapacityStep; breached?: CapacityStep; summary: FleetSummary }

/** The figures of a window of the timeline (samples with from < t ≤ to). */
export function windowOf(timeline: FleetSample[], from: number, to: number, stations: number, limits: CapacityLimits): CapacityStep {
  const h = new Histogram();
  let sent = 0; let lost = 0; let errors = 0; let seconds = 0; let connected = 0;
  for (const s of timeline) {
    if (s.t <= from || s.t > to) continue;
    h.merge(s.latency);
    sent += s.sent; lost += s.lost; errors += s.errors; seconds += s.seconds;
    connected = s.connected;
  }
  const step: CapacityStep = {
    stations, from, to, connected, msgPerSec: sent / Math.max(0.001, seconds), p50: h.percentile(50), p95: h.percentile(95), p99: h.percentile(99),
    sent, lost, lossRate: sent ? lost / sent : 0, errors,
  };
  const reasons: string[] = [];
  if (step.p99 > limits.maxP99) reasons.push(`p99 ${step.p99.toFixed(1)} ms > ${limits.maxP99} ms`);
  if (step.lossRate > limits.maxLossRate) reasons.push(`loss ${(step.lossRate * 100).toFixed(2)} % > ${(limits.maxLossRate * 100).toFixed(2)} %`);
  if (step.errors > limits.maxErrors) reasons.push(`${step.errors} errors > ${limits.maxErrors}`);
  if (!sent) reasons.push('no message got through');
  if (reasons.length) step.breach = reasons.join(', ');
  return step;
}

export async function rampUntilBreach(driver: FleetDriver, o: { step: number; stepSeconds: number; maxStations: number; limits: CapacityLimits; onStep?: (s: CapacityStep) => void }): Promise<CapacityResult> {
  const steps: CapacityStep[] = [];
  await driver.start();
  const t0 = Date.now();
  let stations = 0;
  let breached: CapacityStep | undefined;
  while (stations < o.maxStations) {
    const add = Math.min(o.step, o.maxStations - stations);
    stations += add;
    const from = Math.round((Date.now() - t0) / 1000);
    driver.add(add);
    await new Promise((r) => setTimeout(r, o.stepSeconds * 1000));
    // One more second so the last sample of the window has arrived from every process.
    await new Promise((r) => setTimeout(r, 1100));
    const to = from + o.stepSeconds;
    const step = windowOf(driver.timeline(), from, to, stations, o.limits);
    steps.push(step);
    o.onStep?.(step);
    if (step.breach) { breached = step; break; }
  }
  const summary = await driver.stop();
  const good = steps.filter((s) => !s.breach);
  return { limits: o.limits, step: o.step, stepSeconds: o.stepSeconds, steps, lastGood: good[good.length - 1], breached, summary };
}

export function formatCapacity(r: CapacityResult): string {
  const rows = r.steps.map((s) => `  ${String(s.stations).padStart(7)}  ${String(s.connected).padStart(9)}  ${s.msgPerSec.toFixed(0).padStart(7)}  ${s.p50.toFixed(1).padStart(7)}  ${s.p95.toFixed(1).padStart(7)}  ${s.p99.toFixed(1).padStart(7)}  ${(s.lossRate * 100).toFixed(2).padStart(6)} %  ${String(s.errors).padStart(6)}  ${s.breach ? `BREACH: ${s.breach}` : 'ok'}`);
  const l = r.limits;
  return [
    `Capacity ramp: +${r.step} stations every ${r.stepSeconds} s; limits p99 ≤ ${l.maxP99} ms, loss ≤ ${(l.maxLossRate * 100).toFixed(2)} %, errors ≤ ${l.maxErrors} per level`,
    '  stations  connected    msg/s   p50 ms   p95 ms   p99 ms     loss  errors  verdict',
    ...rows,
    r.lastGood ? `Last good level: ${r.lastGood.stations} stations (${r.lastGood.msgPerSec.toFixed(0)} msg/s, p99 ${r.lastGood.p99.toFixed(1)} ms)` : 'No level held the limits (the first one broke them).',
    r.breached ? `Breached at ${r.breached.stations} stations: ${r.breached.breach}` : `No breach up to ${r.steps.at(-1)?.stations ?? 0} stations (the --max-stations bound).`,
  ].join('\n');
}
