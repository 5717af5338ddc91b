/** Offline starts whose token the CSMS answers Invalid after reconnection: MaxEnergyOnInvalidId, and the unknown id (2.0.1 C15, C12; OCTT TC_C_15/18/26_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';
import { CALL, type CallFrame } from '../../../harness/protocol/rpc';
import type { FrameEntry } from '../../../harness/transport/journal';
import { cacheToken } from './C10-cache-state';

const LONG_OFFLINE = 600; // the case ends the offline period itself
const useCase = { '2.0.1': 'C12 Start Transaction - Cached Id, C15 Offline Authorization of unknown Id' };

for (const [stop, id, maxWh] of [[false, 'TC_C_15_CS', 10000], [true, 'TC_C_18_CS', 500]] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title: `Authorization through authorization cache - StopTxOnInvalidId = ${stop}, MaxEnergyOnInvalidId > 0`, area: 'authorization', useCase,
    needs: [needs.writable(SETTINGS.cacheEnabled), needs.writable(SETTINGS.maxEnergyOnInvalidId)],
    requirements: { '2.0.1': ['C15.FR.02', ...(stop ? ['C15.FR.03', 'C15.FR.04'] : ['C15.FR.07'])] },
    catches: [stop ? 'auth.ignoresStopTxOnInvalidId' : 'auth.ignoresMaxEnergyOnInvalidId'],
    actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
    expectation: stop
      ? 'A cached token starts offline; answered Invalid after reconnection, StopTxOnInvalidId true wins over MaxEnergyOnInvalidId: the transaction is deauthorized and energy stops.'
      : `A cached token starts offline; answered Invalid after reconnection with StopTxOnInvalidId false and MaxEnergyOnInvalidId ${maxWh} Wh, energy goes on: no Deauthorized, no SuspendedEVSE.`,
  }, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
    const c = booted.connectors[0];
    await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
    await ocpp.configure(SETTINGS.localAuthorizeOffline, 'true');
    await ocpp.configure(SETTINGS.stopTxOnInvalidId, String(stop));
    await ocpp.configure(SETTINGS.maxEnergyOnInvalidId, String(maxWh));
    await cacheToken(ocpp, auth, hardware, c, tokens.valid);
    auth.replyTransactionStart(tokens.valid, 'Invalid');
    await hardware.plugIn(c);
    const down = await csms.goOffline(LONG_OFFLINE);
    await hardware.presentCard(tokens.valid, c);
    await hardware.expectRelay(c, true, 'C12.FR.04');
    csms.comeBackOnline();
    await csms.waitForConnection({ rule: 'Part4§5.3', within: csms.timing.messageTimeout, after: down });
    const started = await auth.expectTransactionStarted(c, tokens.valid, { rule: 'C15.FR.02', after: down }, { offline: true });
    if (stop) {
      await auth.expectDeauthorized({ rule: 'C15.FR.03, C15.FR.04', after: started.entry });
      await hardware.expectRelay(c, false, 'C15.FR.03, C15.FR.04');
      return;
    }
    const cut = (e: FrameEntry): boolean => {
      if (e.frame?.type !== CALL || e.frame.action !== 'TransactionEvent') return false;
      const p = (e.frame as CallFrame).payload as { triggerReason?: string; transactionInfo?: { chargingState?: string } };
      return p.triggerReason === 'Deauthorized' || p.transactionInfo?.chargingState === 'SuspendedEVSE';
    };
    await csms.expectNoCall(cut, {}, { rule: 'C15.FR.07', forSeconds: csms.timing.messageTimeout / 2, after: started.entry, because: 'while MaxEnergyOnInvalidId is not delivered' });
    await hardware.expectRelay(c, true, 'C15.FR.07');
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_26_CS' }, title: 'Offline Authorization - Unknown Id', area: 'authorization', useCase: { '2.0.1': 'C15 Offline Authorization of unknown Id, C13' },
  needs: [needs.writable(SETTINGS.offlineUnknown)],
  requirements: { '2.0.1': ['C15.FR.02', 'C15.FR.06', 'C15.FR.08', 'C13.FR.04', 'C01.FR.03'] },
  catches: ['auth.ignoresStopTxOnInvalidId'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'Offline, an unknown token starts a transaction (OfflineTxForUnknownIdEnabled); after reconnection the queued events are sent with offline = true, the start is answered Invalid and the station suspends (SuspendedEVSE, StopTxOnInvalidId false); the token then stops it (StopAuthorized).',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.localAuthorizeOffline, 'true');
  await ocpp.configure(SETTINGS.offlineUnknown, 'true');
  await ocpp.configure(SETTINGS.stopTxOnInvalidId, 'false');
  await ocpp.configure(SETTINGS.maxEnergyOnInvalidId, '0');
  auth.replyTransactionStart(tokens.unknown, 'Invalid');
  const down = await csms.goOffline(LONG_OFFLINE);
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.unknown, c);
  await hardware.expectRelay(c, true, 'C15.FR.08, C13.FR.04');
  csms.comeBackOnline();
  await csms.waitForConnection({ rule: 'Part4§5.3', within: csms.timing.messageTimeout, after: down });
  const started = await auth.expectTransactionStarted(c, tokens.unknown, { rule: 'C15.FR.02', after: down }, { offline: true });
  await auth.expectSuspended(c, { rule: 'C15.FR.06', after: started.entry });
  await hardware.expectRelay(c, false, 'C15.FR.06');
  const mark = csms.mark('present the token that started the transaction');
  await hardware.presentCard(tokens.unknown, c);
  await auth.expectStopAuthorized({ rule: 'C01.FR.03', after: mark });
  await hardware.unplug(c);
});
