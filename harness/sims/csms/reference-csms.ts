/**
 * The reference CSMS: a small, correct CSMS with an in-memory store (stations, tokens with
 * statuses and groups, transactions, local lists, firmware campaigns). It is the embedded SUT
 * of the csms suites and what they are self-tested against; each named fault (faults.ts)
 * makes it break one rule. It also serves a tiny operator web UI and a JSON action API, so the
 * http and browser operator adapters can be shown working. A reference, not a product.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import { OCPP_VERSIONS } from '../../protocol/versions';
import { OcppConnection, type Reply } from '../../transport/connection';
import { type IncomingStation, OcppServer, type ServerTls, type TlsInfo } from '../../transport/server';
import { basicAuthOf, registerSecret } from '../../model/secrets';
import { type CsmsFault, isCsmsFault } from './faults';
import { type CsmsAction, checkCsmsAction } from '../../model/csms-actions';
import { handleUi } from './reference-ui';
import { makeCsr, signCsr } from '../../services/test-pki';

export type TokenStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';
export interface TokenRecord { status: TokenStatus; groupId?: string; expiry?: string }

/** What the CSMS knows before the run (the same facts a real CSMS under test is configured with). */
export interface ReferenceData {
  /** Stations it accepts. */
  stations: string[];
  /** Also accepts every station whose id starts with this (fleet runs). */
  acceptPrefix?: string;
  /** Stations whose first boot on each connection it answers Pending. */
  pending: string[];
  tokens: Record<string, TokenRecord>;
  /** Station passwords (security profile 1); a station without one connects without Basic auth. */
  passwords?: Record<string, string>;
  firmware: { signingCertificate: string; signature: string };
  /** Spec seconds: heartbeat interval given with Accepted, retry interval with Pending / Rejected. */
  heartbeatInterval: number;
  retryInterval: number;
  /** Spec seconds after which a reply counts as late (fault reply.late), and real ms per spec second. */
  messageTimeout: number;
  msPerSecond: number;
  /** Operator web UI login (a secret). */
  uiPassword?: string;
}

interface StationRecord {
  id: string;
  version?: OcppVersion;
  conn?: OcppConnection;
  registration?: 'Accepted' | 'Pending' | 'Rejected';
  localListVersion: number;
  /** The pending station got its Pending on this connection already. */
  pendingDone?: boolean;
  /** TLS facts of the current connection (profile 3: the client certificate). */
  tls?: TlsInfo;
  /** Tokens this station sent in an Authorize (fault tx.rejectsUnauthorizedStart). */
  authorized: Set<string>;
  status: Map<string, string>;
  firmwareStatus?: string;
}

interface TransactionRecord { stationId: string; id: string; idToken?: string; started: string; ended?: string }

export class ReferenceCsms {
  readonly server: OcppServer;
  readonly faults: ReadonlySet<CsmsFault>;
  readonly stations = new Map<string, StationRecord>();
  readonly transactions = new Map<string, TransactionRecord>();
  private nextTxId = 1;
  private nextRequestId = 1;

  constructor(readonly data: ReferenceData, faults: string[] = [], opts: { host?: string; port?: number; tls?: ServerTls } = {}) {
    const unknown = faults.filter((f) => !isCsmsFault(f));
    if (unknown.length) throw new Error(`unknown CSMS fault(s): ${unknown.join(', ')}`);
    this.faults = new Set(faults as CsmsFault[]);
    for (const p of Object.values(data.passwords ?? {})) registerSecret(p);
    registerSecret(data.uiPassword);
    this.server = new OcppServer({
      versions: [...OCPP_VERSIONS], host: opts.host, port: opts.port,
      // A00.FR.313/315: TLS 1.2 or above only (the fault tls.allowsOldTls lets 1.0 / 1.1 in).
      tls: opts.tls && (this.faults.has('tls.allowsOldTls') ? { ...opts.tls, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } : opts.tls),
      pickProtocol: this.has('subprotocol.acceptsUnknown') ? (offered) => [...offered][0] ?? false : undefined,
      onHttp: (req, res) => { void this.onHttp(req, res); },
    });
    this.server.admit = (stationId, authorization, tls) => this.admit(stationId, authorization, tls);
    this.server.on('station', (s: IncomingStation) => this.onStation(s));
  }

  has(f: CsmsFault): boolean { return this.faults.has(f); }
  async start(): Promise<this> { await this.server.listen(); return this; }
  stop(): Promise<void> { return this.server.close(); }
  get url(): string { return this.server.baseUrl; }
  get httpUrl(): string { return this.url.replace(/^ws/, 'http').replace(/\/ocpp$/, ''); }

