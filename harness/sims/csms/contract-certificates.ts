/**
 * ISO 15118 contract certificates, reference CSMS side (2.0.1 C07): an Authorize carrying the
 * contract's OCSP data (iso15118CertificateHashData, the station validated the chain) or the
 * chain itself (certificate, central validation) is answered with a certificateStatus. The CSMS
 * checks the chain against its mobility operator root, asks the OCSP responder (C07.FR.05) and
 * answers Accepted (C07.FR.14), ContractCancelled (C07.FR.13), CertificateExpired (C07.FR.15),
 * CertificateRevoked (C07.FR.16) or CertChainError (C07.FR.17).
 */
import { x509 } from '../../services/x509';
import { type OcspRequestData, ocspRequestData, queryOcsp } from '../../services/ocsp';
import type { FaultSpec } from '../fault-spec';
import { type Breaks, policyFor } from './concern';
import type { CsmsStore } from './store';

export const CONTRACT_FAULTS = {
  'contract.skipsOcsp': { description: 'answers an ISO 15118 Authorize certificateStatus Accepted without asking the OCSP responder, so a revoked contract certificate is accepted', rules: { '2.0.1': ['C07.FR.05', 'C07.FR.16'] } },
  'contract.noCertificateStatus': { description: 'leaves certificateStatus out of its answer to an ISO 15118 Authorize', rules: { '2.0.1': ['C07.FR.14', 'C07.FR.16'] } },
} satisfies Record<string, FaultSpec>;

interface ContractPolicy {
  /** C07.FR.05: the certificate's status comes from its OCSP responder. */
  asksOcsp: boolean;
  /** C07.FR.13-17: the answer names the certificate status. */
  givesCertificateStatus: boolean;
}

const CLEAN: ContractPolicy = { asksOcsp: true, givesCertificateStatus: true };

const BREAKS = {
  'contract.skipsOcsp': { asksOcsp: false },
  'contract.noCertificateStatus': { givesCertificateStatus: false },
} satisfies Breaks<ContractPolicy, keyof typeof CONTRACT_FAULTS>;

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export class ContractCertificates {
  private readonly policy: ContractPolicy;

  constructor(private readonly store: CsmsStore, active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active);
  }

  /** Whether an Authorize is an ISO 15118 contract authorization. */
  static carriesContract(p: Record<string, unknown>): boolean {
    return typeof p.certificate === 'string' || (Array.isArray(p.iso15118CertificateHashData) && p.iso15118CertificateHashData.length > 0);
  }

  /** The AuthorizeResponse for a contract authorization, from the token's own idTokenInfo. */
  async answer(p: Record<string, unknown>, info: { idTokenInfo: Record<string, unknown> }): Promise<Record<string, unknown>> {
    const status = await this.certificateStatus(p);
    const tokenStatus = String(info.idTokenInfo.status);
    // C07.FR.13/14: a valid chain answers the token's status; C07.FR.15-17: otherwise the token is Expired / Invalid.
    const certificateStatus = status === 'Accepted' && tokenStatus !== 'Accepted' && ['Blocked', 'Expired', 'Invalid', 'Unknown'].includes(tokenStatus) ? 'ContractCancelled' : status;
    const idTokenInfo = status === 'Accepted' ? info.idTokenInfo : { ...info.idTokenInfo, status: status === 'CertificateExpired' ? 'Expired' : 'Invalid' };
    return { idTokenInfo, ...(this.policy.givesCertificateStatus ? { certificateStatus } : {}) };
  }

  private async certificateStatus(p: Record<string, unknown>): Promise<'Accepted' | 'CertificateExpired' | 'CertificateRevoked' | 'CertChainError'> {
    const root = this.store.data.contractRoot;
    if (!root) return 'CertChainError';
    let data: OcspRequestData | undefined = (p.iso15118CertificateHashData as OcspRequestData[] | undefined)?.[0];
    if (typeof p.certificate === 'string') {
      // Central validation (C07.FR.06): the chain must end at the operator's root, be valid now and name its OCSP responder.
      const leafPem = p.certificate.match(PEM)?.[0];
      if (!leafPem) return 'CertChainError';
      const leaf = new x509.X509Certificate(leafPem);
      const trusted = new x509.X509Certificate(root);
      if (leaf.issuer !== trusted.subject || !(await leaf.verify({ publicKey: trusted.publicKey, signatureOnly: true }).catch(() => false))) return 'CertChainError';
      if (leaf.notAfter.getTime() < Date.now() || leaf.notBefore.getTime() > Date.now()) return 'CertificateExpired';
      const url = leaf.getExtension(x509.AuthorityInfoAccessExtension)?.ocsp[0]?.value;
      if (!url) return 'CertChainError';
      data = ocspRequestData(leafPem, root, url);
    }
    if (!data?.responderURL) return 'CertChainError';
    if (!this.policy.asksOcsp) return 'Accepted';
    const ocsp = await queryOcsp(data, root, this.store.data.messageTimeout * this.store.data.msPerSecond / 2);
    return ocsp === 'good' ? 'Accepted' : ocsp === 'revoked' ? 'CertificateRevoked' : 'CertChainError';
  }
}
