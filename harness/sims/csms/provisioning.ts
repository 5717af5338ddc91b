/**
 * Provisioning and trigger operator actions of the reference CSMS: what its user starts to read
 * and change the station's variables (2.0.1 Get/SetVariables, 1.6 Get/ChangeConfiguration),
 * ask for reports (GetBaseReport, GetReport), reset it, give it a network connection profile,
 * and trigger any message, turned into the requests it sends. The requests go out; the
 * station's answers are read only where the CSMS needs them (the ItemsPerMessage limit).
 */
import type { OcppVersion } from '../../protocol/versions';
import { UnsupportedAction } from '../../model/errors';
import type { CsmsAction, VariableRef } from '../../model/csms-actions';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, both, policyFor } from './concern';
import type { CsmsStore, StationRecord } from './store';

export const PROVISIONING_FAULTS = {
  'variables.ignoresGetRequest': { description: 'never sends GetVariables / GetConfiguration when the operator asks', rules: both(['1.6§5.8'], ['Part2§B06']), should: ['2.0.1'] },
  'variables.ignoresItemsPerMessage': { description: 'sends every variable the operator asked for in one GetVariablesRequest, above the station\'s ItemsPerMessageGetVariables', rules: { '2.0.1': ['B06.FR.05'] } },
  'variables.duplicateSetData': { description: 'repeats the first variable of a SetVariablesRequest (same component, variable and attribute type twice)', rules: { '2.0.1': ['B05.FR.13'] } },
  'variables.wrongValue': { description: 'sets another value than the operator chose (the value with "0" appended)', rules: both(['1.6§5.3'], ['Part2§B05']), should: ['2.0.1'] },
  'report.wrongBase': { description: 'asks for a FullInventory base report whatever report the operator chose', rules: { '2.0.1': ['Part2§B07'] }, should: true },
  'report.dropsCriteria': { description: 'sends a custom report request without the component criteria the operator chose', rules: { '2.0.1': ['Part2§B08'] }, should: true },
  'reset.wrongType': { description: 'resets Immediate (1.6 Hard) whatever type the operator chose', rules: both(['1.6§5.14'], ['Part2§B11', 'Part2§B12']), should: ['2.0.1'] },
  'reset.wholeStation': { description: 'resets the whole station when the operator chose one EVSE', rules: { '2.0.1': ['Part2§B11', 'Part2§B12'] }, should: true },
  'network.wrongSlot': { description: 'sends the network connection profile for another slot than the operator chose (one outside NetworkConfigurationPriority\'s slots)', rules: { '2.0.1': ['Part2§B09'] }, should: true },
  'trigger.wrongMessage': { description: 'asks for a Heartbeat whatever message the operator chose to trigger (and for a StatusNotification when Heartbeat was chosen)', rules: both(['1.6§5.17.Request'], ['F06.FR.01']) },
  'trigger.dropsEvse': { description: 'sends a trigger for the whole station when the operator chose one EVSE / connector', rules: both(['1.6§5.17.Connector'], ['F06.FR.02']), should: true },
} satisfies Record<string, FaultSpec>;

interface ProvisioningPolicy {
  sendsGetVariables: boolean;
  /** It splits GetVariables by the station's ItemsPerMessageGetVariables (B06.FR.05), read first when unknown. */
  respectsItemsPerMessage: boolean;
  duplicatesSetData: boolean;
  /** The value it sends, from the one the operator chose. */
  setValue: (chosen: string) => string;
  /** The report base it asks for, from the one the operator chose. */
  reportBase: (chosen: string) => string;
  sendsCriteria: boolean;
  /** The reset type it sends, from the one the operator chose. */
  resetType: (chosen: string, v: OcppVersion) => string;
  honoursResetScope: boolean;
  networkSlot: (chosen: number) => number;
  /** The message it asks for, from the one the operator chose. */
  triggered: (chosen: string) => string;
  honoursTriggerScope: boolean;
  /** 2.0.1 SetNetworkProfile: the optional fields it adds (vpn / apn none; messageTimeout always). */
  networkInterface: 'Wired0' | 'Wireless0';
}

