/**
 * Transactions (1.6 §4.8, §4.10, 2.0.1 E): a session starts when cable, authorization, hardware
 * and availability allow; it stops by token, remotely or when the CSMS rejects its token (1.6
 * StopTransactionOnInvalidId, E05), and ends when the cable is out or the station resets. Its
 * messages go through the transaction queue (tx-queue.ts), in the dialect's words.
 */
import type { AuthInfo, Token } from './authorization';
import type { ConnectorState } from './connectors';
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import type { SimulatedStation } from './simulated-station';

type StopTrigger = 'StopAuthorized' | 'RemoteStop' | 'Deauthorized';

export interface Transaction {
  id: string | number;
  /** The token it is authorized for; none yet when it started at the cable (2.0.1 TxStartPoint EVConnected). */
  token?: Token;
  groupId?: string;
  /** Energy may flow (relay closed). */
  charging: boolean;
  /** The EV draws energy (false: 1.6 SuspendedEV, 2.0.1 chargingState SuspendedEV, while charging). */
  evDrawing: boolean;
  seqNo: number;
  meterStart: number;
  /** When it started (ISO time). */
  startedAt?: string;
  remoteStartId?: number;
  /** What started it: a local authorization, a remote start, the cable (EVConnected), energy flowing (EnergyTransfer). */
  trigger: 'Authorized' | 'RemoteStart' | 'CablePluggedIn' | 'ChargingStateChanged';
  /** Started at authorization, waiting for the cable (2.0.1 TxStartPoint Authorized). */
  awaitingCable?: boolean;
  /** Stop requested (2.0.1: the transaction goes on until the cable is out, TxStopPoint EVConnected). */
  /** `reason`: a stoppedReason other than the trigger's (authorization.ts: MasterPass, C16). */
  stopped?: { trigger: StopTrigger; by?: Token; reason?: string };
  meterTimer?: NodeJS.Timeout;
  alignedTimer?: NodeJS.Timeout;
  cableTimer?: NodeJS.Timeout;
}

/** 2.0.1 TxStartPoint / TxStopPoint values the simulated station's transaction model supports (its TxCtrlr variables' members). */
type TxStartPoint = 'PowerPathClosed' | 'EVConnected' | 'Authorized' | 'EnergyTransfer';
type TxStopPoint = 'EVConnected' | 'Authorized' | 'PowerPathClosed';
const START_POINTS: readonly string[] = ['EVConnected', 'Authorized', 'PowerPathClosed', 'EnergyTransfer'];
const STOP_POINTS: readonly string[] = ['EVConnected', 'Authorized', 'PowerPathClosed'];
const POINT_VARIABLES = { TxStartPoint: START_POINTS, TxStopPoint: STOP_POINTS } as const;

interface TransactionPolicy {
  /** The token a transaction records and reports, from the one authorized (E03.FR.01: the same). */
  recordedToken: (authorized: Token) => Token;
  /** Acts when the CSMS rejects the token of a started transaction: stops, or suspends charging (E05). */
  actsOnRejectedToken: boolean;
  /** 2.0.1 TxCtrlr.TxStartPoint at power-up: when a transaction starts (PowerPathClosed: cable in and authorized). */
  startPoint: TxStartPoint;
  /** 2.0.1 TxCtrlr.TxStopPoint at power-up: EVConnected (ends when the cable is out), Authorized / PowerPathClosed (ends when authorization ends too). */
  stopPoint: TxStopPoint;
  /** TxStartPoint / TxStopPoint are read-only (a SetVariables is Rejected). */
  pointsReadOnly: boolean;
  /** Starts transactions at this point whatever TxStartPoint says ('configured': as configured). */
  actsAtStartPoint: TxStartPoint | 'configured';
  /** Ends transactions at this point whatever TxStopPoint says ('configured': as configured). */
  actsAtStopPoint: TxStopPoint | 'configured';
  /** A transaction started at authorization ends when no cable comes within EVConnectionTimeOut (E03.FR.05). */
  endsOnEVConnectionTimeOut: boolean;
  /** The share of EVConnectionTimeOut it waits for the cable before that end (1: the whole timeout). */
  evConnectionTimeOutShare: number;
  /** Unplugging the cable at the station ends the transaction (E06.FR.02); false: it only reports EVCommunicationLost and keeps it. */
  endsOnUnplug: boolean;
  /** The cable out of the EV with StopTransactionOnEVSideDisconnect true stops the transaction (1.6 §9.1, E09.FR.01). */
  stopsOnEVSideDisconnect: boolean;
  /** ... and with it false as well (1.6: the key says when to stop; E10 suspends). */
  stopsOnEVSideDisconnectWhenOff: boolean;
  /** 2.0.1: the EV connection lost ends a transaction whose TxStopPoint has EVConnected or PowerPathClosed (E06.FR.02/06), whatever StopTxOnEVSideDisconnect says. */
  evSideEndsAtStopPoint: boolean;
  /** Tells an EV that takes no energy (SuspendedEV) from one that charges. */
  seesEvNotReady: boolean;
  /** The EV takes a moment to draw energy once the relay closes (SuspendedEV, then Charging). */
  evSlowToDraw: boolean;
  /** Sends clock-aligned meter values during a transaction besides the periodic ones, the first at once. */
  clockAlignedMeterValues: boolean;
  /** 2.0.1: how much the seqNo of a transaction goes up after each TransactionEvent (E01.FR.07: 1). */
  seqNoStep: number;
  /** Energy register readings during a transaction go down instead of up (meterStop below meterStart). */
  meterRunsBackwards: boolean;
  /** Names the connector (1.6 connectorId) / EVSE (2.0.1 evse.id) of a transaction this far past its own: 0. */
  connectorOffset: 'none' | 'pastLayout';
  /** 2.0.1: sends one more Updated event (meter values) of a transaction after its Ended event. */
  updatesAfterEnded: boolean;
}

