/** When a transaction starts: the TxStartPoint options (2.0.1 E01, E03; OCTT TC_E_01/09/10/13, TC_E_05/39). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { TransactionDriver } from '../../../harness/judge/as-csms/transaction-driver';

const useCase = { '2.0.1': 'E01 Start Transaction options' };
/** OCTT skips a station whose TxStartPoint is read-only with an earlier point than the one tested. */
const EARLIER = { PowerPathClosed: ['ParkingBayOccupancy', 'EVConnected', 'Authorized', 'DataSigned'], EVConnected: ['ParkingBayOccupancy'], Authorized: ['ParkingBayOccupancy'] };

ocppCase({
  ids: { '2.0.1': 'TC_E_01_CS' }, title: 'Start transaction options - PowerPathClosed', area: 'authorization', useCase,
  requirements: { '2.0.1': ['E01.FR.05', 'E03.FR.01', 'E01.FR.16'] },
  catches: ['tx.startsAtAuthorization'],
  actions: ['presentCard', 'plugIn'],
  expectation: 'With TxStartPoint PowerPathClosed the card alone starts nothing; the transaction starts (Started, with the token and the EVSE) once the cable is in too. A station whose TxStartPoint is read-only without PowerPathClosed (or with an earlier point) is not applicable.',
  source: 'OCTT TC_E_01_CS: Before Authorized, then EVConnectedPreSession; E01 S5 / E01.FR.05: the transaction starts when authorized and connected, not before.',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStartPoint', 'PowerPathClosed', EARLIER.PowerPathClosed);
  const mark = csms.mark('present the card, no cable yet');
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: 'C01.FR.02', after: mark });
  const early = 'before the cable is in (the power path cannot close)';
  await csms.expectNoCall(tx.isStarted(), {}, { rule: ocpp.rule('E01.FR.05'), forSeconds: csms.timing.messageTimeout, after: mark, because: early });
  const plugged = csms.mark('plug in: authorized and connected');
  await hardware.plugIn(c);
  await ocpp.expectStatus(c, 'Occupied', { rule: 'G01.FR.03', after: plugged });
  const started = await tx.expectStarted({ rule: 'E01.FR.05', after: mark });
  if (started.entry.seq < plugged.seq) throw csms.failure(ocpp.rule('E01.FR.05'), `TransactionEvent Started after the cable is plugged in (#${plugged.seq})`, `Started #${started.entry.seq}, ${early}`);
  await tx.expectFields(started, { idToken: { idToken: tokens.valid } }, { rule: 'E03.FR.01' });
  await tx.expectFields(started, { evse: { id: c.evseId, connectorId: c.connectorId } }, { rule: 'E01.FR.16' });
});

ocppCase({
  ids: { '2.0.1': 'TC_E_09_CS' }, title: 'Start transaction options - EVConnected', area: 'authorization', useCase,
  requirements: { '2.0.1': ['E01.FR.02', 'E01.FR.15', 'E01.FR.16', 'G01.FR.03'] },
  catches: ['tx.ignoresTxStartPoint'],
  actions: ['plugIn'],
  expectation: 'With TxStartPoint EVConnected, plugging in is reported Occupied and starts the transaction: Started, triggerReason CablePluggedIn, naming the EVSE and connector, before any token.',
}, async ({ booted, auth, ocpp, csms, hardware }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStartPoint', 'EVConnected', EARLIER.EVConnected);
  const mark = csms.mark('plug in');
  await hardware.plugIn(c);
  await ocpp.expectStatus(c, 'Occupied', { rule: 'G01.FR.03', after: mark });
  const started = await tx.expectStarted({ rule: 'E01.FR.02', after: mark });
  await tx.expectFields(started, { triggerReason: 'CablePluggedIn' }, { rule: 'E01.FR.15' });
  await tx.expectFields(started, { evse: { id: c.evseId, connectorId: c.connectorId } }, { rule: 'E01.FR.16' });
});

