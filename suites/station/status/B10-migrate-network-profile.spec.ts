/**
 * Migrate to a new NetworkConnectionProfile (2.0.1 B10, with B09), same CSMS root: a second
 * listener of the harness CSMS (`endpoints.open`) is the "new CSMS"; the station is given a
 * profile for it, the priority naming it first, and a Reset OnIdle. It must connect there
 * (B10.FR.04), or, when the new one cannot be reached, fall back to the old profile after
 * NetworkProfileConnectionAttempts attempts (B10.FR.03).
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { ATTEMPTS, B10, currentProfile, expectBooted, expectFallback, migrate } from '../security/network-profile';

ocppCase({
  ids: { '2.0.1': 'TC_B_45_CS' }, title: 'Migrate to new ConnectionProfile - Success - Same CSMS Root', area: 'status',
  useCase: B10,
  requirements: { '2.0.1': ['B09.FR.01', 'B10.FR.01', 'B10.FR.04', 'B01.FR.03'] },
  catches: ['netprofile.ignoresPriority'],
  expectation: 'The CSMS stores a profile for a second CSMS endpoint (same security profile, same root) in a free slot, puts it first in NetworkConfigurationPriority (Accepted or RebootRequired) and resets the station OnIdle: after the reboot it connects to the new endpoint (B10.FR.04), boots and reports its connectors.',
  source: 'OCTT TC_B_45_CS (EVtivity: the request steps only); the connection checks are B10.FR.04 and B01.FR.03.',
}, async ({ booted, csms, ocpp, endpoints, securityProfile }) => {
  const profile = await currentProfile(ocpp, securityProfile);
  const next = await endpoints.open({ securityProfile: Math.min(profile, 2) as 0 | 1 | 2 });
  const { reset } = await migrate(ocpp, next.url, profile);
  await csms.waitForConnection({ rule: 'B10.FR.04', within: csms.timing.rebootTimeout, after: reset });
  if (csms.session?.via !== next.label) throw csms.failure('B10.FR.04', `after the reboot, a connection to the first entry of NetworkConfigurationPriority (${next.url})`, 'the station connected with its old profile (the main CSMS endpoint)');
  await expectBooted(ocpp, booted.connectors, reset);
});

for (const which of ['B_46', 'B_49'] as const) {
  ocppCase({
    ids: { '2.0.1': `TC_${which}_CS` },
    title: which === 'B_46' ? 'Migrate to new ConnectionProfile - Fallback mechanism - Same CSMS Root' : 'Migrate to new ConnectionProfile - Fallback after NetworkProfileConnectionAttempts',
    area: 'status', useCase: B10,
    requirements: { '2.0.1': ['B09.FR.01', 'B10.FR.01', 'B10.FR.03', 'B01.FR.03'] },
    catches: ['netprofile.neverFallsBack', 'netprofile.fallsBackEarly'],
    expectation: which === 'B_46'
      ? 'The new profile (first in NetworkConfigurationPriority after a Reset OnIdle) names a CSMS endpoint that refuses every connection: the station makes NetworkProfileConnectionAttempts attempts there, then connects with its old profile (B10.FR.03), boots and reports its connectors.'
      : 'As the fallback case, with NetworkProfileConnectionAttempts set to 2 first: the station makes 2 attempts on the unreachable new profile, then connects with its old one (B10.FR.03).',
    source: `OCTT TC_${which}_CS (EVtivity: the request steps only). The refusing endpoint counts each attempt (an HTTP upgrade answered 503); fewer than NetworkProfileConnectionAttempts before the old profile fails B10.FR.03.`,
  }, async ({ booted, ocpp, endpoints, securityProfile }) => {
    if (which === 'B_49') await ocpp.configure(ATTEMPTS, '2');
    const attempts = Number(await ocpp.getSetting(ATTEMPTS, 'value', { rule: 'B06.FR.10' }));
    const profile = await currentProfile(ocpp, securityProfile);
    const next = await endpoints.open({ securityProfile: Math.min(profile, 2) as 0 | 1 | 2, refuse: true });
    const { reset } = await migrate(ocpp, next.url, profile);
    await expectFallback(ocpp, next, attempts, reset);
    await expectBooted(ocpp, booted.connectors, reset);
  });
}
