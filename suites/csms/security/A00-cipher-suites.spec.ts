/**
 * Security profile 2, CSMS under test: the CSMS supports the four TLS 1.2 cipher suites the text
 * lists (2.0.1 A00.FR.318, 1.6 whitepaper A00.FR.317): two ECDHE-ECDSA suites, which need an
 * ECDSA certificate, and two TLS_RSA suites, which need an RSA one. Each suite is offered alone
 * in a TLS 1.2 handshake; then the station connects as usual and boots.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { expectCipherSuites } from './cipher-suites';

csmsTest.use({ securityProfile: 2 });

csmsCase({
  ids: { '2.0.1': 'TC_A_04_CSMS', '1.6': 'TC_086_CSMS' },
  title: 'TLS - server-side certificate - Valid certificate',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)', '1.6': '1.6 Security Whitepaper: profile 2' },
  requirements: { '2.0.1': ['A00.FR.318', 'A00.FR.324', 'B01.FR.02'], '1.6': ['A00.FR.317', '1.6§4.2'] },
  catches: ['tls.ecdsaOnly', 'tls.missingSuite'],
  expectation: 'A station offering TLS 1.2 with only one of TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_RSA_WITH_AES_128_GCM_SHA256 or TLS_RSA_WITH_AES_256_GCM_SHA384 completes the handshake with each (2.0.1 A00.FR.318, 1.6 whitepaper A00.FR.317: the CSMS supports all four, with an RSA and an ECDSA certificate); then the station connects and its boot is accepted.',
  source: 'OCTT TC_A_04_CSMS / TC_086_CSMS (tzi-OCTT): the cipher-suite and boot steps; the certificate property checks of those cases (key size, CN = FQDN) are not made here.',
  actions: ['configure the station\'s password in the CSMS (csms.facts.password)'],
}, async ({ station, drv, csmsUrl, clientTls, facts }) => {
  if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
  await expectCipherSuites(station, { url: csmsUrl, rule: drv.rule({ '2.0.1': 'A00.FR.318', '1.6': 'A00.FR.317' }), ca: clientTls.ca });
  const connected = await drv.level({ '1.6': 'should', '2.0.1': 'shall' }, async () => { await station.connect({ rule: drv.rule({ '1.6': '1.6J§3.2', '2.0.1': 'A00.FR.324' }) }); return true; });
  if (!connected) return;
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' } });
});
