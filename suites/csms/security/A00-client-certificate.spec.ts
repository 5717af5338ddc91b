/**
 * Security profile 3 (TLS with client certificates), CSMS under test: the station authenticates
 * with a certificate whose CN is its serial number, and with nothing else: HTTP Basic is no part
 * of profile 3 (2.0.1 A00 Table 11, 1.6 whitepaper Table 2), so the harness's station sends no
 * Authorization header. The CSMS must accept it, refuse a station without a certificate or with
 * one from another CA, and close the connection when the serial number in the BootNotification
 * is not the certificate's.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { expectCipherSuites } from './cipher-suites';

csmsTest.use({ securityProfile: 3 });

csmsCase({
  ids: { '2.0.1': 'TC_A_07_CSMS', '1.6': 'TC_087_CSMS' },
  title: 'TLS - Client-side certificate - valid certificate',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 3 (TLS with client-side certificates)', '1.6': '1.6 Security Whitepaper: profile 3' },
  requirements: { '2.0.1': ['A00.FR.421', 'A00.FR.001', 'A00.FR.403', 'A00.FR.405', 'B01.FR.11'], '1.6': ['A00.FR.421', 'A00.FR.001', 'A00.FR.403', 'A00.FR.405'] },
  catches: ['mtls.checksUrlIdInsteadOfSerial', 'mtls.demandsBasicAuth', 'tls.ecdsaOnly', 'tls.missingSuite'],
  expectation: 'Each of the four required cipher suites, offered alone in a TLS 1.2 handshake, is negotiated (A00.FR.421). The station presents a certificate from the operator CA whose CN is its serial number (not its id in the URL) and no HTTP Basic credentials (profile 3 authenticates by certificate only, A00.FR.001: one profile at a time); the CSMS upgrades the connection and accepts the boot that reports that serial number.',
  actions: ['give the harness the station certificate and key (csms.clientCertFile / clientKeyFile)'],
  source: 'OCTT TC_A_07_CSMS / TC_087_CSMS (tzi-OCTT): step 3 checks TLS >= 1.2 and the four suites; the Authorization header carries credentials "only on SP2" (TC_A_04_CSMS step 5).',
}, async ({ station, drv, clientTls, csmsUrl }) => {
  if (!clientTls.client) csmsTest.skip(true, 'this case needs csms.clientCertFile and csms.clientKeyFile');
  await expectCipherSuites(station, { url: csmsUrl, rule: 'A00.FR.421', ca: clientTls.ca, clientCert: clientTls.client });
  // The CSMS validates the certificate path and the CN against the serial number (A00.FR.403, A00.FR.405), so a valid station is
  // admitted, on its certificate alone: asking for HTTP Basic too mixes profiles 2 and 3 (A00.FR.001).
  await station.connect({ rule: 'A00.FR.001, A00.FR.403, A00.FR.405' });
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02, B01.FR.11' } });
  await drv.heartbeat({}, { rule: { '1.6': '1.6§4.6', '2.0.1': 'G02.FR.03' } });
});

for (const variant of ['rogue', 'none'] as const) {
  csmsCase({
    ids: variant === 'rogue' ? { '2.0.1': 'TC_A_08_CSMS', '1.6': 'HX_TC_A_08_CSMS' } : { '2.0.1': 'HX_A00_02_CSMS', '1.6': 'HX_A00_02_CSMS' },
    title: variant === 'rogue' ? 'TLS - Client-side certificate - Invalid certificate' : 'TLS - Client-side certificate - no certificate',
    area: 'security',
    useCase: { '2.0.1': 'A00 Security profile 3 (TLS with client-side certificates)', '1.6': '1.6 Security Whitepaper: profile 3' },
    requirements: { '2.0.1': ['A00.FR.403', 'A00.FR.407', 'A00.FR.307'], '1.6': ['A00.FR.403', 'A00.FR.407', 'A00.FR.306'] },
    catches: [variant === 'rogue' ? 'mtls.acceptsUnknownCa' : 'mtls.acceptsNoCert', 'tls.untrustedServerCert'],
    expectation: `The station connects ${variant === 'rogue' ? 'with a certificate issued by a CA the CSMS does not know' : 'without a client certificate'}: the CSMS terminates the connection (A00.FR.407), at the TLS handshake or before the upgrade. The refusal must be the CSMS's: when the harness itself refuses the CSMS's server certificate, the CSMS's answer was never seen and the case fails (2.0.1 A00.FR.307 / 1.6 whitepaper A00.FR.306: the CSMS presents its CSMS certificate, which its stations validate).`,
    source: variant === 'rogue' ? undefined : 'OCTT TC_A_08_CSMS covers invalid certificates; no certificate at all is our own case.',
  }, async ({ station, clientTls }) => {
    if (variant === 'rogue' && !clientTls.rogue) csmsTest.skip(true, 'security profile 3 not configured');
    const r = await csmsTest.step(`Connect ${variant === 'rogue' ? 'with an untrusted client certificate' : 'without a client certificate'}: the CSMS must terminate [A00.FR.407]`, () => station.tryConnect({ clientCert: variant === 'rogue' ? clientTls.rogue! : null }));
    station.requireRefusal(r, 'A00.FR.407', 'the CSMS to terminate the connection');
  });
}

csmsCase({
  ids: { '2.0.1': 'HX_A00_03_CSMS', '1.6': 'HX_A00_03_CSMS' },
  title: 'TLS - Client-side certificate - serial number does not match the certificate',
  area: 'security',
  useCase: { '2.0.1': 'B01 Cold Boot Charging Station (profile 3)', '1.6': '1.6 Security Whitepaper: profile 3' },
  requirements: { '2.0.1': ['A00.FR.405', 'B01.FR.11', 'B01.FR.12'], '1.6': ['A00.FR.405'] },
  catches: ['mtls.acceptsWrongStationId'],
  expectation: 'The station presents a valid certificate (from the operator CA) for another serial number than the one it reports in its BootNotification: the CSMS refuses the connection or closes it after the BootNotification (B01.FR.12); it never accepts the station.',
  source: 'OCTT TC_A_08_CSMS lists "commonName that does not equal the serial number" as an invalid certificate; 1.6: A00.FR.405 of the whitepaper.',
}, async ({ station, drv, clientTls }) => {
  if (!clientTls.other) csmsTest.skip(true, 'this case needs csms.otherClientCertFile / otherClientKeyFile (a certificate of the same CA for another serial number)');
  // 2.0.1 B01.FR.12 (close when the boot's serial number is not the certificate's CN); 1.6: the whitepaper's A00.FR.405 (the CN holds the serial number).
  const rule = drv.rule({ '1.6': 'A00.FR.405', '2.0.1': 'B01.FR.12' });
  const r = await station.tryConnect({ clientCert: clientTls.other! });
  if (!r.ok) { station.mark(`refused at the handshake: ${r.reason}`); return; }
  const out = await station.call('BootNotification', drv.bootPayload(), { rule });
  if (out.kind === 'result' && out.payload.status === 'Accepted') throw station.failure(rule, 'the CSMS not to accept a station whose serial number is not its certificate\'s CN', 'BootNotification Accepted');
  const closed = await station.waitForClose(station.timing.messageTimeout);
  if (!closed) throw station.failure(rule, `the CSMS to close the WebSocket connection within ${station.timing.messageTimeout} s`, 'the connection stayed open');
});
