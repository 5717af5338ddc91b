/**
 * The simulated station's legal variations (harness/sims/variant-spec.ts): the index of the
 * per-concern variant tables, and the personalities the self-test runs every case against.
 * Each concern declares its variants beside its faults (fault-table.ts policyOf applies the
 * variants' knobs first, then the faults'); this is their catalogue. The firmware updater and
 * the settings get their tables (FIRMWARE_VARIANTS, SETTINGS_VARIANTS) from their own files.
 */
import type { Personality, VariantSpec } from '../variant-spec';
import { CONNECTION_VARIANTS } from './connection';
import { REGISTRATION_VARIANTS } from './registration';
import { HEARTBEAT_VARIANTS } from './heartbeat';
import { STATUS_VARIANTS } from './status';
import { TRANSACTION_VARIANTS } from './transactions';
import { REMOTE_CONTROL_VARIANTS } from './remote-control';
import { WORDING_VARIANTS } from './wording';
import { CERTIFICATE_VARIANTS } from './certificates';
import { SETTINGS_VARIANTS } from './settings';
import { FIRMWARE_VARIANTS } from './firmware-updater';
import { AUTHORIZATION_VARIANTS } from './authorization';
import { DEVICE_MODEL_VARIANTS } from './device-model';
import { EVSE_RESET_VARIANTS } from './evse-reset';
import { RESERVATION_VARIANTS } from './reservation';
import { POWER_LOSS_VARIANTS } from './power-loss';
import { LOG_VARIANTS } from './log';
import { RPC_VARIANTS } from '../rpc-behaviour';
import { SECURITY_PROFILE_VARIANTS } from './security-profile';

/** One catalogue of the concerns' variant tables, without the knobs; a name declared twice is a harness error. */
export function variantCatalogueOf(...tables: readonly Record<string, VariantSpec>[]): Record<string, VariantSpec> {
  const catalogue: Record<string, VariantSpec> = {};
  for (const table of tables) {
    for (const [name, { description, allowedBy, versions }] of Object.entries(table)) {
      if (Object.hasOwn(catalogue, name)) throw new Error(`station variant ${name} is declared twice`);
      catalogue[name] = { description, allowedBy, versions };
    }
  }
  return catalogue;
}

/** Every concern's variant table with its knobs (the unit test checks that no personality sets one knob two ways). */
export const STATION_VARIANT_TABLES: readonly Record<string, VariantSpec & { sets: object }>[] = [
  CONNECTION_VARIANTS, REGISTRATION_VARIANTS, HEARTBEAT_VARIANTS, STATUS_VARIANTS, TRANSACTION_VARIANTS, REMOTE_CONTROL_VARIANTS, WORDING_VARIANTS, CERTIFICATE_VARIANTS, SETTINGS_VARIANTS, FIRMWARE_VARIANTS, AUTHORIZATION_VARIANTS, RPC_VARIANTS, DEVICE_MODEL_VARIANTS,
  SECURITY_PROFILE_VARIANTS, EVSE_RESET_VARIANTS, RESERVATION_VARIANTS,
  POWER_LOSS_VARIANTS,
  LOG_VARIANTS,
];

export const STATION_VARIANTS: Record<string, VariantSpec> = variantCatalogueOf(...STATION_VARIANT_TABLES);

export function isStationVariant(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(STATION_VARIANTS, name);
}

/**
 * Bundles of compatible variations that look like real devices. Every variant is in at least
 * one personality for each version it exists in; the mutually exclusive 2.0.1 TxStartPoints
 * (and the two ends of optional fields) are spread over different personalities. A variant a
 * version does not have is dropped for that version (tests/playwright.config.ts).
 */
export const STATION_PERSONALITIES: readonly Personality[] = [
  {
    name: 'slow-but-correct',
    description: 'an embedded controller on a slow cellular link: answers late, reports late, reboots slowly, reconnects at the top of its back-off, generates its CSR slowly, starts remotely without Authorize (read-only setting); 2.0.1: its transaction is the energy transfer (TxStartPoint EnergyTransfer, TxStopPoint Authorized)',
    variants: ['settings.remoteStartReadOnly', 'boot.closesWhenRejected', 'reply.slow', 'reconnect.slowBackOff', 'reset.slowReboot', 'status.lateAfterBoot', 'trigger.slowMessage', 'remote.slowStop', 'cert.slowCsr', 'tx.startAtEnergyTransfer', 'tx.stopAtAuthorized', 'firmware.alwaysSchedules', 'firmware.rangeResume', 'firmware.cannotCancel', 'report.singlePart', 'secprofile.upgradeAtReboot', 'reset.evseReset', 'reset.evseSilent', 'log.postUpload', 'firmware.installsWhileCharging'],
  },
  {
    name: 'minimal',
    description: 'a low-cost wallbox: only the required fields and the mandatory features (no cache, local list, keypad, optional triggers, firmware or certificate management), heartbeats only when idle (1.6), its transaction starts at the cable and ends with the authorization, both fixed (2.0.1: TxStartPoint / TxStopPoint read-only)',
    variants: [
      'fields.minimal', 'heartbeat.skipAfterTraffic', 'tx.startAtEVConnected', 'tx.stopAtAuthorized', 'tx.pointsReadOnly',
      'settings.noAuthCache', 'settings.noLocalList', 'settings.noOfflineTxForUnknownId', 'settings.noRetryBackOff', 'settings.noRemoteTrigger',
      'settings.noOptionalTriggers', 'settings.noFirmwareManagement', 'settings.noSecurityExtensions', 'settings.noCertificateManagement', 'settings.noKeypad', 'settings.noDisableRemoteAuthorization', 'auth.noMasterPassUi',
      'localList.unsupported', 'rpc.dropsInvalid', 'rpc.genericCodes', 'report.noSummaryInventory', 'report.noActiveCriterion',
    ],
  },
  {
    name: 'chatty',
    description: 'a feature-rich station: every optional field, a clock-sync heartbeat after boot and after a reconnection, clock-aligned meter values, connectors reported last to first, an EV slow to draw, authorizes a remote start before answering, its transaction starts at authorization and it downloads firmware only when no transaction runs (2.0.1)',
    variants: ['fields.optionalPresent', 'heartbeat.onBoot', 'heartbeat.onReconnect', 'meter.clockAligned', 'status.reverseOrder', 'ev.suspendedEVFirst', 'remote.authorizeBeforeAnswer', 'tx.startAtAuthorized', 'firmware.headBeforeGet', 'firmware.noInstallingStatus', 'firmware.noInstallRebooting', 'firmware.downloadsWhenIdle', 'netprofile.priorityRebootRequired', 'reset.evseReset', 'reservation.supported', 'power.stopsBeforeShutdown', 'log.appendsFilename'],
  },
];
