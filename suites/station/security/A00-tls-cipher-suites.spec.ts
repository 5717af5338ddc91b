/**
 * Security profile 2, station under test: the station supports both ECDHE-ECDSA AES-GCM suites
 * or both TLS_RSA AES-GCM suites (2.0.1 A00.FR.319, 1.6 whitepaper A00.FR.318). The harness CSMS
 * offers TLS 1.2 with one suite at a time (with its ECDSA certificate for the ECDHE-ECDSA suites,
 * its RSA one for the TLS_RSA suites) and closes the connection; the station's reconnections
 * show which suites it can negotiate.
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { test } from '../../../fixtures';
import { ConformanceError } from '../../../harness/model/errors';
import type { ScriptedCsms } from '../../../harness/judge/as-csms/scripted-csms';
import type { FrameEntry } from '../../../harness/transport/journal';
import { describeSpan, ms } from '../../../harness/model/timing';

test.use({ securityProfile: 2 });

const ECDSA_PAIR = [['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256'], ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384']] as const;
const RSA_PAIR = [['TLS_RSA_WITH_AES_128_GCM_SHA256', 'AES128-GCM-SHA256'], ['TLS_RSA_WITH_AES_256_GCM_SHA384', 'AES256-GCM-SHA384']] as const;

/** Whether the station connects again after `mark` within `seconds` (no verdict: the pairs decide). */
function connectsAfter(csms: ScriptedCsms, mark: FrameEntry, seconds: number): Promise<boolean> {
  const connected = (): boolean => csms.journal.entries.some((e) => e.seq > mark.seq && e.kind === 'event' && e.source === 'connection' && e.text.startsWith(`station "${csms.stationId}" connected`));
  return new Promise<boolean>((resolve) => {
    const check = (): void => { if (connected()) { cleanup(); resolve(true); } };
    const timer = setTimeout(() => { cleanup(); resolve(connected()); }, ms(csms.timing, seconds) + csms.timing.slackMs);
    const cleanup = (): void => { clearTimeout(timer); csms.journal.off('entry', check); };
    csms.journal.on('entry', check);
    check();
  });
}

ocppCase({
  ids: { '2.0.1': 'HX_A00_04_CS', '1.6': 'HX_A00_04_CS' },
  title: 'TLS - cipher suites - the station negotiates a required pair',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)', '1.6': '1.6 Security Whitepaper: profile 2' },
  requirements: { '2.0.1': ['A00.FR.319'], '1.6': ['A00.FR.318'] },
  catches: ['tls.unlistedSuites'],
  expectation: 'Offered TLS 1.2 with one suite at a time, the station reconnects with both TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 and TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, or with both TLS_RSA_WITH_AES_128_GCM_SHA256 and TLS_RSA_WITH_AES_256_GCM_SHA384 (2.0.1 A00.FR.319, 1.6 whitepaper A00.FR.318). 1.6: a legacy Charge Point on TLS 1.0/1.1 may use TLS_RSA_WITH_AES_128_CBC_SHA instead (not applicable then).',
  source: 'OCTT TC_A_04_CS / TC_086_CS step 2 check the suites the station offers in its ClientHello; the harness cannot read a ClientHello, so it offers each suite alone and watches the station connect.',
}, async ({ booted, csms, ocpp, endpoint, pki, sutConfig }) => {
  void booted;
  const rule = ocpp.rule({ '2.0.1': 'A00.FR.319', '1.6': 'A00.FR.318' });
  const tls = csms.session?.tls;
  if (!tls) throw new ConformanceError('harness', 'no TLS information for the connection (is the endpoint wss://?)', 'harness');
  if (ocpp.version === '1.6' && !['TLSv1.2', 'TLSv1.3'].includes(tls.protocol)) {
    csms.mark(`the Charge Point uses ${tls.protocol}: whitepaper A00.FR.318 then asks for TLS_RSA_WITH_AES_128_CBC_SHA, not the AES-GCM pairs`);
    return;
  }
  const ecdsa = sutConfig.tlsHostnames ? await pki.serverFor(sutConfig.tlsHostnames) : pki.server;
  const rsa = sutConfig.tlsHostnames ? await pki.serverFor(sutConfig.tlsHostnames, { rsa: true }) : pki.serverRsa;
  const within = csms.timing.rebootTimeout;
  const connected: string[] = [];
  try {
    for (const [[iana, openssl], id] of [...ECDSA_PAIR.map((s) => [s, ecdsa] as const), ...RSA_PAIR.map((s) => [s, rsa] as const)]) {
      endpoint.server.setCertificate(id.certPem, id.keyPem, { ciphers: openssl, maxVersion: 'TLSv1.2' });
      const mark = csms.mark(`the CSMS now offers TLS 1.2 with ${iana} only`);
      csms.disconnect(1001, 'the CSMS restarts with other TLS settings');
      const ok = await test.step(`Offer only ${iana}: does the station reconnect within ${describeSpan(csms.timing, within)}? [${rule}]`, () => connectsAfter(csms, mark, within));
      csms.mark(ok ? `the station connected with ${iana}` : `the station did not connect with ${iana}`);
      if (ok) connected.push(iana);
    }
  } finally {
    endpoint.server.setCertificate(ecdsa.certPem, ecdsa.keyPem);
  }
  const both = (pair: typeof ECDSA_PAIR | typeof RSA_PAIR): boolean => pair.every(([iana]) => connected.includes(iana));
  if (!both(ECDSA_PAIR) && !both(RSA_PAIR)) {
    throw csms.failure(rule, 'a TLS 1.2 connection with both ECDHE-ECDSA AES-GCM suites, or with both TLS_RSA AES-GCM suites, each offered alone', connected.length ? `connected only with ${connected.join(', ')}` : 'no connection with any of the four suites');
  }
});
