/**
 * The simulated station's firmware updater: 1.6 UpdateFirmware (plain), 1.6 SignedUpdateFirmware
 * (security extension) and 2.0.1 UpdateFirmware (L01). One flow: schedule, download with
 * retries, verify the signature (secure), wait for the install time and for running
 * transactions, install, reboot, report Installed after the boot.
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { inspectImage } from '../../services/firmware-images';
import { issuedBy, verifyImage } from '../../services/test-pki';
import { both, type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';

interface FirmwarePolicy {
  /** Refuses an update without signature and signing certificate when a secure one is due (L01.FR.09). */
  requiresSignature: boolean;
  /** Refuses a signing certificate from an unknown issuer (L01.FR.22). */
  checksSigningCertificate: boolean;
  /** Cancels a running update for a new one (L01.FR.24). */
  cancelsRunningUpdate: boolean;
  /** Waits for retrieveDateTime (L01.FR.13). */
  waitsForRetrieveDate: boolean;
  /** Retries a failed download as often as asked (retries). */
  retriesDownload: boolean;
  /** Waits retryInterval between download attempts. */
  waitsRetryInterval: boolean;
  /** Reports DownloadFailed (L01.FR.30). */
  reportsDownloadFailed: boolean;
  /** Refuses an image whose signature does not verify (L01.FR.03). */
  verifiesSignature: boolean;
  /** Waits for installDateTime (L01.FR.16). */
  waitsForInstallDate: boolean;
  /** Waits for running transactions to end before installing (L01.FR.06). */
  waitsForTransactions: boolean;
  /** Reports Installing (1.6 §4.5). */
  reportsInstalling: boolean;
  /** Refuses a damaged image (L01.FR.29). */
  verifiesImage: boolean;
  /** Added to the requestId of every notification (L01.FR.10: 0). */
  requestIdOffset: number;
  /** Raises the security event FirmwareUpdated after a secure install (L01.FR.31). */
  reportsFirmwareUpdated: boolean;
}

export const FIRMWARE_FAULTS = {
  'firmware.skipsInstalling': { description: 'never reports Installing (allowed in 2.0.1 by L01.FR.23, so 1.6 plain only)', rules: { '1.6': ['1.6§4.5'] }, breaks: { reportsInstalling: false } },
  'firmware.acceptsUnsigned': { description: 'accepts and installs an update that has no signature and certificate', rules: { '2.0.1': ['L01.FR.21', 'L01.FR.22'] }, breaks: { requiresSignature: false } },
  'firmware.noDownloadFailed': { description: 'reports nothing when every download attempt failed', rules: both(['1.6§4.5', 'L01.FR.01'], ['L01.FR.30']), breaks: { reportsDownloadFailed: false } },
  'firmware.installsBadSignature': { description: 'installs firmware whose signature does not verify', rules: both(['L01.FR.12'], ['L01.FR.03', 'L01.FR.12']), breaks: { verifiesSignature: false } },
  'firmware.installsCorruptImage': { description: 'installs a damaged image and reports Installed', rules: both(['1.6§4.5'], ['L01.FR.29']), breaks: { verifiesImage: false } },
  'firmware.noRetry': { description: 'downloads once, ignoring retries', rules: both(['1.6§6.55'], ['L01.FR.30']), should: true, breaks: { retriesDownload: false } },
  'firmware.ignoresRetryInterval': { description: 'retries a download at once, ignoring retryInterval', rules: both(['1.6§6.55'], ['L01.FR.30']), should: true, breaks: { waitsRetryInterval: false } },
  'firmware.ignoresRetrieveDate': { description: 'downloads at once although retrieveDateTime is in the future', rules: { '2.0.1': ['L01.FR.13'] }, breaks: { waitsForRetrieveDate: false } },
  'firmware.ignoresInstallDate': { description: 'installs at once although installDateTime is in the future', rules: { '2.0.1': ['L01.FR.16'] }, breaks: { waitsForInstallDate: false } },
  'firmware.acceptsUntrustedCertificate': { description: 'accepts a signing certificate from an unknown issuer', rules: { '2.0.1': ['L01.FR.22'] }, breaks: { checksSigningCertificate: false } },
  'firmware.rebootsDuringTransaction': { description: 'installs and reboots while a transaction runs', rules: { '2.0.1': ['L01.FR.06'] }, breaks: { waitsForTransactions: false } },
  'firmware.wrongRequestId': { description: 'reports firmware status with another requestId', rules: both(['L01.FR.10'], ['L01.FR.10']), breaks: { requestIdOffset: 1 } },
  'firmware.noSecurityEvent': { description: 'sends no SecurityEventNotification FirmwareUpdated after installing', rules: { '2.0.1': ['L01.FR.31'] }, breaks: { reportsFirmwareUpdated: false } },
  'firmware.noCancel': { description: 'answers a second UpdateFirmware Accepted and goes on with the first', rules: { '2.0.1': ['L01.FR.24', 'L01.FR.27'] }, should: true, breaks: { cancelsRunningUpdate: false } },
} satisfies FaultTable<FirmwarePolicy>;