  private admit(stationId: string, authorization: string | undefined, tls?: TlsInfo): true | { status: 401 | 403; reason: string } {
    // Profile 3 (A00.FR.403/407): a client certificate that chains to the CA, or no connection.
    if (tls && this.server.requestsClientCert) {
      const c = tls.clientCert;
      if (!c && !this.has('mtls.acceptsNoCert')) return { status: 403, reason: 'no client certificate' };
      if (c && !c.authorized && !this.has('mtls.acceptsUnknownCa')) return { status: 403, reason: 'client certificate not trusted' };
      if (this.has('mtls.checksUrlIdInsteadOfSerial') && c?.subjectCn !== stationId) return { status: 403, reason: 'certificate CN is not the station id' };
    }
    const known = this.knows(stationId);
    // An unknown station is let in and then Rejected at boot (B03); with security profile 1 it would be refused here.
    const password = this.data.passwords?.[stationId];
    if (!known || !password) return true;
    const given = basicAuthOf(authorization);
    if (!given) return { status: 401, reason: 'no HTTP Basic credentials' };
    // A00.FR.204: user = the station id; A00.FR.205: 2.0.1 sends the password as UTF-8, 1.6 the AuthorizationKey's bytes.
    const { user, secret } = given;
    const hex = /^([0-9a-fA-F]{2})+$/.test(password) ? Buffer.from(password, 'hex') : undefined;
    const accepted = this.has('basicauth.rejectsValidPassword')
      ? secret.toString('utf8') === Buffer.from(password, 'utf8').toString('base64') // the misreading: password base64-encoded once more
      : secret.equals(Buffer.from(password, 'utf8')) || (!!hex && secret.equals(hex));
    if (user !== stationId && !this.has('basicauth.ignoresUsername')) return { status: 401, reason: 'user name is not the station id' };
    if (!accepted && !this.has('basicauth.acceptsWrongPassword')) return { status: 401, reason: 'wrong credentials' };
    return true;
  }

  knows(stationId: string): boolean {
    return this.data.stations.includes(stationId) || this.data.pending.includes(stationId) || (!!this.data.acceptPrefix && stationId.startsWith(this.data.acceptPrefix));
  }

  private record(id: string): StationRecord {
    let r = this.stations.get(id);
    if (!r) { r = { id, localListVersion: 0, status: new Map(), authorized: new Set() }; this.stations.set(id, r); }
    return r;
  }

  private onStation(s: IncomingStation): void {
    const rec = this.record(s.stationId);
    rec.conn?.terminate();
    rec.version = s.version;
    rec.pendingDone = false;
    rec.tls = s.tls;
    const conn = new OcppConnection(s.ws, { version: s.version, idPrefix: 'ref-', callTimeoutMs: this.data.messageTimeout * this.data.msPerSecond, onCall: (call) => this.onCall(rec, call) });
    rec.conn = conn;
    // The registration outlives the connection: a station that reconnects without rebooting stays Accepted.
    conn.on('close', () => { if (rec.conn === conn) rec.conn = undefined; });
  }

