/**
 * The version adapter: what a case says in the protocol's neutral terms ("connector 1 is
 * Available", "make EVSE 2 inoperative") turned into each version's frames, over a ScriptedCsms.
 * Cases use this instead of `if (version)`; raw frames stay available through `csms`.
 */
import { atLevel, softly } from '../grading';
import { ConformanceError } from '../../model/errors';
import type { OcppVersion } from '../../protocol/versions';
import { type ConnectorRef, connectorIndex } from '../../model/layout';
import { type RuleSpec, ruleFor } from '../../model/rules';
import type { FrameEntry } from '../../transport/journal';
import { type Match, type Matcher, oneOf, some } from '../../model/match';
import type { ExpectOptions, Received, ScriptedCsms } from './scripted-csms';
import { getSetting, type SettingName, setSetting, settingStatus, settingValue } from './requests';
import { lackedBy } from './not-applicable';

type NeutralStatus = 'Available' | 'Occupied' | 'Unavailable' | 'Faulted' | 'Reserved';
type StatusSpec = NeutralStatus | Partial<Record<OcppVersion, string | Matcher>>;
/** {} = the whole station; { evseId } = an EVSE; { evseId, connectorId } = a connector. */
export type Target = { evseId?: number; connectorId?: number };

export interface DriverExpectOptions { rule: RuleSpec; within?: number; after?: FrameEntry }

const OCCUPIED_16 = oneOf('Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing');

export class OcppDriver {
  /** Targets this case made inoperative (put back after the case on a real station). */
  readonly madeInoperative: Target[] = [];

  constructor(readonly csms: ScriptedCsms, readonly connectors: ConnectorRef[]) {}

  get version(): OcppVersion { return this.csms.version; }

  /** The rule for this version, checked against the registry: ids of this version binding the station (or both). */
  rule(r: RuleSpec): string { return ruleFor(this.version, r, 'station'); }

  private opts(o: DriverExpectOptions): ExpectOptions { return { rule: this.rule(o.rule), within: o.within, after: o.after }; }

  /** 1.6 connectorId of a connector: its position over all EVSEs, from 1. */
  index(ref: ConnectorRef): number { return connectorIndex(this.connectors, ref); }

  connectorsOf(target: Target): ConnectorRef[] {
    return this.connectors.filter((c) => (target.evseId === undefined || c.evseId === target.evseId) && (target.connectorId === undefined || c.connectorId === target.connectorId));
  }

  statusValue(status: StatusSpec): string | Matcher {
    if (typeof status !== 'string') {
      const v = status[this.version];
      if (v === undefined) throw new ConformanceError('harness', `no ${this.version} status in ${JSON.stringify(status)}`, 'harness');
      return v;
    }
    return this.version === '1.6' && status === 'Occupied' ? OCCUPIED_16 : status;
  }

  /** The frames that report a connector's status: StatusNotification, or in 2.0.1 also NotifyEvent AvailabilityState (G01.FR.03). */
  statusAlternatives(ref: ConnectorRef, status: StatusSpec): { action: string; match: Match }[] {
    const value = this.statusValue(status);
    if (this.version === '1.6') return [{ action: 'StatusNotification', match: { connectorId: this.index(ref), status: value } }];
    return [
      { action: 'StatusNotification', match: { evseId: ref.evseId, connectorId: ref.connectorId, connectorStatus: value } },
      { action: 'NotifyEvent', match: { eventData: some({ trigger: 'Delta', actualValue: value, component: { name: 'Connector', evse: { id: ref.evseId, connectorId: ref.connectorId } }, variable: { name: 'AvailabilityState' } }) } },
    ];
  }

  expectStatus(ref: ConnectorRef, status: StatusSpec, o: DriverExpectOptions): Promise<Received> {
    return this.csms.expectOneOf(this.statusAlternatives(ref, status), this.opts(o));
  }

  /** Every listed connector reports `status`, in any order. */
  async expectStatuses(refs: ConnectorRef[], status: StatusSpec, o: DriverExpectOptions): Promise<Received[]> {
    const out: Received[] = [];
    for (const ref of refs) out.push(await this.expectStatus(ref, status, o));
    return out;
  }

