/** The Authorization Cache (2.0.1 C10, C11, C12; 1.6 §3.5.1, §5.4, §9.1 LocalPreAuthorize; OCTT TC_C_08/10/36/37/38_CS, TC_007_CS, TC_061_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';
import { cacheToken } from './C10-cache-state';

const useCase = { '2.0.1': 'C10 Store Authorization Data in the Authorization Cache, C11, C12', '1.6': '1.6 §3.5.1 Authorization Cache' };

ocppCase({
  ids: { '2.0.1': 'TC_C_08_CS', '1.6': 'TC_007_CS' }, title: 'Authorization through authorization cache - Accepted', area: 'authorization', useCase,
  needs: [needs.writable(SETTINGS.cacheEnabled)],
  requirements: { '2.0.1': ['C12.FR.02', 'C12.FR.04'], '1.6': ['1.6§9.1.LocalPreAuthorize'] },
  catches: ['auth.ignoresLocalPreAuthorize', 'tx.updatedAfterEnded'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'With LocalPreAuthorize, a token accepted in the cache starts a transaction (and energy flows) without an Authorize. 1.6: the key\'s definition makes that a SHALL; 2.0.1 C01.FR.05 allows (MAY) an Authorize for a cached token, so one is a soft finding citing C12.FR.02.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  const mark = csms.mark('second session with the cached token');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  const cached = { '1.6': '1.6§9.1.LocalPreAuthorize', '2.0.1': 'C12.FR.02' };
  const started = auth.expectTransactionStarted(c, tokens.valid, { rule: cached, after: mark });
  await ocpp.level({ '1.6': 'shall', '2.0.1': 'should' }, () => csms.expectNoCall(auth.isAuthorize(tokens.valid), {}, { rule: ocpp.rule(cached), until: started, after: mark, because: 'for a token accepted in the cache' }));
  await started;
  await hardware.expectRelay(c, true, ocpp.rule({ '1.6': '1.6§9.1.LocalPreAuthorize', '2.0.1': 'C12.FR.04' }));
});

ocppCase({
  ids: { '2.0.1': 'TC_C_37_CS', '1.6': 'TC_061_CS' }, title: 'Clear Authorization Data in Authorization Cache - Accepted', area: 'authorization', useCase,
  needs: [needs.writable(SETTINGS.cacheEnabled)],
  requirements: { '2.0.1': ['C11.FR.01', 'C11.FR.03', 'C01.FR.02'], '1.6': ['1.6§5.4', '1.6§4.1'] },
  catches: ['auth.cacheNotCleared'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'ClearCache is Accepted and really clears: the formerly cached token is sent to the CSMS in an Authorize again.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  await auth.clearCache('Accepted', { rule: { '1.6': '1.6§5.4', '2.0.1': 'C11.FR.03' } });
  const mark = csms.mark('present the formerly cached token');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  // Cleared as answered: the token is unknown again and goes to the CSMS (2.0.1 C11.FR.01, C01.FR.02; 1.6 §5.4, §4.1).
  await auth.expectAuthorize(tokens.valid, { rule: { '1.6': '1.6§5.4, 1.6§4.1', '2.0.1': 'C11.FR.01, C01.FR.02' }, after: mark });
});

ocppCase({
  ids: { '2.0.1': 'TC_C_38_CS' }, title: 'Clear Authorization Data in Authorization Cache - Rejected', area: 'authorization', useCase,
  requirements: { '2.0.1': ['C11.FR.04'] },
  catches: ['auth.clearCacheWhenDisabled'],
  expectation: 'With the cache disabled, ClearCache is answered Rejected.',
}, async ({ booted, ocpp, auth }) => {
  void booted;
  await ocpp.configure(SETTINGS.cacheEnabled, 'false');
  await auth.clearCache('Rejected', { rule: 'C11.FR.04' });
});

ocppCase({
  ids: { '2.0.1': 'TC_C_36_CS', '1.6': 'HX_TC_C_36_CS' }, title: 'Authorization through authorization cache - LocalPreAuthorize = false', area: 'authorization', useCase,
  needs: [needs.writable(SETTINGS.cacheEnabled)],
  requirements: { '2.0.1': ['C01.FR.01', 'C01.FR.02'], '1.6': ['1.6§9.1.LocalPreAuthorize', '1.6§4.1'] },
  catches: ['auth.preAuthorizesWhenDisabled'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'With LocalPreAuthorize false, even a cached token is authorized online; answered Invalid, no transaction starts. 1.6: the key\'s definition makes the online authorization a SHALL; 2.0.1 has no FR for it (only the AuthCtrlr.LocalPreAuthorize variable description): a start from the cache is a soft finding citing C01.FR.02.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'false');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  auth.replyAuthorize(tokens.valid, 'Invalid');
  const mark = csms.mark('present the cached token');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  const asked = await ocpp.level({ '1.6': 'shall', '2.0.1': 'should' }, () => auth.expectAuthorize(tokens.valid, { rule: { '1.6': '1.6§9.1.LocalPreAuthorize', '2.0.1': 'C01.FR.02' }, after: mark }));
  if (asked) await auth.expectNoTransactionStart({ rule: { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.01' }, after: mark, because: 'for a token answered Invalid' });
});

ocppCase({
  ids: { '2.0.1': 'TC_C_10_CS', '1.6': 'HX_TC_C_10_CS' }, title: 'Authorization through authorization cache - Blocked', area: 'authorization', useCase,
  needs: [needs.writable(SETTINGS.cacheEnabled)],
  requirements: { '2.0.1': ['C10.FR.03', 'C12.FR.05'], '1.6': ['1.6§3.5.1', '1.6§4.1'] },
  catches: ['auth.trustsLocalRejection'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'A token cached as Blocked is checked with the CSMS again (AuthorizeRequest); answered Blocked, no transaction starts.',
  source: '1.6 counterpart (issue 15): §3.5.1 "an identifier ... stored in the cache as NOT-valid, and the Charge Point is online: an Authorization.req SHOULD be sent": a soft finding; starting no transaction for it is §4.1 (energy only after authorization).',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await cacheToken(ocpp, auth, hardware, c, tokens.blocked, 'Blocked');
  const mark = csms.mark('present the token cached as Blocked');
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.blocked, c);
  await ocpp.level({ '1.6': 'should', '2.0.1': 'shall' }, () => auth.expectAuthorize(tokens.blocked, { rule: { '1.6': '1.6§3.5.1', '2.0.1': 'C10.FR.03' }, after: mark }));
  await auth.expectNoTransactionStart({ rule: { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.01' }, after: mark, because: 'for a Blocked token' });
});
