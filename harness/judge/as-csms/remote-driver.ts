/**
 * The version adapter for UnlockConnector (1.6 §5.18, 2.0.1 F05): which connector has a socket
 * with a lock or a fixed cable (the device profile), the request in each version's words, and the
 * answer read against the profile.
 */
import type { ConnectorRef } from '../../model/layout';
import { NotApplicable } from '../../model/errors';
import { describeNeed, meets } from '../../model/profile';
import { type Matcher, diff, show } from '../../model/match';
import type { DriverExpectOptions, OcppDriver } from './ocpp-driver';

type Cable = 'fixed' | 'socket';

export class UnlockDriver {
  constructor(readonly ocpp: OcppDriver) {}

  private get csms() { return this.ocpp.csms; }

  /**
   * A connector of the kind asked for, by the device profile's fixedCableConnectors; a profile that
   * does not say gives the first connector (the station's answer then tells: `unlock` with `cable`).
   */
  connectorWith(cable: Cable): ConnectorRef {
    const fixed = this.csms.profile?.fixedCableConnectors;
    if (!fixed) return this.ocpp.connectors[0];
    const ref = this.ocpp.connectors.find((c) => fixed.includes(this.ocpp.index(c)) === (cable === 'fixed'));
    if (!ref) this.csms.notApplicable(new NotApplicable(describeNeed(this.ocpp.version, { cable }), 'the device profile lists no such connector'));
    return ref!;
  }

  /** `ref` must be of the kind `cable` by the device profile, else the case is not applicable (a profile that does not say: the answer tells). */
  requireCable(ref: ConnectorRef, cable: Cable): void {
    const fixed = this.csms.profile?.fixedCableConnectors;
    if (fixed && fixed.includes(this.ocpp.index(ref)) !== (cable === 'fixed')) {
      this.csms.notApplicable(new NotApplicable(describeNeed(this.ocpp.version, { cable }), `connector ${this.ocpp.index(ref)} is not one by the device profile`));
    }
  }

  /** UnlockConnector for `ref`; `unknown`: a connector number past the layout (1.6 the next connectorId, 2.0.1 connectorId 999 of the first EVSE). */
  payload(ref: ConnectorRef | 'unknown'): Record<string, unknown> {
    if (this.ocpp.version === '1.6') return { connectorId: ref === 'unknown' ? this.ocpp.connectors.length + 1 : this.ocpp.index(ref) };
    return ref === 'unknown' ? { evseId: this.ocpp.connectors[0].evseId, connectorId: 999 } : { evseId: ref.evseId, connectorId: ref.connectorId };
  }

  /**
   * Sends UnlockConnector and requires `expected`. With `cable` (the kind the case needs) and a
   * profile that does not say which connector has it: a 1.6 answer that shows the other kind
   * (NotSupported for a socket, Unlocked for a fixed cable) makes the case not applicable (1.6 §7.46).
   */
  async unlock(ref: ConnectorRef | 'unknown', expected: string | Matcher, o: DriverExpectOptions & { cable?: Cable }): Promise<string> {
    const rule = this.ocpp.rule(o.rule);
    const want = { status: expected };
    const outcome = await this.csms.call('UnlockConnector', this.payload(ref), { rule });
    if (outcome.kind === 'error') throw this.csms.failure(rule, `CALLRESULT UnlockConnector ⊇ ${show(want)}`, `CALLERROR ${outcome.code} "${outcome.description}"`);
    const status = String(outcome.payload.status);
    if (o.cable && this.ocpp.version === '1.6' && meets(this.csms.profile, '1.6', { cable: o.cable }) === 'unknown'
      && ((o.cable === 'socket' && status === 'NotSupported') || (o.cable === 'fixed' && status === 'Unlocked'))) {
      this.csms.notApplicable(new NotApplicable(describeNeed('1.6', { cable: o.cable }), `UnlockConnector answered ${status}`));
    }
    const d = diff(outcome.payload, want);
    if (d) throw this.csms.failure(rule, `CALLRESULT UnlockConnector ⊇ ${show(want)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
    return status;
  }

}
