/**
 * The harness's station in the provisioning and trigger cases of a CSMS under test: what it
 * waits for after an operator action (the CSMS's reads and writes of its variables, a report
 * request, a reset, a trigger), the limits the CSMS must keep in those requests, the report it
 * sends in NotifyReport parts, and the messages it sends when triggered, each with the CSMS's
 * reply judged at the level the text gives it.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { FrameEntry } from '../../transport/journal';
import { isCall } from '../../transport/journal';
import type { VariableRef } from '../../model/csms-actions';
import type { ConnectorRef } from '../../model/layout';
import { type Match, satisfies } from '../../model/match';
import type { Received } from '../scripted-peer';
import type { ScriptedStation } from './scripted-station';
import { REPLY_LEVEL, type StationDriver } from './station-driver';

interface Item { component?: { name?: string; evse?: { id?: number; connectorId?: number } }; variable?: { name?: string }; attributeType?: string; attributeValue?: string }

const same = (item: Item, v: VariableRef): boolean =>
  item.variable?.name === v.variable && (v.component === undefined || (item.component?.name === v.component
    && (item.component?.evse?.id ?? undefined) === v.evseId && (item.component?.evse?.connectorId ?? undefined) === v.connectorId));

const itemsOf = (payload: Record<string, unknown>, field: string): Item[] => (Array.isArray(payload[field]) ? payload[field] as Item[] : []);

/** The 2.0.1 request and its list of items for reading / writing variables. */
const VARIABLE_REQUESTS = { get: ['GetVariables', 'getVariableData'], set: ['SetVariables', 'setVariableData'] } as const;

export class Provisioning {
  constructor(readonly st: ScriptedStation, readonly drv: StationDriver) {}

  /** The CSMS's requests of `action` that arrived after `after` (the journal, read now). */
  requestsSince(action: string, after: FrameEntry): Received[] {
    return this.st.journal.entries
      .filter((e): e is FrameEntry => e.seq > after.seq && isCall(e) && e.dir === 'in' && (e.frame as CallFrame).action === action)
      .map((e) => ({ payload: (e.frame as CallFrame).payload, entry: e, action }));
  }

  /**
   * 2.0.1: waits until GetVariables / SetVariables requests sent after `after` have named every
   * variable in `wanted` (the operator's choice), within the action timeout; `check` judges each
   * request as it comes (its values, its limits). Returns the requests.
   */
  async expectVariables(kind: 'get' | 'set', wanted: VariableRef[], o: { after: FrameEntry; rule: string; check?: (r: Received) => void }): Promise<Received[]> {
    const [action, field] = VARIABLE_REQUESTS[kind];
    const seen: Received[] = [];
    const missing = (): VariableRef[] => wanted.filter((w) => !seen.some((r) => itemsOf(r.payload, field).some((i) => same(i, w))));
    while (missing().length) {
      const names = missing().map((m) => `${m.component ? `${m.component}.` : ''}${m.variable}`).join(', ');
      const r = await this.st.expectCall(action, { [field]: satisfies(`a list naming ${names}`, (v) => Array.isArray(v)) }, { rule: o.rule, within: this.st.timing.actionTimeout, after: o.after });
      seen.push(r);
      o.check?.(r);
    }
    return seen;
  }

  /** Fails quoting `rule` when a request holds more items than the station's limit (B05.FR.11 / B06.FR.05). */
  checkLimit(r: Received, kind: 'get' | 'set', max: number, rule: string): void {
    const [action, field] = VARIABLE_REQUESTS[kind];
    const n = itemsOf(r.payload, field).length;
    if (n > max) throw this.st.failure(rule, `${action}Request with at most ${max} ${field} items (the station's ItemsPerMessage${action})`, `${n} items`);
  }

