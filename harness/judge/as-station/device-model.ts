/**
 * What the harness's station says about itself when a CSMS asks: a small, consistent device
 * model of an idle station (2.0.1 components and variables, 1.6 configuration keys), read by
 * GetBaseReport / GetReport (answered Accepted, then NotifyReport in parts with seqNo and tbc),
 * GetVariables / GetConfiguration, and changed by SetVariables / ChangeConfiguration as a correct
 * station does (unknown: UnknownComponent / UnknownVariable / NotSupported; read-only: Rejected;
 * a value of the wrong type: Rejected).
 */
import type { ConnectorRef } from '../../model/layout';
import type { OcppVersion } from '../../protocol/versions';
import { RECONNECT_BACKOFF } from './backoff';

type DataType = 'string' | 'integer' | 'boolean' | 'OptionList' | 'MemberList';
type Mutability = 'ReadOnly' | 'ReadWrite';

interface Component { name: string; instance?: string; evse?: { id: number; connectorId?: number } }
interface Variable { name: string; instance?: string }

interface Entry { component: Component; variable: Variable; value: string; mutability: Mutability; dataType: DataType; valuesList?: string }

/** NotifyReport parts hold at most this many variables (2.0.1 DeviceDataCtrlr.ItemsPerMessage for GetReport). */
const ITEMS_PER_REPORT = 10;

const sameComponent = (a: Component, b: Component): boolean =>
  a.name === b.name && (a.instance ?? '') === (b.instance ?? '') && (a.evse?.id ?? 0) === (b.evse?.id ?? 0) && (a.evse?.connectorId ?? 0) === (b.evse?.connectorId ?? 0);
const sameVariable = (a: Variable, b: Variable): boolean => a.name === b.name && (a.instance ?? '') === (b.instance ?? '');

export class DeviceModel {
  private entries: Entry[] = [];
  private keys = new Map<string, { value: string; readonly: boolean; integer?: boolean; boolean?: boolean }>();

  constructor(readonly version: OcppVersion, private readonly securityProfile = 0) {
    this.setLayout([{ evseId: 1, connectorId: 1 }]);
  }

