/** The CSMS rejects the token of a started transaction (2.0.1 E05; 1.6 StopTransactionOnInvalidId, §7.7 SuspendedEVSE). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';

for (const [stop, id] of [[true, 'HX_E05_01_CS'], [false, 'HX_E05_02_CS']] as const) {
  ocppCase({
    ids: { '2.0.1': id, '1.6': id }, title: `Start transaction - Id not Accepted - StopTxOnInvalidId=${stop}`, area: 'authorization',
    useCase: { '2.0.1': 'E05 Start Transaction - Id not Accepted', '1.6': '1.6 §4.8 Start Transaction, §9.1 StopTransactionOnInvalidId' },
    requirements: { '2.0.1': stop ? ['E05.FR.09'] : ['E05.FR.02'], '1.6': ['1.6§4.8', '1.6§9.1.StopTransactionOnInvalidId', ...(stop ? [] : ['1.6§7.7'])] },
    catches: ['auth.ignoresStopTxOnInvalidId'],
    actions: ['plugIn', 'presentCard', 'observeRelay'],
    expectation: stop
      ? 'Authorize says Accepted, the start of the transaction is answered Invalid: the station deauthorizes it and the relay opens.'
      : 'Authorize says Accepted, the start is answered Invalid: energy stops (1.6 SuspendedEVSE, 2.0.1 chargingState SuspendedEVSE) while the transaction stays open.',
    source: 'No OCTT id for the online variant (OCTT tests it offline: TC_037_3_CS, TC_C_16/17_CS); derived from E05 and the 1.6 key. In 1.6 the reaction is a SHOULD (§3.5.4, moved to §4.8 by errata v4.0 §3.17): a miss there is a soft finding.',
  }, async ({ evConnected, auth, ocpp, hardware, tokens }) => {
    const c = evConnected.connector;
    const rule = { '1.6': '1.6§9.1.StopTransactionOnInvalidId', '2.0.1': stop ? 'E05.FR.09' : 'E05.FR.02' };
    await ocpp.configure(SETTINGS.stopTxOnInvalidId, String(stop));
    auth.replyTransactionStart(tokens.valid, 'Invalid');
    await hardware.presentCard(tokens.valid, c);
    await auth.expectTransactionStarted(c, tokens.valid, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.10' } });
    await ocpp.level({ '1.6': 'should', '2.0.1': 'shall' }, async () => {
      if (stop) await auth.expectDeauthorized({ rule });
      else await auth.expectSuspended(c, { rule });
      await hardware.expectRelay(c, false, ocpp.rule(rule));
    });
  });
}
