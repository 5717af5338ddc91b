/** Firmware update, plain 1.6 (§5.19 UpdateFirmware, §4.5 FirmwareStatusNotification; OCTT TC_044_1/2/3_CS), and retries for both versions. */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { FirmwareDriver } from '../../../harness/judge/as-csms/firmware-driver';
import { prepareImage, usualUpdate } from './steps';
import { needs } from '../../../harness/model/profile';

/** 1.6 UpdateFirmware is the optional FirmwareManagement feature profile; 2.0.1 L01 is Core. */
const firmwareNeeds = { '1.6': [needs.feature('FirmwareManagement')] };

const useCase = { '1.6': '1.6 §5.19 Update Firmware, §4.5 Firmware Status Notification', '2.0.1': 'L01 Secure Firmware Update' };
/**
 * The retry fields of UpdateFirmware: 1.6 §6.55 (retries "must try", retryInterval "may be attempted":
 * lower case, SHOULD); 2.0.1 only describes the fields (no FR), the nearest FR being L01.FR.30
 * (DownloadFailed once all attempts failed). Checks on them are soft.
 */
const RETRIES = { '1.6': '1.6§6.55', '2.0.1': 'L01.FR.30' };

ocppCase({
  ids: { '1.6': 'TC_044_1_CS' }, title: 'Firmware Update - Download and Install', area: 'firmware', useCase,
  needs: firmwareNeeds,
  requirements: { '1.6': ['1.6§5.19', '1.6§4.5', '1.6§4.2', '1.6§4.9'] },
  catches: ['firmware.skipsInstalling'],
  expectation: 'UpdateFirmware: Downloading, Downloaded, Installing, a reboot (BootNotification), connectors Available, then Installed.',
}, async ({ booted, ocpp, csms, files, pki, connectors }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, false);
  const image = prepareImage(files.http, pki, { version: '1.7.0' });
  const mark = csms.mark('firmware update');
  await fw.update({ location: image.url }, 'Accepted', { rule: '1.6§5.19' });
  // Each step of the update is reported (1.6 §4.5; §5.19 "MUST" report progress).
  await fw.expectSequence(['Downloading', 'Downloaded', 'Installing'], { rule: '1.6§4.5', after: mark });
  const boot = await csms.expectCall('BootNotification', {}, { rule: '1.6§4.2', within: csms.timing.rebootTimeout, after: mark });
  // firmwareVersion is optional and no requirement says it must change: a soft finding citing the boot rule.
  await ocpp.should(async () => {
    if (boot.payload.firmwareVersion !== image.version) throw csms.failure('1.6§4.2', `firmwareVersion "${image.version}" after the install (BootNotification.firmwareVersion)`, JSON.stringify(boot.payload.firmwareVersion));
  });
  await ocpp.expectStatuses(connectors, 'Available', { rule: '1.6§4.9', after: boot.entry });
  await fw.expectStatus('Installed', { rule: '1.6§4.5', after: boot.entry });
});

ocppCase({
  ids: { '1.6': 'TC_044_2_CS' }, title: 'Firmware Update - Download Failed', area: 'firmware', useCase,
  needs: firmwareNeeds,
  requirements: { '1.6': ['1.6§4.5', '1.6§5.19'] },
  catches: ['firmware.noDownloadFailed'],
  expectation: 'A location that does not exist, retries 0: DownloadFailed after one attempt; the station stays on its firmware.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, false);
  const image = prepareImage(files.http, pki);
  const missing = image.url.replace(image.name, `does_not_exist_${image.name}`);
  const mark = csms.mark('firmware update from a missing location');
  await fw.update({ location: missing, retries: 0 }, 'Accepted', { rule: '1.6§5.19' });
  await fw.expectStatus('DownloadFailed', { rule: '1.6§4.5', after: mark });
  // No text forbids a reboot after a failed download (there is nothing to install): a soft finding citing §5.19.
  await ocpp.should(() => csms.expectNoCall('BootNotification', {}, { rule: '1.6§5.19', forSeconds: csms.timing.messageTimeout / 3, after: mark, because: 'after a failed download' }));
});