  private async onCall(rec: StationRecord, call: CallFrame): Promise<Reply> {
    const v = rec.version!;
    const p = call.payload;
    const now = (): string => new Date().toISOString();
    if (call.action !== 'BootNotification' && rec.registration !== 'Accepted') {
      // B02.FR.09 / B03.FR.07: before it is Accepted a station may only boot; anything else is a SecurityError.
      if (!(this.has('boot.allowsCallsWhilePending') && rec.registration === 'Pending')) {
        return { error: { code: 'SecurityError', description: `station is ${rec.registration ?? 'not booted'}; only BootNotification is allowed` } };
      }
    }
    switch (call.action) {
      case 'BootNotification': {
        // B01.FR.11/12 (profile 3): the serial number must be the one in the certificate's CN, or the connection is closed.
        const cn = rec.tls?.clientCert?.subjectCn;
        const serial = v === '1.6' ? p.chargePointSerialNumber : (p.chargingStation as { serialNumber?: string } | undefined)?.serialNumber;
        if (cn !== undefined && serial !== cn && !this.has('mtls.acceptsWrongStationId')) {
          setTimeout(() => rec.conn?.close(1008, 'serial number does not match the client certificate'), 10);
          return { error: { code: 'SecurityError', description: 'serial number does not match the client certificate' } };
        }
        const known = this.knows(rec.id);
        let status: 'Accepted' | 'Pending' | 'Rejected' = (known && !this.has('boot.rejectsKnownStation')) || (!known && this.has('boot.acceptsUnknownStation')) ? 'Accepted' : 'Rejected';
        // The pending station: Pending on the first boot of each connection, then Accepted.
        if (status === 'Accepted' && this.data.pending.includes(rec.id) && (!rec.pendingDone || this.has('boot.pendingForever'))) { status = 'Pending'; rec.pendingDone = true; }
        rec.registration = status;
        const interval = status === 'Accepted' ? this.data.heartbeatInterval : this.data.retryInterval;
        return { payload: this.has('reply.badSchema') ? { status, interval } : { status, currentTime: now(), interval } };
      }
      case 'Heartbeat': {
        const t = this.has('heartbeat.wrongTime') ? new Date(Date.now() - 3_600_000).toISOString() : now();
        return { payload: { currentTime: t } };
      }
      case 'StatusNotification': {
        const status = String(p.status ?? p.connectorStatus);
        if (status === 'Faulted' && this.has('status.rejectsFaulted')) return { error: { code: 'InternalError', description: 'cannot store status Faulted' } };
        rec.status.set(v === '1.6' ? String(p.connectorId) : `${p.evseId}/${p.connectorId}`, status);
        return { payload: {} };
      }
      case 'Authorize': {
        if (this.has('reply.late')) await new Promise((r) => setTimeout(r, (this.data.messageTimeout + 2) * this.data.msPerSecond));
        const token = v === '1.6' ? String(p.idTag) : String((p.idToken as { idToken: string }).idToken);
        rec.authorized.add(token);
        return { payload: this.idInfo(v, token, 'authorize') };
      }
      case 'StartTransaction': {
        if (this.isOffline(String(p.timestamp)) && this.has('tx.losesOfflineTransaction')) return { error: { code: 'InternalError', description: 'transaction not found' } };
        const id = this.nextTxId++;
        this.transactions.set(String(id), { stationId: rec.id, id: String(id), idToken: String(p.idTag), started: String(p.timestamp) });
        if (this.has('tx.rejectsUnauthorizedStart') && !rec.authorized.has(String(p.idTag))) return { payload: { transactionId: id, idTagInfo: { status: 'Invalid' } } };
        return { payload: { transactionId: id, ...this.idInfo(v, String(p.idTag), 'transaction') } };
      }
      case 'StopTransaction': {
        if (this.isOffline(String(p.timestamp)) && this.has('tx.losesOfflineTransaction')) return { error: { code: 'InternalError', description: 'transaction not found' } };
        const tx = this.transactions.get(String(p.transactionId));
        if (tx) tx.ended = String(p.timestamp);
        return { payload: p.idTag ? this.idInfo(v, String(p.idTag), 'transaction') : {} };
      }
      case 'TransactionEvent': {
        if (p.offline === true && this.has('tx.losesOfflineTransaction')) return { error: { code: 'InternalError', description: 'transaction not found' } };
        const info = p.transactionInfo as { transactionId: string };
        const token = (p.idToken as { idToken?: string } | undefined)?.idToken;
        let tx = this.transactions.get(info.transactionId);
        if (!tx) { tx = { stationId: rec.id, id: info.transactionId, started: String(p.timestamp) }; this.transactions.set(tx.id, tx); }
        if (token && !tx.idToken) tx.idToken = token;
        if (p.eventType === 'Ended') tx.ended = String(p.timestamp);
        if (!token) return { payload: {} };
        if (this.has('tx.rejectsUnauthorizedStart') && !rec.authorized.has(token)) return { payload: { idTokenInfo: { status: 'Invalid' } } };
        return { payload: this.idInfo(v, token, 'transaction') };
      }
      case 'FirmwareStatusNotification': case 'SignedFirmwareStatusNotification': {
        rec.firmwareStatus = String(p.status);
        if (this.has('firmware.ignoresFailedStatus') && /Failed|Invalid/.test(rec.firmwareStatus)) return { silent: true };
        return { payload: {} };
      }
      case 'SignCertificate': {
        // A02.FR.11: Accepted when it can process the CSR, then the certificate in a CertificateSigned.
        if (this.has('cert.rejectsCsr')) return { payload: { status: 'Rejected' } };
        const csr = String(p.csr);
        setTimeout(() => { void this.sendCertificate(rec, csr); }, 10);
        return { payload: { status: 'Accepted' } };
      }
      case 'DataTransfer': return { payload: { status: 'UnknownVendorId' } };
      case 'NotifyEvent':
        if (this.has('event.rejectsNotifyEvent')) return { error: { code: 'NotImplemented', description: 'NotifyEvent is not supported' } };
        return { payload: {} };
      case 'MeterValues': case 'SecurityEventNotification': case 'NotifyReport': case 'LogStatusNotification':
      case 'DiagnosticsStatusNotification': return { payload: {} };
      default: return { error: { code: 'NotImplemented', description: `the reference CSMS does not implement ${call.action}` } };
    }
  }

