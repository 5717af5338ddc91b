/** Secure firmware update while the station is busy: an update it cannot cancel, transactions it must wait for (2.0.1 L01; OCTT TC_L_11_CS, TC_L_15_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { FirmwareDriver } from '../../../harness/judge/as-csms/firmware-driver';
import type { SettingName } from '../../../harness/judge/as-csms/requests';
import { NotApplicable } from '../../../harness/model/errors';
import { oneOf } from '../../../harness/model/match';
import { needs } from '../../../harness/model/profile';
import { prepareImage } from './steps';

const useCase = { '2.0.1': 'L01 Secure Firmware Update' };
/** Whether new sessions may start while an install waits for the transactions (L01.FR.07; optional, absent = false). */
const ALLOW_NEW_SESSIONS: SettingName = { component: 'ChargingStation', variable: 'AllowNewSessionsPendingFirmwareUpdate' };

ocppCase({
  ids: { '2.0.1': 'TC_L_11_CS' }, title: 'Secure Firmware Update - Unable to cancel', area: 'firmware', useCase,
  needs: [needs.signedFirmware()],
  requirements: { '2.0.1': ['L01.FR.27', 'L01.FR.16', 'L01.FR.05', 'L01.FR.10'] },
  catches: ['firmware.rejectedDropsFirst'],
  expectation: 'A station that cannot cancel answers a second UpdateFirmware, sent while the first waits for its installDateTime, Rejected (L01.FR.27) and installs the first at that time: the reboot and Installed follow with the first requestId. A station that cancels (AcceptedCanceled) is not one: TC_L_10_CS applies; any other answer is a soft finding (L01.FR.24 is a SHOULD).',
  source: 'OCTT TC_L_11_CS (PICS: no support for cancelling). The first update is held by a future installDateTime (L01.FR.24 names that state) instead of a slow download.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, true);
  const first = prepareImage(files.https, pki, { version: '2.2.0' });
  const second = prepareImage(files.https, pki, { version: '2.3.0' });
  const installIn = 40; // scaled about 2 s embedded
  const mark = csms.mark(`first update, install in ${installIn} s`);
  await fw.update({ location: first.url, installIn, signingCertificate: first.signingCertificate, signature: first.signature }, 'Accepted', { rule: 'L01.FR.21' });
  const firstId = fw.requestId;
  await fw.expectStatus('InstallScheduled', { rule: 'L01.FR.16', after: mark });
  const answer = await ocpp.should(() => fw.update({ location: second.url, signingCertificate: second.signingCertificate, signature: second.signature }, oneOf('Rejected', 'AcceptedCanceled'), { rule: 'L01.FR.24' }));
  if (answer === undefined) return;
  if (answer === 'AcceptedCanceled') csms.notApplicable(new NotApplicable('a station that cannot cancel a running update', 'the second UpdateFirmware was answered AcceptedCanceled (TC_L_10_CS applies)'));
  // The first update goes on: installed as soon as it is able to (L01.FR.05), at installDateTime (L01.FR.16), still under its own requestId (L01.FR.10).
  fw.requestId = firstId;
  const boot = await ocpp.expectBoot('FirmwareUpdate', { rule: 'L01.FR.05, L01.FR.16', within: installIn + csms.timing.rebootTimeout, after: mark });
  await fw.expectStatus('Installed', { rule: 'L01.FR.10, L01.FR.28', after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_L_15_CS' }, title: 'Secure Firmware Update - Unable to install firmware with ongoing transaction - AllowNewSessionsPendingFirmwareUpdate is false', area: 'firmware', useCase,
  needs: [needs.signedFirmware(), needs.writable(ALLOW_NEW_SESSIONS), needs.installsFirmwareWhileCharging(false)],
  requirements: { '2.0.1': ['L01.FR.06', 'L01.FR.07', 'L01.FR.28'] },
  catches: ['firmware.idleEvsesStayAvailable'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'With AllowNewSessionsPendingFirmwareUpdate false, a station that cannot install during a transaction downloads the update, sets every EVSE not in use Unavailable while it waits (L01.FR.07), and installs (reboots) only once the transaction has ended (L01.FR.06).',
  source: 'Applies to stations that cannot install while charging (PICS); the simulated station is one.',
}, async ({ charging, ocpp, auth, csms, files, pki, hardware, connectors }) => {
  await ocpp.configure(ALLOW_NEW_SESSIONS, 'false');
  const idle = connectors.filter((c) => c.evseId !== charging.connector.evseId);
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki);
  const mark = csms.mark('update during a transaction, no new sessions');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: 'L01.FR.21' });
  // A station that cannot download while charging reports DownloadScheduled first (L01.FR.13; TC_L_13_CS): it waits all the same.
  await csms.expectOneOf([fw.statusAlternative('Downloading'), fw.statusAlternative('DownloadScheduled')], { rule: 'L01.FR.01, L01.FR.13', after: mark });
  await ocpp.expectStatuses(idle, 'Unavailable', { rule: 'L01.FR.07', after: mark });
  // The card and the unplugging end the transaction whatever the TxStopPoint (E06.FR.02 EVConnected, .03 Authorized, .06 PowerPathClosed).
  const ended = auth.ocpp.expectTransactionEnded({ rule: 'E06.FR.02, E06.FR.03, E06.FR.06', after: mark });
  const noBoot = csms.expectNoCall('BootNotification', {}, { rule: 'L01.FR.06', until: ended, after: mark, because: 'while the transaction runs' });
  await hardware.presentCard(charging.idToken, charging.connector);
  await hardware.unplug(charging.connector);
  await Promise.all([ended, noBoot]);
  const boot = await ocpp.expectBoot('FirmwareUpdate', { rule: 'L01.FR.06', within: csms.timing.rebootTimeout, after: mark });
  await fw.expectStatus('Installed', { rule: 'L01.FR.28', after: boot.entry });
});

