import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCPP_VERSIONS } from '../../harness/protocol/versions';
import { generateTypes } from '../../scripts/gen-types-lib';

test('generated TypeScript types match the schemas (run `npm run gen:types` if not)', async () => {
  for (const v of OCPP_VERSIONS) {
    const committed = readFileSync(join(__dirname, '..', '..', 'harness', 'protocol', 'types', `v${v.replace(/\./g, '')}.ts`), 'utf8');
    expect(committed === await generateTypes(v), `types for OCPP ${v} are stale`).toBe(true);
  }
});
