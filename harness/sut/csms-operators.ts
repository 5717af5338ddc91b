/**
 * Operator adapters for a CSMS under test: how a case gets the CSMS to start an action only its
 * operator can start. `embedded` calls the reference CSMS; `manual` asks a person; `command`
 * runs a program (`<command> remoteStart CS001 1 1 TOKEN`, exit 3 = unsupported); `http` POSTs
 * the action as JSON to a hook (2xx = started, 501 = unsupported); `browser` (browser-operator.ts)
 * runs the user's Playwright script that clicks through the CSMS's own web UI.
 */
import { UnsupportedAction } from '../model/errors';
import { type CsmsAction, type CsmsActionType, csmsActionArgs, describeCsmsAction } from '../model/csms-actions';
import type { CsmsOperator } from './operator';
import { runCommand } from './command';
import { RigError, rigOutput, rigSaid } from './adapter';
import { type OperatorIo, terminalIo } from './manual';

/** What the embedded operator needs of the CSMS it drives (the reference CSMS, started by the fixtures). */
interface ActionTarget { perform(action: CsmsAction): void }

export class EmbeddedOperator implements CsmsOperator {
  readonly name = 'embedded';
  constructor(private readonly csms: ActionTarget) {}
  supports(_type: CsmsActionType): boolean { return true; }
  async perform(action: CsmsAction): Promise<void> { this.csms.perform(action); }
  async close(): Promise<void> { /* the reference CSMS lives for the worker */ }
}

export class ManualOperator implements CsmsOperator {
  readonly name = 'manual';
  constructor(private readonly timeoutMs: number, private readonly io: OperatorIo = terminalIo()) {}
  supports(_type: CsmsActionType): boolean { return this.io.available(); }
  async perform(action: CsmsAction): Promise<void> {
    if (!this.io.available()) throw new UnsupportedAction(action.type, 'manual (no terminal)');
    const answer = await this.io.ask(`${describeCsmsAction(action)}.\n    Press Enter when started, or type s + Enter if the CSMS cannot do it`, this.timeoutMs);
    if (answer === 's') throw new UnsupportedAction(action.type, 'manual (operator skipped)');
  }
  async close(): Promise<void> { /* nothing held */ }
}

export class CommandOperator implements CsmsOperator {
  readonly name = 'command';
  constructor(private readonly command: string, private readonly timeoutMs: number) {}
  supports(_type: CsmsActionType): boolean { return true; }
  async perform(action: CsmsAction): Promise<void> {
    await runCommand(this.command, csmsActionArgs(action), { ...process.env, OCPP_ACTION: action.type, OCPP_ACTION_JSON: JSON.stringify(action) }, this.timeoutMs, action.type);
  }
  async close(): Promise<void> { /* nothing held */ }
}

export class HttpOperator implements CsmsOperator {
  readonly name = 'http';
  constructor(private readonly url: string, private readonly timeoutMs: number, private readonly headers: Record<string, string> = {}) {}
  supports(_type: CsmsActionType): boolean { return true; }
  async perform(action: CsmsAction): Promise<void> {
    let res: Response;
    try {
      res = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json', ...this.headers }, body: JSON.stringify(action), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new Error(`operator hook ${this.url} for "${action.type}": ${(e as Error).message}`);
    }
    if (res.ok) return;
    // The hook's own words, trimmed and redacted, go into the skip reason or the failure.
    const output = rigOutput(await res.text().catch(() => ''), '');
    const body = output.stdout ? rigSaid(output).replace(/^stdout/, 'body') : 'empty body';
    if (res.status === 501) throw new UnsupportedAction(action.type, 'http (hook answered 501)', output.stdout ? body : undefined);
    throw new RigError(`operator hook ${this.url} answered HTTP ${res.status} for "${action.type}"; ${body}`, output);
  }
  async close(): Promise<void> { /* nothing held */ }
}
