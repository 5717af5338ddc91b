/**
 * Registration and station state of the reference CSMS: BootNotification (Accepted, Pending,
 * Rejected), Heartbeat, StatusNotification, NotifyEvent and the notifications it only
 * acknowledges (DataTransfer it answers UnknownVendorId).
 */
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import { type Breaks, both, type Handlers, policyFor } from './concern';
import type { CsmsStore, Registration } from './store';

export const BOOT_STATUS_FAULTS = {
  'boot.acceptsUnknownStation': { description: 'accepts the connection and the BootNotification of a station it does not know (a SHOULD: Part 4 §3.2 answers 404)', rules: both(['1.6J§3.2.UnknownStation'], ['Part4§3.2.UnknownStation']), should: true },
  'boot.pendingForever': { description: 'answers every BootNotification of the Pending station with Pending, never Accepted', rules: both(['1.6§4.2'], ['B01.FR.02']) },
  'boot.rejectsKnownStation': { description: 'answers the BootNotification of a registered station Rejected', rules: both(['1.6§4.2'], ['B01.FR.02']) },
  'heartbeat.wrongTime': { description: 'answers Heartbeat with a currentTime one hour off', rules: both(['1.6§4.6'], ['G02.FR.03']) },
  'status.rejectsFaulted': { description: 'answers StatusNotification Faulted with a CALLERROR', rules: both(['1.6§4.9'], ['FR.03']), should: ['2.0.1'] },
  'event.rejectsNotifyEvent': { description: 'answers NotifyEvent with CALLERROR NotImplemented', rules: { '2.0.1': ['G05.FR.03'] } },
  'reply.badSchema': { description: 'answers BootNotification without currentTime (the schema requires it)', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']) },
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
}

const CLEAN: BootStatusPolicy = {
  knownStation: 'Accepted',
  unknownStation: 'Rejected',
  pendingOncePerConnection: true,
  bootReplyHasTime: true,
  clockSkewMs: 0,
  unstorableStatuses: [],
  notifyEventSupported: true,
};

const BREAKS = {
  'boot.acceptsUnknownStation': { unknownStation: 'Accepted' },
  'boot.pendingForever': { pendingOncePerConnection: false },
  'boot.rejectsKnownStation': { knownStation: 'Rejected' },
  'heartbeat.wrongTime': { clockSkewMs: -3_600_000 },
  'status.rejectsFaulted': { unstorableStatuses: ['Faulted'] },
  'event.rejectsNotifyEvent': { notifyEventSupported: false },
  'reply.badSchema': { bootReplyHasTime: false },
} satisfies Breaks<BootStatusPolicy, keyof typeof BOOT_STATUS_FAULTS>;

export function bootStatusHandlers(store: CsmsStore, faults: ReadonlySet<string>): Handlers {
  const policy = policyFor(CLEAN, BREAKS, faults);
  const acknowledge = (): Reply => ({ payload: {} });
  return {
    BootNotification: (rec) => {
      let status = store.knows(rec.id) ? policy.knownStation : policy.unknownStation;
      if (status === 'Accepted' && store.data.pending.includes(rec.id) && (!rec.pendingDone || !policy.pendingOncePerConnection)) { status = 'Pending'; rec.pendingDone = true; }
      rec.registration = status;
      const interval = status === 'Accepted' ? store.data.heartbeatInterval : store.data.retryInterval;
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
    NotifyReport: acknowledge,
  };
}
