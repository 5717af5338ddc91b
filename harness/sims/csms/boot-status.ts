/**
 * Registration and station state of the reference CSMS: BootNotification (Accepted, Pending,
 * Rejected), Heartbeat, StatusNotification, NotifyEvent and the notifications it only
 * acknowledges (DataTransfer it answers UnknownVendorId).
 */
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, both, type Handlers, policyFor } from './concern';
import type { CsmsStore, ReferenceData, Registration, StationRecord } from './store';

export const BOOT_STATUS_FAULTS = {
  'boot.acceptsUnknownStation': { description: 'accepts the connection and the BootNotification of a station it does not know (a SHOULD: Part 4 §3.2 answers 404)', rules: both(['1.6J§3.2.UnknownStation'], ['Part4§3.2.UnknownStation']), should: true },
  'boot.pendingForever': { description: 'answers every BootNotification of the Pending station with Pending, never Accepted', rules: both(['1.6§4.2'], ['B01.FR.02']) },
  'boot.rejectsKnownStation': { description: 'answers the BootNotification of a registered station Rejected', rules: both(['1.6§4.2'], ['B01.FR.02']) },
  'heartbeat.wrongTime': { description: 'answers Heartbeat with a currentTime one hour off', rules: both(['1.6§4.6'], ['G02.FR.03']) },
  'status.rejectsFaulted': { description: 'answers StatusNotification Faulted with a CALLERROR', rules: both(['1.6§4.9'], ['FR.03']), should: ['2.0.1'] },
  'event.rejectsNotifyEvent': { description: 'answers NotifyEvent with CALLERROR NotImplemented', rules: { '2.0.1': ['G05.FR.03'] } },
  'reply.badSchema': { description: 'answers BootNotification without currentTime (the schema requires it)', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']) },
  'boot.closesPendingConnection': { description: 'closes the connection of a station right after answering its first boot Pending', rules: both(['1.6§4.2.PendingOpen'], ['B02.FR.06']), should: ['1.6'] },
  'report.ignoresLaterParts': { description: 'answers only the first part (seqNo 0) of a NotifyReport, never the parts after it', rules: { '2.0.1': ['Part4§4.2.2'] } },
  'boot.requestsWhileRejected': { description: 'asks a station whose boot it Rejected for a new BootNotification (TriggerMessage) at once', rules: both(['1.6§4.2.RejectedCsms'], ['B03.FR.03']), should: ['1.6'] },
} satisfies Record<string, FaultSpec>;

interface BootStatusPolicy {
  /** The boot answer for a station it knows, and for one it does not. */
  knownStation: Registration;
  unknownStation: Registration;
  /** The pending station is Pending on the first boot of each connection only, then Accepted. */
  pendingOncePerConnection: boolean;
  /** BootNotification replies carry currentTime (the schema requires it). */
  bootReplyHasTime: boolean;
  /** Added to the clock in Heartbeat replies (G02.FR.03). */
  clockSkewMs: number;
  /** Connector statuses it answers with CALLERROR InternalError instead of storing. */
  unstorableStatuses: string[];
  notifyEventSupported: boolean;
  /** Real ms it waits before answering a BootNotification. */
  bootDelayMs: (data: ReferenceData) => number;
  /** Heartbeat interval given with Accepted (undefined: the configured one), spec seconds. */
  heartbeatInterval?: number;
  /** Interval given with Pending / Rejected (undefined: the configured retry interval), spec seconds. */
  retryInterval?: number;
  /**
   * A known station stays Pending until the CSMS has its inventory: 2.0.1 a complete NotifyReport
   * for a GetBaseReport FullInventory it sends while Pending; 1.6 the reply to a GetConfiguration.
   * Once it has it, it triggers a BootNotification (TriggerMessage).
   */
  inventoryBeforeAccept: boolean;
  /** While a station is Pending, it sets the heartbeat interval (2.0.1 SetVariables, 1.6 ChangeConfiguration). */
  configuresWhilePending: boolean;
  /** Right after accepting a boot, it reads the station's configuration (2.0.1 GetVariables, 1.6 GetConfiguration). */
  readsConfigurationAfterAccept: boolean;
  /** Closes the connection after answering a station's first boot Pending (B02.FR.06: neither side closes it). */
  closesWhilePending: boolean;
  /** Sends a Rejected station a request of its own (B03.FR.03: none). */
  requestsWhileRejected: boolean;
  /** Answers NotifyReport parts after the first (a CSMS that handles one-part reports only). */
  answersLaterReportParts: boolean;
}

const CLEAN: BootStatusPolicy = {
  knownStation: 'Accepted',
  unknownStation: 'Rejected',
  pendingOncePerConnection: true,
  bootReplyHasTime: true,
  clockSkewMs: 0,
  unstorableStatuses: [],
  notifyEventSupported: true,
  bootDelayMs: () => 0,
  heartbeatInterval: undefined,
  retryInterval: undefined,
  inventoryBeforeAccept: false,
  configuresWhilePending: false,
  readsConfigurationAfterAccept: false,
  closesWhilePending: false,
  requestsWhileRejected: false,
  answersLaterReportParts: true,
};

/** Legal variations of registration and station state (harness/sims/variant-spec.ts). */
export const BOOT_STATUS_VARIANTS = {
  'reply.slowBoot': {
    description: 'answers BootNotification after about 80 % of the message timeout (a CSMS that looks the station up in a slow back office)',
    allowedBy: 'OCPP-J 1.6 §4.1.1 / 2.0.1 Part 4 §4.1.1: a CALL waits for its reply up to the message timeout; no requirement asks the CSMS to answer faster (OCTT: the message timeout from the request)',
    versions: ['1.6', '2.0.1'],
    sets: { bootDelayMs: (d) => Math.round(0.8 * d.messageTimeout * d.msPerSecond) },
  },
  'boot.longHeartbeatInterval': {
    description: 'gives a heartbeat interval of 3600 s with Accepted (a CSMS that relies on WebSocket pings for liveness)',
    allowedBy: '2.0.1 B01 / BootNotificationResponse.interval and 1.6 §4.2 / BootNotification.conf interval: the heartbeat interval is the CSMS\'s choice (B01.FR.04: the station adopts any interval above 0)',
    versions: ['1.6', '2.0.1'],
    sets: { heartbeatInterval: 3600 },
  },
  'boot.pendingIntervalZero': {
    description: 'answers Pending (and Rejected) with interval 0, leaving the retry interval to the station',
    allowedBy: '2.0.1 B02.FR.07 / B03.FR.05: with interval 0 the station picks its own retry interval; the CSMS may send 0 (OCTT TC_B_02_CSMS: "if interval=0 it waits <Configured heartbeatInterval>")',
    versions: ['2.0.1'],
    sets: { retryInterval: 0 },
  },
  'boot.pendingUntilReport': {
    description: 'keeps a station Pending until it has the station\'s inventory: 2.0.1 a complete NotifyReport for the GetBaseReport FullInventory it sends while Pending; 1.6 the reply to a GetConfiguration; then it triggers a BootNotification and accepts it',
    allowedBy: '2.0.1 B02 (Pending: the CSMS is not yet ready to accept the station and MAY retrieve information with GetBaseReport / GetVariables meanwhile; B02.FR.01 the station answers) and B07 (NotifyReport); 1.6 §4.2 (Pending: the Central System may retrieve or set configuration before accepting) and §5.17 TriggerMessage',
    versions: ['1.6', '2.0.1'],
    sets: { inventoryBeforeAccept: true },
  },
  'boot.configuresWhilePending': {
    description: 'while a station is Pending, sets its heartbeat interval (2.0.1 SetVariables OCPPCommCtrlr.HeartbeatInterval, 1.6 ChangeConfiguration HeartbeatInterval)',
    allowedBy: '2.0.1 B02 (while Pending the CSMS MAY send SetVariables; B02.FR.01 the station answers); 1.6 §4.2 (Pending: the Central System may change configuration before accepting)',
    versions: ['1.6', '2.0.1'],
    sets: { configuresWhilePending: true },
  },
  'boot.readsConfigurationAfterAccept': {
    description: 'right after accepting a boot, reads the station\'s configuration (2.0.1 GetVariables of a few variables, 1.6 GetConfiguration of every key), as many CSMSs do on every boot',
    allowedBy: '2.0.1 B06 Get Variables (the CSMS may request variables at any time once Accepted); 1.6 §5.8 Get Configuration',
    versions: ['1.6', '2.0.1'],
    sets: { readsConfigurationAfterAccept: true },
  },
} satisfies VariantTable<BootStatusPolicy>;

const BREAKS = {
  'boot.acceptsUnknownStation': { unknownStation: 'Accepted' },
  'boot.pendingForever': { pendingOncePerConnection: false },
  'boot.rejectsKnownStation': { knownStation: 'Rejected' },
  'heartbeat.wrongTime': { clockSkewMs: -3_600_000 },
  'status.rejectsFaulted': { unstorableStatuses: ['Faulted'] },
  'event.rejectsNotifyEvent': { notifyEventSupported: false },
  'reply.badSchema': { bootReplyHasTime: false },
  'boot.closesPendingConnection': { closesWhilePending: true },
  'boot.requestsWhileRejected': { requestsWhileRejected: true },
  'report.ignoresLaterParts': { answersLaterReportParts: false },
} satisfies Breaks<BootStatusPolicy, keyof typeof BOOT_STATUS_FAULTS>;

/** Sends a request to the station after the current reply has gone out; its answer is returned (undefined: none). */
function requestSoon(rec: StationRecord, action: string, payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const conn = rec.conn;
      if (!conn?.isOpen) { resolve(undefined); return; }
      void conn.call(action, payload).then((o) => resolve(o.kind === 'result' ? o.payload : undefined));
    }, 10);
  });
}

