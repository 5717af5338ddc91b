/**
 * Loading a device profile (harness/model/profile.ts): a file or the run configuration's inline
 * object, checked against schemas/device-profile.schema.json by ajv with the same messages as
 * the run configuration (the field, what it expects, what it got).
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { UsageError } from '../model/errors';
import type { DeviceProfile, SettingAccess } from '../model/profile';
import { DEVICE_PROFILE_SCHEMA } from './paths';
import { type SchemaNode, explain } from './schema';
import type { DeviceProfileInput } from './device-profile.generated';

export type { DeviceProfileInput };

let schema: SchemaNode | undefined;
let validate: ValidateFunction | undefined;

export function deviceProfileSchema(): SchemaNode {
  return (schema ??= JSON.parse(readFileSync(DEVICE_PROFILE_SCHEMA, 'utf8')) as SchemaNode);
}

/** Checks a profile against the schema; throws UsageError naming the first problem (`where` names it, e.g. the file). */
export function checkProfile(input: unknown, where = 'profile'): DeviceProfile {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    validate = ajv.compile(deviceProfileSchema());
  }
  if (!validate(input)) throw new UsageError(explain(validate.errors![0], deviceProfileSchema(), input).replace(/^config/, where));
  return fromInput(input as DeviceProfileInput);
}

/** The model from the checked input (the generated type's index signatures admit undefined). */
function fromInput(i: DeviceProfileInput): DeviceProfile {
  const { $schema: _s, settings, identity, ...rest } = i;
  const defined = <T>(o: Record<string, T | undefined>): Record<string, T> => Object.fromEntries(Object.entries(o).filter((e): e is [string, T] => e[1] !== undefined));
  return { ...rest, ...(settings ? { settings: defined<SettingAccess>(settings) } : {}), ...(identity ? { identity: defined<string>(identity) } : {}) };
}

/** A profile file (JSON), relative to the working directory. */
export function loadProfile(file: string): DeviceProfile {
  const path = isAbsolute(file) ? file : join(process.cwd(), file);
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new UsageError(`profile ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`); }
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) { throw new UsageError(`profile ${file}: not valid JSON (${(e as Error).message})`); }
  return checkProfile(data, `profile ${file}:`.replace(/:$/, ''));
}

/** The run configuration's `profile`: a path or the profile itself. */
export function resolveProfile(value: string | object): DeviceProfile {
  return typeof value === 'string' ? loadProfile(value) : checkProfile(value, 'config.profile');
}

/** Writes a profile for the user to review, with its schema named for editors. */
export function writeProfile(file: string, p: DeviceProfile): void {
  writeFileSync(file, `${JSON.stringify({ $schema: DEVICE_PROFILE_SCHEMA, ...p }, null, 2)}\n`);
}
