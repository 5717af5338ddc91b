/** The simulated station in OCPP 2.0.1 words. */
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import type { AuthInfo, Token } from './authorization';
import type { ConnectorState } from './connectors';
import { answerWith, BaseDialect, type Dialect, notImplemented, now, ok, STOP_REASON } from './dialect';
import type { Transaction } from './transactions';

type IdTokenInfo = { status: string; groupIdToken?: { idToken: string }; cacheExpiryDateTime?: string };
const authInfoOf = (info: IdTokenInfo): AuthInfo => ({ status: info.status, groupId: info.groupIdToken?.idToken, expiry: info.cacheExpiryDateTime });

export class Dialect201 extends BaseDialect implements Dialect {
  readonly reportsStation = false;
  private eventId = 1;

  async reportLockFailure(c: ConnectorState): Promise<void> {
    await this.s.send('NotifyEvent', {
      generatedAt: now(), seqNo: 0, eventData: [{
        eventId: this.eventId++, timestamp: now(), trigger: 'Delta', actualValue: 'true', eventNotificationType: 'HardWiredNotification',
        component: { name: 'ConnectorPlugRetentionLock', evse: { id: c.ref.evseId, connectorId: c.ref.connectorId } }, variable: { name: 'Problem' },
      }],
    });
  }

  bootRequest(reason: string): Record<string, unknown> {
    const id = this.s.identity;
    const fields = this.s.wording.optionalFields;
    return { reason, chargingStation: {
      model: id.model, vendorName: id.vendor, serialNumber: id.serialNumber, ...(fields === 'minimal' ? {} : { firmwareVersion: id.firmwareVersion }),
      ...(fields === 'all' ? { modem: { iccid: '8931000000000000001', imsi: '204080000000001' } } : {}),
    } };
  }

  statusOf(c: ConnectorState): string {
    if (c.fault) return 'Faulted';
    if (c.tx) return 'Occupied';
    if (!this.s.availability.isOperative(c)) return 'Unavailable';
    if (this.s.reservations.holds(c)) return 'Reserved'; // H01.FR.23 (G01.FR.09: a cable plugged in does not change it)
    if (c.plugged) return 'Occupied';
    return 'Available';
  }

  statusNotification(c: ConnectorState, status: string): Record<string, unknown> {
    return { timestamp: now(), connectorStatus: status, evseId: c.ref.evseId, connectorId: c.ref.connectorId };
  }

  stationStatusNotification(): Record<string, unknown> { throw new Error('2.0.1 has no station-level StatusNotification'); }

  authorizeRequest(token: Token): Record<string, unknown> { return this.token(token); }

  authInfo(reply: Record<string, unknown> | undefined): AuthInfo | undefined {
    const info = reply?.idTokenInfo as IdTokenInfo | undefined;
    return info && authInfoOf(info);
  }