const CLEAN: ProvisioningPolicy = {
  sendsGetVariables: true,
  respectsItemsPerMessage: true,
  duplicatesSetData: false,
  setValue: (v) => v,
  reportBase: (b) => b,
  sendsCriteria: true,
  resetType: (t) => t,
  honoursResetScope: true,
  networkSlot: (s) => s,
  triggered: (m) => m,
  honoursTriggerScope: true,
  networkInterface: 'Wired0',
};

/** Legal variations of provisioning actions (harness/sims/variant-spec.ts). */
export const PROVISIONING_VARIANTS = {
  'network.wireless': {
    description: 'gives network connection profiles over the Wireless0 interface',
    allowedBy: '2.0.1 NetworkConnectionProfileType.ocppInterface: any OCPPInterfaceEnumType value the CSMS knows the station has (B09: the data matches the station\'s capabilities)',
    versions: ['2.0.1'],
    sets: { networkInterface: 'Wireless0' },
  },
} satisfies VariantTable<ProvisioningPolicy>;

const BREAKS = {
  'variables.ignoresGetRequest': { sendsGetVariables: false },
  'variables.ignoresItemsPerMessage': { respectsItemsPerMessage: false },
  'variables.duplicateSetData': { duplicatesSetData: true },
  'variables.wrongValue': { setValue: (v) => `${v}0` },
  'report.wrongBase': { reportBase: () => 'FullInventory' },
  'report.dropsCriteria': { sendsCriteria: false },
  'reset.wrongType': { resetType: (_t, v) => (v === '1.6' ? 'Hard' : 'Immediate') },
  'reset.wholeStation': { honoursResetScope: false },
  'network.wrongSlot': { networkSlot: (s) => s + 7 },
  'trigger.wrongMessage': { triggered: (m) => (m === 'Heartbeat' ? 'StatusNotification' : 'Heartbeat') },
  'trigger.dropsEvse': { honoursTriggerScope: false },
} satisfies Breaks<ProvisioningPolicy, keyof typeof PROVISIONING_FAULTS>;

type ProvisioningAction = Extract<CsmsAction, { type: 'getVariables' | 'setVariables' | 'getBaseReport' | 'getReport' | 'reset' | 'setNetworkProfile' | 'triggerMessage' }>;
const TYPES: readonly string[] = ['getVariables', 'setVariables', 'getBaseReport', 'getReport', 'reset', 'setNetworkProfile', 'triggerMessage'];

/** 1.6 connectorId of EVSE e connector c, with one connector per EVSE (the reference's stations). */
const connectorIndex = (evseId: number, connectorId: number): number => evseId + connectorId - 1;

const componentOf = (v: VariableRef): Record<string, unknown> => ({
  name: v.component ?? '',
  ...(v.evseId === undefined ? {} : { evse: { id: v.evseId, ...(v.connectorId === undefined ? {} : { connectorId: v.connectorId }) } }),
});
const itemOf = (v: VariableRef): Record<string, unknown> => ({ component: componentOf(v), variable: { name: v.variable } });

