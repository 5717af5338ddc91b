/** Resetting one EVSE (2.0.1 B11, B12 with evseId; OCTT TC_B_25_CS, TC_B_26_CS, TC_B_27_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { NotApplicable } from '../../../harness/model/errors';
import { diff, oneOf, show } from '../../../harness/model/match';
import { ProvisioningDriver } from '../../../harness/judge/as-csms/provisioning-driver';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';

/**
 * Reset with an evseId; a station that answers Rejected cannot reset an EVSE alone (B11.FR.09,
 * B12.FR.09; or not now, B11.FR.06): these cases do not apply to it (TC_B_28/29_CS do).
 */
async function resetEvse(ocpp: OcppDriver, type: 'OnIdle' | 'Immediate', evseId: number, expected: string | ReturnType<typeof oneOf>, rule: string): Promise<string> {
  const reply = await ocpp.csms.callExpecting('Reset', { type, evseId }, { status: oneOf(expected, 'Rejected') }, { rule });
  if (reply.status === 'Rejected') ocpp.csms.notApplicable(new NotApplicable('a station that can reset an EVSE alone (B11.FR.08)', `Reset ${type} with evseId ${evseId} answered Rejected (B11.FR.09, B12.FR.09)`));
  return String(reply.status);
}

const EVSE_RESET_ENDED = { triggerReason: 'ResetCommand', transactionInfo: { stoppedReason: 'ImmediateReset' } };

ocppCase({
  ids: { '2.0.1': 'TC_B_25_CS' }, title: 'Reset EVSE - Without ongoing transaction', area: 'status',
  useCase: { '2.0.1': 'B11 Reset - Without Ongoing Transaction' },
  requirements: { '2.0.1': ['B11.FR.01', 'B11.FR.08', 'B11.FR.10'] },
  catches: ['reset.evseStaysUnavailable', 'reset.evseNoAllowReset'],
  actions: ['plugIn', 'unplug'],
  expectation: 'A station that can reset an EVSE alone answers Reset OnIdle with evseId (no transaction) Accepted and resets that EVSE, which comes back: a cable plugged in is reported Occupied. Its EVSE.AllowReset is true (a SHOULD).',
  source: 'OCTT TC_B_25_CS checks the answer (Accepted); B11.FR.07 also allows Scheduled when the reset cannot be done now. That the EVSE comes back is checked by plugging a cable in after the answer (the station MAY report the EVSE Unavailable meanwhile, B11.FR.08).',
}, async ({ booted, ocpp, csms, hardware }) => {
  const c = booted.connectors[0];
  const mark = csms.mark('reset of one EVSE');
  await resetEvse(ocpp, 'OnIdle', c.evseId, oneOf('Accepted', 'Scheduled'), 'B11.FR.01, B11.FR.08');
  // B11.FR.10: a station that can reset an EVSE alone SHOULD say so in EVSE.AllowReset.
  await ocpp.should(async () => {
    const [allow] = await new ProvisioningDriver(ocpp).getVariables([{ component: 'EVSE', evse: { id: c.evseId }, variable: 'AllowReset' }], 'B06.FR.10');
    if (allow.attributeStatus !== 'Accepted' || allow.attributeValue !== 'true') throw csms.failure('B11.FR.10', `EVSE ${c.evseId} AllowReset true`, `${String(allow.attributeStatus)} ${String(allow.attributeValue ?? '')}`.trim());
  });
  // B11.FR.08: the EVSE is reset and back in service: a cable plugged in after the answer is reported Occupied.
  await hardware.plugIn(c);
  await ocpp.expectStatus(c, 'Occupied', { rule: 'B11.FR.08', within: csms.timing.rebootTimeout, after: mark });
  await hardware.unplug(c);
});

