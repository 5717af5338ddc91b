/**
 * The device profile: its schema and loading, the rules of applicability, the reading of a
 * station's "I do not have that" replies, case needs, and the embedded station's derived profile
 * against what discovery finds over OCPP.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProfile, deviceProfileSchema, loadProfile } from '../../harness/config/profile';
import { GENERATED_PROFILE_TYPES, generateDeviceProfileTypes } from '../../harness/config/gen-types';
import { parseRunConfig } from '../../harness/config/run-config';
import { UsageError } from '../../harness/model/errors';
import { type DeviceProfile, FEATURE_PROFILES_16, FUNCTIONAL_BLOCKS_201, SECURITY_EXTENSIONS_16, lackedNeed, meets, needs } from '../../harness/model/profile';
import { SETTINGS } from '../../harness/judge/as-csms/requests';
import { notApplicableFor } from '../../harness/judge/as-csms/not-applicable';
import { CsmsEndpoint } from '../../harness/judge/as-csms/scripted-csms';
import { discoverProfile } from '../../harness/judge/as-csms/discovery';
import { EMBEDDED_TIMING } from '../../harness/model/timing';
import { SETTINGS_VARIANTS, stationProfile } from '../../harness/sims/station/settings';
import { SimulatedStation } from '../../harness/sims/station/simulated-station';
import { type CaseMeta, CaseDeclarationError, caseEntries } from '../../fixtures/ocpp-case';
import type { OcppVersion } from '../../harness/protocol/versions';

const refusal = (f: () => unknown): Error => { try { f(); } catch (e) { return e as Error; } throw new Error('not refused'); };

test.describe('profile schema and loading', () => {
  test('generated types are current', async () => {
    expect(readFileSync(GENERATED_PROFILE_TYPES, 'utf8') === await generateDeviceProfileTypes(), 'harness/config/device-profile.generated.ts is stale: npm run gen:config-types').toBe(true);
  });

  test('the schema names the same features as the model', () => {
    const items = (field: string): string[] => (deviceProfileSchema().properties![field].items as { enum: string[] }).enum;
    expect(items('featureProfiles')).toEqual([...FEATURE_PROFILES_16]);
    expect(items('securityExtensions')).toEqual([...SECURITY_EXTENSIONS_16]);
    expect(items('functionalBlocks')).toEqual([...FUNCTIONAL_BLOCKS_201]);
  });

  test('a valid profile loads; a wrong one is refused naming the field', () => {
    const p = checkProfile({ ocppVersions: ['1.6'], featureProfiles: ['Core', 'RemoteTrigger'], settings: { AuthorizationCacheEnabled: 'absent' }, keypad: false });
    expect(p.featureProfiles).toEqual(['Core', 'RemoteTrigger']);
    const e = refusal(() => checkProfile({ featureProfiles: ['Core', 'Teleport'] }));
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toMatch(/^profile\.featureProfiles.*Core \| FirmwareManagement/);
    expect(refusal(() => checkProfile({ settings: { AuthorizationCacheEnabled: 'maybe' } })).message).toContain('writable | readonly | absent');
    expect(refusal(() => checkProfile({ keypads: true })).message).toContain('unknown field "keypads"');
  });

  test('the run configuration takes a profile file or an inline profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ functionalBlocks: ['Core'] }));
    expect(parseRunConfig({ profile: join(dir, 'p.json') }).profile).toEqual({ functionalBlocks: ['Core'] });
    expect(parseRunConfig({ profile: { keypad: true } }).profile).toEqual({ keypad: true });
    expect(refusal(() => parseRunConfig({ profile: join(dir, 'none.json') })).message).toContain('cannot read it');
    expect(refusal(() => loadProfile(join(dir, 'p.json').replace('p.json', 'x')))).toBeInstanceOf(UsageError);
    // The resolved run (as it travels to the workers) parses again to the same profile.
    const run = parseRunConfig({ profile: join(dir, 'p.json') });
    expect(parseRunConfig(JSON.parse(JSON.stringify(run))).profile).toEqual(run.profile);
  });
});

test.describe('applicability', () => {
  const p: DeviceProfile = { featureProfiles: ['Core', 'LocalAuthListManagement'], settings: { AuthorizationCacheEnabled: 'absent', AuthorizeRemoteTxRequests: 'readonly' } };

  test('yes, no or unknown per need; Core always; a feature-bound setting follows its feature', () => {
    expect(meets(p, '1.6', needs.feature('Core'))).toBe('yes');
    expect(meets(p, '1.6', needs.feature('RemoteTrigger'))).toBe('no');
    expect(meets(p, '1.6', needs.feature('CertificateManagement'))).toBe('unknown');
    expect(meets(p, '1.6', needs.readable(SETTINGS.cacheEnabled))).toBe('no');
    expect(meets(p, '1.6', needs.readable(SETTINGS.authorizeRemote))).toBe('yes');
    expect(meets(p, '1.6', needs.writable(SETTINGS.authorizeRemote))).toBe('no');
    expect(meets(p, '1.6', needs.writable(SETTINGS.listEnabled))).toBe('yes');
    expect(meets(p, '1.6', needs.keypad())).toBe('unknown');
    expect(meets(undefined, '2.0.1', needs.feature('AdvancedSecurity'))).toBe('unknown');
    expect(lackedNeed(p, '1.6', [needs.feature('Core'), needs.writable(SETTINGS.authorizeRemote)])).toBe('writable configuration key AuthorizeRemoteTxRequests');
    expect(lackedNeed(p, '1.6', [needs.feature('LocalAuthListManagement')])).toBeUndefined();
  });

  test('refusals of optional things are not applicable; of Core or claimed things they stay failures', () => {
    const na = (profile: DeviceProfile | undefined, v: OcppVersion, action: string, payload: Record<string, unknown>, outcome: Parameters<typeof notApplicableFor>[4]): string | undefined => notApplicableFor(profile, v, action, payload, outcome)?.message;
    expect(na(undefined, '1.6', 'SendLocalList', {}, { kind: 'error', code: 'NotImplemented', description: '', details: {} })).toBe('not applicable: needs feature profile LocalAuthListManagement (SendLocalList answered CALLERROR NotImplemented)');
    expect(na(p, '1.6', 'SendLocalList', {}, { kind: 'error', code: 'NotImplemented', description: '', details: {} })).toBeUndefined();
    expect(na(undefined, '1.6', 'Reset', {}, { kind: 'error', code: 'NotImplemented', description: '', details: {} })).toBeUndefined();
    expect(na(undefined, '1.6', 'ChangeConfiguration', { key: 'AllowOfflineTxForUnknownId', value: 'true' }, { kind: 'result', payload: { status: 'NotSupported' } })).toContain('writable configuration key AllowOfflineTxForUnknownId');
    expect(na(undefined, '1.6', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '10' }, { kind: 'result', payload: { status: 'NotSupported' } })).toBeUndefined();
    expect(na(undefined, '1.6', 'ChangeConfiguration', { key: 'AuthorizeRemoteTxRequests', value: 'true' }, { kind: 'result', payload: { status: 'Rejected' } })).toContain('answered Rejected');
    expect(na({ settings: { AuthorizeRemoteTxRequests: 'writable' } }, '1.6', 'ChangeConfiguration', { key: 'AuthorizeRemoteTxRequests', value: 'true' }, { kind: 'result', payload: { status: 'Rejected' } })).toBeUndefined();
    expect(na(undefined, '1.6', 'GetConfiguration', { key: ['AuthorizationCacheEnabled'] }, { kind: 'result', payload: { unknownKey: ['AuthorizationCacheEnabled'] } })).toContain('configuration key AuthorizationCacheEnabled');
    const setVar = { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' }, attributeValue: '4' }] };
    expect(na(undefined, '2.0.1', 'SetVariables', setVar, { kind: 'result', payload: { setVariableResult: [{ ...setVar.setVariableData[0], attributeStatus: 'UnknownVariable' }] } })).toContain('writable variable OCPPCommCtrlr.RetryBackOffWaitMinimum');
    const heartbeat = { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '4' }] };
    expect(na(undefined, '2.0.1', 'SetVariables', heartbeat, { kind: 'result', payload: { setVariableResult: [{ ...heartbeat.setVariableData[0], attributeStatus: 'UnknownVariable' }] } })).toBeUndefined();
    expect(na(undefined, '2.0.1', 'TriggerMessage', { requestedMessage: 'StatusNotification' }, { kind: 'result', payload: { status: 'NotImplemented' } })).toBeUndefined();
    expect(na(undefined, '2.0.1', 'TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }, { kind: 'result', payload: { status: 'NotImplemented' } })).toContain('AdvancedSecurity');
  });

  test('a case declares needs; a need its version does not have is refused at load', () => {
    const meta = (n: CaseMeta['needs']): CaseMeta => ({ ids: { '2.0.1': 'HX_X_01_CS', '1.6': 'HX_X_01_CS' }, title: 'x', area: 'status', useCase: {}, requirements: {}, catches: [], expectation: 'x', needs: n });
    const entries = caseEntries(meta({ '1.6': [needs.feature('RemoteTrigger')] }), 'CS');
    expect(entries.find((e) => e.details.tag.includes('@ocpp1.6'))!.details.annotation).toContainEqual({ type: 'ocpp.needs', description: JSON.stringify([{ feature: 'RemoteTrigger' }]) });
    expect(entries.find((e) => e.details.tag.includes('@ocpp2.0.1'))!.details.annotation.some((a) => a.type === 'ocpp.needs')).toBe(false);
    const e = refusal(() => caseEntries(meta([needs.feature('RemoteTrigger')]), 'CS'));
    expect(e).toBeInstanceOf(CaseDeclarationError);
    expect(e.message).toContain('OCPP 2.0.1 does not have');
    expect(refusal(() => caseEntries(meta([needs.writable(SETTINGS.backOffMinimum)]), 'CS')).message).toContain('no OCPP 1.6 name');
  });
});

for (const version of ['1.6', '2.0.1'] as const) {
  test(`the embedded station's derived profile matches what discovery finds (OCPP ${version}, every settings variant)`, async () => {
    const variants = Object.keys(SETTINGS_VARIANTS);
    const endpoint = await new CsmsEndpoint({ versions: [version], timing: EMBEDDED_TIMING }).start();
    const station = new SimulatedStation({ version, url: endpoint.server.urlFor('CS-P'), stationId: 'CS-P', variants, timeScale: EMBEDDED_TIMING.scale });
    try {
      station.powerOn();
      await expect.poll(() => endpoint.sessions.get('CS-P')?.registration, { timeout: 15_000 }).toBe('Accepted');
      const view = endpoint.newView({ version, stationId: 'CS-P' });
      const found = await discoverProfile(view);
      endpoint.releaseView(view);
      const derived = stationProfile(version, [1, 1], variants);
      const presence = (p: DeviceProfile): Record<string, boolean> => Object.fromEntries(Object.entries(p.settings ?? {}).map(([k, a]) => [k, a !== 'absent']));
      expect(presence(found)).toEqual(presence(derived));
      if (version === '1.6') {
        expect(found.featureProfiles).toEqual(derived.featureProfiles);
        expect(found.settings?.AuthorizeRemoteTxRequests).toBe('readonly');
      } else {
        expect(new Set(found.functionalBlocks)).toEqual(new Set(derived.functionalBlocks));
      }
      expect(found.evses ?? [1, 1]).toEqual([1, 1]);
    } finally {
      station.shutdown();
      await endpoint.stop();
    }
  });
}
