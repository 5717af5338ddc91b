import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../config/paths';

/** The harness's version, from its package.json. */
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
