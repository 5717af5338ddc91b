/**
 * CSMS under test, C16 Stop Transaction with a Master Pass: two transactions run (EVSE 1 with
 * the valid token, EVSE 2 with the second one); a master pass token (group = the stations'
 * MasterPassGroupId) is presented and the station ends all of them, or the one the user picked,
 * with stoppedReason MasterPass. The CSMS answers the master pass Authorize Accepted with its
 * group (C09.FR.09, C01.FR.06) and every Ended event with the token's status and group (E01.FR.12,
 * C09.FR.12).
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import type { ToolTransaction } from '../../../harness/judge/as-station/station-driver';
import { TransactionFlows } from '../../../harness/judge/as-station/transaction-flows';

const C16 = { '2.0.1': 'C16 Stop Transaction with a Master Pass' };

for (const c of [
  { id: 'TC_C_47_CSMS', title: 'Stop Transaction with a Master Pass - With UI - All transactions', stops: 'all', stopToken: 'masterPass' },
  { id: 'TC_C_48_CSMS', title: 'Stop Transaction with a Master Pass - Specific transactions', stops: 'first', stopToken: 'masterPass' },
  { id: 'TC_C_49_CSMS', title: 'Stop Transaction with a Master Pass - Without UI', stops: 'all', stopToken: 'own' },
] as const) {
  csmsCase({
    ids: { '2.0.1': c.id },
    title: c.title,
    area: 'authorization',
    useCase: C16,
    requirements: { '2.0.1': ['C01.FR.06', 'C09.FR.09', 'C09.FR.12', 'E01.FR.12'] },
    catches: ['auth.noGroupId', 'tx.infoOnlyOnStarted'],
    expectation: `Two transactions charging; the master pass token is presented: Authorize answered Accepted with the master pass group; the station ends ${c.stops === 'all' ? 'both transactions' : 'the transaction the user picked'} (Ended StopAuthorized / MasterPass, with ${c.stopToken === 'masterPass' ? 'the master pass token' : 'each transaction\'s own token'}), each answered Accepted with that token's group.`,
    source: c.stopToken === 'own' ? 'OCTT TC_C_49_CSMS (tzi 2.0.1/C/test_tc_c_49_csms.py) sends each transaction\'s own token in the Ended event and expects the master pass group in the reply; the text asks for the group of the token the event carries (C09.FR.12), which is what is checked here.' : undefined,
    actions: ['configure the master pass token with the master pass group id, and the two valid tokens'],
  }, async ({ booted, drv, need }) => {
    csmsTest.skip(booted.connectors.length < 2, 'needs a station with two EVSEs (csms.facts.evses)');
    const f = new TransactionFlows(drv);
    const [valid, valid2, group, master, masterGroup] = [need('valid'), need('valid2'), need('group'), need('masterPass'), need('masterPassGroup')];
    const running: [ToolTransaction, string][] = [];
    for (const [i, token] of [valid, valid2].entries()) {
      const tx = f.newTransaction(booted.connectors[i]);
      await f.status(tx.connector, 'Occupied');
      await f.event(tx, { eventType: 'Started', trigger: 'Authorized', chargingState: 'EVConnected', token });
      await f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'Charging' });
      running.push([tx, token]);
    }
    await drv.authorize(master, { status: 'Accepted', groupIdToken: { idToken: masterGroup } }, { rule: { '2.0.1': 'C09.FR.09, C01.FR.06' } });
    for (const [tx, own] of c.stops === 'all' ? running : running.slice(0, 1)) {
      const token = c.stopToken === 'masterPass' ? master : own;
      await f.event(tx, { eventType: 'Ended', trigger: 'StopAuthorized', chargingState: 'Idle', stoppedReason: 'MasterPass', token,
        expectedInfo: { status: 'Accepted', groupIdToken: { idToken: token === master ? masterGroup : group } }, rule: { '2.0.1': 'E01.FR.12, C09.FR.12' } });
    }
  });
}
