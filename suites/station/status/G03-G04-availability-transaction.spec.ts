/** Change availability while a transaction runs: Scheduled, then Unavailable when it ends (G03.FR.05, G04.FR.06, 1.6 §5.2). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import type { Target } from '../../../harness/judge/as-csms/ocpp-driver';

for (const [target, what, ids] of [
  [{ evseId: 1 }, 'EVSE', { '2.0.1': 'TC_G_11_CS', '1.6': 'HX_TC_G_11_CS' }],
  [{}, 'Charging Station', { '2.0.1': 'TC_G_14_CS', '1.6': 'HX_TC_G_14_CS' }],
  [{ evseId: 1, connectorId: 1 }, 'Connector', { '2.0.1': 'TC_G_17_CS' }],
] as [Target, string, Record<string, string>][]) {
  const station = target.evseId === undefined;
  ocppCase({
    ids, title: `Change Availability ${what} - With ongoing transaction`, area: 'status',
    useCase: { '2.0.1': station ? 'G04 Change Availability Charging Station' : 'G03 Change Availability EVSE/Connector', '1.6': '1.6 §5.2 Change Availability' },
    requirements: { '2.0.1': station ? ['G04.FR.06', 'G04.FR.05'] : ['G03.FR.05', 'G01.FR.05'], '1.6': ['1.6§5.2'] },
    catches: ['availability.noSchedule', 'availability.ignoresInoperative'],
    actions: ['plugIn', 'presentCard', 'unplug'],
    expectation: 'During a transaction the change is Scheduled; idle connectors go Unavailable at once, the busy one only after its transaction has ended.',
  }, async ({ charging, ocpp, csms, hardware }) => {
    const busy = charging.connector;
    const scheduled = { '1.6': '1.6§5.2', '2.0.1': station ? 'G04.FR.06' : 'G03.FR.05' };
    await ocpp.changeAvailability(target, false, 'Scheduled', { rule: scheduled });
    const idle = ocpp.connectorsOf(target).filter((c) => c.evseId !== busy.evseId || c.connectorId !== busy.connectorId);
    await ocpp.expectStatuses(idle, 'Unavailable', { rule: station ? { '1.6': '1.6§5.2', '2.0.1': 'G04.FR.05' } : { '1.6': '1.6§5.2', '2.0.1': 'G03.FR.04' } });
    const mark = csms.mark('transaction still running: the busy connector must not be Unavailable yet');
    // The card and the unplugging end the transaction whatever the TxStopPoint (E06.FR.02 EVConnected, .03 Authorized, .06 PowerPathClosed).
    const ended = ocpp.expectTransactionEnded({ rule: { '1.6': '1.6§4.10', '2.0.1': 'E06.FR.02, E06.FR.03, E06.FR.06' }, after: mark });
    // The transaction runs until the station says it ended, or at the latest until the cable is out
    // (the order of the two messages at that moment is the station's choice).
    let unplugging!: () => void;
    const cableOut = new Promise<void>((resolve) => { unplugging = resolve; });
    const quiet = csms.expectNoCall('StatusNotification', ocpp.statusAlternatives(busy, 'Unavailable')[0].match, { rule: ocpp.rule(scheduled), until: Promise.race([ended, cableOut]), after: mark, because: 'while the transaction runs' });
    await hardware.presentCard(charging.idToken, busy);
    unplugging();
    await hardware.unplug(busy);
    await Promise.all([ended, quiet]);
    await ocpp.expectStatus(busy, 'Unavailable', { rule: { '1.6': '1.6§5.2', '2.0.1': station ? 'G04.FR.05' : 'G01.FR.05' }, after: mark });
  });
}
