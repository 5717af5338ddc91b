/**
 * The reference CSMS: a small, correct CSMS with an in-memory store (store.ts). It is the
 * embedded SUT of the csms suites and what they are self-tested against; each named fault
 * (faults.ts, declared by the concern it breaks) makes it break one rule. It also serves a tiny
 * operator web UI and a JSON action API, so the http and browser operator adapters can be shown
 * working. A reference, not a product. This facade wires the concerns together: security.ts
 * (admission), boot-status.ts, authorization.ts, firmware-certs.ts (the OCPP handlers),
 * operator-actions.ts (with provisioning.ts: variables, reports, reset, network profile, triggers),
 * action-api.ts and reference-ui.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallFrame } from '../../protocol/rpc';
import { OCPP_VERSIONS } from '../../protocol/versions';
import { OcppConnection, type Reply, type RpcPolicy } from '../../transport/connection';
import { rpcPolicyOf } from '../rpc-behaviour';
import { type IncomingStation, OcppServer, type ServerTls } from '../../transport/server';
import { registerSecret } from '../../model/secrets';
import type { CsmsAction } from '../../model/csms-actions';
import { type CsmsFault, isCsmsFault } from './faults';
import { isCsmsVariant } from './variants';
import type { Handler } from './concern';
import { CsmsStore, type ReferenceData, type StationRecord } from './store';
import { Security } from './security';
import { bootStatusHandlers } from './boot-status';
import { Authorization } from './authorization';
import { firmwareCertsHandlers } from './firmware-certs';
import { firmwarePublishingHandlers } from './firmware';
import { logHandlers } from './logs';
import { OperatorActions } from './operator-actions';
import { handleActionApi } from './action-api';
import { handleUi } from './reference-ui';
import { Load } from './load';

export class ReferenceCsms {
  readonly server: OcppServer;
  readonly faults: ReadonlySet<CsmsFault>;
  /** Its legal variations (harness/sims/csms/variants.ts). */
  readonly variants: ReadonlySet<string>;
  /** How it answers frames that are not proper CALLs (harness/sims/rpc-behaviour.ts). */
  private readonly rpc: Readonly<RpcPolicy>;
  private readonly store: CsmsStore;
  private readonly security: Security;
  private readonly handlers = new Map<string, Handler>();
  private readonly actions: OperatorActions;
  private readonly load: Load;

  /** Its second listener, one security profile up (opts.upgradeTls: wss:// next to a ws:// server), for security profile upgrades (A05). */
  readonly upgradeServer?: OcppServer;

  constructor(readonly data: ReferenceData, faults: string[] = [], opts: { host?: string; port?: number; tls?: ServerTls; variants?: string[]; untrustedTls?: Pick<ServerTls, 'certPem' | 'keyPem'>; rsaTls?: { certPem: string; keyPem: string }; upgradeTls?: ServerTls } = {}) {
    const unknown = faults.filter((f) => !isCsmsFault(f));
    if (unknown.length) throw new Error(`unknown CSMS fault(s): ${unknown.join(', ')}`);
    const variants = opts.variants ?? [];
    const unknownVariants = variants.filter((v) => !isCsmsVariant(v));
    if (unknownVariants.length) throw new Error(`unknown CSMS variant(s): ${unknownVariants.join(', ')}`);
    this.faults = new Set(faults as CsmsFault[]);
    this.variants = new Set(variants);
    // Variations set the concerns' knobs first, faults after (concern.ts policyFor).
    const active: ReadonlySet<string> = new Set([...variants, ...faults]);
    for (const p of Object.values(data.passwords ?? {})) registerSecret(p);
    registerSecret(data.uiPassword);
    this.store = new CsmsStore(data);
    this.rpc = rpcPolicyOf(active);
    this.security = new Security(this.store, active);
    const authorization = new Authorization(this.store, active);
    for (const concern of [bootStatusHandlers(this.store, active), authorization.handlers, firmwareCertsHandlers(active), firmwarePublishingHandlers(active), logHandlers(active)]) {
      for (const [action, handler] of Object.entries(concern)) {
        if (this.handlers.has(action)) throw new Error(`two concerns of the reference CSMS handle ${action}`);
        this.handlers.set(action, handler);
      }
    }
    this.actions = new OperatorActions(this.store, authorization, active);
    this.load = new Load(active);
    this.server = this.listener(opts.port, this.security.serverTls(opts.tls, opts.untrustedTls, opts.rsaTls), opts.host);
    if (opts.upgradeTls) this.upgradeServer = this.listener(0, this.security.serverTls(opts.upgradeTls, opts.untrustedTls, opts.rsaTls), opts.host);
  }

  private listener(port: number | undefined, tls: ServerTls | undefined, host?: string): OcppServer {
    const server = new OcppServer({
      versions: [...OCPP_VERSIONS], host, port, tls,
      pickProtocol: this.security.pickProtocol, keepUnagreed: !this.security.closesUnagreed,
      onHttp: (req, res) => { void this.onHttp(req, res); },
    });
    server.admit = (stationId, authorization, info) => this.security.admit(stationId, authorization, info, server.requestsClientCert);
    server.on('station', (s: IncomingStation) => this.onStation(s));
    return server;
  }

  async start(): Promise<this> { await this.server.listen(); await this.upgradeServer?.listen(); return this; }
  async stop(): Promise<void> { await this.upgradeServer?.close(); await this.server.close(); }
  get url(): string { return this.server.baseUrl; }
  /** The URL one security profile up (undefined: no such listener). */
  get upgradeUrl(): string | undefined { return this.upgradeServer?.baseUrl; }
  get httpUrl(): string { return this.url.replace(/^ws/, 'http').replace(/\/ocpp$/, ''); }
  /** The stations that have connected (the operator UI lists them). */
  get stations(): ReadonlyMap<string, StationRecord> { return this.store.stations; }

  /** Stations connected now. */
  get connected(): number { let n = 0; for (const r of this.store.stations.values()) if (r.conn) n++; return n; }

  /** Starts an operator action: the request goes out now, the station's answer is not awaited. */
  perform(action: CsmsAction): void { this.actions.perform(action); }

  private onStation(s: IncomingStation): void {
    const rec = this.store.station(s.stationId);
    this.security.endReplaced(rec);
    rec.version = s.version;
    rec.pendingDone = false;
    rec.tls = s.tls;
    const conn = new OcppConnection(s.ws, { version: s.version, idPrefix: 'ref-', callTimeoutMs: this.data.messageTimeout * this.data.msPerSecond, onCall: (call) => this.onCall(rec, call), rpc: this.rpc });
    rec.conn = conn;
    // The registration outlives the connection: a station that reconnects without rebooting stays Accepted.
    conn.on('close', () => { if (rec.conn === conn) rec.conn = undefined; });
  }

  private async onCall(rec: StationRecord, call: CallFrame): Promise<Reply> {
    const refused = this.security.screen(rec, call);
    if (refused) return refused;
    if (this.load.drops(call.action, this.connected)) return { silent: true };
    const handle = this.handlers.get(call.action);
    // A known action it does not support (unknown ones never reach here: the connection answers NotImplemented).
    if (!handle) return { error: { code: 'NotSupported', description: `the reference CSMS does not support ${call.action}` } };
    return handle(rec, call.payload, rec.version!);
  }

  /** HTTP requests that are no WebSocket upgrade: the action API, the operator UI, else 426. */
  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (await handleActionApi((action) => this.perform(action), req, res)) return;
      if (await handleUi(this, req, res)) return;
      res.writeHead(426, { 'content-type': 'text/plain' }).end('OCPP-J: WebSocket upgrade required\n');
    } catch (e) {
      if (!res.headersSent) res.writeHead(409, { 'content-type': 'text/plain' });
      res.end((e as Error).message);
    }
  }
}
