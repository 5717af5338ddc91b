/**
 * The version adapter for authorization and transactions: tokens, Authorize, the start and stop
 * of transactions, remote control, the local list and the cache, in neutral terms.
 */
import { lackedBy } from './not-applicable';
import { NotApplicable } from '../../model/errors';
import { describeNeed, meets } from '../../model/profile';
import { ConformanceError } from '../../model/errors';
import { CALL, type CallFrame } from '../../protocol/rpc';
import type { ConnectorRef } from '../../model/layout';
import type { FrameEntry } from '../../transport/journal';
import { type Match, absent, oneOf } from '../../model/match';
import type { DriverExpectOptions, OcppDriver } from './ocpp-driver';
import { SETTINGS } from './requests';
import { type Received, replyEntryFor } from './scripted-csms';

interface ListEntry { token: string; status?: string; groupId?: string }

export class AuthDriver {
  private remoteStartIds = 1;

  constructor(readonly ocpp: OcppDriver) {}

  private get csms() { return this.ocpp.csms; }
  private get v16(): boolean { return this.ocpp.version === '1.6'; }
  private o(o: DriverExpectOptions) { return { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after }; }

  /** The CSMS's verdict on a token, in the version's words (idTagInfo / idTokenInfo). */
  info(status: string, groupId?: string): Record<string, unknown> {
    return this.v16
      ? { idTagInfo: { status, ...(groupId ? { parentIdTag: groupId } : {}) } }
      : { idTokenInfo: { status, ...(groupId ? { groupIdToken: { idToken: groupId, type: 'Central' } } : {}) } };
  }

  /** Answers Authorize for `token` with `status` (and group). */
  replyAuthorize(token: string, status: string, groupId?: string): void {
    this.csms.reply('Authorize', this.info(status, groupId), { when: this.v16 ? { idTag: token } : { idToken: { idToken: token } } });
  }

  /** Answers the start of a transaction for `token` with `status` and group (1.6 StartTransaction, 2.0.1 TransactionEvent). */
  replyTransactionStart(token: string, status: string, groupId?: string): void {
    if (this.v16) this.csms.reply('StartTransaction', { transactionId: 4242, ...this.info(status, groupId) }, { when: { idTag: token } });
    else this.csms.reply('TransactionEvent', this.info(status, groupId), { when: { idToken: { idToken: token } } });
  }

  expectAuthorize(token: string, o: DriverExpectOptions): Promise<Received> {
    return this.csms.expectCall('Authorize', this.v16 ? { idTag: token } : { idToken: { idToken: token } }, this.o(o));
  }

  isAuthorize(token?: string): (e: FrameEntry) => boolean {
    return (e) => e.frame?.type === CALL && e.frame.action === 'Authorize' && (token === undefined || JSON.stringify(e.frame.payload).includes(`"${token}"`));
  }

  /** A transaction started for `token` on `ref` (2.0.1: the TransactionEvent that carries the token). */
  expectTransactionStarted(ref: ConnectorRef, token: string, o: DriverExpectOptions, extra: Match = {}): Promise<Received> {
    return this.v16
      ? this.csms.expectCall('StartTransaction', { connectorId: this.ocpp.index(ref), idTag: token, ...extra }, this.o(o))
      : this.csms.expectCall('TransactionEvent', { eventType: oneOf('Started', 'Updated'), idToken: { idToken: token }, ...extra }, this.o(o));
  }

  /** A transaction starts for `token` and no Authorize for it precedes the start (local list / cache with LocalPreAuthorize). */
  async expectStartedWithoutAuthorize(ref: ConnectorRef, token: string, o: DriverExpectOptions & { noAuthorizeRule?: DriverExpectOptions['rule']; because: string }): Promise<Received> {
    const started = this.expectTransactionStarted(ref, token, o);
    await this.csms.expectNoCall(this.isAuthorize(token), {}, { rule: this.ocpp.rule(o.noAuthorizeRule ?? o.rule), until: started, after: o.after, because: o.because });
    return started;
  }

  /** No transaction starts within half a message timeout (OCTT waits the message timeout after a refusal). */
  async expectNoTransactionStart(o: { rule: DriverExpectOptions['rule']; after: FrameEntry; because: string }): Promise<void> {
    await this.csms.expectNoCall(this.isTransactionStart(), {}, { rule: this.ocpp.rule(o.rule), forSeconds: this.csms.timing.messageTimeout / 2, after: o.after, because: o.because });
  }

  /**
   * A transaction started (or authorized) for a token: 1.6 StartTransaction; 2.0.1 a TransactionEvent carrying an idToken
   * that does not stop it. A Started event without a token is not one: with TxStartPoint EVConnected (E01.FR.02) or
   * ParkingBayOccupancy (E01.FR.01) the transaction starts at the cable or the bay, before any token is presented.
   */
  isTransactionStart(): (e: FrameEntry) => boolean {
    return (e) => e.frame?.type === CALL && (e.frame.action === 'StartTransaction' || (e.frame.action === 'TransactionEvent'
      && (e.frame as CallFrame).payload.idToken !== undefined && !['StopAuthorized', 'Deauthorized'].includes(String(e.frame.payload.triggerReason))));
  }

