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
import type { SimulatedStation } from './simulated-station';

export interface UpdateRequest {
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

export type UpdateResponse = 'Accepted' | 'Rejected' | 'AcceptedCanceled' | 'InvalidCertificate';

interface Job { req: UpdateRequest; cancelled: boolean; status: string }

export class FirmwareUpdater {
  private job?: Job;
  /** Reported after the reboot that completes an install (survives the reboot). */
  pendingAfterBoot?: { requestId?: number; status: 'Installed'; securityEvent: boolean };

  constructor(private readonly s: SimulatedStation, private readonly notify: (status: string, requestId?: number) => Promise<void>) {}

  get status(): string { return this.job?.status ?? 'Idle'; }

  /** Starts an update; the answer follows 2.0.1 L01 / 1.6 security extension (plain 1.6 has none). */
  start(req: UpdateRequest, secure: boolean): UpdateResponse {
    const unsigned = !req.signature || !req.signingCertificate;
    if (secure && unsigned && this.s.has('firmware.acceptsUnsigned')) secure = false;
    if (secure) {
      if (unsigned) return 'Rejected';
      const trusted = this.s.opts.trustedCaPem && issuedBy(req.signingCertificate!, this.s.opts.trustedCaPem);
      if (!trusted && !this.s.has('firmware.acceptsUntrustedCertificate')) {
        void this.s.send('SecurityEventNotification', { type: 'InvalidFirmwareSigningCertificate', timestamp: new Date().toISOString() });
        return 'InvalidCertificate';
      }
    }
    let answer: UpdateResponse = 'Accepted';
    if (this.job && !['Idle', 'DownloadFailed', 'InvalidSignature', 'InstallationFailed', 'InstallVerificationFailed', 'Installed'].includes(this.job.status)) {
      if (this.s.has('firmware.noCancel')) return 'Accepted';
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
    const id = job.req.requestId === undefined ? undefined : job.req.requestId + (this.s.has('firmware.wrongRequestId') ? 1 : 0);
    await this.notify(status, id);
  }

  private waitUntil(job: Job, at: Date): Promise<void> {
    const ms = at.getTime() - Date.now();
    return ms > 0 ? new Promise((r) => this.s.after(ms / this.s.ms(1), () => r())) : Promise.resolve();
  }

  private async run(job: Job, secure: boolean): Promise<void> {
    const { req } = job;
    if (req.retrieveAt.getTime() > Date.now() && !this.s.has('firmware.ignoresRetrieveDate')) {
      if (secure) await this.set(job, 'DownloadScheduled');
      await this.waitUntil(job, req.retrieveAt);
    }
    if (job.cancelled) return;
    await this.set(job, 'Downloading');
    let image: Buffer | undefined;
    const attempts = 1 + (this.s.has('firmware.noRetry') ? 0 : Math.max(0, req.retries));
    for (let i = 0; i < attempts && !job.cancelled; i++) {
      if (i > 0) await new Promise<void>((r) => this.s.after(this.s.has('firmware.ignoresRetryInterval') ? 0 : req.retryInterval, () => r()));
      image = await download(req.location, this.s.opts.trustedCaPem, this.s.ms(this.s.opts.messageTimeout ?? 30)).catch(() => undefined);
      if (image) break;
    }
    if (job.cancelled) return;
    if (!image) { if (!this.s.has('firmware.noDownloadFailed')) await this.set(job, 'DownloadFailed'); return; }
    await this.set(job, 'Downloaded');
    if (secure) {
      if (!verifyImage(image, req.signature!, req.signingCertificate!) && !this.s.has('firmware.installsBadSignature')) {
        await this.set(job, 'InvalidSignature');
        await this.s.send('SecurityEventNotification', { type: 'InvalidFirmwareSignature', timestamp: new Date().toISOString() });
        return;
      }
      await this.set(job, 'SignatureVerified');
    }
    if (req.installAt && req.installAt.getTime() > Date.now() && !this.s.has('firmware.ignoresInstallDate')) {
      await this.set(job, 'InstallScheduled');
      await this.waitUntil(job, req.installAt);
    }
    // Running transactions end first (2.0.1 L01 with ongoing transactions; 1.6 leaves it open, we do the same).
    if (!this.s.has('firmware.rebootsDuringTransaction') && this.s.connectors.some((c) => c.tx)) {
      if (job.status !== 'InstallScheduled') await this.set(job, 'InstallScheduled');
      await this.s.untilNoTransaction();
    }
    if (job.cancelled) return;
    if (!this.s.has('firmware.skipsInstalling')) await this.set(job, 'Installing');
    const inspected = inspectImage(image);
    if (!inspected && !this.s.has('firmware.installsCorruptImage')) { await this.set(job, secure ? 'InstallVerificationFailed' : 'InstallationFailed'); return; }
    if (secure) await this.set(job, 'InstallRebooting');
    this.s.setFirmwareVersion(inspected?.version ?? 'corrupt');
    this.pendingAfterBoot = { requestId: req.requestId, status: 'Installed', securityEvent: secure };
    job.status = 'Installed';
    await this.s.txQueue.drained(this.s.ms(this.s.opts.messageTimeout ?? 30));
    this.s.reboot('FirmwareUpdate');
  }

  /** After the boot that follows an install: Installed, and the security event (secure update). */
  async afterBoot(): Promise<void> {
    const pending = this.pendingAfterBoot;
    if (!pending) return;
    this.pendingAfterBoot = undefined;
    if (pending.securityEvent && !this.s.has('firmware.noSecurityEvent')) await this.s.send('SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: new Date().toISOString() });
    const id = pending.requestId === undefined ? undefined : pending.requestId + (this.s.has('firmware.wrongRequestId') ? 1 : 0);
    await this.notify('Installed', id);
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
