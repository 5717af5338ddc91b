/** The cable comes out of the EV (2.0.1 E09, E10, E06; 1.6 §9.1 StopTransactionOnEVSideDisconnect; OCTT TC_005_1/2/3, TC_E_17/24/25/37). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import type { ConnectorRef } from '../../../harness/model/layout';
import { diff, oneOf, present } from '../../../harness/model/match';
import { needs } from '../../../harness/model/profile';
import { CALL } from '../../../harness/protocol/rpc';
import type { FrameEntry } from '../../../harness/transport/journal';
import { EV_SIDE, TransactionDriver } from '../../../harness/judge/as-csms/transaction-driver';
import { UnlockDriver } from '../../../harness/judge/as-csms/remote-driver';

const useCase = { '2.0.1': 'E09 When cable disconnected on EV-side: Stop Transaction', '1.6': '1.6 §9.1 StopTransactionOnEVSideDisconnect, UnlockConnectorOnEVSideDisconnect' };
const STOPS = { '1.6': '1.6§9.1.StopTransactionOnEVSideDisconnect', '2.0.1': 'E09.FR.01' } as const;
const UNLOCKS = { '1.6': '1.6§9.1.UnlockConnectorOnEVSideDisconnect', '2.0.1': 'E09.FR.02' } as const;
const charge = (tx: TransactionDriver, c: ConnectorRef, token: string, hw: { presentCard: (t: string, r: ConnectorRef) => Promise<void>; plugIn: (r: ConnectorRef) => Promise<void> }) =>
  tx.startCharging(c, token, (t, r) => hw.presentCard(t, r), (r) => hw.plugIn(r));

// One scenario, two OCTT ids: the stop and the unlock after the cable comes out of the EV.
for (const [ids, title] of [
  [{ '2.0.1': 'TC_E_24_CS' }, 'Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is true'],
  [{ '1.6': 'TC_005_1_CS' }, 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = true'],
] as const) {
  ocppCase({
    ids, title, area: 'authorization', useCase,
    requirements: { '2.0.1': ['E09.FR.01', 'E09.FR.02', 'G01.FR.04'], '1.6': ['1.6§9.1.StopTransactionOnEVSideDisconnect', '1.6§9.1.UnlockConnectorOnEVSideDisconnect', '1.6§4.10.Reason'] },
    catches: { '1.6': ['ev.ignoresStopTxOnEVSideDisconnect', 'ev.keepsCableLocked'], '2.0.1': ['ev.keepsCableLocked'] },
    actions: ['plugIn', 'presentCard', 'unplugEvSide', 'unplug'],
    expectation: 'With StopTransactionOnEVSideDisconnect and UnlockConnectorOnEVSideDisconnect true, the cable coming out of the EV stops the transaction (1.6 StopTransaction, reason EVDisconnected a SHOULD; 2.0.1 EVCommunicationLost) and releases the cable: unplugged at the station, the connector is Available. A station where either setting is read-only false is not applicable.',
    source: 'OCTT TC_005_1_CS / TC_E_24_CS (a station with a fixed cable cannot run them: the unplug at the station is an operator action).',
  }, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
    const tx = new TransactionDriver(auth);
    const c = booted.connectors[0];
    await tx.useSetting(EV_SIDE.stopTx, 'true');
    await tx.useSetting(EV_SIDE.unlock, 'true');
    await charge(tx, c, tokens.valid, hardware);
    const mark = csms.mark('the cable comes out of the EV');
    await hardware.unplugEvSide(c);
    const stopped = await tx.expectEvSideStopped({ rule: STOPS, after: mark });
    await ocpp.level({ '1.6': 'should' }, () => tx.expectFields(stopped, tx.reasonOf('EVDisconnected'), { rule: '1.6§4.10.Reason' }));
    const unplugged = csms.mark('unplug the released cable at the station');
    await hardware.unplug(c);
    await ocpp.expectStatus(c, 'Available', { rule: UNLOCKS, after: unplugged });
  });
}

// The same scenario with UnlockConnectorOnEVSideDisconnect false: the cable stays locked at the station until released.
for (const [ids, title] of [
  [{ '2.0.1': 'TC_E_25_CS' }, 'Disconnect cable on EV-side - Deauthorize transaction - UnlockOnEVSideDisconnect is false'],
  [{ '1.6': 'TC_005_2_CS' }, 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = false'],
] as const) {
  ocppCase({
    ids, title, area: 'authorization', useCase,
    needs: [needs.cable('socket')],
    requirements: { '2.0.1': ['E09.FR.01', 'E09.FR.03', 'G01.FR.04'], '1.6': ['1.6§9.1.StopTransactionOnEVSideDisconnect', '1.6§9.1.UnlockConnectorOnEVSideDisconnect', '1.6§5.18', '1.6§4.10.Reason'] },
    catches: { '2.0.1': ['ev.releasesCableDespiteUnlockOff', 'ev.cableLockedAfterToken'], '1.6': ['ev.releasesCableDespiteUnlockOff', 'ev.ignoresStopTxOnEVSideDisconnect', 'unlock.fails'] },
    actions: ['plugIn', 'presentCard', 'unplugEvSide', 'unplug'],
    expectation: 'With StopTransactionOnEVSideDisconnect true and UnlockConnectorOnEVSideDisconnect false, the cable coming out of the EV stops the transaction but the cable stays locked in the socket: an unplug at the station brings no Available. 2.0.1: presenting the token that started the transaction releases it (E09.FR.03); 1.6: an UnlockConnector is Unlocked. Then the cable comes out and the connector is Available. 1.6 says what the key does when true only: the lock kept when false is read by contraposition, a soft finding.',
    source: 'OCTT TC_E_25_CS (release by the starting idToken) / TC_005_2_CS (release by UnlockConnector); a station whose cable is fixed cannot run them (needs a socket with a lock). The first unplug is an attempt: an operator or rig that cannot pull the locked cable reports the action done (rig exit 0), and the cable stays in.',
  }, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
    const tx = new TransactionDriver(auth);
    const unlock = new UnlockDriver(ocpp);
    const c = unlock.connectorWith('socket');
    void booted;
    await tx.useSetting(EV_SIDE.stopTx, 'true');
    await tx.useSetting(EV_SIDE.unlock, 'false');
    await charge(tx, c, tokens.valid, hardware);
    const mark = csms.mark('the cable comes out of the EV');
    await hardware.unplugEvSide(c);
    const stopped = await tx.expectEvSideStopped({ rule: STOPS, after: mark });
    await ocpp.level({ '1.6': 'should' }, () => tx.expectFields(stopped, tx.reasonOf('EVDisconnected'), { rule: '1.6§4.10.Reason' }));
    const held = { '1.6': '1.6§9.1.UnlockConnectorOnEVSideDisconnect', '2.0.1': 'E09.FR.03' } as const;
    const tried = csms.mark('try to unplug the cable at the station: it is locked');
    await hardware.unplug(c);
    const alternatives = ocpp.statusAlternatives(c, 'Available');
    const available = (e: FrameEntry): boolean => {
      const f = e.frame;
      return f?.type === CALL && e.dir === 'in' && alternatives.some((a) => a.action === f.action && !diff(f.payload, a.match));
    };
    const kept = await ocpp.level({ '1.6': 'should', '2.0.1': 'shall' }, async () => {
      await csms.expectNoCall(available, {}, { rule: ocpp.rule(held), forSeconds: csms.timing.messageTimeout / 2, after: tried, because: 'the cable stays locked until released' });
      return true;
    });
    if (!kept) return; // released anyway (1.6): the soft finding is the verdict, the cable is already out
    const release = {
      '2.0.1': () => hardware.presentCard(tokens.valid, c),
      '1.6': () => unlock.unlock(c, 'Unlocked', { rule: '1.6§5.18', cable: 'socket' }).then(() => undefined),
    }[ocpp.version];
    await release();
    const unplugged = csms.mark('unplug the released cable at the station');
    await hardware.unplug(c);
    await ocpp.expectStatus(c, 'Available', { rule: { '1.6': '1.6§5.18', '2.0.1': 'E09.FR.03, G01.FR.04' }, after: unplugged });
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_E_17_CS' }, title: 'Stop transaction options - Deauthorized - EV side disconnect', area: 'authorization', useCase: { '2.0.1': 'E06 Stop Transaction options, E09 When cable disconnected on EV-side: Stop Transaction' },
  requirements: { '2.0.1': ['E09.FR.01', 'E06.FR.15', 'E06.FR.08'] },
  catches: ['ev.ignoresStopTxOnEVSideDisconnect'],
  actions: ['plugIn', 'presentCard', 'unplugEvSide'],
  expectation: 'With TxStopPoint Authorized and StopTxOnEVSideDisconnect true, the cable coming out of the EV deauthorizes the transaction, which ends it: Ended, triggerReason EVCommunicationLost, with a stoppedReason (EVDisconnected fits best, a SHOULD).',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStopPoint', 'Authorized', ['ParkingBayOccupancy', 'EVConnected', 'EnergyTransfer', 'DataSigned']);
  await tx.useSetting(EV_SIDE.stopTx, 'true');
  await charge(tx, c, tokens.valid, hardware);
  const mark = csms.mark('the cable comes out of the EV');
  await hardware.unplugEvSide(c);
  const ended = await tx.expectEnded({ rule: 'E09.FR.01', after: mark });
  await tx.expectFields(ended, { triggerReason: 'EVCommunicationLost' }, { rule: 'E06.FR.15' });
  await tx.expectFields(ended, { transactionInfo: { stoppedReason: present() } }, { rule: 'E06.FR.08' });
  await ocpp.should(() => tx.expectFields(ended, tx.reasonOf('EVDisconnected'), { rule: 'E07.FR.06' }));
});

ocppCase({
  ids: { '2.0.1': 'TC_E_37_CS' }, title: 'Stop transaction options - PowerPathClosed - EV side disconnect', area: 'authorization', useCase: { '2.0.1': 'E06 Stop Transaction options' },
  requirements: { '2.0.1': ['E06.FR.06', 'E06.FR.15', 'E06.FR.08'] },
  catches: ['ev.powerPathIgnoresEVSide'],
  actions: ['plugIn', 'presentCard', 'unplugEvSide'],
  expectation: 'With TxStopPoint PowerPathClosed (and StopTxOnEVSideDisconnect false where writable), the lost EV connection ends the transaction: Ended, triggerReason EVCommunicationLost, with a stoppedReason.',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.usePoint('TxStopPoint', 'PowerPathClosed', ['ParkingBayOccupancy', 'EVConnected', 'EnergyTransfer', 'DataSigned']);
  await tx.useSetting(EV_SIDE.stopTx, 'false', false);
  await charge(tx, c, tokens.valid, hardware);
  const mark = csms.mark('the cable comes out of the EV');
  await hardware.unplugEvSide(c);
  const ended = await tx.expectEnded({ rule: 'E06.FR.06', after: mark });
  await tx.expectFields(ended, { triggerReason: 'EVCommunicationLost' }, { rule: 'E06.FR.15' });
  await tx.expectFields(ended, { transactionInfo: { stoppedReason: present() } }, { rule: 'E06.FR.08' });
  await ocpp.should(() => tx.expectFields(ended, tx.reasonOf('EVDisconnected'), { rule: 'E07.FR.06' }));
});

ocppCase({
  ids: { '1.6': 'TC_005_3_CS' }, title: 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = false', area: 'authorization', useCase: { '1.6': '1.6 §9.1 StopTransactionOnEVSideDisconnect, §5.12 Remote Stop Transaction' },
  requirements: { '1.6': ['1.6§9.1.StopTransactionOnEVSideDisconnect', '1.6§4.9', '1.6§5.12'] },
  catches: ['ev.stopsDespiteStopTxOff'],
  actions: ['plugIn', 'presentCard', 'unplugEvSide'],
  expectation: 'With StopTransactionOnEVSideDisconnect false, the cable coming out of the EV stops the energy (SuspendedEV / SuspendedEVSE) but not the transaction, which a remote stop then ends (reason Remote). The key says when the station SHALL stop; that it keeps the transaction when false is read by contraposition, so a stop is a soft finding.',
  source: 'OCTT TC_005_3_CS as read by third-party tools (catalogue Part 2).',
}, async ({ booted, auth, ocpp, csms, hardware, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  await tx.useSetting(EV_SIDE.stopTx, 'false');
  const { transactionId } = await charge(tx, c, tokens.valid, hardware);
  const mark = csms.mark('the cable comes out of the EV');
  await hardware.unplugEvSide(c);
  const kept = await ocpp.should(async () => {
    await csms.expectNoCall(auth.isStop(), {}, { rule: ocpp.rule('1.6§9.1.StopTransactionOnEVSideDisconnect'), forSeconds: csms.timing.messageTimeout / 2, after: mark, because: 'with StopTransactionOnEVSideDisconnect false' });
    return true;
  });
  if (!kept) return; // stopped anyway: the soft finding is the verdict, there is nothing left to stop remotely
  await ocpp.expectStatus(c, { '1.6': oneOf('SuspendedEV', 'SuspendedEVSE') }, { rule: '1.6§4.9', after: mark });
  await auth.remoteStop(transactionId, 'Accepted', { rule: '1.6§5.12' });
  await auth.expectRemoteStopped({ rule: '1.6§5.12' });
});