  /** The station's EVSEs and connectors (the layout the case drives). */
  setLayout(connectors: ConnectorRef[]): void {
    const rw = (component: Component, name: string, value: string, dataType: DataType = 'integer', instance?: string): Entry => ({ component, variable: { name, ...(instance ? { instance } : {}) }, value, mutability: 'ReadWrite', dataType });
    const ro = (component: Component, name: string, value: string, dataType: DataType = 'string', instance?: string): Entry => ({ component, variable: { name, ...(instance ? { instance } : {}) }, value, mutability: 'ReadOnly', dataType });
    const cs = { name: 'ChargingStation' };
    const comm = { name: 'OCPPCommCtrlr' };
    const auth = { name: 'AuthCtrlr' };
    const tx = { name: 'TxCtrlr' };
    const data = { name: 'DeviceDataCtrlr' };
    const sec = { name: 'SecurityCtrlr' };
    const b = RECONNECT_BACKOFF;
    this.entries = [
      ro(cs, 'Model', 'ToolStation'), ro(cs, 'VendorName', 'OcppHarness'), ro(cs, 'AvailabilityState', 'Available', 'OptionList'), ro(cs, 'Available', 'true', 'boolean'),
      rw(comm, 'HeartbeatInterval', '300'), ro(comm, 'MessageTimeout', '30', 'integer', 'Default'), { ...rw(comm, 'NetworkConfigurationPriority', '1', 'MemberList'), valuesList: '1,2' },
      rw(comm, 'OfflineThreshold', '60'), rw(comm, 'ResetRetries', '1'),
      rw(comm, 'RetryBackOffWaitMinimum', String(b.waitMinimum)), rw(comm, 'RetryBackOffRandomRange', String(b.randomRange)), rw(comm, 'RetryBackOffRepeatTimes', String(b.repeatTimes)),
      rw(auth, 'AuthorizeRemoteStart', 'true', 'boolean'), rw(auth, 'LocalAuthorizeOffline', 'true', 'boolean'), rw(auth, 'LocalPreAuthorize', 'false', 'boolean'),
      rw(tx, 'TxStartPoint', 'PowerPathClosed', 'MemberList'), rw(tx, 'TxStopPoint', 'EVConnected,Authorized', 'MemberList'), rw(tx, 'EVConnectionTimeOut', '60'), rw(tx, 'StopTxOnInvalidId', 'true', 'boolean'),
      ro(data, 'ItemsPerMessage', String(ITEMS_PER_REPORT), 'integer', 'GetReport'), ro(data, 'ItemsPerMessage', '20', 'integer', 'GetVariables'), ro(data, 'ItemsPerMessage', '20', 'integer', 'SetVariables'),
      ro(sec, 'SecurityProfile', String(this.securityProfile), 'integer'),
    ];
    const evses = [...new Set(connectors.map((c) => c.evseId))];
    for (const e of evses) this.entries.push(ro({ name: 'EVSE', evse: { id: e } }, 'AvailabilityState', 'Available', 'OptionList'));
    for (const c of connectors) {
      const component = { name: 'Connector', evse: { id: c.evseId, connectorId: c.connectorId } };
      this.entries.push(ro(component, 'AvailabilityState', 'Available', 'OptionList'), ro(component, 'ConnectorType', 'cType2'));
    }
    const k = this.keys;
    k.clear();
    const key = (name: string, value: string, readonly = false, type: 'integer' | 'boolean' | 'string' = 'integer'): void => { k.set(name, { value, readonly, integer: type === 'integer', boolean: type === 'boolean' }); };
    key('HeartbeatInterval', '300'); key('ConnectionTimeOut', '60'); key('MeterValueSampleInterval', '60'); key('ClockAlignedDataInterval', '0');
    key('NumberOfConnectors', String(connectors.length), true); key('GetConfigurationMaxKeys', '50', true); key('LocalAuthListMaxLength', '100', true); key('SendLocalListMaxLength', '100', true);
    key('AuthorizeRemoteTxRequests', 'true', false, 'boolean'); key('LocalAuthorizeOffline', 'true', false, 'boolean'); key('LocalPreAuthorize', 'false', false, 'boolean');
    key('StopTransactionOnInvalidId', 'true', false, 'boolean'); key('LocalAuthListEnabled', 'true', false, 'boolean'); key('AuthorizationCacheEnabled', 'true', false, 'boolean');
    key('ResetRetries', '1'); key('TransactionMessageAttempts', '3'); key('TransactionMessageRetryInterval', '60'); key('WebSocketPingInterval', '0');
    key('MeterValuesSampledData', 'Energy.Active.Import.Register', false, 'string'); key('StopTxnSampledData', 'Energy.Active.Import.Register', false, 'string');
    key('SupportedFeatureProfiles', 'Core,FirmwareManagement,LocalAuthListManagement,RemoteTrigger', true, 'string');
  }

  // ---- 2.0.1 ---------------------------------------------------------------------------------

  /** Sets a variable's value as the station's own configuration would (e.g. a smaller ItemsPerMessage for a case); false when it has no such variable. */
  setValue(component: Component, variable: Variable, value: string): boolean {
    const e = this.find(component, variable).entry;
    if (e) e.value = value;
    return !!e;
  }

  /** A variable's current value (undefined when the station has no such variable). */
  valueOf(component: Component, variable: Variable): string | undefined {
    return this.find(component, variable).entry?.value;
  }

  private find(component: Component, variable?: Variable): { component: boolean; entry?: Entry } {
    const inComponent = this.entries.filter((e) => sameComponent(e.component, component));
    if (!inComponent.length) return { component: false };
    return { component: true, entry: variable && inComponent.find((e) => sameVariable(e.variable, variable)) };
  }

  /** The result's echo of a Get/SetVariables item, and its entry, or the status refusing it (B06 / B05: unknown component or variable, an attribute type other than Actual). */
  private lookUp(d: { component: Component; variable: Variable; attributeType?: string }): { base: Record<string, unknown>; entry: NonNullable<ReturnType<DeviceModel['find']>['entry']> } | { refused: Record<string, unknown> } {
    const base = { component: d.component, variable: d.variable, ...(d.attributeType ? { attributeType: d.attributeType } : {}) };
    const f = this.find(d.component, d.variable);
    if (!f.component) return { refused: { ...base, attributeStatus: 'UnknownComponent' } };
    if (!f.entry) return { refused: { ...base, attributeStatus: 'UnknownVariable' } };
    if ((d.attributeType ?? 'Actual') !== 'Actual') return { refused: { ...base, attributeStatus: 'NotSupportedAttributeType' } };
    return { base, entry: f.entry };
  }

