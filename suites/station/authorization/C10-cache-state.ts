/** OCTT memory state "IdTokenCached" for the cache cases (C10-C12, C09 with the cache): not a spec file, imported by them. */
import type { AuthDriver } from '../../../harness/judge/as-csms/auth-driver';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import type { ConnectorRef } from '../../../harness/model/layout';
import type { Hardware } from '../../../fixtures/hardware';

/** One online session with the token (answered `status`, with `groupId`) leaves it in the cache; the cable is out again afterwards. */
export async function cacheToken(ocpp: OcppDriver, auth: AuthDriver, hardware: Hardware, c: ConnectorRef, token: string, status = 'Accepted', groupId?: string): Promise<void> {
  await ocpp.configure(SETTINGS.cacheEnabled, 'true');
  auth.replyAuthorize(token, status, groupId);
  if (groupId) auth.replyTransactionStart(token, status, groupId);
  await hardware.plugIn(c);
  await hardware.presentCard(token, c);
  await auth.expectAuthorize(token, { rule: { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.02' } });
  if (status === 'Accepted') {
    await auth.expectTransactionStarted(c, token, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.10' } });
    await hardware.presentCard(token, c);
    await auth.expectStopAuthorized({ rule: { '1.6': '1.6§4.10', '2.0.1': 'C01.FR.03' } });
  }
  await hardware.unplug(c);
  await ocpp.expectStatus(c, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.04' } });
}