  /** Issues the station's certificate for its CSR from the CA and sends it (A02 CertificateSigned). */
  private async sendCertificate(rec: StationRecord, csrPem: string): Promise<void> {
    try {
      const csr = this.has('cert.signsOtherKey') ? (await makeCsr('CN=someone-else,O=ocpp-harness')).csrPem : csrPem;
      const chain = await signCsr(csr);
      await rec.conn?.call('CertificateSigned', rec.version === '1.6' ? { certificateChain: chain } : { certificateChain: chain, certificateType: 'ChargingStationCertificate' });
    } catch { /* a CSR it cannot sign: nothing sent */ }
  }

  /** A message timestamped more than a few seconds ago was queued while offline. */
  private isOffline(timestamp: string): boolean { return Date.now() - Date.parse(timestamp) > 2 * this.data.msPerSecond + 1000; }

  /** idTagInfo (1.6) / idTokenInfo (2.0.1) for a token, as Authorize and the transaction messages give it. */
  private idInfo(v: OcppVersion, token: string, _for: 'authorize' | 'transaction'): Record<string, unknown> {
    const t = this.data.tokens[token];
    let status: string = t?.status ?? (v === '1.6' ? 'Invalid' : 'Unknown');
    if (t && t.status === 'Accepted' && t.expiry && Date.parse(t.expiry) < Date.now()) status = 'Expired';
    if (status === 'Blocked' && this.has('auth.acceptsBlockedToken')) status = 'Accepted';
    if (status === 'Expired' && this.has('auth.acceptsExpiredToken')) status = 'Accepted';
    if (!t && _for === 'authorize' && this.has('auth.acceptsUnknownToken')) status = 'Accepted';
    if (!t && _for === 'transaction' && this.has('tx.acceptsInvalidToken')) status = 'Accepted';
    const group = this.has('auth.noGroupId') ? undefined : t?.groupId;
    if (v === '1.6') return { idTagInfo: { status, ...(group ? { parentIdTag: group } : {}), ...(t?.expiry ? { expiryDate: t.expiry } : {}) } };
    return { idTokenInfo: { status, ...(group ? { groupIdToken: { idToken: group, type: 'Central' } } : {}), ...(t?.expiry ? { cacheExpiryDateTime: t.expiry } : {}) } };
  }

  // ---- operator actions ------------------------------------------------------------------

  /** Starts an operator action: the request goes out now, the station's answer is not awaited. */
  perform(action: CsmsAction): void {
    const rec = this.stations.get(action.stationId);
    if (!rec?.conn?.isOpen || !rec.version) throw new Error(`station ${action.stationId} is not connected to the reference CSMS`);
    const request = this.requestFor(rec, action);
    if (!request) return;
    void rec.conn.call(request.action, request.payload);
  }

