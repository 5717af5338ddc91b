/**
 * `ocpp-harness config`: check a run configuration (--config FILE and the run flags) without
 * running it and print it resolved, secrets hidden; `--schema`: print the JSON Schema that
 * config files follow (they may name it in "$schema").
 */
import { readFileSync } from 'node:fs';
import { RUN_CONFIG_SCHEMA } from '../config/paths';
import { UsageError } from '../model/errors';
import { redact, registerSecret } from '../model/secrets';
import { parseRun, runSecrets } from './run-options';

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--schema')) {
    if (argv.length > 1) throw new UsageError('config --schema takes no other option');
    process.stdout.write(readFileSync(RUN_CONFIG_SCHEMA, 'utf8'));
    return 0;
  }
  const { run } = parseRun(argv, 'config');
  for (const secret of runSecrets(run)) registerSecret(secret);
  process.stdout.write(`${redact(JSON.stringify(run, null, 2))}\n`);
  return 0;
}
