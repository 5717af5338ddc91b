/**
 * The station's connectors as hardware: the cable, the relay and its energy meter, connector
 * faults and the plug retention lock (1.6 §4.9 errorCode, 2.0.1 G01, G05). What a session on a
 * connector is lives in transactions.ts; how it is reported, in status.ts.
 */
import type { ConnectorRef } from '../../model/layout';
import type { Token } from './authorization';
import { both, type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';
import type { Transaction } from './transactions';

export interface ConnectorState {
  ref: ConnectorRef;
  /** 1.6 connectorId: position over all EVSEs, from 1. */
  index: number;
  plugged: boolean;
  fault?: string;
  /** Authorized, waiting for the cable (or the start of the transaction). */
  authorized?: { token: Token; groupId?: string; remoteStartId?: number; trigger: 'Authorized' | 'RemoteStart'; timer?: NodeJS.Timeout };
  tx?: Transaction;
  /** 1.6: a transaction stopped while the cable is still in (status Finishing). */
  finishing: boolean;
  wasPlugged: boolean;
  relayClosed: boolean;
  relaySince?: number;
  energyWh: number;
  /** The connector's plug retention lock failed (G05; 1.6 errorCode ConnectorLockFailure). */
  lockFailed?: boolean;
  /** The cable is out of the EV, its plug still in this connector (E09 / E10). */
  evAway?: boolean;
  /** The cable stays locked in this connector after the EV side came loose (E09.FR.03, UnlockConnectorOnEVSideDisconnect false). */
  heldLocked?: boolean;
  /** The EV here (or the next one plugged in) takes no energy. */
  evNotReady?: boolean;
}

export const keyOf = (r: ConnectorRef): string => `${r.evseId}/${r.connectorId}`;

/** Charging power of the simulated EV, W. */
const POWER_W = 11_000;

interface ConnectorPolicy {
  /** Closes the relay as soon as a cable is in, before any authorization (C01.FR.01: no). */
  closesRelayOnPlugIn: boolean;
  /** Charges on a Faulted connector (G01.FR.01: no). */
  chargesWhenFaulted: boolean;
  /** Charges although the plug retention lock failed (G05.FR.01: no). */
  chargesWhenLockFailed: boolean;
  /** Reports a failed plug retention lock (G05.FR.02). */
  reportsLockFailure: boolean;
  /** Starts a transaction and delivers energy as soon as a cable is in, without a token (free charging). */
  chargesOnPlugIn: boolean;
  /** Releases the cable when the EV side comes loose and UnlockConnectorOnEVSideDisconnect is true (E09.FR.02). */
  unlocksOnEVSideDisconnect: boolean;
}

export const CONNECTOR_FAULTS = {
  'relay.closesBeforeAuthorized': { description: 'closes the relay as soon as a cable is plugged in', rules: both(['1.6§4.1'], ['C01.FR.01']), breaks: { closesRelayOnPlugIn: true } },
  'fault.chargesWhileFaulted': { description: 'starts a transaction on a Faulted connector', rules: both(['1.6§7.7'], ['G01.FR.01']), should: ['2.0.1'], breaks: { chargesWhenFaulted: true } },
  'lock.noProblemReported': { description: 'reports nothing when the plug retention lock fails', rules: { '2.0.1': ['G05.FR.02'] }, breaks: { reportsLockFailure: false } },
  'lock.chargesAnyway': { description: 'starts charging although the plug retention lock failed', rules: { '2.0.1': ['G05.FR.01'] }, breaks: { chargesWhenLockFailed: true } },
  // No Started event after the lock failure: only the charging itself (relay, chargingState) shows it (issue 14).
  'lock.keepsChargingPlugInTx': { description: 'starts its transaction and charging at plug-in (free charging) and goes on charging after the plug retention lock failed', rules: { '2.0.1': ['G05.FR.01'] }, breaks: { chargesOnPlugIn: true, chargesWhenLockFailed: true } },
  'ev.keepsCableLocked': { description: 'keeps the cable locked in the connector after it came out of the EV, although UnlockConnectorOnEVSideDisconnect is true', rules: both(['1.6§9.1.UnlockConnectorOnEVSideDisconnect'], ['E09.FR.02']), breaks: { unlocksOnEVSideDisconnect: false } },
} satisfies FaultTable<ConnectorPolicy>;

export function freshConnector(ref: ConnectorRef, index: number): ConnectorState {
  return { ref, index, plugged: false, finishing: false, wasPlugged: false, relayClosed: false, energyWh: 0 };
}

export class ConnectorHardware {
  readonly policy: Readonly<ConnectorPolicy>;

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<ConnectorPolicy>({ closesRelayOnPlugIn: false, chargesWhenFaulted: false, chargesWhenLockFailed: false, reportsLockFailure: true, chargesOnPlugIn: false, unlocksOnEVSideDisconnect: true }, CONNECTOR_FAULTS, faults);
  }

  connector(ref: ConnectorRef): ConnectorState {
    const c = this.s.connectors.find((x) => x.ref.evseId === ref.evseId && x.ref.connectorId === ref.connectorId);
    if (!c) throw new Error(`no connector ${keyOf(ref)} on this station`);
    return c;
  }

  /** Whether a connector fault lets a session start. */
  faultAllowsCharging(c: ConnectorState): boolean { return !c.fault || this.policy.chargesWhenFaulted; }
  /** Whether the plug retention lock lets a session start. */
  lockAllowsCharging(c: ConnectorState): boolean { return !c.lockFailed || this.policy.chargesWhenLockFailed; }

  /** Energy register of a connector (Wh): rises at POWER_W while the relay is closed. */
  meterWh(c: ConnectorState): number {
    const running = c.relayClosed && c.relaySince !== undefined ? ((Date.now() - c.relaySince) / this.s.ms(1)) * (POWER_W / 3600) : 0;
    return Math.round(c.energyWh + running);
  }

  setRelay(c: ConnectorState, closed: boolean): void {
    if (c.relayClosed === closed) return;
    if (!closed) c.energyWh = this.meterWh(c);
    c.relayClosed = closed;
    c.relaySince = closed ? Date.now() : undefined;
    this.s.hardware(`relay ${closed ? 'closed' : 'opened'} on EVSE ${c.ref.evseId} connector ${c.ref.connectorId}`);
  }

  plugIn(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.plugged = true; c.wasPlugged = true; c.evAway = false;
    this.s.hardware(`cable plugged into EVSE ${ref.evseId} connector ${ref.connectorId}`);
    if (this.policy.closesRelayOnPlugIn) this.setRelay(c, true);
    if (this.policy.chargesOnPlugIn && !c.authorized && !c.tx) c.authorized = { token: { idToken: '', type: 'NoAuthorization' }, trigger: 'Authorized' };
    void this.s.tx.settle(c);
  }

  unplug(ref: ConnectorRef): void {
    const c = this.connector(ref);
    if (c.heldLocked) { this.s.hardware(`the cable is locked in EVSE ${ref.evseId} connector ${ref.connectorId}: it cannot be unplugged`); return; }
    c.plugged = false; c.evAway = false; c.evNotReady = false;
    c.finishing = false;
    this.s.hardware(`cable unplugged from EVSE ${ref.evseId} connector ${ref.connectorId}`);
    if (c.tx) this.s.tx.cableOut(c);
    else this.setRelay(c, false);
    void this.s.status.refresh();
  }

  /** The cable comes out of the EV; the station decides about the transaction (transactions.ts) and the lock (E09.FR.02/03). */
  unplugEvSide(ref: ConnectorRef): void {
    const c = this.connector(ref);
    if (!c.plugged || c.evAway) { this.s.hardware(`no EV on the cable of EVSE ${ref.evseId} connector ${ref.connectorId}`); return; }
    c.evAway = true;
    this.s.hardware(`cable unplugged at the EV side of EVSE ${ref.evseId} connector ${ref.connectorId}`);
    const unlock = this.s.settings.bool('UnlockConnectorOnEVSideDisconnect') && this.policy.unlocksOnEVSideDisconnect;
    c.heldLocked = !!c.tx && !unlock && this.s.lock.holdAfterEvSide(c);
    this.s.tx.evSideDisconnect(c);
  }

  /** The EV takes no energy (not ready, or it suspends): the transaction reports it (transactions.ts). */
  evNotReady(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.evNotReady = true;
    this.s.hardware(`the EV at EVSE ${ref.evseId} connector ${ref.connectorId} is not ready to take energy`);
    this.s.tx.evSuspends(c);
  }

  raiseFault(ref: ConnectorRef, errorCode: string): void {
    const c = this.connector(ref);
    if (errorCode === 'ConnectorLockFailure') {
      c.lockFailed = true;
      this.s.hardware(`plug retention lock failed on EVSE ${ref.evseId} connector ${ref.connectorId}`);
      // 2.0.1 reports it as a problem (G05.FR.02) and the connector stays usable; 1.6 as Faulted.
      const dialect = this.s.dialect;
      if (dialect.reportLockFailure) { if (this.policy.reportsLockFailure) void dialect.reportLockFailure(c); return; }
    }
    c.fault = errorCode;
    this.setRelay(c, false);
    this.s.hardware(`fault ${errorCode} on EVSE ${ref.evseId} connector ${ref.connectorId}`);
    void this.s.status.refresh();
  }

  clearFault(ref: ConnectorRef): void {
    const c = this.connector(ref);
    c.fault = undefined;
    c.lockFailed = false;
    this.s.hardware(`fault cleared on EVSE ${ref.evseId} connector ${ref.connectorId}`);
    void this.s.status.refresh();
  }

  /** Power loss: sessions and relays are gone (their timers went with the station's); the meter keeps its count. */
  powerLost(): void {
    for (const c of this.s.connectors) {
      c.energyWh = this.meterWh(c);
      c.tx = undefined; c.authorized = undefined; c.finishing = false; c.relayClosed = false; c.relaySince = undefined; c.heldLocked = false;
    }
  }
}
