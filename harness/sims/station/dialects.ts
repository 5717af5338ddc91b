/**
 * How the simulated station's neutral model is put into messages, per version. Everything
 * else (timers, availability, persistence, faults) lives once in simulated-station.ts.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import type { AuthInfo, Token } from './authorization';
import type { Setting } from './settings';

interface VariableRef { component: { name: string }; variable: { name: string }; attributeType?: string }
import type { ConnectorState, SimulatedStation, Transaction } from './simulated-station';

export interface Dialect {
  /** 1.6 reports connectorId 0 (the Charge Point itself) too. */
  readonly reportsStation: boolean;
  /** 2.0.1 reports a lock failure as an event (G05.FR.02); 1.6 as Faulted with ConnectorLockFailure. */
  readonly reportsLockFailure: boolean;
  reportLockFailure(c: ConnectorState): Promise<void>;
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
  txMeterValues(c: ConnectorState, tx: Transaction): Promise<void>;
  /** 1.6: FirmwareStatusNotification, or SignedFirmwareStatusNotification with a requestId; 2.0.1: FirmwareStatusNotification. */
  firmwareStatus(status: string, requestId?: number): Promise<void>;
  handle(call: CallFrame): Promise<Reply> | Reply;
}

export function dialectFor(version: OcppVersion, station: SimulatedStation): Dialect {
  return version === '1.6' ? new Dialect16(station) : new Dialect201(station);
}

const now = (): string => new Date().toISOString();
const ok = (payload: Record<string, unknown>): Reply => ({ payload });
const notImplemented = (action: string): Reply => ({ error: { code: 'NotImplemented', description: `${action} is not implemented by the simulated station` } });

/** Runs `fn` after the current reply has gone out (F06.FR.04, 1.6 §5.17: response first). */
function afterReply(_station: SimulatedStation, fn: () => void): void {
  setTimeout(fn, 5);
}

abstract class BaseDialect {
  constructor(protected readonly s: SimulatedStation) {}

  protected trigger(fn: () => void): Reply | Promise<Reply> {
    if (this.s.has('trigger.rejects')) return ok({ status: 'Rejected' });
    if (this.s.has('trigger.noMessage')) return ok({ status: 'Accepted' });
    if (this.s.has('trigger.messageBeforeResponse')) {
      fn();
      return new Promise<Reply>((r) => setTimeout(() => r(ok({ status: 'Accepted' })), 30));
    }
    afterReply(this.s, fn);
    return ok({ status: 'Accepted' });
  }

  protected meterReading(c: ConnectorState): number { return this.s.meterWh(c); }

  /** SendLocalList in either version's words (1.6 §5.15, 2.0.1 D01). */
  protected sendLocalList(version: number, updateType: string, entries: { id: string; info?: AuthInfo }[]): Reply {
    return ok({ status: this.s.auth.update(version, updateType, entries) });
  }
}

class Dialect16 extends BaseDialect implements Dialect {
  readonly reportsStation = true;
  readonly reportsLockFailure = false;
  async reportLockFailure(): Promise<void> { /* reported as status Faulted */ }

  bootRequest(): Record<string, unknown> {
    const id = this.s.identity;
    return { chargePointVendor: id.vendor, chargePointModel: id.model, chargePointSerialNumber: id.serialNumber, firmwareVersion: id.firmwareVersion };
  }

  statusOf(c: ConnectorState): string {
    if (c.fault) return 'Faulted';
    if (c.tx) return c.tx.charging ? 'Charging' : 'SuspendedEVSE';
    if (!this.s.isOperative(c)) return 'Unavailable';
    if (c.plugged && c.finishing) return 'Finishing';
    if (c.plugged || c.authorized) return 'Preparing';
    return 'Available';
  }

  stationStatus(): string { return this.s.stationOperative ? 'Available' : 'Unavailable'; }

  statusNotification(c: ConnectorState, status: string): Record<string, unknown> {
    return { connectorId: c.index, errorCode: c.fault ?? 'NoError', status, timestamp: now() };
  }

  stationStatusNotification(): Record<string, unknown> {
    return { connectorId: 0, errorCode: 'NoError', status: this.stationStatus(), timestamp: now() };
  }

