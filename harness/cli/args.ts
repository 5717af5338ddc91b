/**
 * Flag parsing shared by every command: Node's parseArgs, with "did you mean" for a mistyped
 * flag, and the old spelling of the OCPP version flag (`--version 2.0.1`, now `--ocpp 2.0.1`)
 * still understood, with a deprecation notice on stderr.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../model/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Edit distance of two short strings (insert, delete, substitute, swap two neighbours). */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known names closest to `name` (at most a third of its letters off, or one it starts), best first. */
export function suggest(name: string, known: readonly string[]): string[] {
  const scored = known.map((k) => ({ k, d: k.startsWith(name) || name.startsWith(k) ? 1 : distance(name.toLowerCase(), k.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  return scored.filter((x) => x.d === scored[0].d).map((x) => x.k).slice(0, 3);
}

/** " (did you mean X?)" or "". */
export function didYouMean(name: string, known: readonly string[], prefix = ''): string {
  const s = suggest(name, known);
  return s.length ? ` (did you mean ${s.map((k) => `${prefix}${k}`).join(' or ')}?)` : '';
}

/** A value `--version` is followed by that can only mean an OCPP version (1.6, 2.0.1, 2.1, all). */
export const looksLikeOcppVersion = (v: string | undefined): v is string => v !== undefined && /^(\d+(\.\d+)+|all)$/.test(v);

/**
 * `--version 1.6` / `--version=2.0.1` (the OCPP version flag's old name) rewritten to `--ocpp`,
 * with a notice on stderr; every other argument unchanged.
 */
export function legacyVersionFlag(argv: string[], warn: (text: string) => void = (t) => process.stderr.write(t)): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.push(...argv.slice(i)); break; }
    const inline = a.startsWith('--version=') ? a.slice('--version='.length) : undefined;
    const value = inline ?? (a === '--version' ? argv[i + 1] : undefined);
    if ((a === '--version' || inline !== undefined) && looksLikeOcppVersion(value)) {
      if (['1.6', '2.0.1', 'all'].includes(value)) warn(`ocpp-harness: --version ${value} is deprecated for the OCPP version: use --ocpp ${value} (--version alone prints the harness's version)\n`);
      out.push('--ocpp', value);
      if (inline === undefined) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** parseArgs with strict flags; an unknown flag names the closest known ones and the command's help. */
export function parseFlags<T extends Options>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals, options });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const unknown = err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[^'=\s]+)/.exec(err.message)?.[1] : undefined;
    if (unknown) {
      const known = [...Object.keys(options), 'help', 'version'];
      throw new UsageError(`Unknown option '${unknown}'${didYouMean(unknown.replace(/^-+/, ''), known, '--')}; ocpp-harness ${command} --help lists the options`);
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(err.message.replace(/\. To specify.*$/s, ''));
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`${command}: unexpected argument ${/'([^']*)'/.exec(err.message)?.[1] ?? ''} (ocpp-harness ${command} --help lists the options)`);
    throw e;
  }
}

/** The OCPP versions a flag names: 1.6, 2.0.1 or all; any other version said to be unsupported (not as a config field). */
export function ocppVersions(flag: string, value: string, allowAll = true): ('1.6' | '2.0.1')[] {
  if (allowAll && value === 'all') return ['1.6', '2.0.1'];
  if (value === '1.6' || value === '2.0.1') return [value];
  const choices = `1.6 | 2.0.1${allowAll ? ' | all' : ''}`;
  if (/^\d+(\.\d+)+$/.test(value)) throw new UsageError(`--${flag} ${value}: OCPP ${value} is not supported; this harness tests OCPP 1.6J and 2.0.1 (--${flag} ${choices})`);
  throw new UsageError(`--${flag}: ${choices}, got "${value}"`);
}
