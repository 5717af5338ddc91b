/**
 * Grading a check by the level the text gives it, for both roles' version drivers: a SHALL
 * check fails the case; a SHOULD check's miss is recorded as a soft finding in the case's
 * journal (a harness error, or a refusal of what the device profile claims, is never softened).
 */
import { ConformanceError } from '../model/errors';
import type { OcppVersion } from '../protocol/versions';
import type { Journal } from '../transport/journal';

/** Runs a SHOULD-level check: a miss becomes a soft finding, not a failure. */
export async function softly<T>(journal: Journal, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    // A harness error, or a feature the device profile claims refused ('unsupported'), is never softened.
    if (!(e instanceof ConformanceError) || e.kind === 'harness' || e.kind === 'unsupported') throw e;
    journal.finding('soft', e.rule, e.message.split('\n')[0]);
    return undefined;
  }
}

/** Runs a check at the level `levels` gives this version; a version missing from `levels` skips it. */
export async function atLevel<T>(journal: Journal, version: OcppVersion, levels: Partial<Record<OcppVersion, 'shall' | 'should'>>, fn: () => Promise<T>): Promise<T | undefined> {
  const level = levels[version];
  if (!level) return undefined;
  return level === 'shall' ? fn() : softly(journal, fn);
}
