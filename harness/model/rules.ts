/**
 * A rule a check quotes: one or more requirement ids of the registry (harness/model/requirements.ts)
 * for every version, or per version; several ids in one rule are separated by ", ". Every rule is
 * checked when it is resolved: an id the registry does not know for the version, or one that
 * binds the other side than the one under test, is a harness error naming it.
 */
import { ConformanceError, ruleTokens } from './errors';
import type { OcppVersion } from '../protocol/versions';
import { requirement } from './requirements';

export type RuleSpec = string | Partial<Record<OcppVersion, string>>;

/** The side a check judges: the station (station under test) or the CSMS (CSMS under test). */
export type JudgedSide = 'station' | 'csms';

/** The rule of a harness step that judges nothing of the SUT (set-up, putting a setting back, a wait). */
export const HARNESS_RULE = 'harness';

/**
 * Why `rule` is not a citation of OCPP `version` for a check judging `judged`, or undefined when
 * it is: every token must be a registry id of that version, none may bind the other side, and
 * the ids are written one after the other, separated by ", ".
 */
export function ruleProblem(version: OcppVersion, rule: string, judged?: JudgedSide): string | undefined {
  if (rule === HARNESS_RULE) return undefined;
  const ids = ruleTokens(rule);
  if (!ids.length) return 'it names no requirement id';
  const unknown = ids.filter((id) => !requirement(version, id));
  if (unknown.length) return `${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in the requirement registry for OCPP ${version}`;
  if (judged) {
    const other: JudgedSide = judged === 'station' ? 'csms' : 'station';
    const wrong = ids.filter((id) => requirement(version, id)!.role === other);
    if (wrong.length) return `${wrong.join(', ')} ${wrong.length > 1 ? 'bind' : 'binds'} the ${other === 'csms' ? 'CSMS' : 'station'}, but the ${judged === 'csms' ? 'CSMS' : 'station'} is under test`;
  }
  if (rule !== ids.join(', ')) return `write the ids alone, separated by ", " (explanations belong in the message): "${ids.join(', ')}"`;
  return undefined;
}

/** `rule` itself, or a harness error naming what is wrong with it (see ruleProblem). */
export function checkRule(version: OcppVersion, rule: string, judged?: JudgedSide): string {
  const problem = ruleProblem(version, rule, judged);
  if (problem) throw new ConformanceError(HARNESS_RULE, `rule "${rule}" (OCPP ${version}): ${problem}`, 'harness');
  return rule;
}

/** The requirement id(s) for `version` of a rule given once or per version, checked against the registry (both roles' version adapters). */
export function ruleFor(version: OcppVersion, r: RuleSpec, judged?: JudgedSide): string {
  const rule = typeof r === 'string' ? r : r[version];
  if (!rule) throw new ConformanceError(HARNESS_RULE, `no requirement id for OCPP ${version} in ${JSON.stringify(r)}`, 'harness');
  return checkRule(version, rule, judged);
}
