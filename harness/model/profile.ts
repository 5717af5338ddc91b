/**
 * The device profile: what a system under test implements. A station's profile names its OCPP
 * versions, layout, 1.6 feature profiles and security-whitepaper extensions or 2.0.1
 * certification profiles / functional blocks, the optional settings it has (and whether they
 * are writable), TxStart/StopPoints, keypad, signed firmware, security profile; a CSMS's, the
 * operator actions it supports. A case names what it needs (`Need`); a need the profile lacks
 * makes the case *not applicable* (skipped, the need named), never failed.
 *
 * The JSON form is schemas/device-profile.schema.json (loaded and checked by
 * harness/config/profile.ts); this file is the model and the rules of applicability, and knows
 * no test runner.
 */
import type { OcppVersion } from '../protocol/versions';

/** 1.6 feature profiles (1.6 §3.4, SupportedFeatureProfiles). */
export const FEATURE_PROFILES_16 = ['Core', 'FirmwareManagement', 'LocalAuthListManagement', 'Reservation', 'SmartCharging', 'RemoteTrigger'] as const;
/** The 1.6 security whitepaper's extensions (edition 3): the parts a station may implement. */
export const SECURITY_EXTENSIONS_16 = ['CertificateManagement', 'SecureFirmwareUpdate', 'SecurityEvents', 'ExtendedTriggerMessage', 'SecurityLog'] as const;
/** 2.0.1 OCA certification profiles, and the optional functional blocks outside them the cases touch. */
export const FUNCTIONAL_BLOCKS_201 = ['Core', 'AdvancedSecurity', 'LocalAuthListManagement', 'AdvancedDeviceManagement', 'AdvancedUserInterface', 'SmartCharging', 'ISO15118Support', 'Reservation'] as const;

export type FeatureProfile16 = (typeof FEATURE_PROFILES_16)[number];
export type SecurityExtension16 = (typeof SECURITY_EXTENSIONS_16)[number];
export type FunctionalBlock201 = (typeof FUNCTIONAL_BLOCKS_201)[number];
/** A feature in either version's words; which version knows it: `featureVersions`. */
export type Feature = FeatureProfile16 | SecurityExtension16 | FunctionalBlock201;

/** What a profile says of an optional setting: present and writable, present read-only, or absent. */
export type SettingAccess = 'writable' | 'readonly' | 'absent';

/** A setting in both versions' words (the same shape as the judge's SettingName). */
export interface SettingRef { key16?: string; component: string; variable: string; instance?: string }

export interface DeviceProfile {
  /** What the profile describes; a station profile by default. */
  role?: 'station' | 'csms';
  /** How it came to be: declared by the user, discovered from the station, or derived from the embedded station's settings. */
  source?: 'declared' | 'discovered' | 'embedded';
  /** Vendor / model / firmware, informational. */
  identity?: Record<string, string>;
  ocppVersions?: OcppVersion[];
  /** Connectors per EVSE, e.g. [1, 1]. */
  evses?: number[];
  /** 1.6 feature profiles the station implements. Absent = unknown (decided during the run). */
  featureProfiles?: FeatureProfile16[];
  /** 1.6 security whitepaper extensions. Absent = unknown. */
  securityExtensions?: SecurityExtension16[];
  /** 2.0.1 certification profiles / functional blocks. Absent = unknown. */
  functionalBlocks?: FunctionalBlock201[];
  /**
   * Optional settings: 1.6 configuration key, or 2.0.1 `Component.Variable` (`Component.Variable[instance]`),
   * each writable, readonly or absent. A setting not listed is unknown.
   */
  settings?: Record<string, SettingAccess>;
  /** 2.0.1 TxCtrlr.TxStartPoint / TxStopPoint values (1.6 behaves as Authorized+EVConnected / EVConnected). */
  txStartPoint?: string[];
  txStopPoint?: string[];
  /** Connectors (1.6 numbering: over all EVSEs from 1) with a fixed cable, no lock to unlock; the others are sockets with a lock. Absent = unknown. */
  fixedCableConnectors?: number[];
  /** The station has a keypad for PIN codes. */
  keypad?: boolean;
  /** 2.0.1: a UI on which a master pass holder selects the transactions to stop (C16.FR.01); false: a master pass stops them all (C16.FR.02). */
  masterPassUi?: boolean;
  /** The station verifies signed firmware (1.6 SignedUpdateFirmware; 2.0.1 L01 signatures). */
  signedFirmware?: boolean;
  /** 2.0.1: the station installs (and activates) a firmware update while a transaction goes on (OCTT PICS C-43; L01.FR.05/06). */
  installsFirmwareWhileCharging?: boolean;
  /** The security profile the station is configured for (0-3). */
  securityProfile?: number;
  /**
   * The run may leave the station on a higher security profile (TC_A_19_CS / TC_083_CS: afterwards it
   * refuses its old one, A05.FR.06, so no later case can put it back). Left out or false: those cases
   * are not applicable; set it for a run of those cases on their own, last.
   */
  mayRaiseSecurityProfile?: boolean;
  /** CSMS under test: the operator actions it supports (harness/model/csms-actions.ts names). */
  csmsActions?: string[];
}

