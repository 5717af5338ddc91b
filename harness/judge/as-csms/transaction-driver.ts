/**
 * The transaction options of a station under test (2.0.1 E01, E06: TxCtrlr.TxStartPoint /
 * TxStopPoint): putting the station on the point a case tests, or finding the case not
 * applicable, and the TransactionEvent start / end a point obliges, in neutral terms.
 */
import { NotApplicable } from '../../model/errors';
import type { ConnectorRef } from '../../model/layout';
import { type Match, absent, oneOf } from '../../model/match';
import { CALL } from '../../protocol/rpc';
import type { FrameEntry } from '../../transport/journal';
import type { AuthDriver } from './auth-driver';
import type { DriverExpectOptions } from './ocpp-driver';
import { getSetting, setSetting, type SettingName, settingStatus, settingValue } from './requests';
import type { Received } from './scripted-csms';

export type TxPoint = 'TxStartPoint' | 'TxStopPoint';

const POINT: Record<TxPoint, SettingName> = {
  TxStartPoint: { component: 'TxCtrlr', variable: 'TxStartPoint' },
  TxStopPoint: { component: 'TxCtrlr', variable: 'TxStopPoint' },
};

/** The EV-side disconnect settings (1.6 §9.1 keys; 2.0.1 TxCtrlr / OCPPCommCtrlr, E09 / E10). */
export const EV_SIDE = {
  stopTx: { key16: 'StopTransactionOnEVSideDisconnect', component: 'TxCtrlr', variable: 'StopTxOnEVSideDisconnect' },
  unlock: { key16: 'UnlockConnectorOnEVSideDisconnect', component: 'OCPPCommCtrlr', variable: 'UnlockOnEVSideDisconnect' },
} satisfies Record<string, SettingName>;

/** The SetVariables / GetVariables rule a configuration step quotes (2.0.1 B05.FR.10 / B06.FR.10 as ocpp.configure does). */
const CONFIGURE = 'B05.FR.10';
const READ = 'B06.FR.10';

export class TransactionDriver {
  constructor(readonly auth: AuthDriver) {}

  private get ocpp() { return this.auth.ocpp; }
  private get csms() { return this.ocpp.csms; }

