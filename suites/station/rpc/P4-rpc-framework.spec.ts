/**
 * Station under test, the OCPP-J RPC framework (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4): malformed
 * and unusual frames from the CSMS (the harness), each answered or ignored as the text says, and
 * the station still answering afterwards; then the robustness probes (soft findings only).
 * The probes and their grading: harness/judge/rpc-probes.ts; the rows: harness/judge/rpc-cases.ts.
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { ROBUSTNESS_CASES, ROBUSTNESS_REQUIREMENTS, RPC_CASES } from '../../../harness/judge/rpc-cases';
import { runProbe, runRobustness, runUnsupportedAction } from '../../../harness/judge/rpc-probes';

const useCase = { '1.6': 'OCPP-J 1.6 §4 RPC framework', '2.0.1': 'Part 4 §4 RPC framework' };

for (const row of RPC_CASES) {
  ocppCase({
    ids: { '1.6': `HX_RPC_${row.n}_CS`, '2.0.1': `HX_RPC_${row.n}_CS` },
    title: row.title, area: 'rpc', useCase, tags: ['@rpc-framework'],
    requirements: row.requirements,
    catches: row.catches as Parameters<typeof ocppCase>[0]['catches'],
    expectation: row.expectation,
    source: 'No OCTT case; the grading of each answer follows the text (harness/judge/rpc-probes.ts).',
  }, async ({ booted, csms }) => {
    void booted;
    await runProbe(csms, 'station', row.kind, Number(row.n));
  });
}

ocppCase({
  ids: { '1.6': 'HX_RPC_12_CS', '2.0.1': 'HX_RPC_12_CS' },
  title: 'RPC framework - a known action the station does not support', area: 'rpc', useCase, tags: ['@rpc-framework'],
  requirements: { '1.6': ['1.6J§4.2.2', '1.6J§4.2.3', '1.6J§4.2.3.Code'], '2.0.1': ['Part4§4.2.2', 'Part4§4.2.3', 'Part4§4.3'] },
  catches: ['rpc.errorDetailsNull', 'rpc.errorWrongId', 'hostile.silent'],
  expectation: 'ReserveNow to a station without the Reservation feature profile (1.6) / functional block (2.0.1) is answered with CALLERROR NotSupported (recognized, not supported; NotImplemented or another code is a soft finding); no answer fails. Not applicable when the device profile claims Reservation or the station answers with a CALLRESULT.',
  source: 'No OCTT case; applicability from the device profile (docs/device-profile.md).',
}, async ({ booted, csms }) => {
  void booted;
  await runUnsupportedAction(csms);
});

for (const row of ROBUSTNESS_CASES.filter((r) => r.roles.includes('station'))) {
  ocppCase({
    ids: { '1.6': `HX_ROB_${row.n}_CS`, '2.0.1': `HX_ROB_${row.n}_CS` },
    title: row.title, area: 'rpc', useCase, tags: ['@robustness'],
    requirements: ROBUSTNESS_REQUIREMENTS,
    catches: row.catches as Parameters<typeof ocppCase>[0]['catches'],
    expectation: row.expectation.station,
    source: 'Beyond OCTT: a robustness probe.',
  }, async ({ booted, csms }) => {
    void booted;
    await runRobustness(csms, 'station', row.kind as 'burst' | 'oversize');
  });
}
