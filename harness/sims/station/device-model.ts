/**
 * The simulated station's 2.0.1 device model (Part 1 §4; Part 2 B05-B08): components with their
 * variables, each with its characteristics (dataType, valuesList, unit) and mutability, read by
 * GetVariables / SetVariables and reported by GetBaseReport / GetReport in NotifyReport parts.
 * The settings table (settings.ts) holds what the CSMS can set; this concern adds the
 * structure (ChargingStation, every EVSE and Connector), their live state (AvailabilityState)
 * and the read-only facts, and answers the four requests. 1.6 has no device model: its
 * GetConfiguration / ChangeConfiguration stay in dialect-16.ts over the same settings.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import { type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import { now, ok } from './dialect';
import type { Setting } from './settings';
import type { SimulatedStation } from './simulated-station';

type Mutability = 'ReadOnly' | 'ReadWrite' | 'WriteOnly';
interface ComponentRef { name: string; instance?: string; evse?: { id: number; connectorId?: number } }
interface VariableRef { name: string; instance?: string }

export interface DmEntry {
  component: ComponentRef;
  variable: VariableRef;
  dataType: string;
  mutability: Mutability;
  valuesList?: string;
  unit?: string;
  maxLimit?: number;
  value(): string;
  /** The setting behind a variable the CSMS can write (settings.ts decides the write). */
  setting?: Setting;
}

export interface DeviceModelPolicy {
  /** Supports the optional SummaryInventory base report (B07.FR.12 requires only Configuration and Full). */
  summaryInventory: boolean;
  /** A base report it does not support: NotSupported and no NotifyReport (B07.FR.02, B07.FR.05); 'notifies': NotSupported, then the report anyway; 'accepted': Accepted and nothing sent. */
  unsupportedBase: 'notSupported' | 'notifies' | 'accepted';
  /** reportData entries per NotifyReport part. */
  partSize: number;
  /** One result per requested item (B06.FR.01, B05.FR.01). */
  answersEveryItem: boolean;
  /** The result carries the attributeType, Actual when the request had none (B06.FR.03/11, B05.FR.03/12). */
  echoesAttributeType: boolean;
  /** An unknown component is UnknownComponent, not UnknownVariable (B06.FR.06, B05.FR.04). */
  tellsUnknownComponent: boolean;
  /** An attribute type other than Actual is NotSupportedAttributeType (B06.FR.08, B05.FR.06). */
  checksAttributeType: boolean;
  /** Added to the requestId of every NotifyReport (0: the request's, B07.FR.04, B08.FR.04). */
  requestIdOffset: number;
  /** seqNo counts the parts from 0 (B07.FR.10, B08.FR.14); false: every part seqNo 0. */
  countsSeqNo: boolean;
  /** Every reported variable carries its variableCharacteristics (B07.FR.07/08, B08.FR.12). */
  reportsCharacteristics: boolean;
  /** `Component.Variable` left out of every report (a FullInventory missing a required variable: B07.FR.08). */
  omitted: string[];
  /** ConfigurationInventory holds only what the operator can set (B07.FR.07); true: read-only variables too. */
  configurationWithReadOnly: boolean;
  /** componentCriteria it does not support: a GetReport with one is NotSupported (B08.FR.02). */
  unsupportedCriteria: string[];
  /** A GetReport mixing supported and unsupported criteria: NotSupported (B08.FR.02); 'ignored': reported by the supported ones; 'empty': EmptyResultSet. */
  mixedCriteria: 'notSupported' | 'ignored' | 'empty';
  /** componentCriteria limit the report (B08.FR.05, B08.FR.07-10, B08.FR.15). */
  appliesCriteria: boolean;
  /** A variable instance given in componentVariable limits the report to it (B08.FR.05, B08.FR.11). */
  appliesVariableInstance: boolean;
  /** A component given without evse is reported for every EVSE (B08.FR.23); true: only EVSE 1. */
  firstEvseOnly: boolean;
  /** The SummaryInventory leaves out the EVSEs' AvailabilityState (B07.FR.09). */
  summaryWithoutEvses: boolean;
  /** Answers a Reset of one EVSE Accepted although it cannot reset an EVSE alone (EVSE.AllowReset false; B11.FR.09, B12.FR.09). */
  acceptsEvseReset: boolean;
}

