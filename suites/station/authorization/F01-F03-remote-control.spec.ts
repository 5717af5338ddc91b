/** Remote start and stop, as a mobile app does it (2.0.1 F01, F02, F03; 1.6 §5.11, §5.12; OCTT TC_010/011/012/026/028, TC_F_01/02/08/09). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';

const startUseCase = { '2.0.1': 'F01/F02 Remote Start Transaction', '1.6': '1.6 §5.11 Remote Start Transaction' };
const stopUseCase = { '2.0.1': 'F03 Remote Stop Transaction', '1.6': '1.6 §5.12 Remote Stop Transaction' };

for (const [ids, title, cableFirst] of [
  [{ '2.0.1': 'TC_F_01_CS', '1.6': 'TC_010_CS' }, 'Remote start transaction - Cable plugin first', true],
  [{ '2.0.1': 'TC_F_02_CS', '1.6': 'TC_011_1_CS' }, 'Remote start transaction - Remote start first', false],
] as const) {
  ocppCase({
    ids, title, area: 'authorization', useCase: startUseCase,
    needs: [needs.writable(SETTINGS.authorizeRemote)],
    requirements: { '2.0.1': cableFirst ? ['F01.FR.01', 'F01.FR.04', 'F01.FR.19'] : ['F02.FR.01', 'F02.FR.09', 'F02.FR.12', 'F02.FR.21'], '1.6': ['1.6§5.11'] },
    catches: ['remote.wrongToken', 'remote.ignoresAuthorizeRemoteTx'],
    actions: ['plugIn', 'observeRelay'],
    expectation: 'A remote start (app token) is Accepted; with AuthorizeRemoteTxRequests the token is authorized first; the transaction carries that token (2.0.1: triggerReason RemoteStart and the remoteStartId) and energy flows.',
  }, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
    const c = booted.connectors[0];
    await ocpp.configure(SETTINGS.authorizeRemote, 'true');
    if (cableFirst) { await hardware.plugIn(c); await ocpp.expectStatus(c, 'Occupied', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.03' } }); }
    const mark = csms.mark('remote start');
    const request = await auth.remoteStart(tokens.valid, c, 'Accepted', { rule: { '1.6': '1.6§5.11', '2.0.1': cableFirst ? 'F01.FR.01' : 'F02.FR.09' } });
    await auth.expectAuthorize(tokens.valid, { rule: { '1.6': '1.6§5.11', '2.0.1': cableFirst ? 'F01.FR.01' : 'F02.FR.09' }, after: mark });
    if (!cableFirst) await hardware.plugIn(c);
    const remote = ocpp.version === '1.6' ? {} : { triggerReason: 'RemoteStart', transactionInfo: { remoteStartId: request.remoteStartId } };
    await auth.expectTransactionStarted(c, tokens.valid, { rule: { '1.6': '1.6§5.11', '2.0.1': cableFirst ? 'F01.FR.04, F01.FR.19' : 'F02.FR.12, F02.FR.21' }, after: mark }, remote);
    await hardware.expectRelay(c, true, ocpp.rule({ '1.6': '1.6§5.11', '2.0.1': 'F01.FR.05' }));
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_F_08_CS', '1.6': 'TC_012_CS' }, title: 'Remote stop transaction - Success', area: 'authorization', useCase: stopUseCase,
  requirements: { '2.0.1': ['F03.FR.07', 'F03.FR.02'], '1.6': ['1.6§5.12'] },
  catches: ['remote.stopIgnored'],
  actions: ['plugIn', 'presentCard', 'observeRelay'],
  expectation: 'A remote stop of the running transaction is Accepted; the station stops it (1.6 StopTransaction reason Remote, 2.0.1 triggerReason RemoteStop) and the relay opens.',
}, async ({ charging, auth, csms, hardware }) => {
  const mark = csms.mark('remote stop');
  await auth.remoteStop(charging.transactionId, 'Accepted', { rule: { '1.6': '1.6§5.12', '2.0.1': 'F03.FR.07' } });
  const rule = { '1.6': '1.6§5.12', '2.0.1': 'F03.FR.02, F03.FR.03' };
  await auth.expectRemoteStopped({ rule, after: mark });
  await hardware.expectRelay(charging.connector, false, auth.ocpp.rule(rule));
});

ocppCase({
  ids: { '2.0.1': 'TC_F_09_CS', '1.6': 'TC_028_CS' }, title: 'Remote stop transaction - Rejected', area: 'authorization', useCase: stopUseCase,
  requirements: { '2.0.1': ['F03.FR.08'], '1.6': ['1.6§5.12'] },
  catches: ['remote.stopUnknownAccepted'],
  expectation: 'A remote stop for a transaction id the station does not have is Rejected.',
}, async ({ booted, auth }) => {
  void booted;
  await auth.remoteStop(auth.ocpp.version === '1.6' ? 987654 : 'no-such-transaction', 'Rejected', { rule: { '1.6': '1.6§5.12', '2.0.1': 'F03.FR.08' } });
});

ocppCase({
  ids: { '2.0.1': 'HX_F01_24_CS', '1.6': 'TC_026_CS' }, title: 'Remote start transaction - Rejected on a connector that is charging', area: 'authorization', useCase: startUseCase,
  requirements: { '2.0.1': ['F01.FR.24'], '1.6': ['1.6§5.11'] },
  catches: ['remote.startsOnBusyConnector'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'A remote start for the connector that already charges is Rejected. 1.6 has no SHALL for it (OCTT TC_026_CS expects it; 1.6 §5.11 only asks for an answer): a soft finding there.',
  source: '2.0.1: no OCTT id found for this variant; derived from F01.FR.24.',
}, async ({ charging, auth, tokens }) => {
  await auth.ocpp.level({ '1.6': 'should', '2.0.1': 'shall' }, () => auth.remoteStart(tokens.valid2, charging.connector, 'Rejected', { rule: { '1.6': '1.6§5.11', '2.0.1': 'F01.FR.24' } }));
});
