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
