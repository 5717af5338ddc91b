/** Offline: authorization from the local list, unknown tokens, and queued transaction messages (2.0.1 C13, C15, E04; 1.6 §3.5.4; OCTT TC_036/037_3/039, TC_C_16/21). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { CALL, type CallFrame } from '../../../harness/protocol/rpc';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { type FrameEntry, isCall } from '../../../harness/transport/journal';
import { needs } from '../../../harness/model/profile';

const LONG_OFFLINE = 600; // the case ends the offline period itself

ocppCase({
  ids: { '2.0.1': 'TC_C_21_CS', '1.6': 'TC_039_CS' }, title: 'Offline authorization through local authorization list - Accepted', area: 'authorization',
  needs: [needs.feature('LocalAuthListManagement'), needs.writable(SETTINGS.listEnabled)],
  useCase: { '2.0.1': 'C13 Offline Authorization through Local Authorization List, E04', '1.6': '1.6 §3.5 Local Authorization & Offline Behavior' },
  requirements: { '2.0.1': ['C13.FR.02', 'E04.FR.01', 'E04.FR.02', 'E04.FR.03'], '1.6': ['1.6§9.1.LocalAuthorizeOffline', '1.6§3.5.4', '1.6§3.7'] },
  catches: ['auth.offlineLosesTransaction', 'auth.ignoresLocalList'],
  actions: ['plugIn', 'presentCard', 'unplug', 'observeRelay'],
  expectation: 'Offline, a token Accepted in the local list starts a transaction (energy flows); stopped and unplugged offline, every transaction message is delivered after reconnection, in order (2.0.1: offline = true).',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await ocpp.configure(SETTINGS.localAuthorizeOffline, 'true');
  await auth.sendLocalList(9, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Accepted', { rule: { '1.6': '1.6§5.15', '2.0.1': 'D01.FR.15' } });
  const offline = await csms.goOffline(LONG_OFFLINE);
  await hardware.plugIn(c);
  await hardware.presentCard(tokens.valid, c);
  await hardware.expectRelay(c, true, ocpp.rule({ '1.6': '1.6§9.1.LocalAuthorizeOffline', '2.0.1': 'C13.FR.02' }));
  await hardware.presentCard(tokens.valid, c);
  await hardware.expectRelay(c, false, ocpp.rule({ '1.6': '1.6§4.1', '2.0.1': 'C01.FR.03' }));
  await hardware.unplug(c);
  const back = csms.comeBackOnline();
  // Back online the station reconnects (2.0.1 Part 4 §5.3); OCPP-J 1.6 has no reconnect rule, but the queued
  // transaction messages must be delivered (1.6 §3.7), which needs the connection back.
  await csms.waitForConnection({ rule: ocpp.rule({ '1.6': '1.6§3.7', '2.0.1': 'Part4§5.3' }), within: csms.timing.messageTimeout, after: offline });
  const rule = { '1.6': '1.6§3.7', '2.0.1': 'E04.FR.02' };
  const offlineFlag = ocpp.version === '1.6' ? {} : { offline: true };
  const start = await auth.expectTransactionStarted(c, tokens.valid, { rule, after: back }, offlineFlag);
  const end = ocpp.version === '1.6'
    ? await csms.expectCall('StopTransaction', {}, { rule: ocpp.rule(rule), after: start.entry })
    : await csms.expectCall('TransactionEvent', { eventType: 'Ended', offline: true }, { rule: 'E04.FR.02, E04.FR.03', after: start.entry });
  void end;
});

for (const [stop, ids] of [
  [true, { '2.0.1': 'TC_C_16_CS', '1.6': 'TC_037_3_CS' }],
  [false, { '2.0.1': 'TC_C_17_CS', '1.6': 'TC_037_2_CS' }],
] as const) {
  // The reaction to the non-Accepted start: 2.0.1 C15.FR.03/04 (stop) or C15.FR.06 (energy only), SHALL;
  // 1.6 §3.5.4 (StopTransactionOnInvalidId, moved to §4.8 by errata v4.0 §3.17): a SHOULD.
  const rule = { '1.6': '1.6§9.1.StopTransactionOnInvalidId', '2.0.1': stop ? 'C15.FR.03, C15.FR.04' : 'C15.FR.06' };
  const level = { '1.6': 'should', '2.0.1': 'shall' } as const;
  ocppCase({
    ids, title: `Offline authorization of unknown Id - Invalid on reconnect - StopTxOnInvalidId = ${stop}`, area: 'authorization',
    needs: [needs.writable(SETTINGS.offlineUnknown)],
    useCase: { '2.0.1': 'C15 Offline Authorization of unknown Id, E05', '1.6': '1.6 §3.5.4 Unknown Offline Authorization' },
    requirements: { '2.0.1': ['C15.FR.02', 'C15.FR.08', ...(stop ? ['C15.FR.03', 'C15.FR.04'] : ['C15.FR.06'])], '1.6': ['1.6§3.5.4', '1.6§9.1.StopTransactionOnInvalidId', ...(stop ? [] : ['1.6§7.7'])] },
    catches: ['auth.ignoresStopTxOnInvalidId'],
    actions: ['plugIn', 'presentCard', 'observeRelay'],
    expectation: (stop
      ? 'Offline, an unknown token may charge (OfflineTxForUnknownIdEnabled); when the CSMS answers the delivered start Invalid, the transaction is deauthorized and the relay opens.'
      : 'Offline, an unknown token charges; answered Invalid after reconnection with StopTxOnInvalidId false, the station stops the energy (SuspendedEVSE) but keeps the transaction.')
      + ' 1.6 makes the reaction a SHOULD: a miss there is a soft finding.',
  }, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
    const c = booted.connectors[0];
    await ocpp.configure(SETTINGS.offlineUnknown, 'true');
    await ocpp.configure(SETTINGS.stopTxOnInvalidId, String(stop));
    auth.replyTransactionStart(tokens.unknown, 'Invalid');
    const offline = await csms.goOffline(LONG_OFFLINE);
    await hardware.plugIn(c);
    await hardware.presentCard(tokens.unknown, c);
    await hardware.expectRelay(c, true, ocpp.rule({ '1.6': '1.6§3.5.4', '2.0.1': 'C15.FR.08' }));
    csms.comeBackOnline();
    // Back online: reconnect (2.0.1 Part 4 §5.3) and deliver the offline transaction (C15.FR.02; 1.6 §3.5.4, which needs the connection back).
    await csms.waitForConnection({ rule: ocpp.rule({ '1.6': '1.6§3.5.4', '2.0.1': 'Part4§5.3' }), within: csms.timing.messageTimeout, after: offline });
    await auth.expectTransactionStarted(c, tokens.unknown, { rule: { '1.6': '1.6§3.5.4', '2.0.1': 'C15.FR.02' }, after: offline });
    await ocpp.level(level, async () => {
      if (stop) await auth.expectDeauthorized({ rule, after: offline });
      else await auth.expectSuspended(c, { rule, after: offline });
      await hardware.expectRelay(c, false, ocpp.rule(rule));
      if (!stop) await csms.expectNoCall(auth.isStop(), {}, { rule: ocpp.rule(rule), forSeconds: csms.timing.messageTimeout / 3, after: offline, because: 'with StopTxOnInvalidId false' });
    });
  });
}

ocppCase({
  ids: { '2.0.1': 'HX_E04_01_CS', '1.6': 'TC_036_CS' }, title: 'Connection Loss During Transaction - queued meter values', area: 'authorization',
  useCase: { '2.0.1': 'E04 Transaction started while Charging Station is offline (queueing)', '1.6': '1.6 §4.7 Meter Values, OCPP-J queueing' },
  requirements: { '2.0.1': ['E04.FR.01', 'E04.FR.02', 'E04.FR.03', 'E04.FR.04'], '1.6': ['1.6§3.7'] },
  catches: ['auth.offlineLosesTransaction'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'While the connection is down during a transaction, periodic meter values are queued; after reconnection every one arrives exactly once, in order (2.0.1: seqNo without gaps, offline = true).',
  source: '1.6 TC_036_CS title from the OCTT list; the exactly-once / in-order check is ours.',
}, async ({ evConnected, ocpp, auth, csms, hardware, tokens }) => {
  const c = evConnected.connector;
  const interval = 4;
  await ocpp.configure(SETTINGS.meterInterval, String(interval));
  await hardware.presentCard(tokens.valid, c);
  await auth.expectTransactionStarted(c, tokens.valid, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.10' } });
  const offline = await csms.goOffline(LONG_OFFLINE);
  const periods = 4;
  // Let the station sample `periods` intervals while offline: wait on its own clock through the journal.
  await csms.expectNoCall((e) => e.frame?.type === CALL, {}, { rule: ocpp.rule({ '1.6': '1.6§3.7', '2.0.1': 'E04.FR.01' }), forSeconds: interval * periods + interval / 2, after: offline, because: 'while the CSMS is unreachable' });
  const back = csms.comeBackOnline();
  await csms.waitForConnection({ rule: ocpp.rule({ '1.6': '1.6§3.7', '2.0.1': 'Part4§5.3' }), within: csms.timing.messageTimeout, after: offline });
  const rule = ocpp.rule({ '1.6': '1.6§3.7', '2.0.1': 'E04.FR.02' });
  const queued: FrameEntry[] = [];
  for (let i = 0; i < periods; i++) {
    const got = ocpp.version === '1.6'
      ? await csms.expectCall('MeterValues', {}, { rule, after: offline })
      : await csms.expectCall('TransactionEvent', { triggerReason: 'MeterValuePeriodic', offline: true }, { rule: `${rule}, E04.FR.03`, after: offline });
    queued.push(got.entry);
  }
  const key = (e: FrameEntry): string => {
    const p = (e.frame as { payload: Record<string, unknown> }).payload;
    return ocpp.version === '1.6' ? String((p.meterValue as { timestamp: string }[])[0].timestamp) : String(p.seqNo);
  };
  // Queued means sampled while offline: 1.6 by the sample's time, 2.0.1 by the offline flag (matched above).
  const sampledAt = (e: FrameEntry): number => Date.parse(String(((e.frame as { payload: Record<string, unknown> }).payload.meterValue as { timestamp: string }[])[0].timestamp));
  const late = queued.filter((e) => sampledAt(e) > back.t);
  if (late.length) throw csms.failure(rule, `the ${periods} meter values sampled while offline, delivered after reconnection`, `#${late.map((e) => e.seq).join(', #')} were sampled after the connection came back (earlier ones lost?)`);
  const keys = queued.map(key);
  const ordered = ocpp.version === '1.6' ? [...keys].sort() : [...keys].sort((a, b) => Number(a) - Number(b));
  if (new Set(keys).size !== keys.length || keys.join() !== ordered.join()) {
    throw csms.failure(rule, 'each queued message once, in the order it arose', `${ocpp.version === '1.6' ? 'timestamps' : 'seqNo'} ${keys.join(', ')}`);
  }
  if (ocpp.version !== '1.6') {
    // E04.FR.04: no seqNo missing between the queued ones; other events of the transaction (clock-aligned meter
    // values, a charging state change) may take numbers in between, so every TransactionEvent of it counts.
    const seq = keys.map(Number);
    const txId = (e: FrameEntry): unknown => ((e.frame as { payload: { transactionInfo?: { transactionId?: unknown } } }).payload.transactionInfo ?? {}).transactionId;
    const ours = txId(queued[0]);
    const events = csms.journal.entries.filter((e) => e.seq > offline.seq && isCall(e) && (e.frame as CallFrame).action === 'TransactionEvent') as FrameEntry[];
    const all = new Set(events.filter((e) => txId(e) === ours).map((e) => Number((e.frame as CallFrame).payload.seqNo)));
    const missing: number[] = [];
    for (let n = seq[0]; n <= seq[seq.length - 1]; n++) if (!all.has(n)) missing.push(n);
    if (missing.length) throw csms.failure('E04.FR.04', 'seqNo without gaps', `${seq.join(', ')} (missing ${missing.join(', ')})`);
  }
});