export class ProvisioningActions {
  private readonly policy: ProvisioningPolicy;

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, PROVISIONING_VARIANTS);
  }

  handles(action: CsmsAction): action is ProvisioningAction { return TYPES.includes(action.type); }

  /** Starts the action: its request(s) go out in order, each after the station answered the one before. */
  perform(rec: StationRecord, v: OcppVersion, a: ProvisioningAction): void {
    if (v === '1.6' && a.type === 'setNetworkProfile') throw new UnsupportedAction(a.type, 'reference CSMS', 'OCPP 1.6 has no SetNetworkProfile');
    void this.run(rec, v, a);
  }

  private async call(rec: StationRecord, action: string, payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const conn = rec.conn;
    if (!conn?.isOpen) return undefined;
    const o = await conn.call(action, payload);
    return o.kind === 'result' ? o.payload : undefined;
  }

  private async run(rec: StationRecord, v: OcppVersion, a: ProvisioningAction): Promise<void> {
    const p = this.policy;
    switch (a.type) {
      case 'getVariables': {
        if (!p.sendsGetVariables) return;
        if (v === '1.6') { await this.call(rec, 'GetConfiguration', a.variables.length ? { key: a.variables.map((x) => x.variable) } : {}); return; }
        const items = a.variables.map(itemOf);
        const limit = p.respectsItemsPerMessage && items.length > 1 ? await this.itemsPerMessage(rec, 'GetVariables') : Infinity;
        for (let i = 0; i < items.length; i += limit) await this.call(rec, 'GetVariables', { getVariableData: items.slice(i, i + limit) });
        return;
      }
      case 'setVariables': {
        if (v === '1.6') {
          // 1.6 ChangeConfiguration sets one key per request.
          for (const x of a.variables) await this.call(rec, 'ChangeConfiguration', { key: x.variable, value: p.setValue(x.value) });
          return;
        }
        const items = a.variables.map((x) => ({ ...itemOf(x), attributeValue: p.setValue(x.value) }));
        if (p.duplicatesSetData) items.push({ ...items[0] });
        const limit = items.length > 1 ? await this.itemsPerMessage(rec, 'SetVariables') : Infinity;
        for (let i = 0; i < items.length; i += limit) await this.call(rec, 'SetVariables', { setVariableData: items.slice(i, i + limit) });
        return;
      }
      case 'getBaseReport':
        rec.reportRequestId = this.store.newRequestId();
        await this.call(rec, 'GetBaseReport', { requestId: rec.reportRequestId, reportBase: p.reportBase(a.reportBase) });
        return;
      case 'getReport': {
        const criteria = p.sendsCriteria ? a.criteria : [];
        await this.call(rec, 'GetReport', {
          requestId: this.store.newRequestId(),
          ...(criteria.length ? { componentCriteria: criteria } : {}),
          ...(a.variables.length ? { componentVariable: a.variables.map((x) => ({ component: componentOf(x), ...(x.variable ? { variable: { name: x.variable } } : {}) })) } : {}),
        });
        return;
      }
      case 'reset': {
        const type = p.resetType(a.resetType, v);
        const evseId = p.honoursResetScope ? a.evseId : undefined;
        await this.call(rec, 'Reset', v === '1.6' ? { type } : { type, ...(evseId === undefined ? {} : { evseId }) });
        return;
      }
      case 'setNetworkProfile':
        await this.call(rec, 'SetNetworkProfile', {
          configurationSlot: p.networkSlot(a.slot),
          connectionData: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: a.csmsUrl, messageTimeout: this.store.data.messageTimeout, securityProfile: a.securityProfile, ocppInterface: p.networkInterface },
        });
        return;
      case 'triggerMessage': {
        const requestedMessage = p.triggered(a.message);
        const scoped = p.honoursTriggerScope && a.evseId !== undefined;
        if (v === '1.6') { await this.call(rec, 'TriggerMessage', { requestedMessage, ...(scoped ? { connectorId: connectorIndex(a.evseId!, a.connectorId ?? 1) } : {}) }); return; }
        await this.call(rec, 'TriggerMessage', { requestedMessage, ...(scoped ? { evse: { id: a.evseId, ...(a.connectorId === undefined ? {} : { connectorId: a.connectorId }) } } : {}) });
        return;
      }
    }
  }

  /** The station's DeviceDataCtrlr.ItemsPerMessage[instance] (B05.FR.11 / B06.FR.05), read with GetVariables before each split request; unknown: no limit. */
  private async itemsPerMessage(rec: StationRecord, instance: 'GetVariables' | 'SetVariables'): Promise<number> {
    const r = await this.call(rec, 'GetVariables', { getVariableData: [{ component: { name: 'DeviceDataCtrlr' }, variable: { name: 'ItemsPerMessage', instance } }] });
    const result = (r?.getVariableResult as { attributeStatus?: string; attributeValue?: string }[] | undefined)?.[0];
    const n = result?.attributeStatus === 'Accepted' ? Number(result.attributeValue) : NaN;
    return Number.isInteger(n) && n > 0 ? n : Infinity;
  }
}