for (const [id, allowNew] of [['TC_L_12_CS', true], ['TC_L_13_CS', false]] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title: `Secure Firmware Update - Unable to download/install firmware with ongoing transaction - AllowNewSessionsPendingFirmwareUpdate is ${allowNew}`, area: 'firmware', useCase,
    needs: [needs.signedFirmware(), needs.writable(ALLOW_NEW_SESSIONS), needs.installsFirmwareWhileCharging(false)],
    requirements: { '2.0.1': allowNew ? ['L01.FR.13', 'L01.FR.06', 'L01.FR.28'] : ['L01.FR.13', 'L01.FR.06', 'L01.FR.07', 'L01.FR.28'] },
    catches: [allowNew ? 'firmware.busyScheduleUnreported' : 'firmware.busyScheduleKeepsEvsesAvailable'],
    actions: ['plugIn', 'presentCard', 'unplug'],
    expectation: `A station that cannot download during a transaction answers an update Accepted and reports DownloadScheduled (L01.FR.13)${allowNew ? '' : ', sets every EVSE not in use Unavailable (L01.FR.07)'}, and installs (reboots) only once the transaction has ended (L01.FR.06), then reports Installed. A station that reports Downloading first downloads while charging: TC_L_14_CS / TC_L_15_CS apply.`,
    source: 'OCTT TC_L_12/13_CS (PICS: not able to download during a transaction). New sessions being allowed (true) has no requirement of its own: not checked.',
  }, async ({ charging, ocpp, auth, csms, files, pki, hardware, connectors }) => {
    await ocpp.configure(ALLOW_NEW_SESSIONS, String(allowNew));
    const fw = new FirmwareDriver(ocpp, true);
    const image = prepareImage(files.https, pki);
    const mark = csms.mark('update during a transaction');
    await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: 'L01.FR.21' });
    const first = await csms.expectOneOf([fw.statusAlternative('DownloadScheduled'), fw.statusAlternative('Downloading')], { rule: 'L01.FR.13', after: mark });
    if (first.payload.status === 'Downloading') csms.notApplicable(new NotApplicable('a station that cannot download during a transaction', 'it reported Downloading during the transaction (TC_L_14_CS / TC_L_15_CS apply)'));
    if (!allowNew) await ocpp.expectStatuses(connectors.filter((c) => c.evseId !== charging.connector.evseId), 'Unavailable', { rule: 'L01.FR.07', after: mark });
    const ended = auth.ocpp.expectTransactionEnded({ rule: 'E06.FR.02, E06.FR.03, E06.FR.06', after: mark });
    const noBoot = csms.expectNoCall('BootNotification', {}, { rule: 'L01.FR.06', until: ended, after: mark, because: 'while the transaction runs' });
    await hardware.presentCard(charging.idToken, charging.connector);
    await hardware.unplug(charging.connector);
    await Promise.all([ended, noBoot]);
    const boot = await ocpp.expectBoot('FirmwareUpdate', { rule: 'L01.FR.06, L01.FR.05', within: csms.timing.rebootTimeout + csms.timing.messageTimeout, after: mark });
    await fw.expectStatus('Installed', { rule: 'L01.FR.28', after: boot.entry });
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_L_16_CS' }, title: 'Secure Firmware Update - Able to update firmware with ongoing transaction', area: 'firmware', useCase,
  needs: [needs.signedFirmware(), needs.installsFirmwareWhileCharging()],
  requirements: { '2.0.1': ['L01.FR.05', 'L01.FR.28'] },
  catches: ['firmware.installedWhileChargingUnreported'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'A station able to install during a transaction (PICS C-43) downloads, verifies and installs an update while the transaction goes on, as soon as it is able to (L01.FR.05), and reports Installed (L01.FR.28; after a reboot if it needs one) without waiting for the transaction to end. One that reports InstallScheduled while the transaction runs waits for it: not applicable (TC_L_14/15_CS apply). Idle connectors Unavailable (the catalogue\'s note) binds only a station that waits (L01.FR.07): not checked.',
  source: 'OCTT TC_L_16_CS (PICS C-43); L01.FR.05-07 read: L01.FR.06/07 bind only a station that cannot go on charging during the installation. Applicability: device profile installsFirmwareWhileCharging.',
}, async ({ charging, ocpp, csms, files, pki }) => {
  void charging;
  const fw = new FirmwareDriver(ocpp, true);
  const image = prepareImage(files.https, pki);
  const mark = csms.mark('update during a transaction');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: 'L01.FR.21' });
  // Installing may be skipped (L01.FR.23), InstallRebooting precedes a reboot (L01.FR.32): the first sign of the install decides.
  const next = await csms.expectOneOf(['Installing', 'InstallRebooting', 'Installed', 'InstallScheduled'].map((s) => fw.statusAlternative(s)), { rule: 'L01.FR.05', after: mark, within: csms.timing.rebootTimeout });
  if (next.payload.status === 'InstallScheduled') csms.notApplicable(new NotApplicable('a station that installs firmware during a transaction', 'it reported InstallScheduled while the transaction runs (TC_L_14_CS / TC_L_15_CS apply)'));
  if (next.payload.status !== 'Installed') await fw.expectStatus('Installed', { rule: 'L01.FR.28', after: next.entry, within: csms.timing.rebootTimeout + csms.timing.messageTimeout });
});
