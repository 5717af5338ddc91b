/**
 * Logs of the reference CSMS (1.6 security whitepaper N01 GetLog): the request its operator
 * starts (log type, the URL the station uploads to, a requestId) and the answers to the station's
 * LogStatusNotifications. Operator-actions.ts sends the request this concern builds.
 */
import type { CsmsAction } from '../../model/csms-actions';
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, type Handlers, policyFor } from './concern';
import type { CsmsStore, StationRecord } from './store';

export const LOG_FAULTS = {
  'getLog.wrongLogType': { description: 'asks for the diagnostics log when the operator asked for the security log (and the other way round)', rules: { '1.6': ['WP§N01'] }, should: true },
  'getLog.wrongLocation': { description: 'gives the station another upload location than the one the operator entered', rules: { '1.6': ['WP§N01'] }, should: true },
  'getLog.ignoresUploaded': { description: 'does not answer a LogStatusNotification Uploaded', rules: { '1.6': ['1.6J§4.2.2'] } },
} satisfies Record<string, FaultSpec>;

interface LogPolicy {
  /** The log type sent, from the one the operator chose. */
  logType: (chosen: string) => string;
  /** The upload location sent, from the one the operator entered. */
  location: (given: string) => string;
  /** Upload statuses it leaves unanswered (none: it answers every notification). */
  unansweredStatus?: RegExp;
  /** Optional fields of the request, if any: retries, retryInterval, the time window of the log. */
  extras?: Record<string, unknown>;
}

const CLEAN: LogPolicy = { logType: (chosen) => chosen, location: (given) => given, unansweredStatus: undefined, extras: undefined };

/** Legal variations of log requests (harness/sims/variant-spec.ts). */
export const LOG_VARIANTS = {
  'getLog.withRetriesAndWindow': {
    description: 'sends GetLog with the optional retries (2), retryInterval (30 s) and oldestTimestamp (a day ago) of the log wanted',
    allowedBy: 'WP N01, GetLog.req: retries, retryInterval and log.oldestTimestamp / latestTimestamp are optional fields the Central System may fill',
    versions: ['1.6'],
    sets: { extras: { retries: 2, retryInterval: 30, oldestTimestamp: 'day' } },
  },
} satisfies VariantTable<LogPolicy>;

const BREAKS = {
  'getLog.wrongLogType': { logType: (chosen) => (chosen === 'SecurityLog' ? 'DiagnosticsLog' : 'SecurityLog') },
  'getLog.wrongLocation': { location: (given) => `${given.replace(/\/+$/, '')}-other` },
  'getLog.ignoresUploaded': { unansweredStatus: /^Uploaded$/ },
} satisfies Breaks<LogPolicy, keyof typeof LOG_FAULTS>;

interface Request { action: string; payload: Record<string, unknown> }

export class LogRequests {
  private readonly policy: LogPolicy;

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, LOG_VARIANTS);
  }

  /** GetLog (WP N01): the log type, the upload location, a new requestId. */
  request(a: Extract<CsmsAction, { type: 'getLog' }>): Request {
    const { retries, retryInterval, oldestTimestamp } = (this.policy.extras ?? {}) as { retries?: number; retryInterval?: number; oldestTimestamp?: string };
    const log = { remoteLocation: this.policy.location(a.location), ...(oldestTimestamp ? { oldestTimestamp: new Date(Date.now() - 86_400_000).toISOString() } : {}) };
    return { action: 'GetLog', payload: { logType: this.policy.logType(a.logType), requestId: this.store.newRequestId(), log, ...(retries === undefined ? {} : { retries, retryInterval }) } };
  }
}

/** The station's reports of a log upload: answered, and noted on the station. */
export function logHandlers(active: ReadonlySet<string>): Handlers {
  const policy = policyFor(CLEAN, BREAKS, active);
  return {
    LogStatusNotification: (rec: StationRecord, p): Reply => {
      rec.logStatus = String(p.status);
      if (policy.unansweredStatus?.test(String(p.status))) return { silent: true };
      return { payload: {} };
    },
  };
}
