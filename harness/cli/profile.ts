/**
 * `ocpp-harness profile --discover`: the harness CSMS listens, the station connects and boots,
 * the harness asks it what it implements (harness/judge/as-csms/discovery.ts) and writes its
 * device profile for the user to review. `--embedded` discovers the built-in simulated station
 * (with `--variant` its legal variations): a demonstration, and the self-test of discovery.
 */
import { ocppVersions, parseFlags } from './args';
import { CsmsEndpoint } from '../judge/as-csms/scripted-csms';
import { discoverProfile } from '../judge/as-csms/discovery';
import { UsageError } from '../model/errors';
import { profileSummary } from '../model/profile';
import { EMBEDDED_TIMING, SPEC_TIMING } from '../model/timing';
import { writeProfile } from '../config/profile';

export async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags('profile', argv, {
    discover: { type: 'boolean' }, out: { type: 'string' }, ocpp: { type: 'string' }, 'station-id': { type: 'string' },
    host: { type: 'string' }, port: { type: 'string' }, wait: { type: 'string' }, embedded: { type: 'boolean' },
    variant: { type: 'string', multiple: true }, connectors: { type: 'string' },
  });
  if (!values.discover) throw new UsageError('profile: give --discover (write a profile by hand from schemas/device-profile.schema.json, or let the harness discover it)');
  const [version] = ocppVersions('ocpp', values.ocpp ?? '2.0.1', false);
  if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError(`--port must be a number, got "${values.port}"`);
  if (values.wait !== undefined && !/^\d+$/.test(values.wait)) throw new UsageError(`--wait: seconds, got "${values.wait}"`);
  if (values.variant && !values.embedded) throw new UsageError('--variant is for --embedded');
  const embedded = !!values.embedded;
  const stationId = values['station-id'] ?? 'CS001';
  const timing = embedded ? EMBEDDED_TIMING : SPEC_TIMING;
  const out = values.out ?? 'device-profile.json';
  const endpoint = await new CsmsEndpoint({ versions: [version], host: values.host ?? '127.0.0.1', port: values.port !== undefined ? Number(values.port) : embedded ? 0 : 9000, timing }).start();
  let stop = (): void => undefined;
  try {
    if (embedded) {
      const { SimulatedStation } = await import('../sims/station/simulated-station');
      const evses = (values.connectors ?? '1,1').split(',').map(Number);
      const station = new SimulatedStation({ version, url: endpoint.server.urlFor(stationId), stationId, evses, variants: values.variant ?? [], timeScale: timing.scale });
      station.powerOn();
      stop = () => station.shutdown();
    } else {
      process.stdout.write(`OCPP ${version}: point the station at ${endpoint.server.baseUrl}/ (station id ${stationId}); waiting for it to connect and boot\n`);
    }
    const deadline = Date.now() + Number(values.wait ?? 120) * 1000;
    while (endpoint.sessions.get(stationId)?.registration !== 'Accepted') {
      if (Date.now() > deadline) throw new UsageError(`profile: station "${stationId}" did not connect and boot within ${values.wait ?? 120} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const view = endpoint.newView({ version, stationId, timing });
    const profile = await discoverProfile(view);
    endpoint.releaseView(view);
    writeProfile(out, profile);
    process.stdout.write(`Discovered device profile of "${stationId}" (OCPP ${version}), written to ${out}: review it, then run with --profile ${out}\n`);
    for (const [k, v] of Object.entries(profileSummary(profile))) process.stdout.write(`  ${k}: ${v}\n`);
    return 0;
  } finally {
    stop();
    await endpoint.stop();
  }
}
