/** `ocpp-harness fleet`: N simulated stations against a CSMS, with live progress and a summary. */
import { readFileSync, writeFileSync } from 'node:fs';
import { ocppVersions, parseFlags } from './args';
import { Fleet, formatProgress, formatSummary } from '../fleet/fleet';
import { UsageError } from '../model/errors';
import { registerSecret } from '../model/secrets';

function seconds(flag: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const m = /^(\d+(?:\.\d+)?)(s|m|min)?$/.exec(v);
  if (!m) throw new UsageError(`--${flag}: a duration like 90, 90s or 5m, got "${v}"`);
  return Number(m[1]) * (m[2] && m[2] !== 's' ? 60 : 1);
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags('fleet', argv, {
      url: { type: 'string' }, stations: { type: 'string' }, ramp: { type: 'string' }, duration: { type: 'string' }, ocpp: { type: 'string' },
      heartbeat: { type: 'string' }, 'tx-every': { type: 'string' }, token: { type: 'string', multiple: true }, 'id-prefix': { type: 'string' },
      password: { type: 'string' }, ca: { type: 'string' }, json: { type: 'string' },
  });
  if (!values.url || !/^wss?:\/\/./.test(values.url)) throw new UsageError('fleet needs --url ws://host:port/path (or wss://) of the CSMS');
  const stations = Number(values.stations ?? NaN);
  if (!Number.isInteger(stations) || stations < 1 || stations > 50_000) throw new UsageError(`--stations: 1-50000, got ${JSON.stringify(values.stations)}`);
  const ramp = values.ramp === undefined ? 100 : Number(values.ramp.replace(/\/s$/, ''));
  if (!(ramp > 0)) throw new UsageError(`--ramp: stations per second, e.g. 100 or 100/s, got "${values.ramp}"`);
  const [version] = ocppVersions('ocpp', values.ocpp ?? '2.0.1', false);
  let ca: string | undefined;
  if (values.ca) { try { ca = readFileSync(values.ca, 'utf8'); } catch (e) { throw new UsageError(`cannot read --ca ${values.ca}: ${(e as Error).message}`); } }
  registerSecret(values.password);
  const f = new Fleet({
    url: values.url, version, stations, ramp, duration: seconds('duration', values.duration, 60),
    heartbeat: values.heartbeat === undefined ? undefined : seconds('heartbeat', values.heartbeat, 60), txEvery: seconds('tx-every', values['tx-every'], 120),
    tokens: values.token, idPrefix: values['id-prefix'], password: values.password, ca,
    onProgress: (p) => process.stdout.write(`${process.stdout.isTTY ? '\r\x1b[2K' : ''}${formatProgress(p)}${process.stdout.isTTY ? '' : '\n'}`),
  });
  const summary = await f.run();
  process.stdout.write(`${process.stdout.isTTY ? '\n' : ''}${formatSummary(summary)}\n`);
  if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2));
  return summary.lost || summary.errors || summary.booted < stations ? 1 : 0;
}
