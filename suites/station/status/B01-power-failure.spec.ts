/**
 * Power failure during a transaction (1.6 §4.2, §4.9, §4.10; OCTT TC_032_1_CS, TC_032_2_CS). 1.6 asks a
 * StopTransaction for every transaction that stopped (§4.10, SHALL) with the reason that fits
 * (PowerLoss: a SHOULD); it does not say when it goes out. Stopping before going down (a backup
 * supply) is the PICS of TC_032_1_CS: no text requires it, so a station that boots first makes that
 * case not applicable, and TC_032_2_CS takes the StopTransaction whenever it comes after the power cut.
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { NotApplicable } from '../../../harness/model/errors';
import { oneOf } from '../../../harness/model/match';

const useCase = { '1.6': '1.6 §4.10 Stop Transaction, §4.2 Boot Notification' };
/** After the reboot the cable is still in and the transaction is over: Finishing (1.6 §7.7), or Preparing (a cable in, no transaction). */
const CABLE_IN = { '1.6': oneOf('Finishing', 'Preparing') };

ocppCase({
  ids: { '1.6': 'TC_032_1_CS' }, title: 'Power failure - stop transaction(s) before going down', area: 'status', useCase,
  requirements: { '1.6': ['1.6§4.10', '1.6§4.10.Reason', '1.6§4.2', '1.6§4.9', '1.6§7.7'] },
  catches: ['power.wrongStopReason'],
  actions: ['plugIn', 'presentCard', 'powerCycle'],
  expectation: 'The power fails during a transaction. A station that stops its transactions before going down sends StopTransaction for it first (1.6 §4.10), with reason PowerLoss (a SHOULD: a soft finding otherwise), then boots (1.6 §4.2) and reports the connector Finishing (cable still in) and the others Available (1.6 §4.9). A station that boots first is not one: not applicable (TC_032_2_CS applies).',
  source: 'OCTT TC_032_1_CS (PICS: the Charge Point is configured to stop transactions before going down; no 1.6 text requires it, hence not applicable otherwise).',
}, async ({ charging, ocpp, csms, hardware, connectors }) => {
  const c = charging.connector;
  const cut = csms.mark('power cut during the transaction');
  await hardware.powerCycle();
  const first = await csms.expectOneOf([{ action: 'StopTransaction', match: { transactionId: charging.transactionId } }, { action: 'BootNotification', match: {} }], { rule: '1.6§4.10', within: csms.timing.rebootTimeout, after: cut });
  if (first.action === 'BootNotification') csms.notApplicable(new NotApplicable('a station that stops its transactions before going down on a power failure', 'it booted again before stopping the transaction (TC_032_2_CS applies)'));
  await ocpp.should(() => csms.expectPayload(first, { reason: 'PowerLoss' }, { rule: '1.6§4.10.Reason' }));
  const boot = await csms.expectCall('BootNotification', {}, { rule: '1.6§4.2', within: csms.timing.rebootTimeout, after: first.entry });
  await ocpp.expectStatus(c, CABLE_IN, { rule: '1.6§4.9, 1.6§7.7', after: boot.entry });
  await ocpp.expectStatuses(connectors.filter((x) => x.evseId !== c.evseId || x.connectorId !== c.connectorId), 'Available', { rule: '1.6§4.9', after: boot.entry });
});

ocppCase({
  ids: { '1.6': 'TC_032_2_CS' }, title: 'Power failure - stop transaction(s) after going down', area: 'status', useCase,
  requirements: { '1.6': ['1.6§4.10', '1.6§4.2', '1.6§4.9', '1.6§7.7'] },
  catches: ['power.forgetsTransactions'],
  actions: ['plugIn', 'presentCard', 'powerCycle'],
  expectation: 'The power fails during a transaction. The station boots again (1.6 §4.2), reports the connector Finishing (cable still in) and the others Available (1.6 §4.9), and sends the StopTransaction of the interrupted transaction (1.6 §4.10), before going down or after the reboot. Its reason is not judged: the OCTT mirror accepts PowerLoss, Local or none (TC_032_1_CS checks PowerLoss, a SHOULD).',
  source: 'OCTT TC_032_2_CS.',
}, async ({ charging, ocpp, csms, hardware, connectors }) => {
  const c = charging.connector;
  const cut = csms.mark('power cut during the transaction');
  const stopped = csms.expectCall('StopTransaction', { transactionId: charging.transactionId }, { rule: '1.6§4.10', within: csms.timing.rebootTimeout + csms.timing.messageTimeout, after: cut });
  void stopped.catch(() => undefined);
  await hardware.powerCycle();
  const boot = await csms.expectCall('BootNotification', {}, { rule: '1.6§4.2', within: csms.timing.rebootTimeout, after: cut });
  await ocpp.expectStatus(c, CABLE_IN, { rule: '1.6§4.9, 1.6§7.7', after: boot.entry });
  await ocpp.expectStatuses(connectors.filter((x) => x.evseId !== c.evseId || x.connectorId !== c.connectorId), 'Available', { rule: '1.6§4.9', after: boot.entry });
  await stopped;
});
