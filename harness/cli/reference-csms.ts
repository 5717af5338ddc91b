/** `ocpp-harness reference-csms`: serve the built-in reference CSMS until interrupted. */
import { parseFlags } from './args';
import { EMBEDDED_FACTS } from '../config/run-config';
import { UsageError } from '../model/errors';
import { SPEC_TIMING } from '../model/timing';
import { isCsmsFault } from '../sims/csms/faults';
import { isCsmsVariant } from '../sims/csms/variants';
import { ReferenceCsms } from '../sims/csms/reference-csms';
import { referenceData } from '../sims/csms/reference-data';

export async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags('reference-csms', argv, { port: { type: 'string' }, host: { type: 'string' }, fault: { type: 'string', multiple: true }, variant: { type: 'string', multiple: true }, 'accept-prefix': { type: 'string' }, 'ui-password': { type: 'string' } });
  const port = values.port === undefined ? 9100 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: 0-65535, got "${values.port}"`);
  const unknown = (values.fault ?? []).filter((f) => !isCsmsFault(f));
  if (unknown.length) throw new UsageError(`--fault: unknown reference CSMS fault(s) ${unknown.join(', ')} (list: ocpp-harness faults)`);
  const unknownVariants = (values.variant ?? []).filter((v) => !isCsmsVariant(v));
  if (unknownVariants.length) throw new UsageError(`--variant: unknown reference CSMS variant(s) ${unknownVariants.join(', ')} (harness/sims/csms/variants.ts)`);
  const uiPassword = values['ui-password'] ?? process.env.OCPP_HARNESS_UI_PASSWORD;
  const data = await referenceData(EMBEDDED_FACTS, SPEC_TIMING, { acceptPrefix: values['accept-prefix'], uiPassword });
  const csms = await new ReferenceCsms(data, values.fault ?? [], { host: values.host, port, variants: values.variant ?? [] }).start();
  process.stdout.write(`Reference CSMS: OCPP ${csms.url}/<stationId> (1.6 and 2.0.1), operator UI ${csms.httpUrl}/, actions POST ${csms.httpUrl}/api/actions\n`);
  process.stdout.write(`Knows station ${EMBEDDED_FACTS.stationId}${values['accept-prefix'] ? ` and every id starting with ${values['accept-prefix']}` : ''}; tokens ${JSON.stringify(EMBEDDED_FACTS.tokens)}\n`);
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  await csms.stop();
  return 0;
}