  authorizeRequest(token: Token): Record<string, unknown> { return { idTag: token.idToken }; }

  authInfo(reply: Record<string, unknown> | undefined): AuthInfo | undefined {
    const info = reply?.idTagInfo as { status: string; parentIdTag?: string; expiryDate?: string } | undefined;
    return info && { status: info.status, groupId: info.parentIdTag, expiry: info.expiryDate };
  }

  private txId(tx: Transaction): number { return typeof tx.id === 'number' ? tx.id : 0; }

  async txStarted(c: ConnectorState, tx: Transaction): Promise<AuthInfo | undefined> {
    const timestamp = now();
    const reply = await this.s.sendTx('StartTransaction', () => ({ connectorId: c.index, idTag: tx.token.idToken, meterStart: tx.meterStart, timestamp }));
    if (reply) tx.id = Number(reply.transactionId);
    return this.authInfo(reply);
  }

  txStopRequested(c: ConnectorState, tx: Transaction): boolean {
    const reason = { StopAuthorized: 'Local', RemoteStop: 'Remote', Deauthorized: 'DeAuthorized' }[tx.stopped!.trigger];
    this.stopTransaction(c, tx, reason, tx.stopped!.by);
    return true;
  }

  txEnded(c: ConnectorState, tx: Transaction, reason: string): void { this.stopTransaction(c, tx, reason); }

  private stopTransaction(c: ConnectorState, tx: Transaction, reason: string, by?: Token): void {
    const meterStop = this.meterReading(c);
    const timestamp = now();
    void this.s.sendTx('StopTransaction', () => ({ transactionId: this.txId(tx), ...(by ? { idTag: by.idToken } : {}), meterStop, timestamp, reason }));
  }

  async txSuspended(): Promise<void> { /* 1.6: the status (SuspendedEVSE) tells */ }

  async firmwareStatus(status: string, requestId?: number): Promise<void> {
    if (requestId === undefined) await this.s.send('FirmwareStatusNotification', { status }, true);
    else await this.s.send('SignedFirmwareStatusNotification', { status, requestId }, true);
  }

