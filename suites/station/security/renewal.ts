/**
 * The CSMS asks the station for a new certificate (2.0.1 A02: TriggerMessage
 * SignChargingStationCertificate; 1.6 whitepaper A02: ExtendedTriggerMessage SignChargePointCertificate)
 * and answers its SignCertificate: shared by the certificate cases of this folder.
 */
import { satisfies } from '../../../harness/model/match';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import type { ScriptedCsms } from '../../../harness/judge/as-csms/scripted-csms';
import type { Received } from '../../../harness/judge/scripted-peer';

export const isCsr = satisfies('a PEM PKCS#10 certificate signing request', (a) => typeof a === 'string' && /-----BEGIN CERTIFICATE REQUEST-----[\s\S]+-----END CERTIFICATE REQUEST-----/.test(a));

/**
 * Triggers the renewal and returns the station's SignCertificate, or undefined when the station
 * refused the trigger. Accepting a trigger is the station's choice (2.0.1 F06.FR.05; the
 * whitepaper's ExtendedTriggerMessage likewise): a refusal is a soft finding citing the closest
 * rule. Once it accepted, it generates a key pair and sends a PEM CSR (A02.FR.02, A02.FR.03),
 * which the CSMS answers with `answer` (A02.FR.11: Accepted when it can process it).
 */
export async function renewal(csms: ScriptedCsms, ocpp: OcppDriver, answer: 'Accepted' | 'Rejected' = 'Accepted'): Promise<Received | undefined> {
  csms.reply('SignCertificate', { status: answer });
  const mark = csms.mark('the CSMS asks for a new station certificate');
  const accepted = await ocpp.should(async () => {
    if (ocpp.version === '1.6') await csms.callExpecting('ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' }, { status: 'Accepted' }, { rule: 'A02.FR.02' });
    else await csms.callExpecting('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }, { status: 'Accepted' }, { rule: 'F06.FR.05' });
    return true;
  });
  if (!accepted) return undefined;
  return csms.expectCall('SignCertificate', { csr: isCsr }, { rule: 'A02.FR.02, A02.FR.03', after: mark });
}