  /** The transaction id the station uses (1.6: the one the harness gave in StartTransaction.conf). */
  transactionId(started: Received): string | number {
    if (this.v16) {
      const reply = replyEntryFor(this.csms.journal, started);
      const id = reply?.frame && 'payload' in reply.frame ? reply.frame.payload.transactionId : undefined;
      if (typeof id !== 'number') throw new ConformanceError('harness', 'no transactionId in the harness reply to StartTransaction', 'harness');
      return id;
    }
    return String((started.payload.transactionInfo as { transactionId: string }).transactionId);
  }

  /** Stopped by a token: 1.6 StopTransaction (reason Local or absent); 2.0.1 TransactionEvent triggerReason StopAuthorized. */
  expectStopAuthorized(o: DriverExpectOptions): Promise<Received> {
    return this.v16
      ? this.csms.expectCall('StopTransaction', { reason: oneOf('Local', absent()) }, this.o(o))
      : this.csms.expectCall('TransactionEvent', { triggerReason: 'StopAuthorized' }, this.o(o));
  }

  isStop(): (e: FrameEntry) => boolean {
    return (e) => e.frame?.type === CALL && (e.frame.action === 'StopTransaction' || (e.frame.action === 'TransactionEvent'
      && (e.frame.payload.eventType === 'Ended' || ['StopAuthorized', 'RemoteStop', 'Deauthorized'].includes(String(e.frame.payload.triggerReason)))));
  }

  /** Deauthorized after a non-Accepted verdict: 1.6 StopTransaction DeAuthorized; 2.0.1 TransactionEvent triggerReason Deauthorized (Updated or Ended, per TxStopPoint: E05.FR.09/10). */
  expectDeauthorized(o: DriverExpectOptions): Promise<Received> {
    return this.v16
      ? this.csms.expectCall('StopTransaction', { reason: 'DeAuthorized' }, this.o(o))
      : this.csms.expectCall('TransactionEvent', { triggerReason: 'Deauthorized' }, this.o(o));
  }

  /** Energy stopped but the transaction kept (StopTxOnInvalidId false): 1.6 SuspendedEVSE; 2.0.1 chargingState SuspendedEVSE. */
  expectSuspended(ref: ConnectorRef, o: DriverExpectOptions): Promise<Received> {
    return this.v16
      ? this.ocpp.expectStatus(ref, { '1.6': 'SuspendedEVSE' }, o)
      : this.csms.expectCall('TransactionEvent', { transactionInfo: { chargingState: 'SuspendedEVSE' } }, this.o(o));
  }

  remoteStartPayload(token: string, ref: ConnectorRef | undefined): Record<string, unknown> {
    if (this.v16) return { idTag: token, ...(ref ? { connectorId: this.ocpp.index(ref) } : {}) };
    return { idToken: { idToken: token, type: 'Central' }, remoteStartId: this.remoteStartIds++, ...(ref ? { evseId: ref.evseId } : {}) };
  }

  async remoteStart(token: string, ref: ConnectorRef | undefined, expected: string, o: DriverExpectOptions): Promise<Record<string, unknown>> {
    const payload = this.remoteStartPayload(token, ref);
    await this.csms.callExpecting(this.v16 ? 'RemoteStartTransaction' : 'RequestStartTransaction', payload, { status: expected }, this.o(o));
    return payload;
  }

  async remoteStop(transactionId: string | number, expected: string, o: DriverExpectOptions): Promise<void> {
    await this.csms.callExpecting(this.v16 ? 'RemoteStopTransaction' : 'RequestStopTransaction', { transactionId: this.v16 ? Number(transactionId) : String(transactionId) }, { status: expected }, this.o(o));
  }

  /** Stopped remotely: 1.6 StopTransaction reason Remote; 2.0.1 TransactionEvent triggerReason RemoteStop. */
  expectRemoteStopped(o: DriverExpectOptions): Promise<Received> {
    return this.v16
      ? this.csms.expectCall('StopTransaction', { reason: 'Remote' }, this.o(o))
      : this.csms.expectCall('TransactionEvent', { triggerReason: 'RemoteStop' }, this.o(o));
  }

  async sendLocalList(version: number, updateType: 'Full' | 'Differential', entries: ListEntry[], expected: string, o: DriverExpectOptions): Promise<void> {
    const list = entries.map((e) => (this.v16
      ? { idTag: e.token, ...(e.status ? this.info(e.status, e.groupId) : {}) }
      : { idToken: { idToken: e.token, type: 'ISO14443' }, ...(e.status ? this.info(e.status, e.groupId) : {}) }));
    const payload = this.v16 ? { listVersion: version, updateType, ...(list.length ? { localAuthorizationList: list } : {}) }
      : { versionNumber: version, updateType, ...(list.length ? { localAuthorizationList: list } : {}) };
    await this.csms.callExpecting('SendLocalList', payload, { status: expected }, this.o(o));
  }

  async expectListVersion(version: number, o: DriverExpectOptions): Promise<void> {
    await this.csms.callExpecting('GetLocalListVersion', {}, this.v16 ? { listVersion: version } : { versionNumber: version }, this.o(o));
  }

