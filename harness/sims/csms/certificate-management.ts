/**
 * Certificate management on the operator's request, reference CSMS side (1.6 whitepaper M03, M04,
 * M05; 2.0.1 the same use cases): InstallCertificate of a root certificate the operator gives,
 * GetInstalledCertificateIds of a type, DeleteCertificate of a certificate the station listed,
 * named with the hash algorithm it was listed with (M04.FR.07).
 */
import type { OcppVersion } from '../../protocol/versions';
import type { CsmsAction } from '../../model/csms-actions';
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, policyFor } from './concern';

export const CERTIFICATE_FAULTS = {
  'certs.installWithoutType': { description: 'sends InstallCertificate without certificateType (its schema requires it)', rules: { '1.6': ['1.6J§4.2.1'] } },
  'certs.otherRootType': { description: 'installs and lists root certificates under the other root type (ManufacturerRootCertificate for CentralSystemRootCertificate and the other way round)', rules: { '1.6': ['WP§M03', 'WP§M05'] }, should: true },
  'certs.deleteWithSha256': { description: 'names the certificate to delete with hashAlgorithm SHA256 whatever algorithm the station listed it with', rules: { '1.6': ['M04.FR.07'] } },
} satisfies Record<string, FaultSpec>;

interface CertificatePolicy {
  /** InstallCertificate carries certificateType (the schema requires it). */
  installNamesType: boolean;
  /** The certificate type sent, from the one the operator chose. */
  rootType: (chosen: string) => string;
  /** M04.FR.07: the hash algorithm of the DeleteCertificate, from the one the station listed. */
  deleteAlgorithm: (listed: string) => string;
  /** The certificate's PEM text as sent, from the one the operator gave. */
  pemText: (given: string) => string;
}

const CLEAN: CertificatePolicy = {
  installNamesType: true,
  rootType: (chosen) => chosen,
  deleteAlgorithm: (listed) => listed,
  pemText: (given) => given,
};

/** Legal variations of certificate management (harness/sims/variant-spec.ts). */
export const CERTIFICATE_VARIANTS = {
  'certs.crlfPem': {
    description: 'sends the certificate to install as PEM text with CRLF line ends and no final line break',
    allowedBy: '1.6 whitepaper InstallCertificate.req certificate: "PEM encoded X.509 certificate"; RFC 7468 §2: lines end with CRLF or LF, parsers ignore the whitespace',
    versions: ['1.6', '2.0.1'],
    sets: { pemText: (given) => given.trim().replace(/\r?\n/g, '\r\n') },
  },
} satisfies VariantTable<CertificatePolicy>;

const OTHER_ROOT: Record<string, string> = { ManufacturerRootCertificate: 'CentralSystemRootCertificate', CentralSystemRootCertificate: 'ManufacturerRootCertificate' };

const BREAKS = {
  'certs.installWithoutType': { installNamesType: false },
  'certs.otherRootType': { rootType: (chosen) => OTHER_ROOT[chosen] ?? chosen },
  'certs.deleteWithSha256': { deleteAlgorithm: () => 'SHA256' },
} satisfies Breaks<CertificatePolicy, keyof typeof CERTIFICATE_FAULTS>;

type CertificateAction = Extract<CsmsAction, { type: 'installCertificate' | 'getInstalledCertificateIds' | 'deleteCertificate' }>;

export class CertificateManagement {
  private readonly policy: CertificatePolicy;

  constructor(active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, CERTIFICATE_VARIANTS);
  }

  /** The request for a certificate action (1.6 whitepaper and 2.0.1 share the messages' fields used here). */
  request(_v: OcppVersion, a: CertificateAction): { action: string; payload: Record<string, unknown> } {
    const p = this.policy;
    switch (a.type) {
      case 'installCertificate': return { action: 'InstallCertificate', payload: { ...(p.installNamesType ? { certificateType: p.rootType(a.certificateType) } : {}), certificate: p.pemText(a.certificate) } };
      case 'getInstalledCertificateIds': return { action: 'GetInstalledCertificateIds', payload: { certificateType: p.rootType(a.certificateType) } };
      case 'deleteCertificate': return { action: 'DeleteCertificate', payload: { certificateHashData: { ...a.certificateHashData, hashAlgorithm: p.deleteAlgorithm(a.certificateHashData.hashAlgorithm) } } };
    }
  }
}