export const DEVICE_MODEL_FAULTS = {
  'dm.answersFirstOnly': { description: 'answers only the first item of a GetVariables / SetVariables request', rules: { '2.0.1': ['B06.FR.01', 'B05.FR.01'] }, breaks: { answersEveryItem: false } },
  'dm.omitsAttributeType': { description: 'leaves attributeType out of every GetVariables / SetVariables result', rules: { '2.0.1': ['B06.FR.03', 'B06.FR.11', 'B05.FR.03', 'B05.FR.12'] }, breaks: { echoesAttributeType: false } },
  'dm.unknownComponentAsVariable': { description: 'answers UnknownVariable for a component it does not have', rules: { '2.0.1': ['B06.FR.06', 'B05.FR.04'] }, breaks: { tellsUnknownComponent: false } },
  'dm.ignoresAttributeType': { description: 'treats every attributeType as Actual (Target read and written as the actual value)', rules: { '2.0.1': ['B06.FR.08', 'B05.FR.06'] }, breaks: { checksAttributeType: false } },
  'report.wrongRequestId': { description: 'sends its NotifyReport parts with another requestId than the request\'s', rules: { '2.0.1': ['B07.FR.04', 'B08.FR.04'] }, breaks: { requestIdOffset: 1 } },
  'report.seqNoRestarts': { description: 'numbers every NotifyReport part seqNo 0', rules: { '2.0.1': ['B07.FR.10', 'B08.FR.14'] }, breaks: { countsSeqNo: false } },
  'report.noCharacteristics': { description: 'reports variables without variableCharacteristics', rules: { '2.0.1': ['B07.FR.07', 'B07.FR.08', 'B08.FR.12'] }, breaks: { reportsCharacteristics: false } },
  'report.missesRequiredVariable': { description: 'leaves the required OCPPCommCtrlr.OfflineThreshold out of its FullInventory', rules: { '2.0.1': ['B07.FR.08'] }, breaks: { omitted: ['OCPPCommCtrlr.OfflineThreshold'] } },
  'report.configurationWithReadOnly': { description: 'puts read-only variables in its ConfigurationInventory', rules: { '2.0.1': ['B07.FR.07'] }, breaks: { configurationWithReadOnly: true } },
  'report.ignoresCriteria': { description: 'ignores componentCriteria: reports every component asked for (never EmptyResultSet)', rules: { '2.0.1': ['B08.FR.05', 'B08.FR.09', 'B08.FR.10', 'B08.FR.15'] }, breaks: { appliesCriteria: false } },
  'report.ignoresVariableInstance': { description: 'reports every instance of a variable when componentVariable names one', rules: { '2.0.1': ['B08.FR.05', 'B08.FR.11'] }, breaks: { appliesVariableInstance: false } },
  'report.firstEvseOnly': { description: 'reports a component asked for without evse only for EVSE 1', rules: { '2.0.1': ['B08.FR.23'] }, breaks: { firstEvseOnly: true } },
  'report.summaryWithoutEvses': { description: 'its SummaryInventory leaves out the EVSEs\' AvailabilityState', rules: { '2.0.1': ['B07.FR.09'] }, breaks: { summaryWithoutEvses: true } },
  'report.notifiesUnsupportedBase': { description: 'without SummaryInventory: answers it NotSupported, then sends a NotifyReport anyway', rules: { '2.0.1': ['B07.FR.05'] }, breaks: { summaryInventory: false, unsupportedBase: 'notifies' } },
  'report.acceptsUnsupportedBase': { description: 'without SummaryInventory: answers it Accepted and sends no report', rules: { '2.0.1': ['B07.FR.02', 'B07.FR.03'] }, breaks: { summaryInventory: false, unsupportedBase: 'accepted' } },
  'report.ignoresUnsupportedCriterion': { description: 'without the Active criterion: a GetReport for [Available, Active] is Accepted and reported by Available alone', rules: { '2.0.1': ['B08.FR.02'] }, breaks: { unsupportedCriteria: ['Active'], mixedCriteria: 'ignored' } },
  'report.unsupportedCriterionEmpty': { description: 'without the Active criterion: a GetReport for [Available, Active] is answered EmptyResultSet', rules: { '2.0.1': ['B08.FR.02'] }, breaks: { unsupportedCriteria: ['Active'], mixedCriteria: 'empty' } },
  'reset.evseAcceptedWithoutSupport': { description: 'answers a Reset of one EVSE Accepted (and does nothing) though it cannot reset an EVSE alone (EVSE.AllowReset false)', rules: { '2.0.1': ['B11.FR.09', 'B12.FR.09'] }, breaks: { acceptsEvseReset: true } },
} satisfies FaultTable<DeviceModelPolicy>;

