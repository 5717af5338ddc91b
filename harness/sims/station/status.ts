/**
 * Status reporting (1.6 §4.9, 2.0.1 B01.FR.05, B04, G01): every connector after the boot is
 * Accepted (and after a long offline period), then each change. What was last reported is kept,
 * so a change made while offline is reported once the station is back.
 */
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import { type ConnectorState, keyOf } from './connectors';
import type { SimulatedStation } from './simulated-station';

interface StatusPolicy {
  /** Which connectors the full report covers (B01.FR.05: all). */
  fullReport: 'all' | 'allButLast' | 'none';
  /** Reports that a cable was plugged in (G01.FR.03). */
  reportsPlugIn: boolean;
  /** Reports a Faulted connector (1.6 §4.9). */
  reportsFaulted: boolean;
  /** The status it gives for an Available connector whose cable was just pulled out (G01.FR.04: Available). */
  afterUnplug: string;
  /** A status word outside the schema, in place of the real one: none. */
  schemaBreakingStatus?: string;
  /** Reports its connectors after reconnecting (B04.FR.01/02). */
  reportsAfterReconnect: boolean;
  /** Waits this fraction of the message timeout after an Accepted boot before its status reports (0: at once). */
  bootReportDelayFactor: number;
  /** Order of the full report: connectors first to last (1.6: connector 0 first), or the other way round. */
  reportOrder: 'forward' | 'reverse';
  /** Also reports a connector one past its layout (1.6 connectorId n+1, 2.0.1 the next EVSE's connector 1) in its full report. */
  phantomConnector: boolean;
}

export const STATUS_FAULTS = {
  'boot.missingConnectorStatus': { description: 'after boot, reports every connector but the last', rules: both(['1.6§4.9'], ['B01.FR.05']), breaks: { fullReport: 'allButLast' } },
  // Listed after missingConnectorStatus: with both, nothing is reported.
  'boot.noStatusAfterAccepted': { description: 'sends no StatusNotification after BootNotification is Accepted', rules: both(['1.6§4.9'], ['B01.FR.05']), breaks: { fullReport: 'none' } },
  'status.wrongAfterPlug': { description: 'reports nothing when a cable is plugged in', rules: both(['1.6§4.9'], ['G01.FR.03']), breaks: { reportsPlugIn: false } },
  'status.wrongAfterUnplug': { description: 'reports Unavailable instead of Available when a cable is unplugged', rules: both(['1.6§4.9'], ['G01.FR.04']), breaks: { afterUnplug: 'Unavailable' } },
  'status.noFaulted': { description: 'reports nothing when a connector faults', rules: { '1.6': ['1.6§4.9'] }, breaks: { reportsFaulted: false } },
  'offline.noStatusAfterReconnect': { description: 'reports no connector status after coming back online', rules: { '2.0.1': ['B04.FR.01', 'B04.FR.02'] }, breaks: { reportsAfterReconnect: false } },
  // Issue 15: every constrained field
  'status.phantomConnector': { description: 'after boot also reports the status of a connector it does not have (one past its layout)', rules: both(['1.6§3.8'], ['Part2§StatusNotificationRequest']), breaks: { phantomConnector: true } },
  'frame.badSchema': { description: 'sends StatusNotification with a status value the schema does not allow', rules: both(['1.6J§4.2.1'], ['Part4§4.2.1']), breaks: { schemaBreakingStatus: 'Broken' } },
} satisfies FaultTable<StatusPolicy>;

export const STATUS_VARIANTS = {
  'status.lateAfterBoot': {
    description: 'sends its status reports half a message timeout after the boot is Accepted (its connectors report in late)',
    allowedBy: '2.0.1 B01.FR.05 and 1.6 errata v4.0 §3.22: after an Accepted boot the station SHALL report every connector; neither sets a time limit (a CSMS waits its message timeout).',
    versions: ['1.6', '2.0.1'], sets: { bootReportDelayFactor: 0.5 },
  },
  'status.reverseOrder': {
    description: 'reports its connectors last to first after boot (1.6: connector 0 after the connectors)',
    allowedBy: '2.0.1 B01.FR.05 and 1.6 errata v4.0 §3.22 require a report for connector 0 (1.6) and every connector, in no stated order.',
    versions: ['1.6', '2.0.1'], sets: { reportOrder: 'reverse' },
  },
} satisfies VariantTable<StatusPolicy>;

