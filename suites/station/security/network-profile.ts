/**
 * Offering a station another security profile (2.0.1 B09/B10/A05: a NetworkConnectionProfile in a
 * free configuration slot, then NetworkConfigurationPriority naming it first; 1.6 security
 * whitepaper A05: ChangeConfiguration SecurityProfile). Shared by the A05 cases of this folder and
 * the B09/B10 cases of status/: migrating to a profile of a second CSMS endpoint, the fallback
 * after NetworkProfileConnectionAttempts, the upgrade from profile 1 to 2.
 */
import { oneOf } from '../../../harness/model/match';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import type { SettingName } from '../../../harness/judge/as-csms/requests';
import type { FrameEntry } from '../../../harness/transport/journal';
import type { ConnectorRef } from '../../../harness/model/layout';
import type { ExtraEndpoint } from '../../../harness/judge/as-csms/extra-endpoint';
import type { RuleSpec } from '../../../harness/model/rules';
import type { Endpoints } from '../../../fixtures/endpoints';

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
  // B10.FR.01: Accepted or RebootRequired; A05.FR.04 (a higher profile): Accepted.
  await ocpp.setSetting(PRIORITY, `${free},${priority}`, priorityRule === 'A05.FR.04' ? 'Accepted' : oneOf('Accepted', 'RebootRequired'), { rule: priorityRule });
  const reset = csms.mark(`Reset: the station must now connect with slot ${free} (${url}) first`);
  await csms.callExpecting('Reset', { type: 'OnIdle' }, { status: 'Accepted' }, { rule: 'B11.FR.01' });
  return { slot: free, previous: priority, reset };
}

/** Waits for the station's BootNotification after `after` and the connector reports it owes (B01.FR.03, B01.FR.05; 1.6 §4.2, §4.9). */
export async function expectBooted(ocpp: OcppDriver, connectors: ConnectorRef[], after: FrameEntry, bootRule: RuleSpec = 'B01.FR.03', statusRule: RuleSpec = 'B01.FR.05'): Promise<void> {
  const boot = await ocpp.csms.expectCall('BootNotification', {}, { rule: ocpp.rule(bootRule), within: ocpp.csms.timing.rebootTimeout, after });
  await ocpp.expectStatuses(connectors, 'Available', { rule: statusRule, after: boot.entry });
}

/**
 * Raises the station from security profile 1 to 2 (OCTT TC_A_19_CS / TC_083_CS) and checks it
 * comes back on profile 2 and boots.
 * 2.0.1 (A05, B09, B10): CSMS root installed, a profile 2 connection to a second endpoint first in
 * NetworkConfigurationPriority, Reset OnIdle, connection there (A05.FR.05), boot, then
 * SecurityProfile 2 and no lower slot left (A05.FR.06).
 * 1.6 (WP A05): CentralSystemRootCertificate installed, ChangeConfiguration SecurityProfile = 2
 * Accepted (A05.FR.05); the Charge Point disconnects and reconnects with profile 2 (A05.FR.06,
 * A05.FR.07) to its address, where the harness now also speaks TLS; OCTT's Reset follows, and the
 * Charge Point must come back over TLS and boot.
 */
export async function raiseProfile(ocpp: OcppDriver, endpoints: Endpoints, rootPem: string, connectors: ConnectorRef[]): Promise<void> {
  const csms = ocpp.csms;
  const rootType = ocpp.version === '1.6' ? 'CentralSystemRootCertificate' : 'CSMSRootCertificate';
  await csms.callExpecting('InstallCertificate', { certificateType: rootType, certificate: rootPem }, { status: 'Accepted' }, { rule: 'M05.FR.02' });
  if (ocpp.version === '2.0.1') {
    const next = await endpoints.open({ securityProfile: 2 });
    const { previous, reset } = await migrate(ocpp, next.url, 2, 'A05.FR.04');
    await csms.waitForConnection({ rule: 'A05.FR.05', within: csms.timing.rebootTimeout, after: reset });
    if (csms.session?.via !== next.label) throw csms.failure('A05.FR.05', `after the reboot, a connection with the profile 2 connection (${next.url})`, 'the station connected with its old profile 1 connection');
    await expectBooted(ocpp, connectors, reset);
    const profile = await ocpp.getSetting(SECURITY_PROFILE, 'value', { rule: 'B06.FR.10' });
    if (profile !== '2') throw csms.failure('A05.FR.06', 'SecurityCtrlr.SecurityProfile = 2 once connected with the profile 2 connection', `SecurityProfile = ${String(profile)}`);
    const priority = ((await ocpp.getSetting(PRIORITY, 'value', { rule: 'B06.FR.10' })) ?? '').split(',').map((x) => x.trim());
    const left = previous.split(',').map((x) => x.trim()).filter((x) => priority.includes(x));
    if (left.length) throw csms.failure('A05.FR.06', `NetworkConfigurationPriority without the profile 1 slot(s) ${previous}`, `NetworkConfigurationPriority = "${priority.join(',')}"`);
    return;
  }
  endpoints.tlsOnMainAddress();
  const raised = csms.mark('SecurityProfile 2: the Central System accepts TLS on its address from now on');
  ocpp.configured.push({ setting: SECURITY_PROFILE, previous: '1' });
  await ocpp.setSetting(SECURITY_PROFILE, '2', 'Accepted', { rule: 'A05.FR.05' });
  // WP A05.FR.06/07: the Charge Point disconnects and comes back with profile 2 (a Charge Point that waits for the Reset below is judged after it).
  await csms.waitForConnection({ rule: 'A05.FR.06, A05.FR.07', within: csms.timing.messageTimeout, after: raised }).catch(() => undefined);
  const reset = csms.mark('Reset (OCTT TC_083_CS step 3)');
  await csms.callExpecting('Reset', { type: 'Hard' }, { status: 'Accepted' }, { rule: '1.6§5.14' });
  await csms.waitForConnection({ rule: 'A05.FR.07', within: csms.timing.rebootTimeout, after: reset });
  if (!csms.session?.tls) throw csms.failure('A05.FR.06, A05.FR.07', 'the Charge Point reconnected with security profile 2 (TLS)', 'it reconnected over ws:// (security profile 1)');
  await expectBooted(ocpp, connectors, reset, '1.6§4.2', '1.6§4.9');
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
