/** The contract of a CSMS operator adapter (csms-operators.ts, browser-operator.ts). */
import type { CsmsAction, CsmsActionType } from '../model/csms-actions';

export interface CsmsOperator {
  readonly name: string;
  supports(type: CsmsActionType): boolean;
  /** Starts the action in the CSMS; resolves once it is started. Throws UnsupportedAction (case skipped) or Error. */
  perform(action: CsmsAction): Promise<void>;
  close(): Promise<void>;
}