ocppCase({
  ids: { '2.0.1': 'TC_B_26_CS' }, title: 'Reset EVSE - With Ongoing Transaction - OnIdle', area: 'status',
  useCase: { '2.0.1': 'B12 Reset - With Ongoing Transaction' },
  requirements: { '2.0.1': ['B12.FR.01', 'B12.FR.07', 'B11.FR.08'] },
  catches: ['reset.evseOnIdleEndsTransaction', 'reset.evseOnIdleNotScheduled'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'Reset OnIdle of the EVSE with a transaction is Scheduled; the transaction goes on until the driver ends it normally (not by the reset), then the EVSE is reset and reported Available once the cable is out.',
}, async ({ charging, ocpp, csms, hardware }) => {
  const c = charging.connector;
  const mark = csms.mark('reset OnIdle of the EVSE during a transaction');
  await resetEvse(ocpp, 'OnIdle', c.evseId, 'Scheduled', 'B12.FR.01');
  const ended = ocpp.expectTransactionEnded({ rule: 'B12.FR.07', after: mark });
  const stop = csms.mark('the driver ends the transaction');
  await hardware.presentCard(charging.idToken, c);
  await hardware.unplug(c);
  const end = await ended;
  // B12.FR.07: the transaction ends normally (E06), by the driver, not by the reset.
  if (end.entry.seq < stop.seq) throw csms.failure('B12.FR.07', 'the transaction going on until the driver ends it', `it ended (#${end.entry.seq}) before the driver stopped it`);
  const p = end.payload as { triggerReason?: string; transactionInfo?: { stoppedReason?: string } };
  if (p.triggerReason === 'ResetCommand' || p.transactionInfo?.stoppedReason === 'ImmediateReset') throw csms.failure('B12.FR.07', 'a transaction ended normally, not by the reset', `triggerReason ${String(p.triggerReason)}, stoppedReason ${String(p.transactionInfo?.stoppedReason)} (#${end.entry.seq})`);
  // B11.FR.08: then the EVSE is reset (it may be reported Unavailable meanwhile) and comes back.
  await ocpp.expectStatus(c, 'Available', { rule: 'B11.FR.08', within: csms.timing.rebootTimeout, after: end.entry });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_27_CS' }, title: 'Reset EVSE - With Ongoing Transaction - Immediate', area: 'status',
  useCase: { '2.0.1': 'B12 Reset - With Ongoing Transaction' },
  requirements: { '2.0.1': ['B12.FR.02', 'B12.FR.08', 'B11.FR.08'] },
  catches: ['reset.evseImmediateKeepsTransaction', 'reset.evseImmediateWrongReason', 'reset.evseStaysUnavailable'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'Reset Immediate of the EVSE with a transaction is Accepted; the transaction ends (triggerReason ResetCommand, stoppedReason ImmediateReset), the EVSE is reset and reported Available once the cable is out.',
  source: 'The stop reasons are part of B12.FR.08 since the 2025 errata (§2.16), a SHALL. OCTT also expects chargingState EVConnected in the Ended event, which no requirement states: not checked.',
}, async ({ charging, ocpp, csms, hardware }) => {
  const c = charging.connector;
  const mark = csms.mark('reset Immediate of the EVSE during a transaction');
  await resetEvse(ocpp, 'Immediate', c.evseId, 'Accepted', 'B12.FR.02');
  // B12.FR.08: the transaction on the EVSE ends, with ResetCommand / ImmediateReset, before the EVSE reset.
  const end = await ocpp.expectTransactionEnded({ rule: 'B12.FR.08', after: mark });
  const d = diff(end.payload, EVSE_RESET_ENDED);
  if (d) throw csms.failure('B12.FR.08', `TransactionEvent Ended ⊇ ${show(EVSE_RESET_ENDED)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
  // B11.FR.08: the EVSE is reset (it may be reported Unavailable meanwhile) and comes back: Available once the cable is out.
  await hardware.unplug(c);
  await ocpp.expectStatus(c, 'Available', { rule: 'B11.FR.08', within: csms.timing.rebootTimeout, after: end.entry });
});
