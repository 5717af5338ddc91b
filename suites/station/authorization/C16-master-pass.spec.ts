/** Master pass: a token of AuthCtrlr.MasterPassGroupId stops transactions and never starts one (2.0.1 C16, C12.FR.09; OCTT TC_C_14/45/47/48/49_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import type { Hardware } from '../../../fixtures/hardware';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import type { ScriptedCsms } from '../../../harness/judge/as-csms/scripted-csms';
import { NotApplicable } from '../../../harness/model/errors';
import type { ConnectorRef } from '../../../harness/model/layout';
import { needs } from '../../../harness/model/profile';
import { CALL, type CallFrame } from '../../../harness/protocol/rpc';
import type { FrameEntry } from '../../../harness/transport/journal';

const useCase = { '2.0.1': 'C16 Stop Transaction with a Master Pass' };

/**
 * After a master pass was presented: on a station with a master pass UI (device profile) the user selects the
 * transactions of `refs` there (C16.FR.01); one without stops every transaction by itself (C16.FR.02). The rule that applies.
 */
async function masterPassStops(csms: ScriptedCsms, hardware: Hardware, refs: ConnectorRef[]): Promise<'C16.FR.01' | 'C16.FR.02'> {
  if (!csms.profile?.masterPassUi) return 'C16.FR.02';
  await hardware.selectTransactions(refs);
  return 'C16.FR.01';
}

/** A TransactionEvent that stops or ends the transaction `transactionId`. */
const stopping = (transactionId: string) => (e: FrameEntry): boolean => {
  if (e.frame?.type !== CALL || e.dir !== 'in' || e.frame.action !== 'TransactionEvent') return false;
  const p = (e.frame as CallFrame).payload as { eventType?: string; triggerReason?: string; transactionInfo?: { transactionId?: string } };
  return p.transactionInfo?.transactionId === transactionId && (p.eventType === 'Ended' || p.triggerReason === 'StopAuthorized');
};

ocppCase({
  ids: { '2.0.1': 'TC_C_45_CS' }, title: 'Authorization by GroupId - Master pass - Not able to start transaction + groupId', area: 'authorization', useCase,
  needs: [needs.writable(SETTINGS.masterPassGroupId)],
  requirements: { '2.0.1': ['C16.FR.03', 'C12.FR.09', 'C01.FR.02'] },
  catches: ['auth.masterPassStarts'],
  actions: ['presentCard', 'plugIn', 'observeRelay'],
  expectation: 'A token the CSMS accepts with the MasterPassGroupId as its group starts no transaction: presented, then the cable plugged in, no transaction for it and no charging.',
  source: 'OCTT TC_C_45_CS uses the configured master pass token (the harness: tokens.otherGroup, its group tokens.otherGroupId set as MasterPassGroupId).',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  const master = tokens.otherGroup;
  await ocpp.configure(SETTINGS.masterPassGroupId, tokens.otherGroupId);
  auth.replyAuthorize(master, 'Accepted', tokens.otherGroupId);
  const mark = csms.mark('present the master pass, no cable yet');
  await hardware.presentCard(master, c);
  await auth.expectAuthorize(master, { rule: 'C01.FR.02', after: mark });
  await hardware.plugIn(c);
  const rule = 'C16.FR.03, C12.FR.09';
  const started = (e: FrameEntry): boolean => {
    if (e.frame?.type !== CALL || e.frame.action !== 'TransactionEvent') return false;
    const p = (e.frame as CallFrame).payload as { idToken?: { idToken?: string }; transactionInfo?: { chargingState?: string } };
    return p.idToken?.idToken === master || p.transactionInfo?.chargingState === 'Charging';
  };
  await csms.expectNoCall(started, {}, { rule, forSeconds: csms.timing.messageTimeout / 2, after: mark, because: 'for a master pass token' });
  await hardware.expectRelay(c, false, rule);
});

