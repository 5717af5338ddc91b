/**
 * CSMS under test, the OCPP-J RPC framework (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4): malformed
 * and unusual frames from a booted station (the harness), each answered or ignored as the text says,
 * and the CSMS still answering a Heartbeat afterwards; then the robustness probes (soft findings only).
 * The probes and their grading: harness/judge/rpc-probes.ts; the rows: harness/judge/rpc-cases.ts.
 */
import { csmsCase } from '../../../fixtures/csms';
import { ROBUSTNESS_CASES, ROBUSTNESS_REQUIREMENTS, RPC_CASES } from '../../../harness/judge/rpc-cases';
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

for (const row of ROBUSTNESS_CASES.filter((r) => r.roles.includes('csms'))) {
  csmsCase({
    ids: { '1.6': `HX_ROB_${row.n}_CSMS`, '2.0.1': `HX_ROB_${row.n}_CSMS` },
    title: row.title, area: 'rpc', useCase, tags: ['@robustness'],
    requirements: ROBUSTNESS_REQUIREMENTS,
    catches: row.catches as Parameters<typeof csmsCase>[0]['catches'],
    expectation: row.expectation.csms,
    source: 'Beyond OCTT: a robustness probe.',
  }, async ({ booted, station }) => {
    void booted;
    if (row.kind !== 'halfOpen') { await runRobustness(station, 'csms', row.kind); return; }
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
}
