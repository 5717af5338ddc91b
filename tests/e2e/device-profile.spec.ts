/**
 * Issue 13, "Done when": a station variant that lacks each optional feature (NotSupported /
 * NotImplemented, a missing or read-only setting) passes every applicable case and reports the
 * others not applicable; the same variant with a profile claiming those features fails them.
 * Through the CLI, against the embedded station with the settings variants
 * (harness/sims/station/settings.ts SETTINGS_VARIANTS, passed as sut.variants).
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS_VARIANTS } from '../../harness/sims/station/settings';
import { FEATURE_PROFILES_16, FUNCTIONAL_BLOCKS_201, OPTIONAL_SETTINGS, SECURITY_EXTENSIONS_16 } from '../../harness/model/profile';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'ocpp-harness');
const VARIANTS = Object.keys(SETTINGS_VARIANTS);

function cli(args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env }, timeout: 1_500_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

interface Verdict { id: string; version: string; status: string; message: string }

/** Each case run's verdict, from the Allure results (its id, OCPP version, status and skip / failure message). */
function verdicts(reports: string): Verdict[] {
  const dir = join(reports, 'allure-results');
  return readdirSync(dir).filter((f) => f.endsWith('-result.json')).map((f) => {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { name: string; status: string; labels: { name: string; value: string }[]; statusDetails?: { message?: string } };
    const label = (n: string): string => r.labels.find((l) => l.name === n)?.value ?? '';
    // The title starts with the case id; the version is the epic ("OCPP 1.6").
    return { id: r.name.split(' ')[0], version: label('ocppVersion') || label('epic').replace('OCPP ', ''), status: r.status, message: r.statusDetails?.message ?? '' };
  });
}

const key = (v: Verdict): string => `${v.id} (${v.version})`;

/** A profile that claims every optional feature and setting the variants take away. */
const CLAIM_ALL = {
  featureProfiles: [...FEATURE_PROFILES_16], securityExtensions: [...SECURITY_EXTENSIONS_16], functionalBlocks: [...FUNCTIONAL_BLOCKS_201],
  settings: Object.fromEntries([...Object.keys(OPTIONAL_SETTINGS['1.6']), ...Object.keys(OPTIONAL_SETTINGS['2.0.1'])].map((k) => [k, 'writable'])),
  keypad: true, signedFirmware: true,
};

test.describe.configure({ timeout: 1_800_000 });

