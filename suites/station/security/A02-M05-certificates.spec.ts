/**
 * Certificate management, station under test (2.0.1 A02, M03-M05; 1.6 security whitepaper):
 * the station's own certificate renewed at the CSMS's request (trigger, SignCertificate with a
 * CSR, CertificateSigned), and root certificates installed, listed and deleted.
 */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { present, satisfies, some } from '../../../harness/model/match';
import { renewal } from './renewal';
import { signCsr } from '../../../harness/services/test-pki';
import { X509Certificate } from 'node:crypto';
import { needs } from '../../../harness/model/profile';

/** Certificate management: 1.6 security whitepaper extension; 2.0.1 Advanced Security. */
const certificateNeeds = { '1.6': [needs.feature('CertificateManagement')], '2.0.1': [needs.feature('AdvancedSecurity')] };

for (const valid of [true, false]) {
  ocppCase({
    ids: valid ? { '2.0.1': 'TC_A_11_CS', '1.6': 'TC_074_CS' } : { '2.0.1': 'TC_A_14_CS', '1.6': 'TC_077_CS' },
    needs: { '1.6': [needs.feature('CertificateManagement'), needs.feature('ExtendedTriggerMessage')], '2.0.1': [needs.feature('AdvancedSecurity')] },
    title: valid ? 'Update Charging Station Certificate by request of CSMS - Success' : 'Update Charging Station Certificate by request of CSMS - Invalid certificate',
    area: 'security',
    useCase: { '2.0.1': 'A02 Update Charging Station Certificate by request of CSMS', '1.6': '1.6 Security Whitepaper: A02 Update Charge Point Certificate by request of Central System' },
    requirements: valid ? { '2.0.1': ['A02.FR.02', 'A02.FR.03', 'A02.FR.08'], '1.6': ['A02.FR.02', 'A02.FR.03', 'A02.FR.06', 'A02.FR.08'] } : { '2.0.1': ['A02.FR.06', 'A02.FR.07'], '1.6': ['A02.FR.06', 'A02.FR.07'] },
    catches: valid ? ['cert.noSignCertificate'] : ['cert.acceptsInvalidCertificate'],
    expectation: valid
      ? 'After the trigger, the station sends SignCertificate with a PKCS#10 CSR (A02.FR.02/03); the certificate the CSMS issues for it from the operator CA is Accepted (A02.FR.08).'
      : 'The CSMS answers the CSR with a certificate from a CA the station does not trust: the station answers Rejected and raises InvalidChargingStationCertificate (1.6: InvalidChargePointCertificate) (A02.FR.07).',
  }, async ({ booted, csms, ocpp }) => {
    void booted;
    const sign = await renewal(csms, ocpp);
    if (!sign) return;
    const csr = String(sign.payload.csr);
    const chain = await signCsr(csr, { rogue: !valid });
    const payload = ocpp.version === '1.6' ? { certificateChain: chain } : { certificateChain: chain, certificateType: 'ChargingStationCertificate' };
    if (valid) {
      // A valid certificate is accepted and used: 2.0.1 A02.FR.08 (errata 2025 §2.9); whitepaper A02.FR.06 (checked), A02.FR.08 (switch to it).
      await csms.callExpecting('CertificateSigned', payload, { status: 'Accepted' }, { rule: ocpp.rule({ '1.6': 'A02.FR.06, A02.FR.08', '2.0.1': 'A02.FR.08' }) });
    } else {
      const mark = csms.mark('CertificateSigned with an untrusted certificate');
      await csms.callExpecting('CertificateSigned', payload, { status: 'Rejected' }, { rule: 'A02.FR.07' });
      await csms.expectCall('SecurityEventNotification', { type: ocpp.version === '1.6' ? 'InvalidChargePointCertificate' : 'InvalidChargingStationCertificate' }, { rule: 'A02.FR.07', after: mark });
    }
  });
}

const rootType = (v: string): string => (v === '1.6' ? 'CentralSystemRootCertificate' : 'CSMSRootCertificate');

