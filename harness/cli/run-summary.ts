/**
 * What the run's summary reporter (fixtures/reporters/summary-reporter.ts) leaves in
 * `<reports>/run-summary.json` for the CLI: the counts, the selected case ids, the soft findings
 * and the skip reasons, from which `ocpp-harness run` tells a run in which no case executed.
 */
export const RUN_SUMMARY_FILE = 'run-summary.json';

import type { Verdict } from '../fleet/under-load';

export interface SoftFinding { id: string; project: string; rule: string; message: string }

export interface RunSummary {
  status: string; passed: number; failed: number; skipped: number; notApplicable: number;
  /** Ids of the cases the run selected (the first word of each title), once each. */
  ids: string[];
  softFindings: SoftFinding[];
  /** The skip reasons, each once, with how many cases gave it, most frequent first. */
  skipReasons: { reason: string; count: number }[];
  /** Each case's verdict per project (passed, failed, skipped), with the fleet's figures under --under-load. */
  verdicts?: Verdict[];
}
