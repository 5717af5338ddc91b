/**
 * CSMS under test, remote trigger: the operator asks the station for a message (2.0.1 F06, 1.6
 * §5.17 TriggerMessage), for one EVSE / connector or the whole station. The station answers the
 * trigger (Accepted, Rejected or NotImplemented) and, when Accepted, sends the message; the CSMS
 * names the message wished (F06.FR.01) and answers what follows.
 */
import { csmsCase } from '../../../fixtures/csms';
import { absent } from '../../../harness/model/match';
import type { ConnectorRef } from '../../../harness/model/layout';
import type { CsmsAction } from '../../../harness/model/csms-actions';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { StationDriver, ToolTransaction } from '../../../harness/judge/as-station/station-driver';
import { REPLY_LEVEL, STATUS_REPLY } from '../../../harness/judge/as-station/station-driver';
import { Provisioning } from '../../../harness/judge/as-station/provisioning';

/** A fault of the reference CSMS a case claims (the type csmsCase takes; suites never import sims/). */
type CsmsFault = Extract<Parameters<typeof csmsCase>[0]['catches'], unknown[]>[number];

/** F06.FR.01 (1.6 §5.17): the request names the message the CSMS wishes to receive. */
const REQUEST = { '1.6': '1.6§5.17.Request', '2.0.1': 'F06.FR.01' };
/** F06.FR.02 (1.6 §5.17): the CSMS MAY name the EVSE / connector; naming another than the operator's is a soft finding. */
const SCOPE = { '1.6': '1.6§5.17.Connector', '2.0.1': 'F06.FR.02' };
/** The CSMS's answer to the message that follows (1.6 §4.x: SHALL respond; 2.0.1 no CSMS-side FR: REPLY_LEVEL, soft). */
const REPLY: Record<string, Partial<Record<'1.6' | '2.0.1', string>>> = {
  MeterValues: { '1.6': '1.6§4.7', '2.0.1': 'FR.03' },
  TransactionEvent: { '2.0.1': 'FR.03' },
  StatusNotification: STATUS_REPLY,
  LogStatusNotification: { '2.0.1': 'FR.03' },
  DiagnosticsStatusNotification: { '1.6': '1.6§4.4' },
  FirmwareStatusNotification: { '1.6': '1.6§4.5', '2.0.1': 'FR.03' },
  Heartbeat: { '1.6': '1.6§4.6', '2.0.1': 'G02.FR.03' },
};

type Scope = 'station' | 'evse' | 'connector';
interface Trigger { message: string; scope: Scope; answer?: 'Rejected' | 'NotImplemented'; occupied?: boolean }
interface Row { ids: { '2.0.1'?: string; '1.6'?: string }; title: string; triggers: Trigger[]; charging?: boolean; catches: CsmsFault[]; expectation: string }

