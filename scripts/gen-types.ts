/**
 * Generates TypeScript types from the official OCPP JSON schemas (see harness/protocol/schemas.ts)
 * into harness/protocol/types/<version>.ts. Run `npm run gen:types` after upgrading the schema
 * package; tests/unit/types.spec.ts fails when the committed types are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCPP_VERSIONS } from '../harness/protocol/versions';
import { generateTypes } from './gen-types-lib';

async function main(): Promise<void> {
  for (const version of OCPP_VERSIONS) {
    const file = join(__dirname, '..', 'harness', 'protocol', 'types', `v${version.replace(/\./g, '')}.ts`);
    writeFileSync(file, await generateTypes(version));
    console.log(`wrote ${file}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
