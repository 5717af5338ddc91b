/**
 * The simulated station's network connection profiles (2.0.1 B09): the slots NetworkConfigurationPriority
 * lists in its valuesList, and SetNetworkProfile storing a valid profile in one of them. The
 * station keeps connecting with the profile it has (B10 migration is not simulated).
 */
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import { type FaultTable, policyOf } from './fault-table';
import { ok } from './dialect';
import type { SimulatedStation } from './simulated-station';

export interface NetworkProfilePolicy {
  /** Refuses a configurationSlot outside NetworkConfigurationPriority's valuesList (B09.FR.02, B09.FR.05). */
  checksSlot: boolean;
}

export const NETWORK_PROFILE_FAULTS = {
  'netprofile.acceptsAnySlot': { description: 'accepts SetNetworkProfile for a configurationSlot it does not have', rules: { '2.0.1': ['B09.FR.02', 'B09.FR.05'] }, breaks: { checksSlot: false } },
} satisfies FaultTable<NetworkProfilePolicy>;

interface Profile { ocppCsmsUrl: string; securityProfile: number; messageTimeout: number; ocppVersion: string }

export class NetworkProfiles {
  readonly policy: Readonly<NetworkProfilePolicy>;
  /** Stored profiles by slot (persist like the settings). */
  private readonly slots = new Map<number, Profile>();

  constructor(private readonly s: SimulatedStation, active: ReadonlySet<string>) {
    this.policy = policyOf<NetworkProfilePolicy>({ checksSlot: true }, NETWORK_PROFILE_FAULTS, active);
  }

  handles(call: CallFrame): boolean { return this.s.version === '2.0.1' && call.action === 'SetNetworkProfile'; }

  /** B09.FR.01: validate and store; B09.FR.02 / B09.FR.05: Rejected for invalid content or an unknown slot; B09.FR.04: no lower security profile. */
  handle(call: CallFrame): Reply {
    const p = call.payload as { configurationSlot: number; connectionData: Profile };
    const valid = (this.s.settings.get('NetworkConfigurationPriority')?.valuesList ?? '0').split(',').map(Number);
    if (this.policy.checksSlot && !valid.includes(p.configurationSlot)) return ok({ status: 'Rejected' });
    if (p.connectionData.ocppVersion !== 'OCPP20') return ok({ status: 'Rejected' });
    if (p.connectionData.securityProfile < this.currentSecurityProfile()) return ok({ status: 'Rejected' });
    this.slots.set(p.configurationSlot, p.connectionData);
    return ok({ status: 'Accepted' });
  }

  /** The security profile of its connection (SecurityCtrlr.SecurityProfile): 3 with a client certificate, 2 over TLS, 1 with a Basic auth password. */
  currentSecurityProfile(): number { return this.s.opts.tls ? (this.s.opts.tls.clientCert ? 3 : 2) : this.s.opts.password ? 1 : 0; }
}
