/**
 * The simulated station's certificate management (security profile 3 and the 1.6 security
 * extension): installed root certificates (InstallCertificate, GetInstalledCertificateIds,
 * DeleteCertificate: 2.0.1 M03-M05, 1.6 WP), and its own certificate renewed at the CSMS's
 * request (TriggerMessage SignChargingStationCertificate / 1.6 ExtendedTriggerMessage
 * SignChargePointCertificate, SignCertificate with a CSR, CertificateSigned: A02).
 */
import { X509Certificate } from 'node:crypto';
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import { certificateHashData, certificateValid, makeCsr } from '../../services/test-pki';
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';

interface CertificatePolicy {
  /** Sends SignCertificate after accepting the renewal trigger (A02.FR.02). */
  sendsCsr: boolean;
  /** Refuses a CertificateSigned that does not chain to the operator CA (A02.FR.07). */
  checksSignedCertificate: boolean;
  /** Refuses an InstallCertificate that is not a certificate (M05.FR.07). */
  checksInstalledCertificate: boolean;
  /** Keeps a certificate it accepted to install (M03.FR.04). */
  storesInstalled: boolean;
  /** The answer to DeleteCertificate for a certificate it does not have (M04.FR.04: NotFound). */
  unknownDeleteAnswer: 'NotFound' | 'Accepted';
  /** Sends its SignCertificate this fraction of the message timeout after accepting the trigger (key generation is slow). */
  csrDelayFactor: number;
  /** Sends the CSR again after CertSigningWaitMinimum when no CertificateSigned came (2.0.1 A02.FR.17). */
  retriesCsr: boolean;
}

export const CERTIFICATE_FAULTS = {
  'cert.noSignCertificate': { description: 'accepts the certificate renewal trigger but never sends SignCertificate', rules: both(['A02.FR.02'], ['A02.FR.02']), breaks: { sendsCsr: false } },
  'cert.acceptsInvalidCertificate': { description: 'accepts a CertificateSigned whose certificate does not chain to the operator CA', rules: both(['A02.FR.07'], ['A02.FR.07']), breaks: { checksSignedCertificate: false } },
  'cert.acceptsInvalidRoot': { description: 'answers InstallCertificate with something that is not a certificate Accepted', rules: both(['M05.FR.06'], ['M05.FR.07']), breaks: { checksInstalledCertificate: false } },
  'cert.installNotStored': { description: 'answers InstallCertificate Accepted but does not keep the certificate', rules: both(['M03.FR.03', 'M03.FR.04'], ['M03.FR.04']), breaks: { storesInstalled: false } },
  'cert.noCsrRetry': { description: 'never sends its CSR again when no CertificateSigned follows an accepted SignCertificate', rules: { '2.0.1': ['A02.FR.17'] }, breaks: { retriesCsr: false } },
  'cert.deleteAlwaysAccepted': { description: 'answers DeleteCertificate for an unknown certificate Accepted', rules: both(['M04.FR.04'], ['M04.FR.04']), breaks: { unknownDeleteAnswer: 'Accepted' } },
} satisfies FaultTable<CertificatePolicy>;

export const CERTIFICATE_VARIANTS = {
  'cert.slowCsr': {
    description: 'sends its SignCertificate (new key pair and CSR) 40 % of the message timeout after accepting the renewal trigger, as a station generating its key in a slow secure element',
    allowedBy: '2.0.1 A02.FR.02/03 and the 1.6 security whitepaper A02: after accepting the trigger the station generates a key pair and sends SignCertificate; no time limit is set (a CSMS waits its message timeout).',
    versions: ['1.6', '2.0.1'], sets: { csrDelayFactor: 0.4 },
  },
} satisfies VariantTable<CertificatePolicy>;

interface Installed { type: string; pem: string; hash: ReturnType<typeof certificateHashData> }

interface CertificateHost {
  version: OcppVersion;
  serialNumber: string;
  /** The CA the station's own certificate must chain to (the operator's). */
  trustedCaPem?: string;
  send(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  hardware(text: string): void;
  /** Real ms for a fraction of the message timeout. */
  messageTimeoutMs?: number;
  /** 2.0.1 SecurityCtrlr.CertSigningWaitMinimum / CertSigningRepeatTimes (A02.FR.17-19). */
  certSigning?(): { waitMinimum: number; repeatTimes: number };
  /** Runs `fn` after spec seconds, unless the power goes first. */
  after?(specSeconds: number, fn: () => void): NodeJS.Timeout;
  cancel?(t: NodeJS.Timeout): void;
}

const CERT_ACTIONS = new Set(['InstallCertificate', 'GetInstalledCertificateIds', 'DeleteCertificate', 'CertificateSigned']);

export class CertificateStore {
  readonly policy: Readonly<CertificatePolicy>;
  private readonly installed: Installed[] = [];
  /** The CSR waiting for its certificate. */
  private pendingCsr?: string;
  /** The next SignCertificate of the back-off (A02.FR.17/18). */
  private retry?: NodeJS.Timeout;

  constructor(private readonly s: CertificateHost, faults: ReadonlySet<string>) {
    this.policy = policyOf<CertificatePolicy>({ sendsCsr: true, checksSignedCertificate: true, checksInstalledCertificate: true, storesInstalled: true, unknownDeleteAnswer: 'NotFound', csrDelayFactor: 0, retriesCsr: true }, CERTIFICATE_FAULTS, faults, CERTIFICATE_VARIANTS);
  }

  /** Whether a certificate of this type is installed (a CSMS root: a prerequisite of security profiles 2 and 3). */
  hasInstalled(type: string): boolean { return this.installed.some((c) => c.type === type); }
  /** The PEMs of the installed certificates of this type (CSMS roots the TLS connection trusts). */
  pemsOf(type: string): string[] { return this.installed.filter((c) => c.type === type).map((c) => c.pem); }

