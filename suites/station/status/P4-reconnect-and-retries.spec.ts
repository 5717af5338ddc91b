/**
 * The station's connection, kept open (Part 4 §3.1), and network faults against it: the CSMS
 * closes the connection with each close code, stays unreachable (reconnect back-off, Part 4
 * §5.3), and answers transaction messages with CALLERROR (retries, E13). 2.0.1 only: 1.6 defines no back-off, and its retry rule (§3.7.1) is a SHOULD.
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { checkNotEarlier } from '../../../harness/judge/as-csms/verifiers';
import type { Received } from '../../../harness/judge/as-csms/scripted-csms';
import { describeSpan, ms } from '../../../harness/model/timing';
import type { FrameEntry } from '../../../harness/transport/journal';
import { needs } from '../../../harness/model/profile';

ocppCase({
  ids: { '2.0.1': 'HX_P4_31_01_CS' },
  title: 'The station keeps its WebSocket connection open',
  area: 'status',
  useCase: { '2.0.1': 'Part 4 §3.1 Client request' },
  requirements: { '2.0.1': ['Part4§3.1'] },
  catches: ['boot.hangsUpAfterBoot'],
  expectation: 'Once booted, the station keeps its WebSocket connection open (Part 4 §3.1 SHALL): it does not close it over a heartbeat interval in which the CSMS sends nothing. OCPP-J 1.6 §3.1 has no such sentence: 2.0.1 only.',
  source: 'No OCTT id; Part 4 §3.1.',
}, async ({ booted, csms }) => {
  void booted;
  await csms.expectConnectionKept({ rule: 'Part4§3.1', forSeconds: csms.timing.heartbeatInterval, because: 'once booted' });
});

ocppCase({
  ids: { '2.0.1': 'HX_P4_53_01_CS' },
  needs: [needs.writable(SETTINGS.backOffMinimum), needs.writable(SETTINGS.backOffRange)],
  title: 'Reconnect after the CSMS closes the connection, whatever the close code',
  area: 'status',
  useCase: { '2.0.1': 'Part 4 §5.3 Reconnecting' },
  requirements: { '2.0.1': ['Part4§5.3', 'Part4§5.3.NoBootOnReconnect'] },
  catches: ['reconnect.never'],
  expectation: 'The CSMS closes the WebSocket with 1000 (normal), 1001 (going away), 1011 (internal error) and 1012 (service restart) in turn; each time the station reconnects within its back-off (Part 4 §5.3: "the Charging Station SHALL try to reconnect"), without a new BootNotification (a lower-case "should not" in §5.3: a soft finding).',
  source: 'No OCTT id; Part 4 §5.3.',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  await ocpp.configure(SETTINGS.backOffMinimum, '4');
  await ocpp.configure(SETTINGS.backOffRange, '0');
  for (const code of [1000, 1001, 1011, 1012]) {
    const mark = csms.mark(`the CSMS closes the connection with code ${code}`);
    csms.disconnect(code, `close code ${code}`);
    await csms.waitForConnection({ rule: 'Part4§5.3', within: 4 * 4 + csms.timing.intervalTolerance, after: mark });
  }
  await ocpp.should(() => csms.expectNoCall('BootNotification', {}, { rule: 'Part4§5.3.NoBootOnReconnect', forSeconds: 2, because: 'after a reconnect' }));
});

ocppCase({
  ids: { '2.0.1': 'HX_P4_53_02_CS' },
  needs: [needs.writable(SETTINGS.backOffMinimum), needs.writable(SETTINGS.backOffRange), needs.writable(SETTINGS.backOffRepeat)],
  title: 'Reconnect back-off - RetryBackOffWaitMinimum doubled up to RetryBackOffRepeatTimes',
  area: 'status',
  useCase: { '2.0.1': 'Part 4 §5.3 Reconnecting' },
  requirements: { '2.0.1': ['Part4§5.3'] },
  catches: ['reconnect.noBackOff', 'reconnect.never'],
  expectation: 'With RetryBackOffWaitMinimum = W, RetryBackOffRandomRange = 0 and RetryBackOffRepeatTimes = 2, while the CSMS refuses connections the station tries after W, 2W, 4W and then 4W again (each gap within the interval tolerance), and connects as soon as the CSMS is back.',
  source: 'No OCTT id (OCTT TC_B_51/52 use the same variables for offline thresholds); Part 4 §5.3.',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const W = 6;
  await ocpp.configure(SETTINGS.backOffMinimum, String(W));
  await ocpp.configure(SETTINGS.backOffRange, '0');
  await ocpp.configure(SETTINGS.backOffRepeat, '2');
  const expected = [W, 2 * W, 4 * W, 4 * W];
  const total = expected.reduce((a, b) => a + b, 0);
  const offline = await csms.goOffline(total + 3 * W);
  const t = csms.timing;
  const tol = ms(t, t.intervalTolerance) + t.slackMs;
  // Each refused attempt is a journal event ("refused station ... HTTP 503"); wait for the fourth.
  const attempts = (): FrameEntry[] => csms.journal.entries.filter((e) => e.seq > offline.seq && e.kind === 'event' && e.text.includes(`refused station "${csms.stationId}"`) && e.text.includes('503')) as unknown as FrameEntry[];
  await csms.steps(`Expect 4 connection attempts after ${expected.map((x) => describeSpan(t, x)).join(', ')} [Part4§5.3]`, async () => {
    await new Promise<void>((resolve) => {
      const done = (): void => { clearTimeout(timer); csms.journal.off('entry', check); resolve(); };
      const check = (): void => { if (attempts().length >= 4) done(); };
      const timer = setTimeout(done, ms(t, total + 2 * W) + tol);
      csms.journal.on('entry', check);
      check();
    });
    const got = attempts();
    const times = [offline.t, ...got.map((e) => e.t)];
    const gaps = got.slice(0, 4).map((_e, i) => times[i + 1] - times[i]);
    if (got.length < 4) throw csms.failure('Part4§5.3', `4 reconnection attempts while the CSMS refuses connections, after ${expected.join(', ')} spec s`, `${got.length} attempt(s), gaps ${gaps.join(', ')} ms`, 'timeout');
    gaps.forEach((gap, i) => {
      const want = ms(t, expected[i]);
      if (gap < want - tol || gap > want + tol) {
        throw csms.failure('Part4§5.3', `attempt ${i + 1} after ${describeSpan(t, expected[i])} (back-off W·2^min(n, RepeatTimes), tolerance ${tol} ms)`, `after ${gap} ms (gaps: ${gaps.join(', ')} ms)`);
      }
    });
  });
  const back = csms.comeBackOnline();
  await csms.waitForConnection({ rule: 'Part4§5.3', within: 4 * W + t.intervalTolerance, after: back });
});

for (const variant of ['maxReached', 'successBeforeMax'] as const) {
  ocppCase({
    ids: { '2.0.1': variant === 'maxReached' ? 'TC_E_50_CS' : 'TC_E_51_CS' },
    title: variant === 'maxReached' ? 'Transaction-related message not accepted by CSMS - CALLERROR - max retry count reached' : 'Transaction-related message not accepted by CSMS - CALLERROR - success before max retry count',
    area: 'status',
    useCase: { '2.0.1': 'E13 Transaction-related message not accepted by CSMS' },
    requirements: { '2.0.1': variant === 'maxReached' ? ['E13.FR.02', 'E13.FR.03', 'E13.FR.04'] : ['E13.FR.02', 'E13.FR.03'] },
    catches: variant === 'maxReached' ? ['tx.noRetry', 'tx.retryWithoutBackOff'] : ['tx.noRetry'],
    expectation: `With MessageAttempts(TransactionEvent) = 3 and MessageAttemptInterval(TransactionEvent) = I, the CSMS answers the transaction's first TransactionEvent with CALLERROR ${variant === 'maxReached' ? 'every time: the station resends it after I, then after 2·I (E13.FR.03), and then discards it (E13.FR.04), going on with the next transaction message' : 'twice: the station resends it after I and 2·I, the third transmission is accepted'}.`,
    actions: ['plug in an EV', 'present a valid card'],
    source: 'OCTT TC_E_50/51_CS titles (steps not public); written from E13.',
  }, async ({ booted, csms, ocpp, hardware, tokens }) => {
    // 30 s: scaled, a station that does not back off (resends after I) stays a full second short of
    // the 2·I it owes, far beyond a busy machine's scheduling delay (10 s left 50 ms between them).
    const I = 30;
    await ocpp.configure(SETTINGS.txMessageAttempts, '3');
    await ocpp.configure(SETTINGS.txMessageInterval, String(I));
    csms.reply('TransactionEvent', { callError: 'InternalError', description: 'test: not processed' }, { when: { eventType: 'Started' }, times: variant === 'maxReached' ? Infinity : 2 });
    const c = booted.connectors[0];
    const mark = csms.mark('the CSMS fails to process the first TransactionEvent');
    await hardware.plugIn(c);
    await hardware.presentCard(tokens.valid, c);
    // The transaction starts (E01.FR.02 / .03 / .05, whichever TxStartPoint the station has).
    const sends: Received[] = [await csms.expectCall('TransactionEvent', { eventType: 'Started' }, { rule: 'E01.FR.02, E01.FR.03, E01.FR.05', after: mark })];
    for (let n = 1; n <= 2; n++) {
      const next = await csms.expectCall('TransactionEvent', { eventType: 'Started', transactionInfo: { transactionId: (sends[0].payload.transactionInfo as { transactionId: string }).transactionId } }, { rule: 'E13.FR.02', within: I * n + csms.timing.messageTimeout, after: sends[n - 1].entry });
      checkNotEarlier(csms, sends[n - 1].entry, next, I * n, 'E13.FR.03');
      sends.push(next);
    }
    if (variant === 'maxReached') {
      // E13.FR.04: after the final failed attempt the message is discarded: no fourth Started; the next message follows.
      await csms.expectNoCall('TransactionEvent', { eventType: 'Started' }, { rule: 'E13.FR.04', forSeconds: I * 3, after: sends[2].entry, because: 'after the third failed transmission' });
    }
  });
}
