/**
 * Another listener of the harness CSMS, next to its main one, for the cases that move a station
 * to a new NetworkConnectionProfile (2.0.1 A05, B09, B10; 1.6 security whitepaper A05): another
 * port, possibly another security profile (wss:// with the run's test CA, or with a server
 * certificate from another root: "new CSMS root"), or one that refuses every connection (the
 * fallback cases). A station that connects to it joins the main endpoint's session and the
 * case's journal (`csms.session.via` names the listener); each refusal is a journal event, so a
 * case can count the station's attempts.
 */
import type { JournalEntry } from '../../transport/journal';
import { OcppServer } from '../../transport/server';
import type { OcppVersion } from '../../protocol/versions';
import type { CsmsEndpoint } from './scripted-csms';

export interface ExtraEndpointSpec {
  /** 0/1: ws://; 2: wss:// (server certificate only); 3 is not offered (no second client-certificate set-up). */
  securityProfile: 0 | 1 | 2;
  /** Who issued the wss:// server certificate: the CA the station was given ('same'), or another root the case installs first ('other'). */
  root?: 'same' | 'other';
  /** Refuses every connection (HTTP 503 on the upgrade): a profile the station cannot reach. */
  refuse?: boolean;
}

/** The server certificates the fixture hands over (harness/services/test-pki.ts). */
export interface ExtraEndpointCerts { same: { certPem: string; keyPem: string }; other: { certPem: string; keyPem: string }; otherRootPem: string }

export class ExtraEndpoint {
  readonly server: OcppServer;
  readonly label: string;
  refusing: boolean;

  constructor(main: CsmsEndpoint, readonly spec: ExtraEndpointSpec, certs: ExtraEndpointCerts, opts: { versions: OcppVersion[]; host?: string; index: number }) {
    const cert = spec.root === 'other' ? certs.other : certs.same;
    this.server = new OcppServer({
      versions: opts.versions, host: opts.host,
      ...(spec.securityProfile >= 2 ? { tls: { certPem: cert.certPem, keyPem: cert.keyPem } } : {}),
    });
    this.refusing = !!spec.refuse;
    this.label = `CSMS endpoint #${opts.index + 2} (security profile ${spec.securityProfile}${spec.securityProfile >= 2 ? `, ${spec.root === 'other' ? 'another root' : 'the same root'}` : ''}${spec.refuse ? ', refusing connections' : ''})`;
    this.server.admit = () => (this.refusing ? { status: 503, reason: 'this endpoint refuses connections (test)' } : true);
    main.adopt(this.server, this.label);
  }

  async start(): Promise<this> { await this.server.listen(); return this; }

  /** The base URL a NetworkConnectionProfile names (ocppCsmsUrl): the station appends its identity. */
  get url(): string { return this.server.baseUrl; }

  /** Refusals of this listener in the journal since `after` (failed TLS handshakes and refused upgrades: the station's failed attempts). */
  refusals(entries: readonly JournalEntry[], after?: { seq: number }): JournalEntry[] {
    return entries.filter((e) => (!after || e.seq > after.seq) && e.kind === 'event' && e.source === 'connection' && e.text.startsWith(`${this.label} refused`));
  }

  async close(): Promise<void> { await this.server.close(); }
}
