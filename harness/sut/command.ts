import { execFile } from 'node:child_process';
import { UnsupportedAction } from '../model/errors';
import { type Observation, type RigOutput, type SutAction, type SutActionType, type SutAdapter, RigError, actionArgs, rigOutput, rigSaid } from './adapter';
import { deadline } from '../model/lag';

/** Exit code by which a rig's command says "I cannot do this action" (the case is skipped). */
const EXIT_UNSUPPORTED = 3;

/**
 * Runs a configured shell command with the action and its parameters as arguments
 * (`<command> plugIn 1 1`) and as environment (OCPP_ACTION, OCPP_EVSE_ID, ...). Arguments are
 * passed as positional parameters, never spliced into the command text.
 */
export class CommandSut implements SutAdapter {
  readonly name = 'command' as const;
  private output?: RigOutput;
  /** `caseTitle`: the case the actions are for, given to the command as OCPP_CASE (a rig may log it, or arm a bench fault for that case). */
  constructor(private readonly command: string, private readonly timeoutMs: number, private readonly caseTitle?: string) {}

  takeOutput(): RigOutput | undefined { const o = this.output; this.output = undefined; return o; }

  supports(_action: SutActionType): boolean { return true; }

  async perform(a: SutAction): Promise<void> { await this.run(a.type, actionArgs(a), a); }

  /** `<command> observeRelay E C` prints closed|open; `<command> observeEnergy E C` prints Wh. */
  async observe(o: Observation): Promise<boolean | number> {
    const type = o.what === 'relay' ? 'observeRelay' : 'observeEnergy';
    const out = (await this.run(type, [type, String(o.connector.evseId), String(o.connector.connectorId)])).trim();
    const said = (): string => (this.output?.stderr ? ` (stderr: ${JSON.stringify(this.output.stderr.slice(-200))})` : '');
    if (o.what === 'relay') {
      if (out !== 'closed' && out !== 'open') throw new Error(`SUT command "${type}" must print "closed" or "open", got ${JSON.stringify(out.slice(0, 80))}${said()}`);
      return out === 'closed';
    }
    if (!/^\d+(\.\d+)?$/.test(out)) throw new Error(`SUT command "${type}" must print a number of Wh, got ${JSON.stringify(out.slice(0, 80))}${said()}`);
    return Number(out);
  }

  private run(type: string, args: string[], a?: SutAction): Promise<string> {
    const env = {
      ...process.env, OCPP_ACTION: type, ...(this.caseTitle ? { OCPP_CASE: this.caseTitle } : {}),
      ...(a && 'connector' in a && a.connector ? { OCPP_EVSE_ID: String(a.connector.evseId), OCPP_CONNECTOR_ID: String(a.connector.connectorId) } : {}),
      ...(a?.type === 'presentCard' ? { OCPP_ID_TOKEN: a.idToken } : {}),
      ...(a?.type === 'enterCode' ? { OCPP_ID_TOKEN: a.code } : {}),
      ...(a?.type === 'raiseFault' ? { OCPP_ERROR_CODE: a.errorCode } : {}),
    };
    return runCommand(this.command, args, env, this.timeoutMs, type, (o) => { this.output = o; });
  }

  async close(): Promise<void> { /* nothing held */ }
}

/**
 * Runs `command` with positional `args` ("$@", never spliced into the text); exit 3 =
 * UnsupportedAction. What it printed (trimmed, redacted) goes to `onOutput` whatever the outcome,
 * and is quoted in the skip reason or the failure: "exit 1" alone is never the whole story.
 */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, type: string, onOutput?: (o: RigOutput) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    // The hang guard is a deadline that gives back the time this process was held up (harness/model/lag.ts): on a busy
    // machine, starting the rig program alone can take seconds, which is not the rig's fault.
    let hung = false;
    const child = execFile('/bin/sh', ['-c', `${command} "$@"`, 'ocpp-harness-action', ...args], { env, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      guard.clear();
      const output = rigOutput(stdout, stderr);
      onOutput?.(output);
      if (!err) { resolve(String(stdout)); return; }
      const code = (err as { code?: unknown }).code;
      if (code === EXIT_UNSUPPORTED) { reject(new UnsupportedAction(type, 'command', output.stderr || output.stdout ? rigSaid(output) : undefined)); return; }
      const why = hung ? `timed out after ${timeoutMs} ms` : `exited with code ${String(code)}`;
      reject(new RigError(`command for "${args.join(' ')}" ${why}; ${rigSaid(output)}`, output));
    });
    const guard = deadline(() => { hung = true; child.kill('SIGTERM'); }, timeoutMs);
  });
}
