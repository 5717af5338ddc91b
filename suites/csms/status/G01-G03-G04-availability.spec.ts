/**
 * CSMS under test, status and availability: every connector status acknowledged, and
 * ChangeAvailability sent for the scope (station, EVSE, connector) and the operational status
 * the CSMS's operator chose.
 */
import { type CsmsBooted, csmsCase } from '../../../fixtures/csms';
import { absent } from '../../../harness/model/match';
import type { CsmsFacts } from '../../../harness/config/run-config';
import type { OcppVersion } from '../../../harness/protocol/versions';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { StationDriver, ToolTransaction } from '../../../harness/judge/as-station/station-driver';
import type { CsmsAction } from '../../../harness/model/csms-actions';
import { REPLY_LEVEL, STATUS_REPLY } from '../../../harness/judge/as-station/station-driver';

const STATUSES = {
  '1.6': ['Available', 'Preparing', 'Charging', 'SuspendedEVSE', 'SuspendedEV', 'Finishing', 'Reserved', 'Unavailable', 'Faulted', 'Available'],
  '2.0.1': ['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted', 'Available'],
};

csmsCase({
  ids: { '2.0.1': 'HX_G01_01_CSMS', '1.6': 'HX_G01_01_CSMS' },
  title: 'Status Notification - every connector status is acknowledged',
  area: 'status',
  useCase: { '2.0.1': 'G01 Status Notification', '1.6': '1.6 §4.9 Status Notification' },
  requirements: { '2.0.1': ['FR.03'], '1.6': ['1.6§4.9'] },
  catches: ['status.rejectsFaulted'],
  expectation: 'The station reports each status of the version\'s enumeration in turn (Faulted with an error code); the CSMS answers every StatusNotification with a StatusNotificationResponse, never a CALLERROR (1.6 §4.9: the Central System SHALL respond; 2.0.1 has no CSMS-side rule, OCTT 2.1 TC_G_01_CSMS expects the response: a soft finding citing FR.03, a CALLERROR being the answer to an invalid message).',
  source: 'OCTT 2.1 has TC_G_01_CSMS "Status Notification"; for 1.6 and 2.0.1 this is our case.',
}, async ({ booted, drv, ocppVersion }) => {
  const c = booted.connectors[0];
  for (const status of STATUSES[ocppVersion]) {
    await drv.level(REPLY_LEVEL, () => drv.status(c, status, { rule: STATUS_REPLY, errorCode: ocppVersion === '1.6' && status === 'Faulted' ? 'GroundFailure' : undefined }));
  }
});

csmsCase({
  ids: { '2.0.1': 'TC_G_20_CSMS', '1.6': 'HX_TC_G_20_CSMS' },
  title: 'Connector status Notification - Lock Failure',
  area: 'status',
  useCase: { '2.0.1': 'G05 Lock Failure', '1.6': '1.6 §4.9 Status Notification (ConnectorLockFailure)' },
  requirements: { '2.0.1': ['G05.FR.03'], '1.6': ['1.6§4.9'] },
  catches: { '2.0.1': ['event.rejectsNotifyEvent'], '1.6': ['status.rejectsFaulted'] },
  expectation: 'The connector\'s plug retention lock fails: 2.0.1 NotifyEvent (Delta, ConnectorPlugRetentionLock.Problem = true), 1.6 StatusNotification Faulted with errorCode ConnectorLockFailure; the CSMS acknowledges it.',
}, async ({ booted, drv, ocppVersion }) => {
  const c = booted.connectors[0];
  if (ocppVersion === '1.6') await drv.status(c, 'Faulted', { rule: '1.6§4.9', errorCode: 'ConnectorLockFailure' });
  else await drv.notifyEvent(c, 'ConnectorPlugRetentionLock', 'Problem', 'true', { rule: 'G05.FR.03' });
});

type Scope = 'evse' | 'station' | 'connector';
const AVAILABILITY: { ids: { '2.0.1': string; '1.6'?: string }; scope: Scope; operative: boolean; title: string; withTx?: boolean }[] = [
  { ids: { '2.0.1': 'TC_G_03_CSMS' }, scope: 'evse', operative: false, title: 'Change Availability EVSE - Operative to inoperative' },
  { ids: { '2.0.1': 'TC_G_04_CSMS' }, scope: 'evse', operative: true, title: 'Change Availability EVSE - Inoperative to operative' },
  { ids: { '2.0.1': 'TC_G_05_CSMS', '1.6': 'HX_TC_G_05_CSMS' }, scope: 'station', operative: false, title: 'Change Availability Charging Station - Operative to inoperative' },
  { ids: { '2.0.1': 'TC_G_06_CSMS', '1.6': 'HX_TC_G_06_CSMS' }, scope: 'station', operative: true, title: 'Change Availability Charging Station - Inoperative to operative' },
  { ids: { '2.0.1': 'TC_G_07_CSMS', '1.6': 'HX_TC_G_07_CSMS' }, scope: 'connector', operative: false, title: 'Change Availability Connector - Operative to inoperative' },
  { ids: { '2.0.1': 'TC_G_08_CSMS', '1.6': 'HX_TC_G_08_CSMS' }, scope: 'connector', operative: true, title: 'Change Availability Connector - Inoperative to operative' },
  { ids: { '2.0.1': 'TC_G_11_CSMS' }, scope: 'evse', operative: false, withTx: true, title: 'Change Availability EVSE - With ongoing transaction' },
  { ids: { '2.0.1': 'TC_G_14_CSMS', '1.6': 'HX_TC_G_14_CSMS' }, scope: 'station', operative: false, withTx: true, title: 'Change Availability Charging Station - With ongoing transaction' },
  { ids: { '2.0.1': 'TC_G_17_CSMS', '1.6': 'HX_TC_G_17_CSMS' }, scope: 'connector', operative: false, withTx: true, title: 'Change Availability Connector - With ongoing transaction' },
];

