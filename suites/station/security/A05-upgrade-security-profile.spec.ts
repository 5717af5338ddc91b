/**
 * Upgrade of the security profile, accepted, from profile 1 to 2. 2.0.1 (A05 with B09/B10): the
 * station is given the CSMS root, a profile 2 connection to a second listener of the harness CSMS
 * (wss://, the run's test CA) and a priority naming it first; after a Reset OnIdle it connects
 * with it (A05.FR.05), then runs profile 2 and drops its lower profiles (A05.FR.06). 1.6 (security
 * whitepaper A05): ChangeConfiguration SecurityProfile = 2; the Charge Point disconnects and
 * reconnects to the same address with profile 2 (WP A05.FR.06/07), where the harness now also
 * speaks TLS, as OCTT restarts its server at the higher profile; after the Reset it boots there.
 */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { needs } from '../../../harness/model/profile';
import { raiseProfile } from './network-profile';

test.use({ securityProfile: 1 });

ocppCase({
  ids: { '2.0.1': 'TC_A_19_CS', '1.6': 'TC_083_CS' },
  title: 'Upgrade Charging Station Security Profile - Accepted',
  area: 'security',
  useCase: { '2.0.1': 'A05 Upgrade Charging Station Security Profile', '1.6': '1.6 Security Whitepaper: A05 Upgrade Charge Point Security Profile' },
  requirements: { '2.0.1': ['M05.FR.02', 'B09.FR.01', 'A05.FR.04', 'A05.FR.05', 'A05.FR.06', 'B01.FR.03'], '1.6': ['M05.FR.02', 'A05.FR.05', 'A05.FR.06', 'A05.FR.07', '1.6§5.14'] },
  catches: { '2.0.1': ['netprofile.ignoresPriority', 'secprofile.keepsLowerProfiles'], '1.6': ['secprofile.keepsOldProfile'] },
  expectation: 'The station runs security profile 1 and is given the CSMS root certificate (CertificateInstalled). 2.0.1: a profile 2 connection in a free slot, first in NetworkConfigurationPriority (Accepted: A05.FR.04), then Reset OnIdle: it connects with the profile 2 connection (A05.FR.05), boots, reports SecurityProfile 2 and no longer lists the profile 1 slot (A05.FR.06). 1.6: ChangeConfiguration SecurityProfile = 2 is Accepted (WP A05.FR.05); the Charge Point reconnects with profile 2, over TLS to the same address (WP A05.FR.06/07); after the Reset it boots on profile 2.',
  source: 'OCTT TC_A_19_CS and TC_083_CS (from profile 1). 2.0.1 "no more attempts on the old profile" is judged where A05.FR.06 puts it: the lower profile leaves NetworkConfigurationPriority. 1.6: the title is OCTT\'s "Upgrade security profile" (TC_083_CS), the 2.0.1 title is shown for both.',
  needs: [needs.mayRaiseSecurityProfile()],
  actions: ['the station trusts the CSMS root certificate the harness installs (the run\'s test CA)'],
}, async ({ booted, ocpp, endpoints, pki }) => {
  await raiseProfile(ocpp, endpoints, pki.ca.certPem, booted.connectors);
});
