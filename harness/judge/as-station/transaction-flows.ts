/**
 * Transaction flows of the harness's station (CSMS under test). 2.0.1: TransactionEvents as a
 * station of any TxStartPoint / TxStopPoint sends them (any trigger and charging state, with the
 * token where authorization happened or without one, seqNo per transaction from 0). Both
 * versions: the sessions OCTT runs in the words of each version (authorization then connection
 * timeout, EV-side disconnect, connector lock failure). Each CSMS reply is checked at the level
 * the version's text gives it.
 */
import { randomUUID } from 'node:crypto';
import type { ConnectorRef } from '../../model/layout';
import type { Match } from '../../model/match';
import type { RuleSpec } from '../../model/rules';
import { REPLY_LEVEL, STATUS_REPLY, STOP_REPLY, type StationDriver, type ToolTransaction } from './station-driver';

/** The CSMS verifies the token of a TransactionEvent and answers with its status (E01.FR.11, E01.FR.12). */
export const TOKEN_REPLY: RuleSpec = { '2.0.1': 'E01.FR.11, E01.FR.12' };
/** The CSMS verifies the token of every transaction message: one it does not accept is answered so (E01.FR.11, E05.FR.01). */
export const INVALID_TOKEN_REPLY: RuleSpec = { '2.0.1': 'E01.FR.11, E05.FR.01' };

export interface TxEvent {
  eventType: 'Started' | 'Updated' | 'Ended';
  /** triggerReason. */
  trigger: string;
  chargingState?: string;
  stoppedReason?: string;
  /** The token the event carries (once, where the authorization happened, and at a local stop). */
  token?: string;
  /** What the reply's idTokenInfo must contain (default status Accepted); only with `token`. */
  expectedInfo?: Match;
  /** The rule of the reply to a token (default TOKEN_REPLY). */
  rule?: RuleSpec;
  /** The meter value is signed (TxStartPoint DataSigned, E01.FR.04). */
  signed?: boolean;
  /** Queued while offline, sent after reconnecting (offline = true, E04.FR.03). */
  offline?: boolean;
  /** This seqNo instead of the next one (a message delivered out of order, filling a gap). */
  seqNo?: number;
}

const CONTEXT = { Started: 'Transaction.Begin', Updated: 'Sample.Periodic', Ended: 'Transaction.End' } as const;

export class TransactionFlows {
  private readonly wh = new Map<string, number>();

  constructor(readonly drv: StationDriver) {}

  /** A new 2.0.1 transaction on `c`: nothing sent yet, its seqNo starts at 0 (E §Sequence number generation). */
  newTransaction(c: ConnectorRef): ToolTransaction { return { id: randomUUID(), connector: c, seqNo: 0, startReply: {} }; }

  private energy(tx: ToolTransaction, e: TxEvent): number {
    const v = (this.wh.get(String(tx.id)) ?? 0) + (e.eventType === 'Started' ? 0 : 250);
    this.wh.set(String(tx.id), v);
    return v;
  }

  /**
   * A 2.0.1 TransactionEvent of `tx`. With a token: the reply must carry idTokenInfo ⊇
   * `expectedInfo` (a SHALL). Without one: the CSMS answers (2.0.1 binds no CSMS to answer a
   * token-less event, E06 only shows it: a miss is a soft finding, REPLY_LEVEL).
   */
  async event(tx: ToolTransaction, e: TxEvent): Promise<Record<string, unknown> | undefined> {
    const drv = this.drv;
    const timestamp = new Date().toISOString();
    const sampled: Record<string, unknown> = { value: this.energy(tx, e), context: CONTEXT[e.eventType], measurand: 'Energy.Active.Import.Register' };
    if (e.signed) sampled.signedMeterValue = { signedMeterData: Buffer.from(`OCMF|{"RD":[{"RV":${sampled.value}}]}`).toString('base64'), signingMethod: 'ECDSA-secp256r1-SHA256', encodingMethod: 'OCMF', publicKey: Buffer.from('harness-test-key').toString('base64') };
    const payload = {
      eventType: e.eventType, timestamp, triggerReason: e.trigger, seqNo: e.seqNo ?? tx.seqNo++, ...(e.offline ? { offline: true } : {}),
      transactionInfo: { transactionId: tx.id, ...(e.chargingState ? { chargingState: e.chargingState } : {}), ...(e.stoppedReason ? { stoppedReason: e.stoppedReason } : {}) },
      ...(e.eventType === 'Started' ? { evse: { id: tx.connector.evseId, connectorId: tx.connector.connectorId } } : {}),
      ...(e.token ? { idToken: drv.idToken(e.token) } : {}),
      meterValue: [{ timestamp, sampledValue: [sampled] }],
    };
    if (e.eventType === 'Started') drv.opened(tx);
    if (e.eventType === 'Ended') drv.closed(tx);
    if (!e.token) return drv.level(REPLY_LEVEL, () => drv.expect('TransactionEvent', payload, {}, { rule: STOP_REPLY }));
    tx.idToken ??= e.token;
    const reply = await drv.expect('TransactionEvent', payload, drv.info(e.expectedInfo ?? { status: 'Accepted' }), { rule: e.rule ?? TOKEN_REPLY });
    if (e.eventType === 'Started') tx.startReply = reply;
    return reply;
  }

