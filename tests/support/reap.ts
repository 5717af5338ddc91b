/**
 * Child processes an end-to-end test starts (a CLI run, a station or CSMS process, a rig bench)
 * end with the test worker, whatever happened to the test: a test that timed out or failed before
 * its `finally` must not leave a station reconnecting or a CSMS listening for the rest of the run.
 */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
let hooked = false;

/** Registers `child` to be killed when this worker exits; returns it. */
export function reaped<T extends ChildProcess>(child: T): T {
  if (!hooked) {
    hooked = true;
    process.once('exit', () => { for (const c of children) { try { c.kill('SIGKILL'); } catch { /* already gone */ } } });
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