export const DEVICE_MODEL_VARIANTS = {
  'report.noSummaryInventory': {
    description: 'supports only the ConfigurationInventory and FullInventory base reports: SummaryInventory NotSupported',
    allowedBy: 'B07.FR.12: a station SHALL support at least ConfigurationInventory and FullInventory; B07.FR.02: NotSupported for a reportBase it does not support (OCTT TC_B_15_CS)',
    versions: ['2.0.1'], sets: { summaryInventory: false },
  },
  'report.noActiveCriterion': {
    description: 'does not support the componentCriterion Active: a GetReport with it is NotSupported',
    allowedBy: 'B08.FR.02: a GetReport for criteria the station does not support is answered NotSupported (OCTT TC_B_19_CS: "The Charging Station has one or more not supported componentCriteria")',
    versions: ['2.0.1'], sets: { unsupportedCriteria: ['Active'] },
  },
  'report.singlePart': {
    description: 'sends every report in one NotifyReport (no tbc parts)',
    allowedBy: 'B07.FR.03 / B08.FR.03: the report comes in one or more NotifyReportRequest messages; how it is split is the station\'s (NotifyReportRequest.tbc optional, default false)',
    versions: ['2.0.1'], sets: { partSize: 10000 },
  },
} satisfies VariantTable<DeviceModelPolicy>;

const CORRECT: DeviceModelPolicy = {
  summaryInventory: true, unsupportedBase: 'notSupported', partSize: 12, answersEveryItem: true, echoesAttributeType: true, tellsUnknownComponent: true, checksAttributeType: true,
  requestIdOffset: 0, countsSeqNo: true, reportsCharacteristics: true, omitted: [], configurationWithReadOnly: false, unsupportedCriteria: [], mixedCriteria: 'notSupported', appliesCriteria: true,
  appliesVariableInstance: true, firstEvseOnly: false, summaryWithoutEvses: false, acceptsEvseReset: false,
};

const AVAILABILITY = 'Available,Occupied,Reserved,Unavailable,Faulted';
const CRITERIA = ['Active', 'Available', 'Enabled', 'Problem'];
const keyOf = (c: ComponentRef): string => `${c.name}|${c.instance ?? ''}|${c.evse?.id ?? ''}|${c.evse?.connectorId ?? ''}`;
const nameOf = (e: DmEntry): string => `${e.component.name}.${e.variable.name}`;

interface VariableData { component: ComponentRef; variable: VariableRef; attributeType?: string }

export class DeviceModel {
  readonly policy: Readonly<DeviceModelPolicy>;

  constructor(private readonly s: SimulatedStation, active: ReadonlySet<string>) {
    this.policy = policyOf(CORRECT, DEVICE_MODEL_FAULTS, active, DEVICE_MODEL_VARIANTS);
  }

  handles(call: CallFrame): boolean {
    return this.s.version === '2.0.1' && ['GetVariables', 'SetVariables', 'GetBaseReport', 'GetReport'].includes(call.action);
  }

  handle(call: CallFrame): Reply {
    const p = call.payload as Record<string, never>;
    switch (call.action) {
      case 'GetVariables': return ok({ getVariableResult: this.items(p.getVariableData as VariableData[]).map((d) => this.get(d)) });
      case 'SetVariables': return ok({ setVariableResult: this.items(p.setVariableData as (VariableData & { attributeValue: string })[]).map((d) => this.set(d)) });
      case 'GetBaseReport': return this.baseReport(Number(p.requestId), String(p.reportBase));
      default: return this.customReport(Number(p.requestId), p.componentCriteria as string[] | undefined, p.componentVariable as { component: ComponentRef; variable?: VariableRef }[] | undefined);
    }
  }