  /** Fails quoting `rule` when a SetVariablesRequest names one component, variable and attribute type twice (B05.FR.13; no attributeType = Actual). */
  checkNoDuplicates(r: Received, rule: string): void {
    const keys = itemsOf(r.payload, 'setVariableData').map((i) => JSON.stringify([i.component?.name, i.component?.evse?.id, i.component?.evse?.connectorId, i.variable?.name, i.attributeType ?? 'Actual']));
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice) throw this.st.failure(rule, 'a SetVariablesRequest naming each component, variable and attribute type at most once', `${twice} twice`);
  }

  /** 1.6: waits for GetConfiguration whose key list is `keys` (none: every key, the list absent or empty). */
  expectConfigurationRead(keys: string[], o: { after: FrameEntry; rule: string }): Promise<Received> {
    const key = keys.length
      ? satisfies(`a list holding ${keys.join(', ')}`, (k) => Array.isArray(k) && keys.every((x) => k.includes(x)))
      : satisfies('absent or empty (every key)', (k) => k === undefined || (Array.isArray(k) && k.length === 0));
    return this.st.expectCall('GetConfiguration', { key }, { rule: o.rule, within: this.st.timing.actionTimeout, after: o.after });
  }

  /**
   * The report for a GetBaseReport / GetReport the station Accepted: up to `parts` NotifyReport
   * parts (seqNo from 0, tbc on all but the last, B07.FR.10 / B08.FR.14), each
   * answered by the CSMS within the message timeout (Part 4 §4.2.2: hard); a CALLERROR instead
   * of the NotifyReportResponse is a finding at `replyLevel` quoting `rule`. Returns the number of parts.
   */
  async sendReport(request: Received, o: { rule: string; parts: number }): Promise<number> {
    const model = this.st.deviceModel;
    const entries = model.select(request.payload);
    const parts = model.reportParts(Number(request.payload.requestId), entries, Math.max(1, Math.ceil(entries.length / o.parts)));
    for (const part of parts) {
      const outcome = await this.st.call('NotifyReport', part, { rule: o.rule });
      if (outcome.kind === 'error') {
        await this.drv.should(async () => { throw this.st.failure(o.rule, `NotifyReportResponse to part ${String(part.seqNo)}${part.tbc ? ' (tbc: more to come)' : ' (the last)'}`, `CALLERROR ${outcome.code} "${outcome.description}"`); });
      }
    }
    return parts.length;
  }

  /** The message a trigger asks for, sent as a correct station sends it, and the CSMS's answer judged at REPLY_LEVEL (`rule`). */
  async sendTriggered(message: string, c: ConnectorRef | undefined, o: { rule: Partial<Record<'1.6' | '2.0.1', string>>; status?: string; expected?: Match }): Promise<void> {
    const drv = this.drv;
    const now = new Date().toISOString();
    const rule = { rule: o.rule };
    const send = (action: string, payload: Record<string, unknown>): Promise<unknown> => drv.level(REPLY_LEVEL, () => drv.expect(action, payload, o.expected ?? {}, rule));
    switch (message) {
      case 'MeterValues': {
        const sample = { value: 0, context: 'Trigger', measurand: 'Energy.Active.Import.Register' };
        if (drv.version === '1.6') { await send('MeterValues', { connectorId: c ? drv.index(c) : 0, meterValue: [{ timestamp: now, sampledValue: [{ ...sample, value: '0' }] }] }); return; }
        await send('MeterValues', { evseId: c?.evseId ?? 0, meterValue: [{ timestamp: now, sampledValue: [sample] }] });
        return;
      }
      case 'Heartbeat': await drv.heartbeat(o.expected ?? {}, rule); return;
      case 'StatusNotification': await send('StatusNotification', drv.statusPayload(c, o.status ?? 'Available')); return;
      case 'LogStatusNotification': await send('LogStatusNotification', { status: 'Idle' }); return;
      case 'DiagnosticsStatusNotification': await send('DiagnosticsStatusNotification', { status: 'Idle' }); return;
      case 'FirmwareStatusNotification': await send('FirmwareStatusNotification', { status: 'Idle' }); return;
      default: throw new Error(`the harness station cannot send a triggered ${message}`);
    }
  }
}
