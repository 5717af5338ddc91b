/**
 * The reference CSMS sets a station's HTTP Basic password at its operator's request (2.0.1 A01:
 * SetVariables SecurityCtrlr.BasicAuthPassword; 1.6 security whitepaper A01: ChangeConfiguration
 * AuthorizationKey). Once the station answers Accepted the new password is the only one admitted
 * (A01.FR.03); any other answer leaves the old one in force (A01.FR.04).
 */
import type { OcppVersion } from '../../protocol/versions';
import { registerSecret } from '../../model/secrets';
import type { FaultSpec } from '../fault-spec';
import { type Breaks, both, policyFor } from './concern';
import type { CsmsStore } from './store';

export const PASSWORD_FAULTS = {
  'basicauth.keepsOldPassword': { description: 'after the station accepted a new Basic auth password, still admits the old one', rules: both(['A01.FR.03'], ['A01.FR.03']) },
  'basicauth.assumesChanged': { description: 'takes the new Basic auth password into use although the station did not accept it, refusing the old one', rules: { '2.0.1': ['A01.FR.04'] } },
} satisfies Record<string, FaultSpec>;

interface PasswordPolicy {
  /** The old password stays admitted next to the new one. */
  keepsOld: boolean;
  /** The new password is taken into use whatever the station answered. */
  switchesAlways: boolean;
}

const BREAKS = {
  'basicauth.keepsOldPassword': { keepsOld: true },
  'basicauth.assumesChanged': { switchesAlways: true },
} satisfies Breaks<PasswordPolicy, keyof typeof PASSWORD_FAULTS>;

/** Passwords a faulty reference CSMS still admits after a change, per store and station. */
const stillAdmitted = new WeakMap<CsmsStore, Map<string, string>>();

/** A password the reference CSMS still admits for the station besides its current one (only under basicauth.keepsOldPassword). */
export function formerPassword(store: CsmsStore, stationId: string): string | undefined {
  return stillAdmitted.get(store)?.get(stationId);
}

export class PasswordUpdates {
  private readonly policy: PasswordPolicy;

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor<PasswordPolicy>({ keepsOld: false, switchesAlways: false }, BREAKS, active);
  }

  /** The request that sets `password` (the configuration value: 1.6 the AuthorizationKey's hex), and what its answer changes. */
  request(stationId: string, v: OcppVersion, password: string): { action: string; payload: Record<string, unknown>; onReply: (p: Record<string, unknown>) => void } {
    registerSecret(password);
    const payload = v === '1.6'
      ? { key: 'AuthorizationKey', value: password }
      : { setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: password }] };
    return {
      action: v === '1.6' ? 'ChangeConfiguration' : 'SetVariables', payload,
      onReply: (p) => {
        const status = v === '1.6' ? p.status : (p.setVariableResult as { attributeStatus?: string }[] | undefined)?.[0]?.attributeStatus;
        if (status !== 'Accepted' && !this.policy.switchesAlways) return;
        const passwords = (this.store.data.passwords ??= {});
        const old = passwords[stationId];
        passwords[stationId] = password;
        if (this.policy.keepsOld && old) {
          if (!stillAdmitted.has(this.store)) stillAdmitted.set(this.store, new Map());
          stillAdmitted.get(this.store)!.set(stationId, old);
        }
      },
    };
  }
}
