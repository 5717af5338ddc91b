/**
 * How the simulated station's neutral model is put into messages, per version: dialect-16.ts
 * and dialect-201.ts. A dialect words requests, reports and transaction messages, and answers
 * the CSMS's requests by calling the concern that decides; timers, state and faults live in
 * the concerns, never here.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import type { AuthInfo, Token } from './authorization';
import type { ConnectorState } from './connectors';
import type { SimulatedStation } from './simulated-station';
import type { Transaction } from './transactions';

export interface Dialect {
  /** 1.6 reports connectorId 0 (the Charge Point itself) too. */
  readonly reportsStation: boolean;
  /** 2.0.1 reports a lock failure as an event (G05.FR.02); 1.6 has none: the connector goes Faulted with ConnectorLockFailure. */
  reportLockFailure?(c: ConnectorState): Promise<void>;
  bootRequest(reason: string): Record<string, unknown>;
  statusOf(c: ConnectorState): string;
  stationStatus(): string;
  statusNotification(c: ConnectorState, status: string): Record<string, unknown>;
  stationStatusNotification(): Record<string, unknown>;
  authorizeRequest(token: Token): Record<string, unknown>;
  /** The verdict in an Authorize / StartTransaction / TransactionEvent reply. */
  authInfo(reply: Record<string, unknown> | undefined): AuthInfo | undefined;
  /** Sends the start of a transaction (queued); resolves with the CSMS's verdict on its token. */
  txStarted(c: ConnectorState, tx: Transaction): Promise<AuthInfo | undefined>;
  /** Sends a stop request; true when that ends the transaction (1.6 always; 2.0.1 when deauthorized). */
  txStopRequested(c: ConnectorState, tx: Transaction): boolean;
  txEnded(c: ConnectorState, tx: Transaction, reason: string): void;
  txSuspended(c: ConnectorState, tx: Transaction): Promise<void>;
  /** 2.0.1: an Updated event for a change within the transaction (token, cable, charging state); 1.6 has none (its status tells). */
  txUpdated(c: ConnectorState, tx: Transaction, triggerReason: string, withToken: boolean): Promise<AuthInfo | undefined>;
  txMeterValues(c: ConnectorState, tx: Transaction, context?: 'Sample.Periodic' | 'Sample.Clock'): Promise<void>;
  /** 1.6: FirmwareStatusNotification, or SignedFirmwareStatusNotification with a requestId; 2.0.1: FirmwareStatusNotification. */
  firmwareStatus(status: string, requestId?: number): Promise<void>;
  /** Answers a CSMS request (the certificate actions excepted: certificates.ts). */
  handle(call: CallFrame): Promise<Reply> | Reply;
}

export const now = (): string => new Date().toISOString();
export const ok = (payload: Record<string, unknown>): Reply => ({ payload });
/** `{ status }`, now or once a concern has decided. */
export const answerWith = (status: string | Promise<string>): Reply | Promise<Reply> => (typeof status === 'string' ? ok({ status }) : status.then((x) => ok({ status: x })));
/** A known action the station does not support: CALLERROR NotSupported (OCPP-J 1.6 table 7 / 2.0.1 §4.3: recognized, not supported; NotImplemented is for unknown actions). */
export const notImplemented = (action: string): Reply => ({ error: { code: 'NotSupported', description: `${action} is not supported by the simulated station` } });
/** 1.6 StopTransaction reason / 2.0.1 stoppedReason of a stop request. */
export const STOP_REASON = { StopAuthorized: 'Local', RemoteStop: 'Remote', Deauthorized: 'DeAuthorized' } as const;

/** What both dialects share. */
export abstract class BaseDialect {
  constructor(protected readonly s: SimulatedStation) {}

  private backwards = 0;

  /** The connector's energy register (meter.registerDecreases: below the start and lower at every reading during a transaction). */
  protected meterReading(c: ConnectorState): number {
    const wh = this.s.meterWh(c);
    const tx = c.tx;
    if (!tx || !this.s.tx.policy.meterRunsBackwards) return wh;
    return tx.meterStart - Math.max(0, wh - tx.meterStart) - ++this.backwards;
  }

  /** The 1.6 connectorId / 2.0.1 EVSE id a transaction message names (tx.unknownConnector: one past the layout). */
  protected txPlace(c: ConnectorState): { index: number; evseId: number } {
    if (this.s.tx.policy.connectorOffset === 'none') return { index: c.index, evseId: c.ref.evseId };
    return { index: c.index + this.s.connectors.length, evseId: c.ref.evseId + Math.max(...this.s.connectors.map((x) => x.ref.evseId)) };
  }

  /** The status of the station itself (1.6 connectorId 0). */
  stationStatus(): string { return this.s.availability.stationOperative ? 'Available' : 'Unavailable'; }

  /** SendLocalList in either version's words (1.6 §5.15, 2.0.1 D01). */
  protected sendLocalList(version: number, updateType: string, entries: { id: string; info?: AuthInfo }[]): Reply {
    return ok({ status: this.s.auth.update(version, updateType, entries) });
  }
}