export const TRANSACTION_FAULTS = {
  'tx.wrongIdToken': { description: 'reports a truncated card UID in the transaction it starts', rules: both(['1.6§4.8'], ['E03.FR.01', 'C01.FR.01']), breaks: { recordedToken: (t) => ({ ...t, idToken: t.idToken.slice(0, -1) }) } },
  // Issue 15: every constrained field
  'tx.seqNoSkips': { description: 'raises the seqNo of a transaction by 2 after each TransactionEvent', rules: { '2.0.1': ['E01.FR.07', 'E04.FR.04'] }, breaks: { seqNoStep: 2 } },
  'meter.registerDecreases': { description: 'reports energy register readings that go down during a transaction (meterStop / Transaction.End below the start)', rules: both(['1.6§7.31'], ['Part2§MeasurandEnumType']), breaks: { meterRunsBackwards: true } },
  'tx.updatedAfterEnded': { description: 'sends one more TransactionEvent Updated (meter values) of a transaction after its Ended event', rules: { '2.0.1': ['Part2§TxStopPoint'] }, breaks: { updatesAfterEnded: true } },
  'tx.unknownConnector': { description: 'names a connector (1.6 StartTransaction connectorId) / EVSE (2.0.1 TransactionEvent evse.id) past its layout for its transactions', rules: both(['1.6§3.8'], ['E01.FR.16']), breaks: { connectorOffset: 'pastLayout' } },
  // Issue 16: TxStartPoint / TxStopPoint (E01, E06) and the EV connection timeout (E03.FR.05)
  'tx.ignoresTxStartPoint': { description: 'starts its transactions when cable and authorization are both there (PowerPathClosed), whatever TxStartPoint says', rules: { '2.0.1': ['E01.FR.02', 'E01.FR.03'] }, breaks: { actsAtStartPoint: 'PowerPathClosed' } },
  'tx.startsAtAuthorization': { description: 'starts its transactions at authorization, before the cable is in, whatever TxStartPoint says', rules: { '2.0.1': ['E01.FR.05'] }, breaks: { actsAtStartPoint: 'Authorized' } },
  'tx.ignoresTxStopPoint': { description: 'ends its transactions only when the cable is out (TxStopPoint EVConnected), whatever TxStopPoint says: a stop by token, a remote stop or a deauthorization only stops the energy', rules: { '2.0.1': ['E06.FR.03', 'E06.FR.04', 'F03.FR.03'] }, breaks: { actsAtStopPoint: 'EVConnected' } },
  'tx.unplugKeepsTransaction': { description: 'keeps the transaction open when the cable is unplugged at the station (reports EVCommunicationLost in an Updated event)', rules: { '2.0.1': ['E06.FR.02'] }, breaks: { endsOnUnplug: false } },
  'tx.evConnectTimeoutEarly': { description: 'ends a transaction waiting for its cable after half of EVConnectionTimeOut', rules: { '2.0.1': ['E03.FR.05'] }, should: true, breaks: { evConnectionTimeOutShare: 0.5 } },
  'tx.noEVConnectionTimeout': { description: 'keeps a transaction started at authorization open when no cable comes within EVConnectionTimeOut', rules: { '2.0.1': ['E03.FR.05'] }, should: true, breaks: { endsOnEVConnectionTimeOut: false } },
  'ev.ignoresStopTxOnEVSideDisconnect': { description: 'keeps the transaction (energy off) when the cable comes out of the EV, although StopTransactionOnEVSideDisconnect is true', rules: both(['1.6§9.1.StopTransactionOnEVSideDisconnect'], ['E09.FR.01']), breaks: { stopsOnEVSideDisconnect: false } },
  'ev.stopsDespiteStopTxOff': { description: 'stops the transaction when the cable comes out of the EV, although StopTransactionOnEVSideDisconnect is false', rules: { '1.6': ['1.6§9.1.StopTransactionOnEVSideDisconnect'] }, should: true, breaks: { stopsOnEVSideDisconnectWhenOff: true } },
  'ev.powerPathIgnoresEVSide': { description: 'keeps a transaction whose TxStopPoint is PowerPathClosed open when the cable comes out of the EV (StopTxOnEVSideDisconnect false)', rules: { '2.0.1': ['E06.FR.06'] }, breaks: { evSideEndsAtStopPoint: false } },
  'ev.chargingWhenNotReady': { description: 'reports chargingState Charging (1.6 status Charging) while the EV takes no energy', rules: { '2.0.1': ['Part2§ChargingStateEnumType'] }, breaks: { seesEvNotReady: false } },
  'auth.ignoresStopTxOnInvalidId': { description: 'keeps charging when the CSMS rejects the token of a started transaction', rules: both(['1.6§9.1.StopTransactionOnInvalidId'], ['E05.FR.02', 'E05.FR.09', 'E05.FR.10', 'C15.FR.03', 'C15.FR.04', 'C15.FR.06']), should: ['1.6'], breaks: { actsOnRejectedToken: false } },
} satisfies FaultTable<TransactionPolicy>;

