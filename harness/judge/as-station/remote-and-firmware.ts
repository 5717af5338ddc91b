/**
 * The harness's station in the remote control and firmware cases of a CSMS under test: the
 * remote start the CSMS must send (with the operator's token and its type), the transaction
 * events that follow it, an unlock request, and the publishing of a firmware file by a Local
 * Controller (2.0.1 L03/L04). Each judges what the CSMS sends or answers, quoting the rule.
 */
import type { ConnectorRef } from '../../model/layout';
import { type Match, absent, oneOf, present, satisfies } from '../../model/match';
import type { RuleSpec } from '../../model/rules';
import type { Received } from '../scripted-peer';
import type { StationDriver, ToolTransaction } from './station-driver';

export interface RemoteStart {
  request: Received;
  /** 2.0.1: the id the CSMS gave the request, echoed in the transaction's events. */
  remoteStartId?: number;
  /** The token as the CSMS sent it (1.6 idTag, 2.0.1 IdTokenType): the station starts with it. */
  idToken: unknown;
}

/**
 * Waits for the remote start (1.6 RemoteStartTransaction, 2.0.1 RequestStartTransaction) the
 * operator asked for. The token is the operator's (1.6 §5.11; 2.0.1 F01.FR.04 / F02.FR.12: the
 * token the station is to use), in 2.0.1 with the type the facts give it when they give one (the
 * token is the pair idToken + type). The EVSE / connector is the operator's choice, which no
 * requirement names: a soft finding quoting the request's rule.
 */
export async function expectRemoteStart(drv: StationDriver, c: ConnectorRef, token: string, o: { rule: RuleSpec; tokenType?: string }): Promise<RemoteStart> {
  const st = drv.station;
  const rule = drv.rule(o.rule);
  const within = st.timing.actionTimeout;
  if (drv.version === '1.6') {
    const request = await st.expectCall('RemoteStartTransaction', {}, { rule, within });
    await st.expectPayload(request, { idTag: token }, { rule });
    await drv.should(() => st.expectPayload(request, { connectorId: oneOf(absent(), drv.index(c)) }, { rule }));
    return { request, idToken: token };
  }
  const request = await st.expectCall('RequestStartTransaction', { remoteStartId: satisfies('an integer', Number.isInteger) }, { rule, within });
  await st.expectPayload(request, { idToken: { idToken: token, ...(o.tokenType ? { type: o.tokenType } : {}) } }, { rule });
  await drv.should(() => st.expectPayload(request, { evseId: oneOf(absent(), c.evseId) }, { rule }));
  return { request, remoteStartId: request.payload.remoteStartId as number, idToken: request.payload.idToken };
}

/**
 * 2.0.1 cable plugged in first (F01): the transaction the cable opened gets the remote start's
 * token: TransactionEvent Updated, triggerReason RemoteStart, the token and the remoteStartId.
 * The reply must carry the token's status (E01.FR.11/12: the CSMS verifies it and answers).
 */
export function authorizeRunning(drv: StationDriver, tx: ToolTransaction, rs: RemoteStart, expectedInfo: Match, o: { rule: RuleSpec }): Promise<Record<string, unknown>> {
  tx.idToken = (rs.idToken as { idToken?: string }).idToken;
  return drv.expect('TransactionEvent', {
    eventType: 'Updated', timestamp: new Date().toISOString(), triggerReason: 'RemoteStart', seqNo: tx.seqNo++,
    transactionInfo: { transactionId: tx.id, chargingState: 'EVConnected', ...(rs.remoteStartId !== undefined ? { remoteStartId: rs.remoteStartId } : {}) },
    idToken: rs.idToken,
  }, drv.info(expectedInfo), o);
}

/**
 * 2.0.1 the EV did not connect within EVConnectionTimeOut (E03): the station deauthorizes the
 * transaction, TransactionEvent Updated with triggerReason EVConnectTimeout; the CSMS answers.
 */
export function connectTimedOut(drv: StationDriver, tx: ToolTransaction, o: { rule: RuleSpec }): Promise<Record<string, unknown>> {
  return drv.expect('TransactionEvent', {
    eventType: 'Updated', timestamp: new Date().toISOString(), triggerReason: 'EVConnectTimeout', seqNo: tx.seqNo++,
    transactionInfo: { transactionId: tx.id, chargingState: 'Idle' },
  }, {}, o);
}

/**
 * Waits for the UnlockConnector the operator asked for, for connector `c` (1.6 its connectorId
 * counted over the layout; 2.0.1 evseId and connectorId), and returns it (the station's answer is
 * the case's reply rule, given before the operator acts).
 */
export async function expectUnlock(drv: StationDriver, c: ConnectorRef, o: { rule: RuleSpec; level: Partial<Record<'1.6' | '2.0.1', 'shall' | 'should'>> }): Promise<Received | undefined> {
  const st = drv.station;
  const rule = drv.rule(o.rule);
  return drv.level(o.level, async () => {
    const request = await st.expectCall('UnlockConnector', {}, { rule, within: st.timing.actionTimeout });
    await st.expectPayload(request, drv.version === '1.6' ? { connectorId: drv.index(c) } : { evseId: c.evseId, connectorId: c.connectorId }, { rule });
    return request;
  });
}

/** The MD5 checksum of a whole file as PublishFirmwareRequest defines it: 32 hexadecimal characters. */
export const MD5_HEX = satisfies('an MD5 checksum as 32 hexadecimal characters', (v) => typeof v === 'string' && /^[0-9a-fA-F]{32}$/.test(v));

/**
 * 2.0.1 L03: waits for the PublishFirmwareRequest the operator asked for. Sending it at all is the
 * CSMS's choice (Part2§L03, MAY: a soft finding); once sent it must name the location and carry a
 * requestId and the file's MD5 checksum as 32 hexadecimal characters (the message's definition).
 */
export async function expectPublish(drv: StationDriver, location: string): Promise<Received | undefined> {
  const st = drv.station;
  const request = await drv.should(() => st.expectCall('PublishFirmware', {}, { rule: 'Part2§L03', within: st.timing.actionTimeout }));
  if (!request) return undefined;
  await st.expectPayload(request, { requestId: present(), checksum: MD5_HEX }, { rule: 'Part2§PublishFirmwareRequest, L03.FR.02' });
  // The image the operator chose; which one is the operator's choice, no requirement: soft.
  await drv.should(() => st.expectPayload(request, { location }, { rule: 'Part2§L03' }));
  return request;
}

/**
 * The Local Controller reports each new status of the publication (L03.FR.01); the CSMS answers
 * every report: 2.0.1 states no CSMS-side rule for that answer, so a miss is a soft finding citing
 * FR.03 with the RPC rule, as for the FirmwareStatusNotification.
 */
export async function publishStatus(drv: StationDriver, status: string, requestId: number, location?: string): Promise<void> {
  await drv.should(() => drv.expect('PublishFirmwareStatusNotification', { status, requestId, ...(status === 'Published' && location ? { location: [location] } : {}) }, {}, { rule: 'FR.03' }));
}
