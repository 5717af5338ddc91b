/** The simulated station in OCPP 1.6J words (with the security extension's messages). */
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import type { AuthInfo, Token } from './authorization';
import type { ConnectorState } from './connectors';
import { answerWith, BaseDialect, type Dialect, notImplemented, now, ok, STOP_REASON } from './dialect';
import type { Transaction } from './transactions';

type IdTagInfo = { status: string; parentIdTag?: string; expiryDate?: string };
const authInfoOf = (info: IdTagInfo): AuthInfo => ({ status: info.status, groupId: info.parentIdTag, expiry: info.expiryDate });

export class Dialect16 extends BaseDialect implements Dialect {
  readonly reportsStation = true;

  bootRequest(): Record<string, unknown> {
    const id = this.s.identity;
    const fields = this.s.wording.optionalFields;
    return {
      chargePointVendor: id.vendor, chargePointModel: id.model, chargePointSerialNumber: id.serialNumber,
      ...(fields === 'minimal' ? {} : { firmwareVersion: id.firmwareVersion }),
      ...(fields === 'all' ? { chargeBoxSerialNumber: id.serialNumber, iccid: '8931000000000000001', imsi: '204080000000001', meterType: 'SIM-METER', meterSerialNumber: 'MTR-0001' } : {}),
    };
  }

  statusOf(c: ConnectorState): string {
    if (c.fault) return 'Faulted';
    if (c.tx) return c.tx.charging ? (c.tx.evDrawing ? 'Charging' : 'SuspendedEV') : 'SuspendedEVSE';
    if (!this.s.availability.isOperative(c)) return 'Unavailable';
    if (c.plugged && c.finishing) return 'Finishing';
    if (c.plugged || c.authorized) return 'Preparing';
    return 'Available';
  }

  statusNotification(c: ConnectorState, status: string): Record<string, unknown> {
    const fields = this.s.wording.optionalFields;
    return {
      connectorId: c.index, errorCode: c.fault ?? 'NoError', status, ...(fields === 'minimal' ? {} : { timestamp: now() }),
      ...(fields === 'all' ? { info: c.fault ? `fault ${c.fault}` : 'ok', vendorId: 'OcppHarness' } : {}),
    };
  }

  stationStatusNotification(): Record<string, unknown> {
    return { connectorId: 0, errorCode: 'NoError', status: this.stationStatus(), timestamp: now() };
  }

  authorizeRequest(token: Token): Record<string, unknown> { return { idTag: token.idToken }; }

  authInfo(reply: Record<string, unknown> | undefined): AuthInfo | undefined {
    const info = reply?.idTagInfo as IdTagInfo | undefined;
    return info && authInfoOf(info);
  }

  private txId(tx: Transaction): number { return typeof tx.id === 'number' ? tx.id : 0; }

  async txStarted(c: ConnectorState, tx: Transaction): Promise<AuthInfo | undefined> {
    const timestamp = now();
    const reply = await this.s.tx.send('StartTransaction', () => ({ connectorId: this.txPlace(c).index, idTag: tx.token!.idToken, meterStart: tx.meterStart, timestamp }));
    if (reply) tx.id = Number(reply.transactionId);
    return this.authInfo(reply);
  }

  txStopRequested(c: ConnectorState, tx: Transaction): boolean {
    this.stopTransaction(c, tx, STOP_REASON[tx.stopped!.trigger], tx.stopped!.by);
    return true;
  }

  txEnded(c: ConnectorState, tx: Transaction, reason: string): void { this.stopTransaction(c, tx, reason); }

  private stopTransaction(c: ConnectorState, tx: Transaction, reason: string, by?: Token): void {
    const meterStop = this.meterReading(c);
    const timestamp = now();
    const fields = this.s.wording.optionalFields;
    // §6.49: an absent reason means Local.
    const why = fields === 'minimal' && reason === 'Local' ? {} : { reason };
    const data = fields === 'all' ? { transactionData: [
      { timestamp: tx.startedAt ?? timestamp, sampledValue: [this.sampled(tx.meterStart, 'Transaction.Begin')] },
      { timestamp, sampledValue: [this.sampled(meterStop, 'Transaction.End')] },
    ] } : {};
    void this.s.tx.send('StopTransaction', () => ({ transactionId: this.txId(tx), ...(by ? { idTag: by.idToken } : {}), meterStop, timestamp, ...why, ...data }));
  }

