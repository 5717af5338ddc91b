/**
 * A legal variation of a simulated SUT: behaviour that is *conformant but different* from the
 * default, modelled on something real devices do, with the text that allows it. The dual of a
 * fault: every case must pass against every variation (a failure is a false fail of the case).
 *
 * Variations are grouped into personalities: bundles of compatible variations that together
 * look like one real device ("slow but correct", "minimal", "chatty", ...). The self-test runs
 * every case against every personality of its role and version, so each case meets every
 * variation that applies to its version; the reporter prints the variation score.
 */
import type { OcppVersion } from '../protocol/versions';

export interface VariantSpec {
  description: string;
  /** The text that allows the behaviour: requirement id(s) or section, and what it says, in our words. */
  allowedBy: string;
  /** The versions the variation exists in. */
  versions: readonly OcppVersion[];
}

/** A concern's variations: the catalogue entry plus the policy knobs it sets (like a fault's `breaks`). */
export type VariantTable<P> = Record<string, VariantSpec & { sets: Partial<P> }>;

/** A bundle of compatible variations that one simulated SUT runs with at once. */
export interface Personality {
  name: string;
  /** What kind of real device this looks like. */
  description: string;
  variants: readonly string[];
}
