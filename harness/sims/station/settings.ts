/**
 * The station's settings, one table for both versions: a 1.6 configuration key and the 2.0.1
 * component/variable that mean the same thing (1.6 §9, 2.0.1 Part 2 appendix "Referenced
 * Components and Variables"). Values are strings on the wire in both versions. The table
 * survives a reboot; StationSettings reads it and applies changes (1.6 §5.3, 2.0.1 B05).
 */
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import { type DeviceProfile, FEATURE_PROFILES_16, FUNCTIONAL_BLOCKS_201, type FeatureProfile16, type FunctionalBlock201, OPTIONAL_MESSAGES, OPTIONAL_SETTINGS, SECURITY_EXTENSIONS_16, type SecurityExtension16, type SettingAccess } from '../../model/profile';

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
  /** Not on the wire (a variant: the station lacks this optional setting); its value still drives the behaviour. */
  absent?: boolean;
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
    // 2.0.1 AuthCacheCtrlr / LocalAuthListCtrlr optional variables (Part 2 appendix): C10.FR.08 cache life time, no Authorize for a local entry not Accepted.
    { component: 'AuthCacheCtrlr', variable: 'LifeTime', type: 'integer', value: '86400' },
    { component: 'AuthCacheCtrlr', variable: 'DisablePostAuthorize', type: 'boolean', value: 'false' },
    { component: 'LocalAuthListCtrlr', variable: 'DisablePostAuthorize', type: 'boolean', value: 'false' },
    // 2.0.1 C16: tokens of this group stop transactions and never start one (empty: no master pass).
    { component: 'AuthCtrlr', variable: 'MasterPassGroupId', type: 'string', value: '' },
    // 2.0.1 C15.FR.07: Wh an EV may still take after its token was found not Accepted (0: none).
    { component: 'TxCtrlr', variable: 'MaxEnergyOnInvalidId', type: 'integer', value: '0' },
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
}

export const SETTINGS_FAULTS = {
  'config.ignoresHeartbeatInterval': { description: 'accepts a new HeartbeatInterval but keeps the old one', rules: both(['1.6§5.3'], ['G02.FR.02', 'B05.FR.10', 'B06.FR.10']), breaks: { appliesHeartbeatInterval: false } },
  'config.unknownKeyAccepted': { description: 'treats unknown settings as known (empty value, Accepted)', rules: both(['1.6§5.8', '1.6§5.3'], ['B06.FR.10', 'B06.FR.07', 'B05.FR.05']), breaks: { knowsEveryKey: true } },
  'config.acceptsInvalidValue': { description: 'accepts a malformed value for HeartbeatInterval', rules: both(['1.6§5.3'], ['B05.FR.07']), breaks: { validatesHeartbeatInterval: false } },
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
    sets: { absentSettings: ['LocalAuthListEnabled', 'LocalAuthListCtrlr.Enabled', 'LocalAuthListCtrlr.DisablePostAuthorize'], settingValues: ['LocalAuthListEnabled=false'], unsupportedMessages: ['SendLocalList', 'GetLocalListVersion'] },
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
      // No GetLog in the simulated station: no SecurityLog.
      securityExtensions: SECURITY_EXTENSIONS_16.filter((e) => e !== 'SecurityLog' && !lacks(policy, '1.6', e) && (e !== 'SecurityEvents' || certificates)) as SecurityExtension16[],
      signedFirmware: !policy.unsupportedMessages.includes('SignedUpdateFirmware'),
    } : {
      functionalBlocks: FUNCTIONAL_BLOCKS_201.filter((b) => ['Core', 'AdvancedSecurity', 'LocalAuthListManagement'].includes(b) && !lacks(policy, '2.0.1', b)) as FunctionalBlock201[],
      signedFirmware: true,
      txStartPoint: ['Authorized', 'EVConnected'], txStopPoint: ['EVConnected', 'Authorized'],
    }),
    settings, keypad: policy.keypad,
  };
}

type ChangeStatus = 'Accepted' | 'Rejected' | 'NotSupported';

export class StationSettings {
  readonly policy: Readonly<SettingsPolicy>;
  private readonly table: Setting[];

  constructor(connectors: number, faults: ReadonlySet<string>, private readonly host: {
    /** A write-only setting is the Basic auth password: the connection takes it (A01). */
    changePassword(value: string): 'Accepted' | 'Rejected';
    /** A new HeartbeatInterval applies at once. */
    heartbeatIntervalChanged(): void;
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
