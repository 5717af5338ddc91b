/**
 * Upgrade of the security profile, accepted (2.0.1 A05 with B09/B10): a station on profile 1 is
 * given the CSMS root, a profile 2 connection to a second listener of the harness CSMS (wss://,
 * the run's test CA) and a priority naming it first; after a Reset OnIdle it connects with
 * profile 2 (A05.FR.05), then runs profile 2 and drops its lower profiles (A05.FR.06).
 */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { ConformanceError } from '../../../harness/model/errors';
import { PRIORITY, SECURITY_PROFILE, expectBooted, migrate } from './network-profile';

test.use({ securityProfile: 1 });

ocppCase({
  ids: { '2.0.1': 'TC_A_19_CS' },
  title: 'Upgrade Charging Station Security Profile - Accepted',
  area: 'security',
  useCase: { '2.0.1': 'A05 Upgrade Charging Station Security Profile' },
  requirements: { '2.0.1': ['M05.FR.02', 'B09.FR.01', 'A05.FR.04', 'A05.FR.05', 'A05.FR.06', 'B01.FR.03'] },
  catches: ['netprofile.ignoresPriority', 'secprofile.keepsLowerProfiles'],
  expectation: 'The station runs security profile 1. The CSMS installs its root certificate (CertificateInstalled), stores a profile 2 connection in a free slot and puts it first in NetworkConfigurationPriority (Accepted: A05.FR.04), then resets the station OnIdle: it connects with the profile 2 connection (A05.FR.05), boots, reports SecurityProfile 2 and no longer lists the profile 1 slot in NetworkConfigurationPriority (A05.FR.06).',
  source: 'OCTT TC_A_19_CS (from profile 1). "No more attempts on the old profile" is judged where A05.FR.06 puts it: the lower profile is removed from NetworkConfigurationPriority.',
}, async ({ booted, csms, ocpp, endpoints, pki }) => {
  await csms.callExpecting('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: pki.ca.certPem }, { status: 'Accepted' }, { rule: 'M05.FR.02' });
  const next = await endpoints.open({ securityProfile: 2 });
  const { previous, reset } = await migrate(ocpp, next.url, 2, 'A05.FR.04');
  await csms.waitForConnection({ rule: 'A05.FR.05', within: csms.timing.rebootTimeout, after: reset });
  if (csms.session?.via !== next.label) throw csms.failure('A05.FR.05', `after the reboot, a connection with the profile 2 connection (${next.url})`, 'the station connected with its old profile 1 connection');
  await expectBooted(ocpp, booted.connectors, reset);
  const profile = await ocpp.getSetting(SECURITY_PROFILE, 'value', { rule: 'B06.FR.10' });
  if (profile !== '2') throw csms.failure('A05.FR.06', 'SecurityCtrlr.SecurityProfile = 2 once connected with the profile 2 connection', `SecurityProfile = ${String(profile)}`);
  const priority = (await ocpp.getSetting(PRIORITY, 'value', { rule: 'B06.FR.10' })) ?? '';
  const lower = previous.split(',').map((x) => x.trim()).filter((x) => priority.split(',').map((y) => y.trim()).includes(x));
  if (lower.length) throw csms.failure('A05.FR.06', `NetworkConfigurationPriority without the profile 1 slot(s) ${previous}`, `NetworkConfigurationPriority = "${priority}"`);
  if (!csms.session?.tls) throw new ConformanceError('harness', 'no TLS information for the profile 2 connection', 'harness');
});
