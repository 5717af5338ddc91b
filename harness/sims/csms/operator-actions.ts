/**
 * Operator actions of the reference CSMS: what its user starts (remote start / stop, cache,
 * local list, firmware update, availability, triggers), turned into the request it sends the
 * station. The request goes out; the station's answer is not awaited.
 */
import type { OcppVersion } from '../../protocol/versions';
import type { CsmsAction } from '../../model/csms-actions';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import type { Authorization } from './authorization';
import { type Breaks, both, policyFor } from './concern';
import type { CsmsStore, StationRecord } from './store';
import { RemoteControl } from './remote-control';
import { FirmwarePublishing } from './firmware';
import { PasswordUpdates } from './password-update';
import { ProvisioningActions } from './provisioning';
import { CertificateManagement } from './certificate-management';
import { LogRequests } from './logs';

export const OPERATOR_FAULTS = {
  'remote.wrongConnector': { description: 'sends the remote start for another EVSE / connector than the operator chose', rules: both(['1.6§5.11'], ['F01.FR.04', 'F02.FR.12']), should: true },
  'cache.neverClears': { description: 'never sends ClearCache when the operator asks', rules: both(['1.6§5.4'], ['Part2§C11']), should: ['2.0.1'] },
  'localList.fullWithoutInfo': { description: 'sends a Full local list whose entries lack idTagInfo / idTokenInfo', rules: both(['1.6§5.15', '1.6§6.41', '1.6§7.1'], ['D01.FR.01', 'D01.FR.18', 'Part2§AuthorizationData']) },
  'localList.staleVersion': { description: 'sends a Differential local list update with the version it had before', rules: both(['1.6§5.15'], ['D01.FR.01']), should: true },
  'localList.versionZero': { description: 'sends an emptied (Full, no entries) local list with versionNumber 0', rules: { '2.0.1': ['D01.FR.18'] } },
  'localList.removeAsInvalid': { description: 'removes a token from the local list by sending it with status Invalid instead of without id info', rules: both(['1.6§5.15', '1.6§7.1'], ['D01.FR.01', 'Part2§AuthorizationData']) },
  'localList.ignoresVersionRequest': { description: 'never sends GetLocalListVersion when the operator asks', rules: both(['1.6§5.10'], ['Part2§D02']), should: ['2.0.1'] },
  'availability.wrongScope': { description: 'sends ChangeAvailability for the whole station when the operator chose one EVSE or connector', rules: both(['1.6§5.2'], ['Part2§G03']), should: ['2.0.1'] },
  'availability.wrongType': { description: 'sends ChangeAvailability Operative when the operator chose Inoperative, and the other way round', rules: both(['1.6§5.2'], ['Part2§G03', 'Part2§G04']), should: ['2.0.1'] },
  'firmware.unsigned': { description: 'sends a secure firmware update without signingCertificate and signature', rules: both(['L01.FR.11'], ['L01.FR.11']) },
  'firmware.wrongLocation': { description: 'sends a firmware update for another location than the configured image', rules: both(['L01.FR.11', '1.6§5.19'], ['L01.FR.11']), should: true },
} satisfies Record<string, FaultSpec>;

interface OperatorPolicy {
  /** The EVSE (2.0.1) / connector (1.6) a remote start goes to, from the one the operator chose. */
  remoteStartTarget: (chosen: number) => number;
  sendsClearCache: boolean;
  sendsGetLocalListVersion: boolean;
  /** Local list entries of a Full update carry id info (they must). */
  fullListHasInfo: boolean;
  /** A Differential update gets a new version number (the list changed). */
  differentialBumpsVersion: boolean;
  /** D01.FR.18: an emptied list (Full, no entries) still gets a version above 0. */
  emptiedListVersionZero: boolean;
  /** The id info a removed entry carries (none: a removal is an entry without id info). */
  removedEntryInfo?: { status: 'Invalid' };
  /** ChangeAvailability goes to the EVSE / connector the operator chose (else the whole station). */
  honoursAvailabilityScope: boolean;
  invertsAvailability: boolean;
  /** The firmware location sent, from the one the operator gave. */
  firmwareLocation: (given: string) => string;
  /** Secure firmware updates carry signingCertificate and signature (L01.FR.11). */
  signsFirmware: boolean;
  /** Optional retry fields of a firmware update (retries, retryInterval), if any. */
  firmwareRetries?: { retries: number; retryInterval: number };
}

const CLEAN: OperatorPolicy = {
  remoteStartTarget: (chosen) => chosen,
  sendsClearCache: true,
  sendsGetLocalListVersion: true,
  fullListHasInfo: true,
  differentialBumpsVersion: true,
  emptiedListVersionZero: false,
  removedEntryInfo: undefined,
  honoursAvailabilityScope: true,
  invertsAvailability: false,
  firmwareLocation: (given) => given,
  signsFirmware: true,
  firmwareRetries: undefined,
};