  /** Every component/variable of the station now: the settings' variables and the structure's. */
  entries(): DmEntry[] {
    const { s } = this;
    const out: DmEntry[] = s.settings.all.filter((x) => x.component).map((x) => ({
      component: { name: x.component! }, variable: { name: x.variable!, ...(x.instance ? { instance: x.instance } : {}) },
      dataType: x.type, mutability: x.writeOnly ? 'WriteOnly' : x.readonly ? 'ReadOnly' : 'ReadWrite',
      ...(x.valuesList ? { valuesList: x.valuesList } : {}), value: () => x.value, setting: x,
    }));
    const fixed = (component: ComponentRef, name: string, dataType: string, value: () => string, extra: Partial<DmEntry> = {}): DmEntry =>
      ({ component, variable: { name }, dataType, mutability: 'ReadOnly', value, ...extra });
    const station: ComponentRef = { name: 'ChargingStation' };
    out.push(
      fixed(station, 'AvailabilityState', 'OptionList', () => (s.availability.stationOperative ? 'Available' : 'Unavailable'), { valuesList: AVAILABILITY }),
      fixed(station, 'Available', 'boolean', () => 'true'),
      fixed(station, 'SupplyPhases', 'integer', () => '3'),
      fixed(station, 'Model', 'string', () => s.identity.model),
      fixed(station, 'VendorName', 'string', () => s.identity.vendor),
    );
    for (const evseId of [...new Set(s.connectors.map((c) => c.ref.evseId))]) {
      const evse: ComponentRef = { name: 'EVSE', evse: { id: evseId } };
      const first = s.connectors.find((c) => c.ref.evseId === evseId)!;
      out.push(
        fixed(evse, 'AvailabilityState', 'OptionList', () => s.dialect.statusOf(first), { valuesList: AVAILABILITY }),
        fixed(evse, 'Available', 'boolean', () => 'true'),
        fixed(evse, 'AllowReset', 'boolean', () => String(s.evseReset.allowReset)),
        fixed(evse, 'Power', 'decimal', () => '0', { unit: 'W', maxLimit: 22000 }),
        fixed(evse, 'SupplyPhases', 'integer', () => '3'),
      );
    }
    for (const c of s.connectors) {
      const connector: ComponentRef = { name: 'Connector', evse: { id: c.ref.evseId, connectorId: c.ref.connectorId } };
      out.push(
        fixed(connector, 'AvailabilityState', 'OptionList', () => s.dialect.statusOf(c), { valuesList: AVAILABILITY }),
        fixed(connector, 'Available', 'boolean', () => 'true'),
        fixed(connector, 'ConnectorType', 'string', () => 'cType2'),
        fixed(connector, 'SupplyPhases', 'integer', () => '3'),
      );
    }
    // TxStartPoint / TxStopPoint are settings rows (transactions.ts keeps them); SecurityProfile too (security-profile.ts).
    out.push(
      fixed({ name: 'ClockCtrlr' }, 'DateTime', 'dateTime', () => now()),
      fixed({ name: 'SecurityCtrlr' }, 'SecurityProfile', 'integer', () => String(s.securityProfiles.current)),
    );
    // A variable the settings table already holds (it may own it) is not added twice.
    const id = (e: DmEntry): string => `${keyOf(e.component)}|${e.variable.name}|${e.variable.instance ?? ''}`;
    const seen = new Set<string>();
    return out.filter((e) => !seen.has(id(e)) && seen.add(id(e)) && !this.policy.omitted.includes(nameOf(e)));
  }

  private items<T>(data: T[]): T[] { return this.policy.answersEveryItem ? data : data.slice(0, 1); }

