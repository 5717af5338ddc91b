/**
 * Connection admission and security of the reference CSMS: the TLS floor, the subprotocol,
 * client certificates (profile 3), HTTP Basic auth (profile 1/2), the certificate CN against
 * the serial number at boot, and the SecurityError for anything but a boot before acceptance.
 */
import { constants } from 'node:crypto';
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import type { ServerTls, TlsInfo } from '../../transport/server';
import { basicAuthOf } from '../../model/secrets';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, both, policyFor } from './concern';
import type { CsmsStore, Registration, StationRecord } from './store';
import { formerPassword } from './password-update';
import { SecurityProfiles, listenerProfile } from './security-upgrade';

export const SECURITY_FAULTS = {
  'boot.allowsCallsWhilePending': { description: 'answers a StatusNotification from a Pending station normally instead of CALLERROR SecurityError', rules: { '2.0.1': ['B02.FR.09'] } },
  'boot.allowsCallsWhileRejected': { description: 'answers a StatusNotification from a Rejected station normally instead of CALLERROR SecurityError', rules: { '2.0.1': ['B03.FR.07'] } },
  'subprotocol.acceptsUnknown': { description: 'completes the WebSocket handshake with a subprotocol it does not support', rules: both(['1.6J§3.2'], ['Part4§3.2']) },
  'connection.refusesReconnect': { description: 'refuses (403) a station\'s new connection while its previous one still looks open (a link gone half-open): the station stays locked out', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), should: true },
  'subprotocol.staysOpen': { description: 'agreeing to no subprotocol, completes the handshake without one but leaves the connection open', rules: both(['1.6J§3.2'], ['Part4§3.2']) },
  'basicauth.rejectsValidPassword': { description: 'expects the Basic auth password base64-encoded once more (A00.FR.205 says plain UTF-8; 1.6: the AuthorizationKey bytes) and refuses a valid station', rules: both(['1.6J§3.2'], ['A00.FR.207', 'A00.FR.324']), should: ['1.6'] },
  'basicauth.ignoresUsername': { description: 'accepts Basic credentials whose user name is not the station id of the URL', rules: { '2.0.1': ['A00.FR.207', 'A00.FR.324'] } },
  'basicauth.acceptsWrongPassword': { description: 'accepts any Basic auth password for a known station', rules: { '2.0.1': ['A00.FR.207', 'A00.FR.324'] } },
  'basicauth.acceptsNoCredentials': { description: 'upgrades a connection without an Authorization header for a station that has a password (security profile 1/2)', rules: both(['A00.FR.002'], ['A00.FR.002', 'A00.FR.207', 'A00.FR.324']) },
  'tls.untrustedServerCert': { description: 'presents a TLS server certificate from a CA other than the operator\'s (its stations cannot validate it)', rules: both(['A00.FR.306'], ['A00.FR.307']) },
  'tls.allowsOldTls': { description: 'accepts TLS 1.0 / 1.1 connections', rules: { '2.0.1': ['A00.FR.315'] } },
  'mtls.acceptsUnknownCa': { description: 'accepts a client certificate that does not chain to its CA', rules: both(['A00.FR.407'], ['A00.FR.407']) },
  'mtls.acceptsNoCert': { description: 'accepts a profile-3 connection without a client certificate', rules: both(['A00.FR.407'], ['A00.FR.407']) },
  'mtls.acceptsWrongStationId': { description: 'does not compare the client certificate CN with the serial number in the BootNotification', rules: both(['A00.FR.405'], ['B01.FR.12']) },
  'mtls.demandsBasicAuth': { description: 'at security profile 3 also demands HTTP Basic credentials and refuses a station that authenticates with its client certificate only', rules: both(['A00.FR.001'], ['A00.FR.001']) },
  'tls.ecdsaOnly': { description: 'serves only its ECDSA certificate, so the TLS_RSA suites cannot be negotiated', rules: both(['A00.FR.317', 'A00.FR.421'], ['A00.FR.318', 'A00.FR.421']) },
  'tls.missingSuite': { description: 'leaves TLS_RSA_WITH_AES_256_GCM_SHA384 out of its cipher list', rules: both(['A00.FR.317', 'A00.FR.421'], ['A00.FR.318', 'A00.FR.421']) },
  'mtls.checksUrlIdInsteadOfSerial': { description: 'compares the client certificate CN with the station id of the URL instead of the serial number, refusing a valid station', rules: both(['A00.FR.403', 'A00.FR.405'], ['A00.FR.403', 'A00.FR.405']) },
} satisfies Record<string, FaultSpec>;

