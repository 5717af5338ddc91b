/**
 * The four TLS 1.2 cipher suites a CSMS must support (2.0.1 A00.FR.318 / A00.FR.421, 1.6
 * whitepaper A00.FR.317 / A00.FR.421), checked one at a time: a TLS handshake alone, as a
 * station opens it, offering TLS 1.2 and exactly one suite. TLS 1.3 is left aside (its suites
 * are not the ones listed). The server certificate is not judged here (TC_A_04/08_CSMS do):
 * only whether the CSMS completes the handshake with that suite.
 */
import { connect } from 'node:tls';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import { ms } from '../../../harness/model/timing';

/** IANA name and OpenSSL name of each suite the text lists. */
export const REQUIRED_SUITES = [
  ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256'],
  ['TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE-ECDSA-AES256-GCM-SHA384'],
  ['TLS_RSA_WITH_AES_128_GCM_SHA256', 'AES128-GCM-SHA256'],
  ['TLS_RSA_WITH_AES_256_GCM_SHA384', 'AES256-GCM-SHA384'],
] as const;

type Probe = { ok: true; cipher: string; version: string } | { ok: false; reason: string };

/** One TLS 1.2 handshake with the CSMS of `url` offering only `cipher` (OpenSSL name). Never throws. */
function handshake(url: string, cipher: string, opts: { ca?: string; clientCert?: { certPem: string; keyPem: string }; timeoutMs: number }): Promise<Probe> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || 443);
  return new Promise<Probe>((resolve) => {
    let settled = false;
    const done = (p: Probe): void => { if (!settled) { settled = true; clearTimeout(timer); sock.destroy(); resolve(p); } };
    const sock = connect({
      host, port, servername: /^[\d.]+$|:/.test(host) ? undefined : host,
      minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: cipher,
      ca: opts.ca, ...(opts.clientCert ? { cert: opts.clientCert.certPem, key: opts.clientCert.keyPem } : {}),
      // The suite is judged, not the certificate: the handshake completes whatever the chain.
      rejectUnauthorized: false,
    }, () => {
      const c = sock.getCipher();
      done({ ok: true, cipher: c.standardName ?? c.name, version: sock.getProtocol() ?? c.version });
    });
    const timer = setTimeout(() => done({ ok: false, reason: `no TLS handshake within ${opts.timeoutMs} ms` }), opts.timeoutMs);
    // OpenSSL's "…:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/…" read as "sslv3 alert handshake failure".
    sock.on('error', (e: Error & { code?: string }) => done({ ok: false, reason: `${e.message.replace(/^.*SSL routines:[^:]*:/s, '').replace(/:\.\.?\/.*$/s, '')}${e.code ? ` (${e.code})` : ''}` }));
    sock.on('close', () => done({ ok: false, reason: 'the CSMS closed the connection during the handshake' }));
  });
}

/**
 * Requires a TLS 1.2 handshake with each required suite offered alone; every refused suite is
 * named in one failure quoting `rule`. Each handshake is a step of the report.
 */
export async function expectCipherSuites(station: ScriptedStation, opts: { url: string; rule: string; ca?: string; clientCert?: { certPem: string; keyPem: string } }): Promise<void> {
  const refused: string[] = [];
  for (const [iana, openssl] of REQUIRED_SUITES) {
    await station.steps(`TLS 1.2 handshake offering only ${iana}: the CSMS must complete it [${opts.rule}]`, async () => {
      const r = await handshake(opts.url, openssl, { ca: opts.ca, clientCert: opts.clientCert, timeoutMs: ms(station.timing, station.timing.messageTimeout) + station.timing.slackMs });
      station.mark(r.ok ? `TLS handshake offering only ${iana}: ${r.version}, ${r.cipher}` : `TLS handshake offering only ${iana} refused: ${r.reason}`);
      if (!r.ok) refused.push(`${iana}: ${r.reason}`);
      else if (r.cipher !== iana && r.cipher !== openssl) refused.push(`${iana}: the CSMS negotiated ${r.cipher}, which was not offered`);
    });
  }
  if (refused.length) throw station.failure(opts.rule, `a TLS 1.2 handshake with each of ${REQUIRED_SUITES.map(([n]) => n).join(', ')} offered alone`, `refused for ${refused.join('; ')}`);
}
