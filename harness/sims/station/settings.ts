/**
 * The station's settings, one table for both versions: a 1.6 configuration key and the 2.0.1
 * component/variable that mean the same thing (1.6 §9, 2.0.1 Part 2 appendix "Referenced
 * Components and Variables"). Values are strings on the wire in both versions. The table
 * survives a reboot; StationSettings reads it and applies changes (1.6 §5.3, 2.0.1 B05).
 */
import { both, type FaultTable, policyOf } from './fault-table';

type SettingType = 'integer' | 'boolean' | 'string';

export interface Setting {
  key16?: string;
  component?: string;
  variable?: string;
  /** 2.0.1 variable instance (e.g. MessageAttempts instance TransactionEvent). */
  instance?: string;
  type: SettingType;
  readonly?: boolean;
  /** Never read back (passwords): 1.6 security whitepaper AuthorizationKey, 2.0.1 BasicAuthPassword WriteOnly. */
  writeOnly?: boolean;
  value: string;
}

function defaultSettings(connectors: number): Setting[] {
  return [
    { key16: 'HeartbeatInterval', component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval', type: 'integer', value: '300' },
    { key16: 'ConnectionTimeOut', component: 'TxCtrlr', variable: 'EVConnectionTimeOut', type: 'integer', value: '60' },
    { key16: 'MeterValueSampleInterval', component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval', type: 'integer', value: '60' },
    { key16: 'MinimumStatusDuration', type: 'integer', value: '0' },
    { key16: 'NumberOfConnectors', type: 'integer', readonly: true, value: String(connectors) },
    { key16: 'SupportedFeatureProfiles', type: 'string', readonly: true, value: 'Core,LocalAuthListManagement,RemoteTrigger' },
    { key16: 'AuthorizeRemoteTxRequests', component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart', type: 'boolean', value: 'true' },
    { key16: 'LocalAuthorizeOffline', component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline', type: 'boolean', value: 'true' },
    { key16: 'LocalPreAuthorize', component: 'AuthCtrlr', variable: 'LocalPreAuthorize', type: 'boolean', value: 'false' },
    { key16: 'StopTransactionOnInvalidId', component: 'TxCtrlr', variable: 'StopTxOnInvalidId', type: 'boolean', value: 'true' },
    { key16: 'AuthorizationCacheEnabled', component: 'AuthCacheCtrlr', variable: 'Enabled', type: 'boolean', value: 'true' },
    { key16: 'LocalAuthListEnabled', component: 'LocalAuthListCtrlr', variable: 'Enabled', type: 'boolean', value: 'true' },
    { key16: 'AllowOfflineTxForUnknownId', component: 'AuthCtrlr', variable: 'OfflineTxForUnknownIdEnabled', type: 'boolean', value: 'false' },
    { key16: 'AuthorizationKey', component: 'SecurityCtrlr', variable: 'BasicAuthPassword', type: 'string', writeOnly: true, value: '' },
    { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold', type: 'integer', value: '60' },
    { component: 'AuthCtrlr', variable: 'AuthEnabled', type: 'boolean', value: 'true' },
    { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', type: 'integer', readonly: true, value: '20' },
    // Transaction message retries (2.0.1 E13, 1.6 §3.7.1) and reconnect back-off (2.0.1 Part 4 §5.3; 1.6 has none).
    { key16: 'TransactionMessageAttempts', component: 'OCPPCommCtrlr', variable: 'MessageAttempts', instance: 'TransactionEvent', type: 'integer', value: '3' },
    { key16: 'TransactionMessageRetryInterval', component: 'OCPPCommCtrlr', variable: 'MessageAttemptInterval', instance: 'TransactionEvent', type: 'integer', value: '60' },
    { component: 'OCPPCommCtrlr', variable: 'RetryBackOffWaitMinimum', type: 'integer', value: '2' },
    { component: 'OCPPCommCtrlr', variable: 'RetryBackOffRandomRange', type: 'integer', value: '0' },
    { component: 'OCPPCommCtrlr', variable: 'RetryBackOffRepeatTimes', type: 'integer', value: '2' },
  ];
}

function validValue(type: SettingType, value: string): boolean {
  if (type === 'integer') return /^\d{1,9}$/.test(value);
  if (type === 'boolean') return value === 'true' || value === 'false';
  return value.length <= 500;
}

interface SettingsPolicy {
  /** Treats an unknown key / variable as known: empty value, Accepted (1.6 §5.8, B06; read by the dialects' answers). */
  knowsEveryKey: boolean;
  /** Rejects a malformed HeartbeatInterval like any other malformed value. */
  validatesHeartbeatInterval: boolean;
  /** Uses a HeartbeatInterval it accepted. */
  appliesHeartbeatInterval: boolean;
}

export const SETTINGS_FAULTS = {
  'config.ignoresHeartbeatInterval': { description: 'accepts a new HeartbeatInterval but keeps the old one', rules: both(['1.6§5.3'], ['G02.FR.02', 'B05.FR.10', 'B06.FR.10']), breaks: { appliesHeartbeatInterval: false } },
  'config.unknownKeyAccepted': { description: 'treats unknown settings as known (empty value, Accepted)', rules: both(['1.6§5.8', '1.6§5.3'], ['B06.FR.10', 'B06.FR.07', 'B05.FR.05']), breaks: { knowsEveryKey: true } },
  'config.acceptsInvalidValue': { description: 'accepts a malformed value for HeartbeatInterval', rules: both(['1.6§5.3'], ['B05.FR.07']), breaks: { validatesHeartbeatInterval: false } },
} satisfies FaultTable<SettingsPolicy>;

type ChangeStatus = 'Accepted' | 'Rejected' | 'NotSupported';

export class StationSettings {
  readonly policy: Readonly<SettingsPolicy>;
  private readonly table: Setting[];

  constructor(connectors: number, faults: ReadonlySet<string>, private readonly host: {
    /** A write-only setting is the Basic auth password: the connection takes it (A01). */
    changePassword(value: string): 'Accepted' | 'Rejected';
    /** A new HeartbeatInterval applies at once. */
    heartbeatIntervalChanged(): void;
  }) {
    this.policy = policyOf<SettingsPolicy>({ knowsEveryKey: false, validatesHeartbeatInterval: true, appliesHeartbeatInterval: true }, SETTINGS_FAULTS, faults);
    this.table = defaultSettings(connectors);
  }

  get all(): readonly Setting[] { return this.table; }
  /** By 1.6 key or 2.0.1 variable name. */
  get(name: string): Setting | undefined { return this.table.find((s) => s.key16 === name || s.variable === name); }
  int(name: string): number { return Number(this.get(name)?.value ?? 0); }
  bool(name: string): boolean { return this.get(name)?.value === 'true'; }

  /** Applies a change asked by the CSMS (ChangeConfiguration, SetVariables). */
  change(s: Setting | undefined, value: string): ChangeStatus {
    if (!s) return 'NotSupported';
    if (s.readonly) return 'Rejected';
    if (s.writeOnly) return this.host.changePassword(value);
    const heartbeat = s.key16 === 'HeartbeatInterval';
    const valid = validValue(s.type, value);
    if (!valid && !(heartbeat && !this.policy.validatesHeartbeatInterval)) return 'Rejected';
    if (!valid || (heartbeat && !this.policy.appliesHeartbeatInterval)) return 'Accepted';
    s.value = value;
    if (heartbeat) this.host.heartbeatIntervalChanged();
    return 'Accepted';
  }
}
