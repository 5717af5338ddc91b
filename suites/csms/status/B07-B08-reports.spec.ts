/**
 * CSMS under test, provisioning: base and custom reports on the operator's request (2.0.1 B07
 * Get Base Report, B08 Get Custom Report). The station accepts and sends the report in several
 * NotifyReport parts (seqNo from 0, tbc until the last); the CSMS answers every part.
 */
import { csmsCase } from '../../../fixtures/csms';
import type { CsmsAction, ReportBase, VariableRef } from '../../../harness/model/csms-actions';
import type { Match } from '../../../harness/model/match';
import { Provisioning } from '../../../harness/judge/as-station/provisioning';

const BASES: { id: string; base: ReportBase; what: string }[] = [
  { id: 'TC_B_12_CSMS', base: 'ConfigurationInventory', what: 'every variable the operator can set' },
  { id: 'TC_B_13_CSMS', base: 'FullInventory', what: 'every component and variable' },
  { id: 'TC_B_14_CSMS', base: 'SummaryInventory', what: 'the availability of the station, its EVSEs and connectors' },
];

/** B07 / B08 describe the request and the CSMS answering each NotifyReport (scenario steps 2 and 5; no CSMS-side FR): soft findings. */
const rules = { base: 'Part2§B07', custom: 'Part2§B08' } as const;

for (const b of BASES) {
  csmsCase({
    ids: { '2.0.1': b.id },
    title: `Get Base Report - ${b.base}`,
    area: 'status',
    useCase: { '2.0.1': 'B07 Get Base Report' },
    requirements: { '2.0.1': ['Part2§B07', 'Part4§4.2.2'] },
    catches: b.base === 'FullInventory' ? ['report.ignoresLaterParts'] : ['report.ignoresLaterParts', 'report.wrongBase'],
    expectation: `The operator asks for the ${b.base} report (${b.what}): the CSMS sends GetBaseReportRequest reportBase ${b.base} (B07 describes it; a miss is a soft finding); the station answers Accepted and sends the report in three NotifyReport parts with the request's requestId (seqNo 0, 1, 2; tbc true until the last). The CSMS answers every part within the message timeout (Part 4 §4.2.2); a CALLERROR instead of the NotifyReportResponse is a soft finding (B07 step 5).`,
    actions: [`ask the station for its ${b.base} base report`],
  }, async ({ booted: _b, station, drv, operate, facts }) => {
    await report(new Provisioning(station, drv), operate, { type: 'getBaseReport', stationId: facts.stationId, reportBase: b.base }, 'GetBaseReport', { reportBase: b.base }, rules.base);
  });
}

const CUSTOM: VariableRef[] = [
  { component: 'EVSE', evseId: 1, variable: 'AvailabilityState' },
  { component: 'Connector', evseId: 1, connectorId: 1, variable: 'AvailabilityState' },
  { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' },
];

csmsCase({
  ids: { '2.0.1': 'TC_B_18_CSMS' },
  title: 'Get Custom Report - with componentCriteria and component/variables',
  area: 'status',
  useCase: { '2.0.1': 'B08 Get Custom Report' },
  requirements: { '2.0.1': ['Part2§B08', 'Part4§4.2.2'] },
  catches: ['report.ignoresLaterParts', 'report.dropsCriteria'],
  expectation: 'The operator asks for a custom report of Available components limited to EVSE 1 and connector 1 AvailabilityState and OCPPCommCtrlr.HeartbeatInterval: the CSMS sends GetReportRequest with componentCriteria [Available] and those componentVariables (B08 describes it; a miss is a soft finding); the station answers Accepted and reports in NotifyReport parts (seqNo from 0, tbc until the last), each answered within the message timeout (Part 4 §4.2.2).',
  actions: ['ask the station for a custom report of Available components: EVSE 1 and connector 1 AvailabilityState, OCPPCommCtrlr.HeartbeatInterval'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  const named = CUSTOM.map((v) => ({ component: { name: v.component, ...(v.evseId === undefined ? {} : { evse: { id: v.evseId, ...(v.connectorId === undefined ? {} : { connectorId: v.connectorId }) } }) }, variable: { name: v.variable } }));
  await report(new Provisioning(station, drv), operate, { type: 'getReport', stationId: facts.stationId, criteria: ['Available'], variables: CUSTOM }, 'GetReport', { componentCriteria: ['Available'], componentVariable: named }, rules.custom);
});

/** The operator's report request, the CSMS's request (soft: B07 / B08 have no CSMS-side FR), then the report in parts. */
async function report(p: Provisioning, operate: (a: CsmsAction) => Promise<void>, action: CsmsAction, request: 'GetBaseReport' | 'GetReport', expected: Match, rule: string): Promise<void> {
  const { st } = p;
  // B07.FR.01 / B08.FR.01: a supported report is Accepted; the parts follow, sent by the case so each answer is judged.
  st.reply(request, (call) => ({ status: st.deviceModel.select(call.payload).length ? 'Accepted' : 'EmptyResultSet' }));
  const after = st.mark('the operator asks for a report');
  await operate(action);
  const req = await p.drv.should(() => st.expectCall(request, expected, { rule, within: st.timing.actionTimeout, after }));
  if (!req) return;
  await p.sendReport(req, { rule, parts: 3 });
}