  /** Queues a TransactionEvent; seqNo and time are fixed now, `offline` when it is delivered late (E04). */
  private txEvent(c: ConnectorState, tx: Transaction, eventType: string, triggerReason: string, info: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Record<string, unknown> | undefined> {
    const seqNo = tx.seqNo;
    tx.seqNo += this.s.tx.policy.seqNoStep;
    const timestamp = now();
    const all = this.s.wording.optionalFields === 'all';
    return this.s.tx.send('TransactionEvent', (offline) => ({
      eventType, timestamp, triggerReason, seqNo,
      transactionInfo: { transactionId: String(tx.id), ...info },
      ...(eventType === 'Started' || all ? { evse: { id: this.txPlace(c).evseId, connectorId: c.ref.connectorId } } : {}),
      ...(eventType === 'Started' && all ? { numberOfPhasesUsed: 3, cableMaxCurrent: 32 } : {}),
      ...(offline ? { offline: true } : {}),
      ...extra,
    }));
  }

  private token(t: Token): Record<string, unknown> { return { idToken: { idToken: t.idToken, type: t.type } }; }
  private meter(c: ConnectorState, context: string): Record<string, unknown> {
    const fields = this.s.wording.optionalFields;
    // E01.FR.09: Transaction.Begin values only when TxStartedMeasurands is configured (ours is not): minimal leaves them out.
    if (fields === 'minimal' && context === 'Transaction.Begin') return {};
    const extra = fields === 'all' ? { location: 'Outlet', unitOfMeasure: { unit: 'Wh' } } : {};
    return { meterValue: [{ timestamp: now(), sampledValue: [{ value: this.meterReading(c), context, measurand: 'Energy.Active.Import.Register', ...extra }] }] };
  }

  /** The chargingState of a transaction now (E01 S5: SuspendedEV while the EV does not draw). */
  private chargingState(c: ConnectorState, tx: Transaction): string {
    if (tx.charging) return tx.evDrawing ? 'Charging' : 'SuspendedEV';
    return c.plugged ? 'EVConnected' : 'Idle';
  }

  async txStarted(c: ConnectorState, tx: Transaction): Promise<AuthInfo | undefined> {
    const started = (): Promise<Record<string, unknown> | undefined> => this.txEvent(c, tx, 'Started', tx.trigger,
      { chargingState: this.chargingState(c, tx), ...(tx.remoteStartId !== undefined ? { remoteStartId: tx.remoteStartId } : {}) },
      { ...(tx.token ? this.token(tx.token) : {}), ...this.meter(c, 'Transaction.Begin') });
    const reply = await started();
    return this.authInfo(reply);
  }

  async txUpdated(c: ConnectorState, tx: Transaction, triggerReason: string, withToken: boolean): Promise<AuthInfo | undefined> {
    const reply = await this.txEvent(c, tx, 'Updated', triggerReason,
      { chargingState: this.chargingState(c, tx), ...(withToken && triggerReason === 'RemoteStart' && tx.remoteStartId !== undefined ? { remoteStartId: tx.remoteStartId } : {}) },
      withToken && tx.token ? this.token(tx.token) : {});
    return this.authInfo(reply);
  }

  txStopRequested(c: ConnectorState, tx: Transaction): boolean {
    const { trigger, by, reason } = tx.stopped!;
    if (this.s.tx.endsOnStopRequest) {
      // TxStopPoint Authorized (E06.FR.03): the end of authorization ends the transaction.
      void this.txEvent(c, tx, 'Ended', trigger, { chargingState: c.plugged ? 'EVConnected' : 'Idle', stoppedReason: reason ?? STOP_REASON[trigger] }, { ...(by ? this.token(by) : {}), ...this.meter(c, 'Transaction.End') });
      return true;
    }
    // TxStopPoint EVConnected: energy stops now (E05.FR.09, F03.FR.02, E07), the transaction ends when the cable is out.
    void this.txEvent(c, tx, 'Updated', trigger, { chargingState: 'EVConnected' }, by ? this.token(by) : {});
    return false;
  }

  txEnded(c: ConnectorState, tx: Transaction, reason: string): void {
    const trigger = reason === 'EVDisconnected' ? 'EVCommunicationLost' : reason === 'ImmediateReset' ? 'ResetCommand' : reason === 'Timeout' ? 'EVConnectTimeout' : 'AbnormalCondition';
    const stoppedReason = tx.stopped ? tx.stopped.reason ?? STOP_REASON[tx.stopped.trigger] : reason;
    void this.txEvent(c, tx, 'Ended', trigger, { chargingState: 'Idle', stoppedReason }, this.meter(c, 'Transaction.End'));
    if (this.s.tx.policy.updatesAfterEnded) void this.txEvent(c, tx, 'Updated', 'MeterValuePeriodic', { chargingState: 'Idle' }, this.meter(c, 'Sample.Periodic'));
  }

  async txSuspended(c: ConnectorState, tx: Transaction): Promise<void> {
    await this.txEvent(c, tx, 'Updated', 'ChargingStateChanged', { chargingState: 'SuspendedEVSE' });
  }

  async txMeterValues(c: ConnectorState, tx: Transaction, context: 'Sample.Periodic' | 'Sample.Clock' = 'Sample.Periodic'): Promise<void> {
    await this.txEvent(c, tx, 'Updated', context === 'Sample.Clock' ? 'MeterValueClock' : 'MeterValuePeriodic', { chargingState: this.chargingState(c, tx) }, this.meter(c, context));
  }

  /** A triggered TransactionEvent (F06.FR.07): the current chargingState and meter reading. */
  async txTriggered(c: ConnectorState, tx: Transaction): Promise<void> {
    const reason = this.s.remote.policy.triggeredTxEvent;
    await this.txEvent(c, tx, 'Updated', reason, { chargingState: this.chargingState(c, tx) }, this.meter(c, reason === 'Trigger' ? 'Trigger' : 'Sample.Periodic'));
  }

  async firmwareStatus(status: string, requestId?: number): Promise<void> {
    await this.s.send('FirmwareStatusNotification', { status, ...(requestId !== undefined ? { requestId } : {}) }, true);
  }

  handle(call: CallFrame): Reply | Promise<Reply> {
    const { s } = this;
    const p = call.payload as Record<string, never>;
    switch (call.action) {
      case 'ChangeAvailability': {
        const evse = p.evse as { id: number; connectorId?: number } | undefined;
        return ok({ status: s.availability.change(evse ? { evseId: evse.id, connectorId: evse.connectorId } : {}, p.operationalStatus === 'Operative') });
      }
      case 'TriggerMessage': return this.triggerMessage(p.requestedMessage as string, p.evse as { id: number; connectorId?: number } | undefined);
      case 'Reset':
        if (p.evseId !== undefined) return ok({ status: s.evseReset.reset(String(p.type), Number(p.evseId)) }); // B11.FR.08/09, B12.FR.07-09 (evse-reset.ts)
        return ok({ status: p.type === 'OnIdle' ? s.remote.resetOnIdle('RemoteReset') : s.remote.reset('RemoteReset', 'ImmediateReset') });
      case 'RequestStartTransaction': {
        const token = p.idToken as { idToken: string; type: string };
        const evseId = p.evseId as number | undefined;
        return answerWith(s.remote.remoteStart(token, evseId === undefined ? undefined : { evseId, connectorId: 1 }, Number(p.remoteStartId)));
      }
      case 'RequestStopTransaction': return ok({ status: s.remote.remoteStop(String(p.transactionId)) });
      // D02.FR.02/03: 0 when no update was received or the list is not enabled.
      case 'GetLocalListVersion': {
        const r = s.auth.versionReport();
        return ok({ versionNumber: r.enabled ? r.version : 0 });
      }
      case 'SendLocalList': {
        const list = (p.localAuthorizationList ?? []) as { idToken: { idToken: string }; idTokenInfo?: IdTokenInfo }[];
        return this.sendLocalList(Number(p.versionNumber), String(p.updateType), list.map((e) => ({ id: e.idToken.idToken, info: e.idTokenInfo && authInfoOf(e.idTokenInfo) })));
      }
      case 'ClearCache': return ok({ status: s.auth.clearCache() });
      case 'UpdateFirmware': {
        const fw = p.firmware as { location: string; retrieveDateTime: string; installDateTime?: string; signingCertificate?: string; signature?: string };
        return ok({ status: s.firmware.start({ location: fw.location, retrieveAt: new Date(fw.retrieveDateTime), installAt: fw.installDateTime ? new Date(fw.installDateTime) : undefined, retries: Number(p.retries ?? 0), retryInterval: Number(p.retryInterval ?? 30), requestId: Number(p.requestId), signature: fw.signature, signingCertificate: fw.signingCertificate }, true) });
      }
      case 'UnlockConnector': {
        // F05: UnknownConnector (FR.03), OngoingAuthorizedTransaction (FR.02), Unlocked (FR.04) or UnlockFailed (FR.05; a fixed cable has no lock to open).
        const outcome = s.lock.unlock(s.connectors.find((c) => c.ref.evseId === Number(p.evseId) && c.ref.connectorId === Number(p.connectorId)), 'refuse');
        return ok({ status: { unknownConnector: 'UnknownConnector', noLock: 'UnlockFailed', ongoingTransaction: 'OngoingAuthorizedTransaction', unlocked: 'Unlocked', failed: 'UnlockFailed' }[outcome] });
      }
      case 'DataTransfer': return ok({ status: 'UnknownVendorId' });
      default: return notImplemented(call.action);
    }
  }

  /** TriggerMessage (F06): for the EVSE (or connector) given, else all. */
  private triggerMessage(requested: string, evse: { id: number; connectorId?: number } | undefined): Reply | Promise<Reply> {
    const { s } = this;
    const conns = s.connectors.filter((c) => !evse || (c.ref.evseId === evse.id && (evse.connectorId === undefined || c.ref.connectorId === evse.connectorId)));
    if (evse && conns.length === 0) return ok({ status: 'Rejected' });
    switch (requested) {
      case 'BootNotification':
        if (s.registration.status === 'Accepted' && s.remote.policy.rejectsBootTriggerWhenAccepted) return ok({ status: 'Rejected' }); // F06.FR.17
        return s.remote.trigger(() => s.registration.trigger());
      case 'Heartbeat': return s.remote.trigger(() => void s.send('Heartbeat', {}, true));
      case 'StatusNotification': return s.remote.trigger(() => void (async () => { for (const c of conns) await s.status.send(c, true); })());
      case 'MeterValues': return s.remote.trigger(() => void (async () => {
        for (const e of [...new Set(conns.map((c) => c.ref.evseId))]) {
          const c = conns.find((x) => x.ref.evseId === e)!;
          await s.send('MeterValues', { evseId: e, meterValue: [{ timestamp: now(), sampledValue: [{ value: this.meterReading(c), context: 'Trigger' }] }] }, true);
        }
      })());
      case 'FirmwareStatusNotification': return s.remote.trigger(() => void s.send('FirmwareStatusNotification', { status: ['Installed', 'Idle'].includes(s.firmware.status) ? 'Idle' : s.firmware.status }, true));
      case 'LogStatusNotification': return s.remote.trigger(() => void s.send('LogStatusNotification', { status: 'Idle' }, true));
      case 'TransactionEvent': {
        // F06.FR.07 / F06.FR.11: one event per EVSE with a transaction; none to report: Rejected (F06.FR.05, the station's choice).
        const running = [...new Map(conns.filter((c) => c.tx).map((c) => [c.ref.evseId, c] as const)).values()];
        if (!running.length) return ok({ status: 'Rejected' });
        const reported = evse || s.remote.policy.triggersEveryEvse ? running : running.slice(0, 1);
        return s.remote.trigger(() => void (async () => { for (const c of reported) if (c.tx) await this.txTriggered(c, c.tx); })());
      }
      default: return ok({ status: 'NotImplemented' });
    }
  }
}
