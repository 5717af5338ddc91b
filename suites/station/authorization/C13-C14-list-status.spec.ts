/** Authorization through the Local Authorization List for tokens not Accepted there, online and offline (2.0.1 C13, C14; OCTT TC_C_22/23/24/25/28/30/31/58_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';
import { cacheToken } from './C10-cache-state';

const listNeeds = [needs.feature('LocalAuthListManagement'), needs.writable(SETTINGS.listEnabled)];
const online = { '2.0.1': 'C14 Online Authorization through Local Authorization List' };
const offline = { '2.0.1': 'C13 Offline Authorization through Local Authorization List' };
const LONG_OFFLINE = 600; // the case ends the offline period itself

for (const [status, id] of [['Invalid', 'TC_C_28_CS'], ['Expired', 'TC_C_30_CS']] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title: `Online authorization through local authorization list - ${status === 'Invalid' ? 'Invalid & Not Accepted' : status}`, area: 'authorization', useCase: online,
    needs: listNeeds,
    requirements: { '2.0.1': ['C14.FR.03', 'C01.FR.01'] },
    catches: ['auth.trustsLocalRejection'],
    actions: ['plugIn', 'presentCard'],
    expectation: `A token ${status} in the local list is checked with the CSMS (AuthorizeRequest); answered ${status}, no transaction starts.`,
  }, async ({ evConnected, ocpp, auth, csms, hardware, tokens }) => {
    const token = status === 'Invalid' ? tokens.invalid : tokens.expired;
    await ocpp.configure(SETTINGS.listEnabled, 'true');
    await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
    await ocpp.configure(SETTINGS.listDisablePostAuthorize, 'false');
    await auth.sendLocalList(8, 'Full', [{ token, status }], 'Accepted', { rule: 'D01.FR.15' });
    auth.replyAuthorize(token, status);
    const mark = csms.mark(`present a token ${status} in the list`);
    await hardware.presentCard(token, evConnected.connector);
    await auth.expectAuthorize(token, { rule: 'C14.FR.03', after: mark });
    await auth.expectNoTransactionStart({ rule: 'C01.FR.01', after: mark, because: `for a token answered ${status}` });
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_31_CS' }, title: 'Online authorization through local authorization list - Invalid & Accepted', area: 'authorization', useCase: online,
  needs: listNeeds,
  requirements: { '2.0.1': ['C14.FR.03', 'C01.FR.01'] },
  catches: ['auth.trustsLocalRejection'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'A token Invalid in an outdated local list that the CSMS accepts: the station asks (AuthorizeRequest), is answered Accepted, and charges.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.listDisablePostAuthorize, 'false');
  await auth.sendLocalList(8, 'Full', [{ token: tokens.valid, status: 'Invalid' }], 'Accepted', { rule: 'D01.FR.15' });
  auth.replyAuthorize(tokens.valid, 'Accepted');
  const mark = csms.mark('present a token Invalid in the list, valid at the CSMS');
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: 'C14.FR.03', after: mark });
  await hardware.plugIn(c);
  await auth.expectTransactionStarted(c, tokens.valid, { rule: 'C01.FR.01', after: mark });
  await hardware.expectRelay(c, true, 'C01.FR.01');
});

ocppCase({
  ids: { '2.0.1': 'TC_C_58_CS' }, title: 'Online authorization through local authorization list - LocalAuthListDisablePostAuthorize', area: 'authorization', useCase: online,
  needs: [...listNeeds, needs.writable(SETTINGS.listDisablePostAuthorize)],
  requirements: { '2.0.1': ['Part2§LocalAuthListDisablePostAuthorize', 'C01.FR.01'] },
  catches: ['auth.ignoresDisablePostAuthorize'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'With LocalAuthListCtrlr.DisablePostAuthorize true, a token Invalid in the local list is refused without an AuthorizeRequest, and no transaction starts.',
}, async ({ evConnected, ocpp, auth, csms, hardware, tokens }) => {
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.listDisablePostAuthorize, 'true');
  await auth.sendLocalList(8, 'Full', [{ token: tokens.invalid, status: 'Invalid' }], 'Accepted', { rule: 'D01.FR.15' });
  const mark = csms.mark('present a token Invalid in the list');
  await hardware.presentCard(tokens.invalid, evConnected.connector);
  await csms.expectNoCall(auth.isAuthorize(tokens.invalid), {}, { rule: 'Part2§LocalAuthListDisablePostAuthorize', forSeconds: csms.timing.messageTimeout / 2, after: mark, because: 'with DisablePostAuthorize true' });
  await auth.expectNoTransactionStart({ rule: 'C01.FR.01', after: mark, because: 'for a token Invalid in the list' });
});

for (const [status, id] of [['Invalid', 'TC_C_22_CS'], ['Blocked', 'TC_C_23_CS'], ['Expired', 'TC_C_24_CS']] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title: `Offline authorization through local authorization list - ${status}`, area: 'authorization', useCase: offline,
    needs: listNeeds,
    requirements: { '2.0.1': ['C13.FR.02', 'Part4§5.3'] },
    catches: ['auth.offlineStartsNonAccepted'],
    actions: ['plugIn', 'presentCard'],
    expectation: `Offline (unknown ids not allowed), a token ${status} in the local list starts no transaction: after reconnection no transaction for it is reported.`,
  }, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
    const c = booted.connectors[0];
    const token = { Invalid: tokens.invalid, Blocked: tokens.blocked, Expired: tokens.expired }[status];
    await ocpp.configure(SETTINGS.listEnabled, 'true');
    await ocpp.configure(SETTINGS.localAuthorizeOffline, 'true');
    await ocpp.configure(SETTINGS.offlineUnknown, 'false');
    await auth.sendLocalList(9, 'Full', [{ token, status }], 'Accepted', { rule: 'D01.FR.15' });
    const down = await csms.goOffline(LONG_OFFLINE);
    await hardware.plugIn(c);
    await hardware.presentCard(token, c);
    csms.comeBackOnline();
    await csms.waitForConnection({ rule: 'Part4§5.3', within: csms.timing.messageTimeout, after: down });
    // C13.FR.02: offline only an Accepted list entry authorizes; a queued start for the token would show it did.
    await auth.expectNoTransactionStart({ rule: 'C13.FR.02', after: down, because: `for a token ${status} in the list, presented offline` });
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_25_CS' }, title: 'Offline authorization through local authorization list - Local Authorization List > Authorization Cache', area: 'authorization', useCase: { '2.0.1': 'C13 Offline Authorization through Local Authorization List, C14' },
  needs: [...listNeeds, needs.writable(SETTINGS.cacheEnabled), needs.writable(SETTINGS.offlineUnknown)],
  requirements: { '2.0.1': ['C13.FR.01', 'C14.FR.01', 'C13.FR.02'] },
  catches: ['auth.cacheBeforeList', 'auth.offlineStartsNonAccepted'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'A token Accepted in the cache but Invalid in the local list starts no transaction offline: the list has priority.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.localAuthorizeOffline, 'true');
  await ocpp.configure(SETTINGS.offlineUnknown, 'true');
  await ocpp.configure(SETTINGS.stopTxOnInvalidId, 'false');
  await cacheToken(ocpp, auth, hardware, c, tokens.valid);
  await auth.sendLocalList(9, 'Full', [{ token: tokens.valid, status: 'Invalid' }], 'Accepted', { rule: 'D01.FR.15' });
  await hardware.plugIn(c);
  const down = await csms.goOffline(LONG_OFFLINE);
  await hardware.presentCard(tokens.valid, c);
  csms.comeBackOnline();
  await csms.waitForConnection({ rule: 'Part4§5.3', within: csms.timing.messageTimeout, after: down });
  await auth.expectNoTransactionStart({ rule: 'C13.FR.01, C14.FR.01, C13.FR.02', after: down, because: 'for a token Invalid in the list (Accepted only in the cache), presented offline' });
});
