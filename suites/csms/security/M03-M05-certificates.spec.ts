/**
 * Certificate management, CSMS under test (1.6 security whitepaper M03, M04, M05): the operator
 * installs a root certificate on the station, lists the station's certificates and deletes one.
 * The whitepaper binds the Central System in one place only: a DeleteCertificate names the
 * certificate with the hash algorithm it was listed with (M04.FR.07). The rest is the use cases'
 * scenarios: the requests, their fields and their order are soft findings (WP§M03/M04/M05); every
 * frame is schema-validated (1.6J§4.2.1: an invalid request fails the case), and every CALL of the
 * station must be answered (1.6J§4.2.2).
 */
import { csmsCase } from '../../../fixtures/csms';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { StationDriver } from '../../../harness/judge/as-station/station-driver';
import type { CsmsAction } from '../../../harness/model/csms-actions';
import { satisfies } from '../../../harness/model/match';
import { certificateHashDataWith } from '../../../harness/services/test-pki';

type Root = 'ManufacturerRootCertificate' | 'CentralSystemRootCertificate';
type Operate = (action: CsmsAction) => Promise<void>;
const ALGORITHMS = ['SHA256', 'SHA384', 'SHA512'] as const;
const PEM_TEXT = (pem: string): string => pem.replace(/\s+/g, '');
const M04 = '1.6 Security Whitepaper: M04 Delete a specific certificate';
const M05 = '1.6 Security Whitepaper: M05 Install CA certificate';

/** The operator has the CSMS install `certificate` as `type`; the station answers `status`. The request's fields are the scenario's (soft, WP§M05). */
async function install(s: { station: ScriptedStation; drv: StationDriver; operate: Operate; stationId: string }, type: Root, certificate: string, status: 'Accepted' | 'Rejected'): Promise<boolean> {
  s.station.reply('InstallCertificate', { status }, { times: 1 });
  const after = s.station.mark(`the operator installs a ${type}`);
  await s.operate({ type: 'installCertificate', stationId: s.stationId, certificateType: type, certificate });
  const got = await s.drv.should(() => s.station.expectCall('InstallCertificate', {}, { rule: 'WP§M05', within: s.station.timing.actionTimeout, after }));
  if (!got) return false;
  await s.drv.should(() => s.station.expectPayload(got, { certificateType: type, certificate: satisfies('the certificate the operator gave (PEM)', (c) => typeof c === 'string' && PEM_TEXT(c) === PEM_TEXT(certificate)) }, { rule: 'WP§M05' }));
  return true;
}

/** The operator lists the station's certificates of `type`; the station answers with `certificate`'s hash data in `algorithm`. */
async function list(s: { station: ScriptedStation; drv: StationDriver; operate: Operate; stationId: string }, type: Root, certificate: string, algorithm: (typeof ALGORITHMS)[number]): Promise<boolean> {
  s.station.reply('GetInstalledCertificateIds', { status: 'Accepted', certificateHashData: [certificateHashDataWith(certificate, algorithm)] }, { times: 1 });
  const after = s.station.mark(`the operator lists the station's ${type}s`);
  await s.operate({ type: 'getInstalledCertificateIds', stationId: s.stationId, certificateType: type });
  const got = await s.drv.should(() => s.station.expectCall('GetInstalledCertificateIds', {}, { rule: 'WP§M03', within: s.station.timing.actionTimeout, after }));
  if (!got) return false;
  await s.drv.should(() => s.station.expectPayload(got, { certificateType: type }, { rule: 'WP§M03' }));
  return true;
}

for (const type of ['ManufacturerRootCertificate', 'CentralSystemRootCertificate'] as const) {
  csmsCase({
    ids: { '1.6': type === 'ManufacturerRootCertificate' ? 'TC_075_1_CSMS' : 'TC_075_2_CSMS' },
    title: `Install a certificate on the Charge Point - ${type}`,
    area: 'security',
    useCase: { '1.6': M05 },
    requirements: { '1.6': ['WP§M05', 'WP§M03', '1.6J§4.2.1'] },
    catches: ['certs.installWithoutType', 'certs.otherRootType'],
    expectation: `The operator installs a ${type} on the station, then lists its ${type}s: the CSMS sends InstallCertificate (certificateType ${type}, the certificate given), which the station accepts, then GetInstalledCertificateIds for ${type}, answered with the certificate's hash data. The whitepaper binds no Central System requirement here: the verdict rests on the frames' schemas (1.6J§4.2.1) and the sequence; the requests' fields are soft findings (WP§M05, WP§M03).`,
    actions: [`install the given ${type} on the station`, `list the station's ${type}s`],
    source: `OCTT ${type === 'ManufacturerRootCertificate' ? 'TC_075_1_CSMS' : 'TC_075_2_CSMS'} (tzi-OCTT): InstallCertificate certificateType and certificate = the configured root; GetInstalledCertificateIds of the same type. The harness gives the certificate: its test ${type === 'ManufacturerRootCertificate' ? 'firmware signing root' : 'CA (or csms.caFile)'}.`,
  }, async ({ booted: _b, station, drv, operate, facts, pki, clientTls }) => {
    const certificate = type === 'ManufacturerRootCertificate' ? pki.signingRoot.certPem : clientTls.ca ?? pki.ca.certPem;
    const s = { station, drv, operate, stationId: facts.stationId };
    if (!await install(s, type, certificate, 'Accepted')) return;
    await list(s, type, certificate, 'SHA256');
  });
}

