/**
 * Discovers a station's device profile over OCPP, for the user to review: 1.6 GetConfiguration
 * (every key, read-only flags, SupportedFeatureProfiles, NumberOfConnectors) and probes of the
 * security whitepaper's harmless requests; 2.0.1 GetBaseReport FullInventory (mutability of
 * every variable) or GetVariables of the optional ones, and probes of the optional blocks'
 * harmless requests. What cannot be asked without side effects (keypad, reservations, smart
 * charging, logs) is left out: unknown, decided during the run.
 */
import { HARNESS_RULE } from '../../model/rules';
import {
  type DeviceProfile, FEATURE_PROFILES_16, type FeatureProfile16, type FunctionalBlock201, OPTIONAL_SETTINGS, type SecurityExtension16, type SettingAccess,
} from '../../model/profile';
import type { ScriptedCsms } from './scripted-csms';

const UNSUPPORTED = ['NotImplemented', 'NotSupported'];
const opts = { rule: HARNESS_RULE };

/** Whether a harmless request of an optional feature is implemented (anything but NotImplemented / NotSupported). */
async function implemented(csms: ScriptedCsms, action: string, payload: Record<string, unknown>): Promise<boolean> {
  const r = await csms.call(action, payload, opts).catch(() => undefined);
  if (!r) return false;
  if (r.kind === 'error') return !UNSUPPORTED.includes(r.code);
  return !UNSUPPORTED.includes(String(r.payload.status ?? ''));
}

export async function discoverProfile(csms: ScriptedCsms): Promise<DeviceProfile> {
  return csms.version === '1.6' ? discover16(csms) : discover201(csms);
}

async function discover16(csms: ScriptedCsms): Promise<DeviceProfile> {
  const r = await csms.call('GetConfiguration', {}, opts);
  const keys = r.kind === 'result' ? (r.payload.configurationKey as { key: string; readonly: boolean; value?: string }[] | undefined) ?? [] : [];
  const settings: Record<string, SettingAccess> = {};
  for (const name of Object.keys(OPTIONAL_SETTINGS['1.6'])) {
    const k = keys.find((x) => x.key === name);
    settings[name] = !k ? 'absent' : k.readonly ? 'readonly' : 'writable';
  }
  const value = (name: string): string | undefined => keys.find((x) => x.key === name)?.value;
  const featureProfiles = (value('SupportedFeatureProfiles') ?? 'Core').split(',').map((x) => x.trim())
    .filter((x): x is FeatureProfile16 => (FEATURE_PROFILES_16 as readonly string[]).includes(x));
  const connectors = Number(value('NumberOfConnectors') ?? 0);
  const certificates = await implemented(csms, 'GetInstalledCertificateIds', { certificateType: 'CentralSystemRootCertificate' });
  const extendedTrigger = await implemented(csms, 'ExtendedTriggerMessage', { requestedMessage: 'Heartbeat' });
  // Signed firmware and security events come with the certificates (they need them); not probed.
  const securityExtensions: SecurityExtension16[] = [
    ...(certificates ? ['CertificateManagement', 'SecureFirmwareUpdate', 'SecurityEvents'] as const : []),
    ...(extendedTrigger ? ['ExtendedTriggerMessage'] as const : []),
  ];
  return {
    role: 'station', source: 'discovered', ocppVersions: ['1.6'],
    ...(connectors > 0 ? { evses: Array.from({ length: connectors }, () => 1) } : {}),
    featureProfiles: featureProfiles.includes('Core') ? featureProfiles : ['Core', ...featureProfiles],
    securityExtensions, signedFirmware: certificates, settings,
  };
}

interface ReportDatum { component: { name: string; evse?: { id: number; connectorId?: number } }; variable: { name: string; instance?: string }; variableAttribute: { type?: string; value?: string; mutability?: string }[] }
const nameOf = (component: string, variable: string, instance?: string): string => `${component}.${variable}${instance ? `[${instance}]` : ''}`;

