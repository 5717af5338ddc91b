/**
 * The reference CSMS's legal variations (harness/sims/variant-spec.ts): the index of the
 * per-concern variant tables, and the personalities the self-test runs every CSMS case against.
 */
import type { Personality, VariantSpec } from '../variant-spec';

export const CSMS_VARIANTS: Record<string, VariantSpec> = {};

export const CSMS_PERSONALITIES: readonly Personality[] = [];