csmsCase({
  ids: { '1.6': 'TC_076_CSMS' },
  title: 'Delete a specific certificate from the Charge Point',
  area: 'security',
  useCase: { '1.6': M04 },
  requirements: { '1.6': ['M04.FR.07', 'WP§M04', 'WP§M03', 'WP§M05', '1.6J§4.2.1'] },
  catches: ['certs.deleteWithSha256', 'certs.installWithoutType', 'certs.otherRootType'],
  expectation: 'For each hash algorithm (SHA256, SHA384, SHA512): the operator installs a CentralSystemRootCertificate, lists the station\'s CentralSystemRootCertificates (the station answers with the certificate\'s hash data in that algorithm) and deletes that certificate: the CSMS\'s DeleteCertificate uses the algorithm the certificate was listed with (M04.FR.07) and names it with the hash data the station gave (WP§M04, soft). The requests themselves are the scenarios\' (soft); every frame is schema-validated.',
  actions: ['install the given CentralSystemRootCertificate', 'list the station\'s CentralSystemRootCertificates', 'delete the certificate the station listed'],
  source: 'OCTT TC_076_CSMS (tzi-OCTT): repeated per hash algorithm; DeleteCertificate hashAlgorithm equals the one returned, the hash data equal the tool\'s own calculation.',
}, async ({ booted: _b, station, drv, operate, facts, pki, clientTls }) => {
  const certificate = clientTls.ca ?? pki.ca.certPem;
  const s = { station, drv, operate, stationId: facts.stationId };
  for (const algorithm of ALGORITHMS) {
    const listed = certificateHashDataWith(certificate, algorithm);
    if (!await install(s, 'CentralSystemRootCertificate', certificate, 'Accepted')) return;
    if (!await list(s, 'CentralSystemRootCertificate', certificate, algorithm)) return;
    station.reply('DeleteCertificate', { status: 'Accepted' }, { times: 1 });
    const after = station.mark(`the operator deletes the certificate listed with ${algorithm}`);
    await operate({ type: 'deleteCertificate', stationId: facts.stationId, certificateHashData: listed });
    const got = await drv.should(() => station.expectCall('DeleteCertificate', {}, { rule: 'WP§M04', within: station.timing.actionTimeout, after }));
    if (!got) return;
    // M04.FR.07: the hash algorithm with which the certificate was installed (listed).
    await station.expectPayload(got, { certificateHashData: { hashAlgorithm: algorithm } }, { rule: 'M04.FR.07' });
    await drv.should(() => station.expectPayload(got, { certificateHashData: listed }, { rule: 'WP§M04' }));
  }
});

csmsCase({
  ids: { '1.6': 'TC_078_CSMS' },
  title: 'Invalid CentralSystemCertificate Security Event',
  area: 'security',
  useCase: { '1.6': M05 },
  requirements: { '1.6': ['WP§M05', '1.6J§4.2.1', '1.6J§4.2.2'] },
  catches: ['certs.installWithoutType', 'certs.otherRootType'],
  expectation: 'The operator installs a CentralSystemRootCertificate; the station rejects it and reports an InvalidCentralSystemCertificate security event, which the CSMS confirms (1.6J§4.2.2: every CALL is answered). The InstallCertificate is the scenario\'s (soft, WP§M05); every frame is schema-validated.',
  actions: ['install the given CentralSystemRootCertificate on the station'],
  source: 'OCTT TC_078_CSMS (tzi-OCTT, ocpplab p.186): the tool rejects any certificate here; InstallCertificate certificateType CentralSystemRootCertificate.',
}, async ({ booted: _b, station, drv, operate, facts, pki, clientTls }) => {
  const s = { station, drv, operate, stationId: facts.stationId };
  if (!await install(s, 'CentralSystemRootCertificate', clientTls.ca ?? pki.ca.certPem, 'Rejected')) return;
  await drv.securityEvent('InvalidCentralSystemCertificate', { rule: '1.6J§4.2.2' });
});
