/**
 * How a case asks for what only the physical world can do: power, cable, card, fault. A real
 * station is driven by an operator (manual) or a rig (command); the simulated one directly.
 */
import { redact } from '../model/secrets';
import type { ConnectorRef } from '../model/layout';

export type SutAction =
  | { type: 'powerOn' }
  | { type: 'powerCycle' }
  | { type: 'plugIn'; connector: ConnectorRef }
  | { type: 'unplug'; connector: ConnectorRef }
  /** The cable comes out of the EV; its other end stays in the station's connector (2.0.1 E09/E10, 1.6 StopTransactionOnEVSideDisconnect). */
  | { type: 'unplugEvSide'; connector: ConnectorRef }
  /** The EV on that connector is not ready to take energy (it plugs in, or stays, without charging: SuspendedEV). */
  | { type: 'evNotReady'; connector: ConnectorRef }
  | { type: 'presentCard'; idToken: string; connector?: ConnectorRef }
  | { type: 'enterCode'; code: string; connector?: ConnectorRef }
  | { type: 'raiseFault'; connector: ConnectorRef; errorCode: string }
  | { type: 'clearFault'; connector: ConnectorRef }
  // ui
  /** On the station's master pass UI (2.0.1 C16.FR.01), select the transactions on these connectors, and only these, and confirm. */
  | { type: 'selectTransactions'; connectors: ConnectorRef[] }
  /** Storing the Local Authorization List fails from now on (full or write-protected memory), or works again (1.6 SendLocalList status Failed). */
  | { type: 'listStorage'; failing: boolean };

export type SutActionType = SutAction['type'] | 'observeRelay' | 'observeEnergy';

/** What a case can read off the hardware: the relay (contactor) and the energy meter of a connector. */
export type Observation = { what: 'relay'; connector: ConnectorRef } | { what: 'energy'; connector: ConnectorRef };

/** What a rig or operator program printed for one action, trimmed, secrets redacted (rigOutput). */
export interface RigOutput { stdout: string; stderr: string }

const TAIL = 1500;
/** The end of a program's output (where the reason usually is), secrets redacted. */
export function rigOutput(stdout: unknown, stderr: unknown): RigOutput {
  const tail = (t: unknown): string => { const s = redact(String(t ?? '')).trim(); return s.length > TAIL ? `…${s.slice(-TAIL)}` : s; };
  return { stdout: tail(stdout), stderr: tail(stderr) };
}

/** The rig's words for a message: its stderr, else its stdout (shortened), or that it printed nothing. */
export function rigSaid(o: RigOutput, max = 400): string {
  const pick = o.stderr || o.stdout;
  if (!pick) return 'it printed nothing (no stderr, no stdout)';
  const one = pick.replace(/\s*\n\s*/g, ' | ');
  return `${o.stderr ? 'stderr' : 'stdout'}: "${one.length > max ? `…${one.slice(-max)}` : one}"`;
}

/** A rig or operator program failed: the message quotes what it printed; `output` holds it for the report. */
export class RigError extends Error {
  constructor(message: string, readonly output: RigOutput) { super(message); this.name = 'RigError'; }
}

export interface SutAdapter {
  readonly name: 'embedded' | 'manual' | 'command';
  supports(action: SutActionType): boolean;
  /** Performs the action; throws UnsupportedAction (case skipped) or Error (case fails, harness side). */
  perform(action: SutAction): Promise<void>;
  /** relay: true when closed (energy can flow); energy: the meter register in Wh. */
  observe(o: Observation): Promise<boolean | number>;
  /** What the adapter's program printed for the last action or observation (then forgotten), to attach to its step. */
  takeOutput?(): RigOutput | undefined;
  close(): Promise<void>;
}

export function describeObservation(o: Observation): string {
  return o.what === 'relay'
    ? `Is the relay (contactor) of EVSE ${o.connector.evseId} connector ${o.connector.connectorId} closed, i.e. can energy flow?`
    : `Read the energy meter of EVSE ${o.connector.evseId} connector ${o.connector.connectorId} (Wh)`;
}

export function describeAction(a: SutAction): string {
  const at = (r: ConnectorRef): string => `EVSE ${r.evseId} connector ${r.connectorId}`;
  switch (a.type) {
    case 'powerOn': return 'Power on the station';
    case 'powerCycle': return 'Power-cycle the station (off, then on)';
    case 'plugIn': return `Plug an EV cable into ${at(a.connector)}`;
    case 'unplug': return `Unplug the EV cable from ${at(a.connector)}`;
    case 'unplugEvSide': return `Unplug the cable at the EV side (leave it in ${at(a.connector)})`;
    case 'evNotReady': return `Make the EV at ${at(a.connector)} not ready to charge (it takes no energy)`;
    case 'presentCard': return `Present card ${a.idToken} to the reader${a.connector ? ` of ${at(a.connector)}` : ''}`;
    case 'enterCode': return `Enter code ${a.code} on the keypad${a.connector ? ` of ${at(a.connector)}` : ''}`;
    case 'raiseFault': return `Cause fault ${a.errorCode} on ${at(a.connector)}`;
    case 'clearFault': return `Clear the fault on ${at(a.connector)}`;
    case 'selectTransactions': return `On the station's master pass screen, select the transactions on ${a.connectors.map(at).join(', ')} (and no other), then confirm`;
    case 'listStorage': return a.failing ? 'Make storing the local authorization list fail (e.g. full or write-protected memory)' : 'Make storing the local authorization list work again';
  }
}

/** Positional arguments for the command adapter: action name, then its parameters. */
export function actionArgs(a: SutAction): string[] {
  switch (a.type) {
    case 'powerOn': case 'powerCycle': return [a.type];
    case 'plugIn': case 'unplug': case 'unplugEvSide': case 'evNotReady': case 'clearFault': return [a.type, String(a.connector.evseId), String(a.connector.connectorId)];
    case 'presentCard': return [a.type, a.idToken, ...(a.connector ? [String(a.connector.evseId), String(a.connector.connectorId)] : [])];
    case 'enterCode': return [a.type, a.code, ...(a.connector ? [String(a.connector.evseId), String(a.connector.connectorId)] : [])];
    case 'raiseFault': return [a.type, String(a.connector.evseId), String(a.connector.connectorId), a.errorCode];
    case 'selectTransactions': return [a.type, ...a.connectors.flatMap((r) => [String(r.evseId), String(r.connectorId)])];
    case 'listStorage': return [a.type, a.failing ? 'failing' : 'working'];
  }
}
