/**
 * Offering a station another security profile (2.0.1 B09/B10/A05: a NetworkConnectionProfile in a
 * free configuration slot, then NetworkConfigurationPriority naming it first; 1.6 security
 * whitepaper A05: ChangeConfiguration SecurityProfile). Shared by the A05 cases of this folder.
 */
import { oneOf } from '../../../harness/model/match';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import type { SettingName } from '../../../harness/judge/as-csms/requests';
import type { FrameEntry } from '../../../harness/transport/journal';
import type { ConnectorRef } from '../../../harness/model/layout';
import type { ExtraEndpoint } from '../../../harness/judge/as-csms/extra-endpoint';

export const PRIORITY: SettingName = { component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority' };
export const SECURITY_PROFILE: SettingName = { key16: 'SecurityProfile', component: 'SecurityCtrlr', variable: 'SecurityProfile' };

/** The connection data of a profile on the harness CSMS's own address (ws:// for profile 1, wss:// above). */
export function connectionData(ocpp: OcppDriver, securityProfile: number, ocppCsmsUrl?: string): Record<string, unknown> {
  const url = ocppCsmsUrl ?? ocpp.csms.url.replace(/\/[^/]*$/, '').replace(/^wss?:/, securityProfile >= 2 ? 'wss:' : 'ws:');
  return { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: url, messageTimeout: ocpp.csms.timing.messageTimeout, securityProfile, ocppInterface: 'Wired0' };
}

/** The configuration slots the station tries, from NetworkConfigurationPriority (B10), and the lowest slot number not among them. */
export async function slots(ocpp: OcppDriver): Promise<{ priority: string; free: number }> {
  const priority = (await ocpp.getSetting(PRIORITY, 'value', { rule: 'B06.FR.10' })) ?? '';
  const used = priority.split(',').map((x) => Number(x.trim()));
  let free = 0;
  while (used.includes(free)) free++;
  return { priority, free };
}

/**
 * 2.0.1: stores a profile of `securityProfile` in a free slot; returns the slot, or undefined when
 * the station refused the profile itself (SetNetworkProfile Rejected: B09.FR.02, a content it
 * cannot use).
 */
export async function storeProfile(ocpp: OcppDriver, securityProfile: number): Promise<{ slot: number; priority: string } | undefined> {
  const { priority, free } = await slots(ocpp);
  const r = await ocpp.csms.callExpecting('SetNetworkProfile', { configurationSlot: free, connectionData: connectionData(ocpp, securityProfile) }, { status: oneOf('Accepted', 'Rejected', 'Failed') }, { rule: 'B09.FR.01, B09.FR.02' });
  if (r.status !== 'Accepted') { ocpp.csms.mark(`SetNetworkProfile ${String(r.status)}: the station refuses the profile itself`); return undefined; }
  return { slot: free, priority };
}

/**
 * 2.0.1 B09 + B10 (A05 for a higher profile): stores a profile of `securityProfile` for `url` in a
 * free slot (B09.FR.01), puts that slot first in NetworkConfigurationPriority (B10.FR.01, or
 * `priorityRule`) and resets the station OnIdle (B11.FR.01). Returns the slot, the old priority,
 * and the mark after which the station's new connection counts.
 */
export async function migrate(ocpp: OcppDriver, url: string, securityProfile: number, priorityRule = 'B10.FR.01'): Promise<{ slot: number; previous: string; reset: FrameEntry }> {
  const csms = ocpp.csms;
  const { priority, free } = await slots(ocpp);
  await csms.callExpecting('SetNetworkProfile', { configurationSlot: free, connectionData: connectionData(ocpp, securityProfile, url) }, { status: 'Accepted' }, { rule: 'B09.FR.01' });
  // Put the old order back afterwards (a real station: a harness set-up step; the embedded one is fresh per case).
  ocpp.configured.push({ setting: PRIORITY, previous: priority });
  await ocpp.setSetting(PRIORITY, `${free},${priority}`, oneOf('Accepted', 'RebootRequired'), { rule: priorityRule });
  const reset = csms.mark(`Reset: the station must now connect with slot ${free} (${url}) first`);
  await csms.callExpecting('Reset', { type: 'OnIdle' }, { status: 'Accepted' }, { rule: 'B11.FR.01' });
  return { slot: free, previous: priority, reset };
}

/** Waits for the station's BootNotification after `after` and the connector reports it owes (B01.FR.03, B01.FR.05). */
export async function expectBooted(ocpp: OcppDriver, connectors: ConnectorRef[], after: FrameEntry): Promise<void> {
  const boot = await ocpp.csms.expectCall('BootNotification', {}, { rule: 'B01.FR.03', within: ocpp.csms.timing.rebootTimeout, after });
  await ocpp.expectStatuses(connectors, 'Available', { rule: 'B01.FR.05', after: boot.entry });
}

/** The station's SecurityProfile (2.0.1 SecurityCtrlr.SecurityProfile, 1.6 SecurityProfile key), else the run's. */
export async function currentProfile(ocpp: OcppDriver, fallback: number): Promise<number> {
  const value = await ocpp.getSetting(SECURITY_PROFILE, 'value', { rule: ocpp.rule({ '1.6': '1.6§5.8', '2.0.1': 'B06.FR.10' }) }).catch(() => undefined);
  return value !== undefined && /^[0-3]$/.test(value) ? Number(value) : fallback;
}

export const ATTEMPTS: SettingName = { component: 'OCPPCommCtrlr', variable: 'NetworkProfileConnectionAttempts' };
export const B10 = { '2.0.1': 'B10 Migrate to new CSMS / B09 Setting a new NetworkConnectionProfile' };

/**
 * The new profile cannot be reached: the station must come back through the old one, after
 * `attempts` failed attempts on the new one (B10.FR.03). The wait allows each attempt a message
 * timeout plus the reconnection back-off (Part 4 §5.3) on top of the reboot.
 */
export async function expectFallback(ocpp: OcppDriver, next: ExtraEndpoint, attempts: number, reset: FrameEntry, viaRule = 'B10.FR.03'): Promise<void> {
  const csms = ocpp.csms;
  await csms.waitForConnection({ rule: 'B10.FR.03', within: csms.timing.rebootTimeout + attempts * 2 * csms.timing.messageTimeout, after: reset });
  const via = csms.session?.via;
  if (via) throw csms.failure(viaRule, 'the station back on the old NetworkConnectionProfile (the main CSMS endpoint)', `it connected to ${via}`);
  const tried = next.refusals(csms.journal.entries, reset).length;
  if (tried < attempts) throw csms.failure('B10.FR.03', `${attempts} attempts (NetworkProfileConnectionAttempts) on the new profile before the next entry of NetworkConfigurationPriority`, `${tried} attempt(s) at ${next.url}, then the old profile`);
  csms.mark(`the station fell back to the old profile after ${tried} attempt(s) on the new one`);
}