  private requestFor(rec: StationRecord, a: CsmsAction): { action: string; payload: Record<string, unknown> } | undefined {
    const v = rec.version!;
    const info = (token: string): Record<string, unknown> => (this.idInfo(v, token, 'authorize') as Record<string, Record<string, unknown>>)[v === '1.6' ? 'idTagInfo' : 'idTokenInfo'];
    switch (a.type) {
      case 'remoteStart': {
        const evseId = this.has('remote.wrongConnector') ? a.evseId + 1 : a.evseId;
        return v === '1.6'
          ? { action: 'RemoteStartTransaction', payload: { connectorId: this.has('remote.wrongConnector') ? a.connectorId + 1 : a.connectorId, idTag: a.idToken } }
          : { action: 'RequestStartTransaction', payload: { idToken: { idToken: a.idToken, type: 'Central' }, remoteStartId: this.nextRequestId++, evseId } };
      }
      case 'remoteStop': return { action: v === '1.6' ? 'RemoteStopTransaction' : 'RequestStopTransaction', payload: { transactionId: v === '1.6' ? Number(a.transactionId) : a.transactionId } };
      case 'clearCache': return this.has('cache.neverClears') ? undefined : { action: 'ClearCache', payload: {} };
      case 'getLocalListVersion': return this.has('localList.ignoresVersionRequest') ? undefined : { action: 'GetLocalListVersion', payload: {} };
      case 'sendLocalList': {
        if (!(a.updateType === 'Differential' && this.has('localList.staleVersion'))) rec.localListVersion++;
        const version = this.has('localList.versionZero') && a.updateType === 'Full' && !a.add.length ? 0 : Math.max(1, rec.localListVersion);
        const add = a.add.map((t) => (v === '1.6'
          ? { idTag: t, ...(this.has('localList.fullWithoutInfo') && a.updateType === 'Full' ? {} : { idTagInfo: info(t) }) }
          : { idToken: { idToken: t, type: 'ISO14443' }, ...(this.has('localList.fullWithoutInfo') && a.updateType === 'Full' ? {} : { idTokenInfo: info(t) }) }));
        const removal = this.has('localList.removeAsInvalid') ? (v === '1.6' ? { idTagInfo: { status: 'Invalid' } } : { idTokenInfo: { status: 'Invalid' } }) : {};
        const remove = a.remove.map((t) => (v === '1.6' ? { idTag: t, ...removal } : { idToken: { idToken: t, type: 'ISO14443' }, ...removal }));
        const list = [...add, ...remove];
        return v === '1.6'
          ? { action: 'SendLocalList', payload: { listVersion: version, updateType: a.updateType, ...(list.length ? { localAuthorizationList: list } : {}) } }
          : { action: 'SendLocalList', payload: { versionNumber: version, updateType: a.updateType, ...(list.length ? { localAuthorizationList: list } : {}) } };
      }
      case 'updateFirmware': {
        const location = this.has('firmware.wrongLocation') ? `${a.location}.old` : a.location;
        const retrieveDateTime = new Date(Date.now() - 2 * 3600_000).toISOString();
        const signature = this.has('firmware.unsigned') ? {} : { signingCertificate: this.data.firmware.signingCertificate, signature: this.data.firmware.signature };
        if (v === '1.6' && !a.signed) return { action: 'UpdateFirmware', payload: { location, retrieveDate: retrieveDateTime } };
        const firmware = { location, retrieveDateTime, ...signature };
        return { action: v === '1.6' ? 'SignedUpdateFirmware' : 'UpdateFirmware', payload: { requestId: this.nextRequestId++, firmware } };
      }
      case 'changeAvailability': {
        const scoped = a.evseId !== undefined && !this.has('availability.wrongScope');
        const operative = this.has('availability.wrongType') ? !a.operative : a.operative;
        if (v === '1.6') {
          // 1.6 has no EVSE: connectorId 0 = the whole Charge Point.
          const index = scoped ? this.connectorIndex(a.evseId!, a.connectorId ?? 1) : 0;
          return { action: 'ChangeAvailability', payload: { connectorId: index, type: operative ? 'Operative' : 'Inoperative' } };
        }
        return { action: 'ChangeAvailability', payload: { operationalStatus: operative ? 'Operative' : 'Inoperative', ...(scoped ? { evse: { id: a.evseId, ...(a.connectorId !== undefined ? { connectorId: a.connectorId } : {}) } } : {}) } };
      }
      case 'triggerBootNotification': return { action: 'TriggerMessage', payload: { requestedMessage: 'BootNotification' } };
      case 'renewStationCertificate': return v === '1.6'
        ? { action: 'ExtendedTriggerMessage', payload: { requestedMessage: 'SignChargePointCertificate' } }
        : { action: 'TriggerMessage', payload: { requestedMessage: 'SignChargingStationCertificate' } };
    }
  }

  /** 1.6 connectorId of EVSE e connector c, with one connector per EVSE (the reference's stations). */
  private connectorIndex(evseId: number, connectorId: number): number { return evseId + connectorId - 1; }

  // ---- HTTP: action API and operator UI ----------------------------------------------------

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method === 'POST' && req.url === '/api/actions') {
        const body = await readBody(req);
        let action: unknown;
        try { action = JSON.parse(body); } catch { res.writeHead(400).end('body is not JSON'); return; }
        const problem = checkCsmsAction(action);
        if (problem) { res.writeHead(400).end(problem); return; }
        this.perform(action as CsmsAction);
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"started"}');
        return;
      }
      if (await handleUi(this, req, res)) return;
      res.writeHead(426, { 'content-type': 'text/plain' }).end('OCPP-J: WebSocket upgrade required\n');
    } catch (e) {
      if (!res.headersSent) res.writeHead(409, { 'content-type': 'text/plain' });
      res.end((e as Error).message);
    }
  }
}

export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => { size += c.length; if (size > limit) { reject(new Error('request body too large')); req.destroy(); } else chunks.push(c); });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
