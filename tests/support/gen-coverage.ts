/** Writes docs/coverage.md: the catalogued OCTT ids per role, version and block against the cases' ids (tests/support/coverage.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageMarkdown, listCases } from './coverage';

writeFileSync(join(__dirname, '..', '..', 'docs', 'coverage.md'), coverageMarkdown(listCases()));