const DROPS: CsmsFault[] = ['trigger.wrongMessage', 'trigger.dropsEvse'];
const ROWS: Row[] = [
  { ids: { '2.0.1': 'TC_F_11_CSMS' }, title: 'Trigger message - MeterValues - Specific EVSE', triggers: [{ message: 'MeterValues', scope: 'evse' }], catches: DROPS, expectation: 'MeterValues for EVSE 1: the station sends MeterValues of EVSE 1 (context Trigger).' },
  { ids: { '2.0.1': 'TC_F_12_CSMS' }, title: 'Trigger message - MeterValues - All EVSE', triggers: [{ message: 'MeterValues', scope: 'station' }], catches: ['trigger.wrongMessage'], expectation: 'MeterValues without an EVSE: the station sends MeterValues of every EVSE (context Trigger).' },
  { ids: { '2.0.1': 'TC_F_13_CSMS' }, title: 'Trigger message - TransactionEvent - Specific EVSE', charging: true, triggers: [{ message: 'TransactionEvent', scope: 'evse' }], catches: DROPS, expectation: 'During a transaction on EVSE 1, TransactionEvent for EVSE 1: the station sends TransactionEvent Updated, triggerReason Trigger, chargingState Charging (F06.FR.07).' },
  { ids: { '2.0.1': 'TC_F_14_CSMS' }, title: 'Trigger message - TransactionEvent - All EVSE', charging: true, triggers: [{ message: 'TransactionEvent', scope: 'station' }], catches: ['trigger.wrongMessage'], expectation: 'During a transaction, TransactionEvent without an EVSE: the station sends TransactionEvent Updated (triggerReason Trigger) for every running transaction.' },
  { ids: { '2.0.1': 'TC_F_15_CSMS' }, title: 'Trigger message - LogStatusNotification - Idle', triggers: [{ message: 'LogStatusNotification', scope: 'station' }], catches: ['trigger.wrongMessage'], expectation: 'LogStatusNotification: the station, uploading no log, sends LogStatusNotification Idle.' },
  { ids: { '2.0.1': 'TC_F_18_CSMS' }, title: 'Trigger message - FirmwareStatusNotification - Idle', triggers: [{ message: 'FirmwareStatusNotification', scope: 'station' }], catches: ['trigger.wrongMessage'], expectation: 'FirmwareStatusNotification: the station, updating no firmware, sends FirmwareStatusNotification Idle.' },
  { ids: { '2.0.1': 'TC_F_20_CSMS' }, title: 'Trigger message - Heartbeat', triggers: [{ message: 'Heartbeat', scope: 'station' }], catches: ['trigger.wrongMessage', 'heartbeat.wrongTime'], expectation: 'Heartbeat: the station sends a Heartbeat, which the CSMS answers with its current time (G02.FR.03).' },
  { ids: { '2.0.1': 'TC_F_23_CSMS' }, title: 'Trigger message - StatusNotification - Specific EVSE - Available', triggers: [{ message: 'StatusNotification', scope: 'connector' }], catches: DROPS, expectation: 'StatusNotification for EVSE 1 connector 1: the station sends StatusNotification Available and NotifyEvent AvailabilityState Available for it.' },
  { ids: { '2.0.1': 'TC_F_24_CSMS' }, title: 'Trigger message - StatusNotification - Specific EVSE - Occupied', triggers: [{ message: 'StatusNotification', scope: 'connector', occupied: true }], catches: DROPS, expectation: 'The connector reports Occupied (StatusNotification and NotifyEvent); StatusNotification for EVSE 1 connector 1: the station sends Occupied again.' },
  { ids: { '2.0.1': 'TC_F_27_CSMS' }, title: 'Trigger message - NotImplemented', triggers: [{ message: 'MeterValues', scope: 'station', answer: 'NotImplemented' }], catches: ['trigger.wrongMessage', 'heartbeat.wrongTime'], expectation: 'MeterValues: the station answers NotImplemented (F06.FR.08) and sends nothing; the CSMS copes and goes on serving the station: its next Heartbeat is answered with the current time (G02.FR.03).' },
  {
    ids: { '1.6': 'TC_054_CSMS' }, title: 'Trigger Message', catches: ['trigger.wrongMessage', 'trigger.dropsEvse', 'heartbeat.wrongTime'],
    triggers: [{ message: 'MeterValues', scope: 'connector' }, { message: 'Heartbeat', scope: 'station' }, { message: 'StatusNotification', scope: 'connector' }, { message: 'DiagnosticsStatusNotification', scope: 'station' }, { message: 'FirmwareStatusNotification', scope: 'station' }],
    expectation: 'In turn MeterValues (connector 1), Heartbeat, StatusNotification (connector 1), DiagnosticsStatusNotification and FirmwareStatusNotification: the station accepts each and sends it (the status notifications Idle), and the CSMS answers each (1.6 §4.7, §4.6, §4.9, §4.4, §4.5).',
  },
  { ids: { '1.6': 'TC_055_CSMS' }, title: 'Trigger Message - Rejected', triggers: [{ message: 'MeterValues', scope: 'connector', answer: 'Rejected' }], catches: ['trigger.wrongMessage', 'heartbeat.wrongTime'], expectation: 'MeterValues for connector 1: the station answers Rejected and sends nothing; the CSMS goes on serving the station: its next Heartbeat is answered with the current time (1.6 §4.6).' },
];

