/**
 * The version adapter of the CSMS-under-test cases: the harness's station in neutral terms
 * (boot, report a connector's status, present a card, start and stop a transaction, report a
 * firmware status), turned into each version's frames over a ScriptedStation, with each CSMS
 * reply checked against what the case expects. Its simple hardware model (cable, relay, meter
 * per connector) keeps the frames consistent the way a correct station's would be.
 */
import { atLevel, softly } from '../grading';
import { randomUUID } from 'node:crypto';
import { ConformanceError } from '../../model/errors';
import type { OcppVersion } from '../../protocol/versions';
import { type ConnectorRef, connectorIndex } from '../../model/layout';
import { type Match, diff, show } from '../../model/match';
import { describeSpan, ms } from '../../model/timing';
import type { ScriptedStation } from './scripted-station';
import { type RuleSpec, ruleFor } from '../../model/rules';

type PerVersion<T> = Partial<Record<OcppVersion, T>>;

export interface ToolTransaction {
  /** 1.6: the CSMS's transactionId; 2.0.1: the station's transactionId. */
  id: string | number;
  connector: ConnectorRef;
  idToken?: string;
  seqNo: number;
  /** Reply to the start (1.6 StartTransaction, 2.0.1 TransactionEvent Started). */
  startReply: Record<string, unknown>;
}

interface SendOptions { rule: RuleSpec; within?: number }

/**
 * The CSMS answers a message that carries no token and asks nothing of it (StatusNotification,
 * TransactionEvent Updated without idToken, Ended without idToken): 1.6 §4.9 and §4.10 say the
 * Central System SHALL respond; 2.0.1 states no CSMS-side rule for these replies (G01, E02 and E06
 * only show them in their scenarios), so there a miss is a soft finding citing FR.03 (a CALLERROR
 * is what a receiver answers to an invalid message, not to a valid one). Use with `level`.
 */
export const REPLY_LEVEL = { '1.6': 'shall', '2.0.1': 'should' } as const;
/** The rules of REPLY_LEVEL: a StatusNotification (1.6 also for the charging state). */
export const STATUS_REPLY = { '1.6': '1.6§4.9', '2.0.1': 'FR.03' } as const;
/** The rules of REPLY_LEVEL: the end of a transaction without a token (1.6 StopTransaction). */
export const STOP_REPLY = { '1.6': '1.6§4.10', '2.0.1': 'FR.03' } as const;

export class StationDriver {
  private readonly meterWh = new Map<string, number>();
  /** Transactions it started and has not ended (ended by `endOpenTransactions` when the case ends). */
  private readonly open = new Map<string, ToolTransaction>();

  constructor(readonly station: ScriptedStation, readonly connectors: ConnectorRef[]) {
    station.deviceModel.setLayout(connectors);
  }

  get version(): OcppVersion { return this.station.version; }

  /** The rule for this version, checked against the registry: ids of this version binding the CSMS (or both). */
  rule(r: RuleSpec): string { return ruleFor(this.version, r, 'csms'); }

  /**
   * Runs a check at the level the version's text gives it: SHALL fails the case, SHOULD records a
   * soft finding (e.g. a reply 2.0.1 asks of no CSMS but 1.6 does). A version missing from
   * `levels` skips the check.
   */
  async level<T>(levels: PerVersion<'shall' | 'should'>, fn: () => Promise<T>): Promise<T | undefined> {
    return atLevel(this.station.journal, this.version, levels, fn);
  }

  /** Runs a SHOULD-level check (or one no requirement makes a SHALL): a miss is a soft finding, not a failure. */
  async should<T>(fn: () => Promise<T>): Promise<T | undefined> {
    return softly(this.station.journal, fn);
  }

  pick<T>(v: PerVersion<T>): T {
    const x = v[this.version];
    if (x === undefined) throw new ConformanceError('harness', `no OCPP ${this.version} value in ${JSON.stringify(v)}`, 'harness');
    return x;
  }

  /** 1.6 connectorId: position over all EVSEs, from 1 (a connector outside the layout is a harness error). */
  index(ref: ConnectorRef): number { return connectorIndex(this.connectors, ref); }

  private now(): string { return new Date().toISOString(); }

  private meter(c: ConnectorRef, add = 0): number {
    const key = `${c.evseId}/${c.connectorId}`;
    const v = (this.meterWh.get(key) ?? 0) + add;
    this.meterWh.set(key, v);
    return v;
  }

