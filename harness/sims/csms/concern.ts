/**
 * What every concern file of the reference CSMS shares. A concern declares its faults twice,
 * side by side: the catalogue entries (`FaultSpec`, merged by faults.ts into CSMS_FAULTS) and
 * what each fault turns in the concern's policy, the named knobs its behaviour reads. The
 * clean knob values are the correct CSMS; no behaviour asks for a fault by name.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import type { StationRecord } from './store';

export const both = (r16: string[], r201: string[]): FaultSpec['rules'] => ({ '1.6': r16, '2.0.1': r201 });

/** The knobs each of a concern's faults turns (every fault of its table, and only those). */
export type Breaks<Policy, Fault extends string> = Record<Fault, Partial<Policy>>;

/**
 * A concern's policy for a run: the clean knobs, then those of the active legal variations
 * (`variants`, the concern's VariantTable), then those of the active faults. A knob belongs to
 * one fault (and to one variation), so faults combine as independent switches, in any order; a
 * fault that turns a knob a variation also sets wins (the run is then judged for the fault).
 */
export function policyFor<P extends object>(clean: P, breaks: Record<string, Partial<P>>, active: ReadonlySet<string>, variants: VariantTable<P> = {}): Readonly<P> {
  const owner = new Map<string, string>();
  const policy = { ...clean };
  const setBy = new Map<string, string>();
  for (const [variant, spec] of Object.entries(variants)) {
    for (const knob of Object.keys(spec.sets)) {
      if (setBy.has(knob)) throw new Error(`variants ${setBy.get(knob)} and ${variant} both set the knob ${knob}`);
      setBy.set(knob, variant);
    }
    if (active.has(variant)) Object.assign(policy, spec.sets);
  }
  for (const [fault, knobs] of Object.entries(breaks)) {
    for (const knob of Object.keys(knobs)) {
      if (owner.has(knob)) throw new Error(`faults ${owner.get(knob)} and ${fault} both turn the knob ${knob}`);
      owner.set(knob, fault);
    }
    if (active.has(fault)) Object.assign(policy, knobs);
  }
  return policy;
}

/** An OCPP request handler of one concern: the reply to a station's CALL. */
export type Handler = (rec: StationRecord, payload: CallFrame['payload'], version: OcppVersion) => Reply | Promise<Reply>;
export type Handlers = Record<string, Handler>;
