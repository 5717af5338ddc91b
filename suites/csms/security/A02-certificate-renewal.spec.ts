/**
 * Certificate management, CSMS under test: the CSMS renews a station's certificate (A02). It
 * triggers a SignCertificate, accepts the station's CSR (A02.FR.11) and sends back a
 * certificate for that key, issued by its CA, in a CertificateSigned.
 */
import { csmsCase } from '../../../fixtures/csms';
import { present } from '../../../harness/model/match';
import { certificateForKey, certificateValid, makeCsr } from '../../../harness/services/test-pki';

csmsCase({
  ids: { '2.0.1': 'TC_A_11_CSMS', '1.6': 'TC_074_CSMS' },
  title: 'Update Charging Station Certificate by request of CSMS - Success',
  area: 'security',
  useCase: { '2.0.1': 'A02 Update Charging Station Certificate by request of CSMS', '1.6': '1.6 Security Whitepaper: A02 Update Charge Point Certificate by request of Central System' },
  requirements: { '2.0.1': ['A02.FR.11', 'F06.FR.01'], '1.6': ['A02.FR.11'] },
  catches: ['cert.rejectsCsr', 'cert.signsOtherKey'],
  expectation: 'The operator renews the station\'s certificate: the CSMS sends the trigger (2.0.1 TriggerMessage SignChargingStationCertificate, 1.6 ExtendedTriggerMessage SignChargePointCertificate), answers the station\'s CSR Accepted (A02.FR.11) and sends a CertificateSigned whose certificate is for the CSR\'s key and, when the CA is configured (csms.caFile), chains to it. Only the answer to the CSR is a CSMS requirement (A02.FR.11); the trigger, the CertificateSigned and its certificate (the A02 scenario and remark) are soft findings citing it.',
  actions: ['renew the station\'s certificate in the CSMS'],
}, async ({ booted, station, drv, operate, facts, clientTls, pki, csmsConfig, ocppVersion }) => {
  void booted;
  await operate({ type: 'renewStationCertificate', stationId: facts.stationId });
  // The trigger names the message wanted (F06.FR.01); sending it on the operator's request is no requirement of its own (1.6: none): soft.
  const trigger = await drv.should(() => (ocppVersion === '1.6'
    ? station.expectCall('ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' }, { rule: 'A02.FR.11', within: station.timing.actionTimeout })
    : station.expectCall('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }, { rule: 'F06.FR.01', within: station.timing.actionTimeout })));
  if (!trigger) return;
  const { csrPem } = await makeCsr(`CN=${station.serialNumber},O=ocpp-harness`);
  const mark = station.mark('the station sends its CSR');
  await drv.expect('SignCertificate', ocppVersion === '1.6' ? { csr: csrPem } : { csr: csrPem, certificateType: 'ChargingStationCertificate' }, { status: 'Accepted' }, { rule: 'A02.FR.11' });
  // What the CSMS sends back for the CSR has no FR of its own (A02 scenario; the certificate checks A02.FR.06 bind the station): soft findings citing A02.FR.11.
  const signed = await drv.should(() => station.expectCall('CertificateSigned', { certificateChain: present() }, { rule: 'A02.FR.11', after: mark }));
  if (!signed) return;
  const ca = csmsConfig.adapter === 'embedded' ? pki.ca.certPem : clientTls.ca;
  const chain = String(signed.payload.certificateChain);
  // The certificate must be for the key of the CSR (and chain to the operator CA when known).
  const ok = ca ? await certificateValid(chain, ca, csrPem) : certificateForKey(chain, csrPem);
  await drv.should(async () => {
    if (!ok) throw station.failure('A02.FR.11', `CertificateSigned with a currently valid certificate for the CSR's key${ca ? ', issued by the operator CA' : ''}`, 'the certificate does not match (another key, another issuer, or not valid now)');
  });
});

csmsCase({
  ids: { '2.0.1': 'TC_A_14_CSMS', '1.6': 'TC_077_CSMS' },
  title: 'Update Charging Station Certificate by request of CSMS - Invalid certificate',
  area: 'security',
  useCase: { '2.0.1': 'A02 Update Charging Station Certificate by request of CSMS', '1.6': '1.6 Security Whitepaper: A02 Update Charge Point Certificate by request of Central System' },
  requirements: { '2.0.1': ['A02.FR.11', 'F06.FR.01', 'A04.FR.03'], '1.6': ['A02.FR.11', '1.6J§4.2.2'] },
  catches: ['cert.rejectsCsr'],
  expectation: 'The operator renews the station\'s certificate: the CSMS sends the trigger (2.0.1 TriggerMessage SignChargingStationCertificate, 1.6 ExtendedTriggerMessage SignChargePointCertificate) and answers the CSR Accepted (A02.FR.11); the station answers the CertificateSigned Rejected and reports InvalidChargingStationCertificate (1.6: InvalidChargePointCertificate), which the CSMS confirms (2.0.1 A04.FR.03; 1.6: every CALL is answered). The trigger and the CertificateSigned are the scenario\'s, soft findings citing A02.FR.11 as in TC_A_11_CSMS.',
  actions: ['renew the station\'s certificate in the CSMS'],
  source: 'OCTT TC_A_14_CSMS / TC_077_CSMS (tzi-OCTT): step 1 requestedMessage, step 4 Accepted; the tool rejects whatever certificate comes.',
}, async ({ booted, station, drv, operate, facts, ocppVersion }) => {
  void booted;
  await operate({ type: 'renewStationCertificate', stationId: facts.stationId });
  const trigger = await drv.should(() => (ocppVersion === '1.6'
    ? station.expectCall('ExtendedTriggerMessage', { requestedMessage: 'SignChargePointCertificate' }, { rule: 'A02.FR.11', within: station.timing.actionTimeout })
    : station.expectCall('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' }, { rule: 'F06.FR.01', within: station.timing.actionTimeout })));
  if (!trigger) return;
  const { csrPem } = await makeCsr(`CN=${station.serialNumber},O=ocpp-harness`);
  station.reply('CertificateSigned', { status: 'Rejected' });
  const mark = station.mark('the station sends its CSR; it will reject the certificate');
  await drv.expect('SignCertificate', ocppVersion === '1.6' ? { csr: csrPem } : { csr: csrPem, certificateType: 'ChargingStationCertificate' }, { status: 'Accepted' }, { rule: 'A02.FR.11' });
  const signed = await drv.should(() => station.expectCall('CertificateSigned', { certificateChain: present() }, { rule: 'A02.FR.11', after: mark }));
  if (!signed) return;
  await drv.securityEvent(ocppVersion === '1.6' ? 'InvalidChargePointCertificate' : 'InvalidChargingStationCertificate', { rule: { '1.6': '1.6J§4.2.2', '2.0.1': 'A04.FR.03' } });
});

for (const combined of [false, true]) {
  csmsCase({
    ids: { '2.0.1': combined ? 'TC_A_13_CSMS' : 'TC_A_12_CSMS' },
    title: `Update Charging Station Certificate by request of CSMS - Success - ${combined ? 'Combined Certificate' : 'V2G Certificate'}`,
    area: 'security',
    useCase: { '2.0.1': 'A02 Update Charging Station Certificate by request of CSMS (alternative scenario SignV2GCertificate)' },
    requirements: { '2.0.1': ['A02.FR.11', 'F06.FR.01'] },
    catches: ['cert.rejectsCsr'],
    expectation: `The operator renews the station's ISO 15118 ${combined ? 'combined' : 'V2G'} certificate: the CSMS sends TriggerMessage ${combined ? 'SignCombinedCertificate' : 'SignV2GCertificate'} (F06.FR.01: the message it wants), answers the station's CSR${combined ? '' : ' (certificateType V2GCertificate)'} Accepted (A02.FR.11) and sends a CertificateSigned, which the station accepts. Only the answer to the CSR is a CSMS requirement; the trigger and the CertificateSigned are soft findings, and the certificate itself is not judged (OCTT: informational).`,
    actions: [`renew the station's ISO 15118 ${combined ? 'combined' : 'V2G'} certificate in the CSMS`],
    source: `OCTT ${combined ? 'TC_A_13_CSMS' : 'TC_A_12_CSMS'} (tzi-OCTT): step 1 requestedMessage, step 4 Accepted; the certificate checks do not fail the case. A CSMS without ISO 15118 support: not applicable.`,
  }, async ({ booted, station, drv, operate, facts }) => {
    void booted;
    const requestedMessage = combined ? 'SignCombinedCertificate' : 'SignV2GCertificate';
    await operate({ type: 'renewV2GCertificate', stationId: facts.stationId, combined });
    const trigger = await drv.should(() => station.expectCall('TriggerMessage', { requestedMessage }, { rule: 'F06.FR.01', within: station.timing.actionTimeout }));
    if (!trigger) return;
    const { csrPem } = await makeCsr(`CN=${station.serialNumber},O=ocpp-harness`);
    station.reply('CertificateSigned', { status: 'Accepted' });
    const mark = station.mark(`the station sends its ${combined ? 'combined' : 'V2G'} CSR`);
    await drv.expect('SignCertificate', combined ? { csr: csrPem } : { csr: csrPem, certificateType: 'V2GCertificate' }, { status: 'Accepted' }, { rule: 'A02.FR.11' });
    await drv.should(() => station.expectCall('CertificateSigned', { certificateChain: present() }, { rule: 'A02.FR.11', after: mark }));
  });
}