/** What a case needs of the SUT; a case lists them per version or for every version. */
export type Need =
  | { feature: Feature }
  | { setting: SettingRef; access: 'read' | 'write' }
  | { keypad: true }
  | { masterPassUi: boolean }
  | { cable: 'fixed' | 'socket' }
  | { signedFirmware: true }
  | { installsFirmwareWhileCharging: boolean }
  | { txStartPoint: string }
  | { mayRaiseSecurityProfile: true }
  | { csmsAction: string };

/** Constructors of needs, for the case declarations. */
export const needs = {
  feature: (feature: Feature): Need => ({ feature }),
  readable: (setting: SettingRef): Need => ({ setting, access: 'read' }),
  writable: (setting: SettingRef): Need => ({ setting, access: 'write' }),
  keypad: (): Need => ({ keypad: true }),
  /** A UI to select the transactions a master pass stops (C16.FR.01), or (`false`) none: the master pass stops them all (C16.FR.02). */
  masterPassUi: (has = true): Need => ({ masterPassUi: has }),
  /** A connector with a fixed cable, or a socket with a cable retention lock (1.6 §7.46, 2.0.1 F05 prerequisite). */
  cable: (cable: 'fixed' | 'socket'): Need => ({ cable }),
  signedFirmware: (): Need => ({ signedFirmware: true }),
  /** A station that installs firmware while charging (true, TC_L_16_CS), or one that waits for the transactions to end (false, TC_L_12..15_CS). */
  installsFirmwareWhileCharging: (installs = true): Need => ({ installsFirmwareWhileCharging: installs }),
  txStartPoint: (point: string): Need => ({ txStartPoint: point }),
  /** The run may leave the station on a higher security profile: an opt-in of the device profile, never assumed. */
  mayRaiseSecurityProfile: (): Need => ({ mayRaiseSecurityProfile: true }),
  csmsAction: (action: string): Need => ({ csmsAction: action }),
};

/** The versions in which a feature name means something. */
export function featureVersions(f: Feature): OcppVersion[] {
  const out: OcppVersion[] = [];
  if ((FEATURE_PROFILES_16 as readonly string[]).includes(f) || (SECURITY_EXTENSIONS_16 as readonly string[]).includes(f)) out.push('1.6');
  if ((FUNCTIONAL_BLOCKS_201 as readonly string[]).includes(f)) out.push('2.0.1');
  return out;
}

/** A setting's name in a version's words: the 1.6 key, or 2.0.1 `Component.Variable[instance]`. */
export function settingName(version: OcppVersion, s: SettingRef): string | undefined {
  if (version === '1.6') return s.key16;
  return `${s.component}.${s.variable}${s.instance ? `[${s.instance}]` : ''}`;
}

/** The need in words, as the skip reason says it ("needs 1.6 feature profile LocalAuthListManagement"). */
export function describeNeed(version: OcppVersion, n: Need): string {
  if ('feature' in n) {
    const kind = version === '1.6' ? ((SECURITY_EXTENSIONS_16 as readonly string[]).includes(n.feature) ? 'security extension' : 'feature profile') : 'functional block';
    return `${kind} ${n.feature}`;
  }
  if ('setting' in n) return `${n.access === 'write' ? 'writable ' : ''}${version === '1.6' ? 'configuration key' : 'variable'} ${settingName(version, n.setting) ?? '(none in this version)'}`;
  if ('keypad' in n) return 'a keypad';
  if ('masterPassUi' in n) return n.masterPassUi ? 'a master pass UI to select transactions' : 'no master pass UI (a master pass stops every transaction)';
  if ('cable' in n) return n.cable === 'fixed' ? 'a connector with a fixed cable' : 'a socket with a cable retention lock';
  if ('signedFirmware' in n) return 'signed firmware';
  if ('installsFirmwareWhileCharging' in n) return n.installsFirmwareWhileCharging ? 'a station that installs firmware during a transaction' : 'a station that waits for the transactions to end before installing firmware';
  if ('txStartPoint' in n) return `TxStartPoint ${n.txStartPoint}`;
  if ('mayRaiseSecurityProfile' in n) return 'the device profile\'s consent to raise the security profile for good (mayRaiseSecurityProfile: true; the station then refuses its lower profile, A05.FR.06, so run this case on its own, last)';
  return `operator action ${n.csmsAction}`;
}

