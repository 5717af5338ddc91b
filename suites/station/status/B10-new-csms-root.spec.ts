/**
 * Migrate to a new NetworkConnectionProfile whose CSMS presents a server certificate from
 * another root (2.0.1 B10 with M05, security profile 2): the second listener of the harness CSMS
 * (`endpoints.open({ root: 'other' })`) is the new CSMS. With the new root installed first the
 * station connects there (B10.FR.04); without it the station must refuse the certificate
 * (A00.FR.311) and fall back to its old profile after NetworkProfileConnectionAttempts (B10.FR.03).
 */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { ATTEMPTS, B10, currentProfile, expectBooted, expectFallback, migrate } from '../security/network-profile';

test.use({ securityProfile: 2 });

ocppCase({
  ids: { '2.0.1': 'TC_B_50_CS' }, title: 'Migrate to new ConnectionProfile - Success - New CSMS Root - New CSMS', area: 'status',
  useCase: B10,
  requirements: { '2.0.1': ['M05.FR.02', 'B09.FR.01', 'B10.FR.01', 'B10.FR.04', 'B01.FR.03'] },
  catches: ['netprofile.ignoresPriority'],
  expectation: 'The station runs security profile 2. The CSMS installs the root of the new CSMS (InstallCertificate CSMSRootCertificate: Accepted), stores a profile for the new CSMS (a second endpoint whose server certificate that root issued), puts it first in NetworkConfigurationPriority and resets the station OnIdle: it connects to the new CSMS (B10.FR.04), boots and reports its connectors.',
  source: 'OCTT TC_B_50_CS; the new root installed as in M05 before the migration.',
}, async ({ booted, csms, ocpp, endpoints, securityProfile }) => {
  await csms.callExpecting('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: endpoints.otherRootPem }, { status: 'Accepted' }, { rule: 'M05.FR.02' });
  const next = await endpoints.open({ securityProfile: 2, root: 'other' });
  const { reset } = await migrate(ocpp, next.url, await currentProfile(ocpp, securityProfile));
  await csms.waitForConnection({ rule: 'B10.FR.04', within: csms.timing.rebootTimeout, after: reset });
  if (csms.session?.via !== next.label) throw csms.failure('B10.FR.04', `after the reboot, a connection to the first entry of NetworkConfigurationPriority (${next.url})`, 'the station connected with its old profile (the main CSMS endpoint)');
  await expectBooted(ocpp, booted.connectors, reset);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_47_CS' }, title: 'Migrate to new ConnectionProfile - Fallback after NetworkProfileConnectionAttempts - New CSMS Root', area: 'status',
  useCase: B10,
  requirements: { '2.0.1': ['B09.FR.01', 'B10.FR.01', 'B10.FR.03', 'A00.FR.311', 'B01.FR.03'] },
  catches: ['netprofile.neverFallsBack', 'netprofile.fallsBackEarly', 'tls.acceptsAnyServerCert'],
  expectation: 'The station runs security profile 2. The new profile (first in NetworkConfigurationPriority after a Reset OnIdle) names a CSMS whose server certificate comes from a root the station does not have: it refuses the certificate (A00.FR.311), makes NetworkProfileConnectionAttempts attempts, then connects with its old profile (B10.FR.03), boots and reports its connectors.',
  source: 'OCTT TC_B_47_CS (EVtivity: the Reset step only). Each refused TLS handshake at the new endpoint counts as one attempt.',
}, async ({ booted, ocpp, endpoints, securityProfile }) => {
  const attempts = Number(await ocpp.getSetting(ATTEMPTS, 'value', { rule: 'B06.FR.10' }));
  const next = await endpoints.open({ securityProfile: 2, root: 'other' });
  const { reset } = await migrate(ocpp, next.url, await currentProfile(ocpp, securityProfile));
  await expectFallback(ocpp, next, attempts, reset, 'A00.FR.311');
  await expectBooted(ocpp, booted.connectors, reset);
});