for (const r of ROWS) {
  const v16 = !!r.ids['1.6'];
  const messages = [...new Set([...r.triggers.map((t) => t.message), ...(r.triggers.some((t) => t.answer) ? ['Heartbeat'] : [])])];
  const replies = messages.map((m) => REPLY[m][v16 ? '1.6' : '2.0.1']).filter((x): x is string => !!x);
  csmsCase({
    ids: r.ids,
    title: r.title,
    area: 'status',
    useCase: v16 ? { '1.6': '1.6 §5.17 Trigger Message' } : { '2.0.1': 'F06 Trigger Message' },
    requirements: v16 ? { '1.6': [...new Set(['1.6§5.17.Request', '1.6§5.17.Connector', ...replies])] } : { '2.0.1': [...new Set(['F06.FR.01', 'F06.FR.02', ...replies])] },
    catches: r.catches,
    expectation: `The operator triggers ${r.expectation} The CSMS's TriggerMessage names the message (${v16 ? '1.6 §5.17' : 'F06.FR.01'}) and the operator's ${v16 ? 'connector' : 'EVSE'} or none (${v16 ? '1.6 §5.17' : 'F06.FR.02'} MAY: another scope is a soft finding).`,
    actions: r.triggers.map((t) => `trigger a ${t.message} from ${t.scope === 'station' ? 'the station' : t.scope === 'evse' ? 'EVSE 1' : 'EVSE 1 connector 1'}`),
  }, r.charging
    ? async ({ booted, charging, station, drv, operate, facts }) => { for (const t of r.triggers) await trigger({ c: booted.connectors[0], station, drv, operate, stationId: facts.stationId }, t, charging); }
    : async ({ booted, station, drv, operate, facts }) => { for (const t of r.triggers) await trigger({ c: booted.connectors[0], station, drv, operate, stationId: facts.stationId }, t); });
}

interface Ctx { c: ConnectorRef; station: ScriptedStation; drv: StationDriver; operate: (a: CsmsAction) => Promise<void>; stationId: string }

async function trigger({ c, station, drv, operate, stationId }: Ctx, t: Trigger, tx?: ToolTransaction): Promise<void> {
  const p = new Provisioning(station, drv);
  if (t.occupied) {
    await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
    if (drv.version === '2.0.1') await drv.level(REPLY_LEVEL, () => drv.notifyEvent(c, 'Connector', 'AvailabilityState', 'Occupied', { rule: STATUS_REPLY }));
  }
  // F06.FR.05 / F06.FR.08 (1.6 §5.17): the station's answer to the trigger; Accepted by default.
  if (t.answer) station.reply('TriggerMessage', { status: t.answer }, { times: 1 });
  const after = station.mark(`the operator triggers ${t.message}`);
  await operate({ type: 'triggerMessage', stationId, message: t.message, ...(t.scope === 'station' ? {} : { evseId: c.evseId }), ...(t.scope === 'connector' ? { connectorId: c.connectorId } : {}) });
  const request = await station.expectCall('TriggerMessage', { requestedMessage: t.message }, { rule: drv.rule(REQUEST), within: station.timing.actionTimeout, after });
  const scope = drv.version === '1.6'
    ? { connectorId: t.scope === 'station' ? absent() : drv.index(c) }
    : { evse: t.scope === 'station' ? absent() : { id: c.evseId, connectorId: t.scope === 'connector' ? c.connectorId : absent() } };
  await drv.should(() => station.expectPayload(request, scope, { rule: drv.rule(SCOPE) }));
  await p.answered(request);
  if (t.answer) {
    // Nothing follows the refusal; the CSMS goes on serving the station.
    await p.sendTriggered('Heartbeat', undefined, { rule: REPLY.Heartbeat });
    return;
  }
  const rule = REPLY[t.message];
  if (t.message === 'MeterValues' && t.scope === 'station' && drv.version === '2.0.1') {
    for (const evseId of [...new Set(drv.connectors.map((x) => x.evseId))]) await p.sendTriggered('MeterValues', drv.connectors.find((x) => x.evseId === evseId), { rule });
    return;
  }
  await p.sendTriggered(t.message, t.scope === 'station' && t.message !== 'TransactionEvent' ? undefined : c, { rule, tx, status: t.occupied ? 'Occupied' : 'Available' });
}

