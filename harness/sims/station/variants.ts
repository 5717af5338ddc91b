/**
 * The simulated station's legal variations (harness/sims/variant-spec.ts): the index of the
 * per-concern variant tables, and the personalities the self-test runs every case against.
 */
import type { Personality, VariantSpec } from '../variant-spec';

export const STATION_VARIANTS: Record<string, VariantSpec> = {};

export const STATION_PERSONALITIES: readonly Personality[] = [];
