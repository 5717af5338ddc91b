/**
 * Security profile 3 (TLS with client certificates), station under test: the harness CSMS asks
 * for the station's certificate, which must chain to the operator's CA and name the station's
 * serial number in its CN. The certificate is the station's whole authentication: HTTP Basic
 * is no part of profile 3 (2.0.1 A00 Table 11, 1.6 whitepaper Table 2), so the harness CSMS
 * neither asks for nor checks an Authorization header here.
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { test } from '../../../fixtures';
import { ConformanceError } from '../../../harness/model/errors';
import type { CallFrame } from '../../../harness/protocol/rpc';

test.use({ securityProfile: 3 });

ocppCase({
  ids: { '2.0.1': 'TC_A_07_CS', '1.6': 'TC_087_CS' },
  title: 'TLS - Client-side certificate - valid certificate',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 3 (TLS with client-side certificates)', '1.6': '1.6 Security Whitepaper: profile 3' },
  requirements: { '2.0.1': ['A00.FR.401', 'A00.FR.511'], '1.6': ['A00.FR.401', 'A00.FR.511'] },
  catches: ['mtls.noClientCert', 'mtls.wrongCertificate'],
  expectation: 'The station connects with a client certificate that chains to the operator CA (A00.FR.401) and whose subject CN is the serial number it reports in its BootNotification (A00.FR.511); HTTP Basic credentials are neither needed nor judged (profile 3 authenticates by the certificate).',
}, async ({ booted, csms }) => {
  const cert = csms.session?.tls?.clientCert;
  if (!cert) throw new ConformanceError('harness', 'connected without client certificate information', 'harness');
  const boot = booted.bootFrame?.frame as CallFrame | undefined;
  const p = (boot?.payload ?? {}) as { chargingStation?: { serialNumber?: string }; chargePointSerialNumber?: string };
  const serial = p.chargingStation?.serialNumber ?? p.chargePointSerialNumber;
  csms.mark(`client certificate ${cert.subject}; BootNotification serial number ${serial ?? '(none)'}`);
  if (!serial) throw csms.failure('A00.FR.511', 'a serial number in the BootNotification to compare the certificate CN with', 'none given');
  if (cert.subjectCn !== serial) throw csms.failure('A00.FR.511', `client certificate CN = the station's serial number "${serial}"`, `CN = "${cert.subjectCn ?? ''}"`);
});
