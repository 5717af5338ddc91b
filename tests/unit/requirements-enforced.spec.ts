/**
 * The requirement registry is enforced: a case declaring a requirement the registry does not know
 * for that version, or one binding the other side, is refused when its file loads; a check quoting
 * a rule that is not registry ids of its version (and side) is a harness error naming it.
 */
import { expect, test } from '@playwright/test';
import { type CaseMeta, CaseDeclarationError, caseEntries } from '../../fixtures/ocpp-case';
import { ConformanceError } from '../../harness/model/errors';
import { HARNESS_RULE, checkRule, ruleFor, ruleProblem } from '../../harness/model/rules';

const meta = (requirements: CaseMeta<string>['requirements'], ids: CaseMeta<string>['ids'] = { '2.0.1': 'TC_X_01_CS', '1.6': 'HX_X_01_CS' }): CaseMeta<string> => ({
  ids, title: 'A case', area: 'status', useCase: { '2.0.1': 'B01', '1.6': '1.6 §4.2' }, requirements, catches: [], expectation: 'x',
});

const refusal = (fn: () => unknown): Error => {
  try { fn(); } catch (e) { return e as Error; }
  throw new Error('not refused');
};

test.describe('requirements of a case, at declaration', () => {
  test('an id the registry does not know for the version is refused, naming the case, the version and the id', () => {
    const e = refusal(() => caseEntries(meta({ '2.0.1': ['B01.FR.01', 'TC_B_01_CS'] }), 'CS'));
    expect(e).toBeInstanceOf(CaseDeclarationError);
    expect(e.message).toContain('TC_X_01_CS');
    expect(e.message).toContain('"A case"');
    expect(e.message).toContain('OCPP 2.0.1');
    expect(e.message).toContain('"TC_B_01_CS"');
    // Free text, an old citation form and a 2.0.1-only id cited for 1.6 are unknown ids too.
    expect(refusal(() => caseEntries(meta({ '1.6': ['1.6 §4.2'] }), 'CS')).message).toContain('"1.6 §4.2" is not in the requirement registry for OCPP 1.6');
    expect(refusal(() => caseEntries(meta({ '2.0.1': ['L01.FR.23 (MAY omit)'] }), 'CS')).message).toContain('L01.FR.23 (MAY omit)');
    expect(refusal(() => caseEntries(meta({ '1.6': ['B01.FR.12'] }), 'CSMS')).message).toMatch(/HX_X_01_CS.*OCPP 1\.6.*"B01\.FR\.12" is not in the requirement registry for OCPP 1\.6/);
  });

  test('an id binding the other side is refused: a CSMS rule on a station case, a station rule on a CSMS case', () => {
    const station = refusal(() => caseEntries(meta({ '2.0.1': ['B01.FR.02'] }), 'CS'));
    expect(station).toBeInstanceOf(CaseDeclarationError);
    expect(station.message).toMatch(/TC_X_01_CS.*OCPP 2\.0\.1.*"B01\.FR\.02" binds the CSMS.*judges the station/);
    const csms = refusal(() => caseEntries(meta({ '1.6': ['A01.FR.01'] }), 'CSMS'));
    expect(csms.message).toMatch(/HX_X_01_CS.*OCPP 1\.6.*"A01\.FR\.01" binds the station.*judges the CSMS/);
  });

  test('a case citing registry ids of its side (or both) is accepted, one entry per version', () => {
    const entries = caseEntries(meta({ '2.0.1': ['B01.FR.01', 'FR.03', 'Part4§5.3'], '1.6': ['1.6§4.2', '1.6§4.9', 'A00.FR.203'] }), 'CS');
    expect(entries.map((e) => e.title)).toEqual(['TC_X_01_CS A case', 'HX_X_01_CS A case']);
    expect(entries[0].details.annotation).toContainEqual({ type: 'allure.label.requirement', description: 'Part4§5.3' });
    expect(() => caseEntries(meta({ '2.0.1': ['B01.FR.02', 'Part2§C11'], '1.6': ['1.6J§3.2', '1.6§4.2'] }), 'CSMS')).not.toThrow();
  });
});

test.describe('rules of checks, at runtime', () => {
  test('registry ids of the version, one or several separated by ", ", pass unchanged', () => {
    expect(ruleFor('2.0.1', 'B01.FR.03, B01.FR.09', 'station')).toBe('B01.FR.03, B01.FR.09');
    expect(ruleFor('1.6', { '1.6': '1.6§9.1.LocalPreAuthorize', '2.0.1': 'C12.FR.02' }, 'station')).toBe('1.6§9.1.LocalPreAuthorize');
    expect(ruleFor('2.0.1', 'FR.03', 'csms')).toBe('FR.03');
    expect(checkRule('2.0.1', HARNESS_RULE, 'station')).toBe(HARNESS_RULE);
  });

  test('an OCTT id, free text or an id of the other version is a harness error naming the rule', () => {
    for (const [version, rule, why] of [
      ['2.0.1', 'TC_B_01_CSMS', /"TC_B_01_CSMS" is not in the requirement registry for OCPP 2\.0\.1/],
      ['1.6', 'B01.FR.12', /"B01\.FR\.12" is not in the requirement registry for OCPP 1\.6/],
      ['2.0.1', 'B12.FR.04 (errata 2025)', /"errata", "2025" are not in the requirement registry/],
      ['1.6', '1.6 §4.2 interval', /"1\.6", "§4\.2", "interval" are not in the requirement registry for OCPP 1\.6/],
    ] as const) {
      const e = refusal(() => ruleFor(version, rule));
      expect(e).toBeInstanceOf(ConformanceError);
      expect((e as ConformanceError).kind).toBe('harness');
      expect(e.message).toContain(`[harness error] rule "${rule}" (OCPP ${version})`);
      expect(e.message).toMatch(why);
    }
  });

  test('a rule binding the other side than the one under test is a harness error', () => {
    const e = refusal(() => ruleFor('2.0.1', { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' }, 'station')) as ConformanceError;
    expect(e.kind).toBe('harness');
    expect(e.message).toMatch(/B01\.FR\.02 binds the CSMS, but the station is under test/);
    expect(ruleProblem('2.0.1', 'C01.FR.02, C01.FR.07', 'csms')).toMatch(/C01\.FR\.02 binds the station/);
  });

  test('ids must be written alone, separated by ", "', () => {
    expect(ruleProblem('2.0.1', 'G02.FR.01 / G02.FR.02')).toMatch(/separated by ", "/);
    expect(ruleProblem('2.0.1', 'G02.FR.01, G02.FR.02')).toBeUndefined();
    expect(() => ruleFor('2.0.1', { '1.6': '1.6§4.2' })).toThrow(/no requirement id for OCPP 2\.0\.1/);
  });
});
