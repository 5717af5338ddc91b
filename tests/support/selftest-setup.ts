/**
 * Global setup of the self-test (`npm test`): the run's test PKI is made once and shared with
 * every worker process (harness/services/test-pki.ts shareRunPki). The self-test starts more
 * than a hundred workers (per project, personality and fault position); each would otherwise
 * spend about a CPU-second generating the same kind of keys. Nested CLI runs of the
 * e2e tests inherit it too. The teardown removes the file.
 */
import { shareRunPki } from '../../harness/services/test-pki';

export default async function selftestSetup(): Promise<(() => void) | undefined> {
  return shareRunPki();
}
