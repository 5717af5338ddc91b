/**
 * How a concern of the simulated station declares the faults that break it. Each concern has a
 * policy: the knobs of its behaviour, correct by default. A fault is its catalogue entry
 * (FaultSpec: description, the rules a catching case quotes, `should`) plus `breaks`, the knobs
 * it sets. The concern reads only its policy, never a fault name.
 */
import type { FaultSpec } from '../fault-spec';

interface FaultEntry<P> extends FaultSpec {
  /** The policy knobs this fault sets. */
  breaks: Partial<P>;
}

export type FaultTable<P> = Record<string, FaultEntry<P>>;

export const both = (r16: string[], r201: string[]): FaultSpec['rules'] => ({ '1.6': r16, '2.0.1': r201 });

/**
 * The policy of a concern given the station's active faults: the correct knobs, then each
 * active fault's `breaks` in table order. A list knob grows (each fault adds to it); any other
 * knob takes the last active fault's value, so a table lists the fault that must win last.
 */
export function policyOf<P extends object>(correct: P, table: FaultTable<P>, active: ReadonlySet<string>): Readonly<P> {
  const policy: P = { ...correct };
  for (const [name, fault] of Object.entries(table)) {
    if (!active.has(name)) continue;
    for (const [knob, value] of Object.entries(fault.breaks) as [keyof P, P[keyof P]][]) {
      const was = policy[knob];
      policy[knob] = (Array.isArray(was) ? [...was, ...(value as unknown[])] : value) as P[keyof P];
    }
  }
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
