/**
 * How a concern of the simulated station declares the faults that break it. Each concern has a
 * policy: the knobs of its behaviour, correct by default. A fault is its catalogue entry
 * (FaultSpec: description, the rules a catching case quotes, `should`) plus `breaks`, the knobs
 * it sets. The concern reads only its policy, never a fault name.
 */
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';

interface FaultEntry<P> extends FaultSpec {
  /** The policy knobs this fault sets. */
  breaks: Partial<P>;
}

export type FaultTable<P> = Record<string, FaultEntry<P>>;

export const both = (r16: string[], r201: string[]): FaultSpec['rules'] => ({ '1.6': r16, '2.0.1': r201 });

/**
 * The policy of a concern given the station's active faults and legal variants (`active` holds
 * both names; fault and variant names never collide, tests/unit/variants.spec.ts): the correct
 * knobs, then each active variant's `sets` in table order, then each active fault's `breaks` in
 * table order, so a fault still breaks a station that runs a variant. A list knob grows (each
 * entry adds to it); any other knob takes the last active entry's value, so a table lists the
 * entry that must win last.
 */
export function policyOf<P extends object>(correct: P, table: FaultTable<P>, active: ReadonlySet<string>, variants: VariantTable<P> = {}): Readonly<P> {
  const policy: P = { ...correct };
  const apply = (knobs: Partial<P>): void => {
    for (const [knob, value] of Object.entries(knobs) as [keyof P, P[keyof P]][]) {
      const was = policy[knob];
      policy[knob] = (Array.isArray(was) ? [...was, ...(value as unknown[])] : value) as P[keyof P];
    }
  };
  for (const [name, variant] of Object.entries(variants)) if (active.has(name)) apply(variant.sets);
  for (const [name, fault] of Object.entries(table)) if (active.has(name)) apply(fault.breaks);
  return Object.freeze(policy);
}

type NamesOf<T> = T extends unknown ? Extract<keyof T, string> : never;

/** One catalogue of the concerns' tables, without the knobs; a name declared twice is a harness error. */
export function catalogueOf<T extends readonly Record<string, FaultSpec>[]>(...tables: T): Record<NamesOf<T[number]>, FaultSpec> {
  const catalogue: Record<string, FaultSpec> = {};
  for (const table of tables) {
    for (const [name, { description, rules, should }] of Object.entries(table)) {
      if (Object.hasOwn(catalogue, name)) throw new Error(`station fault ${name} is declared twice`);
      catalogue[name] = { description, rules, ...(should ? { should } : {}) };
    }
  }
  return catalogue as Record<NamesOf<T[number]>, FaultSpec>;
}
