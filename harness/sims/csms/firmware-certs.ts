/**
 * Firmware and certificates, station side of the reference CSMS: the firmware (and log /
 * diagnostics) status notifications it records, and SignCertificate (A02): it signs the
 * station's CSR with the test CA and sends the certificate in a CertificateSigned.
 */
import type { Reply } from '../../transport/connection';
import { makeCsr, signCsr } from '../../services/test-pki';
import type { FaultSpec } from '../fault-spec';
import { type Breaks, both, type Handlers, policyFor } from './concern';
import type { StationRecord } from './store';

export const FIRMWARE_CERTS_FAULTS = {
  'firmware.ignoresFailedStatus': { description: 'does not answer a FirmwareStatusNotification that reports a failure', rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), should: true },
  'cert.rejectsCsr': { description: 'answers a valid SignCertificate Rejected', rules: both(['A02.FR.11'], ['A02.FR.11']) },
  'cert.signsOtherKey': { description: 'answers the CSR with a certificate for another key', rules: both(['A02.FR.11'], ['A02.FR.11']), should: true },
} satisfies Record<string, FaultSpec>;

interface FirmwareCertsPolicy {
  /** Firmware statuses it leaves unanswered (none: it answers every notification). */
  unansweredFirmwareStatus?: RegExp;
  /** A02.FR.11: Accepted when it can process the CSR. */
  acceptsCsr: boolean;
  /** The CSR it signs for the station's (A02.FR.06: the certificate is for the CSR's key). */
  csrToSign: (csrPem: string) => Promise<string>;
}

const CLEAN: FirmwareCertsPolicy = {
  unansweredFirmwareStatus: undefined,
  acceptsCsr: true,
  csrToSign: async (csrPem) => csrPem,
};

const BREAKS = {
  'firmware.ignoresFailedStatus': { unansweredFirmwareStatus: /Failed|Invalid/ },
  'cert.rejectsCsr': { acceptsCsr: false },
  'cert.signsOtherKey': { csrToSign: async () => (await makeCsr('CN=someone-else,O=ocpp-harness')).csrPem },
} satisfies Breaks<FirmwareCertsPolicy, keyof typeof FIRMWARE_CERTS_FAULTS>;

export function firmwareCertsHandlers(faults: ReadonlySet<string>): Handlers {
  const policy = policyFor(CLEAN, BREAKS, faults);

  /** Issues the station's certificate for its CSR from the CA and sends it (A02 CertificateSigned). */
  const sendCertificate = async (rec: StationRecord, csrPem: string, certificateType = 'ChargingStationCertificate'): Promise<void> => {
    try {
      const chain = await signCsr(await policy.csrToSign(csrPem));
      await rec.conn?.call('CertificateSigned', rec.version === '1.6' ? { certificateChain: chain } : { certificateChain: chain, certificateType });
    } catch { /* a CSR it cannot sign: nothing sent */ }
  };

  const firmwareStatus = (rec: StationRecord, p: Record<string, unknown>): Reply => {
    rec.firmwareStatus = String(p.status);
    if (policy.unansweredFirmwareStatus?.test(rec.firmwareStatus)) return { silent: true };
    return { payload: {} };
  };

  return {
    FirmwareStatusNotification: firmwareStatus,
    SignedFirmwareStatusNotification: firmwareStatus,
    DiagnosticsStatusNotification: () => ({ payload: {} }),
    SignCertificate: (rec, p) => {
      if (!policy.acceptsCsr) return { payload: { status: 'Rejected' } };
      const csr = String(p.csr);
      // A02.FR.14 (RECOMMENDED): the certificateType of the CertificateSigned is the one the SignCertificate named.
      setTimeout(() => { void sendCertificate(rec, csr, typeof p.certificateType === 'string' ? p.certificateType : undefined); }, 10);
      return { payload: { status: 'Accepted' } };
    },
  };
}
