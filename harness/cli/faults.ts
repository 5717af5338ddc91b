/** `ocpp-harness faults`: the faults the embedded station and the reference CSMS can inject. */
import { parseArgs } from 'node:util';
import { CSMS_FAULTS } from '../sims/csms/faults';
import { STATION_FAULTS } from '../sims/station/faults';

export async function main(argv: string[]): Promise<number> {
  parseArgs({ args: argv, strict: true, allowPositionals: false, options: {} });
  process.stdout.write('Simulated station (--role station):\n');
  for (const [name, spec] of Object.entries(STATION_FAULTS)) process.stdout.write(`  ${name.padEnd(34)} ${spec.description}\n`);
  process.stdout.write('Reference CSMS (--role csms):\n');
  for (const [name, spec] of Object.entries(CSMS_FAULTS)) process.stdout.write(`  ${name.padEnd(34)} ${spec.description}\n`);
  return 0;
}
