/**
 * How the reference CSMS copes with many stations at once. Correct: it answers every CALL
 * whatever the number of connected stations. Its fault shows only under load (a fleet
 * connected next to the case's station: `ocpp-harness run --under-load N`), so the normal
 * self-test matrix cannot catch it: it is proven by the conformance-under-load end-to-end test
 * (tests/e2e/under-load.spec.ts), and `underLoadOnly` keeps it out of the matrix.
 */
import type { FaultSpec } from '../fault-spec';
import { type Breaks, both, policyFor } from './concern';

/** Stations connected above which the faulty CSMS stops answering BootNotification. */
export const LOAD_FAULT_THRESHOLD = 10;

export const LOAD_FAULTS = {
  'load.dropsBootRepliesAbove10': {
    description: `leaves every BootNotification unanswered while more than ${LOAD_FAULT_THRESHOLD} stations are connected (a CSMS that sheds load by dropping CALLs)`,
    rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), underLoadOnly: true,
  },
} satisfies Record<string, FaultSpec>;

interface LoadPolicy {
  /** Connected stations above which BootNotification goes unanswered (Infinity: never). */
  dropBootAbove: number;
}

const CLEAN: LoadPolicy = { dropBootAbove: Infinity };
const BREAKS: Breaks<LoadPolicy, keyof typeof LOAD_FAULTS> = { 'load.dropsBootRepliesAbove10': { dropBootAbove: LOAD_FAULT_THRESHOLD } };

export class Load {
  private readonly policy: Readonly<LoadPolicy>;
  constructor(active: ReadonlySet<string>) { this.policy = policyFor(CLEAN, BREAKS, active); }
  /** Whether a CALL goes unanswered with this many stations connected. */
  drops(action: string, connected: number): boolean { return action === 'BootNotification' && connected > this.policy.dropBootAbove; }
}
