/**
 * The station's settings, one table for both versions: a 1.6 configuration key and the 2.0.1
 * component/variable that mean the same thing (1.6 §9, 2.0.1 Part 2 appendix "Referenced
 * Components and Variables"). Values are strings on the wire in both versions. The table
 * survives a reboot; StationSettings reads it and applies changes (1.6 §5.3, 2.0.1 B05).
 */
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import { fixedCableConnectors } from './lock';
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import { type DeviceProfile, FEATURE_PROFILES_16, FUNCTIONAL_BLOCKS_201, type FeatureProfile16, type FunctionalBlock201, OPTIONAL_MESSAGES, OPTIONAL_SETTINGS, SECURITY_EXTENSIONS_16, type SecurityExtension16, type SettingAccess } from '../../model/profile';

type SettingType = 'integer' | 'boolean' | 'string' | 'MemberList' | 'SequenceList' | 'OptionList';

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
  /** Not on the wire (a variant: the station lacks this optional setting); its value still drives the behaviour. */
  absent?: boolean;
  /** The allowed values of a list type (2.0.1 variableCharacteristics.valuesList). */
  valuesList?: string;
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
    // 2.0.1 TxCtrlr MemberLists: value and mutability set by transactions.ts (TRANSACTION_VARIANTS), members checked there.
    { component: 'TxCtrlr', variable: 'TxStartPoint', type: 'string', value: 'PowerPathClosed' },
    { component: 'TxCtrlr', variable: 'TxStopPoint', type: 'string', value: 'EVConnected' },
    { key16: 'StopTransactionOnEVSideDisconnect', component: 'TxCtrlr', variable: 'StopTxOnEVSideDisconnect', type: 'boolean', value: 'true' },
    { key16: 'UnlockConnectorOnEVSideDisconnect', component: 'OCPPCommCtrlr', variable: 'UnlockOnEVSideDisconnect', type: 'boolean', value: 'true' },
    { component: 'ChargingStation', variable: 'AllowNewSessionsPendingFirmwareUpdate', type: 'boolean', value: 'true' },
    // 2.0.1 AuthCacheCtrlr / LocalAuthListCtrlr optional variables (Part 2 appendix): C10.FR.08 cache life time, no Authorize for a local entry not Accepted.
    { component: 'AuthCacheCtrlr', variable: 'LifeTime', type: 'integer', value: '86400' },
    { component: 'AuthCacheCtrlr', variable: 'DisablePostAuthorize', type: 'boolean', value: 'false' },
    { component: 'LocalAuthListCtrlr', variable: 'DisablePostAuthorize', type: 'boolean', value: 'false' },
    // 2.0.1 C16: tokens of this group stop transactions and never start one (empty: no master pass).
    { component: 'AuthCtrlr', variable: 'MasterPassGroupId', type: 'string', value: '' },
    // 2.0.1 AuthCtrlr.DisableRemoteAuthorization (Part 2 referenced components §2.3.8, optional): no AuthorizeRequest at all, only the cache and list decide.
    { component: 'AuthCtrlr', variable: 'DisableRemoteAuthorization', type: 'boolean', value: 'false' },
    // 2.0.1 C15.FR.07: Wh an EV may still take after its token was found not Accepted (0: none).
    { component: 'TxCtrlr', variable: 'MaxEnergyOnInvalidId', type: 'integer', value: '0' },
    { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', type: 'integer', readonly: true, value: '20' },
    // Core keys of 1.6 §9.1 and the required variables of the 2.0.1 Part 2 appendix ("Referenced Components and Variables").
    { key16: 'GetConfigurationMaxKeys', type: 'integer', readonly: true, value: '100' },
    { key16: 'ConnectorPhaseRotation', type: 'string', value: '0.RST' },
    { key16: 'ResetRetries', component: 'OCPPCommCtrlr', variable: 'ResetRetries', type: 'integer', value: '2' },
    { key16: 'ClockAlignedDataInterval', component: 'AlignedDataCtrlr', variable: 'Interval', type: 'integer', value: '0' },
    { key16: 'MeterValuesAlignedData', component: 'AlignedDataCtrlr', variable: 'Measurands', type: 'MemberList', valuesList: MEASURANDS, value: 'Energy.Active.Import.Register' },
    { key16: 'StopTxnAlignedData', component: 'AlignedDataCtrlr', variable: 'TxEndedMeasurands', type: 'MemberList', valuesList: MEASURANDS, value: '' },
    { key16: 'MeterValuesSampledData', component: 'SampledDataCtrlr', variable: 'TxUpdatedMeasurands', type: 'MemberList', valuesList: MEASURANDS, value: 'Energy.Active.Import.Register' },
    { key16: 'StopTxnSampledData', component: 'SampledDataCtrlr', variable: 'TxEndedMeasurands', type: 'MemberList', valuesList: MEASURANDS, value: 'Energy.Active.Import.Register' },
    { key16: 'LocalAuthListMaxLength', type: 'integer', readonly: true, value: '100' },
    { key16: 'SendLocalListMaxLength', component: 'LocalAuthListCtrlr', variable: 'ItemsPerMessage', type: 'integer', readonly: true, value: '20' },
    { component: 'LocalAuthListCtrlr', variable: 'BytesPerMessage', type: 'integer', readonly: true, value: '8000' },
    { component: 'AlignedDataCtrlr', variable: 'Enabled', type: 'boolean', value: 'false' },
    { component: 'AlignedDataCtrlr', variable: 'TxEndedInterval', type: 'integer', value: '0' },
    { component: 'SampledDataCtrlr', variable: 'Enabled', type: 'boolean', value: 'true' },
    { component: 'SampledDataCtrlr', variable: 'TxEndedInterval', type: 'integer', value: '0' },
    { component: 'SampledDataCtrlr', variable: 'TxStartedMeasurands', type: 'MemberList', valuesList: MEASURANDS, value: '' },
    { component: 'OCPPCommCtrlr', variable: 'MessageTimeout', instance: 'Default', type: 'integer', readonly: true, value: '30' },
    { component: 'OCPPCommCtrlr', variable: 'FileTransferProtocols', type: 'MemberList', readonly: true, valuesList: 'HTTP,HTTPS,FTP,FTPS,SFTP', value: 'HTTP,HTTPS' },
    { component: 'OCPPCommCtrlr', variable: 'NetworkProfileConnectionAttempts', type: 'integer', value: '3' },
    { component: 'ClockCtrlr', variable: 'TimeSource', type: 'SequenceList', valuesList: 'Heartbeat,NTP,GPS,RealTimeClock,MobileNetwork,RadioTimeTransmitter', value: 'Heartbeat' },
    ...['GetReport', 'GetVariables', 'SetVariables'].flatMap((instance): Setting[] => [
      { component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', instance, type: 'integer', readonly: true, value: '20' },
      { component: 'DeviceDataCtrlr', variable: 'BytesPerMessage', instance, type: 'integer', readonly: true, value: '16000' },
    ]),
    // Transaction message retries (2.0.1 E13, 1.6 §3.7.1) and reconnect back-off (2.0.1 Part 4 §5.3; 1.6 has none).
    { key16: 'TransactionMessageAttempts', component: 'OCPPCommCtrlr', variable: 'MessageAttempts', instance: 'TransactionEvent', type: 'integer', value: '3' },
    { key16: 'TransactionMessageRetryInterval', component: 'OCPPCommCtrlr', variable: 'MessageAttemptInterval', instance: 'TransactionEvent', type: 'integer', value: '60' },
    { component: 'OCPPCommCtrlr', variable: 'RetryBackOffWaitMinimum', type: 'integer', value: '2' },
    { component: 'OCPPCommCtrlr', variable: 'RetryBackOffRandomRange', type: 'integer', value: '0' },
    { component: 'OCPPCommCtrlr', variable: 'RetryBackOffRepeatTimes', type: 'integer', value: '2' },
    // security (cov-s4): security profile and network profiles (A05, B09, B10; WP A05), certificate-signing retries (A02.FR.17)
    { key16: 'SecurityProfile', component: 'SecurityCtrlr', variable: 'SecurityProfile', type: 'integer', value: '0' },
    { component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority', type: 'string', value: '1' },
    { component: 'SecurityCtrlr', variable: 'CertSigningWaitMinimum', type: 'integer', value: '30' },
    { component: 'SecurityCtrlr', variable: 'CertSigningRepeatTimes', type: 'integer', value: '2' },
  ];
}

const MEASURANDS = 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage';

function validValue(s: Setting, value: string): boolean {
  if (s.type === 'integer') return /^\d{1,9}$/.test(value);
  if (s.type === 'boolean') return value === 'true' || value === 'false';
  const allowed = (s.valuesList ?? '').split(',');
  if (s.type === 'OptionList') return allowed.includes(value);
  if (s.type === 'MemberList' || s.type === 'SequenceList') return value === '' || value.split(',').every((v) => allowed.includes(v.trim()));
  return value.length <= 500;
}

export interface SettingsPolicy {
  /** Treats an unknown key / variable as known: empty value, Accepted (1.6 §5.8, B06; read by the dialects' answers). */
  knowsEveryKey: boolean;
  /** Settings the station does not have (1.6 key or 2.0.1 `Component.Variable`): unknown on the wire; its behaviour keeps the value. */
  absentSettings: string[];
  /** Settings it has read-only (a write is Rejected). */
  readonlySettings: string[];
  /** `name=value`: the value the station has for a setting instead of the default (e.g. the fixed value of a read-only one). */
  settingValues: string[];
  /** CSMS requests it does not implement: answered CALLERROR NotImplemented (1.6 §4.1.3 / OCPP-J: an unsupported action). */
  unsupportedMessages: string[];
  /** Messages a TriggerMessage / ExtendedTriggerMessage may request that it does not implement: answered NotImplemented (1.6 §5.17, F06.FR.08). */
  unsupportedTriggers: string[];
  /** It has a keypad for PIN codes (the embedded adapter's enterCode). */
  keypad: boolean;
  /** Rejects a malformed HeartbeatInterval like any other malformed value. */
  validatesHeartbeatInterval: boolean;
  /** Uses a HeartbeatInterval it accepted. */
  appliesHeartbeatInterval: boolean;
  /** Rejects a malformed value of any setting (1.6 §5.3 Rejected, B05.FR.07). */
  validatesValues: boolean;
  /** Keeps a value it answered Accepted (1.6 §5.3, B05.FR.10). */
  storesChanges: boolean;
  /** Rejects a write to a read-only setting (1.6 §5.3, B05.FR.09). */
  protectsReadOnly: boolean;
  /** The read-only flag GetConfiguration reports is the setting's (1.6 §5.8, §9.1 accessibility). */
  reportsReadonlyFlag: boolean;
}

export const SETTINGS_FAULTS = {
  'config.ignoresHeartbeatInterval': { description: 'accepts a new HeartbeatInterval but keeps the old one', rules: both(['1.6§5.3'], ['G02.FR.02', 'B05.FR.10', 'B06.FR.10']), breaks: { appliesHeartbeatInterval: false } },
  'config.unknownKeyAccepted': { description: 'treats unknown settings as known (empty value, Accepted)', rules: both(['1.6§5.8', '1.6§5.3'], ['B06.FR.10', 'B06.FR.07', 'B05.FR.05']), breaks: { knowsEveryKey: true } },
  'config.acceptsInvalidValue': { description: 'accepts a malformed value for HeartbeatInterval', rules: both(['1.6§5.3'], ['B05.FR.07']), breaks: { validatesHeartbeatInterval: false } },
  'config.acceptsAnyValue': { description: '1.6: accepts a malformed or out-of-range value for any key (e.g. MeterValueSampleInterval -1)', rules: { '1.6': ['1.6§5.3'] }, breaks: { validatesValues: false } },
  'config.changeNotStored': { description: '1.6: answers ChangeConfiguration Accepted but keeps the old value', rules: { '1.6': ['1.6§5.3'] }, breaks: { storesChanges: false } },
  'config.missingCoreKey': { description: '1.6: lacks the required Core key ResetRetries (GetConfiguration does not list it)', rules: { '1.6': ['1.6§9.1'] }, breaks: { absentSettings: ['ResetRetries'] } },
  'config.wrongReadonlyFlag': { description: '1.6: GetConfiguration reports every key readonly false (NumberOfConnectors, GetConfigurationMaxKeys included)', rules: { '1.6': ['1.6§9.1'] }, breaks: { reportsReadonlyFlag: false } },
  'dm.writesReadOnly': { description: '2.0.1: answers Accepted to a SetVariables of a ReadOnly variable (and changes it)', rules: { '2.0.1': ['B05.FR.09'] }, breaks: { protectsReadOnly: false } },
} satisfies FaultTable<SettingsPolicy>;

const CERTIFICATE_MESSAGES = ['InstallCertificate', 'GetInstalledCertificateIds', 'DeleteCertificate', 'CertificateSigned'];

/**
 * Legal variations (harness/sims/variant-spec.ts): a station that lacks an optional feature,
 * lacks an optional setting or has it read-only. Every case must pass against them or be not
 * applicable; a profile that claims what a variation lacks makes those cases fail.
 */
export const SETTINGS_VARIANTS = {
  'settings.noAuthCache': {
    description: 'has no authorization cache: AuthorizationCacheEnabled / AuthCacheCtrlr unknown, ClearCache Rejected',
    allowedBy: '1.6 §9.1 AuthorizationCacheEnabled is optional ("If this key exists"); 2.0.1 C10-C12 and AuthCacheCtrlr are optional (C11.FR.04: Rejected when there is no cache)',
    versions: ['1.6', '2.0.1'],
    sets: { absentSettings: ['AuthorizationCacheEnabled', 'AuthCacheCtrlr.Enabled', 'AuthCacheCtrlr.LifeTime', 'AuthCacheCtrlr.DisablePostAuthorize'], settingValues: ['AuthorizationCacheEnabled=false'] },
  },
  'settings.noLocalList': {
    description: 'has no local authorization list: SendLocalList / GetLocalListVersion NotImplemented, LocalAuthListEnabled / LocalAuthListCtrlr unknown',
    allowedBy: '1.6 §3.4: LocalAuthListManagement is an optional feature profile; 2.0.1: Local Auth List Management is an optional certification profile (D01, D02)',
    versions: ['1.6', '2.0.1'],
    sets: { absentSettings: ['LocalAuthListEnabled', 'LocalAuthListCtrlr.Enabled', 'LocalAuthListMaxLength', 'SendLocalListMaxLength', 'LocalAuthListCtrlr.BytesPerMessage', 'LocalAuthListCtrlr.DisablePostAuthorize'], settingValues: ['LocalAuthListEnabled=false'], unsupportedMessages: ['SendLocalList', 'GetLocalListVersion'] },
  },
  'settings.noOfflineTxForUnknownId': {
    description: 'never starts offline for an unknown id and has no setting for it',
    allowedBy: '1.6 §9.1 AllowOfflineTxForUnknownId is optional; 2.0.1 AuthCtrlr.OfflineTxForUnknownIdEnabled is optional (C15)',
    versions: ['1.6', '2.0.1'],
    sets: { absentSettings: ['AllowOfflineTxForUnknownId', 'AuthCtrlr.OfflineTxForUnknownIdEnabled'] },
  },
  'settings.remoteStartReadOnly': {
    description: 'starts remotely without Authorize, and AuthorizeRemoteTxRequests / AuthorizeRemoteStart is read-only',
    allowedBy: '1.6 §9.1 AuthorizeRemoteTxRequests: "R or RW. Choice is up to Charge Point implementation"; 2.0.1 AuthCtrlr.AuthorizeRemoteStart may be ReadOnly',
    versions: ['1.6', '2.0.1'],
    sets: { readonlySettings: ['AuthorizeRemoteTxRequests', 'AuthCtrlr.AuthorizeRemoteStart'], settingValues: ['AuthorizeRemoteTxRequests=false'] },
  },
  'settings.noRetryBackOff': {
    description: 'has a fixed reconnect back-off without the RetryBackOff* variables',
    allowedBy: '2.0.1 Part 2 appendix: OCPPCommCtrlr.RetryBackOffWaitMinimum / RandomRange / RepeatTimes are optional',
    versions: ['2.0.1'],
    sets: { absentSettings: ['OCPPCommCtrlr.RetryBackOffWaitMinimum', 'OCPPCommCtrlr.RetryBackOffRandomRange', 'OCPPCommCtrlr.RetryBackOffRepeatTimes'] },
  },
  'settings.noRemoteTrigger': {
    description: 'does not implement TriggerMessage (no RemoteTrigger feature profile)',
    allowedBy: '1.6 §3.4: RemoteTrigger is an optional feature profile',
    versions: ['1.6'],
    sets: { unsupportedMessages: ['TriggerMessage'] },
  },
  'settings.noOptionalTriggers': {
    description: 'answers NotImplemented to a TriggerMessage of an optional message (firmware and diagnostics status, log status, certificate signing)',
    allowedBy: '1.6 §5.17 and F06.FR.08: NotImplemented for a requested message the station does not implement',
    versions: ['1.6', '2.0.1'],
    sets: { unsupportedTriggers: ['FirmwareStatusNotification', 'DiagnosticsStatusNotification', 'LogStatusNotification', 'SignChargingStationCertificate', 'SignChargePointCertificate'] },
  },
  'settings.noFirmwareManagement': {
    description: 'does not implement UpdateFirmware / GetDiagnostics (no FirmwareManagement feature profile)',
    allowedBy: '1.6 §3.4: FirmwareManagement is an optional feature profile',
    versions: ['1.6'],
    sets: { unsupportedMessages: ['UpdateFirmware', 'GetDiagnostics'] },
  },
  'settings.noSecurityExtensions': {
    description: 'implements none of the 1.6 security whitepaper\'s messages (certificates, signed firmware, extended trigger, log)',
    allowedBy: 'OCPP 1.6 Security Whitepaper: an extension a 1.6 station may implement; 1.6 itself does not require it',
    versions: ['1.6'],
    sets: { unsupportedMessages: [...CERTIFICATE_MESSAGES, 'SignedUpdateFirmware', 'ExtendedTriggerMessage', 'GetLog'] },
  },
  'settings.noCertificateManagement': {
    description: 'does not implement certificate management (Advanced Security): InstallCertificate, GetInstalledCertificateIds, DeleteCertificate, CertificateSigned NotImplemented',
    allowedBy: '2.0.1: Advanced Security is an optional certification profile (A02, A03, M03-M05 with security profile 3)',
    versions: ['2.0.1'],
    sets: { unsupportedMessages: CERTIFICATE_MESSAGES, unsupportedTriggers: ['SignChargingStationCertificate'] },
  },
  'settings.noDisableRemoteAuthorization': {
    description: 'has no AuthCtrlr.DisableRemoteAuthorization: it always asks the CSMS about a token it does not know',
    allowedBy: '2.0.1 Part 2 referenced components §2.3.8: AuthCtrlr.DisableRemoteAuthorization is not required',
    versions: ['2.0.1'],
    sets: { absentSettings: ['AuthCtrlr.DisableRemoteAuthorization'] },
  },
  'settings.noKeypad': {
    description: 'has no keypad (only RFID)',
    allowedBy: 'A keypad is hardware a station may have (C04 PIN-code is an informative use case; IdTokenEnumType KeyCode is one of several)',
    versions: ['1.6', '2.0.1'],
    sets: { keypad: false },
  },
} satisfies VariantTable<SettingsPolicy>;

export type SettingsVariant = keyof typeof SETTINGS_VARIANTS;

const CORRECT: SettingsPolicy = {
  knowsEveryKey: false, validatesHeartbeatInterval: true, appliesHeartbeatInterval: true,
  validatesValues: true, storesChanges: true, protectsReadOnly: true, reportsReadonlyFlag: true,
  absentSettings: [], readonlySettings: [], settingValues: [], unsupportedMessages: [], unsupportedTriggers: [], keypad: true,
};

/** The policy of the settings given the active faults and variants (variants first: a fault breaks the varied station too). */
export function settingsPolicy(version: OcppVersion, faults: ReadonlySet<string>, variants: ReadonlySet<string> = new Set()): Readonly<SettingsPolicy> {
  // Other concerns' variants are theirs (the catalogue checks the names); a variant of the other version does not apply.
  const table = Object.entries(SETTINGS_VARIANTS).filter(([, v]) => (v.versions as readonly string[]).includes(version));
  const varied = policyOf<SettingsPolicy>(CORRECT, Object.fromEntries(table.map(([k, v]) => [k, { description: v.description, rules: {}, breaks: v.sets as Partial<SettingsPolicy> }])), variants);
  return policyOf<SettingsPolicy>({ ...varied }, SETTINGS_FAULTS, faults);
}

const namesOf = (s: Setting): string[] => [...(s.key16 ? [s.key16] : []), ...(s.component ? [`${s.component}.${s.variable}${s.instance ? `[${s.instance}]` : ''}`] : [])];

function settingsTable(connectors: number, policy: SettingsPolicy): Setting[] {
  const table = defaultSettings(connectors);
  for (const s of table) {
    const names = namesOf(s);
    if (names.some((n) => policy.absentSettings.includes(n))) s.absent = true;
    if (names.some((n) => policy.readonlySettings.includes(n))) s.readonly = true;
    for (const pair of policy.settingValues) {
      const [name, value] = pair.split('=');
      if (names.includes(name)) s.value = value;
    }
  }
  const profiles = table.find((s) => s.key16 === 'SupportedFeatureProfiles')!;
  profiles.value = featureProfiles16(policy).join(',');
  return table;
}

const lacks = (policy: SettingsPolicy, version: OcppVersion, feature: string): boolean =>
  Object.entries(OPTIONAL_MESSAGES[version]).some(([action, f]) => f === feature && policy.unsupportedMessages.includes(action));

function featureProfiles16(policy: SettingsPolicy): FeatureProfile16[] {
  // The simulated station has no reservations and no smart charging in either version.
  return FEATURE_PROFILES_16.filter((f) => f !== 'Reservation' && f !== 'SmartCharging' && !lacks(policy, '1.6', f));
}

/**
 * The embedded station's device profile, exact by construction: what its settings table and
 * policy (with the variants) implement, per version. No discovery round trip is needed.
 */
export function stationProfile(version: OcppVersion, evses: number[], variants: readonly string[] = []): DeviceProfile {
  const policy = settingsPolicy(version, new Set(), new Set(variants));
  const table = settingsTable(evses.reduce((a, b) => a + b, 0), policy);
  const settings: Record<string, SettingAccess> = {};
  for (const name of Object.keys(OPTIONAL_SETTINGS[version])) {
    const s = table.find((x) => namesOf(x).includes(name) && (version === '1.6' ? x.key16 === name : !!x.component));
    settings[name] = !s || s.absent ? 'absent' : s.readonly ? 'readonly' : 'writable';
  }
  const certificates = !CERTIFICATE_MESSAGES.some((m) => policy.unsupportedMessages.includes(m));
  return {
    role: 'station', source: 'embedded', ocppVersions: [version], evses,
    ...(version === '1.6' ? {
      featureProfiles: featureProfiles16(policy),
      // GetLog: the log concern (log.ts) has the SecurityLog.
      securityExtensions: SECURITY_EXTENSIONS_16.filter((e) => !lacks(policy, '1.6', e) && (e !== 'SecurityEvents' || certificates)) as SecurityExtension16[],
      signedFirmware: !policy.unsupportedMessages.includes('SignedUpdateFirmware'),
    } : {
      functionalBlocks: FUNCTIONAL_BLOCKS_201.filter((b) => ['Core', 'AdvancedSecurity', 'LocalAuthListManagement'].includes(b) && !lacks(policy, '2.0.1', b)) as FunctionalBlock201[],
      signedFirmware: true,
      // Said when a variant decides it (one that cannot even download while charging waits); otherwise unknown, so a fault that makes it install while charging is judged too.
      ...(variants.includes('firmware.installsWhileCharging') ? { installsFirmwareWhileCharging: true } : variants.includes('firmware.downloadsWhenIdle') ? { installsFirmwareWhileCharging: false } : {}),
      txStartPoint: ['Authorized', 'EVConnected'], txStopPoint: ['EVConnected', 'Authorized'],
      // The master pass UI (authorization.ts; variant auth.noMasterPassUi: none).
      masterPassUi: !variants.includes('auth.noMasterPassUi'),
    }),
    // Each case gets a fresh simulated station: raising its security profile changes nothing for the next one.
    mayRaiseSecurityProfile: true,
    settings, keypad: policy.keypad, fixedCableConnectors: fixedCableConnectors(evses),
  };
}

type ChangeStatus = 'Accepted' | 'Rejected' | 'NotSupported' | 'RebootRequired';

export class StationSettings {
  readonly policy: Readonly<SettingsPolicy>;
  private readonly table: Setting[];

  constructor(connectors: number, faults: ReadonlySet<string>, private readonly host: {
    /** A write-only setting is the Basic auth password: the connection takes it (A01). */
    changePassword(value: string): 'Accepted' | 'Rejected';
    /** A new HeartbeatInterval applies at once. */
    heartbeatIntervalChanged(): void;
    /** A setting another concern owns and checks (security profile, network profiles); undefined = the table applies it. */
    guard?(s: Setting, value: string): ChangeStatus | undefined;
  }, variants: ReadonlySet<string> = new Set(), version: OcppVersion = '2.0.1') {
    this.policy = settingsPolicy(version, faults, variants);
    this.table = settingsTable(connectors, this.policy);
  }

  /** The settings the station has on the wire (GetConfiguration, GetVariables, ...); an absent one only drives its behaviour. */
  get all(): readonly Setting[] { return this.table.filter((s) => !s.absent); }

  /**
   * A CSMS request the station does not implement (CALLERROR NotImplemented), or a trigger of
   * a message it does not implement (status NotImplemented); undefined = the dispatch answers.
   */
  refuses(call: CallFrame): Reply | undefined {
    if (this.policy.unsupportedMessages.includes(call.action)) return { error: { code: 'NotImplemented', description: `${call.action} is not implemented by this station` } };
    const requested = (call.payload as { requestedMessage?: string }).requestedMessage;
    if ((call.action === 'TriggerMessage' || call.action === 'ExtendedTriggerMessage') && requested && this.policy.unsupportedTriggers.includes(requested)) return { payload: { status: 'NotImplemented' } };
    return undefined;
  }
  /** By 1.6 key or 2.0.1 variable name. */
  get(name: string): Setting | undefined { return this.table.find((s) => s.key16 === name || s.variable === name || `${s.component}.${s.variable}` === name); }
  int(name: string): number { return Number(this.get(name)?.value ?? 0); }
  /** The read-only flag GetConfiguration reports (1.6 §5.8). */
  reportedReadonly(s: Setting): boolean { return this.policy.reportsReadonlyFlag ? !!s.readonly : false; }
  bool(name: string): boolean { return this.get(name)?.value === 'true'; }

  /** Applies a change asked by the CSMS (ChangeConfiguration, SetVariables). */
  change(s: Setting | undefined, value: string): ChangeStatus {
    if (!s) return 'NotSupported';
    if (s.readonly && this.policy.protectsReadOnly) return 'Rejected';
    if (s.writeOnly) return this.host.changePassword(value);
    const guarded = this.host.guard?.(s, value);
    if (guarded) return guarded;
    const heartbeat = s.key16 === 'HeartbeatInterval';
    const valid = validValue(s, value);
    if (!valid && this.policy.validatesValues && !(heartbeat && !this.policy.validatesHeartbeatInterval)) return 'Rejected';
    if (!valid || (heartbeat && !this.policy.appliesHeartbeatInterval) || !this.policy.storesChanges) return 'Accepted';
    s.value = value;
    if (heartbeat) this.host.heartbeatIntervalChanged();
    return 'Accepted';
  }
}