  /** Sends a CALL and requires a CALLRESULT containing `expected`. */
  expect(action: string, payload: Record<string, unknown>, expected: Match, o: SendOptions): Promise<Record<string, unknown>> {
    return this.station.callExpecting(action, payload, expected, { rule: this.rule(o.rule), within: o.within });
  }

  // ---- provisioning ----------------------------------------------------------------------

  bootPayload(reason = 'PowerUp'): Record<string, unknown> {
    return this.version === '1.6'
      ? { chargePointVendor: 'OcppHarness', chargePointModel: 'ToolStation', chargePointSerialNumber: this.station.serialNumber, firmwareVersion: '1.0.0' }
      : { reason, chargingStation: { vendorName: 'OcppHarness', model: 'ToolStation', serialNumber: this.station.serialNumber, firmwareVersion: '1.0.0' } };
  }

  boot(expected: Match, o: SendOptions & { reason?: string }): Promise<Record<string, unknown>> {
    return this.expect('BootNotification', this.bootPayload(o.reason), expected, o);
  }

  /**
   * Boots until the CSMS decides, as a real station does (2.0.1 B02.FR.01/04/07/08, 1.6 §4.2):
   * while the answer is Pending it answers the CSMS's requests (its default replies), and boots
   * again once the interval has passed (interval 0: the harness's boot retry interval) or as
   * soon as the CSMS triggers a BootNotification. Returns the first answer that is not Pending,
   * which must contain `expected`; more than `maxPending` Pending answers fail quoting the rule.
   */
  async bootUntilDecided(expected: Match, o: SendOptions & { reason?: string; maxPending?: number; station?: ScriptedStation }): Promise<Record<string, unknown>> {
    const rule = this.rule(o.rule);
    const st = o.station ?? this.station;
    const maxPending = o.maxPending ?? 5;
    let reason = o.reason;
    for (let n = 0; ; n++) {
      const reply = await st.callExpecting('BootNotification', this.bootPayload(reason), {}, { rule, within: o.within });
      if (reply.status !== 'Pending') {
        const d = diff(reply, expected);
        if (d) throw st.failure(rule, `CALLRESULT BootNotification ⊇ ${show(expected)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
        return reply;
      }
      if (n >= maxPending) throw st.failure(rule, `the CSMS to decide on the station (${show(expected)}) after at most ${maxPending} Pending answers`, `${n + 1} BootNotifications answered Pending`);
      const interval = Number(reply.interval) > 0 ? Number(reply.interval) : st.timing.bootRetryInterval;
      const triggered = await st.steps(`Pending: answer the CSMS's requests, boot again after ${describeSpan(st.timing, interval)} or when triggered [B02 / 1.6 §4.2]`, () => this.waitRetryOrTrigger(st, interval));
      reason = triggered && this.version === '2.0.1' ? 'Triggered' : o.reason;
    }
  }

  /** Resolves after the retry interval (false) or at a TriggerMessage BootNotification (true). */
  private waitRetryOrTrigger(st: ScriptedStation, interval: number): Promise<boolean> {
    return new Promise((resolve) => {
      const onTrigger = (what: string): void => { if (what === 'BootNotification') finish(true); };
      const timer = setTimeout(() => finish(false), ms(st.timing, interval));
      const finish = (triggered: boolean): void => { clearTimeout(timer); st.triggers.off('trigger', onTrigger); resolve(triggered); };
      st.triggers.on('trigger', onTrigger);
    });
  }

  heartbeat(expected: Match, o: SendOptions): Promise<Record<string, unknown>> { return this.expect('Heartbeat', {}, expected, o); }

  /** StatusNotification for a connector (1.6 connectorId 0 = the whole station when `connector` is undefined). */
  statusPayload(connector: ConnectorRef | undefined, status: string, errorCode = 'NoError'): Record<string, unknown> {
    if (this.version === '1.6') return { connectorId: connector ? this.index(connector) : 0, errorCode, status, timestamp: this.now() };
    if (!connector) throw new ConformanceError('harness', '2.0.1 StatusNotification needs a connector', 'harness');
    return { timestamp: this.now(), connectorStatus: status, evseId: connector.evseId, connectorId: connector.connectorId };
  }

  status(connector: ConnectorRef | undefined, status: string, o: SendOptions & { errorCode?: string }): Promise<Record<string, unknown>> {
    return this.expect('StatusNotification', this.statusPayload(connector, status, o.errorCode), {}, o);
  }

  /** Every connector (and in 1.6 the station, connectorId 0) reports `status`, as after a boot. */
  async reportAll(status: string, o: SendOptions): Promise<void> {
    if (this.version === '1.6') await this.status(undefined, status, o);
    for (const c of this.connectors) await this.status(c, status, o);
  }

  /** 2.0.1 NotifyEvent: one Delta event of a component variable (e.g. Connector / AvailabilityState). */
  notifyEvent(c: ConnectorRef, component: string, variable: string, actualValue: string, o: SendOptions): Promise<Record<string, unknown>> {
    const now = this.now();
    return this.expect('NotifyEvent', {
      generatedAt: now, seqNo: 0, tbc: false,
      eventData: [{ eventId: 1, timestamp: now, trigger: 'Delta', actualValue, eventNotificationType: 'HardWiredNotification', component: { name: component, evse: { id: c.evseId, connectorId: c.connectorId } }, variable: { name: variable } }],
    }, {}, o);
  }

  // ---- authorization ---------------------------------------------------------------------

  idToken(token: string): unknown { return this.version === '1.6' ? token : { idToken: token, type: 'ISO14443' }; }
  /** The reply's id info matching `m` (1.6 idTagInfo, 2.0.1 idTokenInfo). */
  info(m: Match): Match { return this.version === '1.6' ? { idTagInfo: m } : { idTokenInfo: m }; }
  /** Group of a token in an id info (1.6 parentIdTag, 2.0.1 groupIdToken). */
  group(groupId: string): Match { return this.version === '1.6' ? { parentIdTag: groupId } : { groupIdToken: { idToken: groupId } }; }

  authorize(token: string, expectedInfo: Match, o: SendOptions): Promise<Record<string, unknown>> {
    const payload = this.version === '1.6' ? { idTag: token } : { idToken: this.idToken(token) };
    return this.expect('Authorize', payload, this.info(expectedInfo), o);
  }

  // ---- transactions ----------------------------------------------------------------------

  /** The cable goes in: 1.6 Preparing, 2.0.1 Occupied. */
  plugIn(c: ConnectorRef, o: SendOptions): Promise<Record<string, unknown>> { return this.status(c, this.version === '1.6' ? 'Preparing' : 'Occupied', o); }

  /**
   * The transaction starts for `token` on `c` (cable in, authorized): 1.6 StartTransaction,
   * 2.0.1 TransactionEvent Started. `at` in the past = queued while offline (2.0.1 offline=true).
   * The reply must contain `expectedInfo` in its id info.
   */
  async startTransaction(c: ConnectorRef, token: string | undefined, expectedInfo: Match | undefined, o: SendOptions & { at?: Date; trigger?: string; remoteStartId?: number; idToken?: unknown; chargingState?: string }): Promise<ToolTransaction> {
    const timestamp = (o.at ?? new Date()).toISOString();
    if (this.version === '1.6') {
      const reply = await this.expect('StartTransaction', { connectorId: this.index(c), idTag: token ?? '', meterStart: this.meter(c), timestamp }, { transactionId: satisfiesInt, ...(expectedInfo ? this.info(expectedInfo) : {}) }, o);
      return this.opened({ id: reply.transactionId as number, connector: c, idToken: token, seqNo: 0, startReply: reply });
    }
    const id = randomUUID();
    const payload = {
      eventType: 'Started', timestamp, triggerReason: o.trigger ?? (o.remoteStartId !== undefined ? 'RemoteStart' : 'Authorized'), seqNo: 0,
      ...(o.at ? { offline: true } : {}),
      transactionInfo: { transactionId: id, chargingState: o.chargingState ?? 'EVConnected', ...(o.remoteStartId !== undefined ? { remoteStartId: o.remoteStartId } : {}) },
      evse: { id: c.evseId, connectorId: c.connectorId },
      ...(token ? { idToken: o.idToken ?? this.idToken(token) } : {}),
      meterValue: [this.meterValue(c, timestamp, 'Transaction.Begin')],
    };
    const reply = await this.expect('TransactionEvent', payload, expectedInfo ? this.info(expectedInfo) : {}, o);
    return this.opened({ id, connector: c, idToken: token, seqNo: 1, startReply: reply });
  }

  /** Records a transaction as running (ended by `endOpenTransactions` unless `closed` first). */
  opened(tx: ToolTransaction): ToolTransaction {
    this.open.set(String(tx.id), tx);
    return tx;
  }

  /** The transaction has ended (its last message was sent). */
  closed(tx: ToolTransaction): void { this.open.delete(String(tx.id)); }

  /** Transactions started and not yet ended. */
  get openTransactions(): ToolTransaction[] { return [...this.open.values()]; }

  /**
   * Ends every transaction still open, as a real station does when the EV is unplugged (1.6
   * StopTransaction reason EVDisconnected, 2.0.1 TransactionEvent Ended EVCommunicationLost):
   * the next case then finds no transaction of its token running. Best effort when the case
   * ends: the CSMS's replies are journaled and validated, but judged by no rule here.
   */
  async endOpenTransactions(): Promise<void> {
    for (const tx of this.openTransactions) {
      this.open.delete(String(tx.id));
      const conn = this.station.connected;
      if (!conn) continue;
      const timestamp = this.now();
      const meterStop = this.meter(tx.connector, 0);
      const payload = this.version === '1.6'
        ? { transactionId: tx.id, meterStop, timestamp, reason: 'EVDisconnected' }
        : {
          eventType: 'Ended', timestamp, triggerReason: 'EVCommunicationLost', seqNo: tx.seqNo++,
          transactionInfo: { transactionId: tx.id, chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
          meterValue: [this.meterValue(tx.connector, timestamp, 'Transaction.End')],
        };
      await this.station.rawCall(this.version === '1.6' ? 'StopTransaction' : 'TransactionEvent', payload);
    }
  }

  private meterValue(c: ConnectorRef, timestamp: string, context: string): Record<string, unknown> {
    return { timestamp, sampledValue: [{ value: this.meter(c), context, measurand: 'Energy.Active.Import.Register' }] };
  }

  /** Energy flows: 1.6 StatusNotification Charging, 2.0.1 TransactionEvent Updated ChargingStateChanged/Charging. */
  async charging(tx: ToolTransaction, o: SendOptions & { at?: Date }): Promise<void> {
    this.meter(tx.connector, 1500);
    if (this.version === '1.6') { await this.status(tx.connector, 'Charging', o); return; }
    const timestamp = (o.at ?? new Date()).toISOString();
    await this.expect('TransactionEvent', {
      eventType: 'Updated', timestamp, triggerReason: 'ChargingStateChanged', seqNo: tx.seqNo++, ...(o.at ? { offline: true } : {}),
      transactionInfo: { transactionId: tx.id, chargingState: 'Charging' }, meterValue: [this.meterValue(tx.connector, timestamp, 'Sample.Periodic')],
    }, {}, o);
  }

  /** The transaction ends: 1.6 StopTransaction, 2.0.1 TransactionEvent Ended. */
  async stopTransaction(tx: ToolTransaction, o: SendOptions & { reason: string; trigger?: string; token?: string; expectedInfo?: Match; at?: Date }): Promise<Record<string, unknown>> {
    const timestamp = (o.at ?? new Date()).toISOString();
    const meterStop = this.meter(tx.connector, 500);
    this.open.delete(String(tx.id));
    if (this.version === '1.6') {
      return this.expect('StopTransaction', { transactionId: tx.id, meterStop, timestamp, reason: o.reason, ...(o.token ? { idTag: o.token } : {}) }, o.token && o.expectedInfo ? this.info(o.expectedInfo) : {}, o);
    }
    return this.expect('TransactionEvent', {
      eventType: 'Ended', timestamp, triggerReason: o.trigger ?? 'StopAuthorized', seqNo: tx.seqNo++, ...(o.at ? { offline: true } : {}),
      transactionInfo: { transactionId: tx.id, chargingState: 'Idle', stoppedReason: o.reason },
      ...(o.token ? { idToken: this.idToken(o.token) } : {}),
      meterValue: [this.meterValue(tx.connector, timestamp, 'Transaction.End')],
    }, o.token && o.expectedInfo ? this.info(o.expectedInfo) : {}, o);
  }

  // ---- firmware ----------------------------------------------------------------------------

  /**
   * A firmware status report: 2.0.1 FirmwareStatusNotification with the update's requestId; 1.6
   * SignedFirmwareStatusNotification for a signed update (it has a requestId), else the plain FirmwareStatusNotification.
   */
  firmwareStatus(status: string, requestId: number | undefined, o: SendOptions): Promise<Record<string, unknown>> {
    if (this.version === '1.6' && requestId === undefined) return this.expect('FirmwareStatusNotification', { status }, {}, o);
    const action = this.version === '1.6' ? 'SignedFirmwareStatusNotification' : 'FirmwareStatusNotification';
    return this.expect(action, { status, ...(requestId !== undefined ? { requestId } : {}) }, {}, o);
  }

  securityEvent(type: string, o: SendOptions): Promise<Record<string, unknown>> {
    return this.expect('SecurityEventNotification', { type, timestamp: this.now() }, {}, o);
  }
}

const satisfiesInt = { describe: 'an integer', test: (a: unknown): boolean => Number.isInteger(a) };
