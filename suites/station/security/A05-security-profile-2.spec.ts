/**
 * Security profile changes a station on profile 2 must refuse (2.0.1 A05, B09; 1.6 security
 * whitepaper A05): profile 3 without a station certificate (A05.FR.03), and any lower profile
 * (2.0.1 B09.FR.04, whitepaper A05.FR.01: "not allowed to revert to a lower Security Profile").
 */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { oneOf } from '../../../harness/model/match';
import { connectionData, PRIORITY, SECURITY_PROFILE, slots, storeProfile } from './network-profile';

test.use({ securityProfile: 2 });

ocppCase({
  ids: { '2.0.1': 'TC_A_21_CS' },
  title: 'Upgrade Charging Station Security Profile - No valid ChargingStationCertificate installed',
  area: 'security',
  useCase: { '2.0.1': 'A05 Upgrade Charging Station Security Profile' },
  requirements: { '2.0.1': ['A05.FR.03', 'B09.FR.01'] },
  catches: ['secprofile.upgradeWithoutClientCert'],
  expectation: 'The station runs security profile 2 (it trusts the CSMS root) and has no station certificate. The CSMS stores a profile 3 connection in a free slot (refusing it already is the station\'s right, B09.FR.02) and puts that slot first in NetworkConfigurationPriority: the station answers Rejected (A05.FR.03) and stays connected on profile 2.',
  source: 'OCTT TC_A_21_CS; the refusal is where A05.FR.03 puts it, on NetworkConfigurationPriority. A station that already has a certificate for profile 3 is told apart by nothing on the wire: run this case only on a station without one.',
  actions: ['make sure the station has no ChargingStationCertificate'],
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const stored = await storeProfile(ocpp, 3);
  if (!stored) return;
  ocpp.configured.push({ setting: PRIORITY, previous: stored.priority });
  await ocpp.setSetting(PRIORITY, `${stored.slot},${stored.priority}`, 'Rejected', { rule: 'A05.FR.03' });
  ocpp.configured.pop();
  await csms.waitForConnection({ rule: 'A05.FR.03', within: csms.timing.messageTimeout });
});

ocppCase({
  ids: { '2.0.1': 'TC_A_22_CS', '1.6': 'TC_084_CS' },
  title: 'Upgrade Charging Station Security Profile - Downgrade security profile - Rejected',
  area: 'security',
  useCase: { '2.0.1': 'A05 Upgrade Charging Station Security Profile / B09 Setting a new NetworkConnectionProfile', '1.6': '1.6 Security Whitepaper: A05 Upgrade Charge Point Security Profile' },
  requirements: { '2.0.1': ['B09.FR.04'], '1.6': ['A05.FR.01'] },
  catches: ['secprofile.allowsDowngrade'],
  expectation: 'The station runs security profile 2. 2.0.1: a SetNetworkProfile with a profile 1 connection is Rejected (B09.FR.04: lower than SecurityProfile). 1.6: ChangeConfiguration SecurityProfile = 1 is Rejected (whitepaper A05.FR.01), nothing changes and the station stays connected.',
  source: 'OCTT TC_A_22_CS (B09.FR.04), TC_084_CS (ChangeConfiguration SecurityProfile current - 1).',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const rule = ocpp.rule({ '2.0.1': 'B09.FR.04', '1.6': 'A05.FR.01' });
  if (ocpp.version === '2.0.1') {
    const { free } = await slots(ocpp);
    await csms.callExpecting('SetNetworkProfile', { configurationSlot: free, connectionData: connectionData(ocpp, 1) }, { status: 'Rejected' }, { rule });
  } else {
    // A faulty station that accepts would downgrade: put profile 2 back afterwards.
    ocpp.configured.push({ setting: SECURITY_PROFILE, previous: '2' });
    const status = await ocpp.setSetting(SECURITY_PROFILE, '1', oneOf('Rejected', 'NotSupported'), { rule });
    ocpp.configured.pop();
    test.skip(status === 'NotSupported', 'the Charge Point has no SecurityProfile configuration key (security whitepaper A05)');
  }
  await csms.waitForConnection({ rule, within: csms.timing.messageTimeout });
});
