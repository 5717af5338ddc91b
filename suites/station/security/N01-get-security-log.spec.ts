/** Get Security Log (1.6 security whitepaper N01; OCTT TC_079_CS): GetLog, the upload, LogStatusNotification Uploading then Uploaded. */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { present } from '../../../harness/model/match';
import { needs } from '../../../harness/model/profile';

/** The upload location the harness opens on its file server (the GetLog's remoteLocation). */
const LOCATION = 'security-log';

ocppCase({
  ids: { '1.6': 'TC_079_CS' }, title: 'Get Security Log', area: 'security',
  useCase: { '1.6': 'WP N01 Retrieve Log Information' },
  needs: [needs.feature('SecurityLog')],
  requirements: { '1.6': ['N01.FR.01', 'N01.FR.02', 'N01.FR.03', 'N01.FR.07', 'N01.FR.08', 'N01.FR.09'] },
  catches: ['log.noFilename', 'log.noUpload', 'log.noUploaded', 'log.uploadingAfterUploaded', 'log.wrongRequestId'],
  expectation: 'Asked with GetLog for its SecurityLog, to be uploaded to an HTTP location of the harness, the station answers Accepted naming the file (N01.FR.01), reports Uploading (N01.FR.08), uploads one file there (N01.FR.02/03), then reports Uploaded (N01.FR.09); every LogStatusNotification carries the GetLog\'s requestId (N01.FR.07).',
  source: 'OCTT TC_079_CS. The location is http:// on the harness\'s file server (PUT or POST accepted, below the location too); a station that uploads only over FTP cannot pass it as written.',
}, async ({ booted, csms, files }) => {
  void booted;
  const location = files.http.acceptUpload(LOCATION);
  const requestId = 79;
  const mark = csms.mark('GetLog SecurityLog');
  await csms.callExpecting('GetLog', { logType: 'SecurityLog', requestId, log: { remoteLocation: location } }, { status: 'Accepted', filename: present() }, { rule: 'N01.FR.01' });
  const uploading = await csms.expectCall('LogStatusNotification', { status: 'Uploading' }, { rule: 'N01.FR.08', after: mark });
  await csms.expectPayload(uploading, { requestId }, { rule: 'N01.FR.07' });
  const uploaded = await csms.expectCall('LogStatusNotification', { status: 'Uploaded' }, { rule: 'N01.FR.09', after: uploading.entry });
  await csms.expectPayload(uploaded, { requestId }, { rule: 'N01.FR.07' });
  if (!files.http.uploadsTo(LOCATION).length) {
    throw csms.failure('N01.FR.02, N01.FR.03', `the security log uploaded to ${location} (or below it) before Uploaded`, `the file server received no upload there (${files.http.uploads.length} elsewhere)`);
  }
});
