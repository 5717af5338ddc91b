/**
 * CSMS under test, C09 Authorization by GroupId through transaction messages: the station holds
 * both tokens in its Local Authorization List, so it starts the transaction with the first
 * without asking (Authorize) and stops it with the second of the same group. Every reply to a
 * token carries its status and the group (C09.FR.02; C09.FR.12 in TransactionEventResponse,
 * C09.FR.09 / C01.FR.06 in AuthorizeResponse).
 */
import { csmsCase } from '../../../fixtures/csms';
import { TransactionFlows } from '../../../harness/judge/as-station/transaction-flows';

const GROUP_IN_EVENT = { '2.0.1': 'C09.FR.02, C09.FR.12' };
const GROUP_IN_AUTHORIZE = { '2.0.1': 'C09.FR.09, C01.FR.06' };

for (const c of [
  { id: 'TC_C_40_CSMS', title: 'Authorization by GroupId - Success with Local Authorization List', authorizeSecond: false },
  { id: 'TC_C_43_CSMS', title: 'Authorization by GroupId - Invalid status with Local Authorization List', authorizeSecond: true },
]) {
  csmsCase({
    ids: { '2.0.1': c.id },
    title: c.title,
    area: 'authorization',
    useCase: { '2.0.1': 'C09 Authorization by GroupId' },
    requirements: { '2.0.1': ['C09.FR.02', 'C09.FR.12', ...(c.authorizeSecond ? ['C09.FR.09', 'C01.FR.06'] : [])] },
    catches: ['auth.noGroupId'],
    expectation: `Two valid tokens of one group: the transaction starts with the first (Started Authorized, no Authorize: the station found it in its list) and${c.authorizeSecond ? ' the second is checked online (Authorize) before it' : ''} stops the authorization (Updated StopAuthorized with the second token); each reply carries Accepted and the configured groupIdToken.`,
    source: c.authorizeSecond ? 'OCTT steps (tzi 2.0.1/C/test_tc_c_43_csms.py): the second token goes to an Authorize first; the title\'s "Invalid status" names the station\'s list entry, the CSMS still answers Accepted with the group.' : undefined,
    actions: ['configure two valid tokens with the same group id in the CSMS'],
  }, async ({ booted, drv, need }) => {
    const f = new TransactionFlows(drv);
    const [valid, valid2, group] = [need('valid'), need('valid2'), need('group')];
    const accepted = { status: 'Accepted', groupIdToken: { idToken: group } };
    const tx = f.newTransaction(booted.connectors[0]);
    await f.status(tx.connector, 'Occupied');
    await f.event(tx, { eventType: 'Started', trigger: 'Authorized', chargingState: 'EVConnected', token: valid, expectedInfo: accepted, rule: GROUP_IN_EVENT });
    await f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'Charging' });
    if (c.authorizeSecond) await drv.authorize(valid2, accepted, { rule: GROUP_IN_AUTHORIZE });
    await f.event(tx, { eventType: 'Updated', trigger: 'StopAuthorized', chargingState: 'Charging', token: valid2, expectedInfo: accepted, rule: GROUP_IN_EVENT });
    await f.event(tx, { eventType: 'Updated', trigger: 'ChargingStateChanged', chargingState: 'EVConnected' });
    await f.status(tx.connector, 'Available');
    await f.event(tx, { eventType: 'Ended', trigger: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' });
  });
}