  async txSuspended(): Promise<void> { /* 1.6: the status (SuspendedEVSE) tells */ }

  /** An energy register sample (§7.43 SampledValue): minimal leaves out what has a default (Sample.Periodic, Energy.Active.Import.Register, Wh). */
  private sampled(wh: number, context: string): Record<string, unknown> {
    const fields = this.s.wording.optionalFields;
    if (fields === 'minimal') return { value: String(wh), ...(context === 'Sample.Periodic' ? {} : { context }) };
    return { value: String(wh), context, measurand: 'Energy.Active.Import.Register', unit: 'Wh', ...(fields === 'all' ? { format: 'Raw', location: 'Outlet' } : {}) };
  }

  async txUpdated(): Promise<AuthInfo | undefined> { return undefined; /* 1.6: the status tells */ }

  async firmwareStatus(status: string, requestId?: number): Promise<void> {
    if (requestId === undefined) await this.s.send('FirmwareStatusNotification', { status }, true);
    else await this.s.send('SignedFirmwareStatusNotification', { status, requestId }, true);
  }

  async txMeterValues(c: ConnectorState, tx: Transaction, context: 'Sample.Periodic' | 'Sample.Clock' = 'Sample.Periodic'): Promise<void> {
    const value = this.meterReading(c);
    const timestamp = now();
    await this.s.tx.send('MeterValues', () => ({ connectorId: c.index, transactionId: this.txId(tx), meterValue: [{ timestamp, sampledValue: [this.sampled(value, context)] }] }));
  }

  handle(call: CallFrame): Reply | Promise<Reply> {
    const { s } = this;
    const p = call.payload as Record<string, never>;
    switch (call.action) {
      case 'ChangeAvailability': {
        const id = Number(p.connectorId);
        const target = id === 0 ? {} : s.connectors.find((c) => c.index === id)?.ref;
        if (!target) return ok({ status: 'Rejected' });
        return ok({ status: s.availability.change(target, p.type === 'Operative') });
      }
      case 'TriggerMessage': return this.triggerMessage(p.requestedMessage as string, p.connectorId as number | undefined);
      case 'Reset': return ok({ status: s.remote.reset('PowerUp', p.type === 'Hard' ? 'HardReset' : 'SoftReset') });
      case 'GetConfiguration': {
        const keys = p.key as string[] | undefined;
        const known = s.settings.all.filter((x) => x.key16 && (!keys?.length || keys.includes(x.key16)));
        const unknownKey = (keys ?? []).filter((k) => !s.settings.all.some((x) => x.key16 === k));
        if (s.settings.policy.knowsEveryKey) {
          return ok({ configurationKey: [...known.map((x) => ({ key: x.key16, readonly: !!x.readonly })), ...unknownKey.map((k) => ({ key: k, readonly: false, value: '' }))] });
        }
        return ok({ configurationKey: known.map((x) => ({ key: x.key16, readonly: s.settings.reportedReadonly(x), ...(x.writeOnly ? {} : { value: x.value }) })), ...(unknownKey.length ? { unknownKey } : {}) });
      }
      case 'ChangeConfiguration': {
        const setting = s.settings.all.find((x) => x.key16 === p.key);
        if (!setting && s.settings.policy.knowsEveryKey) return ok({ status: 'Accepted' });
        return ok({ status: s.settings.change(setting, String(p.value)) });
      }
      case 'ClearCache': return ok({ status: s.auth.clearCache() });
      case 'RemoteStartTransaction': {
        const id = p.connectorId as number | undefined;
        if (id === 0 && s.remote.policy.rejectsConnectorZero) return ok({ status: 'Rejected' }); // OCTT TC_027_CS: connectorId 0 is not a connector
        const ref = id === undefined || id === 0 ? undefined : s.connectors.find((c) => c.index === id)?.ref;
        if (id !== undefined && id !== 0 && !ref) return ok({ status: 'Rejected' });
        return answerWith(s.remote.remoteStart({ idToken: String(p.idTag), type: 'Central' }, ref));
      }
      case 'RemoteStopTransaction': return ok({ status: s.remote.remoteStop(Number(p.transactionId)) });
      case 'GetLocalListVersion': {
        if (!s.auth.listSupported) return { error: { code: 'NotSupported', description: 'no LocalAuthListManagement feature profile' } };
        // 1.6 §5.10: -1 = no local list support (or switched off), 0 = the list is empty.
        const r = s.auth.versionReport();
        return ok({ listVersion: !r.enabled ? -1 : r.empty ? 0 : r.version });
      }
      case 'SendLocalList': {
        if (!s.auth.listSupported) return s.auth.unsupportedListReply === 'Failed' ? ok({ status: 'Failed' }) : { error: { code: 'NotSupported', description: 'no LocalAuthListManagement feature profile' } };
        const list = (p.localAuthorizationList ?? []) as { idTag: string; idTagInfo?: IdTagInfo }[];
        return this.sendLocalList(Number(p.listVersion), String(p.updateType), list.map((e) => ({ id: e.idTag, info: e.idTagInfo && authInfoOf(e.idTagInfo) })));
      }
      case 'UpdateFirmware':
        s.firmware.start({ location: String(p.location), retrieveAt: new Date(String(p.retrieveDate)), retries: Number(p.retries ?? 0), retryInterval: Number(p.retryInterval ?? 30) }, false);
        return ok({});
      case 'SignedUpdateFirmware': {
        const fw = p.firmware as { location: string; retrieveDateTime: string; installDateTime?: string; signingCertificate: string; signature: string };
        return ok({ status: s.firmware.start({ location: fw.location, retrieveAt: new Date(fw.retrieveDateTime), installAt: fw.installDateTime ? new Date(fw.installDateTime) : undefined, retries: Number(p.retries ?? 0), retryInterval: Number(p.retryInterval ?? 30), requestId: Number(p.requestId), signature: fw.signature, signingCertificate: fw.signingCertificate }, true) });
      }
      case 'UnlockConnector': {
        // 1.6 §5.18, §7.46: NotSupported for no lock (fixed cable) or an unknown connectorId; a transaction is finished first.
        const outcome = s.lock.unlock(s.connectors.find((c) => c.index === Number(p.connectorId)), 'finishFirst');
        return ok({ status: { unknownConnector: 'NotSupported', noLock: 'NotSupported', ongoingTransaction: 'UnlockFailed', unlocked: 'Unlocked', failed: 'UnlockFailed' }[outcome] });
      }
      case 'DataTransfer': return ok({ status: 'UnknownVendorId' });
      default: return notImplemented(call.action);
    }
  }

