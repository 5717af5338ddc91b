/** Cold boot: Accepted, Pending, Rejected (2.0.1 B01-B03, 1.6 §4.2 and §4.6). */
import { checkNotEarlier, expectHeartbeats, replyOf } from '../../../harness/judge/as-csms/verifiers';
import { readHeartbeatInterval } from '../../../harness/judge/as-csms/requests';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { CALL } from '../../../harness/protocol/rpc';
import type { FrameEntry } from '../../../harness/transport/journal';

ocppCase({
  ids: { '2.0.1': 'TC_B_01_CS', '1.6': 'HX_TC_B_01_CS' },
  title: 'Cold Boot Charging Station - Accepted',
  area: 'status', useCase: { '2.0.1': 'B01 Cold Boot Charging Station', '1.6': '1.6 §4.2 Boot Notification' },
  requirements: { '2.0.1': ['B01.FR.01', 'B01.FR.05', 'B01.FR.09'], '1.6': ['1.6§4.2', '1.6§4.9'] },
  catches: ['boot.noStatusAfterAccepted', 'boot.missingConnectorStatus', 'boot.wrongReason', 'frame.badSchema', 'hostile.garbage', 'hostile.unknownReplyId'],
  actions: ['powerCycle'],
  expectation: 'After power-up the station sends BootNotification (reason PowerUp), is Accepted, then reports every connector Available (1.6: and connector 0, errata v4.0 §3.22).',
}, async ({ csms, ocpp, hardware, connectors }) => {
  await hardware.powerCycle();
  const boot = await ocpp.expectBoot('PowerUp', { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.01' }, within: csms.timing.rebootTimeout });
  await ocpp.expectStatuses(connectors, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'B01.FR.05' }, after: boot.entry });
  // 1.6: after BootNotification.conf Accepted the Charge Point SHALL report connector 0 too (1.6 §4.9 as amended by errata v4.0 §3.22).
  await ocpp.expectStationStatus('Available', { rule: '1.6§4.9', after: boot.entry });
});

