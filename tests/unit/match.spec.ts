import { expect, test } from '@playwright/test';
import { absent, diff, distance, oneOf, some } from '../../harness/model/match';

test.describe('payload matching', () => {
  test('matches subsets and reports the first difference', () => {
    expect(diff({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } })).toBeNull();
    expect(diff({ a: 1, b: { c: 2 } }, { b: { c: 3 } })).toEqual({ path: 'b.c', expected: '3', actual: '2' });
    expect(diff({ a: [1, 2] }, { a: [1, 2] })).toBeNull();
    expect(diff({ a: [1, 2] }, { a: [1] })).not.toBeNull();
  });

  test('matchers', () => {
    expect(diff({ s: 'Charging' }, { s: oneOf('Preparing', 'Charging') })).toBeNull();
    expect(diff({ s: 'Available' }, { s: oneOf('Preparing', 'Charging') })?.expected).toContain('one of');
    expect(diff({}, { x: absent() })).toBeNull();
    expect(diff({ e: [{ k: 1 }, { k: 2, v: 'x' }] }, { e: some({ k: 2 }) })).toBeNull();
    expect(diff({ e: [{ k: 1 }] }, { e: some({ k: 2 }) })).not.toBeNull();
  });

  test('distance counts differing fields', () => {
    expect(distance({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(1);
    expect(distance('x', { a: 1 })).toBeGreaterThan(100);
  });
});