for (const root of ['csms', 'manufacturer'] as const) {
  ocppCase({
    ids: root === 'csms' ? { '2.0.1': 'HX_M05_01_CS', '1.6': 'TC_075_2_CS' } : { '2.0.1': 'HX_M05_03_CS', '1.6': 'TC_075_1_CS' },
    needs: certificateNeeds,
    title: `Install a certificate on the Charging Station - ${root === 'csms' ? 'CSMS root certificate' : 'ManufacturerRootCertificate'}`,
    area: 'security',
    useCase: { '2.0.1': 'M05 Install CA certificate in a Charging Station / M03 Retrieve list of available certificates', '1.6': '1.6 Security Whitepaper: M05 / M03' },
    requirements: { '2.0.1': ['M05.FR.02', 'M03.FR.03', 'M03.FR.04'], '1.6': ['M05.FR.02', 'M03.FR.03', 'M03.FR.04'] },
    catches: ['cert.installNotStored'],
    expectation: `InstallCertificate of a ${root === 'csms' ? 'CSMS root certificate (1.6: CentralSystemRootCertificate)' : 'manufacturer root certificate (the root of the firmware signing certificate)'} is Accepted, and GetInstalledCertificateIds for that type then lists it (its serial number in the certificate hash data).`,
  }, async ({ booted, csms, ocpp, pki }) => {
    void booted;
    const type = root === 'csms' ? rootType(ocpp.version) : 'ManufacturerRootCertificate';
    const pem = root === 'csms' ? pki.ca.certPem : pki.signingRoot.certPem;
    const serial = new X509Certificate(pem).serialNumber.replace(/^0+(?=.)/, '').toLowerCase();
    // M05 / M03: the same ids in 2.0.1 and in the 1.6 whitepaper.
    const rule = 'M03.FR.03, M03.FR.04';
    await csms.callExpecting('InstallCertificate', { certificateType: type, certificate: pem }, { status: 'Accepted' }, { rule: 'M05.FR.02' });
    const hash = { serialNumber: satisfies(`the installed certificate's serial number ${serial}`, (a) => typeof a === 'string' && a.replace(/^0+(?=.)/, '').toLowerCase() === serial), issuerNameHash: present(), issuerKeyHash: present(), hashAlgorithm: present() };
    await csms.callExpecting('GetInstalledCertificateIds', ocpp.version === '1.6' ? { certificateType: type } : { certificateType: [type] },
      ocpp.version === '1.6' ? { status: 'Accepted', certificateHashData: some(hash) } : { status: 'Accepted', certificateHashDataChain: some({ certificateType: type, certificateHashData: hash }) }, { rule });
  });
}

ocppCase({
  ids: { '2.0.1': 'HX_M04_01_CS', '1.6': 'TC_076_CS' },
  needs: certificateNeeds,
  title: 'Delete a specific certificate from the Charging Station',
  area: 'security',
  useCase: { '2.0.1': 'M04 Delete a specific certificate from a Charging Station', '1.6': '1.6 Security Whitepaper: M04' },
  requirements: { '2.0.1': ['M05.FR.02', 'M03.FR.03', 'M04.FR.02', 'M04.FR.04'], '1.6': ['M05.FR.02', 'M03.FR.03', 'M04.FR.02', 'M04.FR.04'] },
  catches: ['cert.deleteAlwaysAccepted'],
  expectation: 'A root certificate installed and listed is deleted with the hash data the station reported (Accepted, M04.FR.02); deleting it again is answered NotFound (M04.FR.04).',
}, async ({ booted, csms, ocpp, pki }) => {
  void booted;
  const type = rootType(ocpp.version);
  await csms.callExpecting('InstallCertificate', { certificateType: type, certificate: pki.rogueCa.certPem }, { status: 'Accepted' }, { rule: 'M05.FR.02' });
  const list = await csms.callExpecting('GetInstalledCertificateIds', ocpp.version === '1.6' ? { certificateType: type } : { certificateType: [type] }, { status: 'Accepted' }, { rule: 'M03.FR.03' });
  const hash = ocpp.version === '1.6' ? (list.certificateHashData as Record<string, unknown>[])[0] : (list.certificateHashDataChain as { certificateHashData: Record<string, unknown> }[])[0].certificateHashData;
  await csms.callExpecting('DeleteCertificate', { certificateHashData: hash }, { status: 'Accepted' }, { rule: 'M04.FR.02' });
  await csms.callExpecting('DeleteCertificate', { certificateHashData: hash }, { status: 'NotFound' }, { rule: 'M04.FR.04' });
});

ocppCase({
  ids: { '2.0.1': 'HX_M05_02_CS', '1.6': 'TC_078_CS' },
  needs: certificateNeeds,
  title: 'Install a certificate on the Charging Station - invalid certificate',
  area: 'security',
  useCase: { '2.0.1': 'M05 Install CA certificate in a Charging Station', '1.6': '1.6 Security Whitepaper: Invalid CentralSystemCertificate Security Event' },
  requirements: { '2.0.1': ['M05.FR.07'], '1.6': ['M05.FR.06'] },
  catches: ['cert.acceptsInvalidRoot'],
  expectation: 'InstallCertificate with data that is not a valid certificate is answered Rejected (2.0.1 M05.FR.07, whitepaper M05.FR.06); a 1.6 station also raises InvalidCentralSystemCertificate (OCTT TC_078_CS; no whitepaper rule asks for it in M05: a soft finding).',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const mark = csms.mark('InstallCertificate with an invalid certificate');
  const bogus = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
  await csms.callExpecting('InstallCertificate', { certificateType: rootType(ocpp.version), certificate: bogus }, { status: 'Rejected' }, { rule: ocpp.rule({ '1.6': 'M05.FR.06', '2.0.1': 'M05.FR.07' }) });
  if (ocpp.version === '1.6') await ocpp.should(() => csms.expectCall('SecurityEventNotification', { type: 'InvalidCentralSystemCertificate' }, { rule: 'M05.FR.06', after: mark }));
});
