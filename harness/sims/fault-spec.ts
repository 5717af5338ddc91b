/** A named fault of a simulated SUT: what it breaks, and the requirement ids a catching case must quote. */
import type { OcppVersion } from '../protocol/versions';

export interface FaultSpec {
  description: string;
  /** Requirement ids a catching case quotes, per version (a version absent = fault not applicable). */
  rules: Partial<Record<OcppVersion, string[]>>;
  /**
   * The fault breaks a SHOULD (or what the text leaves to the implementer) in every version
   * (`true`) or in the versions listed: cases report it as a soft finding there, so it is caught
   * under --strict only.
   */
  should?: true | readonly OcppVersion[];
  /**
   * The fault shows only while a fleet loads the SUT (`run --under-load`): no case of the
   * self-test matrix can catch it; an end-to-end test under load proves it instead.
   */
  underLoadOnly?: true;
}

/** Whether a fault is a SHOULD-level fault (caught under --strict only) in a version. */
export function isShould(spec: FaultSpec, version: OcppVersion): boolean {
  return spec.should === true || (Array.isArray(spec.should) && spec.should.includes(version));
}
