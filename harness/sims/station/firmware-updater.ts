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
import type { VariantTable } from '../variant-spec';
import { both, type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';

interface FirmwarePolicy {
  /** Refuses an update without signature and signing certificate when a secure one is due (L01.FR.09). */
  requiresSignature: boolean;
  /** Refuses a signing certificate from an unknown issuer (L01.FR.22). */
  checksSigningCertificate: boolean;
  /** A new update during one: cancel it (L01.FR.24, AcceptedCanceled), or answer Accepted and go on, Rejected and go on (L01.FR.27), Rejected and drop it. */
  whenBusy: 'cancel' | 'acceptAndIgnore' | 'reject' | 'rejectAndAbandon';
  /** 2.0.1: with AllowNewSessionsPendingFirmwareUpdate false, EVSEs not in use are Unavailable while the install waits for transactions (L01.FR.07). */
  blocksIdleEvses: boolean;
  /** Secure update: cannot download while a transaction runs; the download waits for the transactions to end. */
  downloadsWhenIdle: boolean;
  /** Reports DownloadScheduled while the download waits for the transactions (L01.FR.13). */
  reportsBusySchedule: boolean;
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
  /** Asks the server with a HEAD before each GET of an attempt (size first; the GET follows whatever it answered). */
  headBeforeGet: boolean;
  /** Resumes an interrupted download with `Range: bytes=N-` within the same attempt (once per attempt). */
  resumesWithRange: boolean;
  /** Secure update: postpones every download a moment (DownloadScheduled, L01.FR.13) and schedules an install at a given installDateTime even when it is already due (InstallScheduled). */
  alwaysSchedules: boolean;
  /** Secure update: the installer runs without OCPP, so no Installing status (L01.FR.23). */
  secureReportsInstalling: boolean;
  /** Secure update: reports InstallRebooting before the reboot (L01.FR.32 allows only Installed after it). */
  reportsInstallRebooting: boolean;
  /** 2.0.1: installs and activates while a transaction goes on, without a reboot (PICS C-43; L01.FR.05). */
  installsWhileCharging: boolean;
  /** Reports Installed after such an install (L01.FR.28). */
  reportsInstalledWhileCharging: boolean;
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
  'firmware.noCancel': { description: 'answers a second UpdateFirmware Accepted and goes on with the first', rules: { '2.0.1': ['L01.FR.24', 'L01.FR.27'] }, should: true, breaks: { whenBusy: 'acceptAndIgnore' } },
  'firmware.rejectedDropsFirst': { description: 'answers a second UpdateFirmware Rejected (cannot cancel) but drops the running update, which never installs', rules: { '2.0.1': ['L01.FR.05'] }, breaks: { whenBusy: 'rejectAndAbandon' } },
  'firmware.busyScheduleUnreported': { description: 'cannot download during a transaction and waits for it silently, without DownloadScheduled', rules: { '2.0.1': ['L01.FR.13'] }, breaks: { downloadsWhenIdle: true, reportsBusySchedule: false } },
  'firmware.busyScheduleKeepsEvsesAvailable': { description: 'cannot download during a transaction; while the update waits, EVSEs not in use stay Available although AllowNewSessionsPendingFirmwareUpdate is false', rules: { '2.0.1': ['L01.FR.07'] }, breaks: { downloadsWhenIdle: true, blocksIdleEvses: false } },
  'firmware.installedWhileChargingUnreported': { description: 'installs and activates a firmware during a transaction but never reports Installed', rules: { '2.0.1': ['L01.FR.28'] }, breaks: { installsWhileCharging: true, reportsInstalledWhileCharging: false } },
  'firmware.idleEvsesStayAvailable': { description: 'keeps EVSEs not in use Available while the install waits for a transaction, although AllowNewSessionsPendingFirmwareUpdate is false', rules: { '2.0.1': ['L01.FR.07'] }, breaks: { blocksIdleEvses: false } },
} satisfies FaultTable<FirmwarePolicy>;

/**
 * Legal variations of the updater (harness/sims/variant-spec.ts): what real stations do
 * differently from the default and the text that allows it. Every firmware case must pass
 * against each of them.
 */
export const FIRMWARE_VARIANTS = {
  'firmware.headBeforeGet': {
    description: 'sends a HEAD for the image before the GET of each attempt (learns the size first), then the GET whatever the HEAD answered',
    allowedBy: '1.6 §6.55 and 2.0.1 UpdateFirmwareRequest give only a URI to retrieve the firmware from, and count retries as download attempts, not HTTP requests; RFC 9110 §9.3.2 HEAD is safe and transfers no content',
    versions: ['1.6', '2.0.1'], sets: { headBeforeGet: true },
  },
  'firmware.rangeResume': {
    description: 'resumes an interrupted download with an HTTP Range request within the same attempt instead of starting a new attempt',
    allowedBy: 'the retries field (1.6 §6.55, 2.0.1 UpdateFirmwareRequest) counts attempts to download; how an attempt fetches the bytes is not specified (RFC 9110 §14.2 Range)',
    versions: ['1.6', '2.0.1'], sets: { resumesWithRange: true },
  },
  'firmware.alwaysSchedules': {
    description: 'secure update: reports DownloadScheduled and starts downloading a moment later even when retrieveDateTime is due, and InstallScheduled when an installDateTime is given even if it is due',
    allowedBy: 'L01.FR.13 (a station that postpones the download, e.g. because it is busy, reports DownloadScheduled); L01.FR.16 (installDateTime given: InstallScheduled, install at that time); whitepaper L01 same statuses for SignedFirmwareStatusNotification',
    versions: ['1.6', '2.0.1'], sets: { alwaysSchedules: true },
  },
  'firmware.noInstallingStatus': {
    description: 'secure update: the installer runs in a bootloader without OCPP and never reports Installing',
    allowedBy: 'L01.FR.23 (2.0.1: a bootloader that cannot send OCPP messages MAY skip Installing); for SignedUpdateFirmware the security whitepaper\'s L01.FR.22 (as cited by TC_080_CS; not re-read here). Plain 1.6 has no such text: firmware.skipsInstalling stays a fault there',
    versions: ['1.6', '2.0.1'], sets: { secureReportsInstalling: false },
  },
  'firmware.downloadsWhenIdle': {
    description: 'secure update: cannot download while a transaction runs; reports DownloadScheduled and downloads once the transactions have ended (EVSEs not in use Unavailable meanwhile when AllowNewSessionsPendingFirmwareUpdate is false)',
    allowedBy: 'L01.FR.13 (a station that does not start downloading because it is busy charging reports DownloadScheduled); L01.FR.06/07 (waiting for the transactions; idle EVSEs Unavailable unless new sessions are allowed); OCTT PICS AQ-7 (able to download during a transaction) is optional',
    versions: ['2.0.1'], sets: { downloadsWhenIdle: true },
  },
  'firmware.cannotCancel': {
    description: 'secure update: cannot cancel a running update; a second UpdateFirmware is answered Rejected and the first goes on to Installed',
    allowedBy: 'L01.FR.27 (2.0.1: a station unable to cancel the installation MAY answer Rejected; L01.FR.24 to cancel is a SHOULD)',
    versions: ['2.0.1'], sets: { whenBusy: 'reject' },
  },
  'firmware.noInstallRebooting': {
    description: 'secure update: reboots to activate the firmware without reporting InstallRebooting first, then reports Installed',
    allowedBy: 'L01.FR.32 (reboot needed to activate: InstallRebooting before the reboot MAY be sent; Installed after it in any case)',
    versions: ['1.6', '2.0.1'], sets: { reportsInstallRebooting: false },
  },
  'firmware.installsWhileCharging': {
    description: 'secure update: installs and activates a new firmware while a transaction goes on, without a reboot and without interrupting it (its device profile says installsFirmwareWhileCharging)',
    allowedBy: 'L01.FR.05 (install as soon as it is able to); L01.FR.06/07 bind only a station that cannot go on charging during the installation; L01.FR.32 (a reboot only when one is needed to activate); OCTT PICS C-43 (TC_L_16_CS)',
    versions: ['2.0.1'], sets: { installsWhileCharging: true },
  },
} satisfies VariantTable<FirmwarePolicy>;

const CORRECT: FirmwarePolicy = {
  requiresSignature: true, checksSigningCertificate: true, whenBusy: 'cancel', blocksIdleEvses: true, downloadsWhenIdle: false, reportsBusySchedule: true, waitsForRetrieveDate: true, retriesDownload: true,
  waitsRetryInterval: true, reportsDownloadFailed: true, verifiesSignature: true, waitsForInstallDate: true, waitsForTransactions: true,
  reportsInstalling: true, verifiesImage: true, requestIdOffset: 0, reportsFirmwareUpdated: true,
  headBeforeGet: false, resumesWithRange: false, alwaysSchedules: false, secureReportsInstalling: true, reportsInstallRebooting: true,
  installsWhileCharging: false, reportsInstalledWhileCharging: true,
};

/** The updater's policy for a station's active names: the variants first, then the faults (a fault wins over a variant on the same knob). */
export const firmwarePolicy = (active: ReadonlySet<string>): Readonly<FirmwarePolicy> => policyOf(CORRECT, FIRMWARE_FAULTS, active, FIRMWARE_VARIANTS);

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
  /** New sessions are blocked while an install waits for the transactions to end (L01.FR.07); the availability reads it. */
  blocksNewSessions = false;
  /** Reported after the reboot that completes an install (survives the reboot). */
  private pendingAfterBoot?: { requestId?: number; securityEvent: boolean };

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>, private readonly notify: (status: string, requestId?: number) => Promise<void>) {
    this.policy = firmwarePolicy(faults);
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
      const busy = this.policy.whenBusy;
      if (busy === 'acceptAndIgnore') return 'Accepted';
      if (busy === 'reject') return 'Rejected';
      this.job.cancelled = true;
      this.unblock();
      if (busy === 'rejectAndAbandon') return 'Rejected';
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
    } else if (secure && this.policy.alwaysSchedules) {
      await this.set(job, 'DownloadScheduled');
      await new Promise<void>((r) => this.s.after(1, () => r()));
    }
    if (job.cancelled) return;
    if (secure && this.policy.downloadsWhenIdle && this.s.connectors.some((c) => c.tx)) {
      // Busy charging: DownloadScheduled (L01.FR.13) until the transactions have ended.
      if (this.policy.reportsBusySchedule && job.status !== 'DownloadScheduled') await this.set(job, 'DownloadScheduled');
      this.blockIfNoNewSessions();
      await this.s.tx.untilNone();
      if (job.cancelled) { this.unblock(); return; }
    }
    await this.set(job, 'Downloading');
    let image: Buffer | undefined;
    const attempts = 1 + (this.policy.retriesDownload ? Math.max(0, req.retries) : 0);
    for (let i = 0; i < attempts && !job.cancelled; i++) {
      if (i > 0) await new Promise<void>((r) => this.s.after(this.policy.waitsRetryInterval ? req.retryInterval : 0, () => r()));
      image = await download(req.location, { caPem: this.s.opts.trustedCaPem, timeoutMs: this.s.ms(this.s.opts.messageTimeout ?? 30), head: this.policy.headBeforeGet, resume: this.policy.resumesWithRange }).catch(() => undefined);
      if (image) break;
    }
    if (job.cancelled) return;
    if (!image) { this.unblock(); if (this.policy.reportsDownloadFailed) await this.set(job, 'DownloadFailed'); return; }
    await this.set(job, 'Downloaded');
    if (secure) {
      if (!verifyImage(image, req.signature!, req.signingCertificate!) && this.policy.verifiesSignature) {
        this.unblock();
        await this.set(job, 'InvalidSignature');
        await this.s.send('SecurityEventNotification', { type: 'InvalidFirmwareSignature', timestamp: new Date().toISOString() });
        return;
      }
      await this.set(job, 'SignatureVerified');
    }
    if (req.installAt && ((req.installAt.getTime() > Date.now() && this.policy.waitsForInstallDate) || (secure && this.policy.alwaysSchedules))) {
      await this.set(job, 'InstallScheduled');
      await this.waitUntil(job, req.installAt);
    }
    // Running transactions end first (2.0.1 L01 with ongoing transactions; 1.6 leaves it open, we do the same).
    if (this.policy.waitsForTransactions && !this.policy.installsWhileCharging && this.s.connectors.some((c) => c.tx)) {
      if (job.status !== 'InstallScheduled') await this.set(job, 'InstallScheduled');
      this.blockIfNoNewSessions();
      await this.s.tx.untilNone();
    }
    if (job.cancelled) { this.unblock(); return; }
    if (this.policy.reportsInstalling && (!secure || this.policy.secureReportsInstalling)) await this.set(job, 'Installing');
    const inspected = inspectImage(image);
    if (!inspected && this.policy.verifiesImage) { this.unblock(); await this.set(job, secure ? 'InstallVerificationFailed' : 'InstallationFailed'); return; }
    if (this.policy.installsWhileCharging && inspected && this.s.connectors.some((c) => c.tx)) { await this.activateWhileCharging(job, inspected.version, secure); return; }
    if (secure && this.policy.reportsInstallRebooting) await this.set(job, 'InstallRebooting');
    this.s.identity.firmwareVersion = inspected?.version ?? 'corrupt'; // reported in the next BootNotification
    this.pendingAfterBoot = { requestId: req.requestId, securityEvent: secure };
    job.status = 'Installed';
    await this.s.txQueue.drained(this.s.ms(this.s.opts.messageTimeout ?? 30));
    this.blocksNewSessions = false; // the reboot reports every connector anew
    this.s.reboot('FirmwareUpdate');
  }

  /** Activated without a reboot while a transaction goes on (variant firmware.installsWhileCharging): Installed, then FirmwareUpdated (L01.FR.28, L01.FR.31). */
  private async activateWhileCharging(job: Job, version: string, secure: boolean): Promise<void> {
    this.s.identity.firmwareVersion = version;
    this.s.hardware('firmware: activated without a reboot, the transaction goes on');
    if (this.policy.reportsInstalledWhileCharging) await this.set(job, 'Installed'); else job.status = 'Installed';
    if (secure && this.policy.reportsFirmwareUpdated) await this.s.send('SecurityEventNotification', { type: 'FirmwareUpdated', timestamp: new Date().toISOString() });
  }

  /** L01.FR.07 (2.0.1): AllowNewSessionsPendingFirmwareUpdate false or absent: EVSEs not in use go Unavailable until the install. */
  private blockIfNoNewSessions(): void {
    if (this.s.version !== '2.0.1' || !this.policy.blocksIdleEvses || this.s.settings.bool('AllowNewSessionsPendingFirmwareUpdate') || this.blocksNewSessions) return;
    this.blocksNewSessions = true;
    this.s.hardware('firmware: new sessions blocked until the install');
    void this.s.status.refresh();
  }

  /** The install will not happen (failed or dropped): EVSEs are no longer held Unavailable for it. */
  private unblock(): void {
    if (!this.blocksNewSessions) return;
    this.blocksNewSessions = false;
    void this.s.status.refresh();
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

interface DownloadOptions { caPem?: string; timeoutMs: number; head: boolean; resume: boolean }

/**
 * One download attempt: GET the image over http(s), trusting the test CA; rejects on any error
 * or a short body. `head`: a HEAD first (its answer only informs). `resume`: an interrupted body is
 * completed once with `Range: bytes=N-` (206 and the rest of the image).
 */
async function download(location: string, o: DownloadOptions): Promise<Buffer> {
  if (o.head) await request(location, 'HEAD', o).catch(() => undefined);
  const first = await request(location, 'GET', o);
  if (first.complete) return first.body;
  if (!o.resume || first.body.length === 0) throw new Error('short body');
  const rest = await request(location, 'GET', o, first.body.length);
  if (!rest.complete || rest.status !== 206) throw new Error('resume failed');
  return Buffer.concat([first.body, rest.body]);
}

/** One HTTP request; resolves with what arrived (complete or cut short), rejects on a status other than 200/206. */
function request(location: string, method: 'GET' | 'HEAD', o: DownloadOptions, from = 0): Promise<{ status: number; body: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const get = location.startsWith('https:') ? httpsGet : httpGet;
    const headers = from ? { range: `bytes=${from}-` } : undefined;
    const req = get(location, { method, ...(o.caPem ? { ca: o.caPem } : {}), timeout: o.timeoutMs, ...(headers ? { headers } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200 && status !== 206) { res.resume(); reject(new Error(`HTTP ${status}`)); return; }
      if (method === 'HEAD') { res.resume(); resolve({ status, body: Buffer.alloc(0), complete: true }); return; }
      const expected = Number(res.headers['content-length'] ?? -1);
      const chunks: Buffer[] = [];
      let settled = false;
      const done = (): void => {
        if (settled) return;
        settled = true;
        const body = Buffer.concat(chunks);
        resolve({ status, body, complete: expected < 0 || body.length === expected });
      };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', done);
      res.on('error', done);
      res.on('aborted', done);
      res.on('close', done);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => reject(e));
  });
}
