import { canonicalRequirementId, requirement } from '../../harness/model/requirements';
const input = JSON.parse(require('fs').readFileSync(0, 'utf8')) as [string, string][];
process.stdout.write(JSON.stringify(input.map(([v, r]) => { const c = canonicalRequirementId(r) ?? null; return [v, r, c, c ? (requirement(v as never, c)?.level ?? null) : null, c ? (requirement(v as never, c)?.role ?? null) : null]; })));
