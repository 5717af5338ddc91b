/**
 * The reference CSMS's in-memory store: what it knows before the run (ReferenceData: stations,
 * tokens with status, group and expiry, passwords, the firmware image's signature) and what it
 * learns from the stations (registration, connector and firmware status, local list version,
 * transactions), plus the ids it hands out (transactions, remote start and firmware requests).
 */
import type { OcppVersion } from '../../protocol/versions';
import type { OcppConnection } from '../../transport/connection';
import type { TlsInfo } from '../../transport/server';

type TokenStatus = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid';
interface TokenRecord { status: TokenStatus; groupId?: string; expiry?: string; /** 2.0.1 IdTokenEnumType (facts.tokenTypes). */ type?: string }

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
  firmware: { signingCertificate: string; signature: string; /** MD5 of the image, hex (2.0.1 L03 PublishFirmware). */ checksum?: string };
  /** Spec seconds: heartbeat interval given with Accepted, retry interval with Pending / Rejected. */
  heartbeatInterval: number;
  retryInterval: number;
  /** Spec seconds after which a reply counts as late (its own call timeout; fault reply.late), and real ms per spec second. */
  messageTimeout: number;
  msPerSecond: number;
  /** ISO 15118 (C07): the mobility operator root contract certificates chain to, whose OCSP answers it trusts. */
  contractRoot?: string;
  /** Operator web UI login (a secret). */
  uiPassword?: string;
}

export type Registration = 'Accepted' | 'Pending' | 'Rejected';

export interface StationRecord {
  id: string;
  version?: OcppVersion;
  conn?: OcppConnection;
  registration?: Registration;
  localListVersion: number;
  /** The pending station got its Pending on this connection already. */
  pendingDone?: boolean;
  /** TLS facts of the current connection (profile 3: the client certificate). */
  tls?: TlsInfo;
  /** Tokens this station sent in an Authorize (fault tx.rejectsUnauthorizedStart). */
  authorized: Set<string>;
  /** Connector status by connector (1.6 connectorId, 2.0.1 `evseId/connectorId`). */
  status: Map<string, string>;
  firmwareStatus?: string;
  /** The last log upload status it reported (logs.ts). */
  logStatus?: string;
  /** What it has of the station's inventory (variant boot.pendingUntilReport): asked for, or complete. */
  inventory?: 'requested' | 'complete';
  /** The requestId of the last GetBaseReport it sent; a NotifyReport for it is answered even while Pending (B02.FR.09: requested). */
  reportRequestId?: number;
}

interface TransactionRecord { stationId: string; id: string; idToken?: string; started: string; ended?: string }

export class CsmsStore {
  readonly stations = new Map<string, StationRecord>();
  readonly transactions = new Map<string, TransactionRecord>();
  private nextTxId = 1;
  private nextRequestId = 1;

  constructor(readonly data: ReferenceData) {}

  /** A station it accepts (configured, pending, or in the fleet prefix). */
  knows(stationId: string): boolean {
    const d = this.data;
    return d.stations.includes(stationId) || d.pending.includes(stationId) || (!!d.acceptPrefix && stationId.startsWith(d.acceptPrefix));
  }

  /** The station's record, made on its first connection. */
  station(id: string): StationRecord {
    let r = this.stations.get(id);
    if (!r) { r = { id, localListVersion: 0, status: new Map(), authorized: new Set() }; this.stations.set(id, r); }
    return r;
  }

  /** The token's configured facts; `status` is Expired once an Accepted token's expiry has passed (undefined: unknown token). */
  token(id: string): TokenRecord | undefined {
    const t = this.data.tokens[id];
    if (!t) return undefined;
    return t.status === 'Accepted' && t.expiry && Date.parse(t.expiry) < Date.now() ? { ...t, status: 'Expired' } : t;
  }

  newTransactionId(): number { return this.nextTxId++; }
  /** One sequence for remoteStartId and the firmware requestId. */
  newRequestId(): number { return this.nextRequestId++; }
}
