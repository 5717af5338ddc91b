/** Master pass: a token of AuthCtrlr.MasterPassGroupId stops transactions and never starts one (2.0.1 C16, C12.FR.09; OCTT TC_C_45/49_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';
import { CALL, type CallFrame } from '../../../harness/protocol/rpc';
import type { FrameEntry } from '../../../harness/transport/journal';

const useCase = { '2.0.1': 'C16 Stop Transaction with a Master Pass' };

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
  needs: [needs.writable(SETTINGS.masterPassGroupId)],
  requirements: { '2.0.1': ['C16.FR.02', 'C01.FR.02'] },
  catches: ['auth.ignoresMasterPass'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'On a station without a UI, a master pass stops every ongoing transaction (EVSE 1 and, if there is one, EVSE 2): energy stops on each, and each transaction ends with stoppedReason MasterPass.',
  source: 'OCTT TC_C_49_CS; a station with a UI shows the master pass UI instead (C16.FR.01, TC_C_47/48_CS): this case assumes none, as the simulated station has.',
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

ocppCase({
  ids: { '2.0.1': 'TC_C_14_CS' }, title: 'Authorization through authorization cache - GroupID equal to MasterPassGroupId', area: 'authorization', useCase: { '2.0.1': 'C12 Start Transaction - Cached Id, C16 Stop Transaction with a Master Pass' },
  needs: [needs.writable(SETTINGS.masterPassGroupId), needs.writable(SETTINGS.cacheEnabled)],
  requirements: { '2.0.1': ['C12.FR.09', 'C16.FR.02', 'C16.FR.03'] },
  catches: ['auth.ignoresMasterPass', 'auth.masterPassStarts'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'A master pass token in the cache starts nothing; presented during a transaction it stops it (StopAuthorized with the master pass token; stoppedReason MasterPass when it ends). C16.FR.04 allows (MAY) the station to use the cache for it, so an AuthorizeRequest is not required either way.',
  source: 'OCTT TC_C_14_CS; the memory state "master pass token in the cache" is made by presenting it once online (C10.FR.04); a station without a UI stops every transaction (C16.FR.02).',
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
  const stop = await csms.expectCall('TransactionEvent', { triggerReason: 'StopAuthorized', idToken: { idToken: master } }, { rule: 'C16.FR.02', after: mark });
  await hardware.expectRelay(c, false, 'C16.FR.02');
  await hardware.unplug(c);
  // TxStopPoint Authorized: the stop is the Ended event; otherwise the transaction ends with the cable (E06).
  if (stop.payload.eventType === 'Ended') await csms.expectPayload(stop, { transactionInfo: { stoppedReason: 'MasterPass' } }, { rule: 'C16.FR.02' });
  else await csms.expectCall('TransactionEvent', { eventType: 'Ended', transactionInfo: { transactionId: String(auth.transactionId(started)), stoppedReason: 'MasterPass' } }, { rule: 'C16.FR.02', after: mark });
});
