/**
 * Authorization with ISO 15118 contract certificates, CSMS under test (2.0.1 C07): the harness
 * plays the station and the mobility operator's OCSP responder. It issues a contract certificate
 * for the configured eMAID from its test CA (the operator root) naming the responder, and sends
 * an Authorize with the certificate's OCSP data (the station validated the chain) or with the
 * certificate itself (central validation). The CSMS must ask the responder (C07.FR.05) and answer
 * the certificate's status (C07.FR.14 / C07.FR.16).
 */
import { csmsCase } from '../../../fixtures/csms';
import { REPLY_LEVEL, STATUS_REPLY } from '../../../harness/judge/as-station/station-driver';
import { type OcspStatus, ocspRequestData, startOcspResponder } from '../../../harness/services/ocsp';
import { contractCertificate } from '../../../harness/services/test-pki';

const CASES: { id: string; title: string; ocsp: OcspStatus; central: boolean }[] = [
  { id: 'TC_C_50_CSMS', title: 'Authorization using Contract Certificates 15118 - Online - Local contract certificate validation - Accepted', ocsp: 'good', central: false },
  { id: 'TC_C_51_CSMS', title: 'Authorization using Contract Certificates 15118 - Online - Local contract certificate validation - Rejected', ocsp: 'revoked', central: false },
  { id: 'TC_C_52_CSMS', title: 'Authorization using Contract Certificates 15118 - Online - Central contract certificate validation - Accepted', ocsp: 'good', central: true },
];

for (const k of CASES) {
  const good = k.ocsp === 'good';
  const rule = good ? 'C07.FR.14' : 'C07.FR.16';
  csmsCase({
    ids: { '2.0.1': k.id },
    title: k.title,
    area: 'authorization',
    useCase: { '2.0.1': 'C07 Authorization using Contract Certificates' },
    requirements: { '2.0.1': ['C07.FR.04', 'C07.FR.05', rule, ...(good ? ['E01.FR.11'] : [])] },
    catches: ['contract.skipsOcsp', 'contract.noCertificateStatus'],
    expectation: `The station sends an Authorize for the configured eMAID (idToken type eMAID) with ${k.central ? 'its contract certificate (PEM), whose Authority Information Access names the OCSP responder: the CSMS validates the chain itself' : 'the contract certificate\'s OCSP data (iso15118CertificateHashData with responderURL): the station validated the chain'}. The responder answers "${k.ocsp}". The CSMS asks it (C07.FR.05: a new certificate, so no cached answer can do) and answers ${good ? 'certificateStatus Accepted with the token\'s status Accepted (C07.FR.14); the transaction for the eMAID then starts Accepted' : 'certificateStatus CertificateRevoked with idTokenInfo.status Invalid (C07.FR.16)'}.`,
    actions: ['make the CSMS trust the harness\'s test CA as a mobility operator root (written to <reports>/contract-root-ca.pem, kept across runs in .ocpp-harness-pki/) and know csms.facts.tokens.emaid as a valid token; the OCSP responder listens on 127.0.0.1, so the CSMS runs on this machine'],
    source: `OCTT ${k.id} (tzi-OCTT): a mock OCSP responder answering "${k.ocsp}" for any query; the tool checks that the CSMS queried it and the AuthorizeResponse's idTokenInfo.status and certificateStatus.`,
  }, async ({ booted, station, drv, need, pki }) => {
    const emaid = need('emaid');
    const responder = await startOcspResponder(k.ocsp, pki.ca);
    try {
      const contract = await contractCertificate(emaid, responder.url);
      const c = booted.connectors[0];
      await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
      const idToken = { idToken: emaid, type: 'eMAID' };
      const payload = k.central ? { idToken, certificate: contract.certPem } : { idToken, iso15118CertificateHashData: [ocspRequestData(contract.certPem, pki.ca.certPem, responder.url)] };
      const reply = await station.callExpecting('Authorize', payload, { idTokenInfo: {} }, { rule: 'C07.FR.04' });
      // C07.FR.05: the status comes from the certificate's OCSP responder (a new certificate: nothing cached).
      if (responder.requests === 0) throw station.failure('C07.FR.05', `the CSMS to ask the contract certificate's OCSP responder (${responder.url}) before answering`, 'no OCSP request reached it');
      const expected = good ? { certificateStatus: 'Accepted', idTokenInfo: { status: 'Accepted' } } : { certificateStatus: 'CertificateRevoked', idTokenInfo: { status: 'Invalid' } };
      const got = { certificateStatus: reply.certificateStatus, idTokenInfo: { status: (reply.idTokenInfo as { status?: unknown }).status } };
      if (got.certificateStatus !== expected.certificateStatus || got.idTokenInfo.status !== expected.idTokenInfo.status) {
        throw station.failure(rule, `AuthorizeResponse ⊇ ${JSON.stringify(expected)} (OCSP: ${k.ocsp})`, JSON.stringify(got));
      }
      if (good) await drv.startTransaction(c, emaid, { status: 'Accepted' }, { rule: 'E01.FR.11', idToken });
    } finally {
      await responder.close();
    }
  });
}