interface SecurityPolicy {
  /** The server certificate: its CSMS certificate (A00.FR.307), or one from another CA (given to the reference as `untrustedTls`). */
  serverCertificate: 'csms' | 'untrusted';
  /** Its CSMS certificates: ECDSA and RSA (A00.FR.318's note: two certificates for the four suites), or the ECDSA one alone. */
  serverKeys: 'both' | 'ecdsa';
  /** Its TLS 1.2 cipher list; none = Node's default, which holds the four suites of A00.FR.318. */
  suites?: string;
  /** Laid over the configured TLS settings; none = the server's floor, TLS 1.2 (A00.FR.313/315). */
  tls: Pick<ServerTls, 'minVersion' | 'ciphers'>;
  /** Chooses among subprotocols it does not support; none = only 1.6 / 2.0.1 are accepted. */
  pickProtocol?: (offered: Set<string>) => string | false;
  /** Agreeing to no subprotocol, it closes the connection after the handshake (Part 4 / OCPP-J 1.6 §3.2). */
  closesUnagreed: boolean;
  /** Profile 3 (A00.FR.403/407): a connection needs a client certificate, and one that chains to the CA. */
  needsClientCert: boolean;
  needsTrustedClientCert: boolean;
  /** At connect, the client certificate's CN must be the station id of the URL (a misreading of A00.FR.511). */
  cnIsUrlStationId: boolean;
  /** At boot, the serial number must be the client certificate's CN (B01.FR.11/12). */
  cnIsSerialNumber: boolean;
  /** A00.FR.205: 2.0.1 sends the password as UTF-8, 1.6 the AuthorizationKey's bytes (hex in the configuration). */
  passwordMatches: (secret: Buffer, password: string) => boolean;
  /** A00.FR.204: the Basic user name is the station id. */
  checksUserName: boolean;
  /** Profile 1/2 (A00.FR.207/324): a station with a password that sends no Authorization header is refused. */
  needsCredentials: boolean;
  /** Profile 3: HTTP Basic demanded as well as the client certificate (no part of profile 3, A00.FR.001). */
  basicAtProfile3: boolean;
  checksPassword: boolean;
  /** Whether a Pending (B02.FR.09) / Rejected (B03.FR.07) station may send more than BootNotification. */
  openToPending: boolean;
  openToRejected: boolean;
  /** A station connects while its previous connection is still open: the old one is dropped (terminate) or closed with a close frame (close). */
  replacedConnection: 'terminate' | 'close';
  /** Refuses a station's new connection while its previous one still looks open (a robustness fault). */
  refusesWhileConnected: boolean;
}

const CLEAN: SecurityPolicy = {
  serverCertificate: 'csms',
  serverKeys: 'both',
  tls: {},
  pickProtocol: undefined,
  closesUnagreed: true,
  needsClientCert: true,
  needsTrustedClientCert: true,
  cnIsUrlStationId: false,
  cnIsSerialNumber: true,
  passwordMatches: (secret, password) => {
    const hex = /^([0-9a-fA-F]{2})+$/.test(password) ? Buffer.from(password, 'hex') : undefined;
    return secret.equals(Buffer.from(password, 'utf8')) || (!!hex && secret.equals(hex));
  },
  checksUserName: true,
  needsCredentials: true,
  basicAtProfile3: false,
  checksPassword: true,
  openToPending: false,
  openToRejected: false,
  replacedConnection: 'terminate',
  refusesWhileConnected: false,
};

