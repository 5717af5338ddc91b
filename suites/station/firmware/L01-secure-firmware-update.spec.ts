/** Secure firmware update (2.0.1 L01; 1.6 security extension SignedUpdateFirmware; OCTT TC_L_xx_CS, TC_080/081_CS). */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { FirmwareDriver } from '../../../harness/judge/as-csms/firmware-driver';
import { oneOf } from '../../../harness/model/match';
import { attemptsIn } from '../../../harness/services/firmware-server';
import { prepareImage } from './steps';
import { needs } from '../../../harness/model/profile';

/** Signed firmware: 1.6 the security whitepaper's SignedUpdateFirmware; 2.0.1 L01. */
const signedNeeds = { '1.6': [needs.feature('SecureFirmwareUpdate'), needs.signedFirmware()], '2.0.1': [needs.signedFirmware()] };

const useCase = { '2.0.1': 'L01 Secure Firmware Update', '1.6': '1.6 Security Whitepaper: Secure Firmware Update (SignedUpdateFirmware)' };
/** The signing certificate is validated before the update is accepted: 2.0.1 L01.FR.21, whitepaper L01.FR.23. */
const VALIDATED = { '1.6': 'L01.FR.23', '2.0.1': 'L01.FR.21' };

ocppCase({
  ids: { '2.0.1': 'TC_L_01_CS', '1.6': 'TC_080_CS' }, title: 'Secure Firmware Update - Installation successful', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.21', 'L01.FR.01', 'L01.FR.10', 'L01.FR.28', 'L01.FR.31', 'B01.FR.09'], '1.6': ['L01.FR.23', 'L01.FR.01', 'L01.FR.10', '1.6§4.2', '1.6§4.9'] },
  catches: ['firmware.wrongRequestId', 'firmware.noSecurityEvent'],
  expectation: 'A signed image served over HTTPS is Accepted, downloaded, its signature verified, installed; the station reboots (2.0.1 reason FirmwareUpdate), then reports Installed and the security event FirmwareUpdated. Every status carries the requestId. The new firmware version in the boot is checked at SHOULD level (the field is optional); the FirmwareUpdated event is checked in 2.0.1 only (L01.FR.31; the whitepaper\'s L01 has no rule for it).',
}, async ({ booted, ocpp, csms, files, pki, connectors }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki, { version: '2.1.0' });
  const mark = csms.mark('secure firmware update');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: VALIDATED });
  await fw.expectSequence(['Downloading', 'Downloaded', 'SignatureVerified'], { rule: 'L01.FR.01, L01.FR.10', after: mark });
  // Installing is not required: a bootloader that cannot speak OCPP MAY omit it (2.0.1 L01.FR.23, whitepaper
  // likewise), and InstallRebooting is optional (L01.FR.32); variants firmware.noInstallingStatus / noInstallRebooting.
  const boot = await ocpp.expectBoot('FirmwareUpdate', { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.03' }, within: csms.timing.rebootTimeout, after: mark });
  // firmwareVersion is optional and no requirement says it must change: a soft finding citing the boot rule.
  await ocpp.should(async () => {
    const reported = ocpp.version === '1.6' ? boot.payload.firmwareVersion : (boot.payload.chargingStation as { firmwareVersion?: string }).firmwareVersion;
    if (reported !== image.version) throw csms.failure(ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.01' }), `the new firmware version "${image.version}" in the BootNotification after the install (firmwareVersion)`, reported === undefined ? 'no firmwareVersion' : JSON.stringify(reported));
  });
  await ocpp.expectStatuses(connectors, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'B01.FR.05' }, after: boot.entry });
  await fw.expectStatus('Installed', { rule: { '1.6': 'L01.FR.01, L01.FR.10', '2.0.1': 'L01.FR.28, L01.FR.10' }, after: boot.entry });
  // The whitepaper's L01 has no FirmwareUpdated rule: 2.0.1 only (what the text does not require is not required).
  if (ocpp.version === '2.0.1') await fw.expectSecurityEvent('FirmwareUpdated', { rule: 'L01.FR.31', after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_06_CS', '1.6': 'TC_081_CS' }, title: 'Secure Firmware Update - InvalidSignature', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.01', 'L01.FR.03', 'L01.FR.12'], '1.6': ['L01.FR.01', 'L01.FR.03', 'L01.FR.12'] },
  catches: ['firmware.installsBadSignature'],
  expectation: 'An image whose signature does not verify is reported InvalidSignature with the security event InvalidFirmwareSignature, and never installed.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki, { badSignature: true });
  const mark = csms.mark('update with a bad signature');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: VALIDATED });
  // The signature is checked (L01.FR.12) and the state InvalidSignature reported (L01.FR.01) with its security event (L01.FR.03): 2.0.1 and whitepaper alike.
  await fw.expectSequence(['Downloading', 'Downloaded', 'InvalidSignature'], { rule: 'L01.FR.12, L01.FR.01', after: mark });
  await fw.expectSecurityEvent('InvalidFirmwareSignature', { rule: 'L01.FR.03', after: mark });
  await csms.expectNoCall((e) => fw.isStatus('Installing')(e) || fw.isStatus('Installed')(e) || (e.frame?.type === 2 && e.frame.action === 'BootNotification'), {},
    { rule: 'L01.FR.12', forSeconds: csms.timing.messageTimeout / 2, after: mark, because: 'for an image whose signature does not verify' });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_05_CS' }, title: 'Secure Firmware Update - InvalidCertificate', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.21', 'L01.FR.22', 'L01.FR.02'] },
  catches: ['firmware.acceptsUntrustedCertificate'],
  expectation: 'A signing certificate not issued by a trusted root is answered InvalidCertificate (or RevokedCertificate), with the security event InvalidFirmwareSigningCertificate.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki, { rogue: true });
  const mark = csms.mark('update signed by an untrusted certificate');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, oneOf('InvalidCertificate', 'RevokedCertificate'), { rule: 'L01.FR.22' });
  await fw.expectSecurityEvent('InvalidFirmwareSigningCertificate', { rule: 'L01.FR.02', after: mark });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_07_CS', '1.6': 'HX_TC_L_07_CS' }, title: 'Secure Firmware Update - DownloadFailed', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.21', 'L01.FR.30'], '1.6': ['L01.FR.23', 'L01.FR.01'] },
  catches: ['firmware.noDownloadFailed'],
  expectation: 'An image that does not exist (HTTP 404), with retries 0, ends in DownloadFailed after exactly one attempt (the attempt count rests on the retries field, no FR: a soft finding). An attempt is what the station tries once, whatever HTTP requests it takes: a HEAD before the GET or a Range resume is the same attempt.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki);
  const missing = image.url.replace(image.name, `does_not_exist_${image.name}`);
  const mark = csms.mark('update from a location that does not exist');
  await fw.update({ location: missing, retries: 0, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: VALIDATED });
  const failed = { '1.6': 'L01.FR.01', '2.0.1': 'L01.FR.30' };
  await fw.expectStatus('DownloadFailed', { rule: failed, after: mark });
  // Attempts, not HTTP requests: a HEAD before the GET, or a Range request resuming it, belongs to the same attempt (attemptsIn).
  const tries = attemptsIn(files.https.requests.filter((r) => r.path.includes('does_not_exist_')));
  await ocpp.should(async () => {
    if (tries.length !== 1) throw csms.failure(ocpp.rule(failed), 'exactly one download attempt with retries = 0 (the retries field)', `${tries.length} attempts seen by the file server (${tries.map((a) => a.requests.map((r) => r.method).join('+')).join(', ')})`);
  });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_08_CS' }, title: 'Secure Firmware Update - InstallVerificationFailed or InstallationFailed', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.29'] },
  catches: ['firmware.installsCorruptImage'],
  expectation: 'A correctly signed but damaged image ends in InstallVerificationFailed or InstallationFailed and is never reported Installed.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki, { corrupt: true });
  const mark = csms.mark('update with a damaged image');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: 'L01.FR.21' });
  await csms.expectCall('FirmwareStatusNotification', { status: oneOf('InstallVerificationFailed', 'InstallationFailed'), requestId: fw.requestId }, { rule: 'L01.FR.29', within: csms.timing.messageTimeout * 2, after: mark });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_02_CS' }, title: 'Secure Firmware Update - InstallScheduled', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.16'] },
  catches: ['firmware.ignoresInstallDate'],
  expectation: 'With installDateTime in the future the station reports InstallScheduled and does not install (no reboot) before that time.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki);
  const installIn = 40; // scaled about 2 s embedded, well above a busy machine's slack
  const mark = csms.mark(`update, install in ${installIn} s`);
  await fw.update({ location: image.url, installIn, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: 'L01.FR.21' });
  await fw.expectSequence(['Downloading', 'Downloaded', 'SignatureVerified', 'InstallScheduled'], { rule: 'L01.FR.16', after: mark });
  const boot = await ocpp.expectBoot('FirmwareUpdate', { rule: 'L01.FR.16', within: installIn + csms.timing.rebootTimeout, after: mark });
  const installAt = mark.t + installIn * csms.timing.scale * 1000;
  if (boot.entry.t < installAt - csms.timing.slackMs) throw csms.failure('L01.FR.16', 'the install (reboot) at installDateTime, not before', `rebooted ${installAt - boot.entry.t} ms early`);
  await fw.expectStatus('Installed', { rule: 'L01.FR.28', after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_03_CS' }, title: 'Secure Firmware Update - DownloadScheduled', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.13'] },
  catches: ['firmware.ignoresRetrieveDate'],
  expectation: 'With retrieveDateTime in the future the station reports DownloadScheduled and the file server sees no download before that time.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki);
  const retrieveIn = 40; // scaled about 2 s embedded, well above a busy machine's slack
  const mark = csms.mark(`update, download in ${retrieveIn} s`);
  await fw.update({ location: image.url, retrieveIn, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: 'L01.FR.21' });
  await fw.expectStatus('DownloadScheduled', { rule: 'L01.FR.13', after: mark });
  await fw.expectStatus('Downloaded', { rule: 'L01.FR.13', within: retrieveIn + csms.timing.messageTimeout, after: mark });
  const first = files.https.requestsOf(image.name).find((r) => r.method !== 'HEAD');
  const retrieveAt = mark.t + retrieveIn * csms.timing.scale * 1000;
  if (!first || first.t < retrieveAt - csms.timing.slackMs) throw csms.failure('L01.FR.13', 'no download before retrieveDateTime', first ? `the file server saw a download ${retrieveAt - first.t} ms early` : 'no download at all');
});

