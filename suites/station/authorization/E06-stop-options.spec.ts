/** When a transaction ends: the TxStopPoint options (2.0.1 E06, E05, E07, F03; OCTT TC_E_14/15/16/21). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { TransactionDriver } from '../../../harness/judge/as-csms/transaction-driver';

const useCase = { '2.0.1': 'E06 Stop Transaction options' };
/** OCTT skips a station whose TxStopPoint is read-only with a point that would end the transaction first. */
const FIRST = { EVConnected: ['ParkingBayOccupancy', 'EnergyTransfer', 'PowerPathClosed', 'DataSigned', 'Authorized'], Authorized: ['PowerPathClosed', 'EnergyTransfer', 'DataSigned'] };

ocppCase({
  ids: { '2.0.1': 'TC_E_14_CS' }, title: 'Stop transaction options - EVDisconnected - Charging Station side', area: 'authorization', useCase,
  requirements: { '2.0.1': ['E07.FR.02', 'E06.FR.02', 'E06.FR.15', 'G01.FR.04'] },
  catches: ['tx.unplugKeepsTransaction'],
  actions: ['plugIn', 'presentCard', 'unplug'],
  expectation: 'With TxStopPoint EVConnected, the card presented again stops the energy but not the transaction (StopAuthorized; EVConnectedPostSession); unplugging the cable at the station then ends it (Ended, triggerReason EVCommunicationLost) and the connector is Available.',
  source: 'OCTT TC_E_14_CS: Before EVConnectedPostSession (a real station keeps the cable locked while it charges); E07 Figure 55 shows this Ended event (stoppedReason Local after the stop by card).',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStopPoint', 'EVConnected', FIRST.EVConnected);
  await tx.startCharging(c, tokens.valid, (t, r) => hardware.presentCard(t, r), (r) => hardware.plugIn(r));
  const stop = csms.mark('present the same card again: EVConnectedPostSession');
  await hardware.presentCard(tokens.valid, c);
  await tx.expectTrigger('StopAuthorized', { rule: 'E07.FR.02', after: stop });
  const mark = csms.mark('unplug at the station');
  await hardware.unplug(c);
  const ended = await tx.expectEnded({ rule: 'E06.FR.02', after: stop });
  await tx.expectFields(ended, { triggerReason: 'EVCommunicationLost' }, { rule: 'E06.FR.15' });
  await ocpp.expectStatus(c, 'Available', { rule: 'G01.FR.04', after: mark });
});

ocppCase({
  ids: { '2.0.1': 'TC_E_15_CS' }, title: 'Stop transaction options - StopAuthorized - Local', area: 'authorization', useCase,
  requirements: { '2.0.1': ['E06.FR.03', 'E07.FR.02', 'E07.FR.05'] },
  catches: ['tx.ignoresTxStopPoint'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'With TxStopPoint Authorized, presenting the starting card again ends the transaction with the cable still in: a StopAuthorized event, and the Ended event (stoppedReason Local or left out). E07 allows the end in the StopAuthorized event itself or in a following ChargingStateChanged one.',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStopPoint', 'Authorized', FIRST.Authorized);
  await tx.startCharging(c, tokens.valid, (t, r) => hardware.presentCard(t, r), (r) => hardware.plugIn(r));
  const mark = csms.mark('present the same card again');
  await hardware.presentCard(tokens.valid, c);
  const stop = await tx.expectTrigger('StopAuthorized', { rule: 'E07.FR.02', after: mark });
  const ended = stop.payload.eventType === 'Ended' ? stop : await tx.expectEnded({ rule: 'E06.FR.03', after: stop.entry });
  await ocpp.should(() => tx.expectFields(ended, tx.stoppedReason('Local'), { rule: 'E07.FR.05' }));
});

ocppCase({
  ids: { '2.0.1': 'TC_E_21_CS' }, title: 'Stop transaction options - StopAuthorized - Remote', area: 'authorization', useCase: { '2.0.1': 'E06 Stop Transaction options, F03 Remote Stop Transaction' },
  requirements: { '2.0.1': ['E06.FR.03', 'F03.FR.07', 'F03.FR.03'] },
  catches: ['tx.ignoresTxStopPoint'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'With TxStopPoint Authorized, RequestStopTransaction for the running transaction is Accepted and ends it with the cable still in: triggerReason RemoteStop, Ended with stoppedReason Remote.',
}, async ({ booted, auth, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStopPoint', 'Authorized', FIRST.Authorized);
  const { transactionId } = await tx.startCharging(c, tokens.valid, (t, r) => hardware.presentCard(t, r), (r) => hardware.plugIn(r));
  const mark = csms.mark('remote stop');
  await auth.remoteStop(transactionId, 'Accepted', { rule: 'F03.FR.07' });
  const stop = await tx.expectTrigger('RemoteStop', { rule: 'F03.FR.03', after: mark });
  const ended = stop.payload.eventType === 'Ended' ? stop : await tx.expectEnded({ rule: 'F03.FR.03', after: stop.entry });
  await tx.expectFields(ended, { transactionInfo: { transactionId: String(transactionId), stoppedReason: 'Remote' } }, { rule: 'F03.FR.03' });
});

ocppCase({
  ids: { '2.0.1': 'TC_E_16_CS' }, title: 'Stop transaction options - Deauthorized - Invalid idToken', area: 'authorization', useCase: { '2.0.1': 'E06 Stop Transaction options, E05 Start Transaction - Id not Accepted' },
  requirements: { '2.0.1': ['E06.FR.04', 'E05.FR.10'] },
  catches: ['tx.ignoresTxStopPoint', 'auth.ignoresStopTxOnInvalidId'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'With TxStopPoint Authorized and StopTxOnInvalidId true, a transaction whose token the CSMS answers Invalid in TransactionEventResponse ends at once: Ended, triggerReason Deauthorized, stoppedReason DeAuthorized.',
  source: 'OCTT TC_E_16_CS answers the TransactionEvent with a non-valid idTokenInfo; StopTxOnInvalidId is set true so that E05.FR.10 and E06.FR.04 ask the same.',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStopPoint', 'Authorized', FIRST.Authorized);
  await ocpp.configure(SETTINGS.stopTxOnInvalidId, 'true');
  auth.replyTransactionStart(tokens.valid, 'Invalid');
  const mark = csms.mark('start with a token the CSMS finds invalid');
  await tx.startCharging(c, tokens.valid, (t, r) => hardware.presentCard(t, r), (r) => hardware.plugIn(r));
  const ended = await tx.expectEnded({ rule: 'E06.FR.04, E05.FR.10', after: mark });
  await tx.expectFields(ended, { triggerReason: 'Deauthorized', transactionInfo: { stoppedReason: 'DeAuthorized' } }, { rule: 'E05.FR.10' });
});
