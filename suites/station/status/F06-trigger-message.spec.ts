/** TriggerMessage for status messages (2.0.1 F06, 1.6 §5.17; OCTT TC_F_xx_CS, TC_054_CS, TC_055_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { oneOf, some } from '../../../harness/model/match';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import type { Received, ScriptedCsms } from '../../../harness/judge/as-csms/scripted-csms';
import type { Match } from '../../../harness/model/match';
import { HEARTBEAT_INTERVAL } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';

/** 1.6: TriggerMessage is the optional RemoteTrigger feature profile; 2.0.1 F06 is Core. */
const remoteTrigger = { '1.6': [needs.feature('RemoteTrigger')] };

const useCase = { '2.0.1': 'F06 Trigger Message', '1.6': '1.6 §5.17 Trigger Message' };
/**
 * Accepting a trigger is the station's choice (2.0.1 F06.FR.05, 1.6 §5.17): OCTT expects Accepted,
 * no requirement does, so a refusal is a soft finding.
 */
const ACCEPT = { '1.6': '1.6§5.17', '2.0.1': 'F06.FR.05' };
/** The accepted message is sent: 2.0.1 F06.FR.10 (SHALL); 1.6 §5.17 "should" (SHOULD). */
const SENT = { '1.6': '1.6§5.17.SendAccepted', '2.0.1': 'F06.FR.10' };
const SENT_LEVEL = { '1.6': 'should', '2.0.1': 'shall' } as const;
/** The response goes out before the message it triggers (2.0.1 F06.FR.04, 1.6 §5.17). */
const ORDER = { '1.6': '1.6§5.17', '2.0.1': 'F06.FR.04' };
const requirements = { '2.0.1': ['F06.FR.04', 'F06.FR.05', 'F06.FR.10'], '1.6': ['1.6§5.17', '1.6§5.17.SendAccepted'] };

/**
 * Triggers `message`; if it is Accepted, requires the message itself after the response
 * (F06.FR.04). `sent` names the rules of the message's content (default: SENT).
 */
async function triggerAndExpect(csms: ScriptedCsms, ocpp: OcppDriver, message: string, target: { evseId?: number; connectorId?: number } | undefined,
  expected: { action: string; match: Match } | { action: string; match: Match }[], sent: { '1.6': string; '2.0.1': string } = SENT): Promise<void> {
  // A periodic Heartbeat while the response is on its way (a slow station) cannot be told from the triggered one
  // (1.6 §4.6, G02; F06.FR.10 note): a long interval first, so the order check (F06.FR.04) judges the triggered one.
  if (message === 'Heartbeat') await ocpp.configure(HEARTBEAT_INTERVAL, '3600');
  const mark = csms.mark(`trigger ${message}`);
  const accepted = await ocpp.should(async () => { await ocpp.trigger(message, target, 'Accepted', { rule: ACCEPT }); return true; });
  if (!accepted) return;
  const response = csms.journal.entries.filter((e) => e.kind === 'frame' && e.dir === 'in' && e.action === 'TriggerMessage').pop()!;
  const got = await ocpp.level(SENT_LEVEL, () => csms.expectOneOf(Array.isArray(expected) ? expected : [expected], { rule: ocpp.rule(sent), after: mark }));
  if (got && got.entry.seq < response.seq) throw csms.failure(ocpp.rule(ORDER), `the TriggerMessage response before the ${got.action} it triggered`, `${got.action} #${got.entry.seq} came before the response #${response.seq}`);
}

ocppCase({
  ids: { '2.0.1': 'TC_F_20_CS', '1.6': 'HX_TC_F_20_CS' },
  needs: remoteTrigger,
  title: 'Trigger message - Heartbeat', area: 'status', useCase, requirements,
  // trigger.noMessage is not claimed: a periodic Heartbeat sent meanwhile complies (F06.FR.10 note, 1.6 §5.17).
  catches: ['trigger.rejects', 'trigger.messageBeforeResponse'],
  expectation: 'TriggerMessage Heartbeat is Accepted (OCTT; accepting is the station\'s choice: a soft finding if not), and a Heartbeat follows after the response.',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  await triggerAndExpect(csms, ocpp, 'Heartbeat', undefined, { action: 'Heartbeat', match: {} });
});