  /** A plug retention lock failure: 2.0.1 NotifyEvent ConnectorPlugRetentionLock.Problem (G05.FR.02), 1.6 Faulted ConnectorLockFailure. */
  expectLockFailure(ref: ConnectorRef, o: DriverExpectOptions): Promise<Received> {
    if (this.version === '1.6') return this.csms.expectCall('StatusNotification', { connectorId: this.index(ref), status: 'Faulted', errorCode: 'ConnectorLockFailure' }, this.opts(o));
    return this.csms.expectCall('NotifyEvent', { eventData: some({ trigger: 'Delta', actualValue: oneOf('true', 'True'), component: { name: 'ConnectorPlugRetentionLock' }, variable: { name: 'Problem' } }) }, this.opts(o));
  }

  /** The frame that ends a transaction: 1.6 StopTransaction, 2.0.1 TransactionEvent Ended. */
  expectTransactionEnded(o: DriverExpectOptions): Promise<Received> {
    return this.version === '1.6'
      ? this.csms.expectCall('StopTransaction', {}, this.opts(o))
      : this.csms.expectCall('TransactionEvent', { eventType: 'Ended' }, this.opts(o));
  }

  /**
   * A CSMS request sent while the boot is Rejected is refused: 2.0.1 B03.FR.08 CALLERROR
   * SecurityError; 1.6 §4.2 (1.6§4.2) "SHALL NOT respond to any Central System initiated message".
   */
  async expectRefusedWhileRejected(action: string, payload: Record<string, unknown>, within: number): Promise<void> {
    if (this.version === '1.6') {
      const outcome = await this.csms.call(action, payload, { rule: '1.6§4.2', within }).catch((e: Error) => e);
      if (outcome instanceof ConformanceError && outcome.kind === 'harness') throw outcome;
      if (!(outcome instanceof Error)) throw this.csms.failure('1.6§4.2', `no response to ${action} while Rejected`, `got ${JSON.stringify(outcome)}`);
      return;
    }
    const outcome = await this.csms.call(action, payload, { rule: 'B03.FR.08', within });
    if (outcome.kind !== 'error' || outcome.code !== 'SecurityError') throw this.csms.failure('B03.FR.08', `CALLERROR SecurityError to ${action} while Rejected`, JSON.stringify(outcome));
  }

  /** 1.6 connectorId 0 (the Charge Point itself); nothing to expect in 2.0.1. */
  async expectStationStatus(status: 'Available' | 'Unavailable', o: DriverExpectOptions): Promise<Received | undefined> {
    if (this.version !== '1.6') return undefined;
    return this.csms.expectCall('StatusNotification', { connectorId: 0, status }, this.opts(o));
  }

  /**
   * Runs a check at the level the version's text gives it: SHALL fails the case, SHOULD
   * records a soft finding (e.g. 1.6 §4.2 "SHOULD respond" vs 2.0.1 B02.FR.01 "SHALL respond").
   * A version missing from `levels` skips the check.
   */
  async level<T>(levels: Partial<Record<OcppVersion, 'shall' | 'should'>>, fn: () => Promise<T>): Promise<T | undefined> {
    return atLevel(this.csms.journal, this.version, levels, fn);
  }

  /** Runs a SHOULD-level check: a miss is recorded as a soft finding, not a failure. */
  async should<T>(fn: () => Promise<T>): Promise<T | undefined> {
    return softly(this.csms.journal, fn);
  }

  bootReason(reason: 'PowerUp' | 'RemoteReset' | 'Triggered' | 'FirmwareUpdate'): Match {
    return this.version === '1.6' ? {} : { reason };
  }

  bootReply(status: 'Accepted' | 'Pending' | 'Rejected', interval: number): Record<string, unknown> {
    return { status, interval, currentTime: new Date().toISOString() };
  }

