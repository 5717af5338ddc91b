/**
 * CSMS under test, firmware: the CSMS pushes an update (1.6 plain UpdateFirmware, 1.6 security
 * extension SignedUpdateFirmware, 2.0.1 UpdateFirmware with signature), the harness's station
 * goes through the statuses (success, or each failure) and reboots; the CSMS must answer every
 * notification and accept the boot after the install. 2.0.1 also: an update scheduled by the
 * operator (install or download time ahead), and a second update during the first (cancelled or not).
 */
import { csmsCase } from '../../../fixtures/csms';
import { type FirmwareStep as Step, runFirmwareUpdate } from '../../../harness/judge/as-station/remote-and-firmware';

interface Variant {
  ids: { '2.0.1'?: string; '1.6'?: string };
  title: string;
  /** 1.6: plain UpdateFirmware (false) or SignedUpdateFirmware (true); 2.0.1 is always signed. */
  signed16: boolean;
  steps: { '2.0.1'?: Step[]; '1.6'?: Step[] };
  failure: boolean;
  /** The station's answer to the request, when not Accepted. */
  answer?: string;
  /** 2.0.1: the operator schedules the download or the installation (retrieveDateTime / installDateTime ahead). */
  schedule?: { at: 'retrieve' | 'install'; inSeconds: number };
  /** The station's answer to the operator's second request during the update ('cancel' step). */
  cancelAnswer?: 'AcceptedCanceled' | 'Rejected';
}

const SIGNED_OK: Step[] = ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting', 'reboot', 'Installed', 'FirmwareUpdated'];

const VARIANTS: Variant[] = [
  { ids: { '2.0.1': 'TC_L_01_CSMS', '1.6': 'TC_080_CSMS' }, title: 'Secure Firmware Update - Installation successful', signed16: true, steps: { '2.0.1': SIGNED_OK, '1.6': SIGNED_OK }, failure: false },
  { ids: { '2.0.1': 'TC_L_02_CSMS' }, title: 'Secure Firmware Update - InstallScheduled', signed16: true, schedule: { at: 'install', inSeconds: 60 }, steps: { '2.0.1': ['Downloading', 'Downloaded', 'SignatureVerified', 'InstallScheduled', 'Installing', 'InstallRebooting', 'reboot', 'Installed', 'FirmwareUpdated'] }, failure: false },
  { ids: { '2.0.1': 'TC_L_03_CSMS' }, title: 'Secure Firmware Update - DownloadScheduled', signed16: true, schedule: { at: 'retrieve', inSeconds: 60 }, steps: { '2.0.1': ['DownloadScheduled', ...SIGNED_OK] }, failure: false },
  { ids: { '2.0.1': 'TC_L_10_CSMS' }, title: 'Secure Firmware Update - AcceptedCanceled', signed16: true, cancelAnswer: 'AcceptedCanceled', steps: { '2.0.1': ['Downloading', 'cancel', ...SIGNED_OK] }, failure: false },
  { ids: { '2.0.1': 'TC_L_11_CSMS' }, title: 'Secure Firmware Update - Unable to cancel', signed16: true, cancelAnswer: 'Rejected', steps: { '2.0.1': ['Downloading', 'cancel', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting', 'reboot', 'Installed', 'FirmwareUpdated'] }, failure: false },
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
  const faults = (ver: '1.6' | '2.0.1'): ('firmware.unsigned' | 'firmware.wrongLocation' | 'firmware.ignoresFailedStatus' | 'firmware.ignoresInstallTime' | 'firmware.retrievesNow')[] => [
    'firmware.wrongLocation', ...(signedIn(ver) ? ['firmware.unsigned' as const] : []), ...(v.failure ? ['firmware.ignoresFailedStatus' as const] : []),
    ...(v.schedule?.at === 'install' ? ['firmware.ignoresInstallTime' as const] : v.schedule?.at === 'retrieve' ? ['firmware.retrievesNow' as const] : []),
  ];
  csmsCase({
    ids: v.ids,
    title: v.title,
    area: 'firmware',
    useCase: { '2.0.1': 'L01 Secure Firmware Update', '1.6': v.signed16 ? '1.6 Security Whitepaper: Secure Firmware Update' : '1.6 §5.19 Update Firmware' },
    requirements: {
      '2.0.1': ['L01.FR.11', 'L01.FR.09', ...(v.schedule ? ['Part2§FirmwareType'] : [])],
      '1.6': v.signed16 ? ['L01.FR.11'] : ['1.6§5.19', '1.6§4.5'],
    },
    catches: { '2.0.1': faults('2.0.1'), '1.6': faults('1.6') },
    expectation: `The CSMS pushes the configured image${v.signed16 ? ' with its signing certificate and signature' : ''} (2.0.1: always signed, with a requestId)${v.schedule ? `, ${v.schedule.at === 'install' ? 'installDateTime' : 'retrieveDateTime'} the future time the operator chose (the CSMS's option: a soft finding)` : ''}${v.cancelAnswer ? `; a second update from the operator during the first is answered ${v.cancelAnswer}${v.cancelAnswer === 'Rejected' ? ' and the first goes on' : ' and runs instead'}` : ''}${v.answer ? `; the station answers ${v.answer}` : ''} and the CSMS answers every report that follows (${(v.steps['2.0.1'] ?? v.steps['1.6'])!.filter((s) => s !== 'reboot').join(', ') || 'none'})${v.failure ? ', the failure included' : ''}${(v.steps['2.0.1'] ?? v.steps['1.6'])!.includes('reboot') ? '; the boot after the reboot is Accepted' : ''}.`,
    actions: [`start a ${v.signed16 ? 'secure ' : ''}firmware update of the station with the configured image${v.schedule ? `, ${v.schedule.at === 'install' ? 'installed' : 'downloaded'} a minute from now` : ''}`, ...(v.cancelAnswer ? ['start the same update again while the first runs'] : [])],
  }, async ({ booted, station, drv, facts, operate, need, ocppVersion }) => {
    void booted;
    const location = need('firmwareLocation');
    await runFirmwareUpdate({ answer: v.answer, station, drv, stationId: facts.stationId, operate, location, signed: signedIn(ocppVersion), steps: v.steps[ocppVersion]!, schedule: v.schedule, cancelAnswer: v.cancelAnswer });
  });
}