for (const a of AVAILABILITY) {
  const to = a.operative ? 'Available' : 'Unavailable';
  csmsCase({
    ids: a.ids,
    title: a.title,
    area: 'status',
    useCase: { '2.0.1': a.scope === 'station' ? 'G04 Change Availability Charging Station' : 'G03 Change Availability EVSE/Connector', '1.6': '1.6 §5.2 Change Availability' },
    requirements: { '2.0.1': [a.scope === 'station' ? 'Part2§G04' : 'Part2§G03'], ...(a.ids['1.6'] ? { '1.6': ['1.6§5.2', '1.6§4.9'] } : {}) },
    catches: a.scope === 'station' ? ['availability.wrongType'] : ['availability.wrongType', 'availability.wrongScope'],
    expectation: `${a.withTx ? 'A transaction runs on EVSE 1. ' : ''}The operator makes ${a.scope === 'station' ? 'the whole station' : a.scope === 'evse' ? 'EVSE 1' : 'EVSE 1 connector 1'} ${a.operative ? 'Operative' : 'Inoperative'}: the CSMS sends ChangeAvailability ${a.operative ? 'Operative' : 'Inoperative'} ${a.scope === 'station' ? 'without an EVSE (1.6: connectorId 0)' : a.scope === 'evse' ? 'for EVSE 1 without a connector id' : 'for EVSE 1 connector 1 (1.6: connectorId 1)'}; ${a.withTx ? 'the station answers Scheduled, ends the transaction, and ' : ''}it acknowledges the ${to} status that follows.`,
    actions: [`make ${a.scope === 'station' ? 'the station' : a.scope === 'evse' ? 'EVSE 1' : 'connector 1 of EVSE 1'} ${a.operative ? 'operative' : 'inoperative'}`],
    source: `${a.ids['1.6']?.startsWith('HX_') ? '1.6: our counterpart of the 2.0.1 OCTT case (1.6 has no EVSE level). ' : ''}1.6 §5.2: the Central System requests the change with ChangeAvailability.req (SHALL); 2.0.1 states no CSMS-side rule for the request (G03/G04 only say the CSMS can change availability), so there a missing or different request is a soft finding.`,
  }, a.withTx
    ? async ({ booted, charging, station, drv, operate, facts, ocppVersion }) => { await run({ booted, station, drv, operate, facts, ocppVersion }, a, charging); }
    : async ({ booted, station, drv, operate, facts, ocppVersion }) => { await run({ booted, station, drv, operate, facts, ocppVersion }, a); });
}

interface Ctx { booted: CsmsBooted; station: ScriptedStation; drv: StationDriver; operate: (a: CsmsAction) => Promise<void>; facts: CsmsFacts; ocppVersion: OcppVersion }

async function run({ booted, station, drv, operate, facts, ocppVersion }: Ctx, a: (typeof AVAILABILITY)[number], tx?: ToolTransaction): Promise<void> {
  const from = a.operative ? 'Unavailable' : 'Available';
  const to = a.operative ? 'Available' : 'Unavailable';
  const c = booted.connectors[0];
  const rule = drv.rule({ '1.6': '1.6§5.2', '2.0.1': a.scope === 'station' ? 'Part2§G04' : 'Part2§G03' });
  const affected = a.scope === 'station' ? booted.connectors : [c];
  if (from !== 'Available') for (const x of affected) await drv.level(REPLY_LEVEL, () => drv.status(x, from, { rule: STATUS_REPLY }));
  // G03.FR.05 / G04.FR.06: with a transaction in progress the station schedules the change.
  if (tx) station.reply('ChangeAvailability', { status: 'Scheduled' });
  await operate({ type: 'changeAvailability', stationId: facts.stationId, operative: a.operative, ...(a.scope === 'station' ? {} : { evseId: c.evseId }), ...(a.scope === 'connector' ? { connectorId: c.connectorId } : {}) });
  const expected = ocppVersion === '1.6'
    ? { type: a.operative ? 'Operative' : 'Inoperative', connectorId: a.scope === 'station' ? 0 : drv.index(c) }
    : { operationalStatus: a.operative ? 'Operative' : 'Inoperative', evse: a.scope === 'station' ? absent() : { id: c.evseId, connectorId: a.scope === 'evse' ? absent() : c.connectorId } };
  const request = await drv.level({ '1.6': 'shall', '2.0.1': 'should' }, () => station.expectCall('ChangeAvailability', expected, { rule, within: station.timing.actionTimeout }));
  if (!request) return;
  const idle = tx ? affected.filter((x) => x.evseId !== tx.connector.evseId || x.connectorId !== tx.connector.connectorId) : affected;
  for (const x of idle) await drv.level(REPLY_LEVEL, () => drv.status(x, to, { rule: STATUS_REPLY }));
  if (tx) {
    // The transaction ends (driver stops, cable out); only then the busy connector becomes Unavailable.
    await drv.stopTransaction(tx, { rule: { '1.6': '1.6§4.10', '2.0.1': 'E01.FR.12' }, reason: 'Local', token: tx.idToken, expectedInfo: { status: 'Accepted' } });
    await drv.level(REPLY_LEVEL, () => drv.status(tx.connector, to, { rule: STATUS_REPLY }));
  }
}
