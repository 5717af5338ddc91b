/** Availability set by the CSMS survives a reboot (B01.FR.07, G03.FR.08, 1.6 §4.9 and §5.2; OCTT TC_034_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import type { Target } from '../../../harness/judge/as-csms/ocpp-driver';

for (const [target, what, ids] of [
  [{ evseId: 1 }, 'EVSE', { '2.0.1': 'TC_G_18_CS', '1.6': 'HX_TC_G_18_CS' }],
  [{ evseId: 1, connectorId: 1 }, 'Connector', { '2.0.1': 'TC_G_19_CS' }],
  [{}, 'Charging Station', { '2.0.1': 'TC_G_21_CS', '1.6': 'TC_034_CS' }],
] as [Target, string, Record<string, string>][]) {
  const station = target.evseId === undefined;
  ocppCase({
    ids, title: station ? 'Change Availability Charging Station - state persists across reboot' : `Change Availability ${what} - state persists across reboot`,
    area: 'status',
    useCase: { '2.0.1': station ? 'G04 Change Availability Charging Station' : 'G03 Change Availability EVSE/Connector', '1.6': '1.6 §4.9 Status Notification (persistent Unavailable)' },
    requirements: { '2.0.1': station ? ['B01.FR.07', 'G04.FR.09'] : ['G03.FR.08', 'G01.FR.02'], '1.6': ['1.6§4.9', '1.6§5.2'] },
    catches: ['availability.notPersistent'],
    actions: ['powerCycle'],
    expectation: `A ${what.toLowerCase()} set Inoperative is reported Unavailable again after a power cycle, then becomes Available when set Operative.`,
    source: station ? undefined : 'OCTT title; steps as TC_G_21_CS applied to the EVSE / connector',
  }, async ({ booted, ocpp, csms, hardware }) => {
    void booted;
    // The availability set survives the reboot and is reported after the boot (2.0.1 B01.FR.07 / G04.FR.09, G03.FR.08; 1.6 §5.2 persistent states, §4.9 statuses after boot).
    const persist = { '1.6': '1.6§5.2, 1.6§4.9', '2.0.1': station ? 'B01.FR.07, G04.FR.09' : 'G03.FR.08' };
    await ocpp.changeAvailability(target, false, 'Accepted', { rule: { '1.6': '1.6§5.2', '2.0.1': station ? 'G04.FR.03' : 'G03.FR.02' } });
    await ocpp.expectStatuses(ocpp.connectorsOf(target), 'Unavailable', { rule: { '1.6': '1.6§5.2', '2.0.1': station ? 'G04.FR.05' : 'G03.FR.04' } });
    const mark = csms.mark('power cycle');
    await hardware.powerCycle();
    const boot = await csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.03' }), within: csms.timing.rebootTimeout, after: mark });
    await ocpp.expectStatuses(ocpp.connectorsOf(target), 'Unavailable', { rule: persist, after: boot.entry });
    await ocpp.changeAvailability(target, true, 'Accepted', { rule: { '1.6': '1.6§5.2', '2.0.1': station ? 'G04.FR.03' : 'G03.FR.02' } });
    await ocpp.expectStatuses(ocpp.connectorsOf(target), 'Available', { rule: { '1.6': '1.6§5.2', '2.0.1': station ? 'G04.FR.05' : 'G03.FR.04' } });
  });
}
