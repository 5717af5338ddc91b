/**
 * The fields of transaction messages every case checks, passively, whatever the case is about
 * (one checker per message instead of a check in every case):
 *
 *  - 2.0.1 TransactionEvent seqNo: within a transaction each new event carries the previous
 *    seqNo + 1 (E01.FR.07, E §1.3.2.1 "after each TransactionEventRequest ... SHALL increase the
 *    seqNo by 1"). Not judged: a resend of the same event (E13, same seqNo, same content), a gap
 *    after another transaction's event came in between (a station-wide counter also goes up by 1
 *    after each request) or after the connection was lost and made again, anything in a
 *    transaction with an event sent offline (E11.FR.04 / E12.FR.04: Updated events MAY be
 *    dropped while offline).
 *  - Energy registers (Energy.Active.Import.Register, the default measurand of both versions)
 *    do not go down within a transaction: 1.6 meterStart, MeterValues of the transaction,
 *    meterStop and transactionData; 2.0.1 the meterValue of every TransactionEvent. "All
 *    Register values relating to a single charging transaction ... MUST be monotonically
 *    increasing in time" (2.0.1 MeasurandEnumType Note 2, "except in the case of a meter
 *    replacement", which the wire does not show; 1.6 errata §3.78, new text of §7.31): a failing
 *    finding. Equal readings are allowed (no energy flowed); readings are ordered by their
 *    timestamps and compared within their resolution (12.34 kWh is 12340 Wh ± 10 Wh).
 *
 * Findings carry the frame; they never interrupt the case.
 */
