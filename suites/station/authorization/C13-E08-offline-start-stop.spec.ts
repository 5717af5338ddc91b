/** 1.6 offline start and offline stop of a transaction (1.6 §3.5, §3.7, §9.1 LocalAuthorizeOffline; OCTT TC_037_1_CS, TC_038_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';
import { absent, oneOf } from '../../../harness/model/match';
import { cacheToken } from './C10-cache-state';

const LONG_OFFLINE = 600; // the case ends the offline period itself

ocppCase({
  ids: { '1.6': 'TC_037_1_CS' }, title: 'Offline Start Transaction - Valid IdTag', area: 'authorization',
  useCase: { '1.6': '1.6 §3.5 Local Authorization & Offline Behavior' },
  needs: [needs.writable(SETTINGS.cacheEnabled)],
  requirements: { '1.6': ['1.6§9.1.LocalAuthorizeOffline', '1.6§3.7', '1.6§3.5.4', '1.6§4.9'] },
  catches: ['auth.ignoresLocalAuthorizeOffline', 'auth.offlineLosesTransaction'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'Offline, with LocalAuthorizeOffline, an idTag the cache holds as Accepted starts a transaction (energy flows); back online the Charge Point delivers the StartTransaction and reports the connector Charging.',
  source: 'OCTT TC_037_1_CS allows the idTag in the local list or the cache; this case uses the cache (the list is TC_039_CS).',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localAuthorizeOffline, 'true');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  const down = await csms.goOffline(LONG_OFFLINE);
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  await hardware.expectRelay(c, true, '1.6§9.1.LocalAuthorizeOffline');
  const back = csms.comeBackOnline();
  // OCPP-J 1.6 has no reconnect rule, but the queued StartTransaction must be delivered (§3.7), which needs the connection back.
  await csms.waitForConnection({ rule: '1.6§3.7', within: csms.timing.messageTimeout, after: down });
  await auth.expectTransactionStarted(c, tokens.valid, { rule: '1.6§3.7, 1.6§3.5.4', after: down });
  await ocpp.expectStatus(c, { '1.6': 'Charging' }, { rule: '1.6§4.9', after: back });
});

ocppCase({
  ids: { '1.6': 'TC_038_CS' }, title: 'Offline Stop Transaction', area: 'authorization',
  useCase: { '1.6': '1.6 §3.7 Transaction-related messages' },
  requirements: { '1.6': ['1.6§3.7', '1.6§4.10'] },
  catches: ['auth.offlineLosesTransaction'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'A transaction stopped by its idTag while the Charge Point is offline is delivered after reconnection: StopTransaction with reason Local (or none) for that transaction.',
  source: 'OCTT TC_038_CS also expects StatusNotification Finishing after the restore "(may swap)"; 1.6 gives no rule for reporting a status change that happened offline, so the case does not require it.',
}, async ({ charging, auth, csms, hardware }) => {
  const c = charging.connector;
  const down = await csms.goOffline(LONG_OFFLINE);
  await hardware.presentCard(charging.idToken, c);
  await hardware.expectRelay(c, false, '1.6§4.10');
  csms.comeBackOnline();
  await csms.waitForConnection({ rule: '1.6§3.7', within: csms.timing.messageTimeout, after: down });
  await csms.expectCall('StopTransaction', { transactionId: Number(charging.transactionId), reason: oneOf('Local', absent()) }, { rule: '1.6§3.7, 1.6§4.10', after: down });
});