for (const remote of [false, true]) {
  ocppCase({
    ids: { '2.0.1': remote ? 'TC_E_13_CS' : 'TC_E_10_CS' }, title: `Start transaction options - Authorized - ${remote ? 'Remote' : 'Local'}`, area: 'authorization',
    useCase: { '2.0.1': remote ? 'E01 Start Transaction options, F02 Remote Start Transaction - Remote Start First' : 'E01 Start Transaction options' },
    requirements: { '2.0.1': remote ? ['E01.FR.03', 'F02.FR.21', 'F02.FR.01'] : ['E01.FR.03', 'E01.FR.15', 'E03.FR.01'] },
    catches: ['tx.ignoresTxStartPoint'],
    actions: remote ? [] : ['presentCard'],
    expectation: remote
      ? 'With TxStartPoint Authorized, RequestStartTransaction (no cable) is Accepted and the authorization starts the transaction: Started, triggerReason RemoteStart, with the remoteStartId.'
      : 'With TxStartPoint Authorized, the card (no cable) is authorized and starts the transaction: Started, triggerReason Authorized, with the token.',
  }, async ({ booted, auth, csms, hardware, tokens }) => {
    const tx = new TransactionDriver(auth);
    const c = booted.connectors[0];
    await tx.usePoint('TxStartPoint', 'Authorized', EARLIER.Authorized);
    const mark = csms.mark(remote ? 'remote start, no cable' : 'present the card, no cable');
    if (remote) {
      const request = await auth.remoteStart(tokens.valid, c, 'Accepted', { rule: 'F02.FR.09' });
      const started = await tx.expectStarted({ rule: 'E01.FR.03', after: mark });
      await tx.expectFields(started, { triggerReason: 'RemoteStart', transactionInfo: { remoteStartId: request.remoteStartId as number } }, { rule: 'F02.FR.21, F02.FR.01' });
      return;
    }
    await hardware.presentCard(tokens.valid, c);
    await auth.expectAuthorize(tokens.valid, { rule: 'C01.FR.02', after: mark });
    const started = await tx.expectStarted({ rule: 'E01.FR.03', after: mark });
    await tx.expectFields(started, { triggerReason: 'Authorized' }, { rule: 'E01.FR.15' });
    await tx.expectFields(started, { idToken: { idToken: tokens.valid } }, { rule: 'E03.FR.01' });
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_E_38_CS' }, title: 'Local start transaction - EV not ready', area: 'authorization', useCase: { '2.0.1': 'E03 Start Transaction - IdToken First, E01 Start Transaction options' },
  requirements: { '2.0.1': ['C01.FR.02', 'Part2§ChargingStateEnumType', 'E01.FR.19'] },
  catches: ['ev.chargingWhenNotReady'],
  actions: ['presentCard', 'evNotReady', 'plugIn'],
  expectation: 'Authorized first, then an EV that is not ready is plugged in: the transaction reports no Charging state while the EV takes no energy, and reports SuspendedEV (E01.FR.19, a SHOULD; E01.FR.20 allows EVConnected from a station that cannot tell). A station whose TxStartPoint is only EnergyTransfer starts nothing then: it is set to PowerPathClosed, or the case is not applicable.',
  source: 'OCTT TC_E_38_CS (Before Authorized; manual: EV not ready; EVConnectedPreSession); the chargingState may come in the event of the plug-in itself (Part 2 E §1.5 transactionInfo.chargingState).',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStartPoint', 'PowerPathClosed', [], (members) => !members.every((m) => m === 'EnergyTransfer'));
  const mark = csms.mark('present the card, no cable yet');
  await hardware.presentCard(tokens.valid, c);
  await auth.expectAuthorize(tokens.valid, { rule: 'C01.FR.02', after: mark });
  await hardware.evNotReady(c);
  const plugged = csms.mark('plug in an EV that is not ready');
  await hardware.plugIn(c);
  await ocpp.expectStatus(c, 'Occupied', { rule: 'G01.FR.03', after: plugged });
  await csms.expectNoCall(tx.isChargingState('Charging'), {}, { rule: ocpp.rule('Part2§ChargingStateEnumType'), forSeconds: csms.timing.messageTimeout, after: plugged, because: 'while the EV takes no energy' });
  await ocpp.should(() => tx.expectChargingState('SuspendedEV', { rule: 'E01.FR.19', after: plugged }));
});

for (const [id, title, ends] of [
  ['TC_E_05_CS', 'Local start transaction - Authorization first - Cable plugin timeout', false],
  ['TC_E_39_CS', 'Stop transaction options - Deauthorized - timeout', true],
] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title, area: 'authorization', useCase: { '2.0.1': 'E03 Start Transaction - IdToken First' },
    requirements: { '2.0.1': ['E01.FR.03', 'E03.FR.05'] },
    catches: ['tx.noEVConnectionTimeout'],
    actions: ['presentCard'],
    expectation: `With TxStartPoint Authorized${ends ? ' and TxStopPoint Authorized' : ''}, a card and no cable: the transaction starts, and when no cable comes within EVConnectionTimeOut the station reports it with triggerReason EVConnectTimeout${ends ? ' and ends it (Ended, stoppedReason Timeout)' : ''}. E03.FR.05 is a SHOULD: a miss is a soft finding.`,
    source: 'OCTT TC_E_05_CS / TC_E_39_CS; the timeout window (EVConnectionTimeOut + 10 s) as in TC_004_2_CS.',
  }, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
    const tx = new TransactionDriver(auth);
    const c = booted.connectors[0];
    const timeout = 40; // scaled about 2 s embedded
    await tx.usePoint('TxStartPoint', 'Authorized', EARLIER.Authorized);
    if (ends) await tx.usePoint('TxStopPoint', 'Authorized');
    await ocpp.configure(SETTINGS.connectionTimeOut, String(timeout));
    const mark = csms.mark('present the card, no cable');
    await hardware.presentCard(tokens.valid, c);
    await tx.expectStarted({ rule: 'E01.FR.03', after: mark });
    await ocpp.should(async () => {
      const ended = await tx.expectTrigger('EVConnectTimeout', { rule: 'E03.FR.05', after: mark, within: timeout + 10 });
      // OCTT TC_E_05_CS accepts an Updated event when TxStopPoint lacks Authorized; TC_E_39_CS wants the end.
      if (ends) await tx.expectFields(ended, { eventType: 'Ended', transactionInfo: { stoppedReason: 'Timeout' } }, { rule: 'E03.FR.05' });
    });
  });
}