  /** A connector status the CSMS answers (1.6 §4.9 SHALL; 2.0.1 a soft finding: REPLY_LEVEL). */
  status(c: ConnectorRef, status: string, errorCode?: string): Promise<unknown> {
    return this.drv.level(REPLY_LEVEL, () => this.drv.status(c, status, { rule: STATUS_REPLY, errorCode }));
  }

  /**
   * Authorization first, then the cable (TC_E_04, TC_004_1): 1.6 Authorize, Preparing,
   * StartTransaction (Accepted), Charging; 2.0.1 (TxStartPoint Authorized) Authorize, Started
   * Authorized with the token (answered with its status: E01.FR.11/12, E03.FR.02), Occupied,
   * Updated CablePluggedIn / EVConnected, Updated Charging. Returns the running transaction.
   */
  async authorizationFirst(c: ConnectorRef, token: string): Promise<ToolTransaction> {
    const drv = this.drv;
    await drv.authorize(token, { status: 'Accepted' }, { rule: { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.07' } });
    if (drv.version === '1.6') {
      await this.status(c, 'Preparing');
      const tx = await drv.startTransaction(c, token, { status: 'Accepted' }, { rule: { '1.6': '1.6§4.8' } });
      await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
      return tx;
    }
    const tx = this.newTransaction(c);
    await this.event(tx, { eventType: 'Started', trigger: 'Authorized', chargingState: 'Idle', token, rule: { '2.0.1': 'E01.FR.11, E01.FR.12, E03.FR.02' } });
    await this.pluggedIn(tx);
    await this.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'Charging' });
    return tx;
  }

  /** 2.0.1 Reusable State EVConnectedPreSession in a running transaction: Occupied, Updated CablePluggedIn / EVConnected. */
  async pluggedIn(tx: ToolTransaction): Promise<void> {
    await this.status(tx.connector, 'Occupied');
    await this.event(tx, { eventType: 'Updated', trigger: 'CablePluggedIn', chargingState: 'EVConnected' });
  }

  /**
   * 2.0.1 Reusable States StopAuthorized, EVConnectedPostSession and EVDisconnected: the same
   * card ends the authorization (Updated StopAuthorized with the token, answered with its status),
   * the energy stops (Updated ChargingStateChanged / EVConnected), the cable leaves (Available;
   * Ended EVCommunicationLost / Idle / EVDisconnected).
   */
  async stopAndUnplug(tx: ToolTransaction, token: string): Promise<void> {
    await this.event(tx, { eventType: 'Updated', trigger: 'StopAuthorized', token, rule: { '2.0.1': 'E01.FR.12' } });
    await this.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'EVConnected' });
    await this.status(tx.connector, 'Available');
    await this.event(tx, { eventType: 'Ended', trigger: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' });
  }

  /**
   * The driver is authorized but plugs no cable in before the connection timeout (TC_E_39,
   * TC_004_2). 2.0.1 (TxStartPoint Authorized): the transaction starts at the authorization and
   * ends with EVConnectTimeout / Timeout. 1.6: the connector goes Preparing, then Available again.
   */
  async authorizedThenTimeout(c: ConnectorRef, token: string): Promise<void> {
    const drv = this.drv;
    await drv.authorize(token, { status: 'Accepted' }, { rule: { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.07' } });
    if (drv.version === '1.6') {
      await this.status(c, 'Preparing');
      await this.status(c, 'Available');
      return;
    }
    const tx = this.newTransaction(c);
    await this.event(tx, { eventType: 'Started', trigger: 'Authorized', chargingState: 'Idle', token });
    await this.event(tx, { eventType: 'Ended', trigger: 'EVConnectTimeout', chargingState: 'Idle', stoppedReason: 'Timeout' });
  }

  /**
   * The EV suspends charging, then the cable is pulled out at the EV (TC_E_17, TC_005_1):
   * 1.6 StatusNotification SuspendedEV, StopTransaction EVDisconnected, Finishing, Available;
   * 2.0.1 Updated ChargingStateChanged SuspendedEV, Ended EVCommunicationLost / Idle / EVDisconnected.
   */
  async evSideDisconnect(tx: ToolTransaction): Promise<void> {
    const drv = this.drv;
    if (drv.version === '1.6') {
      await this.status(tx.connector, 'SuspendedEV');
      await drv.level(REPLY_LEVEL, () => drv.stopTransaction(tx, { rule: STOP_REPLY, reason: 'EVDisconnected' }));
      await this.status(tx.connector, 'Finishing');
      await this.status(tx.connector, 'Available');
      return;
    }
    await this.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'SuspendedEV' });
    await this.event(tx, { eventType: 'Ended', trigger: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' });
  }
}
