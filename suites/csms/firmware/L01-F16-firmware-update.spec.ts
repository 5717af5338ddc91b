/**
 * CSMS under test, firmware: the CSMS pushes an update (1.6 plain UpdateFirmware, 1.6 security
 * extension SignedUpdateFirmware, 2.0.1 UpdateFirmware with signature), the harness's station
 * goes through the statuses (success, or each failure) and reboots; the CSMS must answer every
 * notification and accept the boot after the install.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { present } from '../../../harness/model/match';
import type { StationDriver } from '../../../harness/judge/as-station/station-driver';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { CsmsAction } from '../../../harness/model/csms-actions';
import type { CsmsFacts } from '../../../harness/config/run-config';
import { REPLY_LEVEL, STATUS_REPLY } from '../../../harness/judge/as-station/station-driver';

type Step = 'InvalidFirmwareSigningCertificate' | 'Downloading' | 'Downloaded' | 'SignatureVerified' | 'Unavailable' | 'Installing' | 'InstallRebooting' | 'reboot' | 'Installed' | 'FirmwareUpdated'
  | 'DownloadFailed' | 'InvalidSignature' | 'InstallVerificationFailed' | 'InstallationFailed' | 'InvalidFirmwareSignature';

/**
 * The update request the CSMS must send, then the station's side of the story, step by step.
 *  - The request carries the configured location: 1.6 §5.19 (plain UpdateFirmware, SHALL); 2.0.1 and the
 *    1.6 whitepaper state no CSMS-side rule for the location (the operator's choice): a soft finding
 *    citing the rule of the same request, L01.FR.11. Sending the request at all on the operator's
 *    request is likewise no requirement of its own: soft, except 1.6 plain (§5.19).
 *  - A secure request carries the signing certificate and the signature: L01.FR.11 (2.0.1 and whitepaper).
 *  - The CSMS answers every notification: 1.6 §4.5 for the plain FirmwareStatusNotification (SHALL);
 *    2.0.1 and the whitepaper's SignedFirmwareStatusNotification / SecurityEventNotification state no
 *    CSMS-side rule: soft findings (2.0.1 citing FR.03, 1.6 citing §4.5).
 */
async function runUpdate(o: { answer?: string; station: ScriptedStation; drv: StationDriver; facts: CsmsFacts; operate: (a: CsmsAction) => Promise<void>; location: string; signed: boolean; steps: Step[] }): Promise<void> {
  const { station, drv, facts, signed } = o;
  // The station's answer to the update request (default Accepted; L_04/L_05: a certificate problem).
  if (o.answer) station.reply(drv.version === '1.6' && signed ? 'SignedUpdateFirmware' : 'UpdateFirmware', { status: o.answer });
  await o.operate({ type: 'updateFirmware', stationId: facts.stationId, location: o.location, signed });
  const within = station.timing.actionTimeout;
  const plain = drv.version === '1.6' && !signed;
  const action = plain ? 'UpdateFirmware' : drv.version === '1.6' ? 'SignedUpdateFirmware' : 'UpdateFirmware';
  const requestLevel = { '1.6': plain ? 'shall' : 'should', '2.0.1': 'should' } as const;
  const requestRule = drv.rule({ '1.6': plain ? '1.6§5.19' : 'L01.FR.11', '2.0.1': 'L01.FR.11' });
  const req = await drv.level(requestLevel, () => station.expectCall(action, plain ? { retrieveDate: present() } : { requestId: present() }, { rule: requestRule, within }));
  if (!req) return;
  // The configured image (OCTT: "location = <Firmware Download URL from test data>").
  await drv.level(requestLevel, () => station.expectPayload(req, plain ? { location: o.location } : { firmware: { location: o.location } }, { rule: requestRule }));
  // 2.0.1 L01.FR.11 (certificate) with L01.FR.09 (updates are signed); the 1.6 whitepaper's L01.FR.11 likewise.
  if (!plain) await station.expectPayload(req, { firmware: { signingCertificate: present(), signature: present() } }, { rule: drv.rule({ '1.6': 'L01.FR.11', '2.0.1': 'L01.FR.11, L01.FR.09' }) });
  const requestId = plain ? undefined : req.payload.requestId as number;
  const notifyLevel = { '1.6': plain ? 'shall' : 'should', '2.0.1': 'should' } as const;
  const notifyRule = { '1.6': '1.6§4.5', '2.0.1': 'FR.03' };
  for (const step of o.steps) {
    if (step === 'reboot') {
      await csmsTest.step('Station reboots into the new firmware', async () => {
        await station.disconnect(1001, 'rebooting');
        await station.connect({ rule: drv.rule({ '1.6': '1.6J§3.2', '2.0.1': 'Part4§3.2' }) });
        await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' }, reason: 'FirmwareUpdate' });
        await drv.level(REPLY_LEVEL, () => drv.reportAll('Available', { rule: STATUS_REPLY }));
      });
    } else if (step === 'Unavailable') {
      for (const c of drv.connectors) await drv.level(REPLY_LEVEL, () => drv.status(c, 'Unavailable', { rule: STATUS_REPLY }));
    } else if (step === 'FirmwareUpdated' || step === 'InvalidFirmwareSignature' || step === 'InvalidFirmwareSigningCertificate') {
      await drv.should(() => drv.securityEvent(step, { rule: notifyRule }));
    } else {
      await drv.level(notifyLevel, () => drv.firmwareStatus(step, requestId, { rule: notifyRule }));
    }
  }
}

