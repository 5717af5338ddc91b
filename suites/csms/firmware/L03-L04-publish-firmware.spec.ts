/**
 * CSMS under test, firmware publishing on a Local Controller (2.0.1 L03, L04): the harness's
 * station plays the Local Controller. The operator has it publish the configured image: the CSMS
 * sends PublishFirmware with the location, a requestId and the file's MD5 checksum (32 hex
 * digits), then answers every PublishFirmwareStatusNotification, failures included. The operator
 * then has it unpublish the image: the CSMS names the file by the checksum it published it with.
 * Neither use case has a CSMS-side FR: sending the requests is the CSMS's option (soft findings);
 * the message definition and L03.FR.02 fix the checksum.
 */
import { csmsCase } from '../../../fixtures/csms';
import type { CsmsAction } from '../../../harness/model/csms-actions';
import type { StationDriver } from '../../../harness/judge/as-station/station-driver';
import { expectPublish, publishStatus } from '../../../harness/judge/as-station/remote-and-firmware';

/** The operator has the Local Controller publish `location`; the station accepts and reports `statuses`. The checksum sent, or undefined when no request came. */
async function publish(drv: StationDriver, operate: (a: CsmsAction) => Promise<void>, stationId: string, location: string, statuses: string[]): Promise<string | undefined> {
  drv.station.reply('PublishFirmware', { status: 'Accepted' }, { times: 1 });
  await operate({ type: 'publishFirmware', stationId, location });
  const req = await expectPublish(drv, location);
  if (!req) return undefined;
  for (const status of statuses) await publishStatus(drv, status, req.payload.requestId as number, location);
  return req.payload.checksum as string;
}

const PUBLISHED = ['Downloading', 'Downloaded', 'ChecksumVerified', 'Published'];

const PUBLISH_VARIANTS = [
  { id: 'TC_L_17_CSMS', title: 'Publish Firmware - Published', statuses: PUBLISHED },
  { id: 'TC_L_19_CSMS', title: 'Publish Firmware - Invalid Checksum', statuses: ['Downloading', 'Downloaded', 'InvalidChecksum'] },
  { id: 'TC_L_20_CSMS', title: 'Publish Firmware - PublishFailed', statuses: ['Downloading', 'Downloaded', 'ChecksumVerified', 'PublishFailed'] },
  { id: 'TC_L_24_CSMS', title: 'Publish Firmware - Download failed', statuses: ['Downloading', 'DownloadFailed'] },
];

for (const v of PUBLISH_VARIANTS) {
  const failure = v.statuses.some((s) => /Failed|Invalid/.test(s));
  csmsCase({
    ids: { '2.0.1': v.id },
    title: v.title,
    area: 'firmware',
    useCase: { '2.0.1': 'L03 Publish Firmware file on Local Controller' },
    requirements: { '2.0.1': ['Part2§L03', 'Part2§PublishFirmwareRequest', 'L03.FR.02'] },
    catches: ['publish.neverSends', 'publish.checksumNotMd5', ...(failure ? ['publish.ignoresFailedStatus' as const] : [])],
    expectation: `The operator has the station (a Local Controller) publish the configured image: the CSMS sends PublishFirmware with that location, a requestId and the image's MD5 checksum as 32 hexadecimal characters; the station reports ${v.statuses.join(', ')} and the CSMS answers every report (2.0.1 names no CSMS-side rule for the answer: a soft finding).`,
    actions: ['have the station, a Local Controller, publish the configured firmware image'],
  }, async ({ booted, drv, facts, operate, need }) => {
    void booted;
    await publish(drv, operate, facts.stationId, need('firmwareLocation'), v.statuses);
  });
}

const UNPUBLISH_VARIANTS = [
  { id: 'TC_L_21_CSMS', title: 'Unpublish Firmware - Unpublished', answer: 'Unpublished' },
  { id: 'TC_L_22_CSMS', title: 'Unpublish Firmware - NoFirmware', answer: 'NoFirmware' },
  { id: 'TC_L_23_CSMS', title: 'Unpublish Firmware - Download Ongoing', answer: 'DownloadOngoing' },
];

for (const v of UNPUBLISH_VARIANTS) {
  csmsCase({
    ids: { '2.0.1': v.id },
    title: v.title,
    area: 'firmware',
    useCase: { '2.0.1': 'L04 Unpublish Firmware file on Local Controller' },
    requirements: { '2.0.1': ['Part2§L04', 'Part2§PublishFirmwareRequest'] },
    catches: ['unpublish.wrongChecksum', 'publish.checksumNotMd5'],
    expectation: `Given the configured image published by the station (a Local Controller), the operator has it unpublished: the CSMS sends UnpublishFirmware naming the file by the checksum it published it with (L04: the CSMS's option and its way of naming the file, soft findings) and takes the answer ${v.answer}.`,
    actions: ['have the station, a Local Controller, publish the configured firmware image', 'have it stop publishing that image'],
  }, async ({ booted, station, drv, facts, operate, need }) => {
    void booted;
    const location = need('firmwareLocation');
    const checksum = await publish(drv, operate, facts.stationId, location, PUBLISHED);
    if (checksum === undefined) return;
    station.reply('UnpublishFirmware', { status: v.answer }, { times: 1 });
    await operate({ type: 'unpublishFirmware', stationId: facts.stationId, location });
    const req = await drv.should(() => station.expectCall('UnpublishFirmware', {}, { rule: 'Part2§L04', within: station.timing.actionTimeout }));
    if (!req) return;
    await drv.should(() => station.expectPayload(req, { checksum }, { rule: 'Part2§L04' }));
  });
}
