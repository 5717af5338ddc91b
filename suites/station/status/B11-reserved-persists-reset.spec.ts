/** A reservation survives a reset (2.0.1 B11.FR.05, H01; OCTT TC_B_24_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { NotApplicable } from '../../../harness/model/errors';
import { oneOf } from '../../../harness/model/match';

ocppCase({
  ids: { '2.0.1': 'TC_B_24_CS' }, title: 'Reset Charging Station - Reserved persists reset', area: 'status',
  useCase: { '2.0.1': 'B11 Reset - Without Ongoing Transaction' },
  requirements: { '2.0.1': ['B11.FR.01', 'B11.FR.03', 'B11.FR.05', 'B01.FR.03', 'H01.FR.23', 'H02.FR.02'] },
  catches: ['reservation.lostOnReset', 'reservation.notReported'],
  expectation: 'EVSE 1 reserved (ReserveNow Accepted, its connectors Reserved), then Reset OnIdle Accepted: after the reboot EVSE 1 is reported Reserved again and the others Available; the reservation is then cancelled.',
  source: 'OCTT TC_B_24_CS (memory state: Reserved for the configured connector, reached here with ReserveNow for its EVSE). Not applicable to a station without the Reservation functional block (ReserveNow NotSupported / NotImplemented, or Rejected: H01.FR.01).',
}, async ({ booted, ocpp, csms, connectors, tokens }) => {
  void booted;
  const target = { evseId: connectors[0].evseId };
  const mine = ocpp.connectorsOf(target);
  const others = connectors.filter((c) => !mine.includes(c));
  const id = 24;
  const expiryDateTime = new Date(Date.now() + 3600_000).toISOString();
  const reserved = await csms.callExpecting('ReserveNow', { id, expiryDateTime, idToken: { idToken: tokens.valid, type: 'ISO14443' }, evseId: target.evseId }, { status: oneOf('Accepted', 'Rejected') }, { rule: 'H01.FR.23' });
  if (reserved.status === 'Rejected') csms.notApplicable(new NotApplicable('a station that accepts reservations (functional block Reservation)', 'ReserveNow for an Available EVSE answered Rejected (H01.FR.01)'));
  await ocpp.expectStatuses(mine, 'Reserved', { rule: 'H01.FR.23' });
  const mark = csms.mark('reset');
  await csms.callExpecting('Reset', { type: 'OnIdle' }, { status: 'Accepted' }, { rule: 'B11.FR.01' });
  // The Accepted reset is a reboot (B11.FR.03, B01.FR.03 reason RemoteReset).
  const boot = await ocpp.expectBoot('RemoteReset', { rule: 'B11.FR.03, B01.FR.03', within: csms.timing.rebootTimeout, after: mark });
  // B11.FR.05: the reserved EVSE is Reserved again after the reboot; the others report Available (B01.FR.05).
  await ocpp.expectStatuses(mine, 'Reserved', { rule: 'B11.FR.05', after: boot.entry });
  await ocpp.expectStatuses(others, 'Available', { rule: 'B01.FR.05', after: boot.entry });
  // Leave the station as found: the reservation cancelled, its connectors Available again (H02.FR.02).
  await csms.callExpecting('CancelReservation', { reservationId: id }, { status: 'Accepted' }, { rule: 'H02.FR.02' });
  await ocpp.expectStatuses(mine, 'Available', { rule: 'H02.FR.02' });
});