  /** The entry a GetVariables / SetVariables item names, or why there is none (B06.FR.06/07/14/15, B05.FR.04/05). */
  private lookup(d: VariableData): DmEntry | 'UnknownComponent' | 'UnknownVariable' {
    const all = this.entries();
    const want = keyOf({ name: d.component.name, instance: d.component.instance || undefined, evse: d.component.evse });
    const ofComponent = all.filter((e) => keyOf(e.component) === want);
    if (!ofComponent.length) return this.policy.tellsUnknownComponent ? 'UnknownComponent' : 'UnknownVariable';
    return ofComponent.find((e) => e.variable.name === d.variable.name && (e.variable.instance ?? '') === (d.variable.instance ?? '')) ?? 'UnknownVariable';
  }

  private base(d: VariableData): Record<string, unknown> {
    return { component: d.component, variable: d.variable, ...(this.policy.echoesAttributeType ? { attributeType: d.attributeType ?? 'Actual' } : {}) };
  }

  private notActual(d: VariableData): boolean { return this.policy.checksAttributeType && (d.attributeType ?? 'Actual') !== 'Actual'; }

  private get(d: VariableData): Record<string, unknown> {
    const e = this.lookup(d);
    const knowsEveryKey = this.s.settings.policy.knowsEveryKey;
    if (e === 'UnknownVariable' && knowsEveryKey) return { ...this.base(d), attributeStatus: 'Accepted' };
    if (typeof e === 'string') return { ...this.base(d), attributeStatus: e };
    if (this.notActual(d)) return { ...this.base(d), attributeStatus: 'NotSupportedAttributeType' };
    if (e.mutability === 'WriteOnly') return { ...this.base(d), attributeStatus: 'Rejected' };
    return { ...this.base(d), attributeStatus: 'Accepted', ...(knowsEveryKey ? {} : { attributeValue: e.value() }) };
  }

  private set(d: VariableData & { attributeValue: string }): Record<string, unknown> {
    const e = this.lookup(d);
    if (e === 'UnknownVariable' && this.s.settings.policy.knowsEveryKey) return { ...this.base(d), attributeStatus: 'Accepted' };
    if (typeof e === 'string') return { ...this.base(d), attributeStatus: e };
    if (this.notActual(d)) return { ...this.base(d), attributeStatus: 'NotSupportedAttributeType' };
    if (!e.setting) return { ...this.base(d), attributeStatus: this.s.settings.policy.protectsReadOnly ? 'Rejected' : 'Accepted' };
    // A TxStartPoint / TxStopPoint member the station does not support (outside its valuesList): Rejected (transactions.ts).
    if (!e.setting.readonly && !this.s.tx.acceptsSetting(e.setting.component, e.setting.variable, d.attributeValue)) return { ...this.base(d), attributeStatus: 'Rejected' };
    const status = this.s.settings.change(e.setting, d.attributeValue);
    return { ...this.base(d), attributeStatus: status === 'NotSupported' ? 'UnknownVariable' : status };
  }

  // ---- reports (B07, B08) ----------------------------------------------------------------------
  private baseReport(requestId: number, reportBase: string): Reply {
    const all = this.entries();
    if (reportBase === 'SummaryInventory' && !this.policy.summaryInventory) {
      if (this.policy.unsupportedBase === 'notifies') this.notify(requestId, this.summary(all));
      return ok({ status: this.policy.unsupportedBase === 'accepted' ? 'Accepted' : 'NotSupported' });
    }
    const selected = reportBase === 'FullInventory' ? all
      : reportBase === 'ConfigurationInventory' ? all.filter((e) => e.mutability !== 'ReadOnly' || this.policy.configurationWithReadOnly)
        : this.summary(all);
    this.notify(requestId, selected);
    return ok({ status: 'Accepted' });
  }

  /** B07.FR.09: the availability of the station, every EVSE and every connector whose state differs from its EVSE's. */
  private summary(all: DmEntry[]): DmEntry[] {
    const evseState = (id: number): string | undefined => all.find((e) => e.component.name === 'EVSE' && e.component.evse?.id === id && e.variable.name === 'AvailabilityState')?.value();
    return all.filter((e) => e.variable.name === 'AvailabilityState' && (e.component.name === 'ChargingStation'
      || (e.component.name === 'EVSE' && !this.policy.summaryWithoutEvses)
      || (e.component.name === 'Connector' && e.value() !== evseState(e.component.evse!.id))));
  }

