/** Network connection profiles (2.0.1 B09 Setting a new NetworkConnectionProfile; OCTT TC_B_43_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { ProvisioningDriver } from '../../../harness/judge/as-csms/provisioning-driver';

ocppCase({
  ids: { '2.0.1': 'TC_B_43_CS' }, title: 'Set new NetworkConnectionProfile - Rejected', area: 'status',
  useCase: { '2.0.1': 'B09 Setting a new NetworkConnectionProfile' },
  requirements: { '2.0.1': ['B09.FR.02', 'B09.FR.05'] },
  catches: ['netprofile.acceptsAnySlot'],
  expectation: 'SetNetworkProfile for configurationSlot 999 (not a slot of NetworkConfigurationPriority) is Rejected.',
}, async ({ booted, csms, ocpp, securityProfile }) => {
  void booted;
  // The profile is valid but for its slot: the station's own security profile (B09.FR.04 refuses a lower one), else the configured one.
  const [current] = await new ProvisioningDriver(ocpp).getVariables([{ component: 'SecurityCtrlr', variable: 'SecurityProfile' }], 'B06.FR.10');
  const profile = current.attributeStatus === 'Accepted' && /^[0-3]$/.test(current.attributeValue ?? '') ? Number(current.attributeValue) : securityProfile;
  const connectionData = { messageTimeout: csms.timing.messageTimeout, ocppCsmsUrl: 'wss://csms.example.com/ocpp', ocppInterface: 'Wired0', ocppTransport: 'JSON', ocppVersion: 'OCPP20', securityProfile: profile };
  await csms.callExpecting('SetNetworkProfile', { configurationSlot: 999, connectionData }, { status: 'Rejected' }, { rule: 'B09.FR.02, B09.FR.05' });
});
