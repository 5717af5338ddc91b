/**
 * A minimal 2.0.1 Reservation block (H01, H02), enough for a reserved EVSE: ReserveNow for a
 * given EVSE (Accepted when it is Available, H01.FR.23; Occupied / Faulted / Unavailable per
 * H01.FR.11/12/14; without evseId Rejected, H01.FR.19: ReservationNonEvseSpecific is not set),
 * CancelReservation (H02.FR.01/02), the reserved EVSE's connectors reported Reserved
 * (H01.FR.23), kept across a reboot (B11.FR.05). Not modelled: expiry (H04), using a
 * reservation with its idToken (H03), connector types. The default simulated station has no
 * Reservation block (CALLERROR NotSupported); the variant reservation.supported has it.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import { type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import { notImplemented, ok } from './dialect';
import type { ConnectorState } from './connectors';
import type { SimulatedStation } from './simulated-station';

interface ReservationPolicy {
  /** Has the Reservation functional block; false: ReserveNow / CancelReservation CALLERROR NotSupported. */
  supported: boolean;
  /** Reservations survive a reboot (B11.FR.05). */
  persists: boolean;
  /** The reserved EVSE's connectors are reported Reserved (H01.FR.23). */
  reportsReserved: boolean;
}

export const RESERVATION_FAULTS = {
  'reservation.lostOnReset': { description: 'forgets its reservations when it reboots: the reserved EVSE is Available after a Reset', rules: { '2.0.1': ['B11.FR.05'] }, breaks: { supported: true, persists: false } },
  'reservation.notReported': { description: 'accepts a reservation of an EVSE but never reports its connectors Reserved', rules: { '2.0.1': ['H01.FR.23'] }, breaks: { supported: true, reportsReserved: false } },
} satisfies FaultTable<ReservationPolicy>;

export const RESERVATION_VARIANTS = {
  'reservation.supported': {
    description: 'has the Reservation functional block: ReserveNow for an Available EVSE is Accepted and its connectors are reported Reserved until CancelReservation',
    allowedBy: 'Part 2 H. Reservation is an optional functional block (OCPP 2.0.1 Part 5 certification profiles); H01.FR.23, H02.FR.02',
    versions: ['2.0.1'], sets: { supported: true },
  },
} satisfies VariantTable<ReservationPolicy>;

const CORRECT: ReservationPolicy = { supported: false, persists: true, reportsReserved: true };

export class Reservations {
  readonly policy: Readonly<ReservationPolicy>;
  /** Reservation id -> the EVSE it holds. */
  private readonly held = new Map<number, number>();

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf(CORRECT, RESERVATION_FAULTS, faults, RESERVATION_VARIANTS);
  }

  handles(call: CallFrame): boolean {
    return this.s.version === '2.0.1' && (call.action === 'ReserveNow' || call.action === 'CancelReservation');
  }

  handle(call: CallFrame): Reply {
    if (!this.policy.supported) return notImplemented(call.action);
    const p = call.payload as { id?: number; evseId?: number; reservationId?: number };
    if (call.action === 'CancelReservation') {
      // H02.FR.01 / H02.FR.02.
      if (!this.held.delete(Number(p.reservationId))) return ok({ status: 'Rejected' });
      setImmediate(() => void this.s.status.refresh());
      return ok({ status: 'Accepted' });
    }
    return ok({ status: this.reserve(Number(p.id), p.evseId) });
  }

  /** Whether the connector's EVSE is held by a reservation (status Reserved). */
  holds(c: ConnectorState): boolean {
    return this.policy.reportsReserved && [...this.held.values()].includes(c.ref.evseId);
  }

  /** Power loss: reservations are persistent (B11.FR.05), unless a fault forgets them. */
  powerLost(): void {
    if (!this.policy.persists) this.held.clear();
  }

  private reserve(id: number, evseId: number | undefined): string {
    const { s } = this;
    // H01.FR.19: ReservationNonEvseSpecific is not set: no reservation of an unspecified EVSE.
    if (evseId === undefined) return 'Rejected';
    const mine = s.connectors.filter((c) => c.ref.evseId === evseId);
    if (!mine.length) return 'Rejected';
    this.held.delete(id); // H01.FR.02: the same id replaces the reservation.
    const status = s.dialect.statusOf(mine[0]);
    if (status === 'Occupied' || status === 'Reserved') return 'Occupied'; // H01.FR.11
    if (status === 'Faulted') return 'Faulted'; // H01.FR.12
    if (status === 'Unavailable') return 'Unavailable'; // H01.FR.14
    this.held.set(id, evseId);
    s.hardware(`EVSE ${evseId} reserved (reservation ${id})`);
    setImmediate(() => void s.status.refresh());
    return 'Accepted';
  }
}