const E01 = '2.0.1 E01 (E01.FR.01-06): TxStartPoint is the station\'s configuration (TxCtrlr.TxStartPoint), any of its values is conformant, and the CSMS must handle each; ';
export const TRANSACTION_VARIANTS = {
  'tx.startAtEVConnected': {
    description: '2.0.1 TxStartPoint EVConnected: the transaction starts when the cable is plugged in (Started, triggerReason CablePluggedIn, no token); the token follows in an Updated event (triggerReason Authorized / RemoteStart)',
    allowedBy: `${E01}E01.FR.02: with EVConnected the station starts the transaction when the EV connects; E02 (cable plug-in first) shows the token following in an Updated event; E03.FR.01 / F01.FR.19: the event carrying the token has triggerReason Authorized / RemoteStart.`,
    versions: ['2.0.1'], sets: { startPoint: 'EVConnected' },
  },
  'tx.startAtAuthorized': {
    description: '2.0.1 TxStartPoint Authorized: the transaction starts when the driver is authorized, cable or not (Started, chargingState Idle); the cable follows in an Updated event (CablePluggedIn, Charging), or the transaction ends after EVConnectionTimeOut (EVConnectTimeout, Timeout)',
    allowedBy: `${E01}E01.FR.03: with Authorized the station starts the transaction on authorization; E03 (IdToken first) shows the cable following, and the transaction ending (EVConnectTimeout, stoppedReason Timeout) when no cable comes within EVConnectionTimeOut.`,
    versions: ['2.0.1'], sets: { startPoint: 'Authorized' },
  },
  'tx.startAtEnergyTransfer': {
    description: '2.0.1 TxStartPoint EnergyTransfer: the transaction starts when energy starts flowing (locally: triggerReason ChargingStateChanged, chargingState Charging)',
    allowedBy: `${E01}E01.FR.06: with EnergyTransfer the station starts the transaction when energy transfer starts (F01.FR.19 still makes a remote start RemoteStart).`,
    versions: ['2.0.1'], sets: { startPoint: 'EnergyTransfer' },
  },
  'tx.stopAtAuthorized': {
    description: '2.0.1 TxStopPoint Authorized: a stop by token, a remote stop or a deauthorization ends the transaction at once (Ended with that triggerReason and stoppedReason), not when the cable is out',
    allowedBy: '2.0.1 E06 (E06.FR.03/06): TxStopPoint is the station\'s configuration (TxCtrlr.TxStopPoint); with Authorized (or PowerPathClosed) the transaction ends when authorization ends; E07, F03.FR.02/03 and E05.FR.09 allow the Ended event to carry the stop trigger.',
    versions: ['2.0.1'], sets: { stopPoint: 'Authorized' },
  },
  'tx.pointsReadOnly': {
    description: '2.0.1 TxCtrlr.TxStartPoint / TxStopPoint are read-only (SetVariables Rejected): the transaction starts and ends where the station is built to',
    allowedBy: '2.0.1 Part 2 appendix (TxCtrlr): the mutability of TxStartPoint / TxStopPoint is the station\'s; SetVariables of a ReadOnly variable is Rejected (B05). OCTT TC_E_01/09/14/17/21/37 skip a station whose point is read-only without the value they test.',
    versions: ['2.0.1'], sets: { pointsReadOnly: true },
  },
  'ev.suspendedEVFirst': {
    description: 'when the relay closes the EV waits a moment before drawing energy: 1.6 SuspendedEV then Charging; 2.0.1 Started with chargingState SuspendedEV, then Updated ChargingStateChanged Charging',
    allowedBy: '1.6 §4.9 / §7.7 SuspendedEV: "the EVSE is offering energy but the EV is not taking it" (transitions C4/D4 possible); 2.0.1 ChargingStateEnumType SuspendedEV and E01 S5 (PowerPathClosed: SuspendedEV/SuspendedEVSE before Charging).',
    versions: ['1.6', '2.0.1'], sets: { evSlowToDraw: true },
  },
  'meter.clockAligned': {
    description: 'also sends clock-aligned meter values during a transaction (1.6 MeterValues context Sample.Clock; 2.0.1 TransactionEvent Updated triggerReason MeterValueClock), the first right after the start',
    allowedBy: '1.6 errata §3.14 (3.14.2) and §3.15: clock-aligned meter values MAY be reported in MeterValues during a transaction, SHALL when ClockAlignedDataInterval is set; 2.0.1 J01 / E02: AlignedDataInterval meter values in TransactionEvent (MeterValueClock) besides the sampled ones.',
    versions: ['1.6', '2.0.1'], sets: { clockAlignedMeterValues: true },
  },
} satisfies VariantTable<TransactionPolicy>;