interface Variant {
  ids: { '2.0.1'?: string; '1.6'?: string };
  title: string;
  /** 1.6: plain UpdateFirmware (false) or SignedUpdateFirmware (true); 2.0.1 is always signed. */
  signed16: boolean;
  steps: { '2.0.1'?: Step[]; '1.6'?: Step[] };
  failure: boolean;
  /** The station's answer to the request, when not Accepted. */
  answer?: string;
}

const SIGNED_OK: Step[] = ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting', 'reboot', 'Installed', 'FirmwareUpdated'];

const VARIANTS: Variant[] = [
  { ids: { '2.0.1': 'TC_L_01_CSMS', '1.6': 'TC_080_CSMS' }, title: 'Secure Firmware Update - Installation successful', signed16: true, steps: { '2.0.1': SIGNED_OK, '1.6': SIGNED_OK }, failure: false },
  { ids: { '2.0.1': 'TC_L_04_CSMS', '1.6': 'HX_TC_L_04_CSMS' }, title: 'Secure Firmware Update - RevokedCertificate', signed16: true, answer: 'RevokedCertificate', steps: { '2.0.1': [], '1.6': [] }, failure: false },
  { ids: { '2.0.1': 'TC_L_05_CSMS', '1.6': 'HX_TC_L_05_CSMS' }, title: 'Secure Firmware Update - InvalidCertificate', signed16: true, answer: 'InvalidCertificate', steps: { '2.0.1': ['InvalidFirmwareSigningCertificate'], '1.6': ['InvalidFirmwareSigningCertificate'] }, failure: false },
  { ids: { '1.6': 'TC_044_1_CSMS' }, title: 'Firmware Update - Download and Install', signed16: false, steps: { '1.6': ['Downloading', 'Downloaded', 'Unavailable', 'Installing', 'reboot', 'Installed'] }, failure: false },
  { ids: { '2.0.1': 'TC_L_06_CSMS', '1.6': 'TC_081_CSMS' }, title: 'Secure Firmware Update - InvalidSignature', signed16: true, steps: { '2.0.1': ['Downloading', 'Downloaded', 'InvalidSignature', 'InvalidFirmwareSignature'], '1.6': ['Downloading', 'Downloaded', 'InvalidSignature', 'InvalidFirmwareSignature'] }, failure: true },
  { ids: { '2.0.1': 'TC_L_07_CSMS', '1.6': 'TC_044_2_CSMS' }, title: 'Firmware Update - DownloadFailed', signed16: false, steps: { '2.0.1': ['Downloading', 'DownloadFailed'], '1.6': ['Downloading', 'DownloadFailed'] }, failure: true },
  { ids: { '2.0.1': 'TC_L_08_CSMS' }, title: 'Secure Firmware Update - InstallVerificationFailed', signed16: true, steps: { '2.0.1': ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallVerificationFailed'] }, failure: true },
  { ids: { '2.0.1': 'TC_L_09_CSMS', '1.6': 'TC_044_3_CSMS' }, title: 'Firmware Update - InstallationFailed', signed16: false, steps: { '2.0.1': ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting', 'reboot', 'InstallationFailed'], '1.6': ['Downloading', 'Downloaded', 'Unavailable', 'Installing', 'reboot', 'InstallationFailed'] }, failure: true },
];

for (const v of VARIANTS) {
  const signedIn = (ver: '1.6' | '2.0.1'): boolean => ver === '2.0.1' || v.signed16;
  const faults = (ver: '1.6' | '2.0.1'): ('firmware.unsigned' | 'firmware.wrongLocation' | 'firmware.ignoresFailedStatus')[] => [
    'firmware.wrongLocation', ...(signedIn(ver) ? ['firmware.unsigned' as const] : []), ...(v.failure ? ['firmware.ignoresFailedStatus' as const] : []),
  ];
  csmsCase({
    ids: v.ids,
    title: v.title,
    area: 'firmware',
    useCase: { '2.0.1': 'L01 Secure Firmware Update', '1.6': v.signed16 ? '1.6 Security Whitepaper: Secure Firmware Update' : '1.6 §5.19 Update Firmware' },
    requirements: {
      '2.0.1': ['L01.FR.11', 'L01.FR.09'],
      '1.6': v.signed16 ? ['L01.FR.11'] : ['1.6§5.19', '1.6§4.5'],
    },
    catches: { '2.0.1': faults('2.0.1'), '1.6': faults('1.6') },
    expectation: `The CSMS pushes the configured image${v.signed16 ? ' with its signing certificate and signature' : ''} (2.0.1: always signed, with a requestId)${v.answer ? `; the station answers ${v.answer}` : ''} and the CSMS answers every report that follows (${(v.steps['2.0.1'] ?? v.steps['1.6'])!.filter((s) => s !== 'reboot').join(', ') || 'none'})${v.failure ? ', the failure included' : ''}${(v.steps['2.0.1'] ?? v.steps['1.6'])!.includes('reboot') ? '; the boot after the reboot is Accepted' : ''}.`,
    actions: [`start a ${v.signed16 ? 'secure ' : ''}firmware update of the station with the configured image`],
  }, async ({ booted, station, drv, facts, operate, need, ocppVersion }) => {
    void booted;
    const location = need('firmwareLocation');
    await runUpdate({ answer: v.answer, station, drv, facts, operate, location, signed: signedIn(ocppVersion), steps: v.steps[ocppVersion]! });
  });
}
