/** Reset without transaction, and the heartbeat interval as a setting (2.0.1 B11, G02, B05; 1.6 §5.14, §5.3). */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { oneOf } from '../../../harness/model/match';
import { HEARTBEAT_INTERVAL, readHeartbeatInterval } from '../../../harness/judge/as-csms/requests';
import { expectHeartbeats } from '../../../harness/judge/as-csms/verifiers';

ocppCase({
  ids: { '2.0.1': 'TC_B_20_CS', '1.6': 'TC_014_CS' },
  title: 'Reset Charging Station - Without ongoing transaction', area: 'status',
  useCase: { '2.0.1': 'B11 Reset - Without Ongoing Transaction', '1.6': '1.6 §5.14 Reset' },
  requirements: { '2.0.1': ['B11.FR.01', 'B11.FR.03', 'B01.FR.03', 'B01.FR.09', 'B01.FR.05'], '1.6': ['1.6§5.14', '1.6§4.2', '1.6§4.9'] },
  catches: ['reset.noReboot', 'boot.powerUpAfterReset'],
  expectation: 'Reset (2.0.1 OnIdle, 1.6 Soft) is Accepted; the station reboots, sends BootNotification (2.0.1 reason RemoteReset, checked when the BootNotification arrives) and reports its connectors.',
  source: '1.6 id from the OCTT 1.6 list (TC_014 Soft Reset Without Transaction); steps derived from 1.6 §5.14.',
}, async ({ booted, csms, ocpp, connectors }) => {
  void booted;
  const mark = csms.mark('reset');
  await csms.callExpecting('Reset', { type: ocpp.version === '1.6' ? 'Soft' : 'OnIdle' }, { status: 'Accepted' }, { rule: ocpp.rule({ '1.6': '1.6§5.14', '2.0.1': 'B11.FR.01' }) });
  // The Accepted reset is carried out: a reboot and a new BootNotification (2.0.1 B11.FR.03, B01.FR.03, reason B01.FR.09; 1.6 §5.14, §4.2).
  const boot = await ocpp.expectBoot('RemoteReset', { rule: { '1.6': '1.6§5.14, 1.6§4.2', '2.0.1': 'B11.FR.03, B01.FR.03' }, within: csms.timing.rebootTimeout, after: mark });
  await ocpp.expectStatuses(connectors, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'B01.FR.05' }, after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'HX_G02_01_CS', '1.6': 'HX_G02_01_CS' },
  title: 'Heartbeat interval changed by the CSMS', area: 'status',
  useCase: { '2.0.1': 'G02 Heartbeat, B05 Set Variables', '1.6': '1.6 §4.6 Heartbeat, §5.3 Change Configuration' },
  requirements: { '2.0.1': ['B05.FR.10', 'B06.FR.10', 'G02.FR.02'], '1.6': ['1.6§5.3', '1.6§5.8', '1.6§4.6', '1.6§9.1.HeartbeatInterval'] },
  catches: ['config.ignoresHeartbeatInterval'],
  expectation: 'A new HeartbeatInterval set by the CSMS is Accepted, read back, and heartbeats follow it.',
  source: 'No OCTT id: derived from G02 / 1.6 §4.6 and §9.1.10 (HeartbeatInterval).',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const interval = Math.max(2, Math.round(csms.timing.heartbeatInterval / 2));
  const status = await ocpp.setSetting(HEARTBEAT_INTERVAL, String(interval), oneOf('Accepted', 'RebootRequired'), { rule: { '1.6': '1.6§5.3', '2.0.1': 'B05.FR.10' } });
  test.skip(status === 'RebootRequired', 'the station applies HeartbeatInterval only after a reboot');
  const mark = csms.mark(`HeartbeatInterval set to ${interval} s`);
  // The value read back is the one accepted: Accepted means it was set (2.0.1 B05.FR.10, 1.6 §5.3), and reading returns it (B06.FR.10, 1.6 §5.8).
  const readRule = { '1.6': '1.6§5.3, 1.6§5.8', '2.0.1': 'B05.FR.10, B06.FR.10' };
  const read = await ocpp.getSetting(HEARTBEAT_INTERVAL, 'value', { rule: readRule });
  if (read !== String(interval)) throw csms.failure(ocpp.rule(readRule), `HeartbeatInterval read back as "${interval}"`, `"${read}"`);
  // Heartbeats at the new interval: the change was answered Accepted, so it is in effect (2.0.1 B05.FR.10, 1.6 §5.3),
  // and heartbeats follow the configured interval (2.0.1 G02.FR.02; 1.6 §4.6, the key's meaning in §9.1.10).
  await expectHeartbeats(csms, { interval, count: 2, after: mark, rule: ocpp.rule({ '1.6': '1.6§5.3, 1.6§4.6', '2.0.1': 'G02.FR.02, B05.FR.10' }) });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_11_CS', '1.6': 'HX_TC_B_11_CS' },
  title: 'Set Variables - invalidly formatted values', area: 'status',
  useCase: { '2.0.1': 'B05 Set Variables', '1.6': '1.6 §5.3 Change Configuration' },
  requirements: { '2.0.1': ['B05.FR.07'], '1.6': ['1.6§5.3'] },
  catches: ['config.acceptsInvalidValue'],
  expectation: 'A HeartbeatInterval value that is not a number is Rejected.',
}, async ({ booted, ocpp }) => {
  void booted;
  await ocpp.setSetting(HEARTBEAT_INTERVAL, 'ten seconds', 'Rejected', { rule: { '1.6': '1.6§5.3', '2.0.1': 'B05.FR.07' } });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_30_CS', '1.6': 'HX_TC_B_30_CS' },
  title: 'Cold Boot Charging Station - Rejected - SecurityError', area: 'status',
  useCase: { '2.0.1': 'B03 Cold Boot Charging Station - Rejected', '1.6': '1.6 §4.2 Boot Notification' },
  requirements: { '2.0.1': ['B03.FR.08'], '1.6': ['1.6§4.2'] },
  catches: ['boot.answersWhileRejected'],
  actions: ['powerCycle'],
  expectation: 'While Rejected the station refuses CSMS requests: CALLERROR SecurityError (2.0.1 B03.FR.08); no response at all (1.6 §4.2).',
}, async ({ csms, ocpp, hardware }) => {
  // The Rejected reply is for the boot after this power cycle (on its new connection), not for a stray earlier one.
  const cycle = csms.mark('power cycle');
  csms.reply('BootNotification', ocpp.bootReply('Rejected', csms.timing.bootRetryInterval * 4), { times: 1, after: cycle, newConnection: true });
  await hardware.powerCycle();
  await csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.01' }), within: csms.timing.rebootTimeout, after: cycle, newConnection: true });
  const [action, payload] = readHeartbeatInterval(ocpp.version);
  await ocpp.expectRefusedWhileRejected(action, payload, csms.timing.bootRetryInterval);
});
