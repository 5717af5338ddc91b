/**
 * Exact rule credit starts in the catalogues: every fault of the simulated station and of the
 * reference CSMS cites requirement registry ids of its version that bind the side it breaks
 * (a station fault a station rule, a CSMS fault a CSMS rule; "both" fits either), one id per
 * entry — never an OCTT case id, never free text, never the other side's rule.
 */
import { expect, test } from '@playwright/test';
import { ruleProblem } from '../../harness/model/rules';
import { OCPP_VERSIONS } from '../../harness/protocol/versions';
import { STATION_FAULTS } from '../../harness/sims/station/faults';
import { CSMS_FAULTS } from '../../harness/sims/csms/faults';
import type { FaultSpec } from '../../harness/sims/fault-spec';

const catalogues: [string, 'station' | 'csms', Record<string, FaultSpec>][] = [
  ['station', 'station', STATION_FAULTS as Record<string, FaultSpec>],
  ['reference CSMS', 'csms', CSMS_FAULTS as Record<string, FaultSpec>],
];

for (const [label, side, catalogue] of catalogues) {
  test(`every ${label} fault cites registry ids of its version and side`, () => {
    const problems: string[] = [];
    for (const [name, spec] of Object.entries(catalogue)) {
      const versions = OCPP_VERSIONS.filter((v) => spec.rules[v]);
      if (!versions.length) problems.push(`${name}: no version`);
      for (const v of versions) {
        if (!spec.rules[v]!.length) problems.push(`${name} (${v}): no rule`);
        for (const id of spec.rules[v]!) {
          if (/[\s,]/.test(id)) problems.push(`${name} (${v}): "${id}" is not one registry id`);
          const p = ruleProblem(v, id, side);
          if (p) problems.push(`${name} (${v}): ${p}`);
        }
      }
      if (Array.isArray(spec.should)) for (const v of spec.should as readonly (typeof OCPP_VERSIONS)[number][]) if (!spec.rules[v]) problems.push(`${name}: SHOULD in ${v}, where it does not exist`);
    }
    expect(problems).toEqual([]);
  });
}