/** GetBaseReport FullInventory: every NotifyReport of the request, or undefined when the station does not report. */
async function fullInventory(csms: ScriptedCsms): Promise<ReportDatum[] | undefined> {
  const requestId = Math.floor(Math.random() * 1e6);
  const r = await csms.call('GetBaseReport', { requestId, reportBase: 'FullInventory' }, opts).catch(() => undefined);
  if (r?.kind !== 'result' || r.payload.status !== 'Accepted') return undefined;
  const data: ReportDatum[] = [];
  for (;;) {
    const n = await csms.expectCall('NotifyReport', { requestId }, opts).catch(() => undefined);
    if (!n) return data.length ? data : undefined;
    data.push(...((n.payload.reportData as ReportDatum[] | undefined) ?? []));
    if (!n.payload.tbc) return data;
  }
}

async function discover201(csms: ScriptedCsms): Promise<DeviceProfile> {
  const optional = Object.keys(OPTIONAL_SETTINGS['2.0.1']);
  const settings: Record<string, SettingAccess> = {};
  const report = await fullInventory(csms);
  let txStartPoint: string[] | undefined; let txStopPoint: string[] | undefined; let evses: number[] | undefined;
  if (report) {
    const actual = (d: ReportDatum): { value?: string; mutability?: string } | undefined => d.variableAttribute.find((a) => (a.type ?? 'Actual') === 'Actual');
    for (const name of optional) {
      const d = report.find((x) => nameOf(x.component.name, x.variable.name, x.variable.instance) === name);
      settings[name] = !d ? 'absent' : actual(d)?.mutability === 'ReadOnly' ? 'readonly' : 'writable';
    }
    const list = (v: string): string[] | undefined => { const d = report.find((x) => x.component.name === 'TxCtrlr' && x.variable.name === v); const val = d && actual(d)?.value; return val ? val.split(',') : undefined; };
    txStartPoint = list('TxStartPoint'); txStopPoint = list('TxStopPoint');
    const connectors = report.filter((x) => x.component.name === 'Connector' && x.component.evse?.connectorId !== undefined && x.variable.name === 'Available');
    const byEvse = new Map<number, number>();
    for (const c of connectors) byEvse.set(c.component.evse!.id, Math.max(byEvse.get(c.component.evse!.id) ?? 0, c.component.evse!.connectorId!));
    if (byEvse.size) evses = [...byEvse.keys()].sort((a, b) => a - b).map((k) => byEvse.get(k)!);
  } else {
    // No report: presence from GetVariables (mutability unknown: assumed writable; correct it by hand).
    const asked = optional.map((name) => {
      const m = /^([^.]+)\.([^[]+)(?:\[(.+)\])?$/.exec(name)!;
      return { name, component: { name: m[1] }, variable: { name: m[2], ...(m[3] ? { instance: m[3] } : {}) } };
    });
    const r = await csms.call('GetVariables', { getVariableData: asked.map(({ component, variable }) => ({ component, variable })) }, opts);
    const results = r.kind === 'result' ? (r.payload.getVariableResult as { attributeStatus: string; component: { name: string }; variable: { name: string; instance?: string } }[]) : [];
    for (const a of asked) {
      const res = results.find((x) => x.component.name === a.component.name && x.variable.name === a.variable.name && x.variable.instance === a.variable.instance);
      settings[a.name] = res?.attributeStatus === 'Accepted' || res?.attributeStatus === 'Rejected' ? 'writable' : 'absent';
    }
    const tx = await csms.call('GetVariables', { getVariableData: [{ component: { name: 'TxCtrlr' }, variable: { name: 'TxStartPoint' } }, { component: { name: 'TxCtrlr' }, variable: { name: 'TxStopPoint' } }] }, opts).catch(() => undefined);
    const values = tx?.kind === 'result' ? (tx.payload.getVariableResult as { attributeStatus: string; attributeValue?: string }[]) : [];
    if (values[0]?.attributeValue) txStartPoint = values[0].attributeValue.split(',');
    if (values[1]?.attributeValue) txStopPoint = values[1].attributeValue.split(',');
  }
  const functionalBlocks: FunctionalBlock201[] = ['Core'];
  if (await implemented(csms, 'GetLocalListVersion', {})) functionalBlocks.push('LocalAuthListManagement');
  if (await implemented(csms, 'GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })) functionalBlocks.push('AdvancedSecurity');
  return {
    role: 'station', source: 'discovered', ocppVersions: ['2.0.1'], ...(evses ? { evses } : {}), functionalBlocks, signedFirmware: true,
    ...(txStartPoint ? { txStartPoint } : {}), ...(txStopPoint ? { txStopPoint } : {}), settings,
  };
}
