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
import { REMOTE_FAULTS } from './remote-control';
import { FIRMWARE_FAULTS } from './firmware';
import { PROVISIONING_FAULTS } from './provisioning';
import { SECURITY_FAULTS } from './security';
import { LOAD_FAULTS } from './load';
import { SECURITY_UPGRADE_FAULTS } from './security-upgrade';
import { CERTIFICATE_FAULTS } from './certificate-management';
import { CONTRACT_FAULTS } from './contract-certificates';
import { PASSWORD_FAULTS } from './password-update';
import { TRANSACTION_FAULTS } from './transactions';
import { LOG_FAULTS } from './logs';
import { RPC_FAULTS as RPC_TABLE } from '../rpc-behaviour';
import type { FaultSpec } from '../fault-spec';

/** The OCPP-J RPC framework faults both simulated SUTs share, as catalogue entries. */
const RPC_FAULTS = Object.fromEntries(Object.entries(RPC_TABLE).map(([name, { breaks: _b, ...spec }]) => [name, spec as FaultSpec])) as Record<keyof typeof RPC_TABLE, FaultSpec>;

const TABLES = [SECURITY_FAULTS, BOOT_STATUS_FAULTS, AUTHORIZATION_FAULTS, FIRMWARE_CERTS_FAULTS, OPERATOR_FAULTS, RPC_FAULTS, REMOTE_FAULTS, FIRMWARE_FAULTS, LOAD_FAULTS, PASSWORD_FAULTS, TRANSACTION_FAULTS, PROVISIONING_FAULTS, SECURITY_UPGRADE_FAULTS, CERTIFICATE_FAULTS, CONTRACT_FAULTS, LOG_FAULTS] as const;

export const CSMS_FAULTS = {
  ...SECURITY_FAULTS, ...BOOT_STATUS_FAULTS, ...AUTHORIZATION_FAULTS, ...FIRMWARE_CERTS_FAULTS, ...OPERATOR_FAULTS, ...RPC_FAULTS,
  ...REMOTE_FAULTS, ...FIRMWARE_FAULTS, ...LOAD_FAULTS, ...PASSWORD_FAULTS, ...TRANSACTION_FAULTS, ...PROVISIONING_FAULTS,
  ...SECURITY_UPGRADE_FAULTS, ...CERTIFICATE_FAULTS, ...CONTRACT_FAULTS, ...LOG_FAULTS,
};

const declared = TABLES.reduce((n, t) => n + Object.keys(t).length, 0);
if (Object.keys(CSMS_FAULTS).length !== declared) throw new Error('a CSMS fault name is declared by two concerns');

export type CsmsFault = keyof typeof CSMS_FAULTS;

export function isCsmsFault(name: string): name is CsmsFault {
  return Object.prototype.hasOwnProperty.call(CSMS_FAULTS, name);
}
