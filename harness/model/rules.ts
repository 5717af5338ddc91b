/** A rule a check quotes: one requirement id for every version, or one per version. */
import { ConformanceError } from './errors';
import type { OcppVersion } from '../protocol/versions';

export type RuleSpec = string | Partial<Record<OcppVersion, string>>;

/** The requirement id for `version` of a rule given once or per version (both roles' version adapters). */
export function ruleFor(version: OcppVersion, r: RuleSpec): string {
  if (typeof r === 'string') return r;
  const v = r[version];
  if (!v) throw new ConformanceError('harness', `no requirement id for OCPP ${version} in ${JSON.stringify(r)}`, 'harness');
  return v;
}
