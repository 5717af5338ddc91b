/**
 * Provisioning in neutral terms over a ScriptedCsms (2.0.1 B05-B08, 1.6 §5.3 / §5.8): device
 * model variables read and written item by item with the rules every result keeps (B05.FR.01-03/12,
 * B06.FR.01-03/11), base and custom reports collected part by part (requestId, seqNo, tbc), and
 * what a report must hold. Cases say which rule a value breaks; this driver checks the shape.
 */
import type { OcppVersion } from '../../protocol/versions';
import type { FrameEntry } from '../../transport/journal';
import type { Received } from '../scripted-peer';
import type { Matcher } from '../../model/match';
import type { OcppDriver } from './ocpp-driver';

/** One device model variable: `Component.Variable`, with an instance, an EVSE and an attribute type where it has them. */
export interface VariableItem { component: string; variable: string; instance?: string; evse?: { id: number; connectorId?: number }; attributeType?: string }

export interface ReportEntry {
  component: { name: string; instance?: string; evse?: { id: number; connectorId?: number } };
  variable: { name: string; instance?: string };
  variableAttribute: { type?: string; value?: string; mutability?: string }[];
  variableCharacteristics?: { dataType: string; valuesList?: string };
}

type Result = Record<string, unknown> & { attributeStatus: string; attributeValue?: string; attributeType?: string };

/** The variables of 2.0.1 Part 2's appendix ("Referenced Components and Variables") marked required, for the station and the blocks every station implements (B, E, G: TC_B_53_CS). */
export const REQUIRED_VARIABLES: readonly string[] = [
  'ChargingStation.AvailabilityState', 'ChargingStation.Available', 'ChargingStation.SupplyPhases',
  'EVSE.AvailabilityState', 'EVSE.Available', 'EVSE.Power', 'EVSE.SupplyPhases',
  'Connector.Available', 'Connector.ConnectorType', 'Connector.SupplyPhases',
  'AuthCtrlr.AuthorizeRemoteStart', 'AuthCtrlr.LocalAuthorizeOffline', 'AuthCtrlr.LocalPreAuthorize',
  'DeviceDataCtrlr.ItemsPerMessage[GetReport]', 'DeviceDataCtrlr.ItemsPerMessage[GetVariables]', 'DeviceDataCtrlr.ItemsPerMessage[SetVariables]',
  'DeviceDataCtrlr.BytesPerMessage[GetReport]', 'DeviceDataCtrlr.BytesPerMessage[GetVariables]', 'DeviceDataCtrlr.BytesPerMessage[SetVariables]',
  'OCPPCommCtrlr.FileTransferProtocols', 'OCPPCommCtrlr.MessageTimeout[Default]', 'OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent]',
  'OCPPCommCtrlr.MessageAttempts[TransactionEvent]', 'OCPPCommCtrlr.NetworkConfigurationPriority', 'OCPPCommCtrlr.NetworkProfileConnectionAttempts',
  'OCPPCommCtrlr.OfflineThreshold', 'OCPPCommCtrlr.ResetRetries', 'OCPPCommCtrlr.UnlockOnEVSideDisconnect',
  'SampledDataCtrlr.TxEndedInterval', 'SampledDataCtrlr.TxEndedMeasurands', 'SampledDataCtrlr.TxStartedMeasurands', 'SampledDataCtrlr.TxUpdatedInterval', 'SampledDataCtrlr.TxUpdatedMeasurands',
  'TxCtrlr.EVConnectionTimeOut', 'TxCtrlr.StopTxOnEVSideDisconnect', 'TxCtrlr.StopTxOnInvalidId', 'TxCtrlr.TxStartPoint', 'TxCtrlr.TxStopPoint',
];

/** The 1.6 §9.1 Core keys marked required, and those whose accessibility is R (read-only). */
export const CORE_KEYS_16: readonly string[] = [
  'AuthorizeRemoteTxRequests', 'ClockAlignedDataInterval', 'ConnectionTimeOut', 'ConnectorPhaseRotation', 'GetConfigurationMaxKeys', 'HeartbeatInterval',
  'LocalAuthorizeOffline', 'LocalPreAuthorize', 'MeterValuesAlignedData', 'MeterValuesSampledData', 'MeterValueSampleInterval', 'NumberOfConnectors',
  'ResetRetries', 'StopTransactionOnEVSideDisconnect', 'StopTransactionOnInvalidId', 'StopTxnAlignedData', 'StopTxnSampledData', 'SupportedFeatureProfiles',
  'TransactionMessageAttempts', 'TransactionMessageRetryInterval', 'UnlockConnectorOnEVSideDisconnect',
];
export const READ_ONLY_KEYS_16: readonly string[] = ['GetConfigurationMaxKeys', 'NumberOfConnectors', 'SupportedFeatureProfiles'];

/** `Component.Variable[instance]` of a report entry or item. */
export const nameOf = (c: { name: string } | string, v: { name: string; instance?: string } | string, instance?: string): string => {
  const comp = typeof c === 'string' ? c : c.name;
  const variable = typeof v === 'string' ? v : v.name;
  const inst = typeof v === 'string' ? instance : v.instance;
  return `${comp}.${variable}${inst ? `[${inst}]` : ''}`;
};

const wire = (i: VariableItem): Record<string, unknown> => ({
  component: { name: i.component, ...(i.evse ? { evse: i.evse } : {}) },
  variable: { name: i.variable, ...(i.instance ? { instance: i.instance } : {}) },
  ...(i.attributeType ? { attributeType: i.attributeType } : {}),
});

export class ProvisioningDriver {
  private nextRequestId = Math.floor(Math.random() * 1000) + 100;

  constructor(readonly ocpp: OcppDriver) {}

