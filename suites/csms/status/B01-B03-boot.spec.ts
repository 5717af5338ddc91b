/**
 * CSMS under test, provisioning: cold boot Accepted, Pending then Accepted, the SecurityError
 * for messages before acceptance, an unknown station, subprotocol negotiation, heartbeat time.
 * The harness plays the station (OCTT's role).
 */
import { csmsCase, csmsTest, expect } from '../../../fixtures/csms';
import { satisfies } from '../../../harness/model/match';
import { SUBPROTOCOL } from '../../../harness/protocol/versions';
import { describeSpan, ms } from '../../../harness/model/timing';
import { REPLY_LEVEL, STATUS_REPLY } from '../../../harness/judge/as-station/station-driver';

/** The CSMS completes the WebSocket handshake and agrees the offered subprotocol (Part 4 / OCPP-J 1.6 §3.2). */
const HANDSHAKE = { '1.6': '1.6J§3.2', '2.0.1': 'Part4§3.2' };
/** The CSMS answers a BootNotification saying whether it accepts the station (2.0.1 B01.FR.02, 1.6 §4.2). */
const BOOT_REPLY = { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' };

csmsCase({
  ids: { '2.0.1': 'TC_B_01_CSMS', '1.6': 'TC_001_CSMS' },
  title: 'Cold Boot Charging Station - Accepted',
  area: 'status',
  useCase: { '2.0.1': 'B01 Cold Boot Charging Station', '1.6': '1.6 §4.2 Boot Notification' },
  requirements: { '2.0.1': ['Part4§3.2', 'B01.FR.02'], '1.6': ['1.6J§3.2', '1.6§4.2', '1.6§4.9'] },
  catches: ['boot.rejectsKnownStation', 'reply.badSchema'],
  expectation: 'The CSMS accepts the boot of a station it knows (the answer that accepts it, B01.FR.02 / 1.6 §4.2), with its current time; it may keep the station Pending first (B02 / 1.6 §4.2, e.g. until it has its report), which the station follows until the CSMS decides. It then acknowledges the Available status of every connector (1.6 §4.9; 2.0.1 states no CSMS-side rule for it: a soft finding). An interval of 0 is reported as a soft finding: no rule asks the CSMS for more (B01.FR.04 / 1.6 §4.2 only say what the station does with it).',
}, async ({ station, drv }) => {
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  const reply = await drv.bootUntilDecided({ status: 'Accepted' }, { rule: BOOT_REPLY });
  // No rule asks the CSMS for interval > 0 (B01.FR.04 only says what a station does when it is): a soft finding citing the closest CSMS rule.
  if (!(Number(reply.interval) > 0)) station.journal.finding('soft', drv.rule(BOOT_REPLY), `BootNotification Accepted with interval ${JSON.stringify(reply.interval)}: the station keeps its own heartbeat interval (no requirement asks for an interval above 0)`);
  await drv.level(REPLY_LEVEL, () => drv.reportAll('Available', { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '2.0.1': 'HX_G02_01_CSMS', '1.6': 'HX_G02_01_CSMS' },
  title: 'Heartbeat - the CSMS answers with its current time',
  area: 'status',
  useCase: { '2.0.1': 'G02 Heartbeat', '1.6': '1.6 §4.6 Heartbeat' },
  requirements: { '2.0.1': ['G02.FR.03'], '1.6': ['1.6§4.6'] },
  catches: ['heartbeat.wrongTime'],
  expectation: 'A Heartbeat is answered with currentTime, the CSMS\'s clock: within 60 s of the harness\'s clock (a station sets its clock from it).',
  source: 'Part of OCTT TC_001_CSMS (1.6) and Reusable State Booted (2.0.1); the 60 s tolerance is ours.',
}, async ({ booted, drv }) => {
  expect(booted.bootReply.status).toBe('Accepted');
  const rule = drv.rule({ '1.6': '1.6§4.6', '2.0.1': 'G02.FR.03' });
  await drv.heartbeat({ currentTime: satisfies('within 60 s of now', (a) => typeof a === 'string' && Math.abs(Date.parse(a) - Date.now()) < 60_000) }, { rule });
});

csmsCase({
  ids: { '2.0.1': 'TC_B_02_CSMS', '1.6': 'HX_TC_B_02_CSMS' },
  title: 'Cold Boot Charging Station - Pending',
  area: 'status',
  useCase: { '2.0.1': 'B02 Cold Boot Charging Station - Pending', '1.6': '1.6 §4.2 Boot Notification (Pending)' },
  requirements: { '2.0.1': ['Part4§3.2', 'B01.FR.02', 'B02.FR.06'], '1.6': ['1.6J§3.2', '1.6§4.2', '1.6§4.2.PendingOpen'] },
  catches: ['boot.pendingForever', 'boot.closesPendingConnection'],
  expectation: 'The CSMS answers the first boot of the station configured for it Pending with a retry interval and keeps the connection open meanwhile (B02.FR.06; 1.6 §4.2 SHOULD NOT close); the boot repeated after that interval is Accepted (its answer saying whether it accepts the station: B01.FR.02 / 1.6 §4.2; no FR obliges a CSMS to turn Pending into Accepted, the configuration does). Requests the CSMS sends meanwhile are answered.',
  actions: ['configure the CSMS to answer the boot of the pending station Pending first'],
}, async ({ newStation, need, drv }) => {
  const station = newStation(need('pendingStationId'));
  const rule = drv.rule(BOOT_REPLY);
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  const payload = drv.bootPayload();
  // B02.FR.06 (1.6 §4.2: SHOULD NOT): from the Pending answer until the retry the CSMS keeps the connection open.
  let retrying = (): void => undefined;
  station.keepConnection({ rule: drv.rule({ '1.6': '1.6§4.2.PendingOpen', '2.0.1': 'B02.FR.06' }), until: new Promise<void>((r) => { retrying = r; }), because: 'while the station is Pending' });
  const first = await station.callExpecting('BootNotification', payload, { status: 'Pending' }, { rule });
  // B02.FR.08 / B02.FR.07: the station waits `interval` (OCTT: the configured heartbeat interval when 0) before booting again.
  const wait = Number(first.interval) > 0 ? Number(first.interval) : station.timing.heartbeatInterval;
  await csmsTest.step(`Station waits the retry interval, ${describeSpan(station.timing, wait)}`, () => new Promise((r) => setTimeout(r, ms(station.timing, wait))));
  retrying();
  // Closed all the same (a finding is recorded): a station connects again and boots.
  if (!station.connected) await station.connect({ rule: drv.rule(HANDSHAKE) });
  // The CSMS may answer Pending once more (e.g. still reading the station's report, B02): the station follows it until the CSMS decides.
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: BOOT_REPLY, maxPending: 2, station });
});

csmsCase({
  ids: { '2.0.1': 'TC_B_30_CSMS' },
  title: 'Cold Boot Charging Station - Pending/Rejected - SecurityError',
  area: 'status',
  useCase: { '2.0.1': 'B02 Cold Boot Charging Station - Pending, B03 Cold Boot Charging Station - Rejected' },
  requirements: { '2.0.1': ['B02.FR.09', 'B03.FR.07', 'B01.FR.10', 'B01.FR.02'] },
  catches: ['boot.allowsCallsWhilePending', 'boot.allowsCallsWhileRejected'],
  expectation: 'A station whose boot is Pending sends a StatusNotification anyway: the CSMS answers CALLERROR SecurityError (B02.FR.09). A station whose boot is Rejected (the unknown station) does the same: SecurityError again (B03.FR.07). The Rejected half is not applicable when the CSMS refuses the unknown station at the handshake or does not answer its boot Rejected.',
  source: 'OCTT TC_B_30_CSMS runs with the CSMS configured for Pending or for Rejected; both halves here.',
}, async ({ newStation, need, drv, facts }) => {
  const pending = newStation(need('pendingStationId'));
  await pending.connect({ rule: 'Part4§3.2' });
  await pending.callExpecting('BootNotification', drv.bootPayload(), { status: 'Pending' }, { rule: 'B01.FR.02' });
  await pending.callExpectingError('StatusNotification', drv.statusPayload(drv.connectors[0], 'Available'), ['SecurityError'], { rule: 'B02.FR.09' });
  if (!facts.unknownStationId) { pending.mark('Rejected half not applicable: the configuration names no unknown station (csms.facts.unknownStationId)'); return; }
  const rejected = newStation(facts.unknownStationId);
  const r = await rejected.tryConnect();
  if (!r.ok) { rejected.mark(`Rejected half not applicable: the CSMS refused the unknown station at the handshake (${r.reason})`); return; }
  const boot = await rejected.callExpecting('BootNotification', drv.bootPayload(), {}, { rule: 'B01.FR.02' });
  if (boot.status !== 'Rejected') { rejected.mark(`Rejected half not applicable: the CSMS answered the unknown station ${String(boot.status)}`); return; }
  await rejected.callExpectingError('StatusNotification', drv.statusPayload(drv.connectors[0], 'Available'), ['SecurityError'], { rule: 'B03.FR.07' });
});

csmsCase({
  ids: { '2.0.1': 'HX_B03_01_CSMS', '1.6': 'HX_B03_01_CSMS' },
  title: 'Cold Boot - a station the CSMS does not know is not accepted',
  area: 'status',
  useCase: { '2.0.1': 'B03 Cold Boot Charging Station - Rejected', '1.6': '1.6 §4.2 Boot Notification (Rejected)' },
  requirements: { '2.0.1': ['Part4§3.2.UnknownStation', 'B01.FR.02'], '1.6': ['1.6J§3.2.UnknownStation', '1.6§4.2'] },
  catches: ['boot.acceptsUnknownStation'],
  expectation: 'A station id the CSMS does not know is refused at the WebSocket handshake (Part 4 / OCPP-J 1.6 §3.2: the CSMS SHOULD answer HTTP 404), or its BootNotification is not Accepted. A SHOULD: accepting it is a soft finding (a failure under --strict), since no SHALL forbids a CSMS to register stations on first contact.',
  source: 'No OCTT id; skipped when the configuration names no unknown station id.',
}, async ({ newStation, need, drv }) => {
  const station = newStation(need('unknownStationId'));
  const rule = drv.rule({ '1.6': '1.6J§3.2.UnknownStation', '2.0.1': 'Part4§3.2.UnknownStation' });
  const r = await station.tryConnect();
  if (!r.ok) { station.mark(`the CSMS refused the unknown station at the handshake: ${r.reason}`); return; }
  const reply = await station.callExpecting('BootNotification', drv.bootPayload(), {}, { rule: drv.rule(BOOT_REPLY) });
  if (reply.status === 'Accepted') station.journal.finding('soft', rule, `the CSMS accepted station "${station.stationId}", which the configuration says it does not know (SHOULD refuse it: HTTP 404 at the handshake, or Rejected)`);
});

csmsCase({
  ids: { '2.0.1': 'HX_B03_02_CSMS', '1.6': 'HX_B03_02_CSMS' },
  title: 'Cold Boot - Rejected - the CSMS sends the station no request',
  area: 'status',
  useCase: { '2.0.1': 'B03 Cold Boot Charging Station - Rejected', '1.6': '1.6 §4.2 Boot Notification (Rejected)' },
  requirements: { '2.0.1': ['B03.FR.03', 'B01.FR.02'], '1.6': ['1.6§4.2.RejectedCsms', '1.6§4.2'] },
  catches: ['boot.requestsWhileRejected'],
  expectation: 'Having answered a boot Rejected (the station the configuration says it does not know), the CSMS sends that station no request of its own while it waits out the retry interval (B03.FR.03 SHALL NOT; 1.6 §4.2 SHOULD NOT: a soft finding). Not applicable when the CSMS refuses the unknown station at the handshake or does not answer its boot Rejected.',
  source: 'No OCTT id; B03.FR.03, 1.6 §4.2. The window is the retry interval the CSMS gave (0: the configured heartbeat interval, as OCTT TC_B_02_CSMS waits).',
}, async ({ newStation, need, drv }) => {
  const station = newStation(need('unknownStationId'));
  const r = await station.tryConnect();
  if (!r.ok) { station.mark(`not applicable: the CSMS refused the unknown station at the handshake (${r.reason})`); return; }
  const sent = station.mark('the station boots');
  const boot = await station.callExpecting('BootNotification', drv.bootPayload(), {}, { rule: drv.rule(BOOT_REPLY) });
  if (boot.status !== 'Rejected') { station.mark(`not applicable: the CSMS answered the unknown station ${String(boot.status)}`); return; }
  const interval = Number(boot.interval) > 0 ? Number(boot.interval) : station.timing.heartbeatInterval;
  await drv.level({ '2.0.1': 'shall', '1.6': 'should' }, () => station.expectNoCall(() => true, {}, {
    rule: drv.rule({ '1.6': '1.6§4.2.RejectedCsms', '2.0.1': 'B03.FR.03' }), forSeconds: interval, after: sent, because: 'to a station whose boot it Rejected',
  }));
});

csmsCase({
  ids: { '2.0.1': 'TC_B_58_CSMS', '1.6': 'TC_088_CSMS' },
  title: 'WebSocket Subprotocol validation',
  area: 'status',
  useCase: { '2.0.1': 'Part 4 §3.2 WebSocket subprotocol', '1.6': 'OCPP-J 1.6 §3.2' },
  requirements: { '2.0.1': ['Part4§3.2'], '1.6': ['1.6J§3.2'] },
  catches: ['subprotocol.acceptsUnknown', 'subprotocol.staysOpen'],
  expectation: 'Offered only an unknown subprotocol (ocpp0.1), the CSMS completes the handshake (101) without a Sec-WebSocket-Protocol header and then closes the connection at once (Part 4 / OCPP-J 1.6 §3.2, MUST; "at once": within the message timeout); offered "ocpp0.1, <version>", it agrees to the version\'s subprotocol. Refusing the upgrade with another HTTP status also agrees to nothing, but is not the completed handshake the text asks for: a soft finding (OCTT judges only the second handshake).',
  source: 'OCTT TC_B_58_CSMS (2.0.1); the 1.6 text (OCPP-J 1.6 §3.2) is the same. The first handshake is made by hand (harness/judge/as-station/raw-upgrade.ts): a WebSocket client aborts a 101 without the subprotocol it offered and never sees the close.',
}, async ({ station, drv, ocppVersion }) => {
  const rule = drv.rule(HANDSHAKE);
  const t = station.timing;
  const r = await csmsTest.step(`Offer only "ocpp0.1": the CSMS answers 101 without Sec-WebSocket-Protocol and closes within ${describeSpan(t, t.messageTimeout)} [${rule}]`, async () => {
    const r = await station.rawUpgrade({ offer: ['ocpp0.1'], closeWithin: t.messageTimeout });
    if (r.kind === 'failed') throw station.failure(rule, 'an answer to the WebSocket upgrade request offering only "ocpp0.1"', r.reason, 'timeout');
    if (r.kind === 'upgraded' && r.protocol !== undefined) throw station.failure(rule, '101 Switching Protocols without a Sec-WebSocket-Protocol header (no offered subprotocol is one the CSMS supports)', `it agreed to subprotocol "${r.protocol}"${r.closed === 'open' ? ' and kept the connection open' : ''}`);
    if (r.kind === 'upgraded' && r.closed === 'open') throw station.failure(rule, `the CSMS to close the connection at once after completing the handshake without a subprotocol (within ${describeSpan(t, t.messageTimeout)})`, 'the connection was still open', 'timeout');
    return r;
  });
  if (r.kind === 'refused') station.journal.finding('soft', rule, `the CSMS refused the upgrade with HTTP ${r.status} ${r.statusText} instead of completing the handshake without a subprotocol and closing it`);
  const protocol = await station.connect({ rule, offer: ['ocpp0.1', SUBPROTOCOL[ocppVersion]] });
  expect(protocol).toBe(SUBPROTOCOL[ocppVersion]);
});

csmsCase({
  ids: { '2.0.1': 'TC_B_31_CSMS', '1.6': 'HX_TC_B_31_CSMS' },
  title: 'Cold Boot Charging Station - Pending - TriggerMessage',
  area: 'status',
  useCase: { '2.0.1': 'B02 Cold Boot Charging Station - Pending', '1.6': '1.6 §4.2 Boot Notification (Pending), §5.17 Trigger Message' },
  requirements: { '2.0.1': ['Part4§3.2', 'B01.FR.02', 'F06.FR.01'], '1.6': ['1.6J§3.2', '1.6§4.2'] },
  catches: ['boot.pendingForever'],
  expectation: 'While the station is Pending, the CSMS (its operator) asks for a new BootNotification with TriggerMessage before the retry interval; the triggered boot is Accepted (B01.FR.02 / 1.6 §4.2), possibly after more Pending answers the station follows (B02: the CSMS may still be reading its report). Sending the trigger is the CSMS\'s choice (B02: it MAY; 1.6 has no CSMS rule for it): its absence is a soft finding.',
  actions: ['configure the CSMS to answer the pending station Pending first', 'trigger a BootNotification from the pending station'],
}, async ({ newStation, need, drv, operate }) => {
  const stationId = need('pendingStationId');
  const station = newStation(stationId);
  const rule = drv.rule(BOOT_REPLY);
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  await station.callExpecting('BootNotification', drv.bootPayload(), { status: 'Pending' }, { rule });
  await operate({ type: 'triggerBootNotification', stationId });
  // The trigger names the message wanted (F06.FR.01); 1.6: no CSMS-side rule, the closest being §4.2.
  const trigger = await drv.should(() => station.expectCall('TriggerMessage', { requestedMessage: 'BootNotification' }, { rule: drv.rule({ '1.6': '1.6§4.2', '2.0.1': 'F06.FR.01' }), within: station.timing.actionTimeout }));
  if (!trigger) return;
  // 2.0.1: a triggered boot says so (reason Triggered); 1.6 has no reason field. The CSMS may still answer Pending (e.g. while it reads the
  // station's report, B02): the station follows it (boots again after the interval or when triggered) until the CSMS decides.
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: BOOT_REPLY, reason: 'Triggered', maxPending: 2, station });
});
