import { openSync, closeSync, createReadStream, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UnsupportedAction } from '../errors';
import { type SutAction, type SutActionType, type SutAdapter, describeAction } from './adapter';

/**
 * Asks an operator at the terminal to perform the action and waits for Enter (or "s" + Enter
 * to say it cannot be done: the case is skipped). Uses /dev/tty, so it works from the test
 * runner's worker processes; without a terminal every action is unsupported.
 */
export class ManualSut implements SutAdapter {
  readonly name = 'manual' as const;
  constructor(private readonly timeoutMs: number, private readonly tty = '/dev/tty') {}

  private hasTerminal(): boolean {
    try { closeSync(openSync(this.tty, 'r+')); return true; } catch { return false; }
  }

  supports(_action: SutActionType): boolean { return this.hasTerminal(); }

  async perform(a: SutAction): Promise<void> {
    if (!this.hasTerminal()) throw new UnsupportedAction(a.type, 'manual (no terminal)');
    const fd = openSync(this.tty, 'r+');
    writeSync(fd, `\n>>> OPERATOR: ${describeAction(a)}.\n    Press Enter when done, or type s + Enter if it cannot be done (${Math.round(this.timeoutMs / 1000)} s): `);
    const input = createReadStream('', { fd, autoClose: false });
    const rl = createInterface({ input });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`operator did not confirm "${describeAction(a)}" within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
        rl.once('line', (line) => { clearTimeout(timer); resolve(line.trim().toLowerCase()); });
      });
      if (answer === 's') throw new UnsupportedAction(a.type, 'manual (operator skipped)');
    } finally {
      rl.close();
      input.destroy();
      try { closeSync(fd); } catch { /* already closed */ }
    }
  }

  async close(): Promise<void> { /* nothing held */ }
}
