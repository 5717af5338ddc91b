/** Reset with a transaction running (2.0.1 B12, 1.6 §5.14; OCTT TC_B_21_CS, TC_B_22_CS, TC_B_41_CS, TC_016_CS, TC_015_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { NotApplicable } from '../../../harness/model/errors';
import { diff, present, show } from '../../../harness/model/match';

ocppCase({
  ids: { '2.0.1': 'TC_B_21_CS' }, title: 'Reset Charging Station - With Ongoing Transaction - OnIdle', area: 'status',
  useCase: { '2.0.1': 'B12 Reset - With Ongoing Transaction' },
  requirements: { '2.0.1': ['B12.FR.01', 'B12.FR.03', 'B01.FR.03'] },
  catches: ['reset.ignoresOnIdle'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'Reset OnIdle during a transaction is Scheduled; the station reboots only after the transaction has ended.',
}, async ({ charging, csms, ocpp, hardware, connectors }) => {
  await csms.callExpecting('Reset', { type: 'OnIdle' }, { status: 'Scheduled' }, { rule: 'B12.FR.01' });
  const mark = csms.mark('reset scheduled: no reboot while the transaction runs');
  const ended = ocpp.expectTransactionEnded({ rule: 'B12.FR.03', after: mark });
  const noBoot = csms.expectNoCall('BootNotification', {}, { rule: 'B12.FR.03', until: ended, after: mark, because: 'before the transaction has ended' });
  await hardware.presentCard(charging.idToken, charging.connector);
  await hardware.unplug(charging.connector);
  const end = await ended;
  await noBoot;
  // The scheduled reset is carried out once the transaction has ended: a reboot with reason RemoteReset (B12.FR.03, B01.FR.03, B01.FR.09).
  const boot = await ocpp.expectBoot('RemoteReset', { rule: 'B12.FR.03, B01.FR.03', within: csms.timing.rebootTimeout, after: end.entry });
  await ocpp.expectStatuses(connectors, 'Available', { rule: 'B01.FR.05', after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_22_CS', '1.6': 'TC_016_CS' }, title: 'Reset Charging Station - With Ongoing Transaction - Immediate', area: 'status',
  useCase: { '2.0.1': 'B12 Reset - With Ongoing Transaction', '1.6': '1.6 §5.14 Reset' },
  requirements: { '2.0.1': ['B12.FR.02', 'B12.FR.04', 'B01.FR.03'], '1.6': ['1.6§5.14', '1.6§4.10.Reason'] },
  catches: ['reset.noStopTransaction', 'reset.noReboot', 'meter.registerDecreases', 'tx.seqNoSkips'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'Reset (2.0.1 Immediate, 1.6 Soft) during a transaction is Accepted; the transaction is ended (TransactionEvent Ended / StopTransaction) before the reboot, then the station boots again.',
  source: '1.6: OCTT title "Soft Reset With Transaction". The stop reasons: 2.0.1 triggerReason ResetCommand / stoppedReason ImmediateReset are part of B12.FR.04 since the 2025 errata (§2.16), a SHALL; 1.6 reason SoftReset is a SHOULD (§4.10: a transaction not ended normally SHOULD carry the matching reason).',
}, async ({ charging, csms, ocpp }) => {
  void charging;
  const mark = csms.mark('reset during a transaction');
  await csms.callExpecting('Reset', { type: ocpp.version === '1.6' ? 'Soft' : 'Immediate' }, { status: 'Accepted' }, { rule: ocpp.rule({ '1.6': '1.6§5.14', '2.0.1': 'B12.FR.02' }) });
  const stopRule = ocpp.rule({ '1.6': '1.6§5.14', '2.0.1': 'B12.FR.04' });
  const boot = csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§5.14, 1.6§4.2', '2.0.1': 'B01.FR.03' }), within: csms.timing.rebootTimeout, after: mark });
  const end = await ocpp.expectTransactionEnded({ rule: { '1.6': '1.6§5.14', '2.0.1': 'B12.FR.04' }, after: mark });
  const rebooted = await boot;
  if (rebooted.entry.seq < end.entry.seq) throw csms.failure(stopRule, 'the transaction ended before the reboot', `BootNotification #${rebooted.entry.seq} came before the end of the transaction #${end.entry.seq}`);
  const why = ocpp.version === '1.6' ? { reason: 'SoftReset' } : { triggerReason: 'ResetCommand', transactionInfo: { stoppedReason: 'ImmediateReset' } };
  const whyRule = ocpp.rule({ '1.6': '1.6§4.10.Reason', '2.0.1': 'B12.FR.04' });
  await ocpp.level({ '1.6': 'should', '2.0.1': 'shall' }, async () => {
    const d = diff(end.payload, why);
    if (d) throw csms.failure(whyRule, `${end.action} ⊇ ${show(why)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
  });
});

ocppCase({
  ids: { '1.6': 'TC_015_CS' }, title: 'Hard Reset With Transaction', area: 'status',
  useCase: { '1.6': '1.6 §5.14 Reset' },
  requirements: { '1.6': ['1.6§5.14', '1.6§4.10.Reason', '1.6§4.2', '1.6§4.9'] },
  catches: ['reset.noStopTransaction', 'reset.noReboot'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'Reset Hard during a transaction is Accepted; StopTransaction (reason HardReset) is sent, the station boots again and reports every connector.',
  source: 'OCTT 1.6 TC_015_CS: StopTransaction before or after the reboot; reason HardReset is a SHOULD (§4.10: a transaction not ended normally SHOULD carry the matching reason).',
}, async ({ charging, csms, ocpp, connectors }) => {
  void charging;
  const mark = csms.mark('hard reset during a transaction');
  await csms.callExpecting('Reset', { type: 'Hard' }, { status: 'Accepted' }, { rule: '1.6§5.14' });
  const boot = csms.expectCall('BootNotification', {}, { rule: '1.6§5.14, 1.6§4.2', within: csms.timing.rebootTimeout, after: mark });
  // §5.14: the transaction is stopped (StopTransaction, before the reboot or queued after it).
  const end = await ocpp.expectTransactionEnded({ rule: '1.6§5.14', after: mark, within: csms.timing.rebootTimeout });
  const rebooted = await boot;
  await ocpp.should(async () => {
    const d = diff(end.payload, { reason: 'HardReset' });
    if (d) throw csms.failure('1.6§4.10.Reason', `StopTransaction ⊇ ${show({ reason: 'HardReset' })}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
  });
  // §4.9 (errata §3.22): after the boot every connector is reported (the EV is still plugged in: not necessarily Available).
  await ocpp.expectStatuses(connectors, { '1.6': present() }, { rule: '1.6§4.9', after: rebooted.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_41_CS' }, title: 'Reset Charging Station - With multiple ongoing transactions - OnIdle', area: 'status',
  useCase: { '2.0.1': 'B12 Reset - With Ongoing Transaction' },
  requirements: { '2.0.1': ['B12.FR.01', 'B12.FR.03', 'B01.FR.03'] },
  catches: ['reset.ignoresOnIdle'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'Reset OnIdle with transactions on two EVSEs is Scheduled; the station reboots only after both transactions have ended.',
}, async ({ charging, csms, ocpp, auth, hardware, connectors, tokens }) => {
  const second = connectors.find((c) => c.evseId !== charging.connector.evseId);
  if (!second) csms.notApplicable(new NotApplicable('a station with more than one EVSE', `its layout has EVSE ${charging.connector.evseId} only`));
  await hardware.plugIn(second!);
  await hardware.presentCard(tokens.valid2, second!);
  // With TxStartPoint EnergyTransfer the start waits for the EV to draw, which no rule times: the operator-action window.
  await auth.expectTransactionStarted(second!, tokens.valid2, { rule: 'E01.FR.10', within: csms.timing.actionTimeout });
  await csms.callExpecting('Reset', { type: 'OnIdle' }, { status: 'Scheduled' }, { rule: 'B12.FR.01' });
  const mark = csms.mark('reset scheduled: no reboot while a transaction runs');
  // B12.FR.03: every transaction ends normally before the reboot; the first one ending is not enough.
  const first = ocpp.expectTransactionEnded({ rule: 'B12.FR.03', after: mark });
  await hardware.presentCard(charging.idToken, charging.connector);
  await hardware.unplug(charging.connector);
  const end1 = await first;
  const last = ocpp.expectTransactionEnded({ rule: 'B12.FR.03', after: end1.entry });
  const noBoot = csms.expectNoCall('BootNotification', {}, { rule: 'B12.FR.03', until: last, after: mark, because: 'before both transactions have ended' });
  await hardware.presentCard(tokens.valid2, second!);
  await hardware.unplug(second!);
  const end2 = await last;
  await noBoot;
  const boot = await csms.expectCall('BootNotification', {}, { rule: 'B12.FR.03, B01.FR.03', within: csms.timing.rebootTimeout, after: end2.entry });
  await ocpp.expectStatuses(connectors, 'Available', { rule: 'B01.FR.05', after: boot.entry });
});