ocppCase({
  ids: { '2.0.1': 'HX_B01_01_CS', '1.6': 'HX_B01_01_CS' },
  title: 'Cold Boot - nothing but BootNotification before the boot is answered',
  area: 'status', useCase: { '2.0.1': 'B01 Cold Boot Charging Station', '1.6': '1.6 §4.2 Boot Notification' },
  requirements: { '2.0.1': ['B01.FR.01', 'B01.FR.08'], '1.6': ['1.6§4.2'] },
  catches: ['boot.sendsBeforeBoot'],
  actions: ['powerCycle'],
  expectation: 'From power-on until its BootNotification is answered Accepted or Pending, the station sends no other request on its new connection (B01.FR.08, 1.6 §4.2 SHALL NOT), not even messages kept from before the power cycle.',
  source: 'No OCTT id (OCTT checks it only in the Pending and Rejected cases); B01.FR.08, 1.6 §4.2.',
}, async ({ csms, ocpp, hardware }) => {
  const cycle = csms.mark('power cycle');
  // Only frames on a connection the station opened after the power cycle count (a Heartbeat on the old one is not this boot's).
  const onNewConnection = (e: FrameEntry): boolean => csms.journal.entries.some((x) => x.seq > cycle.seq && x.seq < e.seq && x.kind === 'event' && x.source === 'connection' && x.text.startsWith(`station "${csms.stationId}" connected`));
  const boot = csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.01' }), within: csms.timing.rebootTimeout, after: cycle, newConnection: true });
  const quiet = csms.expectNoCall((e) => e.frame?.type === CALL && e.frame.action !== 'BootNotification' && onNewConnection(e), {}, {
    rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.08' }), until: boot, after: cycle, because: 'before its BootNotification',
  });
  await hardware.powerCycle();
  await Promise.all([boot, quiet]);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_02_CS', '1.6': 'TC_002_CS' },
  title: 'Cold Boot Charging Station - Pending',
  area: 'status', useCase: { '2.0.1': 'B02 Cold Boot Charging Station - Pending', '1.6': '1.6 §4.2 Boot Notification' },
  requirements: { '2.0.1': ['B02.FR.01', 'B02.FR.02', 'B02.FR.04', 'B02.FR.06', 'B02.FR.08', 'B01.FR.05'], '1.6': ['1.6§4.2', '1.6§4.2.Pending', '1.6§4.2.PendingOpen', '1.6§4.2.RetryInterval', '1.6§4.9'] },
  catches: { '2.0.1': ['boot.ignoresRetryInterval', 'boot.noRetry', 'boot.sendsWhilePending', 'boot.ignoresPendingRequests', 'reply.late', 'boot.closesWhilePending'], '1.6': ['boot.noRetry', 'boot.sendsWhilePending', 'boot.ignoresPendingRequests', 'boot.closesWhilePending'] },
  actions: ['powerCycle'],
  expectation: 'While Pending the station keeps its connection open, answers the CSMS, sends nothing but BootNotification, retries after the interval, and reports its connectors once Accepted.',
}, async ({ csms, ocpp, hardware, connectors }) => {
  const interval = csms.timing.bootRetryInterval;
  // The Pending reply is for the boot after this power cycle (on its new connection), not for a stray earlier one.
  const cycle = csms.mark('power cycle');
  csms.reply('BootNotification', ocpp.bootReply('Pending', interval), { times: 1, after: cycle, newConnection: true });
  await hardware.powerCycle();
  const first = await csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.01' }), within: csms.timing.rebootTimeout, after: cycle, newConnection: true });
  const pendingSince = replyOf(csms, first);
  // The boot after the interval: 2.0.1 B02.FR.08. 1.6 has no text requiring it (the interval is only a minimum
  // wait; OCTT TC_002_CS expects it): a soft finding citing 1.6 §4.2, and the case ends there.
  const second = ocpp.level({ '2.0.1': 'shall', '1.6': 'should' }, () => csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B02.FR.08' }), within: interval + csms.timing.messageTimeout, after: pendingSince, since: pendingSince }));
  const quiet = csms.expectNoCall((e) => e.frame?.type === CALL && e.frame.action !== 'BootNotification', {}, {
    rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B02.FR.02' }), until: second, after: pendingSince, because: 'other than BootNotification while Pending',
  });
  // B02.FR.06: while Pending the station does not close the connection (1.6 §4.2: SHOULD NOT, 1.6§4.2.PendingOpen).
  csms.keepConnection({ rule: ocpp.rule({ '1.6': '1.6§4.2.PendingOpen', '2.0.1': 'B02.FR.06' }), until: second, because: 'while its boot is Pending' });
  // B02.FR.01: the station SHALL answer; 1.6 §4.2: it SHOULD (1.6§4.2.Pending). The text gives no deadline but the
  // OCPP-J message timeout, counted from the request: a reply after the next BootNotification is late only then.
  await ocpp.level({ '2.0.1': 'shall', '1.6': 'should' }, () => csms.callExpecting(...readHeartbeatInterval(ocpp.version), {}, { rule: ocpp.rule({ '1.6': '1.6§4.2.Pending', '2.0.1': 'B02.FR.01' }) }));
  const secondBoot = await second;
  await quiet;
  if (!secondBoot) return;
  // B02.FR.04: SHALL NOT earlier than the interval; 1.6 §4.2: SHOULD NOT while Pending (1.6§4.2.RetryInterval).
  await ocpp.level({ '2.0.1': 'shall', '1.6': 'should' }, async () => checkNotEarlier(csms, pendingSince, secondBoot, interval, ocpp.rule({ '1.6': '1.6§4.2.RetryInterval', '2.0.1': 'B02.FR.04' })));
  await ocpp.expectStatuses(connectors, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'B01.FR.05' }, after: secondBoot.entry });
});

