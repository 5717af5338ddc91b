/** Writes docs/variants.md from the variant catalogues (harness/sims/variants-doc.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { variantsMarkdown } from '../../harness/sims/variants-doc';

writeFileSync(join(__dirname, '..', '..', 'docs', 'variants.md'), variantsMarkdown());
