/**
 * How the simulated station's neutral model is put into messages, per version. Everything
 * else (timers, availability, persistence, faults) lives once in simulated-station.ts.
 */
import type { CallFrame } from '../ocpp/rpc';
import type { OcppVersion } from '../ocpp/versions';
import type { Reply } from '../transport/connection';
import type { ConnectorState, SimulatedStation } from './simulated-station';

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
  authorizeRequest(idToken: string): Record<string, unknown>;
  accepted(authorizeResponse: Record<string, unknown>): boolean;
  startTransaction(c: ConnectorState, id: string): Promise<void>;
  stopAuthorized(c: ConnectorState): Promise<void>;
  endTransaction(c: ConnectorState, reason: string): Promise<void>;
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

  protected meterReading(c: ConnectorState): number { return Math.round(c.energyWh); }
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

  authorizeRequest(idToken: string): Record<string, unknown> { return { idTag: idToken }; }
  accepted(r: Record<string, unknown>): boolean { return (r.idTagInfo as { status?: string } | undefined)?.status === 'Accepted'; }

  async startTransaction(c: ConnectorState): Promise<void> {
    const tx = c.tx!;
    const res = await this.s.send('StartTransaction', { connectorId: c.index, idTag: tx.idToken, meterStart: tx.meterStart, timestamp: now() });
    tx.id = Number(res?.transactionId ?? 0);
  }

  async stopAuthorized(c: ConnectorState): Promise<void> {
    await this.endTransaction(c, 'Local');
    c.tx = undefined;
    c.finishing = c.plugged;
  }

  async endTransaction(c: ConnectorState, reason: string): Promise<void> {
    const tx = c.tx!;
    c.energyWh += 100;
    await this.s.send('StopTransaction', { transactionId: Number(tx.id), idTag: tx.idToken, meterStop: this.meterReading(c), timestamp: now(), reason });
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
          case 'FirmwareStatusNotification': return this.trigger(() => void this.s.send('FirmwareStatusNotification', { status: 'Idle' }, true));
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
        return ok({ configurationKey: known.map((x) => ({ key: x.key16, readonly: !!x.readonly, value: x.value })), ...(unknownKey.length ? { unknownKey } : {}) });
      }
      case 'ChangeConfiguration': {
        const setting = this.s.settings.find((x) => x.key16 === p.key);
        if (!setting && this.s.has('config.unknownKeyAccepted')) return ok({ status: 'Accepted' });
        return ok({ status: this.s.changeSetting(setting, String(p.value)) });
      }
      case 'ClearCache': return ok({ status: 'Accepted' });
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

  authorizeRequest(idToken: string): Record<string, unknown> { return { idToken: { idToken, type: 'ISO14443' } }; }
  accepted(r: Record<string, unknown>): boolean { return (r.idTokenInfo as { status?: string } | undefined)?.status === 'Accepted'; }

  private txEvent(c: ConnectorState, eventType: string, triggerReason: string, info: Record<string, unknown>, withToken: boolean): Promise<unknown> {
    const tx = c.tx!;
    return this.s.send('TransactionEvent', {
      eventType, timestamp: now(), triggerReason, seqNo: tx.seqNo++,
      transactionInfo: { transactionId: String(tx.id), ...info },
      ...(eventType === 'Started' ? { evse: { id: c.ref.evseId, connectorId: c.ref.connectorId } } : {}),
      ...(withToken ? { idToken: { idToken: tx.idToken, type: 'ISO14443' } } : {}),
    });
  }

  async startTransaction(c: ConnectorState, id: string): Promise<void> {
    c.tx!.id = id;
    await this.txEvent(c, 'Started', 'Authorized', { chargingState: 'Charging' }, true);
  }

  async stopAuthorized(c: ConnectorState): Promise<void> {
    c.tx!.stopAuthorized = true;
    c.tx!.charging = false;
    await this.txEvent(c, 'Updated', 'StopAuthorized', { chargingState: 'EVConnected' }, true);
  }

  async endTransaction(c: ConnectorState, reason: string): Promise<void> {
    const trigger = reason === 'EVDisconnected' ? 'EVCommunicationLost' : reason === 'ImmediateReset' ? 'ResetCommand' : 'AbnormalCondition';
    const stoppedReason = c.tx!.stopAuthorized ? 'Local' : reason;
    c.energyWh += 100;
    await this.txEvent(c, 'Ended', trigger, { chargingState: 'Idle', stoppedReason }, false);
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
          case 'FirmwareStatusNotification': return this.trigger(() => void this.s.send('FirmwareStatusNotification', { status: 'Idle' }, true));
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
        const data = p.getVariableData as { component: { name: string }; variable: { name: string }; attributeType?: string }[];
        return ok({
          getVariableResult: data.map((d) => {
            const base = { component: d.component, variable: d.variable, ...(d.attributeType ? { attributeType: d.attributeType } : {}) };
            if (!this.s.settings.some((x) => x.component === d.component.name)) return { ...base, attributeStatus: 'UnknownComponent' };
            const setting = this.s.settings.find((x) => x.component === d.component.name && x.variable === d.variable.name);
            if (!setting) return this.s.has('config.unknownKeyAccepted') ? { ...base, attributeStatus: 'Accepted' } : { ...base, attributeStatus: 'UnknownVariable' };
            if (d.attributeType && d.attributeType !== 'Actual') return { ...base, attributeStatus: 'NotSupportedAttributeType' };
            return { ...base, attributeStatus: 'Accepted', ...(this.s.has('config.unknownKeyAccepted') ? {} : { attributeValue: setting.value }) };
          }),
        });
      }
      case 'SetVariables': {
        const data = p.setVariableData as { component: { name: string }; variable: { name: string }; attributeType?: string; attributeValue: string }[];
        return ok({
          setVariableResult: data.map((d) => {
            const base = { component: d.component, variable: d.variable, ...(d.attributeType ? { attributeType: d.attributeType } : {}) };
            if (!this.s.settings.some((x) => x.component === d.component.name)) return { ...base, attributeStatus: 'UnknownComponent' };
            const setting = this.s.settings.find((x) => x.component === d.component.name && x.variable === d.variable.name);
            if (!setting) return { ...base, attributeStatus: this.s.has('config.unknownKeyAccepted') ? 'Accepted' : 'UnknownVariable' };
            if (d.attributeType && d.attributeType !== 'Actual') return { ...base, attributeStatus: 'NotSupportedAttributeType' };
            const status = this.s.changeSetting(setting, d.attributeValue);
            return { ...base, attributeStatus: status === 'NotSupported' ? 'UnknownVariable' : status };
          }),
        });
      }
      case 'RequestStartTransaction': case 'RequestStopTransaction':
        return ok({ status: 'Rejected' });
      case 'ClearCache': return ok({ status: 'Accepted' });
      case 'DataTransfer': return ok({ status: 'UnknownVendorId' });
      default: return notImplemented(call.action);
    }
  }
}