  get csms(): OcppDriver['csms'] { return this.ocpp.csms; }
  get version(): OcppVersion { return this.ocpp.version; }

  /**
   * GetVariablesRequest with `items`; the reply must hold one result per item (B06.FR.01) naming
   * its component and variable (B06.FR.02) with its attributeType, Actual when none was asked
   * (B06.FR.03, B06.FR.11). Returns the results in the order of `items`.
   */
  async getVariables(items: VariableItem[], rule: string): Promise<Result[]> {
    const reply = await this.csms.callExpecting('GetVariables', { getVariableData: items.map(wire) }, {}, { rule });
    return this.results(items, reply.getVariableResult as Result[] | undefined, 'B06');
  }

  /** SetVariablesRequest: the same shape rules (B05.FR.01-03, B05.FR.12). */
  async setVariables(items: (VariableItem & { value: string })[], rule: string): Promise<Result[]> {
    const reply = await this.csms.callExpecting('SetVariables', { setVariableData: items.map((i) => ({ ...wire(i), attributeValue: i.value })) }, {}, { rule });
    return this.results(items, reply.setVariableResult as Result[] | undefined, 'B05');
  }

  private results(items: VariableItem[], results: Result[] | undefined, uc: 'B05' | 'B06'): Result[] {
    const [count, same, typed, actual] = uc === 'B06' ? ['B06.FR.01', 'B06.FR.02', 'B06.FR.03', 'B06.FR.11'] : ['B05.FR.01', 'B05.FR.02', 'B05.FR.03', 'B05.FR.12'];
    const list = results ?? [];
    if (list.length !== items.length) throw this.csms.failure(count, `${items.length} result(s), one per item`, `${list.length}: ${JSON.stringify(list)}`);
    return items.map((i) => {
      const r = list.find((x) => {
        const c = x.component as { name?: string; evse?: { id?: number } } | undefined;
        const v = x.variable as { name?: string; instance?: string } | undefined;
        return c?.name === i.component && v?.name === i.variable && (v?.instance ?? '') === (i.instance ?? '') && (c?.evse?.id ?? undefined) === (i.evse?.id ?? undefined);
      });
      if (!r) throw this.csms.failure(same, `a result for ${nameOf(i.component, i.variable, i.instance)}`, JSON.stringify(list));
      const want = i.attributeType ?? 'Actual';
      if (r.attributeType !== want) throw this.csms.failure(i.attributeType ? typed : actual, `the result for ${nameOf(i.component, i.variable, i.instance)} with attributeType ${want}`, `attributeType ${r.attributeType === undefined ? 'absent' : r.attributeType}`);
      return r;
    });
  }

  /** One result's status (and, for a value the station could not give, no attributeValue: B06.FR.06-08). */
  expectStatus(r: Result, status: string, rule: string, o: { noValue?: boolean } = {}): void {
    const what = nameOf(r.component as { name: string }, r.variable as { name: string; instance?: string });
    if (r.attributeStatus !== status) throw this.csms.failure(rule, `attributeStatus ${status} for ${what}`, `attributeStatus ${r.attributeStatus}`);
    if (o.noValue && r.attributeValue !== undefined) throw this.csms.failure(rule, `no attributeValue for ${what}`, `attributeValue "${r.attributeValue}"`);
  }

  requestId(): number { return this.nextRequestId++; }

  /**
   * Sends GetBaseReport / GetReport; with status Accepted collects the NotifyReport parts until
   * one says tbc false, each with the request's requestId (B07.FR.04 / B08.FR.04) and seqNo
   * counting from 0 (B07.FR.10 / B08.FR.14). Returns the answer and every reportData entry.
   */
  async report(action: 'GetBaseReport' | 'GetReport', payload: Record<string, unknown>, expected: string | Matcher, rules: { answer: string; sent: string; requestId: string; seqNo: string }): Promise<{ status: string; entries: ReportEntry[]; parts: Received[]; mark: FrameEntry }> {
    const requestId = this.requestId();
    const mark = this.csms.mark(`${action} requestId ${requestId}`);
    const reply = await this.csms.callExpecting(action, { requestId, ...payload }, { status: expected }, { rule: rules.answer });
    const status = String(reply.status);
    if (status !== 'Accepted') return { status, entries: [], parts: [], mark };
    const parts: Received[] = [];
    for (;;) {
      const part = await this.csms.expectCall('NotifyReport', {}, { rule: rules.sent, after: parts.at(-1)?.entry ?? mark });
      await this.csms.expectPayload(part, { requestId }, { rule: rules.requestId });
      if (part.payload.seqNo !== parts.length) throw this.csms.failure(rules.seqNo, `NotifyReport part ${parts.length + 1} with seqNo ${parts.length}`, `seqNo ${String(part.payload.seqNo)} (#${part.entry.seq})`);
      parts.push(part);
      if (part.payload.tbc !== true) break;
    }
    return { status, entries: parts.flatMap((p) => (p.payload.reportData ?? []) as ReportEntry[]), parts, mark };
  }

  /** Every entry carries variableCharacteristics (B07.FR.07/08, B08.FR.12). */
  expectCharacteristics(entries: ReportEntry[], rule: string): void {
    const bare = entries.find((e) => !e.variableCharacteristics);
    if (bare) throw this.csms.failure(rule, 'variableCharacteristics with every reported variable', `${nameOf(bare.component, bare.variable)} has none`);
  }

  /** The entries of `Component.Variable[instance]` (any EVSE). */
  find(entries: ReportEntry[], name: string): ReportEntry[] {
    return entries.filter((e) => nameOf(e.component, e.variable) === name || `${e.component.name}.${e.variable.name}` === name);
  }

  /** The Actual value reported for an entry. */
  actual(e: ReportEntry): string | undefined { return e.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual')?.value; }
}