  /**
   * A case's "Configuration: TxStartPoint / TxStopPoint is `value`" (OCTT prerequisite): read the
   * variable; a station already there goes on. Otherwise SetVariables `value`; Accepted, it is
   * put back after the case. Rejected (read-only, or a member the station does not support: both
   * the station's choice, E01/E06 list each point as an option) makes the case not applicable,
   * unless the station's current value already contains `value` and none of `notWith` (the
   * points that would act first, OCTT's "skip if ReadOnly without X or with Y").
   */
  async usePoint(point: TxPoint, value: string, notWith: string[] = [], unless?: (members: string[]) => boolean): Promise<void> {
    const setting = POINT[point];
    // TxCtrlr.TxStartPoint / TxStopPoint are required variables: a station that cannot tell them fails here.
    const current = await this.ocpp.getSetting(setting, 'value', { rule: READ });
    const members = (current ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    if ((members.length === 1 && members[0] === value) || (current !== undefined && unless?.(members))) return;
    const [action, payload] = ['SetVariables', { setVariableData: [{ component: { name: setting.component }, variable: { name: setting.variable }, attributeValue: value }] }];
    const out = await this.csms.call(action, payload, { rule: CONFIGURE });
    const status = out.kind === 'result' ? (out.payload.setVariableResult as { attributeStatus?: string }[] | undefined)?.[0]?.attributeStatus : undefined;
    if (status === 'Accepted') {
      if (current !== undefined) this.ocpp.configured.push({ setting, previous: current });
      return;
    }
    if (members.includes(value) && !members.some((m) => notWith.includes(m))) {
      this.csms.mark(`${point} stays ${current} (SetVariables ${status ?? out.kind}): it contains ${value}`);
      return;
    }
    const evidence = `${point} is ${current ?? '(unreadable)'}, SetVariables ${value} answered ${status ?? (out.kind === 'error' ? `CALLERROR ${out.code}` : out.kind)}`;
    const na = new NotApplicable(`${point} ${value}`, evidence);
    this.csms.journal.event('harness', na.message);
    this.csms.notApplicable(na);
  }

  /**
   * A setting the case needs at `value` (OCTT "skip if ReadOnly and not X"): read it; set it when it differs (restored
   * after the case); a refusal leaves the case not applicable when `required`, else the station's value stands (OCTT "if RW").
   */
  async useSetting(setting: SettingName, value: string, required = true): Promise<void> {
    const v = this.ocpp.version;
    const [getAction, getPayload] = getSetting(v, setting, 'any');
    const read = await this.csms.call(getAction, getPayload, { rule: this.ocpp.rule({ '1.6': '1.6§5.8', '2.0.1': READ }) });
    const current = read.kind === 'result' ? settingValue(v, read.payload, setting) : undefined;
    if (current !== undefined && current.toLowerCase() === value.toLowerCase()) return;
    const [setAction, setPayload] = setSetting(v, setting, value, 'Accepted');
    const out = await this.csms.call(setAction, setPayload, { rule: this.ocpp.rule({ '1.6': '1.6§5.3', '2.0.1': CONFIGURE }) });
    const status = out.kind === 'result' ? settingStatus(v, out.payload) : undefined;
    const name = v === '1.6' ? setting.key16 : `${setting.component}.${setting.variable}`;
    if (status === 'Accepted') {
      if (current !== undefined) this.ocpp.configured.push({ setting, previous: current });
      return;
    }
    if (!required) { this.csms.mark(`${name} stays ${current ?? '(unreadable)'} (${setAction} ${status ?? out.kind})`); return; }
    const na = new NotApplicable(`${name} = ${value}`, `${name} is ${current ?? '(unreadable)'}, ${setAction} ${value} answered ${status ?? (out.kind === 'error' ? `CALLERROR ${out.code}` : out.kind)}`);
    this.csms.journal.event('harness', na.message);
    this.csms.notApplicable(na);
  }

  /** The transaction stopped after the cable came out of the EV: 1.6 StopTransaction; 2.0.1 a TransactionEvent EVCommunicationLost. */
  expectEvSideStopped(o: DriverExpectOptions): Promise<Received> {
    const opts = { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after };
    return this.ocpp.version === '1.6'
      ? this.csms.expectCall('StopTransaction', {}, opts)
      : this.csms.expectCall('TransactionEvent', { triggerReason: 'EVCommunicationLost' }, opts);
  }

  /** The stop reason of a stop message in the version's words: 1.6 StopTransaction reason; 2.0.1 transactionInfo.stoppedReason. */
  reasonOf(reason: string | ReturnType<typeof oneOf>): Match {
    return this.ocpp.version === '1.6' ? { reason } : { transactionInfo: { stoppedReason: reason } };
  }

  /** A TransactionEvent Started (any transaction). */
  isStarted(): (e: FrameEntry) => boolean {
    return (e) => e.frame?.type === CALL && e.dir === 'in' && e.frame.action === 'TransactionEvent' && e.frame.payload.eventType === 'Started';
  }

  /** A TransactionEvent reporting this chargingState. */
  isChargingState(state: string): (e: FrameEntry) => boolean {
    return (e) => e.frame?.type === CALL && e.dir === 'in' && e.frame.action === 'TransactionEvent'
      && (e.frame.payload.transactionInfo as { chargingState?: string } | undefined)?.chargingState === state;
  }

  /** A TransactionEvent reporting this chargingState, whatever triggered it (it may come with another event: Part 2 E §1.5). */
  expectChargingState(state: string, o: DriverExpectOptions): Promise<Received> {
    return this.csms.expectCall('TransactionEvent', { transactionInfo: { chargingState: state } }, { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after });
  }

  /** The TransactionEvent Started of a transaction; `extra` must match too. */
  expectStarted(o: DriverExpectOptions, extra: Match = {}): Promise<Received> {
    return this.csms.expectCall('TransactionEvent', { eventType: 'Started', ...extra }, { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after });
  }

  /** The TransactionEvent Ended of a transaction. */
  expectEnded(o: DriverExpectOptions, extra: Match = {}): Promise<Received> {
    return this.csms.expectCall('TransactionEvent', { eventType: 'Ended', ...extra }, { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after });
  }

  /** A TransactionEvent with this triggerReason (Updated or Ended). */
  expectTrigger(triggerReason: string, o: DriverExpectOptions, extra: Match = {}): Promise<Received> {
    return this.csms.expectCall('TransactionEvent', { triggerReason, ...extra }, { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after });
  }

  /** Checks more of a TransactionEvent already received. */
  async expectFields(event: Received, fields: Match, o: { rule: DriverExpectOptions['rule'] }): Promise<void> {
    await this.csms.expectPayload(event, fields, { rule: this.ocpp.rule(o.rule) });
  }

  /** The card on `ref` with the cable plugged in: a transaction charging for `token` (the charging state, at the case's TxStartPoint). */
  async startCharging(ref: ConnectorRef, token: string, present: (t: string, r: ConnectorRef) => Promise<void>, plug: (r: ConnectorRef) => Promise<void>): Promise<{ started: Received; transactionId: string | number }> {
    await plug(ref);
    await this.ocpp.expectStatus(ref, 'Occupied', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.03' } });
    await present(token, ref);
    const started = await this.auth.expectTransactionStarted(ref, token, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.10' } });
    return { started, transactionId: this.auth.transactionId(started) };
  }

  /** stoppedReason of an Ended event: the value, or absent where the text lets it be left out (Local, E06.FR.09). */
  stoppedReason(reason: string): Match {
    return { transactionInfo: { stoppedReason: reason === 'Local' ? oneOf('Local', absent()) : reason } };
  }
}
