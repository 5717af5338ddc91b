/**
 * CSMS under test, Get Security Log (1.6 security whitepaper N01; OCTT TC_079_CSMS): the operator asks
 * for the station's security log, to be uploaded to a location the harness serves; the CSMS sends
 * GetLog; the harness's station accepts, reports Uploading, uploads the file, reports Uploaded; the
 * CSMS answers both reports.
 */
import { csmsCase } from '../../../fixtures/csms';
import { uploadLog } from '../../../harness/judge/as-station/log-upload';
import { ms } from '../../../harness/model/timing';
import { FirmwareServer } from '../../../harness/services/firmware-server';

csmsCase({
  ids: { '1.6': 'TC_079_CSMS' }, title: 'Get Security Log', area: 'security',
  useCase: { '1.6': 'WP N01 Retrieve Log Information' },
  requirements: { '1.6': ['WP§N01', '1.6J§4.2.2'] },
  catches: ['getLog.wrongLogType', 'getLog.wrongLocation', 'getLog.ignoresUploaded'],
  expectation: 'When its operator asks for the station\'s security log to be uploaded to a location, the CSMS sends GetLog with logType SecurityLog and that location as log.remoteLocation (WP N01 describes what the Central System can do, no Central-System-side requirement: a miss is a soft finding); the station answers Accepted, uploads the file and reports Uploading then Uploaded, and the CSMS answers each LogStatusNotification (1.6J §4.2.2).',
  actions: ['ask the station for its security log, uploaded to the location given'],
}, async ({ booted, station, drv, operate, facts }) => {
  void booted;
  const files = await new FirmwareServer().start();
  try {
    const location = files.acceptUpload('security-log');
    const filename = `security-${facts.stationId}.log`;
    station.reply('GetLog', { status: 'Accepted', filename });
    await operate({ type: 'getLog', stationId: facts.stationId, logType: 'SecurityLog', location });
    const request = await drv.should(() => station.expectCall('GetLog', {}, { rule: 'WP§N01', within: station.timing.actionTimeout }));
    if (!request) return;
    await drv.should(() => station.expectPayload(request, { logType: 'SecurityLog', log: { remoteLocation: location } }, { rule: 'WP§N01' }));
    const requestId = request.payload.requestId;
    const remote = String((request.payload.log as { remoteLocation?: unknown } | undefined)?.remoteLocation ?? '');
    await drv.expect('LogStatusNotification', { status: 'Uploading', requestId }, {}, { rule: '1.6J§4.2.2' });
    // The tool's upload (not judged): what happened goes into the journal.
    const outcome = await uploadLog(remote, `${new Date().toISOString()} security log of ${facts.stationId}\n`, ms(station.timing, station.timing.messageTimeout));
    station.journal.event('harness', `log ${filename} to ${remote}: ${outcome}`);
    await drv.expect('LogStatusNotification', { status: 'Uploaded', requestId }, {}, { rule: '1.6J§4.2.2' });
  } finally {
    await files.close();
  }
});
