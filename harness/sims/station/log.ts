/**
 * The simulated station's logs: 1.6 security whitepaper N01 GetLog (a SecurityLog or a
 * DiagnosticsLog uploaded to the URL the Central System gives, with LogStatusNotification
 * Uploading, then Uploaded or UploadFailure, each carrying the GetLog's requestId). The upload is
 * an HTTP PUT of one file (POST with variant log.postUpload); the security log holds the security
 * events the station raised since it was built. 2.0.1 N01 (AdvancedDeviceManagement) is not
 * simulated: the 2.0.1 station answers GetLog NotImplemented as before.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { CallFrame } from '../../protocol/rpc';
import type { Reply } from '../../transport/connection';
import type { VariantTable } from '../variant-spec';
import { type FaultTable, policyOf } from './fault-table';
import { ok } from './dialect';
import type { SimulatedStation } from './simulated-station';

interface LogPolicy {
  /** Names the file in GetLog.conf (N01.FR.01). */
  namesFile: boolean;
  /** Uploads the file (N01.FR.02). */
  uploads: boolean;
  /** Reports Uploading when the upload starts (N01.FR.08): before it, or (fault) only after Uploaded. */
  uploadingFirst: boolean;
  /** Reports Uploaded after a successful upload (N01.FR.09). */
  reportsUploaded: boolean;
  /** Added to the requestId of every LogStatusNotification (N01.FR.07: 0). */
  requestIdOffset: number;
  /** The HTTP method of the upload. */
  method: 'PUT' | 'POST';
  /** Puts the file below the location, under its own name (location/filename), instead of at the location itself. */
  appendsFilename: boolean;
}

export const LOG_FAULTS = {
  'log.noFilename': { description: 'answers GetLog Accepted without naming the file it will upload', rules: { '1.6': ['N01.FR.01'] }, breaks: { namesFile: false } },
  'log.noUpload': { description: 'reports Uploading and Uploaded but uploads nothing', rules: { '1.6': ['N01.FR.02', 'N01.FR.03'] }, breaks: { uploads: false } },
  'log.noUploaded': { description: 'uploads the log but never reports Uploaded', rules: { '1.6': ['N01.FR.09'] }, breaks: { reportsUploaded: false } },
  'log.uploadingAfterUploaded': { description: 'uploads, reports Uploaded, and only then Uploading', rules: { '1.6': ['N01.FR.08', 'N01.FR.09'] }, breaks: { uploadingFirst: false } },
  'log.wrongRequestId': { description: 'reports the log upload status with another requestId than the GetLog\'s', rules: { '1.6': ['N01.FR.07'] }, breaks: { requestIdOffset: 1 } },
} satisfies FaultTable<LogPolicy>;

export const LOG_VARIANTS = {
  'log.postUpload': {
    description: 'uploads its log file with an HTTP POST instead of a PUT',
    allowedBy: 'WP N01 remarks: the URL names the protocol to use; the format and the transfer are not prescribed beyond it (FTP is recommended), so an HTTP upload may be a PUT or a POST',
    versions: ['1.6'], sets: { method: 'POST' },
  },
  'log.appendsFilename': {
    description: 'stores its log file below the location it was given, under the file name it announced (location/filename)',
    allowedBy: 'WP N01.FR.01/02 and GetLog.req remoteLocation: a location (URL) to upload to; the file keeps the name GetLog.conf gave it, where exactly below the location is not prescribed',
    versions: ['1.6'], sets: { appendsFilename: true },
  },
} satisfies VariantTable<LogPolicy>;

const CORRECT: LogPolicy = { namesFile: true, uploads: true, uploadingFirst: true, reportsUploaded: true, requestIdOffset: 0, method: 'PUT', appendsFilename: false };

export class StationLogs {
  readonly policy: Readonly<LogPolicy>;

  constructor(private readonly s: SimulatedStation, active: ReadonlySet<string>) {
    this.policy = policyOf(CORRECT, LOG_FAULTS, active, LOG_VARIANTS);
  }

  handles(call: CallFrame): boolean { return this.s.version === '1.6' && call.action === 'GetLog'; }

  /** N01.FR.01: Accepted with the file's name; the upload starts once the answer is out. */
  handle(call: CallFrame): Reply {
    const p = call.payload as { logType: string; requestId: number; log: { remoteLocation: string }; retries?: number };
    const filename = `${p.logType === 'SecurityLog' ? 'security' : 'diagnostics'}-${this.s.identity.serialNumber}-${p.requestId}.log`;
    setTimeout(() => void this.upload(p.log.remoteLocation, filename, p.logType, p.requestId, Math.max(0, p.retries ?? 0)), 10);
    return ok({ status: 'Accepted', ...(this.policy.namesFile ? { filename } : {}) });
  }

  private async upload(location: string, filename: string, logType: string, requestId: number, retries: number): Promise<void> {
    const { s } = this;
    const status = (st: string): Promise<unknown> => s.send('LogStatusNotification', { status: st, requestId: requestId + this.policy.requestIdOffset });
    if (this.policy.uploadingFirst) await status('Uploading');
    const body = Buffer.from(this.contents(logType));
    const target = this.policy.appendsFilename ? `${location.replace(/\/+$/, '')}/${encodeURIComponent(filename)}` : location;
    let done = !this.policy.uploads;
    for (let i = 0; i <= retries && !done; i++) done = await put(target, this.policy.method, body, s.opts.trustedCaPem, s.ms(s.opts.messageTimeout ?? 30)).catch(() => false);
    s.hardware(`log ${filename}: ${done ? 'uploaded' : 'upload failed'}`);
    if (!done) { await status('UploadFailure'); return; }
    if (this.policy.reportsUploaded) await status('Uploaded');
    if (!this.policy.uploadingFirst) await status('Uploading');
  }

  /** The log's lines (the format is not prescribed). */
  private contents(logType: string): string {
    const when = new Date().toISOString();
    return logType === 'SecurityLog'
      ? `${when} security log of ${this.s.identity.serialNumber}\n${when} StartupOfTheDevice\n`
      : `${when} diagnostics of ${this.s.identity.serialNumber}: firmware ${this.s.identity.firmwareVersion}\n`;
  }
}

/** One upload attempt; true on a 2xx answer. */
function put(location: string, method: string, body: Buffer, caPem: string | undefined, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const send = location.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(location, { method, timeout: timeoutMs, headers: { 'content-type': 'text/plain', 'content-length': body.length }, ...(caPem ? { ca: caPem } : {}) }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
