/**
 * `ocpp-harness fleet`: N simulated stations against a CSMS, with live progress and a summary;
 * over K worker processes (`--processes`, default one per core), one shard of a fleet spread over
 * machines (`--shard i/n`, then `fleet merge`), or a capacity ramp (`--ramp-until-breach`).
 * `--json` writes the mergeable summary, `--html` the page with the plots over time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { ocppVersions, parseFlags } from './args';
import { formatProgress } from '../fleet/fleet';
import { fleetDriver } from '../fleet/processes';
import { type FleetSummary, checkSummary, formatSummary, mergeSummaries, parseMix } from '../fleet/summary';
import { type CapacityResult, formatCapacity, rampUntilBreach } from '../fleet/capacity';
import { fleetPage } from '../fleet/plot';
import { Histogram } from '../fleet/histogram';
import { UsageError } from '../model/errors';
import { registerSecret } from '../model/secrets';

function seconds(flag: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const m = /^(\d+(?:\.\d+)?)(s|m|min)?$/.exec(v);
  if (!m) throw new UsageError(`--${flag}: a duration like 90, 90s or 5m, got "${v}"`);
  return Number(m[1]) * (m[2] && m[2] !== 's' ? 60 : 1);
}

function positive(flag: string, v: string | undefined, dflt: number, { integer = false, zero = false, max = Infinity } = {}): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0 || (!zero && n === 0) || n > max) {
    throw new UsageError(`--${flag}: ${integer ? 'a whole number' : 'a number'}${zero ? ' ≥ 0' : ' > 0'}${max < Infinity ? ` up to ${max}` : ''}, got "${v}"`);
  }
  return n;
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function outputs(values: { json?: string; html?: string }, summary: FleetSummary, title: string, capacity?: CapacityResult): void {
  if (values.json) write(values.json, JSON.stringify(capacity ? { ...summary, capacity: { ...capacity, summary: undefined } } : summary, null, 2));
  if (values.html) write(values.html, fleetPage(title, summary, capacity));
  if (values.json) process.stdout.write(`summary: ${values.json}\n`);
  if (values.html) process.stdout.write(`plots: ${values.html}\n`);
}

/** `fleet merge A.json B.json ...`: one exact summary of shard (or process) summaries. */
function merge(argv: string[]): number {
  const { values, positionals } = parseFlags('fleet merge', argv, { json: { type: 'string' }, html: { type: 'string' } }, true);
  if (positionals.length < 1) throw new UsageError('fleet merge needs the JSON summaries of the shards: fleet merge a.json b.json [--json out.json] [--html out.html]');
  const list = positionals.map((file) => {
    let v: unknown;
    try { v = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new UsageError(`cannot read ${file}: ${(e as Error).message}`); }
    const bad = checkSummary(v);
    if (bad) throw new UsageError(`${file} is not a fleet summary (fleet --json): ${bad}`);
    return v as FleetSummary;
  });
  const merged = mergeSummaries(list);
  process.stdout.write(`${formatSummary(merged)}\n`);
  // The exact-merge invariant, stated: what was sent was answered or lost, in every shard and in the sum.
  process.stdout.write(`  merged ${list.length} summaries: sent ${merged.sent} = replies ${merged.replies} + lost ${merged.lost}${merged.sent === merged.replies + merged.lost ? '' : ' (NOT EQUAL: a shard ended before its replies)'}; latency samples ${Histogram.from(merged.histogram).count}\n`);
  outputs(values, merged, `Fleet: ${list.length} shards merged`);
  return merged.lost || merged.errors ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'merge') return merge(argv.slice(1));
  const { values } = parseFlags('fleet', argv, {
    url: { type: 'string' }, stations: { type: 'string' }, ramp: { type: 'string' }, duration: { type: 'string' }, ocpp: { type: 'string' },
    heartbeat: { type: 'string' }, 'tx-every': { type: 'string' }, 'tx-duration': { type: 'string' }, 'meter-every': { type: 'string' },
    mix: { type: 'string' }, 'offline-every': { type: 'string' }, 'offline-for': { type: 'string' }, jitter: { type: 'string' },
    token: { type: 'string', multiple: true }, 'id-prefix': { type: 'string' },
    password: { type: 'string' }, ca: { type: 'string' }, json: { type: 'string' }, html: { type: 'string' },
    processes: { type: 'string' }, shard: { type: 'string' },
    'ramp-until-breach': { type: 'boolean' }, step: { type: 'string' }, 'step-duration': { type: 'string' }, 'max-stations': { type: 'string' },
    'max-p99': { type: 'string' }, 'max-loss': { type: 'string' }, 'max-errors': { type: 'string' }, 'message-timeout': { type: 'string' },
  });
  if (!values.url || !/^wss?:\/\/./.test(values.url)) throw new UsageError('fleet needs --url ws://host:port/path (or wss://) of the CSMS');
  const capacity = !!values['ramp-until-breach'];
  const stations = capacity ? 0 : Number(values.stations ?? NaN);
  if (!capacity && (!Number.isInteger(stations) || stations < 1 || stations > 1_000_000)) throw new UsageError(`--stations: 1-1000000, got ${JSON.stringify(values.stations)}`);
  const ramp = values.ramp === undefined ? 100 : Number(values.ramp.replace(/\/s$/, ''));
  if (!(ramp > 0)) throw new UsageError(`--ramp: stations per second, e.g. 100 or 100/s, got "${values.ramp}"`);
  const [version] = ocppVersions('ocpp', values.ocpp ?? '2.0.1', false);
  const processes = positive('processes', values.processes, availableParallelism(), { integer: true, max: 64 });
  let shard = { index: 0, count: 1 };
  if (values.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard: i/n with 1 ≤ i ≤ n (this machine's part of a fleet spread over n), got "${values.shard}"`);
    shard = { index: Number(m[1]) - 1, count: Number(m[2]) };
  }
  let mix;
  if (values.mix !== undefined) {
    const parsed = parseMix(values.mix);
    if (typeof parsed === 'string') throw new UsageError(`--mix: ${parsed}`);
    mix = parsed;
  }
  let ca: string | undefined;
  if (values.ca) { try { ca = readFileSync(values.ca, 'utf8'); } catch (e) { throw new UsageError(`cannot read --ca ${values.ca}: ${(e as Error).message}`); } }
  registerSecret(values.password);
  // Station numbers interleave over the shards (and within a shard over its processes): ids never collide.
  const myStations = Math.floor((stations - shard.index + shard.count - 1) / shard.count);
  const tty = process.stdout.isTTY;
  let lastPrint = 0;
  const totals = { sent: 0, lost: 0, errors: 0, t: 0 };
  const driver = fleetDriver(processes, {
    url: values.url, version, stations: myStations, ramp, duration: 0, stride: shard.count, offset: shard.index,
    idWidth: String(Math.max(stations, positive('max-stations', values['max-stations'], 100_000, { integer: true }))).length,
    heartbeat: values.heartbeat === undefined ? undefined : seconds('heartbeat', values.heartbeat, 60), txEvery: seconds('tx-every', values['tx-every'], 120),
    txDuration: seconds('tx-duration', values['tx-duration'], 0), meterEvery: seconds('meter-every', values['meter-every'], 0),
    mix, offlineEvery: seconds('offline-every', values['offline-every'], 300), offlineFor: seconds('offline-for', values['offline-for'], 30),
    jitter: positive('jitter', values.jitter, 0.1, { zero: true, max: 1 }),
    tokens: values.token, idPrefix: values['id-prefix'], password: values.password, ca, messageTimeout: seconds('message-timeout', values['message-timeout'], 30),
    // Progress: merged over the processes, once a second.
    onSample: (s) => {
      totals.sent += s.sent; totals.lost += s.lost; totals.errors += s.errors;
      if (s.t <= lastPrint) return;
      lastPrint = s.t;
      const tl = driver.timeline();
      const cur = tl[tl.length - 2] ?? tl[tl.length - 1];
      if (!cur) return;
      const p95 = Histogram.from(cur.latency).percentile(95);
      const line = formatProgress({ elapsed: cur.t, started: cur.started, connected: cur.connected, booted: cur.booted, sent: totals.sent, replies: 0, lost: totals.lost, msgPerSec: cur.sent / Math.max(0.001, cur.seconds), p95, errors: totals.errors });
      process.stdout.write(`${tty ? '\r\x1b[2K' : ''}${line}${tty ? '' : '\n'}`);
    },
  });
  const where = `${processes > 1 ? `${processes} processes` : 'one process'}${shard.count > 1 ? `, shard ${shard.index + 1}/${shard.count}` : ''}`;
  if (capacity) {
    const limits = {
      maxP99: positive('max-p99', values['max-p99'], 200), maxLossRate: positive('max-loss', values['max-loss'], 0, { zero: true, max: 1 }),
      maxErrors: positive('max-errors', values['max-errors'], 0, { zero: true, integer: true }),
    };
    const step = positive('step', values.step, 100, { integer: true });
    process.stdout.write(`Capacity ramp against ${values.url} (${where}): +${step} stations every ${seconds('step-duration', values['step-duration'], 20)} s until a limit breaks\n`);
    const result = await rampUntilBreach(driver, {
      step, stepSeconds: seconds('step-duration', values['step-duration'], 20), maxStations: positive('max-stations', values['max-stations'], 100_000, { integer: true }), limits,
      onStep: (s) => process.stdout.write(`${tty ? '\r\x1b[2K' : ''}level ${s.stations}: ${s.msgPerSec.toFixed(0)} msg/s, p99 ${s.p99.toFixed(1)} ms, loss ${(s.lossRate * 100).toFixed(2)} %, errors ${s.errors}: ${s.breach ? `BREACH (${s.breach})` : 'ok'}\n`),
    });
    process.stdout.write(`${formatCapacity(result)}\n${formatSummary(result.summary)}\n`);
    outputs(values, result.summary, `Capacity of ${values.url}`, result);
    return result.lastGood ? 0 : 1;
  }
  await driver.start();
  driver.add(myStations);
  await new Promise((r) => setTimeout(r, seconds('duration', values.duration, 60) * 1000));
  const summary = await driver.stop();
  process.stdout.write(`${tty ? '\n' : ''}${formatSummary(summary)}\n`);
  if (summary.rssBytes) process.stdout.write(`  ${where}; RSS ${(summary.rssBytes / 1048576).toFixed(1)} MB in all, ${(summary.rssBytes / 1024 / Math.max(1, summary.stations)).toFixed(1)} KB per station\n`);
  outputs(values, summary, `Fleet of ${stations} stations against ${values.url}${shard.count > 1 ? ` (shard ${shard.index + 1}/${shard.count})` : ''}`);
  return summary.lost || summary.errors || summary.booted < myStations ? 1 : 0;
}