/** The prefix of every skip reason for a case whose need the SUT lacks. */
export const NOT_APPLICABLE = 'not applicable';

/**
 * Optional settings per version (the ones real stations lack or keep read-only): `optional` =
 * may be absent, `readOnlyAllowed` = may be read-only, `feature` = present exactly when the
 * feature is. Everything else a case configures is required: its absence is a failure.
 */
interface OptionalSetting { optional: boolean; readOnlyAllowed?: boolean; feature?: Feature }
export const OPTIONAL_SETTINGS: Record<OcppVersion, Record<string, OptionalSetting>> = {
  '1.6': {
    // 1.6 §9.1: AuthorizationCacheEnabled, AllowOfflineTxForUnknownId "optional"; AuthorizeRemoteTxRequests "R or RW, the choice is up to the Charge Point".
    AuthorizationCacheEnabled: { optional: true },
    AllowOfflineTxForUnknownId: { optional: true },
    AuthorizeRemoteTxRequests: { optional: false, readOnlyAllowed: true },
    // 1.6 §9.2: required only with the LocalAuthListManagement feature profile.
    LocalAuthListEnabled: { optional: true, feature: 'LocalAuthListManagement' },
    LocalAuthListMaxLength: { optional: true, feature: 'LocalAuthListManagement' },
    SendLocalListMaxLength: { optional: true, feature: 'LocalAuthListManagement' },
    // Security whitepaper: AuthorizationKey exists with security profile 1/2.
    AuthorizationKey: { optional: true },
    MinimumStatusDuration: { optional: true },
  },
  '2.0.1': {
    // Part 2 appendix: AuthCacheCtrlr and LocalAuthListCtrlr are optional components; OfflineTxForUnknownIdEnabled, the back-off variables optional.
    'AuthCacheCtrlr.Enabled': { optional: true },
    'AuthCacheCtrlr.Available': { optional: true },
    'LocalAuthListCtrlr.Enabled': { optional: true, feature: 'LocalAuthListManagement' },
    'AuthCtrlr.OfflineTxForUnknownIdEnabled': { optional: true },
    'AuthCacheCtrlr.LifeTime': { optional: true },
    'AuthCacheCtrlr.DisablePostAuthorize': { optional: true },
    'LocalAuthListCtrlr.DisablePostAuthorize': { optional: true, feature: 'LocalAuthListManagement' },
    'AuthCtrlr.MasterPassGroupId': { optional: true },
    'AuthCtrlr.DisableRemoteAuthorization': { optional: true },
    'TxCtrlr.MaxEnergyOnInvalidId': { optional: true },
    'AuthCtrlr.AuthorizeRemoteStart': { optional: false, readOnlyAllowed: true },
    'AuthCtrlr.AuthEnabled': { optional: true },
    // Part 2 appendix: ChargingStation.AllowNewSessionsPendingFirmwareUpdate is not required (L01.FR.07: "false or does not exist").
    'ChargingStation.AllowNewSessionsPendingFirmwareUpdate': { optional: true },
    'OCPPCommCtrlr.RetryBackOffWaitMinimum': { optional: true },
    'OCPPCommCtrlr.RetryBackOffRandomRange': { optional: true },
    'OCPPCommCtrlr.RetryBackOffRepeatTimes': { optional: true },
    'SecurityCtrlr.BasicAuthPassword': { optional: true },
  },
};