export function bootStatusHandlers(store: CsmsStore, active: ReadonlySet<string>): Handlers {
  const policy = policyFor(CLEAN, BREAKS, active, BOOT_STATUS_VARIANTS);
  const acknowledge = (): Reply => ({ payload: {} });
  const closedWhilePending = new WeakSet<StationRecord>();

  /** The inventory is complete: the station is asked to boot again (F06 / 1.6 §5.17), and will be accepted. */
  const inventoryComplete = (rec: StationRecord): void => {
    if (rec.inventory === 'complete') return;
    rec.inventory = 'complete';
    if (rec.registration === 'Pending') void requestSoon(rec, 'TriggerMessage', { requestedMessage: 'BootNotification' });
  };

  /** What a Pending answer sets in motion: the inventory request and the configuration the variants send. */
  const whilePending = (rec: StationRecord): void => {
    const v = rec.version;
    if (policy.inventoryBeforeAccept && rec.inventory !== 'complete' && rec.inventory !== 'requested') {
      rec.inventory = 'requested';
      if (v === '1.6') {
        void requestSoon(rec, 'GetConfiguration', {}).then((r) => { if (r) inventoryComplete(rec); else rec.inventory = undefined; });
      } else {
        rec.reportRequestId = store.newRequestId();
        void requestSoon(rec, 'GetBaseReport', { requestId: rec.reportRequestId, reportBase: 'FullInventory' }).then((r) => { if (!r || r.status !== 'Accepted') rec.inventory = undefined; });
      }
    }
    if (policy.configuresWhilePending) {
      const interval = policy.heartbeatInterval ?? store.data.heartbeatInterval;
      void (v === '1.6'
        ? requestSoon(rec, 'ChangeConfiguration', { key: 'HeartbeatInterval', value: String(interval) })
        : requestSoon(rec, 'SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: String(interval) }] }));
    }
  };

  const afterAccept = (rec: StationRecord): void => {
    if (!policy.readsConfigurationAfterAccept) return;
    void (rec.version === '1.6'
      ? requestSoon(rec, 'GetConfiguration', {})
      : requestSoon(rec, 'GetVariables', {
        getVariableData: [
          { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } },
          { component: { name: 'AuthCtrlr' }, variable: { name: 'AuthorizeRemoteStart' } },
          { component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' } },
        ],
      }));
  };

  return {
    BootNotification: async (rec) => {
      const delay = policy.bootDelayMs(store.data);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      let status = store.knows(rec.id) ? policy.knownStation : policy.unknownStation;
      if (status === 'Accepted' && store.data.pending.includes(rec.id) && (!rec.pendingDone || !policy.pendingOncePerConnection)) { status = 'Pending'; rec.pendingDone = true; }
      if (status === 'Accepted' && policy.inventoryBeforeAccept && rec.inventory !== 'complete') status = 'Pending';
      rec.registration = status;
      const interval = status === 'Accepted' ? policy.heartbeatInterval ?? store.data.heartbeatInterval : policy.retryInterval ?? store.data.retryInterval;
      if (status === 'Pending') whilePending(rec);
      if (status === 'Accepted') afterAccept(rec);
      if (status === 'Pending' && policy.closesWhilePending && !closedWhilePending.has(rec)) {
        closedWhilePending.add(rec);
        const conn = rec.conn;
        setTimeout(() => conn?.close(1000, 'registration pending'), 20);
      }
      if (status === 'Rejected' && policy.requestsWhileRejected) void requestSoon(rec, 'TriggerMessage', { requestedMessage: 'BootNotification' });
      return { payload: policy.bootReplyHasTime ? { status, currentTime: new Date().toISOString(), interval } : { status, interval } };
    },
    Heartbeat: () => ({ payload: { currentTime: new Date(Date.now() + policy.clockSkewMs).toISOString() } }),
    StatusNotification: (rec, p, v) => {
      const status = String(p.status ?? p.connectorStatus);
      if (policy.unstorableStatuses.includes(status)) return { error: { code: 'InternalError', description: `cannot store status ${status}` } };
      rec.status.set(v === '1.6' ? String(p.connectorId) : `${p.evseId}/${p.connectorId}`, status);
      return { payload: {} };
    },
    NotifyEvent: () => (policy.notifyEventSupported ? { payload: {} } : { error: { code: 'NotImplemented', description: 'NotifyEvent is not supported' } }),
    DataTransfer: () => ({ payload: { status: 'UnknownVendorId' } }),
    SecurityEventNotification: acknowledge,
    NotifyReport: (rec, p) => {
      if (!policy.answersLaterReportParts && Number(p.seqNo) > 0) return { silent: true };
      if (p.requestId === rec.reportRequestId && p.tbc !== true) inventoryComplete(rec);
      return { payload: {} };
    },
  };
}
