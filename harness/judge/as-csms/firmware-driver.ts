/**
 * The version adapter for firmware updates: 2.0.1 UpdateFirmware (secure, L01), 1.6
 * SignedUpdateFirmware (security extension) and 1.6 UpdateFirmware (plain, §5.19), and their
 * status notifications, in neutral terms.
 */
import type { FrameEntry } from '../../transport/journal';
import type { DriverExpectOptions, OcppDriver } from './ocpp-driver';
import type { Received } from './scripted-csms';

interface FirmwareOrder {
  location: string;
  /** Specification seconds from now (negative = in the past, as OCTT's now - 2 h). */
  retrieveIn?: number;
  installIn?: number;
  retries?: number;
  retryInterval?: number;
  signingCertificate?: string;
  signature?: string;
}

export class FirmwareDriver {
  private nextRequestId = 100;
  requestId?: number;

  /** `secure`: 2.0.1 UpdateFirmware, 1.6 SignedUpdateFirmware; otherwise 1.6 UpdateFirmware. */
  constructor(readonly ocpp: OcppDriver, readonly secure: boolean) {}

  private get csms() { return this.ocpp.csms; }
  private at(inSeconds: number | undefined, fallback: number): string {
    return new Date(Date.now() + (inSeconds ?? fallback) * this.csms.timing.scale * 1000).toISOString();
  }

  /** Sends the update; returns the status the station answered (plain 1.6 has none: 'Accepted'). */
  async update(order: FirmwareOrder, expected: unknown, o: DriverExpectOptions): Promise<string> {
    const retries = order.retries === undefined ? {} : { retries: order.retries };
    const retryInterval = order.retryInterval === undefined ? {} : { retryInterval: order.retryInterval };
    if (!this.secure) {
      await this.csms.callExpecting('UpdateFirmware', { location: order.location, retrieveDate: this.at(order.retrieveIn, -7200), ...retries, ...retryInterval }, {}, { rule: this.ocpp.rule(o.rule) });
      return 'Accepted';
    }
    this.requestId = this.nextRequestId++;
    const firmware = {
      location: order.location, retrieveDateTime: this.at(order.retrieveIn, -7200),
      ...(order.installIn !== undefined ? { installDateTime: this.at(order.installIn, 0) } : {}),
      ...(order.signingCertificate ? { signingCertificate: order.signingCertificate } : {}),
      ...(order.signature ? { signature: order.signature } : {}),
    };
    const r = await this.csms.callExpecting(this.ocpp.version === '1.6' ? 'SignedUpdateFirmware' : 'UpdateFirmware',
      { requestId: this.requestId, ...retries, ...retryInterval, firmware }, { status: expected }, { rule: this.ocpp.rule(o.rule) });
    return String(r.status);
  }

  private action(): string { return this.secure && this.ocpp.version === '1.6' ? 'SignedFirmwareStatusNotification' : 'FirmwareStatusNotification'; }

  /** A firmware status, carrying the update's requestId when secure (L01.FR.10). */
  expectStatus(status: string, o: DriverExpectOptions): Promise<Received> {
    return this.csms.expectCall(this.action(), { status, ...(this.secure ? { requestId: this.requestId } : {}) }, { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after });
  }

  /** A firmware status as an alternative for expectOneOf (with the update's requestId when secure). */
  statusAlternative(status: string): { action: string; match: Record<string, unknown> } {
    return { action: this.action(), match: { status, ...(this.secure ? { requestId: this.requestId } : {}) } };
  }

  /** Statuses in this order, each after the previous. */
  async expectSequence(statuses: string[], o: DriverExpectOptions): Promise<Received[]> {
    const out: Received[] = [];
    let after: FrameEntry | undefined = o.after;
    for (const status of statuses) {
      const got = await this.expectStatus(status, { ...o, after });
      out.push(got);
      after = got.entry;
    }
    return out;
  }

  isStatus(status: string): (e: FrameEntry) => boolean {
    return (e) => e.frame?.type === 2 && e.frame.action === this.action() && e.frame.payload.status === status;
  }

  expectSecurityEvent(type: string, o: DriverExpectOptions): Promise<Received> {
    return this.csms.expectCall('SecurityEventNotification', { type }, { rule: this.ocpp.rule(o.rule), within: o.within, after: o.after });
  }
}