ocppCase({
  ids: { '2.0.1': 'TC_L_10_CS' }, title: 'Secure Firmware Update - AcceptedCanceled', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.24', 'L01.FR.27', 'L01.FR.10'] },
  catches: ['firmware.noCancel'],
  expectation: 'A second UpdateFirmware during a download is answered AcceptedCanceled (L01.FR.24, a SHOULD; Rejected is allowed when the station cannot cancel, L01.FR.27, a MAY): anything else is a soft finding. After AcceptedCanceled the second update runs to Installed (soft: part of the SHOULD) with its own requestId (L01.FR.10).',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const first = prepareImage(files.https, pki, { version: '2.2.0' });
  files.https.fail(first.name, 'slow');
  const second = prepareImage(files.https, pki, { version: '2.3.0' });
  const mark = csms.mark('first update (slow download)');
  await fw.update({ location: first.url, signingCertificate: first.signingCertificate, signature: first.signature }, 'Accepted', { rule: 'L01.FR.21' });
  await fw.expectStatus('Downloading', { rule: 'L01.FR.01', after: mark });
  const answer = await ocpp.should(() => fw.update({ location: second.url, signingCertificate: second.signingCertificate, signature: second.signature }, oneOf('AcceptedCanceled', 'Rejected'), { rule: 'L01.FR.24' }));
  if (answer === undefined) return;
  test.skip(answer === 'Rejected', 'the station cannot cancel a running update (L01.FR.27): TC_L_11_CS applies instead');
  const boot = await ocpp.should(() => csms.expectCall('BootNotification', {}, { rule: 'L01.FR.24', within: csms.timing.rebootTimeout + csms.timing.messageTimeout, after: mark }));
  if (boot) await csms.expectPayload(boot, { reason: 'FirmwareUpdate' }, { rule: 'B01.FR.09' });
  if (!boot) return;
  await fw.expectStatus('Installed', { rule: 'L01.FR.10', after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_14_CS' }, title: 'Secure Firmware Update - Unable to install with ongoing transaction', area: 'firmware', useCase,
  needs: [needs.signedFirmware(), needs.installsFirmwareWhileCharging(false)],
  requirements: { '2.0.1': ['L01.FR.06'] },
  catches: ['firmware.rebootsDuringTransaction'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'For a station that cannot install during a transaction: the download proceeds, but installation (the reboot) waits until the transaction has ended.',
  source: 'Applies to stations that cannot install while charging (PICS); the simulated station is one.',
}, async ({ charging, ocpp, auth, csms, files, pki, hardware }) => {
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki);
  const mark = csms.mark('update during a transaction');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: 'L01.FR.21' });
  // A station that cannot download while charging reports DownloadScheduled first (L01.FR.13): the install still waits.
  await csms.expectOneOf([fw.statusAlternative('Downloading'), fw.statusAlternative('DownloadScheduled')], { rule: 'L01.FR.01, L01.FR.13', after: mark });
  // The card and the unplugging end the transaction whatever the TxStopPoint (E06.FR.02 EVConnected, .03 Authorized, .06 PowerPathClosed).
  const ended = auth.ocpp.expectTransactionEnded({ rule: 'E06.FR.02, E06.FR.03, E06.FR.06', after: mark });
  const noBoot = csms.expectNoCall('BootNotification', {}, { rule: 'L01.FR.06', until: ended, after: mark, because: 'while the transaction runs' });
  await csms.expectNoCall('BootNotification', {}, { rule: 'L01.FR.06', forSeconds: csms.timing.messageTimeout / 3, after: mark, because: 'while the transaction runs' });
  await hardware.presentCard(charging.idToken, charging.connector);
  await hardware.unplug(charging.connector);
  await Promise.all([ended, noBoot]);
  const boot = await ocpp.expectBoot('FirmwareUpdate', { rule: 'L01.FR.06', within: csms.timing.rebootTimeout, after: mark });
  await fw.expectStatus('Installed', { rule: 'L01.FR.28', after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_18_CS' }, title: 'Secure Firmware Update - Missing firmware signing certificate and signature', area: 'firmware', useCase,
  needs: signedNeeds,
  requirements: { '2.0.1': ['L01.FR.21', 'L01.FR.22', 'L01.FR.12', 'L01.FR.09'] },
  catches: ['firmware.acceptsUnsigned'],
  expectation: 'An UpdateFirmware without signing certificate and signature is answered Rejected or InvalidCertificate (there is no certificate to validate before accepting: L01.FR.21, L01.FR.22), nothing is downloaded and nothing installed (L01.FR.12, L01.FR.09).',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki);
  const mark = csms.mark('unsigned update');
  await fw.update({ location: image.url }, oneOf('Rejected', 'InvalidCertificate'), { rule: 'L01.FR.21, L01.FR.22' });
  await csms.expectNoCall('FirmwareStatusNotification', { status: 'Installed' }, { rule: 'L01.FR.12, L01.FR.09', forSeconds: csms.timing.messageTimeout / 3, after: mark, because: 'for an unsigned image' });
  if (files.https.requestsOf(image.name).some((r) => r.method !== 'HEAD')) throw csms.failure('L01.FR.21, L01.FR.09', 'no download of an unsigned update', 'the file server saw a download');
});
