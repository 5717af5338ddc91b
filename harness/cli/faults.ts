/** `ocpp-harness faults`: the faults the embedded station and the reference CSMS can inject, and their legal variations. */
import { parseFlags } from './args';
import { CSMS_FAULTS } from '../sims/csms/faults';
import { STATION_FAULTS } from '../sims/station/faults';
import { CSMS_PERSONALITIES, CSMS_VARIANTS } from '../sims/csms/variants';
import { STATION_PERSONALITIES, STATION_VARIANTS } from '../sims/station/variants';
import type { Personality, VariantSpec } from '../sims/variant-spec';

function variants(out: string[], title: string, table: Record<string, VariantSpec>, personalities: readonly Personality[]): void {
  out.push(`${title} legal variations (config sut.variants / csms.variants; conformant but different, every case must pass them):`);
  if (!Object.keys(table).length) out.push('  (none yet)');
  for (const [name, spec] of Object.entries(table)) {
    out.push(`  ${name.padEnd(34)} [${spec.versions.join(', ')}] ${spec.description}`);
    out.push(`  ${''.padEnd(34)} allowed by: ${spec.allowedBy}`);
  }
  for (const p of personalities) out.push(`  personality ${p.name}: ${p.variants.join(', ')}`);
}

export async function main(argv: string[]): Promise<number> {
  parseFlags('faults', argv, {});
  const out: string[] = [];
  out.push('Simulated station (--role station):');
  for (const [name, spec] of Object.entries(STATION_FAULTS)) out.push(`  ${name.padEnd(34)} ${spec.description}`);
  out.push('Reference CSMS (--role csms):');
  for (const [name, spec] of Object.entries(CSMS_FAULTS)) out.push(`  ${name.padEnd(34)} ${spec.description}`);
  variants(out, 'Simulated station', STATION_VARIANTS, STATION_PERSONALITIES);
  variants(out, 'Reference CSMS', CSMS_VARIANTS, CSMS_PERSONALITIES);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