  changeAvailabilityPayload(target: Target, operative: boolean): Record<string, unknown> {
    if (this.version === '1.6') {
      const connectorId = target.evseId === undefined ? 0 : this.index({ evseId: target.evseId, connectorId: target.connectorId ?? 1 });
      return { connectorId, type: operative ? 'Operative' : 'Inoperative' };
    }
    return { operationalStatus: operative ? 'Operative' : 'Inoperative', ...(target.evseId !== undefined ? { evse: { id: target.evseId, ...(target.connectorId !== undefined ? { connectorId: target.connectorId } : {}) } } : {}) };
  }

  /** Sends ChangeAvailability and requires the given response status. */
  async changeAvailability(target: Target, operative: boolean, expected: string | Matcher, o: DriverExpectOptions): Promise<void> {
    if (!operative) this.madeInoperative.push(target);
    await this.csms.callExpecting('ChangeAvailability', this.changeAvailabilityPayload(target, operative), { status: expected }, this.opts(o));
  }

  triggerPayload(message: string, target?: Target): Record<string, unknown> {
    if (this.version === '1.6') {
      return { requestedMessage: message, ...(target?.evseId !== undefined ? { connectorId: target.evseId === 0 ? 0 : this.index({ evseId: target.evseId, connectorId: target.connectorId ?? 1 }) } : {}) };
    }
    return { requestedMessage: message, ...(target?.evseId !== undefined ? { evse: { id: target.evseId, ...(target.connectorId !== undefined ? { connectorId: target.connectorId } : {}) } } : {}) };
  }

  async trigger(message: string, target: Target | undefined, expected: string | Matcher, o: DriverExpectOptions): Promise<void> {
    await this.csms.callExpecting('TriggerMessage', this.triggerPayload(message, target), { status: expected }, this.opts(o));
  }

  /** Settings a case configured, with the value to put back afterwards (real stations). */
  readonly configured: { setting: SettingName; previous: string }[] = [];

  /**
   * A case's "Before: configuration state": reads the setting, sets it (must be Accepted: 2.0.1
   * B05.FR.10, 1.6 §5.3), and remembers the old value so the fixtures can restore it after the case.
   */
  async configure(setting: SettingName, value: string): Promise<void> {
    const [action, payload] = getSetting(this.version, setting, 'any');
    const read = await this.csms.call(action, payload, { rule: this.rule({ '1.6': '1.6§5.8', '2.0.1': 'B06.FR.10' }) }).catch(() => undefined);
    const previous = read?.kind === 'result' ? settingValue(this.version, read.payload, setting) : undefined;
    if (previous === value) return;
    // Switching off an optional feature the station does not have: it is off.
    if (value === 'false' && read && lackedBy(this.version, action, payload, read)) {
      this.csms.mark(`${action}: the station has no ${setting.key16 && this.version === '1.6' ? setting.key16 : `${setting.component}.${setting.variable}`}; the feature is off`);
      return;
    }
    await this.setSetting(setting, value, oneOf('Accepted', 'RebootRequired'), { rule: { '1.6': '1.6§5.3', '2.0.1': 'B05.FR.10' } });
    if (previous !== undefined) this.configured.push({ setting, previous });
  }

  /** Writes a setting (1.6 ChangeConfiguration, 2.0.1 SetVariables); returns the status the station gave. */
  async setSetting(setting: SettingName, value: string, expected: string | Matcher, o: DriverExpectOptions): Promise<string> {
    const [action, payload, match] = setSetting(this.version, setting, value, expected);
    return settingStatus(this.version, await this.csms.callExpecting(action, payload, match, this.opts(o)));
  }

  /** Reads a setting (1.6 GetConfiguration, 2.0.1 GetVariables); `outcome` says what the reply must show. */
  async getSetting(setting: SettingName, outcome: 'value' | 'unknown', o: DriverExpectOptions): Promise<string | undefined> {
    const [action, payload, match] = getSetting(this.version, setting, outcome);
    return settingValue(this.version, await this.csms.callExpecting(action, payload, match, this.opts(o)), setting);
  }
}
