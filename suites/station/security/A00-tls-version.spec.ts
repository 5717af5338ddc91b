/**
 * Security profile 2, station under test: the harness CSMS offers only TLS 1.0 and 1.1. The
 * station checks the TLS version (2.0.1 A00.FR.314), uses 1.2 or above only (A00.FR.313), so it
 * terminates every such attempt and raises InvalidTLSVersion, sent once it is connected again
 * (A00.FR.316, A04). 1.6: the whitepaper lets a Charge Point that cannot do 1.2 use 1.0/1.1, so
 * no 1.6 variant.
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { test } from '../../../fixtures';

test.use({ securityProfile: 2 });

ocppCase({
  ids: { '2.0.1': 'TC_A_06_CS' },
  title: 'TLS - server-side certificate - TLS version too low',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)' },
  requirements: { '2.0.1': ['A00.FR.313', 'A00.FR.314', 'A00.FR.316'] },
  catches: ['tls.oldVersion', 'tls.noTlsVersionEvent'],
  expectation: 'While the CSMS offers only TLS 1.0/1.1 the station establishes no connection (A00.FR.313/314: TLS 1.2 or above only, the version checked); once TLS 1.2 is offered again it reconnects and reports the security event InvalidTLSVersion (A00.FR.316, queued while offline as A04 asks).',
  source: 'OCTT TC_A_06_CS (EVtivity skips it for want of TLS-version control): the harness CSMS, a Node TLS server, can offer TLS 1.0/1.1 only (maxVersion TLSv1.1, OpenSSL security level 0), so the case runs.',
}, async ({ booted, csms, endpoint, pki, sutConfig }) => {
  void booted;
  const server = sutConfig.tlsHostnames ? await pki.serverFor(sutConfig.tlsHostnames) : pki.server;
  endpoint.server.setCertificate(server.certPem, server.keyPem, { maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
  try {
    csms.disconnect(1001, 'the CSMS restarts offering TLS 1.0/1.1 only');
    await csms.expectNoConnection({ rule: 'A00.FR.313, A00.FR.316', forSeconds: csms.timing.messageTimeout / 2, because: 'while the CSMS offers TLS 1.0/1.1 only' });
  } finally {
    endpoint.server.setCertificate(server.certPem, server.keyPem);
  }
  const back = csms.mark('the CSMS offers TLS 1.2 and above again');
  await csms.waitForConnection({ rule: 'A00.FR.313', within: csms.timing.rebootTimeout, after: back });
  await csms.expectCall('SecurityEventNotification', { type: 'InvalidTLSVersion' }, { rule: 'A00.FR.316', after: back });
});
