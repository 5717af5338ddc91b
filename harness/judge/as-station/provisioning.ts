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
import { satisfies } from '../../model/match';
import type { Received } from '../scripted-peer';
import type { ScriptedStation } from './scripted-station';
import { REPLY_LEVEL, type StationDriver, type ToolTransaction } from './station-driver';

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

  /** Whether a Get/SetVariablesRequest names any of `wanted` (a request the operator's action caused, not one the CSMS makes on its own). */
  names(r: Received, kind: 'get' | 'set', wanted: VariableRef[]): boolean {
    return itemsOf(r.payload, VARIABLE_REQUESTS[kind][1]).some((i) => wanted.some((w) => same(i, w)));
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
   * of the NotifyReportResponse is a soft finding quoting `rule` (B07 / B08 step 5 has no FR). Returns the number of parts.
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

  /** Resolves once the station's answer to `r` (a CALL of the CSMS) has gone out (F06.FR.04: the trigger's response before the message). */
  answered(r: Received): Promise<void> {
    const id = (r.entry.frame as CallFrame).id;
    const out = (): boolean => this.st.journal.entries.some((e) => e.seq > r.entry.seq && e.kind === 'frame' && e.dir === 'out' && e.frame?.id === id);
    if (out()) return Promise.resolve();
    return new Promise((resolve) => {
      const onEntry = (): void => { if (out()) { this.st.journal.off('entry', onEntry); resolve(); } };
      this.st.journal.on('entry', onEntry);
    });
  }

  /**
   * The message a trigger asked for, sent as a correct station sends it (2.0.1 F06.FR.06 / F06.FR.07,
   * 1.6 §5.17): `c` the connector it is for (none: the station), `tx` the running transaction of a
   * TransactionEvent. The CSMS's answer is judged at REPLY_LEVEL quoting `rule` (a Heartbeat's
   * currentTime always: G02.FR.03 / 1.6 §4.6).
   */
  async sendTriggered(message: string, c: ConnectorRef | undefined, o: { rule: Partial<Record<'1.6' | '2.0.1', string>>; status?: string; tx?: ToolTransaction }): Promise<void> {
    const drv = this.drv;
    const now = new Date().toISOString();
    const send = (action: string, payload: Record<string, unknown>): Promise<unknown> => drv.level(REPLY_LEVEL, () => drv.expect(action, payload, {}, { rule: o.rule }));
    const sample = { context: 'Trigger', measurand: 'Energy.Active.Import.Register' };
    switch (message) {
      case 'MeterValues':
        if (drv.version === '1.6') { await send('MeterValues', { connectorId: c ? drv.index(c) : 0, meterValue: [{ timestamp: now, sampledValue: [{ ...sample, value: '0' }] }] }); return; }
        await send('MeterValues', { evseId: c?.evseId ?? 0, meterValue: [{ timestamp: now, sampledValue: [{ ...sample, value: 0 }] }] });
        return;
      case 'TransactionEvent': {
        const tx = o.tx;
        if (!tx) throw new Error('a triggered TransactionEvent needs the running transaction');
        await send('TransactionEvent', {
          eventType: 'Updated', timestamp: now, triggerReason: 'Trigger', seqNo: tx.seqNo++,
          transactionInfo: { transactionId: tx.id, chargingState: 'Charging' }, evse: { id: tx.connector.evseId, connectorId: tx.connector.connectorId },
          meterValue: [{ timestamp: now, sampledValue: [{ ...sample, value: 1500 }] }],
        });
        return;
      }
      case 'Heartbeat':
        await drv.heartbeat({ currentTime: satisfies('within 60 s of now', (a) => typeof a === 'string' && Math.abs(Date.parse(a) - Date.now()) < 60_000) }, { rule: { '1.6': '1.6§4.6', '2.0.1': 'G02.FR.03' } });
        return;
      case 'StatusNotification':
        await send('StatusNotification', drv.statusPayload(c, o.status ?? 'Available'));
        // 2.0.1: the connector's AvailabilityState goes with it (NotifyEvent, OCTT TC_F_23 / TC_F_24).
        if (drv.version === '2.0.1' && c) await drv.level(REPLY_LEVEL, () => drv.notifyEvent(c, 'Connector', 'AvailabilityState', o.status ?? 'Available', { rule: o.rule }));
        return;
      case 'LogStatusNotification': case 'DiagnosticsStatusNotification': case 'FirmwareStatusNotification':
        await send(message, { status: 'Idle' });
        return;
      default: throw new Error(`the harness station cannot send a triggered ${message}`);
    }
  }
}
