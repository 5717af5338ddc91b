/**
 * Named faults of the simulated station. Each makes it misbehave in one specific way and names
 * the requirement(s) that misbehaviour breaks: a case that claims to catch a fault must fail
 * against it with one of those ids in its message (tests/selftest). Each concern declares its
 * own faults beside the behaviour they break (fault-table.ts); this is their catalogue.
 */
import { catalogueOf } from './fault-table';
import { CONNECTION_FAULTS } from './connection';
import { REGISTRATION_FAULTS } from './registration';
import { HEARTBEAT_FAULTS } from './heartbeat';
import { SETTINGS_FAULTS } from './settings';
import { STATUS_FAULTS } from './status';
import { CONNECTOR_FAULTS } from './connectors';
import { AVAILABILITY_FAULTS } from './availability';
import { AUTHORIZATION_FAULTS } from './authorization';
import { TRANSACTION_FAULTS } from './transactions';
import { TX_QUEUE_FAULTS } from './tx-queue';
import { REMOTE_CONTROL_FAULTS } from './remote-control';
import { FIRMWARE_FAULTS } from './firmware-updater';
import { CERTIFICATE_FAULTS } from './certificates';
import { SECURITY_PROFILE_FAULTS } from './security-profile';
import { LOCK_FAULTS } from './lock';
import { DEVICE_MODEL_FAULTS } from './device-model';
import { EVSE_RESET_FAULTS } from './evse-reset';
import { RESERVATION_FAULTS } from './reservation';
import { POWER_LOSS_FAULTS } from './power-loss';
import { LOG_FAULTS } from './log';
import { RPC_FAULTS } from '../rpc-behaviour';

export const STATION_FAULTS = catalogueOf(
  REGISTRATION_FAULTS, STATUS_FAULTS, HEARTBEAT_FAULTS, CONNECTOR_FAULTS, AVAILABILITY_FAULTS, REMOTE_CONTROL_FAULTS,
  SETTINGS_FAULTS, CONNECTION_FAULTS, AUTHORIZATION_FAULTS, TRANSACTION_FAULTS, TX_QUEUE_FAULTS, FIRMWARE_FAULTS, CERTIFICATE_FAULTS, RPC_FAULTS,
  SECURITY_PROFILE_FAULTS,
  LOCK_FAULTS,
  DEVICE_MODEL_FAULTS,
  EVSE_RESET_FAULTS,
  RESERVATION_FAULTS,
  POWER_LOSS_FAULTS,
  LOG_FAULTS,
);

export type StationFault = keyof typeof STATION_FAULTS;

export function isStationFault(name: string): name is StationFault {
  return Object.prototype.hasOwnProperty.call(STATION_FAULTS, name);
}
