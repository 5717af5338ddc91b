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

ocppCase({
  ids: { '2.0.1': 'TC_F_03_CS' }, title: 'Remote start transaction - Remote start first - AuthorizeRemoteStart is false', area: 'authorization', useCase: startUseCase,
  needs: [needs.writable(SETTINGS.authorizeRemote)],
  requirements: { '2.0.1': ['F02.FR.10', 'F02.FR.01', 'F02.FR.21'] },
  catches: ['remote.authorizesAnyway', 'remote.wrongToken'],
  actions: ['plugIn', 'observeRelay'],
  expectation: 'With AuthorizeRemoteStart false a remote start is Accepted and the transaction starts for the given token without an AuthorizeRequest; its first event carries the remoteStartId (triggerReason RemoteStart) and energy flows once the cable is in.',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  await ocpp.configure(SETTINGS.authorizeRemote, 'false');
  const mark = csms.mark('remote start, AuthorizeRemoteStart false');
  const request = await auth.remoteStart(tokens.valid, c, 'Accepted', { rule: 'F02.FR.10' });
  await hardware.plugIn(c);
  const started = await auth.expectStartedWithoutAuthorize(c, tokens.valid, { rule: 'F02.FR.12, F02.FR.21', noAuthorizeRule: 'F02.FR.10', after: mark, because: 'AuthorizeRemoteStart is false' });
  await csms.expectPayload(started, { triggerReason: 'RemoteStart', transactionInfo: { remoteStartId: request.remoteStartId } }, { rule: 'F02.FR.01, F02.FR.21' });
  await hardware.expectRelay(c, true, 'F02.FR.10');
});

ocppCase({
  ids: { '1.6': 'TC_011_2_CS' }, title: 'Remote Start Charging Session - Time Out', area: 'authorization', useCase: startUseCase,
  requirements: { '1.6': ['1.6§5.11', '1.6§9.1.ConnectionTimeOut', '1.6§4.9'] },
  catches: ['auth.ignoresConnectionTimeOut'],
  expectation: 'A remote start is Accepted and the connector goes Preparing; no cable comes, and after ConnectionTimeOut the connector is Available again (window: timeout - 1 s .. timeout + 10 s, as TC_004_2_CS).',
}, async ({ booted, auth, ocpp, csms, tokens }) => {
  const c = booted.connectors[0];
  const timeout = 40; // scaled about 2 s embedded: the lower bound stays well above a busy machine's slack
  await ocpp.configure(SETTINGS.connectionTimeOut, String(timeout));
  const mark = csms.mark('remote start, no cable');
  await auth.remoteStart(tokens.valid, c, 'Accepted', { rule: '1.6§5.11' });
  // Preparing once the remote start is accepted (§7.7; with AuthorizeRemoteTxRequests after its Authorize).
  const preparing = await ocpp.expectStatus(c, { '1.6': 'Preparing' }, { rule: '1.6§4.9', after: mark });
  const available = await ocpp.expectStatus(c, 'Available', { rule: '1.6§9.1.ConnectionTimeOut', within: timeout + 10, after: preparing.entry });
  const gap = available.entry.t - preparing.entry.t;
  const min = (timeout - 1) * csms.timing.scale * 1000 - csms.timing.slackMs;
  if (gap < min) throw csms.failure('1.6§9.1.ConnectionTimeOut', `Available no earlier than ConnectionTimeOut - 1 s (${timeout - 1} s)`, `after ${gap} ms`);
});

ocppCase({
  ids: { '1.6': 'TC_027_CS' }, title: 'Remote start transaction - connector id shall not be 0', area: 'authorization', useCase: startUseCase,
  requirements: { '1.6': ['1.6§5.11'] },
  catches: ['remote.startsOnConnectorZero'],
  expectation: 'RemoteStartTransaction with connectorId 0 (not a connector: §6.33 connectorId > 0) is answered Rejected, or refused with CALLERROR PropertyConstraintViolation, and starts nothing. The text binds the Central System here (§6.33), not the Charge Point: a miss is a soft finding.',
  source: 'OCTT 1.6 TC_027_CS as read by the EVtivity mirror (Rejected); the CALLERROR alternative from OCPP-J 1.6 §4.2.3 (a field outside its constraints).',
}, async ({ booted, ocpp, csms, auth, tokens }) => {
  void booted;
  const mark = csms.mark('remote start on connectorId 0');
  await ocpp.should(async () => {
    const outcome = await csms.call('RemoteStartTransaction', { idTag: tokens.valid, connectorId: 0 }, { rule: '1.6§5.11' });
    const answer = outcome.kind === 'error' ? `CALLERROR ${outcome.code}` : String(outcome.payload.status);
    if (answer !== 'Rejected' && answer !== 'CALLERROR PropertyConstraintViolation') throw csms.failure('1.6§5.11', 'RemoteStartTransaction for connectorId 0 answered Rejected (or CALLERROR PropertyConstraintViolation)', answer);
  });
  await auth.expectNoTransactionStart({ rule: '1.6§5.11', after: mark, because: 'after a remote start for connectorId 0' });
});