/** CSMS requests that belong to an optional feature, per version: a station without the feature answers NotImplemented / NotSupported. */
export const OPTIONAL_MESSAGES: Record<OcppVersion, Record<string, Feature>> = {
  '1.6': {
    SendLocalList: 'LocalAuthListManagement', GetLocalListVersion: 'LocalAuthListManagement',
    TriggerMessage: 'RemoteTrigger',
    UpdateFirmware: 'FirmwareManagement', GetDiagnostics: 'FirmwareManagement',
    ReserveNow: 'Reservation', CancelReservation: 'Reservation',
    SetChargingProfile: 'SmartCharging', ClearChargingProfile: 'SmartCharging', GetCompositeSchedule: 'SmartCharging',
    SignedUpdateFirmware: 'SecureFirmwareUpdate',
    InstallCertificate: 'CertificateManagement', GetInstalledCertificateIds: 'CertificateManagement', DeleteCertificate: 'CertificateManagement', CertificateSigned: 'CertificateManagement',
    ExtendedTriggerMessage: 'ExtendedTriggerMessage',
    GetLog: 'SecurityLog',
  },
  '2.0.1': {
    SendLocalList: 'LocalAuthListManagement', GetLocalListVersion: 'LocalAuthListManagement',
    InstallCertificate: 'AdvancedSecurity', GetInstalledCertificateIds: 'AdvancedSecurity', DeleteCertificate: 'AdvancedSecurity', CertificateSigned: 'AdvancedSecurity',
    ReserveNow: 'Reservation', CancelReservation: 'Reservation',
    SetChargingProfile: 'SmartCharging', ClearChargingProfile: 'SmartCharging', GetCompositeSchedule: 'SmartCharging', GetChargingProfiles: 'SmartCharging',
    GetLog: 'AdvancedDeviceManagement', SetVariableMonitoring: 'AdvancedDeviceManagement', SetMonitoringBase: 'AdvancedDeviceManagement', GetMonitoringReport: 'AdvancedDeviceManagement', ClearVariableMonitoring: 'AdvancedDeviceManagement', CustomerInformation: 'AdvancedDeviceManagement',
    SetDisplayMessage: 'AdvancedUserInterface', GetDisplayMessages: 'AdvancedUserInterface', ClearDisplayMessage: 'AdvancedUserInterface',
  },
};

/**
 * Messages a TriggerMessage (1.6 also ExtendedTriggerMessage) may ask for that belong to an
 * optional feature: 1.6 §5.17 / F06.FR.08 let a station answer NotImplemented for them.
 */
export const OPTIONAL_TRIGGERS: Record<OcppVersion, Record<string, Feature>> = {
  '1.6': { FirmwareStatusNotification: 'FirmwareManagement', DiagnosticsStatusNotification: 'FirmwareManagement', SignChargePointCertificate: 'CertificateManagement', LogStatusNotification: 'SecurityLog' },
  '2.0.1': { SignChargingStationCertificate: 'AdvancedSecurity', LogStatusNotification: 'AdvancedDeviceManagement', SignV2GCertificate: 'ISO15118Support', SignCombinedCertificate: 'ISO15118Support' },
};

/** The features a profile claims for a version, or undefined when it says nothing (unknown). */
export function claimedFeatures(p: DeviceProfile, version: OcppVersion): Feature[] | undefined {
  if (version === '1.6') {
    if (!p.featureProfiles && !p.securityExtensions) return undefined;
    return [...(p.featureProfiles ?? []), ...(p.securityExtensions ?? [])];
  }
  return p.functionalBlocks;
}

/** yes: the profile has it; no: it lacks it (the case is not applicable); unknown: it does not say (the run decides). */
export type Verdict = 'yes' | 'no' | 'unknown';

