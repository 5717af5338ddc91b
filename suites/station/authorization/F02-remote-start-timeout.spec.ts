/** Remote start first, and no cable within EVConnectionTimeOut (2.0.1 F02, E03.FR.05; OCTT TC_F_04_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { TransactionDriver } from '../../../harness/judge/as-csms/transaction-driver';

ocppCase({
  ids: { '2.0.1': 'TC_F_04_CS' }, title: 'Remote start transaction - Remote start first - Cable plugin timeout', area: 'authorization',
  useCase: { '2.0.1': 'F02 Remote Start Transaction - Remote Start First, E03 Start Transaction - IdToken First' },
  requirements: { '2.0.1': ['E01.FR.03', 'F02.FR.01', 'F02.FR.12', 'F02.FR.21', 'E03.FR.05'] },
  catches: ['remote.wrongToken', 'tx.noEVConnectionTimeout', 'tx.evConnectTimeoutEarly'],
  expectation: 'With TxStartPoint Authorized, a remote start without a cable starts the transaction (triggerReason RemoteStart, the remoteStartId, the given token); when no cable comes within EVConnectionTimeOut (not earlier: window timeout - 1 s .. timeout + 10 s) the station ends it (Ended, triggerReason EVConnectTimeout, stoppedReason Timeout), and a second remote start on that EVSE is Accepted again. E03.FR.05 is a SHOULD: what follows from it is a soft finding.',
  source: 'OCTT TC_F_04_CS (TxStartPoint ParkingBayOccupancy or Authorized: the harness uses Authorized); the window as TC_004_2_CS / TC_011_2_CS.',
}, async ({ booted, auth, ocpp, csms, tokens }) => {
  const tx = new TransactionDriver(auth);
  const c = booted.connectors[0];
  const timeout = 40; // scaled about 2 s embedded: the lower bound stays well above a busy machine's slack
  await tx.usePoint('TxStartPoint', 'Authorized', ['ParkingBayOccupancy']);
  await ocpp.configure(SETTINGS.connectionTimeOut, String(timeout));
  const mark = csms.mark('remote start, no cable');
  const request = await auth.remoteStart(tokens.valid, c, 'Accepted', { rule: 'F02.FR.12' });
  const started = await tx.expectStarted({ rule: 'E01.FR.03', after: mark });
  await tx.expectFields(started, { idToken: { idToken: tokens.valid } }, { rule: 'F02.FR.12' });
  await tx.expectFields(started, { triggerReason: 'RemoteStart', transactionInfo: { remoteStartId: request.remoteStartId } }, { rule: 'F02.FR.01, F02.FR.21' });
  await ocpp.should(async () => {
    const ended = await tx.expectTrigger('EVConnectTimeout', { rule: 'E03.FR.05', after: started.entry, within: timeout + 10 });
    const gap = ended.entry.t - started.entry.t;
    const min = (timeout - 1) * csms.timing.scale * 1000 - csms.timing.slackMs;
    if (gap < min) throw csms.failure('E03.FR.05', `the transaction ended no earlier than EVConnectionTimeOut - 1 s (${timeout - 1} s)`, `after ${gap} ms`);
    await tx.expectFields(ended, { eventType: 'Ended', transactionInfo: { stoppedReason: 'Timeout' } }, { rule: 'E03.FR.05' });
    const again = csms.mark('remote start again: the EVSE is free');
    await auth.remoteStart(tokens.valid, c, 'Accepted', { rule: 'E03.FR.05' });
    await tx.expectStarted({ rule: 'E01.FR.03', after: again });
  });
});