ocppCase({
  ids: { '2.0.1': 'TC_C_49_CS' }, title: 'Stop Transaction with a Master Pass - Without UI', area: 'authorization', useCase,
  needs: [needs.writable(SETTINGS.masterPassGroupId), needs.masterPassUi(false)],
  requirements: { '2.0.1': ['C16.FR.02', 'C01.FR.02'] },
  catches: ['auth.ignoresMasterPass'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'On a station without a UI, a master pass stops every ongoing transaction (EVSE 1 and, if there is one, EVSE 2): energy stops on each, and each transaction ends with stoppedReason MasterPass.',
  source: 'OCTT TC_C_49_CS; a station with a UI shows the master pass UI instead (C16.FR.01, TC_C_47/48_CS): the device profile says which (masterPassUi), a station with one is not applicable.',
}, async ({ charging, connectors, ocpp, auth, csms, hardware, tokens }) => {
  const master = tokens.otherGroup;
  await ocpp.configure(SETTINGS.masterPassGroupId, tokens.otherGroupId);
  const running = [{ connector: charging.connector, transactionId: charging.transactionId }];
  const second = connectors.find((x) => x.evseId !== charging.connector.evseId);
  if (second) {
    await hardware.plugIn(second);
    await hardware.presentCard(tokens.valid2, second);
    const started = await auth.expectTransactionStarted(second, tokens.valid2, { rule: 'E01.FR.10' });
    running.push({ connector: second, transactionId: auth.transactionId(started) });
  }
  auth.replyAuthorize(master, 'Accepted', tokens.otherGroupId);
  const mark = csms.mark('present the master pass');
  await hardware.presentCard(master);
  await auth.expectAuthorize(master, { rule: 'C01.FR.02', after: mark });
  for (const r of running) await hardware.expectRelay(r.connector, false, 'C16.FR.02');
  for (const r of running) await hardware.unplug(r.connector);
  for (const r of running) {
    await csms.expectCall('TransactionEvent', { eventType: 'Ended', transactionInfo: { transactionId: String(r.transactionId), stoppedReason: 'MasterPass' } }, { rule: 'C16.FR.02', after: mark });
  }
});

for (const [id, title, specific] of [
  ['TC_C_47_CS', 'Stop Transaction with a Master Pass - With UI - All transactions', false],
  ['TC_C_48_CS', 'Stop Transaction with a Master Pass - With UI - Specific transactions', true],
] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title, area: 'authorization', useCase,
    needs: [needs.writable(SETTINGS.masterPassGroupId), needs.masterPassUi()],
    requirements: { '2.0.1': ['C16.FR.01', 'C01.FR.02'] },
    catches: specific ? ['masterPass.uiStopsAll', 'masterPass.uiStopsNothing', 'auth.ignoresMasterPass'] : ['masterPass.uiStopsNothing', 'auth.ignoresMasterPass'],
    actions: ['plugIn', 'presentCard', 'selectTransactions', 'unplug', 'observeRelay'],
    expectation: specific
      ? 'On a station with a master pass UI, with transactions on EVSE 1 and EVSE 2, the user selects only the one on EVSE 1: it stops (energy off, Ended with stoppedReason MasterPass), the one on EVSE 2 goes on charging. A station with one EVSE is not applicable.'
      : 'On a station with a master pass UI, the user selects every ongoing transaction (EVSE 1 and, if there is one, EVSE 2): energy stops on each, and each transaction ends with stoppedReason MasterPass.',
    source: `OCTT ${id}; C16 scenario 4a-7a (the UI, the selection, Ended with stoppedReason MasterPass for every stopped transaction). The selection is the rig action selectTransactions.`,
  }, async ({ charging, connectors, ocpp, auth, csms, hardware, tokens }) => {
    const master = tokens.otherGroup;
    await ocpp.configure(SETTINGS.masterPassGroupId, tokens.otherGroupId);
    const running = [{ connector: charging.connector, transactionId: String(charging.transactionId) }];
    const second = connectors.find((x) => x.evseId !== charging.connector.evseId);
    if (!second && specific) csms.notApplicable(new NotApplicable('two EVSEs', 'with one EVSE, selecting some transactions is selecting all'));
    if (second) {
      await hardware.plugIn(second);
      await hardware.presentCard(tokens.valid2, second);
      const started = await auth.expectTransactionStarted(second, tokens.valid2, { rule: 'E01.FR.10' });
      running.push({ connector: second, transactionId: String(auth.transactionId(started)) });
    }
    auth.replyAuthorize(master, 'Accepted', tokens.otherGroupId);
    const mark = csms.mark('present the master pass');
    await hardware.presentCard(master);
    await auth.expectAuthorize(master, { rule: 'C01.FR.02', after: mark });
    const selected = specific ? running.slice(0, 1) : running;
    const kept = specific ? running.slice(1) : [];
    const chosen = csms.mark(`select ${selected.length} transaction(s) on the master pass UI`);
    await hardware.selectTransactions(selected.map((r) => r.connector));
    for (const r of selected) await hardware.expectRelay(r.connector, false, 'C16.FR.01');
    for (const r of kept) await csms.expectNoCall(stopping(r.transactionId), {}, { rule: 'C16.FR.01', forSeconds: csms.timing.messageTimeout / 2, after: chosen, because: 'for a transaction the user did not select' });
    for (const r of kept) await hardware.expectRelay(r.connector, true, 'C16.FR.01');
    for (const r of selected) await hardware.unplug(r.connector);
    for (const r of selected) {
      await csms.expectCall('TransactionEvent', { eventType: 'Ended', transactionInfo: { transactionId: r.transactionId, stoppedReason: 'MasterPass' } }, { rule: 'C16.FR.01', after: mark });
    }
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_C_14_CS' }, title: 'Authorization through authorization cache - GroupID equal to MasterPassGroupId', area: 'authorization', useCase: { '2.0.1': 'C12 Start Transaction - Cached Id, C16 Stop Transaction with a Master Pass' },
  needs: [needs.writable(SETTINGS.masterPassGroupId), needs.writable(SETTINGS.cacheEnabled)],
  requirements: { '2.0.1': ['C12.FR.09', 'C16.FR.01', 'C16.FR.02', 'C16.FR.03'] },
  catches: ['auth.ignoresMasterPass', 'auth.masterPassStarts'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'A master pass token in the cache starts nothing; presented during a transaction it stops it (StopAuthorized with the master pass token; stoppedReason MasterPass when it ends), on a station with a master pass UI once the transaction is selected there. C16.FR.04 allows (MAY) the station to use the cache for it, so an AuthorizeRequest is not required either way.',
  source: 'OCTT TC_C_14_CS; the memory state "master pass token in the cache" is made by presenting it once online (C10.FR.04); a station without a UI stops every transaction (C16.FR.02), one with a UI the selected ones (C16.FR.01, device profile masterPassUi).',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  const master = tokens.otherGroup;
  await ocpp.configure(SETTINGS.cacheEnabled, 'true');
  await ocpp.configure(SETTINGS.localPreAuthorize, 'true');
  await ocpp.configure(SETTINGS.masterPassGroupId, tokens.otherGroupId);
  auth.replyAuthorize(master, 'Accepted', tokens.otherGroupId);
  const cached = csms.mark('present the master pass once: it is cached, and starts nothing');
  await hardware.plugIn(c);
  await hardware.presentCard(master, c);
  await auth.expectAuthorize(master, { rule: 'C01.FR.02', after: cached });
  await auth.expectNoTransactionStart({ rule: 'C12.FR.09, C16.FR.03', after: cached, because: 'for a master pass token' });
  await hardware.presentCard(tokens.valid, c);
  const started = await auth.expectTransactionStarted(c, tokens.valid, { rule: 'E01.FR.10', after: cached });
  const mark = csms.mark('present the cached master pass during the transaction');
  await hardware.presentCard(master, c);
  const rule = await masterPassStops(csms, hardware, [c]);
  const stop = await csms.expectCall('TransactionEvent', { triggerReason: 'StopAuthorized', idToken: { idToken: master } }, { rule, after: mark });
  await hardware.expectRelay(c, false, rule);
  await hardware.unplug(c);
  // TxStopPoint Authorized: the stop is the Ended event; otherwise the transaction ends with the cable (E06).
  if (stop.payload.eventType === 'Ended') await csms.expectPayload(stop, { transactionInfo: { stoppedReason: 'MasterPass' } }, { rule });
  else await csms.expectCall('TransactionEvent', { eventType: 'Ended', transactionInfo: { transactionId: String(auth.transactionId(started)), stoppedReason: 'MasterPass' } }, { rule, after: mark });
});
