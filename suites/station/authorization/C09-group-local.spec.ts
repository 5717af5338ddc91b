/** Authorization by GroupId with the Local Authorization List and the Authorization Cache (2.0.1 C09; OCTT TC_C_40/41/43/44_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import type { AuthDriver } from '../../../harness/judge/as-csms/auth-driver';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import type { ConnectorRef } from '../../../harness/model/layout';
import { needs } from '../../../harness/model/profile';
import type { Hardware } from '../../../fixtures/hardware';
import { cacheToken } from './C10-cache-state';

const useCase = { '2.0.1': 'C09 Authorization by GroupId' };
type Store = 'list' | 'cache';
const storeNeeds = (store: Store) => (store === 'list' ? [needs.feature('LocalAuthListManagement'), needs.writable(SETTINGS.listEnabled)] : [needs.writable(SETTINGS.cacheEnabled)]);

/** OCTT memory state: the tokens (token, status) with the group in the local list or the cache; LocalPreAuthorize on. */
async function storeGroup(store: Store, ocpp: OcppDriver, auth: AuthDriver, hardware: Hardware, c: ConnectorRef, group: string, entries: [string, string][]): Promise<void> {
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  if (store === 'list') {
    await ocpp.configure(SETTINGS.listEnabled, 'true');
    await auth.sendLocalList(6, 'Full', entries.map(([token, status]) => ({ token, status, groupId: group })), 'Accepted', { rule: 'D01.FR.15' });
    return;
  }
  await ocpp.configure(SETTINGS.cacheDisablePostAuthorize, 'false');
  for (const [token, status] of entries) await cacheToken(ocpp, auth, hardware, c, token, status, group);
}

for (const [store, id] of [['list', 'TC_C_40_CS'], ['cache', 'TC_C_41_CS']] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title: `Authorization by GroupId - Success with ${store === 'list' ? 'Local Authorization List' : 'Authorization Cache'}`, area: 'authorization', useCase,
    needs: storeNeeds(store),
    requirements: { '2.0.1': ['C09.FR.03', 'C09.FR.07', 'C12.FR.02'] },
    catches: ['auth.ignoresGroup'],
    actions: ['plugIn', 'presentCard', 'unplug'],
    expectation: `Two valid tokens of one group in the ${store === 'list' ? 'local list' : 'cache'}: the first starts the transaction, the second stops it (StopAuthorized) without an AuthorizeRequest.`,
  }, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
    const c = booted.connectors[0];
    await storeGroup(store, ocpp, auth, hardware, c, tokens.group, [[tokens.valid, 'Accepted'], [tokens.valid2, 'Accepted']]);
    auth.replyTransactionStart(tokens.valid, 'Accepted', tokens.group);
    await hardware.plugIn(c);
    const mark = csms.mark('present the first token of the group');
    await hardware.presentCard(tokens.valid, c);
    await auth.expectTransactionStarted(c, tokens.valid, { rule: 'C12.FR.02', after: mark });
    const second = csms.mark('present the second token of the group');
    await hardware.presentCard(tokens.valid2, c);
    const stopped = auth.expectStopAuthorized({ rule: 'C09.FR.03, C09.FR.07', after: second });
    // C09.FR.07: a valid token of the group held locally ends the authorization without an AuthorizeRequest first.
    await csms.expectNoCall(auth.isAuthorize(tokens.valid2), {}, { rule: 'C09.FR.07', until: stopped, after: second, because: `for a token of the group in the ${store}` });
    await stopped;
  });
}

for (const [store, id] of [['list', 'TC_C_43_CS'], ['cache', 'TC_C_44_CS']] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title: `Authorization by GroupId - Invalid status with ${store === 'list' ? 'Local Authorization List' : 'Authorization Cache'}`, area: 'authorization', useCase,
    needs: storeNeeds(store),
    requirements: { '2.0.1': ['C09.FR.11', store === 'list' ? 'C14.FR.03' : 'C10.FR.03'] },
    catches: ['auth.groupStopIgnoresStatus'],
    actions: ['plugIn', 'presentCard', 'unplug'],
    expectation: `A valid and an invalid token of one group in the ${store === 'list' ? 'local list' : 'cache'}: the valid one starts the transaction; the invalid one is checked with the CSMS (answered Invalid with the group) and does not stop it.`,
  }, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
    const c = booted.connectors[0];
    await storeGroup(store, ocpp, auth, hardware, c, tokens.group, [[tokens.valid, 'Accepted'], [tokens.invalid, 'Invalid']]);
    auth.replyTransactionStart(tokens.valid, 'Accepted', tokens.group);
    auth.replyAuthorize(tokens.invalid, 'Invalid', tokens.group);
    await hardware.plugIn(c);
    const mark = csms.mark('present the valid token of the group');
    await hardware.presentCard(tokens.valid, c);
    await auth.expectTransactionStarted(c, tokens.valid, { rule: 'C12.FR.02', after: mark });
    const second = csms.mark('present the invalid token of the group');
    await hardware.presentCard(tokens.invalid, c);
    await auth.expectAuthorize(tokens.invalid, { rule: store === 'list' ? 'C14.FR.03' : 'C10.FR.03', after: second });
    await csms.expectNoCall(auth.isStop(), {}, { rule: 'C09.FR.11', forSeconds: csms.timing.messageTimeout / 2, after: second, because: 'for a token of the group answered Invalid' });
    await hardware.expectRelay(c, true, 'C09.FR.11');
  });
}
