/**
 * Where the harness is installed: the folder holding its package.json, found from this file
 * whether it runs from source (ts-node) or compiled (dist/), so paths never depend on depth.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'playwright.config.ts'))) return dir;
    if (dirname(dir) === dir) throw new Error(`ocpp-harness: cannot find the harness root above ${from}`);
  }
}

export const ROOT = findRoot(__dirname);
export const DEFAULT_REPORTS = join(ROOT, 'reports');
/** The JSON Schema of a run configuration (`ocpp-harness config --schema`; a config file may name it in "$schema"). */
export const RUN_CONFIG_SCHEMA = join(ROOT, 'schemas', 'run-config.schema.json');

/** A reports directory as given (flag or config): absolute, or relative to the working directory. */
export const resolveReports = (dir: string): string => (isAbsolute(dir) ? dir : join(process.cwd(), dir));
/** The JSON Schema of a device profile (`profile` in the run configuration; `ocpp-harness profile --discover` writes one). */
export const DEVICE_PROFILE_SCHEMA = join(ROOT, 'schemas', 'device-profile.schema.json');