/** Legal variations of operator actions (harness/sims/variant-spec.ts). */
export const OPERATOR_VARIANTS = {
  'firmware.withRetries': {
    description: 'sends firmware updates with the optional retries (3) and retryInterval (60 s)',
    allowedBy: '1.6 §5.19 UpdateFirmware.req / Security Whitepaper SignedUpdateFirmware.req and 2.0.1 UpdateFirmwareRequest: retries and retryInterval are optional fields the CSMS may fill (L01: the station retries the download that often)',
    versions: ['1.6', '2.0.1'],
    sets: { firmwareRetries: { retries: 3, retryInterval: 60 } },
  },
} satisfies VariantTable<OperatorPolicy>;

const BREAKS = {
  'remote.wrongConnector': { remoteStartTarget: (chosen) => chosen + 1 },
  'cache.neverClears': { sendsClearCache: false },
  'localList.fullWithoutInfo': { fullListHasInfo: false },
  'localList.staleVersion': { differentialBumpsVersion: false },
  'localList.versionZero': { emptiedListVersionZero: true },
  'localList.removeAsInvalid': { removedEntryInfo: { status: 'Invalid' } },
  'localList.ignoresVersionRequest': { sendsGetLocalListVersion: false },
  'availability.wrongScope': { honoursAvailabilityScope: false },
  'availability.wrongType': { invertsAvailability: true },
  'firmware.unsigned': { signsFirmware: false },
  'firmware.wrongLocation': { firmwareLocation: (given) => `${given}.old` },
} satisfies Breaks<OperatorPolicy, keyof typeof OPERATOR_FAULTS>;

interface Request { action: string; payload: Record<string, unknown>; onReply?: (payload: Record<string, unknown>) => void }

/** 1.6 connectorId of EVSE e connector c, with one connector per EVSE (the reference's stations). */
const connectorIndex = (evseId: number, connectorId: number): number => evseId + connectorId - 1;

export class OperatorActions {
  private readonly policy: OperatorPolicy;
  private readonly remote: RemoteControl;
  private readonly firmware: FirmwarePublishing;
  private readonly passwords: PasswordUpdates;
  private readonly provisioning: ProvisioningActions;
  private readonly certificates: CertificateManagement;
  private readonly logs: LogRequests;

