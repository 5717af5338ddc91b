/** The CLI's flag conventions: did you mean, the old --version spelling, exact case ids and areas as one grep. */
import { expect, test } from '@playwright/test';
import { distance, didYouMean, legacyVersionFlag, ocppVersions, parseFlags, suggest } from '../../harness/cli/args';
import { selectionGrep } from '../../harness/cli/run-options';
import { UsageError } from '../../harness/model/errors';

test('did you mean: the closest flag, command or id; nothing when nothing is close', () => {
  expect(distance('verison', 'version')).toBe(1);
  expect(suggest('are', ['area', 'grep', 'role'])).toEqual(['area']);
  expect(suggest('lsit', ['list', 'run', 'report'])).toEqual(['list']);
  expect(suggest('TC_B_1_CS', ['TC_B_01_CS', 'TC_B_02_CS', 'TC_G_03_CS'])).toEqual(['TC_B_01_CS']);
  expect(didYouMean('no-such-flag', ['role', 'ocpp', 'grep'], '--')).toBe('');
  expect(() => parseFlags('run', ['--stirct'], { strict: { type: 'boolean' }, grep: { type: 'string' } })).toThrow(/Unknown option '--stirct' \(did you mean --strict\?\); ocpp-harness run --help/);
  expect(() => parseFlags('run', ['--stirct'], { strict: { type: 'boolean' } })).toThrow(UsageError);
});

test('--version followed by an OCPP version is the old --ocpp, with a notice; anything else is left alone', () => {
  const notices: string[] = [];
  const warn = (t: string): void => { notices.push(t); };
  expect(legacyVersionFlag(['--version', '2.0.1', '--grep', 'X'], warn)).toEqual(['--ocpp', '2.0.1', '--grep', 'X']);
  expect(legacyVersionFlag(['--version=1.6'], warn)).toEqual(['--ocpp', '1.6']);
  expect(notices).toHaveLength(2);
  expect(notices[0]).toContain('use --ocpp 2.0.1');
  expect(legacyVersionFlag(['--grep', 'X', '--', '--version', '1.6'], warn)).toEqual(['--grep', 'X', '--', '--version', '1.6']);
  expect(notices).toHaveLength(2);
});

test('--ocpp: 1.6, 2.0.1, all; another version is said to be unsupported', () => {
  expect(ocppVersions('ocpp', 'all')).toEqual(['1.6', '2.0.1']);
  expect(ocppVersions('ocpp', '1.6')).toEqual(['1.6']);
  expect(() => ocppVersions('ocpp', '2.1')).toThrow(/OCPP 2\.1 is not supported/);
  expect(() => ocppVersions('ocpp', 'all', false)).toThrow(/--ocpp: 1\.6 \| 2\.0\.1, got "all"/);
});

test('--case is exact and --area a tag; both narrow --grep', () => {
  // What Playwright's grep sees: the file, the title, then the tags.
  const title = (id: string, area = 'status'): string => `status/B01-B03-boot.spec.ts ${id} Cold Boot Charging Station - Accepted @ocpp2.0.1 @${area} @role:CS`;
  const one = new RegExp(selectionGrep(undefined, ['TC_B_01_CS'], [])!);
  expect(one.test(title('TC_B_01_CS'))).toBe(true);
  expect(one.test(title('HX_TC_B_01_CS'))).toBe(false);
  expect(one.test(title('TC_B_01_CSMS'))).toBe(false);
  const two = new RegExp(selectionGrep(undefined, ['TC_B_01_CS', 'TC_B_02_CS'], [])!);
  expect([title('TC_B_01_CS'), title('TC_B_02_CS'), title('TC_B_03_CS')].map((t) => two.test(t))).toEqual([true, true, false]);
  const area = new RegExp(selectionGrep(undefined, [], ['firmware', 'security'])!);
  expect([title('X', 'firmware'), title('X', 'security'), title('X', 'status'), `${title('X', 'status')} @securityish`].map((t) => area.test(t))).toEqual([true, true, false, false]);
  const all = new RegExp(selectionGrep('Accepted', ['TC_B_01_CS'], ['status'])!);
  expect([all.test(title('TC_B_01_CS')), all.test(title('TC_B_01_CS', 'firmware')), all.test(title('TC_B_01_CS').replace('Accepted', 'Pending'))]).toEqual([true, false, false]);
  expect(selectionGrep('TC_B', [], [])).toBe('TC_B');
  expect(selectionGrep(undefined, [], [])).toBeUndefined();
});