const CORRECT: FirmwarePolicy = {
  requiresSignature: true, checksSigningCertificate: true, cancelsRunningUpdate: true, waitsForRetrieveDate: true, retriesDownload: true,
  waitsRetryInterval: true, reportsDownloadFailed: true, verifiesSignature: true, waitsForInstallDate: true, waitsForTransactions: true,
  reportsInstalling: true, verifiesImage: true, requestIdOffset: 0, reportsFirmwareUpdated: true,
};

interface UpdateRequest {
  location: string;
  retrieveAt: Date;
  installAt?: Date;
  retries: number;
  retryInterval: number;
  /** Secure update (2.0.1, 1.6 SignedUpdateFirmware): notifications carry the requestId. */
  requestId?: number;
  signature?: string;
  signingCertificate?: string;
}

type UpdateResponse = 'Accepted' | 'Rejected' | 'AcceptedCanceled' | 'InvalidCertificate';

interface Job { req: UpdateRequest; cancelled: boolean; status: string }

export class FirmwareUpdater {
  readonly policy: Readonly<FirmwarePolicy>;
  private job?: Job;
  /** Reported after the reboot that completes an install (survives the reboot). */
  private pendingAfterBoot?: { requestId?: number; securityEvent: boolean };

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>, private readonly notify: (status: string, requestId?: number) => Promise<void>) {
    this.policy = policyOf(CORRECT, FIRMWARE_FAULTS, faults);
  }

  get status(): string { return this.job?.status ?? 'Idle'; }

  /** Starts an update; the answer follows 2.0.1 L01 / 1.6 security extension (plain 1.6 has none). */
  start(req: UpdateRequest, secure: boolean): UpdateResponse {
    const unsigned = !req.signature || !req.signingCertificate;
    if (secure && unsigned && !this.policy.requiresSignature) secure = false;
    if (secure) {
      if (unsigned) return 'Rejected';
      const trusted = this.s.opts.trustedCaPem && issuedBy(req.signingCertificate!, this.s.opts.trustedCaPem);
      if (!trusted && this.policy.checksSigningCertificate) {
        void this.s.send('SecurityEventNotification', { type: 'InvalidFirmwareSigningCertificate', timestamp: new Date().toISOString() });
        return 'InvalidCertificate';
      }
    }
    let answer: UpdateResponse = 'Accepted';
    if (this.job && !['Idle', 'DownloadFailed', 'InvalidSignature', 'InstallationFailed', 'InstallVerificationFailed', 'Installed'].includes(this.job.status)) {
      if (!this.policy.cancelsRunningUpdate) return 'Accepted';
      this.job.cancelled = true;
      answer = 'AcceptedCanceled';
    }
    const job: Job = { req, cancelled: false, status: 'Idle' };
    this.job = job;
    setTimeout(() => void this.run(job, secure), 10);
    return answer;
  }

  private async set(job: Job, status: string): Promise<void> {
    if (job.cancelled) return;
    job.status = status;
    this.s.hardware(`firmware: ${status}`);
    await this.notify(status, this.reportedId(job.req.requestId));
  }

  private waitUntil(job: Job, at: Date): Promise<void> {
    const ms = at.getTime() - Date.now();
    return ms > 0 ? new Promise((r) => this.s.after(ms / this.s.ms(1), () => r())) : Promise.resolve();
  }

  private async run(job: Job, secure: boolean): Promise<void> {
    const { req } = job;
    if (req.retrieveAt.getTime() > Date.now() && this.policy.waitsForRetrieveDate) {
      if (secure) await this.set(job, 'DownloadScheduled');
      await this.waitUntil(job, req.retrieveAt);
    }
    if (job.cancelled) return;
    await this.set(job, 'Downloading');
    let image: Buffer | undefined;
    const attempts = 1 + (this.policy.retriesDownload ? Math.max(0, req.retries) : 0);
    for (let i = 0; i < attempts && !job.cancelled; i++) {
      if (i > 0) await new Promise<void>((r) => this.s.after(this.policy.waitsRetryInterval ? req.retryInterval : 0, () => r()));
      image = await download(req.location, this.s.opts.trustedCaPem, this.s.ms(this.s.opts.messageTimeout ?? 30)).catch(() => undefined);
      if (image) break;
    }
    if (job.cancelled) return;
    if (!image) { if (this.policy.reportsDownloadFailed) await this.set(job, 'DownloadFailed'); return; }
    await this.set(job, 'Downloaded');
    if (secure) {
      if (!verifyImage(image, req.signature!, req.signingCertificate!) && this.policy.verifiesSignature) {
        await this.set(job, 'InvalidSignature');
        await this.s.send('SecurityEventNotification', { type: 'InvalidFirmwareSignature', timestamp: new Date().toISOString() });
        return;
      }
      await this.set(job, 'SignatureVerified');
    }
    if (req.installAt && req.installAt.getTime() > Date.now() && this.policy.waitsForInstallDate) {
      await this.set(job, 'InstallScheduled');
      await this.waitUntil(job, req.installAt);
    }
    // Running transactions end first (2.0.1 L01 with ongoing transactions; 1.6 leaves it open, we do the same).
    if (this.policy.waitsForTransactions && this.s.connectors.some((c) => c.tx)) {
      if (job.status !== 'InstallScheduled') await this.set(job, 'InstallScheduled');
      await this.s.tx.untilNone();
    }
    if (job.cancelled) return;
    if (this.policy.reportsInstalling) await this.set(job, 'Installing');
    const inspected = inspectImage(image);
    if (!inspected && this.policy.verifiesImage) { await this.set(job, secure ? 'InstallVerificationFailed' : 'InstallationFailed'); return; }
    if (secure) await this.set(job, 'InstallRebooting');
    this.s.identity.firmwareVersion = inspected?.version ?? 'corrupt'; // reported in the next BootNotification
    this.pendingAfterBoot = { requestId: req.requestId, securityEvent: secure };
    job.status = 'Installed';
    await this.s.txQueue.drained(this.s.ms(this.s.opts.messageTimeout ?? 30));
    this.s.reboot('FirmwareUpdate');
  }

  /** After the boot that follows an install: Installed, and the security event (secure update). */
  async afterBoot(): Promise<void> {
    const pending = this.pendingAfterBoot;
    if (!pending) return;
    this.pendingAfterBoot = undefined;
    if (pending.securityEvent && this.policy.reportsFirmwareUpdated) await this.s.send('SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: new Date().toISOString() });
    await this.notify('Installed', this.reportedId(pending.requestId));
  }

  /** The requestId a notification carries (secure update only). */
  private reportedId(requestId: number | undefined): number | undefined {
    return requestId === undefined ? undefined : requestId + this.policy.requestIdOffset;
  }
}

/** GET the image over http(s), trusting the test CA; rejects on any error or a short body. */
function download(location: string, caPem: string | undefined, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const get = location.startsWith('https:') ? httpsGet : httpGet;
    const req = get(location, { ...(caPem ? { ca: caPem } : {}), timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) { res.resume(); reject(new Error(`HTTP ${res.statusCode}`)); return; }
      const expected = Number(res.headers['content-length'] ?? -1);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { const body = Buffer.concat(chunks); if (expected >= 0 && body.length !== expected) reject(new Error('short body')); else resolve(body); });
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('aborted')));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}
