/**
 * Offering a station another security profile (2.0.1 B09/B10/A05: a NetworkConnectionProfile in a
 * free configuration slot, then NetworkConfigurationPriority naming it first; 1.6 security
 * whitepaper A05: ChangeConfiguration SecurityProfile). Shared by the A05 cases of this folder.
 */
import { oneOf } from '../../../harness/model/match';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import type { SettingName } from '../../../harness/judge/as-csms/requests';

export const PRIORITY: SettingName = { component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority' };
export const SECURITY_PROFILE: SettingName = { key16: 'SecurityProfile', component: 'SecurityCtrlr', variable: 'SecurityProfile' };

/** The connection data of a profile on the harness CSMS's own address (ws:// for profile 1, wss:// above). */
export function connectionData(ocpp: OcppDriver, securityProfile: number): Record<string, unknown> {
  const url = ocpp.csms.url.replace(/\/[^/]*$/, '').replace(/^wss?:/, securityProfile >= 2 ? 'wss:' : 'ws:');
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
