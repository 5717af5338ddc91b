/**
 * Availability (1.6 §5.2, 2.0.1 G03, G04): the operative state of the station, of each EVSE and
 * of each connector, changed by ChangeAvailability, scheduled while a transaction runs, kept
 * across a reboot (B01.FR.07, G03.FR.08, 1.6 §4.9).
 */
import { both, type FaultTable, policyOf } from './fault-table';
import { type ConnectorState, keyOf } from './connectors';
import type { SimulatedStation } from './simulated-station';

interface AvailabilityPolicy {
  /** Considers ChangeAvailability at all (G03.FR.02: it answers Rejected only for a good reason). */
  considersChanges: boolean;
  /** The answer when asked for the state it is in (G03.FR.03: Accepted). */
  sameStateAnswer: 'Accepted' | 'Rejected';
  /** Goes Inoperative when it accepted to. */
  appliesInoperative: boolean;
  /** During a transaction: Scheduled, the transaction goes on (G03.FR.05). */
  schedulesDuringTransaction: boolean;
  /** Keeps the states across a reboot. */
  persists: boolean;
}

export const AVAILABILITY_FAULTS = {
  'availability.ignoresInoperative': { description: 'answers ChangeAvailability Inoperative Accepted (even during a transaction) but stays operative', rules: both(['1.6§5.2'], ['G03.FR.04', 'G04.FR.05', 'G03.FR.05', 'G04.FR.06']), breaks: { appliesInoperative: false } },
  'availability.rejects': { description: 'answers every ChangeAvailability Rejected', rules: both(['1.6§5.2'], ['G03.FR.02', 'G04.FR.03']), breaks: { considersChanges: false } },
  'availability.noSchedule': { description: 'answers Accepted during a transaction and goes Unavailable at once', rules: both(['1.6§5.2'], ['G03.FR.05', 'G04.FR.06']), breaks: { schedulesDuringTransaction: false } },
  'availability.notPersistent': { description: 'forgets ChangeAvailability Inoperative on reboot', rules: both(['1.6§4.9', '1.6§5.2'], ['B01.FR.07', 'G03.FR.08', 'G01.FR.02']), breaks: { persists: false } },
  'availability.sameStateRejected': { description: 'answers Rejected when asked for the state it is already in', rules: both(['1.6§5.2'], ['G03.FR.03', 'G04.FR.04']), breaks: { sameStateAnswer: 'Rejected' } },
} satisfies FaultTable<AvailabilityPolicy>;

/** undefined evseId = the whole station; { evseId } an EVSE; { evseId, connectorId } a connector. */
interface AvailabilityTarget { evseId?: number; connectorId?: number }

export class Availability {
  readonly policy: Readonly<AvailabilityPolicy>;
  private station = true;
  private readonly evses = new Map<number, boolean>();
  private readonly connectors = new Map<string, boolean>();

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<AvailabilityPolicy>({ considersChanges: true, sameStateAnswer: 'Accepted', appliesInoperative: true, schedulesDuringTransaction: true, persists: true }, AVAILABILITY_FAULTS, faults);
  }

  get stationOperative(): boolean { return this.station; }

  isOperative(c: ConnectorState): boolean {
    return this.station && (this.evses.get(c.ref.evseId) ?? true) && (this.connectors.get(keyOf(c.ref)) ?? true) && !this.s.firmware.blocksNewSessions && !this.s.evseReset.blocks(c.ref.evseId);
  }

  change(target: AvailabilityTarget, operative: boolean): 'Accepted' | 'Rejected' | 'Scheduled' {
    if (!this.policy.considersChanges) return 'Rejected';
    const affected = this.s.connectors.filter((c) => (target.evseId === undefined || c.ref.evseId === target.evseId)
      && (target.connectorId === undefined || c.ref.connectorId === target.connectorId));
    if (target.evseId !== undefined && affected.length === 0) return 'Rejected';
    if (this.current(target) === operative) return this.policy.sameStateAnswer;
    if (!operative && !this.policy.appliesInoperative) return 'Accepted';
    const busy = affected.some((c) => c.tx);
    if (busy && !this.policy.schedulesDuringTransaction) for (const c of affected) if (c.tx) this.s.tx.end(c, 'Other');
    if (target.evseId === undefined) this.station = operative;
    else if (target.connectorId === undefined) this.evses.set(target.evseId, operative);
    else this.connectors.set(keyOf({ evseId: target.evseId, connectorId: target.connectorId }), operative);
    this.s.hardware(`availability of ${target.evseId === undefined ? 'station' : `EVSE ${target.evseId}${target.connectorId ? ` connector ${target.connectorId}` : ''}`} set ${operative ? 'Operative' : 'Inoperative'}`);
    setImmediate(() => void this.s.status.refresh());
    return busy && this.policy.schedulesDuringTransaction ? 'Scheduled' : 'Accepted';
  }

  /** Power loss: the states are persistent (a fault forgets them). */
  powerLost(): void {
    if (this.policy.persists) return;
    this.station = true; this.evses.clear(); this.connectors.clear();
  }

  private current(target: AvailabilityTarget): boolean {
    if (target.evseId === undefined) return this.station;
    if (target.connectorId === undefined) return this.evses.get(target.evseId) ?? true;
    return this.connectors.get(keyOf({ evseId: target.evseId, connectorId: target.connectorId })) ?? true;
  }
}