export class StatusReporter {
  readonly policy: Readonly<StatusPolicy>;
  /** Last status reported per connector ('station': 1.6 connectorId 0). */
  private readonly reported = new Map<string, string>();

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf<StatusPolicy>({
      fullReport: 'all', reportsPlugIn: true, reportsFaulted: true, afterUnplug: 'Available', reportsAfterReconnect: true,
      bootReportDelayFactor: 0, reportOrder: 'forward', phantomConnector: false,
    }, STATUS_FAULTS, faults, STATUS_VARIANTS);
  }

  /** Power loss: nothing counts as reported any more. */
  clear(): void { this.reported.clear(); }

  /** Reports every connector (after boot Accepted, a long offline period, or on trigger). */
  async reportAll(): Promise<void> {
    const { dialect, connectors } = this.s;
    if (this.policy.fullReport === 'none') { for (const c of connectors) this.reported.set(keyOf(c.ref), dialect.statusOf(c)); return; }
    const covered = this.policy.fullReport === 'allButLast' ? connectors.slice(0, -1) : [...connectors];
    const reverse = this.policy.reportOrder === 'reverse';
    if (this.policy.phantomConnector && connectors.length) await this.sendPhantom();
    if (dialect.reportsStation && !reverse) await this.sendStation();
    for (const c of reverse ? covered.reverse() : covered) await this.send(c);
    if (dialect.reportsStation && reverse) await this.sendStation();
  }

  /** status.phantomConnector: a connector one past the layout, reported before the real ones. */
  private async sendPhantom(): Promise<void> {
    const { dialect, connectors } = this.s;
    const last = connectors[connectors.length - 1];
    const phantom: ConnectorState = { ...last, ref: { evseId: Math.max(...connectors.map((c) => c.ref.evseId)) + 1, connectorId: 1 }, index: connectors.length + 1, fault: undefined, tx: undefined };
    await this.s.send('StatusNotification', dialect.statusNotification(phantom, 'Available'));
  }

  /** After the boot is Accepted: the full report (B01.FR.05, 1.6 errata §3.22), late if this station is slow to report. */
  async afterBoot(): Promise<void> {
    if (this.policy.bootReportDelayFactor > 0) await new Promise<void>((r) => this.s.after((this.s.opts.messageTimeout ?? 30) * this.policy.bootReportDelayFactor, () => r()));
    await this.reportAll();
  }

  /** Reports the connectors whose status changed since last reported. */
  async refresh(): Promise<void> {
    const { dialect, connectors } = this.s;
    if (dialect.reportsStation && this.reported.get('station') !== dialect.stationStatus()) await this.sendStation();
    for (const c of connectors) if (this.reported.get(keyOf(c.ref)) !== dialect.statusOf(c)) await this.send(c);
  }

  /** Back online without a reboot (B04): everything after more than OfflineThreshold, else the changes. */
  async afterReconnect(offlineMs: number): Promise<void> {
    if (!this.policy.reportsAfterReconnect) return;
    if (offlineMs > this.s.ms(this.s.settings.int('OfflineThreshold'))) await this.reportAll();
    else await this.refresh();
  }

  async send(c: ConnectorState, force = false): Promise<void> {
    if (!this.s.link.canSend(force)) return;
    const actual = this.s.dialect.statusOf(c);
    this.reported.set(keyOf(c.ref), actual);
    if ((!this.policy.reportsPlugIn && c.plugged && !c.tx) || (!this.policy.reportsFaulted && c.fault)) return;
    const status = actual === 'Available' && c.wasPlugged && !c.plugged ? this.policy.afterUnplug : actual;
    const payload = this.s.dialect.statusNotification(c, status);
    if (this.policy.schemaBreakingStatus) payload[this.s.version === '1.6' ? 'status' : 'connectorStatus'] = this.policy.schemaBreakingStatus;
    await this.s.send('StatusNotification', payload, force);
  }

  async sendStation(): Promise<void> {
    if (!this.s.link.canSend(false)) return;
    this.reported.set('station', this.s.dialect.stationStatus());
    await this.s.send('StatusNotification', this.s.dialect.stationStatusNotification());
  }
}