ocppCase({
  ids: { '1.6': 'TC_044_3_CS' }, title: 'Firmware Update - Installation Failed', area: 'firmware', useCase,
  needs: firmwareNeeds,
  requirements: { '1.6': ['1.6§4.5', '1.6§5.19'] },
  catches: ['firmware.installsCorruptImage'],
  expectation: 'A damaged image: Downloading, Downloaded, Installing, InstallationFailed; never Installed.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const fw = new FirmwareDriver(ocpp, false);
  const image = prepareImage(files.http, pki, { corrupt: true });
  const mark = csms.mark('firmware update with a damaged image');
  await fw.update({ location: image.url }, 'Accepted', { rule: '1.6§5.19' });
  await fw.expectSequence(['Downloading', 'Downloaded', 'Installing', 'InstallationFailed'], { rule: '1.6§4.5', after: mark });
});

ocppCase({
  ids: { '1.6': 'HX_L01_RETRY_CS', '2.0.1': 'HX_L01_RETRY_CS' }, title: 'Firmware Update - download retries and retry interval', area: 'firmware', useCase,
  needs: firmwareNeeds,
  requirements: { '1.6': ['1.6§6.55', '1.6§5.19', '1.6§4.5'], '2.0.1': ['L01.FR.21', 'L01.FR.30'] },
  catches: ['firmware.noRetry', 'firmware.ignoresRetryInterval'],
  expectation: 'With retries 2 and retryInterval R (5 s, or more when the run\'s timing scale would bring R within the clock slack), a location that keeps failing (404) is tried 3 times, at least R apart as seen by the file server, then DownloadFailed. The retry fields are a lower-case "must"/"may" in 1.6 (§6.55, SHOULD) and a field description with no FR in 2.0.1 (nearest: L01.FR.30 "all attempts failed"): the attempt count and spacing are soft findings.',
  source: 'No OCTT id: the retry fields of UpdateFirmware, checked against the file server\'s log.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const { fw, server } = usualUpdate(ocpp, files);
  const image = prepareImage(server, pki);
  server.fail(image.name, 'notFound');
  // The spacing is only measurable when the scaled interval clearly exceeds the clock slack (the embedded run scales it down).
  const retryInterval = Math.max(5, Math.ceil((4 * csms.timing.slackMs) / (csms.timing.scale * 1000)));
  const mark = csms.mark('firmware update that keeps failing');
  await fw.update({ location: image.url, retries: 2, retryInterval, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: { '1.6': '1.6§5.19', '2.0.1': 'L01.FR.21' } });
  await fw.expectStatus('DownloadFailed', { rule: { '1.6': '1.6§4.5', '2.0.1': 'L01.FR.30' }, within: retryInterval * 2 + csms.timing.messageTimeout * 2, after: mark });
  const tries = server.requestsOf(image.name);
  const rule = ocpp.rule(RETRIES);
  await ocpp.should(async () => {
    if (tries.length !== 3) throw csms.failure(rule, '3 download attempts (1 + retries 2)', `${tries.length} seen by the file server`);
  });
  const min = retryInterval * csms.timing.scale * 1000 - csms.timing.slackMs;
  const gaps = tries.slice(1).map((t, i) => t.t - tries[i].t);
  await ocpp.should(async () => {
    if (gaps.some((g) => g < min)) throw csms.failure(rule, `attempts at least retryInterval (${retryInterval} s) apart`, `gaps of ${gaps.join(', ')} ms`);
  });
});

