/**
 * Ready-made CSMS requests per version, with the reply each expects, so cases need no
 * `if (version)`: 1.6 configuration keys (GetConfiguration / ChangeConfiguration) and 2.0.1
 * device-model variables (GetVariables / SetVariables) are the same idea.
 */
import type { OcppVersion } from '../../protocol/versions';
import { type Match, present, some } from '../../model/match';

export interface SettingName { key16?: string; component: string; variable: string; instance?: string }

const variableOf = (s: SettingName): Record<string, string> => ({ name: s.variable, ...(s.instance ? { instance: s.instance } : {}) });

export const HEARTBEAT_INTERVAL: SettingName = { key16: 'HeartbeatInterval', component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' };
export const UNKNOWN_SETTING: SettingName = { key16: 'NoSuchKeyXyz', component: 'OCPPCommCtrlr', variable: 'NoSuchVariableXyz' };

type Request = [action: string, payload: Record<string, unknown>, expected: Match];

/** Reads a setting; `outcome` 'value' = known with a value, 'unknown' = reported as unknown. */
export function getSetting(version: OcppVersion, s: SettingName, outcome: 'value' | 'unknown' | 'any'): Request {
  if (version === '1.6') {
    const expected = outcome === 'value' ? { configurationKey: [{ key: s.key16, value: present() }] } : outcome === 'unknown' ? { unknownKey: some(s.key16) } : {};
    return ['GetConfiguration', { key: [s.key16!] }, expected];
  }
  const expected = outcome === 'value' ? { getVariableResult: [{ attributeStatus: 'Accepted', attributeValue: present(), component: { name: s.component }, variable: { name: s.variable } }] }
    : outcome === 'unknown' ? { getVariableResult: [{ attributeStatus: 'UnknownVariable' }] } : {};
  return ['GetVariables', { getVariableData: [{ component: { name: s.component }, variable: variableOf(s) }] }, expected];
}

/** Writes a setting; `outcome` names the 2.0.1 attributeStatus (1.6: 'UnknownVariable' is NotSupported). */
export function setSetting(version: OcppVersion, s: SettingName, value: string, outcome: unknown): Request {
  if (version === '1.6') {
    return ['ChangeConfiguration', { key: s.key16!, value }, { status: outcome === 'UnknownVariable' ? 'NotSupported' : outcome }];
  }
  return ['SetVariables', { setVariableData: [{ component: { name: s.component }, variable: variableOf(s), attributeValue: value }] }, { setVariableResult: [{ attributeStatus: outcome }] }];
}

/** The value in a get reply of either version. */
export function settingValue(version: OcppVersion, reply: Record<string, unknown>, s: SettingName): string | undefined {
  if (version === '1.6') return (reply.configurationKey as { key: string; value?: string }[] | undefined)?.find((k) => k.key === s.key16)?.value;
  return (reply.getVariableResult as { attributeValue?: string }[] | undefined)?.[0]?.attributeValue;
}

/** The status in a set reply of either version. */
export function settingStatus(version: OcppVersion, reply: Record<string, unknown>): string {
  return String(version === '1.6' ? reply.status : (reply.setVariableResult as { attributeStatus: string }[])[0].attributeStatus);
}

export function readHeartbeatInterval(version: OcppVersion): [string, Record<string, unknown>] {
  const [action, payload] = getSetting(version, HEARTBEAT_INTERVAL, 'any');
  return [action, payload];
}

/** Settings the authorization cases switch (1.6 key, 2.0.1 component.variable). */
export const SETTINGS = {
  localPreAuthorize: { key16: 'LocalPreAuthorize', component: 'AuthCtrlr', variable: 'LocalPreAuthorize' },
  localAuthorizeOffline: { key16: 'LocalAuthorizeOffline', component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline' },
  cacheEnabled: { key16: 'AuthorizationCacheEnabled', component: 'AuthCacheCtrlr', variable: 'Enabled' },
  listEnabled: { key16: 'LocalAuthListEnabled', component: 'LocalAuthListCtrlr', variable: 'Enabled' },
  offlineUnknown: { key16: 'AllowOfflineTxForUnknownId', component: 'AuthCtrlr', variable: 'OfflineTxForUnknownIdEnabled' },
  stopTxOnInvalidId: { key16: 'StopTransactionOnInvalidId', component: 'TxCtrlr', variable: 'StopTxOnInvalidId' },
  authorizeRemote: { key16: 'AuthorizeRemoteTxRequests', component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' },
  connectionTimeOut: { key16: 'ConnectionTimeOut', component: 'TxCtrlr', variable: 'EVConnectionTimeOut' },
  meterInterval: { key16: 'MeterValueSampleInterval', component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval' },
  password: { key16: 'AuthorizationKey', component: 'SecurityCtrlr', variable: 'BasicAuthPassword' },
  txMessageAttempts: { key16: 'TransactionMessageAttempts', component: 'OCPPCommCtrlr', variable: 'MessageAttempts', instance: 'TransactionEvent' },
  txMessageInterval: { key16: 'TransactionMessageRetryInterval', component: 'OCPPCommCtrlr', variable: 'MessageAttemptInterval', instance: 'TransactionEvent' },
  backOffMinimum: { component: 'OCPPCommCtrlr', variable: 'RetryBackOffWaitMinimum' },
  backOffRange: { component: 'OCPPCommCtrlr', variable: 'RetryBackOffRandomRange' },
  backOffRepeat: { component: 'OCPPCommCtrlr', variable: 'RetryBackOffRepeatTimes' },
  cacheLifeTime: { component: 'AuthCacheCtrlr', variable: 'LifeTime' },
  cacheDisablePostAuthorize: { component: 'AuthCacheCtrlr', variable: 'DisablePostAuthorize' },
  listDisablePostAuthorize: { component: 'LocalAuthListCtrlr', variable: 'DisablePostAuthorize' },
  masterPassGroupId: { component: 'AuthCtrlr', variable: 'MasterPassGroupId' },
  maxEnergyOnInvalidId: { component: 'TxCtrlr', variable: 'MaxEnergyOnInvalidId' },
} satisfies Record<string, SettingName>;