import { CALL, CALLRESULT, type CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { FrameEntry, Journal, JournalEntry } from '../../transport/journal';

export const TRANSACTION_RULES = {
  seqNo: 'E01.FR.07',
  startedOnce: 'Part2§TxStartPoint',
  endedLast: 'Part2§TxStopPoint',
  register: { '1.6': '1.6§7.31', '2.0.1': 'Part2§MeasurandEnumType' },
} as const;

type Payload = Record<string, unknown>;
const REGISTER = 'Energy.Active.Import.Register';

interface Reading { t: number; wh: number; resolution: number; group: string; seq: number; what: string }
interface SeqState { prev: number; prevSeq: number; bodies: Map<number, string>; offline: boolean; index: number; connections: number; started?: number; ended?: number }

/** Decimal places of a number as written (`12.340` → 3). */
function decimals(v: unknown): number {
  const m = /\.(\d+)/.exec(String(v));
  return m ? m[1].length : 0;
}

export class TransactionCheck {
  private readonly seqNos = new Map<string, SeqState>();
  private events = 0;
  /** Connection events seen (a station that was offline in between MAY have dropped events: E11.FR.04, E12.FR.04). */
  private connections = 0;
  private readonly readings = new Map<string, Reading[]>();
  private readonly flagged = new Set<string>();
  /** 1.6 StartTransaction CALLs waiting for the harness's reply (it gives the transactionId). */
  private readonly starts = new Map<string, { p: Payload; entry: FrameEntry }>();

  constructor(private readonly journal: Journal, private readonly version: OcppVersion) {}

  watch(): this {
    this.journal.on('entry', (e: JournalEntry) => {
      if (e.kind === 'event' && e.source === 'connection') this.connections++;
      if (e.kind !== 'frame' || !e.frame || e.violation) return;
      if (e.dir === 'in' && e.frame.type === CALL) this.onCall(e, e.frame);
      else if (e.dir === 'out' && e.frame.type === CALLRESULT) this.onReply(e.frame.id, e.frame.payload as Payload);
    });
    return this;
  }

  private onCall(e: FrameEntry, frame: CallFrame): void {
    const p = frame.payload as Payload;
    if (this.version === '2.0.1') {
      if (frame.action !== 'TransactionEvent') return;
      const id = String((p.transactionInfo as Payload | undefined)?.transactionId ?? '');
      if (!id) return;
      this.checkSeqNo(e, id, p);
      for (const mv of (Array.isArray(p.meterValue) ? p.meterValue : []) as Payload[]) this.meterValue(e, id, mv, `TransactionEvent ${String(p.eventType)}`);
      return;
    }
    if (frame.action === 'StartTransaction') this.starts.set(frame.id, { p, entry: e });
    else if (frame.action === 'MeterValues' && typeof p.transactionId === 'number') {
      for (const mv of (Array.isArray(p.meterValue) ? p.meterValue : []) as Payload[]) this.meterValue(e, String(p.transactionId), mv, 'MeterValues');
    } else if (frame.action === 'StopTransaction' && typeof p.transactionId === 'number') {
      const id = String(p.transactionId);
      if (typeof p.meterStop === 'number') this.add(id, { t: Date.parse(String(p.timestamp)), wh: p.meterStop, resolution: 1, group: 'Outlet|', seq: e.seq, what: `StopTransaction meterStop ${p.meterStop} Wh` }, e);
      for (const mv of (Array.isArray(p.transactionData) ? p.transactionData : []) as Payload[]) this.meterValue(e, id, mv, 'StopTransaction transactionData');
    }
  }

  /** 1.6: the harness's StartTransaction.conf names the transaction whose meterStart was sent. */
  private onReply(id: string, reply: Payload): void {
    const start = this.starts.get(id);
    if (!start) return;
    this.starts.delete(id);
    if (typeof reply.transactionId !== 'number' || typeof start.p.meterStart !== 'number') return;
    this.add(String(reply.transactionId), { t: Date.parse(String(start.p.timestamp)), wh: start.p.meterStart, resolution: 1, group: 'Outlet|', seq: start.entry.seq, what: `StartTransaction meterStart ${start.p.meterStart} Wh` }, start.entry);
  }

  private checkSeqNo(e: FrameEntry, id: string, p: Payload): void {
    const seqNo = p.seqNo;
    if (typeof seqNo !== 'number') return;
    const { offline: _offline, ...rest } = p;
    const body = JSON.stringify(rest);
    const state = this.seqNos.get(id);
    if (state?.bodies.get(seqNo) === body) return; // a resend of the same event (E13)
    const index = ++this.events;
    if (!state) { this.seqNos.set(id, { prev: seqNo, prevSeq: e.seq, bodies: new Map([[seqNo, body]]), offline: p.offline === true, index, connections: this.connections, ...this.marks(p, e) }); return; }
    // TxCtrlr.TxStartPoint / TxStopPoint: the Started event is sent once; the Ended event once, and it is the last.
    if (state.ended !== undefined) {
      this.journal.finding('fail', TRANSACTION_RULES.endedLast, `TransactionEvent ${String(p.eventType)} (#${e.seq}) of transaction ${id} came after its Ended event (#${state.ended}): Ended is the last event of a transaction, sent once`, e.raw);
    } else if (p.eventType === 'Started' && state.started !== undefined) {
      this.journal.finding('fail', TRANSACTION_RULES.startedOnce, `a second TransactionEvent Started (#${e.seq}) for transaction ${id} (the first: #${state.started}): the Started event is sent once per transaction`, e.raw);
    }
    Object.assign(state, { ...this.marks(p, e), ...(state.started !== undefined ? { started: state.started } : {}) });
    if (p.offline === true) state.offline = true;
    // A gap is no finding after another transaction's event (a station-wide counter) or a lost connection (events MAY be dropped offline).
    const gapAllowed = index > state.index + 1 || this.connections !== state.connections;
    const ok = seqNo === state.prev + 1 || state.offline || (gapAllowed && seqNo > state.prev + 1);
    if (!ok) {
      this.journal.finding('fail', TRANSACTION_RULES.seqNo,
        `TransactionEvent ${String(p.eventType)} (#${e.seq}) of transaction ${id} has seqNo ${seqNo}; the previous event of this transaction (#${state.prevSeq}) had ${state.prev}: after each TransactionEventRequest the seqNo goes up by 1 (E §1.3.2.1)`, e.raw);
    }
    Object.assign(state, { prev: seqNo, prevSeq: e.seq, index, connections: this.connections });
    state.bodies.set(seqNo, body);
  }

  private marks(p: Payload, e: FrameEntry): { started?: number; ended?: number } {
    return p.eventType === 'Started' ? { started: e.seq } : p.eventType === 'Ended' ? { ended: e.seq } : {};
  }

  /** The energy register readings of a MeterValue element (1.6 §7 SampledValue, 2.0.1 SampledValueType). */
  private meterValue(e: FrameEntry, id: string, mv: Payload, where: string): void {
    const t = Date.parse(String(mv.timestamp));
    for (const sv of (Array.isArray(mv.sampledValue) ? mv.sampledValue : []) as Payload[]) {
      if ((sv.measurand ?? REGISTER) !== REGISTER || sv.format === 'SignedData') continue;
      const unitOf = this.version === '1.6' ? { unit: sv.unit, multiplier: 0 } : (sv.unitOfMeasure as { unit?: string; multiplier?: number } | undefined) ?? {};
      const unit = unitOf.unit ?? 'Wh';
      if (unit !== 'Wh' && unit !== 'kWh') continue;
      const value = Number(sv.value);
      if (!Number.isFinite(value)) continue;
      const scale = (unit === 'kWh' ? 1000 : 1) * 10 ** Number(unitOf.multiplier ?? 0);
      const group = `${String(sv.location ?? 'Outlet')}|${String(sv.phase ?? '')}`;
      this.add(id, { t, wh: value * scale, resolution: scale * 10 ** -decimals(sv.value), group, seq: e.seq, what: `${where} ${String(sv.value)} ${unit}${sv.context ? ` (${String(sv.context)})` : ''}` }, e);
    }
  }

  private add(id: string, r: Reading, e: FrameEntry): void {
    if (!Number.isFinite(r.t)) return;
    const list = this.readings.get(id) ?? [];
    this.readings.set(id, list);
    const lower = list.find((x) => x.group === r.group && ((x.t <= r.t && x.wh - r.wh > Math.max(x.resolution, r.resolution)) || (x.t >= r.t && r.wh - x.wh > Math.max(x.resolution, r.resolution))));
    list.push(r);
    if (!lower || this.flagged.has(id)) return;
    this.flagged.add(id);
    const [earlier, later] = lower.t <= r.t ? [lower, r] : [r, lower];
    this.journal.finding('fail', TRANSACTION_RULES.register[this.version],
      `the energy register of transaction ${id} went down: ${later.what} (#${later.seq}) is below ${earlier.what} (#${earlier.seq}), read earlier`, e.raw);
  }
}