for (const fault of ['reset', 'truncated'] as const) {
  ocppCase({
    ids: { '1.6': `HX_L01_${fault.toUpperCase()}_CS`, '2.0.1': `HX_L01_${fault.toUpperCase()}_CS` }, title: `Firmware Update - interrupted download (${fault}) is retried`, area: 'firmware', useCase,
    needs: firmwareNeeds,
    requirements: { '1.6': ['1.6§6.55', '1.6§5.19', '1.6§4.5'], '2.0.1': ['L01.FR.21', 'L01.FR.28', 'L01.FR.30'] },
    catches: ['firmware.noRetry'],
    expectation: `The first download is cut off (${fault === 'reset' ? 'connection reset mid-transfer' : 'body shorter than announced'}); with retries 1 the station downloads again and the update completes (Installed). The retry is a SHOULD in 1.6 (§6.55) and has no FR in 2.0.1: a station that does not retry is a soft finding.`,
    source: 'No OCTT id: exercises the firmware server\'s download faults.',
  }, async ({ booted, ocpp, csms, files, pki }) => {
    void booted;
    const { fw, server } = usualUpdate(ocpp, files);
    const image = prepareImage(server, pki, { version: '3.0.0' });
    server.fail(image.name, fault, 1);
    const mark = csms.mark(`update whose first download is ${fault}`);
    await fw.update({ location: image.url, retries: 1, retryInterval: 2, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: { '1.6': '1.6§5.19', '2.0.1': 'L01.FR.21' } });
    const boot = await ocpp.should(() => csms.expectCall('BootNotification', {}, { rule: ocpp.rule(RETRIES), within: csms.timing.rebootTimeout + csms.timing.messageTimeout, after: mark }));
    if (!boot) return;
    await fw.expectStatus('Installed', { rule: { '1.6': '1.6§4.5', '2.0.1': 'L01.FR.28' }, after: boot.entry });
    const tries = server.requestsOf(image.name).map((r) => r.outcome);
    await ocpp.should(async () => {
      if (tries.join() !== `${fault},served`) throw csms.failure(ocpp.rule(RETRIES), `a ${fault} download, then one retry`, `the file server saw: ${tries.join(', ')}`);
    });
  });
}

ocppCase({
  ids: { '1.6': 'HX_L01_WRONG_CONTENT_CS', '2.0.1': 'HX_L01_WRONG_CONTENT_CS' }, title: 'Firmware Update - wrong content is never installed', area: 'firmware', useCase,
  needs: firmwareNeeds,
  requirements: { '1.6': ['1.6§4.5', '1.6§5.19'], '2.0.1': ['L01.FR.01', 'L01.FR.12'] },
  catches: { '1.6': ['firmware.installsCorruptImage'], '2.0.1': ['firmware.installsBadSignature'] },
  expectation: 'The server answers with other bytes than the image: 2.0.1 the signature fails (InvalidSignature); 1.6 the installation fails (InstallationFailed). Never Installed.',
  source: 'No OCTT id: exercises the firmware server\'s wrong-content fault.',
}, async ({ booted, ocpp, csms, files, pki }) => {
  void booted;
  const { fw, server, secure } = usualUpdate(ocpp, files);
  const image = prepareImage(server, pki);
  server.fail(image.name, 'wrongContent');
  const mark = csms.mark('update served with wrong content');
  await fw.update({ location: image.url, signingCertificate: image.signingCertificate, signature: image.signature }, 'Accepted', { rule: { '1.6': '1.6§5.19', '2.0.1': 'L01.FR.21' } });
  await fw.expectStatus(secure ? 'InvalidSignature' : 'InstallationFailed', { rule: { '1.6': '1.6§4.5', '2.0.1': 'L01.FR.12, L01.FR.01' }, within: csms.timing.messageTimeout * 2, after: mark });
  await csms.expectNoCall((e) => fw.isStatus('Installed')(e), {}, { rule: ocpp.rule({ '1.6': '1.6§4.5', '2.0.1': 'L01.FR.12' }), forSeconds: csms.timing.messageTimeout / 3, after: mark, because: 'for a download with the wrong content' });
});
