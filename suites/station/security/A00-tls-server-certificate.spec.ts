/**
 * Security profile 2 (TLS with HTTP Basic), station under test: the harness CSMS serves wss://
 * with a certificate from the run's test CA. The station must use TLS 1.2 or newer, send its
 * Basic credentials, and refuse a CSMS certificate from an unknown CA or for another host name
 * (terminating the connection and raising a security event).
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { test } from '../../../fixtures';
import { oneOf } from '../../../harness/model/match';
import { ConformanceError } from '../../../harness/model/errors';

test.use({ securityProfile: 2 });

ocppCase({
  ids: { '2.0.1': 'TC_A_04_CS', '1.6': 'TC_086_CS' },
  title: 'TLS - server-side certificate - Valid certificate',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)', '1.6': '1.6 Security Whitepaper: profile 2' },
  requirements: { '2.0.1': ['A00.FR.313', 'A00.FR.302'], '1.6': ['A00.FR.312', 'A00.FR.302'] },
  catches: { '2.0.1': ['tls.oldVersion', 'basicauth.noCredentials'], '1.6': ['basicauth.noCredentials'] },
  expectation: 'The station connects over wss:// to the CSMS certificate issued by the CA it trusts, with TLS 1.2 or newer (2.0.1 A00.FR.313; the 1.6 whitepaper lets a legacy station fall back to 1.0/1.1: a soft finding) and its HTTP Basic credentials (profile 2: A00.FR.302).',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const tls = csms.session?.tls;
  if (!tls) throw new ConformanceError('harness', 'no TLS information for the connection (is the endpoint wss://?)', 'harness');
  csms.mark(`TLS version negotiated: ${tls.protocol}`);
  if (!['TLSv1.2', 'TLSv1.3'].includes(tls.protocol)) {
    const rule = ocpp.rule({ '1.6': 'A00.FR.312', '2.0.1': 'A00.FR.313' });
    if (ocpp.version === '1.6') csms.journal.finding('soft', rule, `the station negotiated ${tls.protocol}; TLS 1.2 or above is required unless the Charge Point cannot support it`);
    else throw csms.failure(rule, 'TLS v1.2 or above', `the station negotiated ${tls.protocol}`);
  }
});

for (const bad of ['unknownCa', 'wrongHost'] as const) {
  ocppCase({
    ids: bad === 'unknownCa' ? { '2.0.1': 'TC_A_05_CS', '1.6': 'HX_TC_A_05_CS' } : { '2.0.1': 'HX_A00_01_CS', '1.6': 'HX_A00_01_CS' },
    title: bad === 'unknownCa' ? 'TLS - server-side certificate - Invalid certificate' : 'TLS - server-side certificate - certificate for another host name',
    area: 'security',
    useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)', '1.6': '1.6 Security Whitepaper: profile 2' },
    requirements: bad === 'unknownCa'
      ? { '2.0.1': ['A00.FR.308', 'A00.FR.310', 'A00.FR.311'], '1.6': ['A00.FR.307', 'A00.FR.309', 'A00.FR.310'] }
      : { '2.0.1': ['A00.FR.309', 'A00.FR.310', 'A00.FR.311'], '1.6': ['A00.FR.308', 'A00.FR.309', 'A00.FR.310'] },
    catches: bad === 'unknownCa' ? ['tls.acceptsAnyServerCert', 'tls.noSecurityEvent'] : ['tls.ignoresHostname'],
    expectation: `The CSMS presents a certificate ${bad === 'unknownCa' ? 'from a CA the station does not trust' : 'from the trusted CA but for another host name (wrong-host.example.com)'} and drops the connection: the station must not connect while it does (it terminates each attempt), and once the valid certificate is back it reconnects and reports the security event ${'InvalidCsmsCertificate'} (1.6: InvalidCentralSystemCertificate).`,
    source: bad === 'unknownCa' ? 'OCTT TC_A_05_CS (unknown CA variant); 1.6: our counterpart (whitepaper ids are shifted by one).' : 'OCTT TC_A_05_CS lists "CN ≠ FQDN" as a variant; our own id for it.',
  }, async ({ booted, csms, ocpp, endpoint, pki }) => {
    void booted;
    const refuse = ocpp.rule(bad === 'unknownCa' ? { '1.6': 'A00.FR.310', '2.0.1': 'A00.FR.311' } : { '1.6': 'A00.FR.308', '2.0.1': 'A00.FR.309' });
    const event = ocpp.rule({ '1.6': 'A00.FR.309', '2.0.1': 'A00.FR.310' });
    const cert = bad === 'unknownCa' ? pki.rogueServer : pki.wrongHostServer;
    endpoint.server.setCertificate(cert.certPem, cert.keyPem);
    try {
      csms.disconnect(1001, 'the CSMS restarts with another certificate');
      await csms.expectNoConnection({ rule: refuse, forSeconds: csms.timing.messageTimeout / 2, because: `while the CSMS presents the ${bad === 'unknownCa' ? 'untrusted' : 'wrong-host'} certificate` });
    } finally {
      endpoint.server.setCertificate(pki.server.certPem, pki.server.keyPem);
    }
    const back = csms.mark('the CSMS presents its valid certificate again');
    await csms.waitForConnection({ rule: refuse, within: csms.timing.rebootTimeout, after: back });
    await csms.expectCall('SecurityEventNotification', { type: oneOf('InvalidCsmsCertificate', 'InvalidCentralSystemCertificate') }, { rule: event, after: back });
  });
}