  /**
   * 1.6: whether the station has no local list at all, asked with GetLocalListVersion: CALLERROR
   * NotSupported (or NotImplemented) from a station without the LocalAuthListManagement feature
   * profile, which OCTT TC_042_1_CS accepts beside listVersion -1 (1.6 §5.10; 1.6J §4.2.3). Any
   * other CALLERROR fails; a version answered means the station has the feature. 2.0.1: false.
   */
  async listUnsupported(o: DriverExpectOptions): Promise<boolean> {
    if (!this.v16) return false;
    const rule = this.ocpp.rule(o.rule);
    const outcome = await this.csms.call('GetLocalListVersion', {}, { rule, within: o.within });
    if (outcome.kind === 'result') return false;
    if (outcome.code === 'NotSupported' || outcome.code === 'NotImplemented') {
      // A station whose device profile claims the local list must not refuse it (never softened).
      const lack = lackedBy(this.csms.version, 'GetLocalListVersion', {}, outcome);
      if (lack && meets(this.csms.profile, this.csms.version, lack.need) === 'yes') {
        throw this.csms.failure(rule, `GetLocalListVersion.conf (the device profile claims ${describeNeed(this.csms.version, lack.need)})`, `CALLERROR ${outcome.code} "${outcome.description}"`, 'unsupported');
      }
      this.csms.journal.event('harness', `GetLocalListVersion: CALLERROR ${outcome.code}, the station has no Local Authorization List (LocalAuthListManagement not supported)`);
      // OCTT accepts the refusal; the case reports it as what it is: the optional feature is not there.
      if (lack) this.csms.notApplicable(new NotApplicable(describeNeed(this.csms.version, lack.need), lack.evidence));
      return true;
    }
    throw this.csms.failure(rule, 'GetLocalListVersion.conf, or CALLERROR NotSupported from a station without LocalAuthListManagement', `CALLERROR ${outcome.code} "${outcome.description}"`);
  }

  /**
   * 1.6 OCTT TC_043_1_CS: SendLocalList to a station that does not take list updates is refused
   * with status NotSupported (1.6 §7.47: "not supported by Charge Point") or CALLERROR NotSupported
   * (NotImplemented is taken too: 1.6J §4.2.3). As OCTT TC_042_1_CS: a station without the
   * LocalAuthListManagement feature profile (GetLocalListVersion refused), or one that has it with
   * LocalAuthListEnabled set false. A station with the feature that still takes (or fails) the
   * update while disabled is not what the case tests: the text does not say what it answers then.
   */
  async expectListRefusedAsUnsupported(entries: ListEntry[], o: DriverExpectOptions): Promise<void> {
    const rule = this.ocpp.rule(o.rule);
    const probe = await this.csms.call('GetLocalListVersion', {}, { rule, within: o.within });
    const hasFeature = probe.kind === 'result';
    if (hasFeature) await this.ocpp.configure(SETTINGS.listEnabled, 'false');
    const list = entries.map((e) => ({ idTag: e.token, ...this.info(e.status ?? 'Accepted') }));
    const outcome = await this.csms.call('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: list }, { rule, within: o.within });
    const refused = outcome.kind === 'error' ? ['NotSupported', 'NotImplemented'].includes(outcome.code) : outcome.payload.status === 'NotSupported';
    const got = outcome.kind === 'error' ? `CALLERROR ${outcome.code} "${outcome.description}"` : `SendLocalList.conf ${JSON.stringify(outcome.payload)}`;
    if (refused && !hasFeature && meets(this.csms.profile, this.csms.version, { feature: 'LocalAuthListManagement' }) === 'yes') {
      throw this.csms.failure(rule, 'SendLocalList.conf (the device profile claims feature profile LocalAuthListManagement)', got, 'unsupported');
    }
    if (refused) { this.csms.journal.event('harness', `SendLocalList refused (${got})${hasFeature ? ' with LocalAuthListEnabled false' : ': the station has no Local Authorization List'}`); return; }
    if (hasFeature) {
      this.csms.notApplicable(new NotApplicable('a station that refuses local list updates (no LocalAuthListManagement, or LocalAuthListEnabled false)', `with LocalAuthListEnabled false SendLocalList answered ${got}`));
    }
    throw this.csms.failure(rule, 'SendLocalList.conf NotSupported or CALLERROR NotSupported from a station without LocalAuthListManagement', got);
  }

  /**
   * The version reported after a Full update without entries: 1.6 §5.10 "0 = the list is empty";
   * 2.0.1 D01.FR.04 the list is emptied but keeps the version sent.
   */
  versionOfEmptyList(sent: number): number { return this.v16 ? 0 : sent; }

  /** The version reported while the local list is disabled: 1.6 §5.10 -1 (not supported), 2.0.1 D02.FR.03 0. */
  get versionWhenDisabled(): number { return this.v16 ? -1 : 0; }

  async clearCache(expected: string, o: DriverExpectOptions): Promise<void> {
    await this.csms.callExpecting('ClearCache', {}, { status: expected }, this.o(o));
  }
}
