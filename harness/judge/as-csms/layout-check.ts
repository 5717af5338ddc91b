/**
 * Device-wide sanity, passive, in every station-under-test case: each EVSE and connector a
 * station's message names is one of the station's. The layout is the one the run declares
 * (run configuration `sut.evses`, the device profile's `evses`) plus what the station itself
 * reported in a 2.0.1 NotifyReport (EVSE / Connector components). A message naming another is a
 * failing finding with the frame, not a crash of the case:
 *
 *  - 1.6 (§3.8 Connector numbering, MUST: connectorIds 1..n, never above the number of connectors;
 *    0, when the Charge Point reports, is the Charge Point itself): StatusNotification and
 *    MeterValues connectorId 0..n, StartTransaction connectorId 1..n;
 *  - 2.0.1 StatusNotification evseId/connectorId (the message definition names the station's
 *    connector), TransactionEvent evse (E01.FR.16), MeterValues evseId 0 or an EVSE (J01.FR.02).
 */
import type { ConnectorRef } from '../../model/layout';
import { CALL, type CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { FrameEntry, Journal, JournalEntry } from '../../transport/journal';

/** The rules a layout finding cites, per version and message (registry ids binding the station). */
export const LAYOUT_RULES = {
  '1.6': { StatusNotification: '1.6§3.8', StartTransaction: '1.6§3.8', MeterValues: '1.6§3.8' },
  '2.0.1': { StatusNotification: 'Part2§StatusNotificationRequest', TransactionEvent: 'E01.FR.16', MeterValues: 'J01.FR.02' },
} as const satisfies Record<OcppVersion, Record<string, string>>;

type Payload = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

export class LayoutCheck {
  private readonly known: ConnectorRef[];

  /** `declared`: every layout the run declares (they are merged; a connector in any of them exists). */
  constructor(private readonly journal: Journal, private readonly version: OcppVersion, declared: readonly ConnectorRef[][], private readonly source: string) {
    this.known = [];
    for (const refs of declared) for (const r of refs) this.add(r);
  }

  /** Listens to the journal from now on: every CALL from the station is checked when it arrives. */
  watch(): this {
    const onEntry = (e: JournalEntry): void => {
      if (e.kind !== 'frame' || e.dir !== 'in' || e.frame?.type !== CALL || e.violation) return;
      this.check(e, e.frame);
    };
    this.journal.on('entry', onEntry);
    return this;
  }

  private add(r: ConnectorRef): void {
    if (!this.known.some((k) => k.evseId === r.evseId && k.connectorId === r.connectorId)) this.known.push(r);
  }

  private get evses(): number[] { return [...new Set(this.known.map((r) => r.evseId))]; }
  private hasEvse(id: number): boolean { return this.known.some((r) => r.evseId === id); }
  private hasConnector(evseId: number, connectorId: number): boolean { return this.known.some((r) => r.evseId === evseId && r.connectorId === connectorId); }
  /** 1.6 connectorIds: positions over every EVSE's connectors, from 1. */
  private get count16(): number { return this.known.length; }

  describe(): string {
    if (this.version === '1.6') return `connectorId 0 (the Charge Point) and 1..${this.count16} (${this.source})`;
    return `${this.evses.map((e) => `EVSE ${e} (connector${this.known.filter((r) => r.evseId === e).length > 1 ? 's' : ''} ${this.known.filter((r) => r.evseId === e).map((r) => r.connectorId).join(', ')})`).join(', ')} (${this.source})`;
  }

  check(e: FrameEntry, frame: CallFrame): void {
    const p = frame.payload as Payload;
    if (this.version === '1.6') this.check16(e, frame.action, p);
    else this.check201(e, frame.action, p);
  }

  private fail(rule: string, e: FrameEntry, what: string): void {
    this.journal.finding('fail', rule, `${what} (#${e.seq}), which the station does not have: its layout is ${this.describe()}`, e.raw);
  }

  private check16(e: FrameEntry, action: string, p: Payload): void {
    const id = num(p.connectorId);
    if (id === undefined) return;
    const n = this.count16;
    if (action === 'StatusNotification' && id > n) this.fail(LAYOUT_RULES['1.6'].StatusNotification, e, `StatusNotification for connectorId ${id}`);
    if (action === 'MeterValues' && id > n) this.fail(LAYOUT_RULES['1.6'].MeterValues, e, `MeterValues for connectorId ${id}`);
    if (action === 'StartTransaction' && (id < 1 || id > n)) this.fail(LAYOUT_RULES['1.6'].StartTransaction, e, `StartTransaction on connectorId ${id}`);
  }

  private check201(e: FrameEntry, action: string, p: Payload): void {
    const rules = LAYOUT_RULES['2.0.1'];
    if (action === 'NotifyReport') {
      // The station reports its own layout: EVSE and Connector components it has.
      for (const d of (Array.isArray(p.reportData) ? p.reportData : []) as { component?: { name?: string; evse?: { id?: unknown; connectorId?: unknown } } }[]) {
        const evseId = num(d.component?.evse?.id);
        if (evseId === undefined || evseId < 1) continue;
        const connectorId = num(d.component?.evse?.connectorId);
        if (connectorId !== undefined) this.add({ evseId, connectorId });
        else if (!this.hasEvse(evseId) && d.component?.name === 'EVSE') this.add({ evseId, connectorId: 1 });
      }
      return;
    }
    if (action === 'StatusNotification') {
      const evseId = num(p.evseId); const connectorId = num(p.connectorId);
      if (evseId !== undefined && connectorId !== undefined && !this.hasConnector(evseId, connectorId)) this.fail(rules.StatusNotification, e, `StatusNotification for EVSE ${evseId} connector ${connectorId}`);
    } else if (action === 'TransactionEvent') {
      const evse = p.evse as { id?: unknown; connectorId?: unknown } | undefined;
      const evseId = num(evse?.id); const connectorId = num(evse?.connectorId);
      if (evseId === undefined) return;
      if (!this.hasEvse(evseId)) this.fail(rules.TransactionEvent, e, `TransactionEvent on EVSE ${evseId}`);
      else if (connectorId !== undefined && !this.hasConnector(evseId, connectorId)) this.fail(rules.TransactionEvent, e, `TransactionEvent on EVSE ${evseId} connector ${connectorId}`);
    } else if (action === 'MeterValues') {
      const evseId = num(p.evseId);
      if (evseId !== undefined && evseId !== 0 && !this.hasEvse(evseId)) this.fail(rules.MeterValues, e, `MeterValues for EVSE ${evseId}`);
    }
  }
}
