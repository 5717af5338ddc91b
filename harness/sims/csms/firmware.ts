/**
 * Firmware scheduling and publishing of the reference CSMS (2.0.1 L01 retrieve / install times,
 * L03 PublishFirmware, L04 UnpublishFirmware): the times an update carries, the requests that
 * make a Local Controller publish or unpublish an image (named by its MD5 checksum), and the
 * answers to its PublishFirmwareStatusNotifications. Operator-actions.ts builds the requests.
 */
import { createHash } from 'node:crypto';
import type { CsmsAction } from '../../model/csms-actions';
import type { Reply } from '../../transport/connection';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, type Handlers, policyFor } from './concern';
import type { CsmsStore, StationRecord } from './store';

export const FIRMWARE_FAULTS = {
  'firmware.ignoresInstallTime': { description: 'leaves out the installDateTime the operator chose (the station installs at once)', rules: { '2.0.1': ['Part2§FirmwareType'] }, should: true },
  'firmware.retrievesNow': { description: 'sends a past retrieveDateTime when the operator chose a download time in the future', rules: { '2.0.1': ['Part2§FirmwareType'] }, should: true },
  'publish.neverSends': { description: 'never sends PublishFirmware when the operator asks', rules: { '2.0.1': ['Part2§L03'] }, should: true },
  'publish.checksumNotMd5': { description: 'sends the image\'s checksum base64-encoded instead of as 32 hexadecimal digits', rules: { '2.0.1': ['Part2§PublishFirmwareRequest'] } },
  'publish.ignoresFailedStatus': { description: 'does not answer a PublishFirmwareStatusNotification that reports a failure', rules: { '2.0.1': ['Part4§4.2.2'] }, should: true },
  'unpublish.wrongChecksum': { description: 'names another file than the one it had published (another checksum) in UnpublishFirmware', rules: { '2.0.1': ['Part2§L04'] }, should: true },
} satisfies Record<string, FaultSpec>;

interface FirmwarePolicy {
  /** Keeps the installDateTime the operator chose. */
  keepsInstallTime: boolean;
  /** Keeps a retrieveDateTime the operator chose (else: two hours ago, download at once). */
  keepsRetrieveTime: boolean;
  sendsPublish: boolean;
  /** The checksum as sent, from the MD5 digest. */
  checksumText: (md5: Buffer) => string;
  /** Publish statuses it leaves unanswered (none: it answers every notification). */
  unansweredPublishStatus?: RegExp;
  /** The checksum an unpublish names, from the one it published. */
  unpublishChecksum: (published: string) => string;
  /** Optional retry fields of a PublishFirmware, if any. */
  publishRetries?: { retries: number; retryInterval: number };
}

const CLEAN: FirmwarePolicy = {
  keepsInstallTime: true,
  keepsRetrieveTime: true,
  sendsPublish: true,
  checksumText: (md5) => md5.toString('hex'),
  unansweredPublishStatus: undefined,
  unpublishChecksum: (published) => published,
  publishRetries: undefined,
};

/** Legal variations of firmware publishing (harness/sims/variant-spec.ts). */
export const FIRMWARE_VARIANTS = {
  'publish.withRetries': {
    description: 'sends PublishFirmware with the optional retries (3) and retryInterval (60 s)',
    allowedBy: '2.0.1 PublishFirmwareRequest: retries and retryInterval are optional fields the CSMS may fill (L03: the Local Controller retries the download that often)',
    versions: ['2.0.1'],
    sets: { publishRetries: { retries: 3, retryInterval: 60 } },
  },
} satisfies VariantTable<FirmwarePolicy>;

const BREAKS = {
  'firmware.ignoresInstallTime': { keepsInstallTime: false },
  'firmware.retrievesNow': { keepsRetrieveTime: false },
  'publish.neverSends': { sendsPublish: false },
  'publish.checksumNotMd5': { checksumText: (md5) => md5.toString('base64') },
  'publish.ignoresFailedStatus': { unansweredPublishStatus: /Failed|Invalid/ },
  'unpublish.wrongChecksum': { unpublishChecksum: (published) => createHash('md5').update(`not ${published}`).digest('hex') },
} satisfies Breaks<FirmwarePolicy, keyof typeof FIRMWARE_FAULTS>;

interface Request { action: string; payload: Record<string, unknown> }

/** The MD5 digest the reference CSMS knows for an image location (its own image's, else one derived from the URL). */
function md5Of(store: CsmsStore, location: string): Buffer {
  const known = store.data.firmware.checksum;
  return known ? Buffer.from(known, 'hex') : createHash('md5').update(location).digest();
}

export class FirmwarePublishing {
  private readonly policy: FirmwarePolicy;
  /** What each station published: location -> checksum as sent. */
  private readonly published = new Map<string, Map<string, string>>();

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, FIRMWARE_VARIANTS);
  }

  /** The retrieve and install times of an update: the operator's, or download now (two hours ago) and no install time. */
  times(a: Extract<CsmsAction, { type: 'updateFirmware' }>): { retrieveDateTime: string; installDateTime?: string } {
    const p = this.policy;
    const now = new Date(Date.now() - 2 * 3600_000).toISOString();
    return { retrieveDateTime: (p.keepsRetrieveTime && a.retrieveDateTime) || now, installDateTime: p.keepsInstallTime ? a.installDateTime : undefined };
  }

  /** PublishFirmware (L03): the location, the image's MD5 checksum, a requestId; undefined when it sends none. */
  publish(rec: StationRecord, a: Extract<CsmsAction, { type: 'publishFirmware' }>): Request | undefined {
    if (!this.policy.sendsPublish) return undefined;
    const checksum = this.policy.checksumText(md5Of(this.store, a.location));
    const mine = this.published.get(rec.id) ?? new Map<string, string>();
    mine.set(a.location, checksum);
    this.published.set(rec.id, mine);
    return { action: 'PublishFirmware', payload: { location: a.location, checksum, requestId: this.store.newRequestId(), ...(this.policy.publishRetries ?? {}) } };
  }

  /** UnpublishFirmware (L04): the file named by the checksum it was published with. */
  unpublish(rec: StationRecord, a: Extract<CsmsAction, { type: 'unpublishFirmware' }>): Request {
    const published = this.published.get(rec.id)?.get(a.location) ?? md5Of(this.store, a.location).toString('hex');
    return { action: 'UnpublishFirmware', payload: { checksum: this.policy.unpublishChecksum(published) } };
  }
}

/** The Local Controller's reports of a publication (L03): answered, and noted as the station's firmware status. */
export function firmwarePublishingHandlers(active: ReadonlySet<string>): Handlers {
  const policy = policyFor(CLEAN, BREAKS, active);
  return {
    PublishFirmwareStatusNotification: (rec, p): Reply => {
      rec.firmwareStatus = `publish ${String(p.status)}`;
      if (policy.unansweredPublishStatus?.test(String(p.status))) return { silent: true };
      return { payload: {} };
    },
  };
}