/** Legal variations of admission (harness/sims/variant-spec.ts). */
export const SECURITY_VARIANTS = {
  'connection.closesReplaced': {
    description: 'when a station connects again while its previous connection is still open, closes the old connection with a WebSocket close frame (1000, "replaced") instead of dropping it',
    allowedBy: 'OCPP-J 1.6 §3 / 2.0.1 Part 4 §3-§5: one connection per station identity; how the CSMS ends a stale one is not specified (RFC 6455 §7: either end may close with a close frame)',
    versions: ['1.6', '2.0.1'],
    sets: { replacedConnection: 'close' },
  },
} satisfies VariantTable<SecurityPolicy>;

const BREAKS = {
  'boot.allowsCallsWhilePending': { openToPending: true },
  'boot.allowsCallsWhileRejected': { openToRejected: true },
  'subprotocol.acceptsUnknown': { pickProtocol: (offered) => [...offered][0] ?? false },
  'subprotocol.staysOpen': { closesUnagreed: false },
  'connection.refusesReconnect': { refusesWhileConnected: true },
  // The misreading: the password base64-encoded once more.
  'basicauth.rejectsValidPassword': { passwordMatches: (secret, password) => secret.toString('utf8') === Buffer.from(password, 'utf8').toString('base64') },
  'basicauth.ignoresUsername': { checksUserName: false },
  'basicauth.acceptsWrongPassword': { checksPassword: false },
  'basicauth.acceptsNoCredentials': { needsCredentials: false },
  'mtls.demandsBasicAuth': { basicAtProfile3: true },
  'tls.ecdsaOnly': { serverKeys: 'ecdsa' },
  'tls.missingSuite': { suites: `${constants.defaultCipherList}:!AES256-GCM-SHA384` },
  'tls.untrustedServerCert': { serverCertificate: 'untrusted' },
  'tls.allowsOldTls': { tls: { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } },
  'mtls.acceptsUnknownCa': { needsTrustedClientCert: false },
  'mtls.acceptsNoCert': { needsClientCert: false },
  'mtls.acceptsWrongStationId': { cnIsSerialNumber: false },
  'mtls.checksUrlIdInsteadOfSerial': { cnIsUrlStationId: true },
} satisfies Breaks<SecurityPolicy, keyof typeof SECURITY_FAULTS>;

const securityError = (description: string): Reply => ({ error: { code: 'SecurityError', description } });

export class Security {
  private readonly policy: SecurityPolicy;

