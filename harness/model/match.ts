/**
 * Subset matching of payloads: `expected` lists the fields that matter; a value may be a
 * literal (deep equality for arrays and primitives, subset for objects) or a Matcher.
 */
export interface Matcher { readonly describe: string; test(actual: unknown): boolean }

const isMatcher = (v: unknown): v is Matcher => typeof v === 'object' && v !== null && typeof (v as Matcher).test === 'function' && 'describe' in (v as object);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isMatcher(v);

export const oneOf = (...values: unknown[]): Matcher => ({
  describe: `one of ${values.map((v) => JSON.stringify(v)).join(' | ')}`,
  test: (a) => values.some((v) => diff(a, v) === null),
});
export const absent = (): Matcher => ({ describe: '(absent)', test: (a) => a === undefined });
export const present = (): Matcher => ({ describe: '(present)', test: (a) => a !== undefined });
/** An array with at least one element matching `expected`. */
export const some = (expected: unknown): Matcher => ({
  describe: `an array with an element ⊇ ${show(expected)}`,
  test: (a) => Array.isArray(a) && a.some((x) => diff(x, expected) === null),
});
export const satisfies = (describe: string, test: (a: unknown) => boolean): Matcher => ({ describe, test });

export type Match = Record<string, unknown>;

interface Difference { path: string; expected: string; actual: string }

/** null when `actual` matches `expected`; otherwise the first difference. */
export function diff(actual: unknown, expected: unknown, path = ''): Difference | null {
  if (isMatcher(expected)) return expected.test(actual) ? null : { path, expected: expected.describe, actual: show(actual) };
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return { path, expected: 'an object', actual: show(actual) };
    for (const [k, v] of Object.entries(expected)) {
      const d = diff(actual[k], v, path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { path, expected: show(expected), actual: show(actual) };
    for (let i = 0; i < expected.length; i++) {
      const d = diff(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : { path, expected: show(expected), actual: show(actual) };
}

/** Number of top-level expected fields that differ: used to pick the "closest" frame. */
export function distance(actual: unknown, expected: Match): number {
  if (!isPlainObject(actual)) return Number.MAX_SAFE_INTEGER;
  return Object.entries(expected).filter(([k, v]) => diff(actual[k], v) !== null).length;
}

export function show(v: unknown): string {
  if (isMatcher(v)) return v.describe;
  if (isPlainObject(v)) return `{${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')}}`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return v === undefined ? '(absent)' : JSON.stringify(v);
}
