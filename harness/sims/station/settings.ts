/**
 * The station's settings, one table for both versions: a 1.6 configuration key and the 2.0.1
 * component/variable that mean the same thing (1.6 §9, 2.0.1 Part 2 appendix "Referenced
 * Components and Variables"). Values are strings on the wire in both versions.
 */
export type SettingType = 'integer' | 'boolean' | 'string';

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

export function defaultSettings(connectors: number): Setting[] {
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

export function validValue(type: SettingType, value: string): boolean {
  if (type === 'integer') return /^\d{1,9}$/.test(value);
  if (type === 'boolean') return value === 'true' || value === 'false';
  return value.length <= 500;
}