  /** The profile each station has reached (A05: no lower profile after an upgrade). */
  private readonly profiles: SecurityProfiles;

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, SECURITY_VARIANTS);
    this.profiles = new SecurityProfiles(active);
  }

  /** Ends the previous connection of a station that connected again. */
  endReplaced(rec: StationRecord): void {
    if (!rec.conn) return;
    if (this.policy.replacedConnection === 'close' && rec.conn.isOpen) rec.conn.close(1000, 'replaced by a new connection');
    else rec.conn.terminate();
  }

  /**
   * The server's TLS settings from the configured ones (undefined: plain ws://). `rsa`: its RSA
   * certificate, served next to the configured (ECDSA) one, as the four suites need (A00.FR.318).
   */
  serverTls(tls: ServerTls | undefined, untrusted?: Pick<ServerTls, 'certPem' | 'keyPem'>, rsa?: { certPem: string; keyPem: string }): ServerTls | undefined {
    if (!tls) return undefined;
    const both = rsa && this.policy.serverKeys === 'both' ? { certPem: [tls.certPem, rsa.certPem].flat(), keyPem: [tls.keyPem, rsa.keyPem].flat() } : {};
    const identity = this.policy.serverCertificate === 'untrusted' && untrusted ? { certPem: untrusted.certPem, keyPem: untrusted.keyPem } : both;
    return { ...tls, ...identity, ...(this.policy.suites ? { ciphers: this.policy.suites } : {}), ...this.policy.tls };
  }
  get pickProtocol(): SecurityPolicy['pickProtocol'] { return this.policy.pickProtocol; }
  get closesUnagreed(): boolean { return this.policy.closesUnagreed; }

  /**
   * Whether the WebSocket upgrade is let in; `clientCertAsked`: the server asks for client
   * certificates (profile 3). A station that has connected at a higher profile than this
   * listener's is refused (2.0.1 A05.FR.07, whitepaper A05.FR.09).
   */
  admit(stationId: string, authorization: string | undefined, tls: TlsInfo | undefined, clientCertAsked: boolean): true | { status: 401 | 403; reason: string } {
    const profile = listenerProfile(!!tls, clientCertAsked);
    const locked = this.profiles.refuses(stationId, profile);
    if (locked) return locked;
    const admitted = this.admitAtProfile(stationId, authorization, tls, clientCertAsked);
    if (admitted === true) this.profiles.connected(stationId, profile);
    return admitted;
  }

  private admitAtProfile(stationId: string, authorization: string | undefined, tls: TlsInfo | undefined, clientCertAsked: boolean): true | { status: 401 | 403; reason: string } {
    const p = this.policy;
    if (p.refusesWhileConnected && this.store.stations.get(stationId)?.conn?.isOpen) return { status: 403, reason: 'station already connected' };
    if (tls && clientCertAsked) {
      const c = tls.clientCert;
      if (!c && p.needsClientCert) return { status: 403, reason: 'no client certificate' };
      if (c && !c.authorized && p.needsTrustedClientCert) return { status: 403, reason: 'client certificate not trusted' };
      if (p.cnIsUrlStationId && c?.subjectCn !== stationId) return { status: 403, reason: 'certificate CN is not the station id' };
      // Profile 3: the client certificate authenticates the station (2.0.1 Table 11 / 1.6 whitepaper Table 2); HTTP Basic is no part of it.
      if (p.basicAtProfile3 && !basicAuthOf(authorization)) return { status: 401, reason: 'no HTTP Basic credentials' };
      return true;
    }
    // An unknown station is let in and then Rejected at boot (B03); with security profile 1 it would be refused here.
    const password = this.store.data.passwords?.[stationId];
    if (!this.store.knows(stationId) || !password) return true;
    const given = basicAuthOf(authorization);
    if (!given) return p.needsCredentials ? { status: 401, reason: 'no HTTP Basic credentials' } : true;
    const former = formerPassword(this.store, stationId);
    const accepted = p.passwordMatches(given.secret, password) || (!!former && p.passwordMatches(given.secret, former));
    if (given.user !== stationId && p.checksUserName) return { status: 401, reason: 'user name is not the station id' };
    if (!accepted && p.checksPassword) return { status: 401, reason: 'wrong credentials' };
    return true;
  }

  private openTo(r: Registration): boolean {
    return r === 'Accepted' || (r === 'Pending' && this.policy.openToPending) || (r === 'Rejected' && this.policy.openToRejected);
  }

  /**
   * A CALL refused before any handler sees it: anything but a boot before the station is
   * Accepted; a boot whose serial number is not its client certificate's CN (the connection
   * is then closed). Undefined when the call may be handled.
   */
  screen(rec: StationRecord, call: CallFrame): Reply | undefined {
    if (call.action !== 'BootNotification') {
      if (rec.registration && this.openTo(rec.registration)) return undefined;
      // B02.FR.09: only an unrequested message is refused; a NotifyReport answers the CSMS's own GetBaseReport.
      if (rec.registration === 'Pending' && call.action === 'NotifyReport' && rec.reportRequestId !== undefined && call.payload.requestId === rec.reportRequestId) return undefined;
      return securityError(`station is ${rec.registration ?? 'not booted'}; only BootNotification is allowed`);
    }
    const cn = rec.tls?.clientCert?.subjectCn;
    const p = call.payload;
    const serial = rec.version === '1.6' ? p.chargePointSerialNumber : (p.chargingStation as { serialNumber?: string } | undefined)?.serialNumber;
    if (cn === undefined || serial === cn || !this.policy.cnIsSerialNumber) return undefined;
    setTimeout(() => rec.conn?.close(1008, 'serial number does not match the client certificate'), 10);
    return securityError('serial number does not match the client certificate');
  }
}