  private customReport(requestId: number, criteria: string[] | undefined, wanted: { component: ComponentRef; variable?: VariableRef }[] | undefined): Reply {
    if (criteria?.some((c) => !CRITERIA.includes(c))) return ok({ status: 'NotSupported' });
    const unsupported = (c: string): boolean => this.policy.unsupportedCriteria.includes(c);
    if (criteria?.some(unsupported)) {
      const rest = criteria.filter((c) => !unsupported(c));
      if (!rest.length || this.policy.mixedCriteria === 'notSupported') return ok({ status: 'NotSupported' });
      if (this.policy.mixedCriteria === 'empty') return ok({ status: 'EmptyResultSet' });
      criteria = rest;
    }
    let selected = this.entries();
    if (wanted?.length) selected = selected.filter((e) => wanted.some((w) => this.matches(e, w)));
    if (criteria?.length && this.policy.appliesCriteria) {
      const all = this.entries();
      const meets = (c: ComponentRef, criterion: string): boolean => {
        const v = all.find((e) => keyOf(e.component) === keyOf(c) && e.variable.name === criterion && !e.variable.instance);
        // B08.FR.07-09: true, or no such variable; B08.FR.10: Problem only when true.
        return criterion === 'Problem' ? v?.value() === 'true' : !v || v.value() === 'true';
      };
      selected = selected.filter((e) => criteria.some((c) => meets(e.component, c)));
    }
    if (!selected.length) return ok({ status: 'EmptyResultSet' });
    this.notify(requestId, selected);
    return ok({ status: 'Accepted' });
  }

  /** B08.FR.20-25: a componentVariable item selects every variable / instance / EVSE it leaves open. */
  private matches(e: DmEntry, w: { component: ComponentRef; variable?: VariableRef }): boolean {
    const c = w.component;
    if (e.component.name !== c.name) return false;
    if (c.instance !== undefined && e.component.instance !== c.instance) return false;
    if (c.evse) {
      if (e.component.evse?.id !== c.evse.id) return false;
      if (c.evse.connectorId !== undefined && e.component.evse.connectorId !== c.evse.connectorId) return false;
    } else if (this.policy.firstEvseOnly && e.component.evse && e.component.evse.id !== 1) return false;
    if (!w.variable) return true;
    if (e.variable.name !== w.variable.name) return false;
    return w.variable.instance === undefined || !this.policy.appliesVariableInstance || e.variable.instance === w.variable.instance;
  }

  /** NotifyReport parts after the answer (B07.FR.03, B08.FR.03): seqNo from 0, tbc on all but the last. */
  private notify(requestId: number, entries: DmEntry[]): void {
    const { s } = this;
    const size = Math.max(1, this.policy.partSize);
    const parts: DmEntry[][] = [];
    for (let i = 0; i < entries.length; i += size) parts.push(entries.slice(i, i + size));
    s.after(0.02 / (s.opts.timeScale ?? 1), () => {
      void (async () => {
        for (const [i, part] of parts.entries()) {
          const last = i === parts.length - 1;
          await s.send('NotifyReport', {
            requestId: requestId + this.policy.requestIdOffset, generatedAt: now(), seqNo: this.policy.countsSeqNo ? i : 0, tbc: !last,
            reportData: part.map((e) => this.reportData(e)),
          }, true).catch(() => undefined);
        }
      })();
    });
  }

  private reportData(e: DmEntry): Record<string, unknown> {
    return {
      component: e.component, variable: e.variable,
      variableAttribute: [{ type: 'Actual', ...(e.mutability === 'WriteOnly' ? {} : { value: e.value() }), mutability: e.mutability, persistent: !!e.setting, constant: false }],
      ...(this.policy.reportsCharacteristics ? { variableCharacteristics: {
        dataType: e.dataType, supportsMonitoring: false, ...(e.unit ? { unit: e.unit } : {}), ...(e.maxLimit !== undefined ? { maxLimit: e.maxLimit } : {}), ...(e.valuesList ? { valuesList: e.valuesList } : {}),
      } } : {}),
    };
  }
}
