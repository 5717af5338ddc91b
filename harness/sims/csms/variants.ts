/**
 * The reference CSMS's legal variations (harness/sims/variant-spec.ts): the index of the
 * per-concern variant tables, and the personalities the self-test runs every CSMS case against.
 * Each variation is declared, with the knobs it sets, beside the behaviour it varies.
 */
import type { OcppVersion } from '../../protocol/versions';
import type { Personality, VariantSpec } from '../variant-spec';
import { AUTHORIZATION_VARIANTS } from './authorization';
import { BOOT_STATUS_VARIANTS } from './boot-status';
import { CSMS_FAULTS } from './faults';
import { OPERATOR_VARIANTS } from './operator-actions';
import { REMOTE_VARIANTS } from './remote-control';
import { FIRMWARE_VARIANTS } from './firmware';
import { PROVISIONING_VARIANTS } from './provisioning';
import { SECURITY_VARIANTS } from './security';
import { RPC_VARIANTS } from '../rpc-behaviour';
import { TRANSACTION_VARIANTS } from './transactions';
import { SECURITY_UPGRADE_VARIANTS } from './security-upgrade';
import { CERTIFICATE_VARIANTS } from './certificate-management';
import { LOG_VARIANTS } from './logs';

const TABLES: Record<string, VariantSpec>[] = [SECURITY_VARIANTS, BOOT_STATUS_VARIANTS, AUTHORIZATION_VARIANTS, OPERATOR_VARIANTS, RPC_VARIANTS, REMOTE_VARIANTS, FIRMWARE_VARIANTS, TRANSACTION_VARIANTS, PROVISIONING_VARIANTS, SECURITY_UPGRADE_VARIANTS, CERTIFICATE_VARIANTS, LOG_VARIANTS];

const strip = (t: Record<string, VariantSpec & { sets?: unknown }>): Record<string, VariantSpec> =>
  Object.fromEntries(Object.entries(t).map(([name, { description, allowedBy, versions }]) => [name, { description, allowedBy, versions }]));

export const CSMS_VARIANTS: Record<string, VariantSpec> = Object.assign({}, ...TABLES.map(strip));

const declared = TABLES.reduce((n, t) => n + Object.keys(t).length, 0);
if (Object.keys(CSMS_VARIANTS).length !== declared) throw new Error('a CSMS variant name is declared by two concerns');
for (const name of Object.keys(CSMS_VARIANTS)) if (name in CSMS_FAULTS) throw new Error(`${name} is both a CSMS variant and a CSMS fault`);

export function isCsmsVariant(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(CSMS_VARIANTS, name);
}

/**
 * Bundles of compatible variations, each like one kind of real CSMS. Every variation of a
 * version appears in at least one personality of that version; a personality lists only
 * variations its versions have (the self-test runs a personality per version it names).
 */
export const CSMS_PERSONALITIES: readonly (Personality & { versions: readonly OcppVersion[] })[] = [
  {
    name: 'slow-back-office',
    description: 'a CSMS behind a slow back office and roaming hub: boots and Authorize answered near the message timeout, an hourly heartbeat',
    variants: ['reply.slowBoot', 'reply.slowAuthorize', 'boot.longHeartbeatInterval'],
    versions: ['1.6', '2.0.1'],
  },
  {
    name: 'strict-registration',
    description: 'a CSMS that accepts a station only once it has its inventory (GetBaseReport + NotifyReport / GetConfiguration), configures it while Pending, allows one transaction per token, and (1.6) leaves the connector of a remote start to the Charge Point',
    variants: ['boot.pendingUntilReport', 'boot.configuresWhilePending', 'tx.refusesConcurrentTx', 'rpc.dropsInvalid', 'remote.noConnectorId'],
    versions: ['1.6', '2.0.1'],
  },
  {
    name: 'chatty',
    description: 'a CSMS that reads the configuration after every boot, gives token expiry dates, sends firmware retries, closes a replaced connection with a close frame, gives network profiles over Wi-Fi, refuses a downgraded station with 403 and sends certificates with CRLF line ends',
    variants: ['boot.readsConfigurationAfterAccept', 'auth.givesExpiry', 'firmware.withRetries', 'connection.closesReplaced', 'rpc.genericCodes', 'publish.withRetries', 'network.wireless', 'upgrade.refuses403', 'certs.crlfPem', 'getLog.withRetriesAndWindow'],
    versions: ['1.6', '2.0.1'],
  },
  {
    name: 'terse-2.0.1',
    description: 'a 2.0.1 CSMS that answers unknown tokens Invalid, leaves the retry interval of Pending to the station, and refuses concurrent transactions',
    variants: ['auth.invalidForUnknown', 'boot.pendingIntervalZero', 'tx.refusesConcurrentTx', 'remote.noEvseId', 'tx.reportsCost'],
    versions: ['2.0.1'],
  },
];

/** The personalities of a version, with only the variations that version has. */
export function csmsPersonalitiesFor(version: OcppVersion): Personality[] {
  return CSMS_PERSONALITIES.filter((p) => p.versions.includes(version))
    .map(({ name, description, variants }) => ({ name, description, variants: variants.filter((v) => CSMS_VARIANTS[v]?.versions.includes(version)) }));
}
