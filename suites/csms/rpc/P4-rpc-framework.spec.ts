/**
 * CSMS under test, the OCPP-J RPC framework (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4): malformed
 * and unusual frames from a booted station (the harness), each answered or ignored as the text says,
 * and the CSMS still answering a Heartbeat afterwards; then the robustness probes (soft findings only).
 * The probes and their grading: harness/judge/rpc-probes.ts; the rows: harness/judge/rpc-cases.ts.
 */
import { csmsCase } from '../../../fixtures/csms';
import { RPC_CASES } from '../../../harness/judge/rpc-cases';
import { RPC_RULES, expectAlive, runProbe, runRobustness } from '../../../harness/judge/rpc-probes';

const useCase = { '1.6': 'OCPP-J 1.6 §4 RPC framework', '2.0.1': 'Part 4 §4 RPC framework' };

for (const row of RPC_CASES) {
  csmsCase({
    ids: { '1.6': `HX_RPC_${row.n}_CSMS`, '2.0.1': `HX_RPC_${row.n}_CSMS` },
    title: row.title, area: 'rpc', useCase, tags: ['@rpc-framework'],
    requirements: row.requirements,
    catches: row.catches as Parameters<typeof csmsCase>[0]['catches'],
    expectation: row.expectation,
    source: 'No OCTT case; the grading of each answer follows the text (harness/judge/rpc-probes.ts).',
  }, async ({ booted, station }) => {
    void booted;
    await runProbe(station, 'csms', row.kind, Number(row.n));
  });
}

csmsCase({
  ids: { '1.6': 'HX_ROB_01_CSMS', '2.0.1': 'HX_ROB_01_CSMS' },
  title: 'Robustness - a burst of CALLs', area: 'rpc', useCase, tags: ['@robustness'],
  requirements: { '1.6': ['1.6J§4.2.2'], '2.0.1': ['Part4§4.2.2'] },
  catches: ['rpc.wedgesOnBurst'],
  expectation: 'Twenty Heartbeats sent at once (the harness breaks the one-CALL-at-a-time SHOULD on purpose) are all answered within the message timeout, and the CSMS answers afterwards. Soft findings only: never a failure unless --strict.',
  source: 'Beyond OCTT: a robustness probe.',
}, async ({ booted, station }) => {
  void booted;
  await runRobustness(station, 'csms', 'burst');
});

csmsCase({
  ids: { '1.6': 'HX_ROB_02_CSMS', '2.0.1': 'HX_ROB_02_CSMS' },
  title: 'Robustness - an oversize frame', area: 'rpc', useCase, tags: ['@robustness'],
  requirements: { '1.6': ['1.6J§4.2.2'], '2.0.1': ['Part4§4.2.2'] },
  catches: ['rpc.ignoresLargeFrames'],
  expectation: 'A DataTransfer CALL of about 200 KB is answered (any answer: a CALLRESULT or a CALLERROR) within the message timeout and the CSMS answers a Heartbeat afterwards. Soft findings only.',
  source: 'Beyond OCTT: a robustness probe.',
}, async ({ booted, station }) => {
  void booted;
  await runRobustness(station, 'csms', 'oversize');
});

csmsCase({
  ids: { '1.6': 'HX_ROB_03_CSMS', '2.0.1': 'HX_ROB_03_CSMS' },
  title: 'Robustness - a connection gone half-open, then a new one', area: 'rpc', useCase, tags: ['@robustness'],
  requirements: { '1.6': ['1.6J§4.2.2'], '2.0.1': ['Part4§4.2.2'] },
  catches: ['connection.refusesReconnect'],
  expectation: 'The booted station\'s link goes half-open (the harness stops reading and writing, no FIN, as after a lost mobile link); the station then connects again under the same id: the CSMS accepts the new connection and answers a Heartbeat on it within the message timeout, without a new BootNotification (Part 4 §5.3: a reconnecting station need not boot). Soft findings only.',
  source: 'Beyond OCTT: a robustness probe.',
}, async ({ booted, station }) => {
  void booted;
  const rule = RPC_RULES.alive[station.version];
  station.networkFault({ kind: 'halfOpen' });
  const r = await station.tryConnect({ keepPrevious: true });
  if (!r.ok) { station.journal.finding('soft', rule, `the CSMS refused the station's new connection while the previous one was half-open: ${r.reason}`); return; }
  try {
    await expectAlive(station, 'csms', 'on the new connection');
  } catch (e) {
    station.journal.finding('soft', rule, `the CSMS did not answer a Heartbeat on the station's new connection: ${(e as Error).message.split('\n')[0]}`);
  }
});