  getVariables(data: { component: Component; variable: Variable; attributeType?: string }[]): Record<string, unknown>[] {
    return data.map((d) => {
      const r = this.lookUp(d);
      if ('refused' in r) return r.refused;
      return { ...r.base, attributeStatus: 'Accepted', attributeValue: r.entry.value };
    });
  }

  setVariables(data: { component: Component; variable: Variable; attributeValue: string; attributeType?: string }[]): Record<string, unknown>[] {
    return data.map((d) => {
      const r = this.lookUp(d);
      if ('refused' in r) return r.refused;
      if (r.entry.mutability === 'ReadOnly' || !valid(r.entry.dataType, d.attributeValue)) return { ...r.base, attributeStatus: 'Rejected' };
      r.entry.value = d.attributeValue;
      return { ...r.base, attributeStatus: 'Accepted' };
    });
  }

  /**
   * The variables a report describes (undefined: a criterion the station does not support; []: nothing matches).
   * GetBaseReport: FullInventory, ConfigurationInventory (writable), SummaryInventory (availability).
   * GetReport: the listed components / variables (all when none).
   */
  select(payload: Record<string, unknown>): Entry[] {
    const base = payload.reportBase as string | undefined;
    if (base === 'ConfigurationInventory') return this.entries.filter((e) => e.mutability === 'ReadWrite');
    if (base === 'SummaryInventory') return this.entries.filter((e) => e.variable.name === 'AvailabilityState');
    if (base) return this.entries;
    const wanted = payload.componentVariable as { component: Component; variable?: Variable }[] | undefined;
    let chosen = wanted?.length ? this.entries.filter((e) => wanted.some((w) => sameComponent(e.component, w.component) && (!w.variable || sameVariable(e.variable, w.variable)))) : this.entries;
    const criteria = payload.componentCriteria as string[] | undefined;
    // Criteria select components by state; an idle station's components are all Available and Enabled, none Active or Problem.
    if (criteria?.length && !criteria.some((c) => c === 'Available' || c === 'Enabled')) chosen = [];
    return chosen;
  }

  /** The NotifyReport payloads for a report request: parts of `perPart` variables (default ITEMS_PER_REPORT), seqNo from 0, tbc on all but the last. */
  reportParts(requestId: number, entries: Entry[], perPart = ITEMS_PER_REPORT): Record<string, unknown>[] {
    const generatedAt = new Date().toISOString();
    const parts: Record<string, unknown>[] = [];
    for (let i = 0; i < entries.length; i += perPart) {
      const chunk = entries.slice(i, i + perPart);
      parts.push({
        requestId, generatedAt, seqNo: parts.length, tbc: i + perPart < entries.length,
        reportData: chunk.map((e) => ({
          component: e.component, variable: e.variable,
          variableAttribute: [{ type: 'Actual', value: e.value, mutability: e.mutability, persistent: true, constant: e.mutability === 'ReadOnly' }],
          variableCharacteristics: { dataType: e.dataType, supportsMonitoring: false, ...(e.valuesList ? { valuesList: e.valuesList } : e.dataType === 'OptionList' ? { valuesList: 'Available,Occupied,Reserved,Unavailable,Faulted' } : {}) },
        })),
      });
    }
    return parts;
  }

  // ---- 1.6 -----------------------------------------------------------------------------------

  getConfiguration(keys: string[] | undefined): Record<string, unknown> {
    const names = keys?.length ? keys : [...this.keys.keys()];
    const known = names.filter((n) => this.keys.has(n));
    const unknown = names.filter((n) => !this.keys.has(n));
    return {
      configurationKey: known.map((n) => ({ key: n, readonly: this.keys.get(n)!.readonly, value: this.keys.get(n)!.value })),
      ...(unknown.length ? { unknownKey: unknown } : {}),
    };
  }

  changeConfiguration(key: string, value: string): 'Accepted' | 'Rejected' | 'NotSupported' {
    const k = this.keys.get(key);
    if (!k) return 'NotSupported';
    if (k.readonly || (k.integer && !/^-?\d+$/.test(value)) || (k.boolean && !/^(true|false)$/i.test(value))) return 'Rejected';
    k.value = value;
    return 'Accepted';
  }
}

function valid(type: DataType, value: string): boolean {
  if (type === 'integer') return /^-?\d+$/.test(value);
  if (type === 'boolean') return value === 'true' || value === 'false';
  return true;
}
