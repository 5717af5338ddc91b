/**
 * CSMS under test, firmware update while a transaction runs (2.0.1 L01 with
 * AllowNewSessionsPendingFirmwareUpdate false): the station schedules the download, sets its idle
 * connectors Unavailable, waits for the transaction to end, then downloads and installs. The
 * CSMS must push a signed update and answer every report, the boot after the install Accepted.
 */
import { csmsCase } from '../../../fixtures/csms';
import { runFirmwareUpdate } from '../../../harness/judge/as-station/remote-and-firmware';

csmsCase({
  ids: { '2.0.1': 'TC_L_13_CSMS' },
  title: 'Secure Firmware Update - Unable to download/install firmware with ongoing transaction (AllowNewSessionsPendingFirmwareUpdate false)',
  area: 'firmware',
  useCase: { '2.0.1': 'L01 Secure Firmware Update' },
  requirements: { '2.0.1': ['L01.FR.11', 'L01.FR.09'] },
  catches: ['firmware.unsigned', 'firmware.wrongLocation'],
  expectation: 'During a charging session the CSMS pushes the configured image with its signing certificate and signature; the station answers Accepted, reports DownloadScheduled, its idle connectors Unavailable, the end of the transaction, then Downloading ... Installed after a reboot: the CSMS answers every report and accepts the boot.',
  actions: ['start a secure firmware update of the station with the configured image'],
}, async ({ charging, station, drv, facts, operate, need }) => {
  const location = need('firmwareLocation');
  await runFirmwareUpdate({
    station, drv, stationId: facts.stationId, operate, location, signed: true, transaction: charging,
    steps: ['DownloadScheduled', 'IdleUnavailable', 'endTransaction', 'Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting', 'reboot', 'Installed', 'FirmwareUpdated'],
  });
});
