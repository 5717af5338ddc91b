/**
 * Certificate renewal at the CSMS's request when it does not end in a CertificateSigned (2.0.1
 * A02): the CSMS refuses the station's CSR, or accepts it and never sends the certificate. In the
 * second case the station sends its CSR again after SecurityCtrlr.CertSigningWaitMinimum
 * (A02.FR.17). 1.6: the whitepaper's A02 has no retry rule and OCTT no such cases.
 */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { needs } from '../../../harness/model/profile';
import { checkNotEarlier, replyOf } from '../../../harness/judge/as-csms/verifiers';
import { getSetting, type SettingName, settingValue } from '../../../harness/judge/as-csms/requests';
import { renewal, isCsr } from './renewal';

const useCase = { '2.0.1': 'A02 Update Charging Station Certificate by request of CSMS' };
const CERT_SIGNING_WAIT: SettingName = { component: 'SecurityCtrlr', variable: 'CertSigningWaitMinimum' };

ocppCase({
  ids: { '2.0.1': 'TC_A_15_CS' },
  title: 'Update Charging Station Certificate by request of CSMS - SignCertificateRequest Rejected',
  area: 'security', useCase,
  needs: [needs.feature('AdvancedSecurity')],
  requirements: { '2.0.1': ['A02.FR.02', 'A02.FR.03'] },
  catches: ['cert.noSignCertificate'],
  expectation: 'After the trigger the station generates a key pair and sends its CSR in a SignCertificateRequest (A02.FR.02/03); the CSMS answers Rejected (as it may, A02.FR.12), and the station goes on with its current certificate and connection.',
  source: 'OCTT TC_A_15_CS: step 2 (trigger Accepted, a soft finding as F06.FR.05 leaves it to the station) and the SignCertificateRequest are checked; keeping the current certificate and connection afterwards has no requirement of its own, so it is not judged.',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const sign = await renewal(csms, ocpp, 'Rejected');
  if (!sign) return;
  csms.mark('SignCertificateRequest answered Rejected: the station keeps its certificate and connection (no requirement of its own to judge)');
});

ocppCase({
  ids: { '2.0.1': 'TC_A_23_CS' },
  title: 'Update Charging Station Certificate by request of CSMS - CertificateSignedRequest Timeout',
  area: 'security', useCase,
  needs: [needs.feature('AdvancedSecurity')],
  requirements: { '2.0.1': ['A02.FR.02', 'A02.FR.03', 'A02.FR.17'] },
  catches: ['cert.noSignCertificate', 'cert.noCsrRetry'],
  expectation: 'The CSMS accepts the station\'s CSR but never sends a CertificateSigned: once CertSigningWaitMinimum has passed since the SignCertificateResponse, and not before, the station sends a new SignCertificateRequest (A02.FR.17; the CSR may be for a new key pair).',
  source: 'OCTT TC_A_23_CS; the harness sets SecurityCtrlr.CertSigningWaitMinimum to 40 s (put back afterwards) so the wait is short. A station without that variable: not applicable.',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const [action, payload] = getSetting(ocpp.version, CERT_SIGNING_WAIT, 'any');
  const read = await csms.call(action, payload, { rule: 'B06.FR.10' });
  const current = read.kind === 'result' ? settingValue(ocpp.version, read.payload, CERT_SIGNING_WAIT) : undefined;
  test.skip(current === undefined, 'the station reports no SecurityCtrlr.CertSigningWaitMinimum (the A02 retry needs it)');
  const wait = 40;
  await ocpp.configure(CERT_SIGNING_WAIT, String(wait));
  const first = await renewal(csms, ocpp, 'Accepted');
  if (!first) return;
  const answered = replyOf(csms, first);
  const again = await csms.expectCall('SignCertificate', { csr: isCsr }, { rule: 'A02.FR.17', after: first.entry, since: answered, within: wait + csms.timing.messageTimeout });
  checkNotEarlier(csms, answered, again, wait, 'A02.FR.17');
});
