/**
 * The harness's station in the remote control and firmware cases of a CSMS under test: the
 * remote start the CSMS must send (with the operator's token and its type), the transaction
 * events that follow it, an unlock request, and the publishing of a firmware file by a Local
 * Controller (2.0.1 L03/L04). Each judges what the CSMS sends or answers, quoting the rule.
 */
import type { ConnectorRef } from '../../model/layout';
import { type Match, absent, oneOf, present, satisfies } from '../../model/match';
import type { RuleSpec } from '../../model/rules';
import type { CsmsAction } from '../../model/csms-actions';
import { ms } from '../../model/timing';
import type { Received } from '../scripted-peer';
import type { ScriptedStation } from './scripted-station';
import { REPLY_LEVEL, STATUS_REPLY, STOP_REPLY, type StationDriver, type ToolTransaction } from './station-driver';

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

/**
 * The steps of a firmware update as the harness's station tells it: a status (1.6 plain
 * FirmwareStatusNotification, else the signed / 2.0.1 one with the requestId), a security event,
 * every connector Unavailable (1.6 plain install), the idle connectors Unavailable (2.0.1
 * AllowNewSessionsPendingFirmwareUpdate false), the reboot into the new firmware, the end of the
 * running transaction, or a second update request from the operator ('cancel').
 */
export type FirmwareStep = 'InvalidFirmwareSigningCertificate' | 'Downloading' | 'Downloaded' | 'SignatureVerified' | 'Unavailable' | 'IdleUnavailable' | 'Installing' | 'InstallRebooting' | 'reboot' | 'Installed' | 'FirmwareUpdated'
  | 'DownloadFailed' | 'InvalidSignature' | 'InstallVerificationFailed' | 'InstallationFailed' | 'InvalidFirmwareSignature'
  | 'InstallScheduled' | 'DownloadScheduled' | 'cancel' | 'endTransaction';

export interface FirmwareUpdate {
  station: ScriptedStation;
  drv: StationDriver;
  stationId: string;
  operate: (a: CsmsAction) => Promise<void>;
  location: string;
  signed: boolean;
  steps: FirmwareStep[];
  /** The station's answer to the (first) update request, when not Accepted. */
  answer?: string;
  /** The operator schedules the download or the installation this many spec seconds ahead (2.0.1 retrieveDateTime / installDateTime). */
  schedule?: { at: 'retrieve' | 'install'; inSeconds: number };
  /** 'cancel': the station's answer to the second request (AcceptedCanceled: the second update runs from then on; Rejected: the first goes on). */
  cancelAnswer?: 'AcceptedCanceled' | 'Rejected';
  /** 'endTransaction' and 'IdleUnavailable': the transaction running during the update. */
  transaction?: ToolTransaction;
}

/**
 * The update request the CSMS must send, then the station's side of the story, step by step.
 *  - The request carries the configured location: 1.6 §5.19 (plain UpdateFirmware, SHALL); 2.0.1 and the
 *    1.6 whitepaper state no CSMS-side rule for the location (the operator's choice): a soft finding
 *    citing the rule of the same request, L01.FR.11. Sending the request at all on the operator's
 *    request is likewise no requirement of its own: soft, except 1.6 plain (§5.19).
 *  - A secure request carries the signing certificate and the signature: L01.FR.11 (2.0.1 and whitepaper).
 *  - A scheduled update carries the time the operator chose (2.0.1 FirmwareType retrieveDateTime /
 *    installDateTime: the CSMS's option, Part2§FirmwareType, a soft finding when it drops it).
 *  - The CSMS answers every notification: 1.6 §4.5 for the plain FirmwareStatusNotification (SHALL);
 *    2.0.1 and the whitepaper's SignedFirmwareStatusNotification / SecurityEventNotification state no
 *    CSMS-side rule: soft findings (2.0.1 citing FR.03, 1.6 citing §4.5).
 */