ocppCase({
  ids: { '2.0.1': 'HX_B02_05_CS' },
  title: 'Cold Boot Charging Station - Pending - RequestStartTransaction is Rejected',
  area: 'status', useCase: { '2.0.1': 'B02 Cold Boot Charging Station - Pending' },
  requirements: { '2.0.1': ['B02.FR.05'] },
  catches: ['remote.startsWhilePending'],
  actions: ['powerCycle'],
  expectation: 'While its boot is Pending, the station answers RequestStartTransaction Rejected (B02.FR.05): no transaction before it is Accepted. (1.6 §4.2 says remote starts are not allowed while Pending, a statement about the CSMS: no 1.6 station rule.)',
  source: 'No OCTT id; B02.FR.05.',
}, async ({ csms, ocpp, hardware }) => {
  const cycle = csms.mark('power cycle');
  // A long retry interval: the request goes out while the station is certainly still Pending.
  csms.reply('BootNotification', ocpp.bootReply('Pending', csms.timing.bootRetryInterval * 3), { times: 1, after: cycle, newConnection: true });
  await hardware.powerCycle();
  await csms.expectCall('BootNotification', {}, { rule: 'B01.FR.01', within: csms.timing.rebootTimeout, after: cycle, newConnection: true });
  await csms.callExpecting('RequestStartTransaction', { idToken: { idToken: 'HXPENDING01', type: 'ISO14443' }, remoteStartId: 4711, evseId: 1 }, { status: 'Rejected' }, { rule: 'B02.FR.05' });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_03_CS', '1.6': 'TC_001_CS' },
  title: 'Cold Boot Charging Station - Rejected',
  area: 'status', useCase: { '2.0.1': 'B03 Cold Boot Charging Station - Rejected', '1.6': '1.6 §4.2 Boot Notification, §4.6 Heartbeat' },
  requirements: { '2.0.1': ['B03.FR.02', 'B03.FR.06', 'B01.FR.05', 'B01.FR.04', 'G02.FR.01', 'G02.FR.02'], '1.6': ['1.6§4.2', '1.6§4.6', '1.6§4.9'] },
  catches: ['boot.ignoresRetryInterval', 'boot.noRetry', 'boot.sendsWhileRejected', 'heartbeat.ignoresInterval', 'heartbeat.none', 'boot.noStatusAfterAccepted'],
  actions: ['powerCycle'],
  expectation: 'A Rejected station sends nothing until the interval has passed, then boots again; once Accepted it reports its connectors and sends heartbeats at the interval given.',
}, async ({ csms, ocpp, hardware, connectors }) => {
  const { bootRetryInterval: interval, heartbeatInterval } = csms.timing;
  // The Rejected reply is for the boot after this power cycle (on its new connection), not for a stray earlier one.
  const cycle = csms.mark('power cycle');
  csms.reply('BootNotification', ocpp.bootReply('Rejected', interval), { times: 1, after: cycle, newConnection: true });
  await hardware.powerCycle();
  const first = await csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.01' }), within: csms.timing.rebootTimeout, after: cycle, newConnection: true });
  const rejectedSince = replyOf(csms, first);
  // While Rejected nothing is sent before the interval: 2.0.1 B03.FR.02, 1.6 §4.2 (SHALL NOT).
  const retryRule = ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B03.FR.02' });
  // The boot after the interval: 2.0.1 B03.FR.06. 1.6 has no text requiring it (the interval is only a minimum
  // wait; OCTT TC_001_CS expects it): a soft finding citing 1.6 §4.2, and the case ends there.
  const second = ocpp.level({ '2.0.1': 'shall', '1.6': 'should' }, () => csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B03.FR.06' }), within: interval + csms.timing.messageTimeout, after: rejectedSince, since: rejectedSince }));
  await Promise.all([second, csms.expectNoCall((e) => e.frame?.type === CALL && e.frame.action !== 'BootNotification', {}, {
    rule: retryRule, until: second, after: rejectedSince, because: 'while Rejected, before the retry interval expired',
  })]);
  const accepted = await second;
  if (!accepted) return;
  checkNotEarlier(csms, rejectedSince, accepted, interval, retryRule);
  await ocpp.expectStatuses(connectors, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'B01.FR.05' }, after: accepted.entry });
  await expectHeartbeats(csms, { interval: heartbeatInterval, count: 2, after: replyOf(csms, accepted), rule: ocpp.rule({ '1.6': '1.6§4.6', '2.0.1': 'G02.FR.01, G02.FR.02' }) });
});