/** Whether the profile meets a need in a version. Core is always there. */
export function meets(p: DeviceProfile | undefined, version: OcppVersion, n: Need): Verdict {
  // An opt-in, never assumed: without the device profile saying so, the run must not change the station for good.
  if ('mayRaiseSecurityProfile' in n) return p?.mayRaiseSecurityProfile === true ? 'yes' : 'no';
  if (!p) return 'unknown';
  if ('feature' in n) {
    if (n.feature === 'Core') return 'yes';
    if (version === '1.6' && (SECURITY_EXTENSIONS_16 as readonly string[]).includes(n.feature)) {
      return p.securityExtensions ? (p.securityExtensions.includes(n.feature as SecurityExtension16) ? 'yes' : 'no') : 'unknown';
    }
    if (version === '1.6') return p.featureProfiles ? (p.featureProfiles.includes(n.feature as FeatureProfile16) ? 'yes' : 'no') : 'unknown';
    return p.functionalBlocks ? (p.functionalBlocks.includes(n.feature as FunctionalBlock201) ? 'yes' : 'no') : 'unknown';
  }
  if ('setting' in n) {
    const name = settingName(version, n.setting);
    if (!name) return 'no';
    const access = p.settings?.[name];
    if (access === 'absent') return 'no';
    if (access === 'readonly') return n.access === 'write' ? 'no' : 'yes';
    if (access === 'writable') return 'yes';
    // Not listed: a setting bound to a feature is there exactly when the feature is; else unknown.
    const feature = OPTIONAL_SETTINGS[version][name]?.feature;
    return feature ? meets(p, version, { feature }) : 'unknown';
  }
  if ('keypad' in n) return p.keypad === undefined ? 'unknown' : p.keypad ? 'yes' : 'no';
  if ('masterPassUi' in n) return p.masterPassUi === undefined ? 'unknown' : p.masterPassUi === n.masterPassUi ? 'yes' : 'no';
  if ('cable' in n) {
    const fixed = p.fixedCableConnectors;
    if (fixed === undefined) return 'unknown';
    if (n.cable === 'fixed') return fixed.length ? 'yes' : 'no';
    return p.evses === undefined ? 'unknown' : p.evses.reduce((a, b) => a + b, 0) > fixed.length ? 'yes' : 'no';
  }
  if ('signedFirmware' in n) return p.signedFirmware === undefined ? 'unknown' : p.signedFirmware ? 'yes' : 'no';
  if ('installsFirmwareWhileCharging' in n) return p.installsFirmwareWhileCharging === undefined ? 'unknown' : p.installsFirmwareWhileCharging === n.installsFirmwareWhileCharging ? 'yes' : 'no';
  if ('txStartPoint' in n) return p.txStartPoint === undefined ? 'unknown' : p.txStartPoint.includes(n.txStartPoint) ? 'yes' : 'no';
  return p.csmsActions === undefined ? 'unknown' : p.csmsActions.includes(n.csmsAction) ? 'yes' : 'no';
}

/** The first need of `list` the profile lacks, in words, or undefined when the case applies. */
export function lackedNeed(p: DeviceProfile | undefined, version: OcppVersion, list: readonly Need[]): string | undefined {
  const lacked = list.filter((n) => meets(p, version, n) === 'no');
  return lacked.length ? lacked.map((n) => describeNeed(version, n)).join(', ') : undefined;
}

/** A need in a form that survives JSON (Playwright annotations), and back. */
export const encodeNeeds = (list: readonly Need[]): string => JSON.stringify(list);
export const decodeNeeds = (text: string): Need[] => JSON.parse(text) as Need[];

/** Short lines for the report's environment section: what the profile claims. */
export function profileSummary(p: DeviceProfile): Record<string, string> {
  const list = (x: readonly unknown[] | undefined): string => (x === undefined ? 'unknown' : x.length ? x.join(', ') : 'none');
  const settings = Object.entries(p.settings ?? {});
  const out: Record<string, string> = {
    'Profile source': p.source ?? 'declared',
    ...(p.ocppVersions ? { 'Profile OCPP versions': p.ocppVersions.join(', ') } : {}),
    ...(p.evses ? { 'Profile layout': p.evses.join(', ') } : {}),
  };
  if (!p.ocppVersions || p.ocppVersions.includes('1.6')) {
    out['Profile 1.6 feature profiles'] = list(p.featureProfiles);
    out['Profile 1.6 security extensions'] = list(p.securityExtensions);
  }
  if (!p.ocppVersions || p.ocppVersions.includes('2.0.1')) out['Profile 2.0.1 functional blocks'] = list(p.functionalBlocks);
  for (const access of ['writable', 'readonly', 'absent'] as const) {
    const names = settings.filter(([, a]) => a === access).map(([k]) => k);
    if (names.length) out[`Profile settings ${access}`] = names.join(', ');
  }
  if (p.txStartPoint) out['Profile TxStartPoint'] = p.txStartPoint.join(', ');
  if (p.txStopPoint) out['Profile TxStopPoint'] = p.txStopPoint.join(', ');
  if (p.keypad !== undefined) out['Profile keypad'] = String(p.keypad);
  if (p.masterPassUi !== undefined) out['Profile master pass UI'] = String(p.masterPassUi);
  if (p.fixedCableConnectors) out['Profile fixed-cable connectors'] = list(p.fixedCableConnectors);
  if (p.signedFirmware !== undefined) out['Profile signed firmware'] = String(p.signedFirmware);
  if (p.installsFirmwareWhileCharging !== undefined) out['Profile installs firmware while charging'] = String(p.installsFirmwareWhileCharging);
  if (p.securityProfile !== undefined) out['Profile security profile'] = String(p.securityProfile);
  if (p.mayRaiseSecurityProfile !== undefined) out['Profile may raise security profile'] = String(p.mayRaiseSecurityProfile);
  if (p.csmsActions) out['Profile CSMS actions'] = list(p.csmsActions);
  return out;
}