  constructor(private readonly store: CsmsStore, private readonly authorization: Authorization, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, OPERATOR_VARIANTS);
    this.remote = new RemoteControl(store, active);
    this.firmware = new FirmwarePublishing(store, active);
    this.passwords = new PasswordUpdates(store, active);
    this.provisioning = new ProvisioningActions(store, active);
    this.certificates = new CertificateManagement(active);
    this.logs = new LogRequests(store, active);
  }

  /** Starts an operator action: the request goes out now, the station's answer is not awaited. */
  perform(action: CsmsAction): void {
    const rec = this.store.stations.get(action.stationId);
    if (!rec?.conn?.isOpen || !rec.version) throw new Error(`station ${action.stationId} is not connected to the reference CSMS`);
    // Provisioning and trigger (provisioning.ts): variables, reports, reset, network profile, any trigger.
    if (this.provisioning.handles(action)) { this.provisioning.perform(rec, rec.version, action); return; }
    const request = this.requestFor(rec, rec.version, action);
    if (!request) return;
    void rec.conn.call(request.action, request.payload).then((out) => { if (out.kind === 'result') request.onReply?.(out.payload); });
  }

  /** The request for an action; undefined when it sends none. */
  private requestFor(rec: StationRecord, v: OcppVersion, a: CsmsAction): Request | undefined {
    const p = this.policy;
    switch (a.type) {
      case 'remoteStart': return v === '1.6'
        ? { action: 'RemoteStartTransaction', payload: { ...(this.remote.namesStartConnector ? { connectorId: p.remoteStartTarget(a.connectorId) } : {}), idTag: this.remote.idTag(a.idToken) } }
        : { action: 'RequestStartTransaction', payload: { idToken: this.remote.idToken(a.idToken), remoteStartId: this.store.newRequestId(), ...(this.remote.namesStartEvse ? { evseId: p.remoteStartTarget(a.evseId) } : {}) } };
      case 'remoteStop': return { action: v === '1.6' ? 'RemoteStopTransaction' : 'RequestStopTransaction', payload: { transactionId: this.remote.stopTransactionId(v, a.transactionId) } };
      case 'clearCache': return p.sendsClearCache ? { action: 'ClearCache', payload: {} } : undefined;
      case 'getLocalListVersion': return p.sendsGetLocalListVersion ? { action: 'GetLocalListVersion', payload: {} } : undefined;
      case 'sendLocalList': return this.localList(rec, v, a);
      case 'updateFirmware': {
        const location = p.firmwareLocation(a.location);
        const { retrieveDateTime, installDateTime } = this.firmware.times(a);
        const retries = p.firmwareRetries ?? {};
        if (v === '1.6' && !a.signed) return { action: 'UpdateFirmware', payload: { location, retrieveDate: retrieveDateTime, ...retries } };
        const { signingCertificate, signature } = this.store.data.firmware;
        const firmware = { location, retrieveDateTime, ...(installDateTime ? { installDateTime } : {}), ...(p.signsFirmware ? { signingCertificate, signature } : {}) };
        return { action: v === '1.6' ? 'SignedUpdateFirmware' : 'UpdateFirmware', payload: { requestId: this.store.newRequestId(), firmware, ...retries } };
      }
      case 'changeAvailability': {
        const scoped = a.evseId !== undefined && p.honoursAvailabilityScope;
        const operative = p.invertsAvailability ? !a.operative : a.operative;
        if (v === '1.6') {
          // 1.6 has no EVSE: connectorId 0 = the whole Charge Point.
          const index = scoped ? connectorIndex(a.evseId!, a.connectorId ?? 1) : 0;
          return { action: 'ChangeAvailability', payload: { connectorId: index, type: operative ? 'Operative' : 'Inoperative' } };
        }
        return { action: 'ChangeAvailability', payload: { operationalStatus: operative ? 'Operative' : 'Inoperative', ...(scoped ? { evse: { id: a.evseId, ...(a.connectorId !== undefined ? { connectorId: a.connectorId } : {}) } } : {}) } };
      }
      case 'triggerBootNotification': return { action: 'TriggerMessage', payload: { requestedMessage: 'BootNotification' } };
      case 'renewStationCertificate': return v === '1.6'
        ? { action: 'ExtendedTriggerMessage', payload: { requestedMessage: 'SignChargePointCertificate' } }
        : { action: 'TriggerMessage', payload: { requestedMessage: 'SignChargingStationCertificate' } };
      // cov-c3
      case 'unlockConnector': return this.remote.unlock(v, a);
      case 'publishFirmware': return this.firmware.publish(rec, a);
      case 'unpublishFirmware': return this.firmware.unpublish(rec, a);
      // security (cov-s4)
      case 'setBasicAuthPassword': return this.passwords.request(a.stationId, v, a.password);
      // 2.0.1 A02 alternative scenario (ISO 15118); 1.6 has no such trigger.
      case 'renewV2GCertificate': return v === '1.6' ? undefined : { action: 'TriggerMessage', payload: { requestedMessage: a.combined ? 'SignCombinedCertificate' : 'SignV2GCertificate' } };
      // cov-c2 (transactions): E14, 2.0.1 only
      case 'getTransactionStatus': return this.authorization.transactionStatusRequest(v, a.transactionId);
      // security (cov-n2): certificate management (certificate-management.ts)
      case 'installCertificate': case 'getInstalledCertificateIds': case 'deleteCertificate': return this.certificates.request(v, a);
      // log (cov-n3): WP N01 GetLog (1.6; the 2.0.1 reference CSMS has no N01)
      case 'getLog': return v === '1.6' ? this.logs.request(a) : undefined;
      default: return undefined;
    }
  }

  /** SendLocalList (D01 Full, D02 Differential): entries to add carry the token's id info, entries to remove none. */
  private localList(rec: StationRecord, v: OcppVersion, a: Extract<CsmsAction, { type: 'sendLocalList' }>): Request {
    const p = this.policy;
    if (a.updateType !== 'Differential' || p.differentialBumpsVersion) rec.localListVersion++;
    const version = p.emptiedListVersionZero && a.updateType === 'Full' && !a.add.length ? 0 : Math.max(1, rec.localListVersion);
    const withInfo = p.fullListHasInfo || a.updateType !== 'Full';
    const info = (token: string): Record<string, unknown> => this.authorization.idInfo(v, token, 'authorize');
    const removal = p.removedEntryInfo ? (v === '1.6' ? { idTagInfo: p.removedEntryInfo } : { idTokenInfo: p.removedEntryInfo }) : {};
    const entry = (token: string, extra: Record<string, unknown>): Record<string, unknown> => (v === '1.6'
      ? { idTag: token, ...extra }
      : { idToken: { idToken: token, type: 'ISO14443' }, ...extra });
    const list = [...a.add.map((t) => entry(t, withInfo ? info(t) : {})), ...a.remove.map((t) => entry(t, removal))];
    return { action: 'SendLocalList', payload: { [v === '1.6' ? 'listVersion' : 'versionNumber']: version, updateType: a.updateType, ...(list.length ? { localAuthorizationList: list } : {}) } };
  }
}
