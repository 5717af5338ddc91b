/** The Authorization Cache: tokens cached with another status, DisablePostAuthorize, persistence, updates and life time (2.0.1 C10, C12; OCTT TC_C_09/11/12/13/32/33/34/46/57_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';
import { cacheToken } from './C10-cache-state';

const useCase = { '2.0.1': 'C10 Store Authorization Data in the Authorization Cache, C12 Start Transaction - Cached Id' };
const cacheNeeds = [needs.writable(SETTINGS.cacheEnabled)];

for (const [status, id, title] of [['Invalid', 'TC_C_09_CS', 'Invalid & Not Accepted'], ['Expired', 'TC_C_11_CS', 'Expired']] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title: `Authorization through authorization cache - ${title}`, area: 'authorization', useCase,
    needs: cacheNeeds,
    requirements: { '2.0.1': ['C10.FR.03', 'C12.FR.05', 'C01.FR.01'] },
    catches: ['auth.trustsLocalRejection'],
    actions: ['plugIn', 'presentCard', 'unplug'],
    expectation: `A token cached as ${status} is checked with the CSMS again (AuthorizeRequest); answered ${status}, no transaction starts.`,
  }, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
    const c = booted.connectors[0];
    const token = status === 'Invalid' ? tokens.invalid : tokens.expired;
    await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
    await ocpp.configure(SETTINGS.cacheDisablePostAuthorize, 'false');
    await cacheToken(ocpp, auth, hardware, c, token, status);
    const mark = csms.mark(`present the token cached as ${status}`);
    await hardware.plugIn(c);
    await hardware.presentCard(token, c);
    await auth.expectAuthorize(token, { rule: 'C10.FR.03, C12.FR.05', after: mark });
    await auth.expectNoTransactionStart({ rule: 'C01.FR.01', after: mark, because: `for a token answered ${status}` });
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_12_CS' }, title: 'Authorization through authorization cache - Invalid & Accepted', area: 'authorization', useCase,
  needs: cacheNeeds,
  requirements: { '2.0.1': ['C10.FR.03', 'C12.FR.05', 'C01.FR.01'] },
  catches: ['auth.trustsLocalRejection'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'A token cached as Invalid that the CSMS now accepts: the station asks (AuthorizeRequest), is answered Accepted, and starts charging.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.cacheDisablePostAuthorize, 'false');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid, 'Invalid');
  auth.replyAuthorize(tokens.valid, 'Accepted');
  const mark = csms.mark('present the token cached as Invalid, now valid');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: 'C10.FR.03, C12.FR.05', after: mark });
  await auth.expectTransactionStarted(c, tokens.valid, { rule: 'C01.FR.01', after: mark });
  await hardware.expectRelay(c, true, 'C01.FR.01');
});

ocppCase({
  ids: { '2.0.1': 'TC_C_57_CS' }, title: 'Authorization through authorization cache - AuthCacheDisablePostAuthorize', area: 'authorization', useCase,
  needs: [...cacheNeeds, needs.writable(SETTINGS.cacheDisablePostAuthorize)],
  requirements: { '2.0.1': ['Part2§AuthCacheDisablePostAuthorize', 'C01.FR.01'] },
  catches: ['auth.ignoresDisablePostAuthorize'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'With AuthCacheCtrlr.DisablePostAuthorize true, a token cached as Invalid is refused without an AuthorizeRequest, and no transaction starts.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await cacheToken(ocpp, auth, hardware, c, tokens.invalid, 'Invalid');
  await ocpp.configure(SETTINGS.cacheDisablePostAuthorize, 'true');
  const mark = csms.mark('present the token cached as Invalid');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.invalid, c);
  await csms.expectNoCall(auth.isAuthorize(tokens.invalid), {}, { rule: 'Part2§AuthCacheDisablePostAuthorize', forSeconds: csms.timing.messageTimeout / 2, after: mark, because: 'with DisablePostAuthorize true' });
  await auth.expectNoTransactionStart({ rule: 'C01.FR.01', after: mark, because: 'for a token cached as Invalid' });
});

ocppCase({
  ids: { '2.0.1': 'TC_C_13_CS' }, title: 'Authorization through authorization cache - Accepted but cable not connected yet', area: 'authorization', useCase,
  needs: cacheNeeds,
  requirements: { '2.0.1': ['C12.FR.02', 'C12.FR.04'] },
  catches: ['auth.ignoresLocalPreAuthorize'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'A token cached as Accepted, presented before the cable, is authorized from the cache; once the cable is plugged in the transaction runs and energy flows. 2.0.1 C01.FR.05 allows (MAY) an Authorize for a cached token: one is a soft finding citing C12.FR.02.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  const mark = csms.mark('present the cached token, no cable yet');
  await hardware.presentCard(tokens.valid, c);
  const started = auth.expectTransactionStarted(c, tokens.valid, { rule: 'C12.FR.02', after: mark });
  await hardware.plugIn(c);
  await ocpp.should(() => csms.expectNoCall(auth.isAuthorize(tokens.valid), {}, { rule: 'C12.FR.02', until: started, after: mark, because: 'for a token accepted in the cache' }));
  await started;
  await hardware.expectRelay(c, true, 'C12.FR.04');
});

ocppCase({
  ids: { '2.0.1': 'TC_C_32_CS' }, title: 'Store Authorization Data in the Authorization Cache - Persistent over reboot', area: 'authorization', useCase,
  needs: cacheNeeds,
  requirements: { '2.0.1': ['C10.FR.02', 'C12.FR.02', 'C12.FR.04'] },
  catches: ['auth.cacheLostOnReboot'],
  actions: ['plugIn', 'presentCard', 'unplug', 'powerCycle'],
  expectation: 'A token cached before a power cycle is still authorized from the cache after it (no AuthorizeRequest) and the transaction starts. C10.FR.02 is a SHOULD: an Authorize after the reboot is a soft finding.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  const cycle = csms.mark('power cycle');
  await hardware.powerCycle();
  const boot = await csms.expectCall('BootNotification', {}, { rule: 'B01.FR.01', within: csms.timing.rebootTimeout, after: cycle });
  await ocpp.expectStatuses(booted.connectors, 'Available', { rule: 'B01.FR.05', after: boot.entry });
  const mark = csms.mark('present the token cached before the reboot');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  const started = auth.expectTransactionStarted(c, tokens.valid, { rule: 'C12.FR.02', after: mark });
  await ocpp.should(() => csms.expectNoCall(auth.isAuthorize(tokens.valid), {}, { rule: 'C10.FR.02', until: started, after: mark, because: 'for a token cached before the reboot' }));
  await started;
  await hardware.expectRelay(c, true, 'C12.FR.04');
});

ocppCase({
  ids: { '2.0.1': 'TC_C_34_CS' }, title: 'Store Authorization Data in the Authorization Cache - Update on TransactionResponse', area: 'authorization', useCase,
  needs: cacheNeeds,
  requirements: { '2.0.1': ['C10.FR.05', 'C12.FR.06', 'C10.FR.03'] },
  catches: ['auth.cacheKeepsFirstVerdict'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'A token cached as Accepted that the CSMS answers Invalid in the TransactionEventResponse is cached as Invalid: presented again, it goes to the CSMS in an AuthorizeRequest.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.cacheDisablePostAuthorize, 'false');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  auth.replyTransactionStart(tokens.valid, 'Invalid');
  auth.replyAuthorize(tokens.valid, 'Invalid');
  const first = csms.mark('present the cached token, the CSMS now says Invalid');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  await auth.expectTransactionStarted(c, tokens.valid, { rule: 'C12.FR.02', after: first });
  await hardware.unplug(c);
  await ocpp.expectStatus(c, 'Available', { rule: 'G01.FR.04', after: first });
  const second = csms.mark('present the token again');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  // C10.FR.05, C12.FR.06: the cache now holds Invalid, so C10.FR.03 makes the station ask.
  await auth.expectAuthorize(tokens.valid, { rule: 'C10.FR.05, C12.FR.06, C10.FR.03', after: second });
});

ocppCase({
  ids: { '2.0.1': 'TC_C_46_CS' }, title: 'Store Authorization Data in the Authorization Cache - AuthCacheLifeTime', area: 'authorization', useCase,
  needs: [...cacheNeeds, needs.writable(SETTINGS.cacheLifeTime)],
  requirements: { '2.0.1': ['C10.FR.08', 'C01.FR.02'] },
  catches: ['auth.ignoresCacheLifeTime'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'A cache entry unused for AuthCacheCtrlr.LifeTime is gone: the token, presented after that time, is sent to the CSMS in an AuthorizeRequest.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  // OCTT: LifeTime = <Configured Transaction Duration>; long enough for the cached session itself to end in time.
  const lifeTime = 40;
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.cacheLifeTime, String(lifeTime));
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  const idle = csms.mark('cache entry unused');
  // The entry's life time passes (OCTT: wait <Configured Transaction Duration>): the harness lets it run out on the station's clock.
  await csms.expectNoCall(auth.isTransactionStart(), {}, { rule: 'C10.FR.08', forSeconds: lifeTime + csms.timing.messageTimeout / 3, after: idle, because: 'while the cache entry runs out' });
  const mark = csms.mark('present the token after its cache life time');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: 'C10.FR.08, C01.FR.02', after: mark });
});

ocppCase({
  ids: { '2.0.1': 'TC_C_33_CS' }, title: 'Store Authorization Data in the Authorization Cache - Update on AuthorizeResponse', area: 'authorization', useCase,
  needs: cacheNeeds,
  requirements: { '2.0.1': ['C10.FR.04', 'C12.FR.06', 'C12.FR.02'] },
  catches: ['auth.ignoresLocalPreAuthorize'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'A token authorized online (AuthorizeResponse Accepted) is cached: presented again after the session, it starts a transaction without an AuthorizeRequest. C01.FR.05 allows (MAY) an Authorize for a cached token: one is a soft finding citing C10.FR.04.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  // OCTT: LocalAuthListEnabled true; the list holds nothing of this token, so the cache decides.
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  auth.replyTransactionStart(tokens.valid, 'Invalid');
  const mark = csms.mark('present the same token again');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  const started = auth.expectTransactionStarted(c, tokens.valid, { rule: 'C12.FR.02', after: mark });
  await ocpp.should(() => csms.expectNoCall(auth.isAuthorize(tokens.valid), {}, { rule: 'C10.FR.04, C12.FR.02', until: started, after: mark, because: 'for a token the AuthorizeResponse put in the cache' }));
  await started;
});
