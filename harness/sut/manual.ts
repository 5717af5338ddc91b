import { openSync, closeSync, createReadStream, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UnsupportedAction } from '../model/errors';
import { type Observation, type SutAction, type SutActionType, type SutAdapter, describeAction, describeObservation } from './adapter';

/**
 * Asks an operator at the terminal to perform the action and waits for Enter (or "s" + Enter
 * to say it cannot be done: the case is skipped). Uses /dev/tty, so it works from the test
 * runner's worker processes; without a terminal every action is unsupported.
 */
/** How the operator is reached: a terminal by default; tests give their own. */
export interface OperatorIo {
  available(): boolean;
  /** Shows `prompt` and resolves with the operator's next line (trimmed, lower-cased). */
  ask(prompt: string, timeoutMs: number): Promise<string>;
}

/** The operator's terminal through /dev/tty, so it works from the test runner's worker processes. */
export function terminalIo(tty = '/dev/tty'): OperatorIo {
  return {
    available: () => { try { closeSync(openSync(tty, 'r+')); return true; } catch { return false; } },
    ask: async (prompt, timeoutMs) => {
      const fd = openSync(tty, 'r+');
      writeSync(fd, `\n>>> OPERATOR: ${prompt} (${Math.round(timeoutMs / 1000)} s): `);
      const input = createReadStream('', { fd, autoClose: false });
      const rl = createInterface({ input });
      try {
        return await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`operator did not answer "${prompt.split('\n')[0]}" within ${timeoutMs / 1000} s`)), timeoutMs);
          rl.once('line', (line) => { clearTimeout(timer); resolve(line.trim().toLowerCase()); });
        });
      } finally {
        rl.close();
        input.destroy();
        try { closeSync(fd); } catch { /* already closed */ }
      }
    },
  };
}

/**
 * Why the manual adapter cannot work in this process (no terminal to ask the operator at, as in
 * CI), or undefined. A run checks it before its first case, so it fails at once with this
 * message instead of skipping every case that needs the operator.
 */
export function noTerminal(tty = '/dev/tty'): string | undefined {
  try { closeSync(openSync(tty, 'r+')); return undefined; } catch (e) {
    return `the manual adapter asks an operator at the terminal, and this run has none (${tty}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; CI?): run it from a terminal, or drive the SUT with --adapter command --command ./rig.sh (or http for a CSMS)`;
  }
}

/**
 * Asks an operator to perform each physical step ("Present card X to the reader of EVSE 1
 * connector 1") and waits for Enter, or "s" + Enter if it cannot be done (the case is skipped).
 * Without a terminal every action is unsupported.
 */
export class ManualSut implements SutAdapter {
  readonly name = 'manual' as const;
  constructor(private readonly timeoutMs: number, private readonly io: OperatorIo = terminalIo()) {}

  supports(_action: SutActionType): boolean { return this.io.available(); }

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

  private ask(prompt: string, type: string): Promise<string> {
    if (!this.io.available()) throw new UnsupportedAction(type, 'manual (no terminal)');
    return this.io.ask(prompt, this.timeoutMs);
  }

  async close(): Promise<void> { /* nothing held */ }
}
