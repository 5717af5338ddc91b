/** A named fault of a simulated SUT: what it breaks, and the requirement ids a catching case must quote. */
import type { OcppVersion } from '../protocol/versions';

export interface FaultSpec {
  description: string;
  /** Requirement ids a catching case quotes, per version (a version absent = fault not applicable). */
  rules: Partial<Record<OcppVersion, string[]>>;
  /** The fault breaks a SHOULD: cases report it as a soft finding, so it is caught under --strict only. */
  should?: true;
}