test('a station lacking every optional feature: applicable cases pass, the others are not applicable (from the profile, or from its answers); claiming them fails them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-profile-'));
  const expected: Record<string, string> = {
    'TC_043_CS (1.6)': 'LocalAuthListManagement', 'TC_D_01_CS (2.0.1)': 'LocalAuthListManagement',
    'TC_007_CS (1.6)': 'AuthorizationCacheEnabled', 'TC_C_08_CS (2.0.1)': 'AuthCacheCtrlr.Enabled',
    'TC_037_3_CS (1.6)': 'AllowOfflineTxForUnknownId', 'TC_C_16_CS (2.0.1)': 'AuthCtrlr.OfflineTxForUnknownIdEnabled',
    'TC_010_CS (1.6)': 'writable configuration key AuthorizeRemoteTxRequests', 'TC_F_01_CS (2.0.1)': 'writable variable AuthCtrlr.AuthorizeRemoteStart',
    'HX_P4_53_02_CS (2.0.1)': 'RetryBackOff', 'HX_TC_F_20_CS (1.6)': 'RemoteTrigger', 'TC_044_1_CS (1.6)': 'FirmwareManagement',
    'TC_080_CS (1.6)': 'SecureFirmwareUpdate', 'TC_074_CS (1.6)': 'CertificateManagement', 'TC_A_11_CS (2.0.1)': 'AdvancedSecurity',
    'HX_C01_KEYPAD_CS (1.6)': 'keypad', 'HX_C01_KEYPAD_CS (2.0.1)': 'keypad',
  };
  // 1. The variant station, its profile derived from its settings (exact): nothing may fail. The
  // cases of each lacking feature, plus cases that stay applicable; the self-test's "minimal"
  // personality runs every case against the same station.
  const firstGrep = [...new Set([...Object.keys(expected).map((k) => k.split(' ')[0]), 'TC_B_01_CS', 'TC_001_CS', 'TC_C_02_CS', 'TC_003_CS', 'TC_G_03_CS', 'TC_D_10_CS', 'TC_042_1_CS'])].map((id) => `${id} `).join('|');
  writeFileSync(join(dir, 'lacking.json'), JSON.stringify({ role: 'station', sut: { variants: VARIANTS }, grep: firstGrep }));
  const lacking = cli(['run', '--config', join(dir, 'lacking.json'), '--reports', join(dir, 'lacking'), '--no-report']);
  const first = verdicts(join(dir, 'lacking'));
  const notApplicable = first.filter((v) => v.status === 'skipped' && v.message.includes('not applicable'));
  const failed = first.filter((v) => v.status === 'failed' || v.status === 'broken');
  expect(failed.map((v) => `${key(v)}: ${v.message.slice(0, 300)}`), lacking.out.slice(-3000)).toEqual([]);
  expect(lacking.status, lacking.out.slice(-3000)).toBe(0);
  // Every optional feature the variants take away makes its cases not applicable, naming the need.
  const na = new Map(notApplicable.map((v) => [key(v), v.message]));
  for (const [k, need] of Object.entries(expected)) expect(na.get(k) ?? `${k}: not reported not applicable`, k).toContain(need);
  expect(lacking.out).toContain('Applicability to the device profile');
  expect(lacking.out).toContain(`(${notApplicable.length} not applicable)`);
  expect(readFileSync(join(dir, 'lacking', 'junit.xml'), 'utf8')).toContain('value="not applicable: needs');
  expect(readFileSync(join(dir, 'lacking', 'allure-results', 'environment.properties'), 'utf8')).toMatch(/Profile\\ \(1\.6\)\\ settings\\ absent=.*AuthorizationCacheEnabled/);

  // 2. The same station with a profile that claims what it lacks: every case that was not applicable fails.
  const grep = [...new Set(notApplicable.map((v) => v.id))].map((id) => `${id} `).join('|');
  writeFileSync(join(dir, 'claiming.json'), JSON.stringify({ role: 'station', sut: { variants: VARIANTS }, profile: CLAIM_ALL, grep }));
  const claiming = cli(['run', '--config', join(dir, 'claiming.json'), '--reports', join(dir, 'claiming'), '--no-report']);
  const second = verdicts(join(dir, 'claiming'));
  const wasNa = new Set(na.keys());
  const notFailed = second.filter((v) => wasNa.has(key(v)) && v.status !== 'failed' && v.status !== 'broken');
  expect(notFailed.map((v) => `${key(v)}: ${v.status} ${v.message.slice(0, 200)}`), claiming.out.slice(-3000)).toEqual([]);
  // Cases of the other version that share an id were applicable before and still pass.
  expect(second.filter((v) => !wasNa.has(key(v)) && v.status !== 'passed').map(key)).toEqual([]);
  expect(claiming.status).not.toBe(0);

  // 3. The same station with a profile that says nothing but "no keypad" (a keypad cannot be asked over OCPP):
  //    every other lacking feature is found during the run, from the station's answers, and is not applicable again.
  writeFileSync(join(dir, 'runtime.json'), JSON.stringify({ role: 'station', sut: { variants: VARIANTS }, profile: { keypad: false }, grep }));
  const runtime = cli(['run', '--config', join(dir, 'runtime.json'), '--reports', join(dir, 'runtime'), '--no-report']);
  const third = verdicts(join(dir, 'runtime'));
  expect(third.filter((v) => v.status === 'failed' || v.status === 'broken').map((v) => `${key(v)}: ${v.message.slice(0, 300)}`), runtime.out.slice(-3000)).toEqual([]);
  const foundAtRuntime = third.filter((v) => wasNa.has(key(v)) && v.status === 'skipped' && /not applicable: needs .* \(.*answered .*\)/.test(v.message));
  const keypad = third.filter((v) => v.id === 'HX_C01_KEYPAD_CS');
  expect(third.filter((v) => wasNa.has(key(v)) && !foundAtRuntime.includes(v) && !keypad.includes(v)).map((v) => `${key(v)}: ${v.status} ${v.message.slice(0, 200)}`)).toEqual([]);

  const figures = {
    variants: VARIANTS.length, cases: first.length,
    applicable: first.length - notApplicable.length, notApplicable: notApplicable.length,
    passed: first.filter((v) => v.status === 'passed').length, failed: failed.length,
    otherSkips: first.filter((v) => v.status === 'skipped').length - notApplicable.length,
    claimingRun: { cases: second.length, failedAsClaimed: second.filter((v) => wasNa.has(key(v))).length },
    runtimeRun: { cases: third.length, notApplicableFromReplies: foundAtRuntime.length, passed: third.filter((v) => v.status === 'passed').length },
  };
  test.info().annotations.push({ type: 'figures', description: JSON.stringify(figures) });
  console.log(`device-profile e2e: ${JSON.stringify(figures)}`);
});