  async txMeterValues(c: ConnectorState, tx: Transaction): Promise<void> {
    const value = this.meterReading(c);
    const timestamp = now();
    await this.s.sendTx('MeterValues', () => ({ connectorId: c.index, transactionId: this.txId(tx), meterValue: [{ timestamp, sampledValue: [{ value: String(value), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] }));
  }

  handle(call: CallFrame): Reply | Promise<Reply> {
    const p = call.payload as Record<string, never>;
    switch (call.action) {
      case 'ChangeAvailability': {
        const id = Number(p.connectorId);
        const target = id === 0 ? {} : this.s.connectors.find((c) => c.index === id)?.ref;
        if (!target) return ok({ status: 'Rejected' });
        return ok({ status: this.s.changeAvailability(target, p.type === 'Operative') });
      }
      case 'TriggerMessage': {
        const id = p.connectorId as number | undefined;
        if (id !== undefined && id > this.s.connectors.length && !this.s.has('trigger.unknownConnectorAccepted')) return ok({ status: 'Rejected' });
        const conns = id === undefined || id === 0 ? this.s.connectors : this.s.connectors.filter((c) => c.index === id);
        switch (p.requestedMessage as string) {
          case 'BootNotification': return this.trigger(() => this.s.triggerBoot());
          case 'Heartbeat': return this.trigger(() => void this.s.send('Heartbeat', {}, true));
          case 'StatusNotification': return this.trigger(() => void (async () => {
            if (id === undefined || id === 0) await this.s.sendStationStatus();
            if (id !== 0) for (const c of conns) await this.s.sendStatus(c, true);
          })());
          case 'MeterValues': return this.trigger(() => void (async () => {
            for (const c of id === undefined ? this.s.connectors : conns) {
              await this.s.send('MeterValues', { connectorId: c.index, meterValue: [{ timestamp: now(), sampledValue: [{ value: String(this.meterReading(c)), context: 'Trigger', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }] }, true);
            }
          })());
          case 'DiagnosticsStatusNotification': return this.trigger(() => void this.s.send('DiagnosticsStatusNotification', { status: 'Idle' }, true));
          case 'FirmwareStatusNotification': return this.trigger(() => void this.s.send('FirmwareStatusNotification', { status: this.s.firmware.status === 'Installed' ? 'Idle' : this.s.firmware.status }, true));
          default: return ok({ status: 'NotImplemented' });
        }
      }
      case 'Reset':
        this.s.scheduleReset('PowerUp', p.type === 'Hard' ? 'HardReset' : 'SoftReset');
        return ok({ status: 'Accepted' });
      case 'GetConfiguration': {
        const keys = p.key as string[] | undefined;
        const known = this.s.settings.filter((x) => x.key16 && (!keys?.length || keys.includes(x.key16)));
        let unknownKey = (keys ?? []).filter((k) => !this.s.settings.some((x) => x.key16 === k));
        if (this.s.has('config.unknownKeyAccepted')) {
          return ok({ configurationKey: [...known.map((x) => ({ key: x.key16, readonly: !!x.readonly })), ...unknownKey.map((k) => ({ key: k, readonly: false, value: '' }))] });
        }
        return ok({ configurationKey: known.map((x) => ({ key: x.key16, readonly: !!x.readonly, ...(x.writeOnly ? {} : { value: x.value }) })), ...(unknownKey.length ? { unknownKey } : {}) });
      }
      case 'ChangeConfiguration': {
        const setting = this.s.settings.find((x) => x.key16 === p.key);
        if (!setting && this.s.has('config.unknownKeyAccepted')) return ok({ status: 'Accepted' });
        return ok({ status: this.s.changeSetting(setting, String(p.value)) });
      }
      case 'ClearCache': return ok({ status: this.s.auth.clearCache() });
      case 'RemoteStartTransaction': {
        const id = p.connectorId as number | undefined;
        if (id === 0) return ok({ status: 'Rejected' }); // OCTT TC_027_CS: connectorId 0 is not a connector
        const ref = id === undefined ? undefined : this.s.connectors.find((c) => c.index === id)?.ref;
        if (id !== undefined && !ref) return ok({ status: 'Rejected' });
        return ok({ status: this.s.remoteStart({ idToken: String(p.idTag), type: 'Central' }, ref) });
      }
      case 'RemoteStopTransaction': return ok({ status: this.s.remoteStop(Number(p.transactionId)) });
      // 1.6 §5.10: 0 = the list is empty, -1 = no local list support (or switched off).
      case 'GetLocalListVersion': return ok({ listVersion: !this.s.settingBool('LocalAuthListEnabled') && !this.s.has('localList.versionWhenDisabled') ? -1 : this.s.auth.listSize === 0 || this.s.has('localList.reportsNoVersion') ? 0 : this.s.auth.listVersion });
      case 'SendLocalList': {
        const list = (p.localAuthorizationList ?? []) as { idTag: string; idTagInfo?: { status: string; parentIdTag?: string; expiryDate?: string } }[];
        return this.sendLocalList(Number(p.listVersion), String(p.updateType), list.map((e) => ({ id: e.idTag, info: e.idTagInfo && { status: e.idTagInfo.status, groupId: e.idTagInfo.parentIdTag, expiry: e.idTagInfo.expiryDate } })));
      }
      case 'UpdateFirmware':
        this.s.firmware.start({ location: String(p.location), retrieveAt: new Date(String(p.retrieveDate)), retries: Number(p.retries ?? 0), retryInterval: Number(p.retryInterval ?? 30) }, false);
        return ok({});
      case 'SignedUpdateFirmware': {
        const fw = p.firmware as { location: string; retrieveDateTime: string; installDateTime?: string; signingCertificate: string; signature: string };
        return ok({ status: this.s.firmware.start({ location: fw.location, retrieveAt: new Date(fw.retrieveDateTime), installAt: fw.installDateTime ? new Date(fw.installDateTime) : undefined, retries: Number(p.retries ?? 0), retryInterval: Number(p.retryInterval ?? 30), requestId: Number(p.requestId), signature: fw.signature, signingCertificate: fw.signingCertificate }, true) });
      }
      case 'UnlockConnector': return ok({ status: 'NotSupported' });
      case 'DataTransfer': return ok({ status: 'UnknownVendorId' });
      default: return notImplemented(call.action);
    }
  }
}

class Dialect201 extends BaseDialect implements Dialect {
  readonly reportsStation = false;
  readonly reportsLockFailure = true;
  private eventId = 1;

  async reportLockFailure(c: ConnectorState): Promise<void> {
    if (this.s.has('lock.noProblemReported')) return;
    await this.s.send('NotifyEvent', {
      generatedAt: now(), seqNo: 0, eventData: [{
        eventId: this.eventId++, timestamp: now(), trigger: 'Delta', actualValue: 'true', eventNotificationType: 'HardWiredNotification',
        component: { name: 'ConnectorPlugRetentionLock', evse: { id: c.ref.evseId, connectorId: c.ref.connectorId } }, variable: { name: 'Problem' },
      }],
    });
  }

  bootRequest(reason: string): Record<string, unknown> {
    const id = this.s.identity;
    return { reason, chargingStation: { model: id.model, vendorName: id.vendor, serialNumber: id.serialNumber, firmwareVersion: id.firmwareVersion } };
  }

  statusOf(c: ConnectorState): string {
    if (c.fault) return 'Faulted';
    if (c.tx) return 'Occupied';
    if (!this.s.isOperative(c)) return 'Unavailable';
    if (c.plugged) return 'Occupied';
    return 'Available';
  }

  stationStatus(): string { return this.s.stationOperative ? 'Available' : 'Unavailable'; }

  statusNotification(c: ConnectorState, status: string): Record<string, unknown> {
    return { timestamp: now(), connectorStatus: status, evseId: c.ref.evseId, connectorId: c.ref.connectorId };
  }

  stationStatusNotification(): Record<string, unknown> { throw new Error('2.0.1 has no station-level StatusNotification'); }

  authorizeRequest(token: Token): Record<string, unknown> { return { idToken: { idToken: token.idToken, type: token.type } }; }

  authInfo(reply: Record<string, unknown> | undefined): AuthInfo | undefined {
    const info = reply?.idTokenInfo as { status: string; groupIdToken?: { idToken: string }; cacheExpiryDateTime?: string } | undefined;
    return info && { status: info.status, groupId: info.groupIdToken?.idToken, expiry: info.cacheExpiryDateTime };
  }

  /** Queues a TransactionEvent; seqNo and time are fixed now, `offline` when it is delivered late (E04). */
  private txEvent(c: ConnectorState, tx: Transaction, eventType: string, triggerReason: string, info: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Record<string, unknown> | undefined> {
    const seqNo = tx.seqNo++;
    const timestamp = now();
    return this.s.sendTx('TransactionEvent', (offline) => ({
      eventType, timestamp, triggerReason, seqNo,
      transactionInfo: { transactionId: String(tx.id), ...info },
      ...(eventType === 'Started' ? { evse: { id: c.ref.evseId, connectorId: c.ref.connectorId } } : {}),
      ...(offline ? { offline: true } : {}),
      ...extra,
    }));
  }

  private token(t: Token): Record<string, unknown> { return { idToken: { idToken: t.idToken, type: t.type } }; }
  private meter(c: ConnectorState, context: string): Record<string, unknown> {
    return { meterValue: [{ timestamp: now(), sampledValue: [{ value: this.meterReading(c), context, measurand: 'Energy.Active.Import.Register' }] }] };
  }

  async txStarted(c: ConnectorState, tx: Transaction): Promise<AuthInfo | undefined> {
    const reply = await this.txEvent(c, tx, 'Started', tx.trigger === 'RemoteStart' ? 'RemoteStart' : 'Authorized',
      { chargingState: 'Charging', ...(tx.remoteStartId !== undefined ? { remoteStartId: tx.remoteStartId } : {}) },
      { ...this.token(tx.token), ...this.meter(c, 'Transaction.Begin') });
    return this.authInfo(reply);
  }

  txStopRequested(c: ConnectorState, tx: Transaction): boolean {
    const { trigger, by } = tx.stopped!;
    // TxStopPoint EVConnected: energy stops now (E05.FR.09, F03.FR.02, E07), the transaction ends when the cable is out.
    void this.txEvent(c, tx, 'Updated', trigger, { chargingState: 'EVConnected' }, by ? this.token(by) : {});
    return false;
  }

  txEnded(c: ConnectorState, tx: Transaction, reason: string): void {
    const trigger = reason === 'EVDisconnected' ? 'EVCommunicationLost' : reason === 'ImmediateReset' ? 'ResetCommand' : 'AbnormalCondition';
    const stoppedReason = tx.stopped ? { StopAuthorized: 'Local', RemoteStop: 'Remote', Deauthorized: 'DeAuthorized' }[tx.stopped.trigger] : reason;
    void this.txEvent(c, tx, 'Ended', trigger, { chargingState: 'Idle', stoppedReason }, this.meter(c, 'Transaction.End'));
  }

  async txSuspended(c: ConnectorState, tx: Transaction): Promise<void> {
    await this.txEvent(c, tx, 'Updated', 'ChargingStateChanged', { chargingState: 'SuspendedEVSE' });
  }

  async firmwareStatus(status: string, requestId?: number): Promise<void> {
    await this.s.send('FirmwareStatusNotification', { status, ...(requestId !== undefined ? { requestId } : {}) }, true);
  }

  /** The lookup GetVariables and SetVariables share (B06, B05): an early answer, or the setting. */
  private variable(d: VariableRef): { base: Record<string, unknown>; answer?: string; setting?: Setting } {
    const base = { component: d.component, variable: d.variable, ...(d.attributeType ? { attributeType: d.attributeType } : {}) };
    if (!this.s.settings.some((x) => x.component === d.component.name)) return { base, answer: 'UnknownComponent' };
    const setting = this.s.settings.find((x) => x.component === d.component.name && x.variable === d.variable.name && (x.instance ?? undefined) === ((d.variable as { instance?: string }).instance ?? undefined));
    if (!setting) return { base, answer: this.s.has('config.unknownKeyAccepted') ? 'Accepted' : 'UnknownVariable' };
    if (d.attributeType && d.attributeType !== 'Actual') return { base, answer: 'NotSupportedAttributeType' };
    return { base, setting };
  }

  async txMeterValues(c: ConnectorState, tx: Transaction): Promise<void> {
    await this.txEvent(c, tx, 'Updated', 'MeterValuePeriodic', { chargingState: 'Charging' }, this.meter(c, 'Sample.Periodic'));
  }

  handle(call: CallFrame): Reply | Promise<Reply> {
    const p = call.payload as Record<string, never>;
    switch (call.action) {
      case 'ChangeAvailability': {
        const evse = p.evse as { id: number; connectorId?: number } | undefined;
        return ok({ status: this.s.changeAvailability(evse ? { evseId: evse.id, connectorId: evse.connectorId } : {}, p.operationalStatus === 'Operative') });
      }
      case 'TriggerMessage': {
        const evse = p.evse as { id: number; connectorId?: number } | undefined;
        const conns = this.s.connectors.filter((c) => !evse || (c.ref.evseId === evse.id && (evse.connectorId === undefined || c.ref.connectorId === evse.connectorId)));
        if (evse && conns.length === 0) return ok({ status: 'Rejected' });
        switch (p.requestedMessage as string) {
          case 'BootNotification':
            if (this.s.registration === 'Accepted' && !this.s.has('trigger.acceptsBootWhenAccepted')) return ok({ status: 'Rejected' }); // F06.FR.17
            return this.trigger(() => this.s.triggerBoot());
          case 'Heartbeat': return this.trigger(() => void this.s.send('Heartbeat', {}, true));
          case 'StatusNotification': return this.trigger(() => void (async () => { for (const c of conns) await this.s.sendStatus(c, true); })());
          case 'MeterValues': return this.trigger(() => void (async () => {
            const evses = [...new Set(conns.map((c) => c.ref.evseId))];
            for (const e of evses) {
              const c = conns.find((x) => x.ref.evseId === e)!;
              await this.s.send('MeterValues', { evseId: e, meterValue: [{ timestamp: now(), sampledValue: [{ value: this.meterReading(c), context: 'Trigger' }] }] }, true);
            }
          })());
          case 'FirmwareStatusNotification': return this.trigger(() => void this.s.send('FirmwareStatusNotification', { status: ['Installed', 'Idle'].includes(this.s.firmware.status) ? 'Idle' : this.s.firmware.status }, true));
          case 'LogStatusNotification': return this.trigger(() => void this.s.send('LogStatusNotification', { status: 'Idle' }, true));
          default: return ok({ status: 'NotImplemented' });
        }
      }
      case 'Reset': {
        if (p.evseId !== undefined) return ok({ status: 'Rejected' });
        const busy = this.s.connectors.some((c) => c.tx);
        if (p.type === 'OnIdle' && busy && !this.s.has('reset.ignoresOnIdle')) {
          this.s.pendingReset = { bootReason: 'RemoteReset', stopReason: 'Local' };
          return ok({ status: 'Scheduled' });
        }
        this.s.scheduleReset('RemoteReset', 'ImmediateReset');
        return ok({ status: 'Accepted' });
      }
      case 'GetVariables': {
        const data = p.getVariableData as VariableRef[];
        return ok({
          getVariableResult: data.map((d) => {
            const { base, answer, setting } = this.variable(d);
            if (answer) return { ...base, attributeStatus: answer };
            if (setting!.writeOnly) return { ...base, attributeStatus: 'Rejected' };
            return { ...base, attributeStatus: 'Accepted', ...(this.s.has('config.unknownKeyAccepted') ? {} : { attributeValue: setting!.value }) };
          }),
        });
      }
      case 'SetVariables': {
        const data = p.setVariableData as (VariableRef & { attributeValue: string })[];
        return ok({
          setVariableResult: data.map((d) => {
            const { base, answer, setting } = this.variable(d);
            if (answer) return { ...base, attributeStatus: answer };
            const status = this.s.changeSetting(setting, d.attributeValue);
            return { ...base, attributeStatus: status === 'NotSupported' ? 'UnknownVariable' : status };
          }),
        });
      }
      case 'RequestStartTransaction': {
        const token = p.idToken as { idToken: string; type: string };
        const evseId = p.evseId as number | undefined;
        return ok({ status: this.s.remoteStart(token, evseId === undefined ? undefined : { evseId, connectorId: 1 }, Number(p.remoteStartId)) });
      }
      case 'RequestStopTransaction': return ok({ status: this.s.remoteStop(String(p.transactionId)) });
      // D02.FR.02/03: 0 when no update was received or the list is not enabled.
      case 'GetLocalListVersion': return ok({ versionNumber: (this.s.settingBool('LocalAuthListEnabled') || this.s.has('localList.versionWhenDisabled')) && !this.s.has('localList.reportsNoVersion') ? this.s.auth.listVersion : 0 });
      case 'SendLocalList': {
        const list = (p.localAuthorizationList ?? []) as { idToken: { idToken: string }; idTokenInfo?: { status: string; groupIdToken?: { idToken: string }; cacheExpiryDateTime?: string } }[];
        return this.sendLocalList(Number(p.versionNumber), String(p.updateType), list.map((e) => ({ id: e.idToken.idToken, info: e.idTokenInfo && { status: e.idTokenInfo.status, groupId: e.idTokenInfo.groupIdToken?.idToken, expiry: e.idTokenInfo.cacheExpiryDateTime } })));
      }
      case 'ClearCache': return ok({ status: this.s.auth.clearCache() });
      case 'UpdateFirmware': {
        const fw = p.firmware as { location: string; retrieveDateTime: string; installDateTime?: string; signingCertificate?: string; signature?: string };
        return ok({ status: this.s.firmware.start({ location: fw.location, retrieveAt: new Date(fw.retrieveDateTime), installAt: fw.installDateTime ? new Date(fw.installDateTime) : undefined, retries: Number(p.retries ?? 0), retryInterval: Number(p.retryInterval ?? 30), requestId: Number(p.requestId), signature: fw.signature, signingCertificate: fw.signingCertificate }, true) });
      }
      case 'DataTransfer': return ok({ status: 'UnknownVendorId' });
      default: return notImplemented(call.action);
    }
  }
}