export async function runFirmwareUpdate(o: FirmwareUpdate): Promise<void> {
  const { station, drv, signed } = o;
  const plain = drv.version === '1.6' && !signed;
  const action = plain ? 'UpdateFirmware' : drv.version === '1.6' ? 'SignedUpdateFirmware' : 'UpdateFirmware';
  if (o.answer) station.reply(action, { status: o.answer }, { times: 1 });
  const when = o.schedule ? new Date(Date.now() + ms(station.timing, o.schedule.inSeconds)).toISOString() : undefined;
  const times = o.schedule?.at === 'retrieve' ? { retrieveDateTime: when } : o.schedule?.at === 'install' ? { installDateTime: when } : {};
  const within = station.timing.actionTimeout;
  const requestLevel = { '1.6': plain ? 'shall' : 'should', '2.0.1': 'should' } as const;
  const requestRule = drv.rule({ '1.6': plain ? '1.6§5.19' : 'L01.FR.11', '2.0.1': 'L01.FR.11' });
  const request = async (): Promise<Received | undefined> => {
    await o.operate({ type: 'updateFirmware', stationId: o.stationId, location: o.location, signed, ...times });
    const req = await drv.level(requestLevel, () => station.expectCall(action, plain ? { retrieveDate: present() } : { requestId: present() }, { rule: requestRule, within }));
    if (!req) return undefined;
    // The configured image (OCTT: "location = <Firmware Download URL from test data>").
    await drv.level(requestLevel, () => station.expectPayload(req, plain ? { location: o.location } : { firmware: { location: o.location } }, { rule: requestRule }));
    // 2.0.1 L01.FR.11 (certificate) with L01.FR.09 (updates are signed); the 1.6 whitepaper's L01.FR.11 likewise.
    if (!plain) await station.expectPayload(req, { firmware: { signingCertificate: present(), signature: present() } }, { rule: drv.rule({ '1.6': 'L01.FR.11', '2.0.1': 'L01.FR.11, L01.FR.09' }) });
    if (o.schedule && when) {
      const field = o.schedule.at === 'retrieve' ? 'retrieveDateTime' : 'installDateTime';
      const notBefore = Date.parse(when) - ms(station.timing, 1) - 1000;
      await drv.should(() => station.expectPayload(req, { firmware: { [field]: satisfies(`the time the operator chose (${when}), in the future`, (v) => typeof v === 'string' && Date.parse(v) >= notBefore) } }, { rule: 'Part2§FirmwareType' }));
    }
    return req;
  };
  const first = await request();
  if (!first) return;
  let requestId = plain ? undefined : first.payload.requestId as number;
  const notifyLevel = { '1.6': plain ? 'shall' : 'should', '2.0.1': 'should' } as const;
  const notifyRule = { '1.6': '1.6§4.5', '2.0.1': 'FR.03' };
  for (const step of o.steps) {
    if (step === 'reboot') {
      await station.steps('Station reboots into the new firmware', async () => {
        await station.disconnect(1001, 'rebooting');
        await station.connect({ rule: drv.rule({ '1.6': '1.6J§3.2', '2.0.1': 'Part4§3.2' }) });
        await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' }, reason: 'FirmwareUpdate' });
        await drv.level(REPLY_LEVEL, () => drv.reportAll('Available', { rule: STATUS_REPLY }));
      });
    } else if (step === 'Unavailable' || step === 'IdleUnavailable') {
      const busy = o.transaction?.connector;
      for (const c of drv.connectors) {
        if (step === 'IdleUnavailable' && busy && c.evseId === busy.evseId && c.connectorId === busy.connectorId) continue;
        await drv.level(REPLY_LEVEL, () => drv.status(c, 'Unavailable', { rule: STATUS_REPLY }));
      }
    } else if (step === 'endTransaction') {
      const tx = o.transaction!;
      await drv.level(REPLY_LEVEL, () => drv.stopTransaction(tx, { rule: STOP_REPLY, reason: 'Local', trigger: 'EVCommunicationLost' }));
      await drv.level(REPLY_LEVEL, () => drv.status(tx.connector, 'Unavailable', { rule: STATUS_REPLY }));
    } else if (step === 'cancel') {
      station.reply(action, { status: o.cancelAnswer ?? 'AcceptedCanceled' }, { times: 1 });
      const second = await request();
      if (!second) return;
      if (o.cancelAnswer !== 'Rejected' && !plain) requestId = second.payload.requestId as number;
    } else if (step === 'FirmwareUpdated' || step === 'InvalidFirmwareSignature' || step === 'InvalidFirmwareSigningCertificate') {
      await drv.should(() => drv.securityEvent(step, { rule: notifyRule }));
    } else {
      await drv.level(notifyLevel, () => drv.firmwareStatus(step, requestId, { rule: notifyRule }));
    }
  }
}
