/**
 * Named faults of the reference CSMS: the index of the per-concern tables. Each fault makes it
 * break one rule a CSMS must keep and names the requirement id(s) a catching case quotes
 * (tests/selftest), per version; it is declared, with what it changes, beside the behaviour it
 * breaks.
 */
import { AUTHORIZATION_FAULTS } from './authorization';
import { BOOT_STATUS_FAULTS } from './boot-status';
import { FIRMWARE_CERTS_FAULTS } from './firmware-certs';
import { OPERATOR_FAULTS } from './operator-actions';
import { SECURITY_FAULTS } from './security';

const TABLES = [SECURITY_FAULTS, BOOT_STATUS_FAULTS, AUTHORIZATION_FAULTS, FIRMWARE_CERTS_FAULTS, OPERATOR_FAULTS] as const;

export const CSMS_FAULTS = {
  ...SECURITY_FAULTS, ...BOOT_STATUS_FAULTS, ...AUTHORIZATION_FAULTS, ...FIRMWARE_CERTS_FAULTS, ...OPERATOR_FAULTS,
};

const declared = TABLES.reduce((n, t) => n + Object.keys(t).length, 0);
if (Object.keys(CSMS_FAULTS).length !== declared) throw new Error('a CSMS fault name is declared by two concerns');

export type CsmsFault = keyof typeof CSMS_FAULTS;

export function isCsmsFault(name: string): name is CsmsFault {
  return Object.prototype.hasOwnProperty.call(CSMS_FAULTS, name);
}
