/**
 * Upgrade of the security profile refused for a missing prerequisite, station on security profile
 * 1 (2.0.1 A05): without a valid CSMS root certificate it cannot check a CSMS certificate, so a
 * NetworkConfigurationPriority naming a profile 2 connection is Rejected (A05.FR.02) and the
 * station stays on profile 1.
 */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { PRIORITY, storeProfile } from './network-profile';

test.use({ securityProfile: 1 });

ocppCase({
  ids: { '2.0.1': 'TC_A_20_CS' },
  title: 'Upgrade Charging Station Security Profile - No valid CSMSRootCertificate installed',
  area: 'security',
  useCase: { '2.0.1': 'A05 Upgrade Charging Station Security Profile' },
  requirements: { '2.0.1': ['A05.FR.02', 'B09.FR.01'] },
  catches: ['secprofile.upgradeWithoutRoot'],
  expectation: 'The station runs security profile 1 with no CSMS root certificate installed. The CSMS stores a profile 2 connection in a free slot (SetNetworkProfile; refusing it already is the station\'s right, B09.FR.02) and puts that slot first in NetworkConfigurationPriority: the station answers Rejected (A05.FR.02) and stays connected on profile 1.',
  source: 'OCTT TC_A_20_CS (EVtivity: a stub). The refusal is where A05.FR.02 puts it, on the SetVariablesRequest for NetworkConfigurationPriority.',
}, async ({ booted, csms, ocpp, sutConfig }) => {
  void booted;
  if (sutConfig.password) csms.requireBasicAuth(sutConfig.password);
  const roots = await csms.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] }, { rule: 'M03.FR.02' });
  test.skip(roots.kind === 'result' && roots.payload.status === 'Accepted', 'the station has a CSMS root certificate installed (TC_A_20_CS needs a station without one)');
  const stored = await storeProfile(ocpp, 2);
  if (!stored) return;
  // Accepted by a faulty station, the new priority would take effect at its next reboot: put the old one back afterwards.
  ocpp.configured.push({ setting: PRIORITY, previous: stored.priority });
  await ocpp.setSetting(PRIORITY, `${stored.slot},${stored.priority}`, 'Rejected', { rule: 'A05.FR.02' });
  ocpp.configured.pop();
  await csms.waitForConnection({ rule: 'A05.FR.02', within: csms.timing.messageTimeout });
});