for (const [status, ids, plug] of [
  ['Available', { '2.0.1': 'TC_F_23_CS', '1.6': 'HX_TC_F_23_CS' }, false],
  ['Occupied', { '2.0.1': 'TC_F_24_CS', '1.6': 'HX_TC_F_24_CS' }, true],
] as const) {
  ocppCase({
    ids, title: `Trigger message - StatusNotification - ${status}`, area: 'status', useCase,
    needs: remoteTrigger,
    requirements: { '2.0.1': [...requirements['2.0.1'], 'F06.FR.09'], '1.6': [...requirements['1.6'], '1.6§4.9'] },
    catches: ['trigger.rejects', 'trigger.noMessage'],
    actions: plug ? ['plugIn'] : [],
    expectation: `TriggerMessage StatusNotification for EVSE 1 connector 1 is Accepted (OCTT; a soft finding if not) and the connector's current status (${status}) is reported.`,
  }, async ({ booted, csms, ocpp, hardware }) => {
    const c = booted.connectors[0];
    if (plug) { await hardware.plugIn(c); await ocpp.expectStatus(c, 'Occupied', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.03' } }); }
    // The status reported is the current one (F06.FR.09).
    await triggerAndExpect(csms, ocpp, 'StatusNotification', c, ocpp.statusAlternatives(c, status), { '1.6': SENT['1.6'], '2.0.1': 'F06.FR.10, F06.FR.09' });
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_F_11_CS', '1.6': 'HX_TC_F_11_CS' },
  needs: remoteTrigger,
  title: 'Trigger message - MeterValues - Specific EVSE', area: 'status', useCase,
  requirements: { '2.0.1': [...requirements['2.0.1'], 'F06.FR.06'], '1.6': requirements['1.6'] },
  catches: ['trigger.noMessage'],
  expectation: 'TriggerMessage MeterValues for EVSE 1 is Accepted (OCTT; a soft finding if not) and MeterValues for that EVSE (1.6: connector) follow.',
}, async ({ booted, csms, ocpp }) => {
  const c = booted.connectors[0];
  await triggerAndExpect(csms, ocpp, 'MeterValues', { evseId: c.evseId }, { action: 'MeterValues', match: ocpp.version === '1.6' ? { connectorId: ocpp.index(c) } : { evseId: c.evseId } },
    { '1.6': SENT['1.6'], '2.0.1': 'F06.FR.10, F06.FR.06' });
});

ocppCase({
  ids: { '2.0.1': 'TC_F_26_CS' },
  title: 'Trigger message - BootNotification - Rejected', area: 'status', useCase,
  requirements: { '2.0.1': ['F06.FR.17'] },
  catches: ['trigger.acceptsBootWhenAccepted'],
  expectation: 'Once Accepted, a station answers TriggerMessage BootNotification Rejected and does not boot again.',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const mark = csms.mark('trigger BootNotification while Accepted');
  await ocpp.trigger('BootNotification', undefined, 'Rejected', { rule: 'F06.FR.17' });
  await csms.expectNoCall('BootNotification', {}, { rule: 'F06.FR.17', forSeconds: csms.timing.messageTimeout / 3, after: mark, because: 'after a Rejected trigger' });
});

ocppCase({
  ids: { '1.6': 'TC_054_CS' },
  needs: remoteTrigger,
  title: 'Trigger Message', area: 'status', useCase,
  requirements: { '1.6': requirements['1.6'] },
  catches: ['trigger.rejects', 'trigger.noMessage', 'trigger.messageBeforeResponse'],
  expectation: 'MeterValues, Heartbeat, StatusNotification, DiagnosticsStatusNotification (Idle) and FirmwareStatusNotification (Idle) are each sent when triggered. Accepting a trigger is the station\'s choice and sending the accepted message a SHOULD (1.6 §5.17): misses are soft findings.',
  source: 'OCTT 1.6 TC_054_CS as read by third-party tools (PNA, EVtivity); the firmware trigger may also be answered NotImplemented.',
}, async ({ booted, csms, ocpp }) => {
  const c = booted.connectors[0];
  await triggerAndExpect(csms, ocpp, 'MeterValues', c, { action: 'MeterValues', match: { connectorId: ocpp.index(c) } });
  await triggerAndExpect(csms, ocpp, 'Heartbeat', undefined, { action: 'Heartbeat', match: {} });
  await triggerAndExpect(csms, ocpp, 'StatusNotification', c, ocpp.statusAlternatives(c, 'Available'));
  await triggerAndExpect(csms, ocpp, 'DiagnosticsStatusNotification', undefined, { action: 'DiagnosticsStatusNotification', match: { status: 'Idle' } });
  const mark = csms.mark('trigger FirmwareStatusNotification');
  const r = await ocpp.should(() => csms.callExpecting('TriggerMessage', ocpp.triggerPayload('FirmwareStatusNotification'), { status: oneOf('Accepted', 'NotImplemented') }, { rule: '1.6§5.17' }));
  if (r?.status === 'Accepted') await ocpp.should(() => csms.expectCall('FirmwareStatusNotification', { status: 'Idle' }, { rule: '1.6§5.17.SendAccepted', after: mark }));
});

ocppCase({
  ids: { '1.6': 'TC_055_CS' },
  needs: remoteTrigger,
  title: 'Trigger Message - Rejected', area: 'status', useCase,
  requirements: { '1.6': ['1.6§5.17'] },
  catches: ['trigger.unknownConnectorAccepted'],
  expectation: 'TriggerMessage MeterValues for a connector the station does not have is answered Rejected. No SHALL of 1.6 §5.17 asks for it (OCTT does): a soft finding.',
  source: 'OCTT 1.6 TC_055_CS (not a SHALL of 1.6 §5.17); connectorId = number of connectors + 1 as in the EVtivity mirror.',
}, async ({ booted, csms, ocpp, connectors }) => {
  void booted;
  await ocpp.should(() => csms.callExpecting('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: connectors.length + 1 }, { status: 'Rejected' }, { rule: '1.6§5.17' }));
});

/** A TransactionEvent trigger (F06.FR.07): triggerReason Trigger, the chargingState, meter values taken for the trigger. */
const triggeredEvent = (transactionId: string): Match => ({
  eventType: 'Updated', triggerReason: 'Trigger', transactionInfo: { transactionId, chargingState: 'Charging' },
  meterValue: some({ sampledValue: some({ context: 'Trigger' }) }),
});

/** Energy flows on `transactionId` (Charging reported): the triggered event then reports the current Charging (F06.FR.09). */
async function untilCharging(csms: ScriptedCsms, started: Received, transactionId: string): Promise<void> {
  if ((started.payload.transactionInfo as { chargingState?: string }).chargingState === 'Charging') return;
  await csms.expectCall('TransactionEvent', { transactionInfo: { transactionId, chargingState: 'Charging' } }, { rule: 'E01.FR.10', after: started.entry });
}

ocppCase({
  ids: { '2.0.1': 'TC_F_13_CS' }, title: 'Trigger message - TransactionEvent - Specific EVSE', area: 'status', useCase,
  requirements: { '2.0.1': ['F06.FR.04', 'F06.FR.05', 'F06.FR.07', 'F06.FR.09', 'F06.FR.10'] },
  catches: ['trigger.txEventPeriodic', 'trigger.messageBeforeResponse'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'During a transaction, TriggerMessage TransactionEvent for its EVSE is Accepted (OCTT; a soft finding if not) and followed by a TransactionEvent of that transaction with triggerReason Trigger, chargingState Charging and meter values of context Trigger.',
}, async ({ charging, csms, ocpp }) => {
  const id = String(charging.transactionId);
  await untilCharging(csms, charging.started, id);
  await triggerAndExpect(csms, ocpp, 'TransactionEvent', { evseId: charging.connector.evseId }, { action: 'TransactionEvent', match: triggeredEvent(id) },
    { '1.6': SENT['1.6'], '2.0.1': 'F06.FR.10, F06.FR.07' });
});

ocppCase({
  ids: { '2.0.1': 'TC_F_14_CS' }, title: 'Trigger message - TransactionEvent - All EVSE', area: 'status', useCase,
  requirements: { '2.0.1': ['F06.FR.04', 'F06.FR.05', 'F06.FR.07', 'F06.FR.10', 'F06.FR.11'] },
  catches: ['trigger.txEventFirstEvseOnly', 'trigger.txEventPeriodic'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'With a transaction on every EVSE, TriggerMessage TransactionEvent without evse is Accepted (OCTT; a soft finding if not) and followed by one TransactionEvent per transaction with triggerReason Trigger, chargingState Charging and meter values of context Trigger.',
}, async ({ charging, csms, ocpp, auth, hardware, connectors, tokens }) => {
  const ids = [String(charging.transactionId)];
  await untilCharging(csms, charging.started, ids[0]);
  for (const c of connectors.filter((x) => x.evseId !== charging.connector.evseId && x.connectorId === 1)) {
    const mark = csms.mark(`start a transaction on EVSE ${c.evseId}`);
    await hardware.plugIn(c);
    await hardware.presentCard(tokens.valid2, c);
    const started = await auth.expectTransactionStarted(c, tokens.valid2, { rule: 'E01.FR.10', after: mark });
    ids.push(String(auth.transactionId(started)));
    await untilCharging(csms, started, ids[ids.length - 1]);
  }
  const mark = csms.mark('trigger TransactionEvent for all EVSEs');
  const accepted = await ocpp.should(async () => { await ocpp.trigger('TransactionEvent', undefined, 'Accepted', { rule: ACCEPT }); return true; });
  if (!accepted) return;
  for (const id of ids) await csms.expectCall('TransactionEvent', triggeredEvent(id), { rule: 'F06.FR.11, F06.FR.07', after: mark });
});