  /** TriggerMessage (1.6 §5.17): connectorId absent = all connectors, 0 = the Charge Point. */
  private triggerMessage(requested: string, id: number | undefined): Reply | Promise<Reply> {
    const { s } = this;
    if (id !== undefined && id > s.connectors.length && s.remote.policy.checksTriggerConnector) return ok({ status: 'Rejected' });
    const conns = id === undefined || id === 0 ? s.connectors : s.connectors.filter((c) => c.index === id);
    switch (requested) {
      case 'BootNotification': return s.remote.trigger(() => s.registration.trigger());
      case 'Heartbeat': return s.remote.trigger(() => void s.send('Heartbeat', {}, true));
      case 'StatusNotification': return s.remote.trigger(() => void (async () => {
        if (id === undefined || id === 0) await s.status.sendStation();
        if (id !== 0) for (const c of conns) await s.status.send(c, true);
      })());
      case 'MeterValues': return s.remote.trigger(() => void (async () => {
        for (const c of id === undefined ? s.connectors : conns) {
          await s.send('MeterValues', { connectorId: c.index, meterValue: [{ timestamp: now(), sampledValue: [{ value: String(this.meterReading(c)), context: 'Trigger', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] }, true);
        }
      })());
      case 'DiagnosticsStatusNotification': return s.remote.trigger(() => void s.send('DiagnosticsStatusNotification', { status: 'Idle' }, true));
      case 'FirmwareStatusNotification': return s.remote.trigger(() => void s.send('FirmwareStatusNotification', { status: s.firmware.status === 'Installed' ? 'Idle' : s.firmware.status }, true));
      default: return ok({ status: 'NotImplemented' });
    }
  }
}
