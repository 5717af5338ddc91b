import { SimulatedStation, type StationOptions } from '../sims/station/simulated-station';
import type { Observation, SutAction, SutActionType, SutAdapter } from './adapter';

/** The simulated station as SUT: every action is supported and immediate. */
export class EmbeddedSut implements SutAdapter {
  readonly name = 'embedded' as const;
  readonly station: SimulatedStation;

  constructor(opts: StationOptions) { this.station = new SimulatedStation(opts); }

  supports(_action: SutActionType): boolean { return true; }

  async perform(a: SutAction): Promise<void> {
    const s = this.station;
    switch (a.type) {
      case 'powerOn': s.powerOn('PowerUp'); return;
      case 'powerCycle': await s.power.cut(); s.powerOn('PowerUp'); return;
      case 'plugIn': s.plugIn(a.connector); return;
      case 'unplug': s.unplug(a.connector); return;
      case 'unplugEvSide': s.hw.unplugEvSide(a.connector); return;
      case 'evNotReady': s.hw.evNotReady(a.connector); return;
      case 'presentCard': await s.presentToken({ idToken: a.idToken, type: 'ISO14443' }, a.connector); return;
      // A station without a keypad (variant settings.noKeypad): the keys pressed go nowhere.
      case 'enterCode': if (!s.settings.policy.keypad) { s.hardware(`code ${a.code} typed, but the station has no keypad`); return; } await s.presentToken({ idToken: a.code, type: s.has('keypad.wrongTokenType') ? 'ISO14443' : 'KeyCode' }, a.connector); return;
      case 'raiseFault': s.raiseFault(a.connector, a.errorCode); return;
      case 'clearFault': s.clearFault(a.connector); return;
      // ui
      case 'selectTransactions': s.selectTransactions(a.connectors); return;
      case 'listStorage': s.auth.storageFails = a.failing; s.hardware(`local list storage ${a.failing ? 'failing' : 'working'}`); return;
    }
  }

  async observe(o: Observation): Promise<boolean | number> {
    const c = this.station.connector(o.connector);
    return o.what === 'relay' ? c.relayClosed : this.station.meterWh(c);
  }

  async close(): Promise<void> { this.station.shutdown(); }
}