  /** Whether this module answers the CALL (certificate actions and the certificate triggers). */
  handles(call: CallFrame): boolean {
    if (CERT_ACTIONS.has(call.action)) return true;
    const requested = (call.payload as { requestedMessage?: string }).requestedMessage;
    return (call.action === 'TriggerMessage' && requested === 'SignChargingStationCertificate') || (call.action === 'ExtendedTriggerMessage' && requested === 'SignChargePointCertificate');
  }

  async handle(call: CallFrame): Promise<Reply> {
    const p = call.payload as Record<string, unknown>;
    const v16 = this.s.version === '1.6';
    switch (call.action) {
      case 'TriggerMessage': case 'ExtendedTriggerMessage':
        // A02.FR.02/03: a new key pair and a CSR in a SignCertificateRequest, after the trigger's answer.
        if (this.policy.sendsCsr) setTimeout(() => { void this.requestCertificate(); }, Math.max(10, this.policy.csrDelayFactor * (this.s.messageTimeoutMs ?? 0)));
        return { payload: { status: 'Accepted' } };
      case 'CertificateSigned': {
        this.stopRetry();
        const chain = String(p.certificateChain ?? '');
        const valid = !!this.s.trustedCaPem && await certificateValid(chain, this.s.trustedCaPem, this.pendingCsr);
        if (!valid && this.policy.checksSignedCertificate) {
          // A02.FR.07: Rejected, the certificate discarded, a security event raised.
          this.s.hardware('CertificateSigned: invalid certificate rejected');
          setTimeout(() => { void this.s.send('SecurityEventNotification', { type: v16 ? 'InvalidChargePointCertificate' : 'InvalidChargingStationCertificate', timestamp: new Date().toISOString() }); }, 10);
          return { payload: { status: 'Rejected' } };
        }
        this.pendingCsr = undefined;
        return { payload: { status: 'Accepted' } };
      }
      case 'InstallCertificate': {
        const pem = String(p.certificate ?? '');
        const type = String(p.certificateType);
        let hash: Installed['hash'] | undefined;
        try { new X509Certificate(pem); hash = certificateHashData(pem); } catch { hash = undefined; }
        if (!hash && this.policy.checksInstalledCertificate) {
          // M05.FR.07 (1.6 WP: Rejected and an InvalidCentralSystemCertificate event, OCTT TC_078).
          if (v16) setTimeout(() => { void this.s.send('SecurityEventNotification', { type: 'InvalidCentralSystemCertificate', timestamp: new Date().toISOString() }); }, 10);
          return { payload: { status: 'Rejected' } };
        }
        if (hash) {
          // M05.FR.17: the same certificate again replaces it.
          const same = this.installed.findIndex((c) => c.hash.serialNumber === hash!.serialNumber && c.hash.issuerNameHash === hash!.issuerNameHash);
          if (same >= 0) this.installed.splice(same, 1);
          if (this.policy.storesInstalled) this.installed.push({ type, pem, hash });
        }
        return { payload: { status: 'Accepted' } };
      }
      case 'GetInstalledCertificateIds': {
        const wanted = v16 ? [String(p.certificateType)] : (p.certificateType as string[] | undefined);
        const list = this.installed.filter((c) => !wanted?.length || wanted.includes(c.type));
        if (!list.length) return { payload: { status: 'NotFound' } }; // M03.FR.02
        return { payload: v16 ? { status: 'Accepted', certificateHashData: list.map((c) => c.hash) } : { status: 'Accepted', certificateHashDataChain: list.map((c) => ({ certificateType: c.type, certificateHashData: c.hash })) } };
      }
      case 'DeleteCertificate': {
        const h = p.certificateHashData as Installed['hash'];
        const i = this.installed.findIndex((c) => c.hash.serialNumber === String(h.serialNumber).toLowerCase() && c.hash.issuerNameHash === String(h.issuerNameHash).toLowerCase() && c.hash.issuerKeyHash === String(h.issuerKeyHash).toLowerCase());
        if (i < 0) return { payload: { status: this.policy.unknownDeleteAnswer } }; // M04.FR.04
        this.installed.splice(i, 1);
        return { payload: { status: 'Accepted' } }; // M04.FR.02
      }
      default: return { error: { code: 'NotImplemented', description: call.action } };
    }
  }

  private async requestCertificate(): Promise<void> {
    this.stopRetry();
    const { csrPem } = await makeCsr(`CN=${this.s.serialNumber},O=ocpp-harness`);
    this.pendingCsr = csrPem;
    await this.sendCsr(csrPem, 0);
  }

  /** SignCertificate for `csr`; accepted and no CertificateSigned after the back-off: again (A02.FR.17), the wait doubled (A02.FR.18), at most CertSigningRepeatTimes times (A02.FR.19). */
  private async sendCsr(csr: string, attempt: number): Promise<void> {
    const reply = await this.s.send('SignCertificate', this.s.version === '1.6' ? { csr } : { csr, certificateType: 'ChargingStationCertificate' });
    const signing = this.s.certSigning?.();
    if (reply?.status !== 'Accepted' || !signing || !this.s.after || !this.policy.retriesCsr || this.s.version === '1.6' || attempt >= signing.repeatTimes) return;
    this.retry = this.s.after(signing.waitMinimum * 2 ** attempt, () => {
      this.retry = undefined;
      if (this.pendingCsr === csr) void this.sendCsr(csr, attempt + 1);
    });
  }

  private stopRetry(): void {
    if (this.retry) this.s.cancel?.(this.retry);
    this.retry = undefined;
  }
}
