import { openSync, closeSync, createReadStream, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UnsupportedAction } from '../errors';
import { type Observation, type SutAction, type SutActionType, type SutAdapter, describeAction, describeObservation } from './adapter';

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
    const answer = await this.ask(`${describeAction(a)}.\n    Press Enter when done, or type s + Enter if it cannot be done`, a.type);
    if (answer === 's') throw new UnsupportedAction(a.type, 'manual (operator skipped)');
  }

  async observe(o: Observation): Promise<boolean | number> {
    const type = o.what === 'relay' ? 'observeRelay' : 'observeEnergy';
    for (;;) {
      const answer = await this.ask(`${describeObservation(o)}\n    ${o.what === 'relay' ? 'Answer y or n' : 'Type the reading in Wh'} (s = cannot tell)`, type);
      if (answer === 's') throw new UnsupportedAction(type, 'manual (operator cannot tell)');
      if (o.what === 'relay' && (answer === 'y' || answer === 'n')) return answer === 'y';
      if (o.what === 'energy' && /^\d+(\.\d+)?$/.test(answer)) return Number(answer);
    }
  }

  /** One prompt on the terminal, one line back (lower-cased), within the action timeout. */
  private async ask(prompt: string, type: string): Promise<string> {
    if (!this.hasTerminal()) throw new UnsupportedAction(type, 'manual (no terminal)');
    const fd = openSync(this.tty, 'r+');
    writeSync(fd, `\n>>> OPERATOR: ${prompt} (${Math.round(this.timeoutMs / 1000)} s): `);
    const input = createReadStream('', { fd, autoClose: false });
    const rl = createInterface({ input });
    try {
      return await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`operator did not answer "${prompt.split('\n')[0]}" within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
        rl.once('line', (line) => { clearTimeout(timer); resolve(line.trim().toLowerCase()); });
      });
    } finally {
      rl.close();
      input.destroy();
      try { closeSync(fd); } catch { /* already closed */ }
    }
  }

  async close(): Promise<void> { /* nothing held */ }
}
