import { parseRunConfig as parse, type RunConfig } from '../../harness/config/run-config';
import { checkFaultNames } from '../../harness/sims/catalogue';

/** The config as the CLI reads it: parsed, then its fault names checked against the sims' catalogues. */
export function parseRunConfig(input: unknown): RunConfig {
  const c = parse(input);
  checkFaultNames(c);
  return c;
}