export class Transactions {
  readonly policy: Readonly<TransactionPolicy>;
  private nextId = 1;

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<TransactionPolicy>({
      recordedToken: (t) => t, actsOnRejectedToken: true, startPoint: 'PowerPathClosed', stopPoint: 'EVConnected', evSlowToDraw: false, clockAlignedMeterValues: false,
      seqNoStep: 1, meterRunsBackwards: false, connectorOffset: 'none', updatesAfterEnded: false,
      pointsReadOnly: false, actsAtStartPoint: 'configured', actsAtStopPoint: 'configured', endsOnEVConnectionTimeOut: true, evConnectionTimeOutShare: 1, endsOnUnplug: true,
      stopsOnEVSideDisconnect: true, stopsOnEVSideDisconnectWhenOff: false, evSideEndsAtStopPoint: true, seesEvNotReady: true,
    }, TRANSACTION_FAULTS, faults, TRANSACTION_VARIANTS);
    // The TxCtrlr variables hold the points (2.0.1; 1.6 has no such keys): the station's build sets their value and mutability.
    for (const [name, value] of [['TxStartPoint', this.policy.startPoint], ['TxStopPoint', this.policy.stopPoint]] as const) {
      const row = s.settings.get(name);
      if (row) { row.value = value; row.readonly = this.policy.pointsReadOnly; }
    }
  }

  /** A SetVariables of TxStartPoint / TxStopPoint names only members this station supports (else Rejected); other settings: true. */
  acceptsSetting(component: string | undefined, variable: string | undefined, value: string): boolean {
    if (component !== 'TxCtrlr' || !(variable === 'TxStartPoint' || variable === 'TxStopPoint')) return true;
    const members = value.split(',').map((x) => x.trim());
    return members.length > 0 && members.every((m) => POINT_VARIABLES[variable].includes(m));
  }

  private members(name: 'TxStartPoint' | 'TxStopPoint'): string[] {
    return (this.s.settings.get(name)?.value ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  }

  /** The 2.0.1 TxStartPoint members the station acts on (1.6: PowerPathClosed, a transaction starts when cable and authorization are both there). */
  private get startPoints(): string[] {
    if (this.s.version === '1.6') return ['PowerPathClosed'];
    return this.policy.actsAtStartPoint === 'configured' ? this.members('TxStartPoint') : [this.policy.actsAtStartPoint];
  }

  /** 2.0.1: a stop by token, a remote stop or a deauthorization ends the transaction at once (TxStopPoint Authorized or PowerPathClosed, E06.FR.03/04/06). */
  get endsOnStopRequest(): boolean {
    const points = this.policy.actsAtStopPoint === 'configured' ? this.members('TxStopPoint') : [this.policy.actsAtStopPoint];
    return points.includes('Authorized') || points.includes('PowerPathClosed');
  }

  /** Whether a new session may start on `c` (or a token may authorize the one the cable started, TxStartPoint EVConnected). */
  isFree(c: ConnectorState): boolean {
    return (!c.tx || this.awaitingToken(c.tx)) && !c.authorized && this.s.hw.faultAllowsCharging(c) && this.s.availability.isOperative(c);
  }

  /** Started at the cable, no token yet (2.0.1 TxStartPoint EVConnected). */
  awaitingToken(tx: Transaction): boolean { return !tx.token && !tx.stopped; }

  /** A free connector for a token without one: one with a cable in first. */
  freeConnector(): ConnectorState | undefined {
    return this.s.connectors.find((x) => x.plugged && this.isFree(x)) ?? this.s.connectors.find((x) => this.isFree(x));
  }

  /** After a cable or an authorization came: start (or go on) if everything allows, then report. */
  async settle(c: ConnectorState): Promise<void> {
    const { hw, availability } = this.s;
    const ready = hw.faultAllowsCharging(c) && hw.lockAllowsCharging(c) && availability.isOperative(c);
    const tx = c.tx;
    if (ready && tx && !tx.stopped) {
      if (!tx.token && c.authorized) this.authorizeRunning(c, tx);
      else if (tx.awaitingCable && c.plugged) this.cableArrived(c, tx);
    } else if (ready && !tx) {
      // E01.FR.02/03/05/06: the first of the configured points reached starts it.
      const points = this.startPoints;
      const starts = (points.includes('EVConnected') && c.plugged) || (points.includes('Authorized') && !!c.authorized)
        || ((points.includes('PowerPathClosed') || points.includes('EnergyTransfer')) && c.plugged && !!c.authorized);
      if (starts) this.start(c);
    }
    await this.s.status.refresh();
  }

  /** Stop by token, by the CSMS (remote) or by a deauthorizing reply: the relay opens at once. */
  requestStop(c: ConnectorState, trigger: StopTrigger, by?: Token, reason?: string): void {
    const tx = c.tx;
    if (!tx || tx.stopped) return;
    this.s.hw.setRelay(c, false);
    tx.charging = false;
    tx.stopped = { trigger, by, ...(reason ? { reason } : {}) };
    this.stopMeterValues(tx);
    if (this.s.dialect.txStopRequested(c, tx)) this.close(c);
    void this.s.status.refresh();
  }

  /** The transaction on `c` ends (unplug, reset, availability without schedule). */
  end(c: ConnectorState, reason: string): void {
    const tx = c.tx;
    if (!tx) return;
    this.s.hw.setRelay(c, false);
    this.stopMeterValues(tx);
    this.s.dialect.txEnded(c, tx, reason);
    this.close(c);
    void this.s.status.refresh();
  }

  /** The cable is out at the station: the transaction ends (E06.FR.02; every other stop point has ended it by then, or ends it now). */
  cableOut(c: ConnectorState): void {
    const tx = c.tx;
    if (!tx) return;
    if (this.policy.endsOnUnplug) { this.end(c, 'EVDisconnected'); return; }
    this.s.hw.setRelay(c, false);
    tx.charging = false;
    this.stopMeterValues(tx);
    void this.s.dialect.txUpdated(c, tx, 'EVCommunicationLost', false);
    void this.s.status.refresh();
  }

  /**
   * The cable came out of the EV (1.6 §9.1 StopTransactionOnEVSideDisconnect; 2.0.1 E09 stop, E10 suspend): stopped when the
   * setting says so, or (2.0.1) when the lost EV connection is a stop point (E06.FR.02/06); else energy stops and it stays.
   */
  evSideDisconnect(c: ConnectorState): void {
    const tx = c.tx;
    if (!tx) { this.s.hw.setRelay(c, false); void this.s.status.refresh(); return; }
    const stops = this.s.settings.bool('StopTransactionOnEVSideDisconnect') ? this.policy.stopsOnEVSideDisconnect : this.policy.stopsOnEVSideDisconnectWhenOff;
    const points = this.policy.actsAtStopPoint === 'configured' ? this.members('TxStopPoint') : [this.policy.actsAtStopPoint];
    const pointEnds = this.s.version !== '1.6' && this.policy.evSideEndsAtStopPoint && (points.includes('EVConnected') || points.includes('PowerPathClosed'));
    if (stops || pointEnds || tx.stopped) { this.end(c, 'EVDisconnected'); return; }
    this.s.hw.setRelay(c, false);
    tx.charging = false;
    this.stopMeterValues(tx);
    void this.s.dialect.txUpdated(c, tx, 'EVCommunicationLost', false);
    void this.s.status.refresh();
  }

  /** The EV stopped taking energy while charging (E01.FR.18/19: chargingState SuspendedEV; 1.6 status SuspendedEV). */
  evSuspends(c: ConnectorState): void {
    const tx = c.tx;
    if (!tx || !tx.charging || !tx.evDrawing || !this.policy.seesEvNotReady) return;
    tx.evDrawing = false;
    void this.s.dialect.txUpdated(c, tx, 'ChargingStateChanged', false);
    void this.s.status.refresh();
  }

  /** Resolves when no connector has a transaction. */
  untilNone(): Promise<void> {
    if (!this.s.connectors.some((c) => c.tx)) return Promise.resolve();
    return new Promise((resolve) => { this.s.once('idle', resolve); });
  }

  /** Queues a transaction message (kept in order, held while offline). */
  send(action: string, build: (offline: boolean) => Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    return this.s.txQueue.push(action, build);
  }

  private start(c: ConnectorState): void {
    const auth = c.authorized;
    if (auth?.timer) this.s.cancel(auth.timer);
    c.authorized = undefined;
    const points = this.startPoints;
    const local = points.length === 1 && points[0] === 'EnergyTransfer' && auth?.trigger === 'Authorized';
    const tx: Transaction = {
      id: `${this.s.opts.stationId}-${this.nextId++}`, token: auth && this.policy.recordedToken(auth.token), groupId: auth?.groupId, charging: false, evDrawing: false, seqNo: 0,
      meterStart: this.s.hw.meterWh(c), remoteStartId: auth?.remoteStartId, trigger: local ? 'ChargingStateChanged' : auth?.trigger ?? 'CablePluggedIn',
      awaitingCable: !c.plugged, startedAt: new Date().toISOString(),
    };
    c.tx = tx;
    if (auth && c.plugged) this.beginCharging(c, tx);
    if (tx.awaitingCable && this.policy.endsOnEVConnectionTimeOut) {
      // E03.FR.05: no cable within EVConnectionTimeOut ends a transaction started at authorization.
      tx.cableTimer = this.s.after(this.s.settings.int('ConnectionTimeOut') * this.policy.evConnectionTimeOutShare, () => {
        if (c.tx !== tx || !tx.awaitingCable) return;
        this.s.hardware(`no cable within EVConnectionTimeOut: transaction on EVSE ${c.ref.evseId} ends`);
        this.end(c, 'Timeout');
      });
    }
    void this.s.dialect.txStarted(c, tx).then((info) => this.onStartVerdict(c, tx, info));
  }

  /** TxStartPoint EVConnected: the token comes for the transaction the cable started. */
  private authorizeRunning(c: ConnectorState, tx: Transaction): void {
    const auth = c.authorized!;
    if (auth.timer) this.s.cancel(auth.timer);
    c.authorized = undefined;
    Object.assign(tx, { token: this.policy.recordedToken(auth.token), groupId: auth.groupId, remoteStartId: auth.remoteStartId, trigger: auth.trigger });
    this.beginCharging(c, tx);
    void this.s.dialect.txUpdated(c, tx, auth.trigger, true).then((info) => this.onStartVerdict(c, tx, info));
  }

  /** TxStartPoint Authorized: the cable comes for the transaction the authorization started. */
  private cableArrived(c: ConnectorState, tx: Transaction): void {
    tx.awaitingCable = false;
    if (tx.cableTimer) this.s.cancel(tx.cableTimer);
    this.beginCharging(c, tx);
    void this.s.dialect.txUpdated(c, tx, 'CablePluggedIn', false);
  }

  /** The relay closes; the EV draws at once, or a moment later (ev.suspendedEVFirst). */
  private beginCharging(c: ConnectorState, tx: Transaction): void {
    tx.charging = true;
    const notReady = !!c.evNotReady && this.policy.seesEvNotReady;
    tx.evDrawing = !this.policy.evSlowToDraw && !notReady;
    this.s.hw.setRelay(c, true);
    this.startMeterValues(c, tx);
    if (!tx.evDrawing && !notReady) {
      this.s.after(2, () => {
        if (c.tx !== tx || !tx.charging || tx.evDrawing || (c.evNotReady && this.policy.seesEvNotReady)) return;
        tx.evDrawing = true;
        this.s.hardware(`EV on EVSE ${c.ref.evseId} starts drawing energy`);
        void this.s.dialect.txUpdated(c, tx, 'ChargingStateChanged', false);
        void this.s.status.refresh();
      });
    }
  }

  /** The CSMS's verdict on the token of a started transaction (1.6 §4.8 StopTransactionOnInvalidId, 2.0.1 E05). */
  private onStartVerdict(c: ConnectorState, tx: Transaction, info: AuthInfo | undefined): void {
    if (!info || !tx.token) return;
    this.s.auth.remember(tx.token.idToken, info);
    if (info.status === 'Accepted' || c.tx !== tx || tx.stopped || !this.policy.actsOnRejectedToken) return;
    if (this.s.settings.bool('StopTransactionOnInvalidId')) {
      this.requestStop(c, 'Deauthorized');
      return;
    }
    // C15.FR.07: energy may go on up to MaxEnergyOnInvalidId (authorization.ts watches it and calls suspendOnInvalid).
    if (this.s.authorizer.energyOnInvalid(c, tx, () => this.suspendOnInvalid(c, tx))) return;
    this.suspendOnInvalid(c, tx);
  }

  /** Energy stops, the transaction stays (C15.FR.06, 1.6 StopTransactionOnInvalidId false). */
  private suspendOnInvalid(c: ConnectorState, tx: Transaction): void {
    if (c.tx !== tx || tx.stopped || !tx.charging) return;
    this.s.hw.setRelay(c, false);
    tx.charging = false;
    this.stopMeterValues(tx);
    void this.s.dialect.txSuspended(c, tx);
    void this.s.status.refresh();
  }

  private close(c: ConnectorState): void {
    c.tx = undefined;
    c.finishing = c.plugged;
    this.s.evseReset.whenIdle(c.ref.evseId);
    if (this.s.connectors.some((x) => x.tx)) return;
    this.s.emit('idle');
    this.s.remote.whenIdle();
  }

  private startMeterValues(c: ConnectorState, tx: Transaction): void {
    const interval = this.s.settings.int('MeterValueSampleInterval');
    if (interval > 0) {
      const tick = (): void => { tx.meterTimer = this.s.after(interval, () => { if (c.tx === tx && tx.charging) { void this.s.dialect.txMeterValues(c, tx); tick(); } }); };
      tick();
    }
    if (this.policy.clockAlignedMeterValues) {
      const aligned = (first: boolean): void => {
        tx.alignedTimer = this.s.after(first ? 0.1 : Math.max(interval, 10), () => { if (c.tx === tx && tx.charging) { void this.s.dialect.txMeterValues(c, tx, 'Sample.Clock'); aligned(false); } });
      };
      aligned(true);
    }
  }

  private stopMeterValues(tx: Transaction): void {
    for (const t of [tx.meterTimer, tx.alignedTimer, tx.cableTimer]) if (t) this.s.cancel(t);
    tx.meterTimer = undefined; tx.alignedTimer = undefined; tx.cableTimer = undefined;
  }
}
