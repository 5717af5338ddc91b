/**
 * CSMS under test, authorization: Authorize answered per token status (valid, unknown, blocked,
 * expired), group ids, and transaction start messages with a token that was not authorized
 * first (cache / local list) or is not valid.
 */
import { csmsCase } from '../../../fixtures/csms';
import { diff, oneOf, show } from '../../../harness/model/match';
import { REPLY_LEVEL, STATUS_REPLY, type StationDriver } from '../../../harness/judge/as-station/station-driver';

/** The CSMS answers Authorize with the token's status: accepted, or why not (2.0.1 C01.FR.07; 1.6 §4.1). */
const AUTHORIZE_REPLY = { '1.6': '1.6§4.1', '2.0.1': 'C01.FR.07' };

type Kind = 'unknown' | 'blocked' | 'expired';
const STATUS_CASES: { kind: Kind; ids: { '2.0.1': string; '1.6': string }; title: string; expected: { '2.0.1': string[]; '1.6': string[] }; fault: 'auth.acceptsUnknownToken' | 'auth.acceptsBlockedToken' | 'auth.acceptsExpiredToken' }[] = [
  { kind: 'unknown', ids: { '2.0.1': 'TC_C_02_CSMS', '1.6': 'TC_023_1_CSMS' }, title: 'Local start transaction - Authorization Invalid/Unknown', expected: { '2.0.1': ['Invalid', 'Unknown'], '1.6': ['Invalid'] }, fault: 'auth.acceptsUnknownToken' },
  { kind: 'blocked', ids: { '2.0.1': 'TC_C_06_CSMS', '1.6': 'TC_023_3_CSMS' }, title: 'Local start transaction - Authorization Blocked', expected: { '2.0.1': ['Blocked', 'Invalid'], '1.6': ['Blocked'] }, fault: 'auth.acceptsBlockedToken' },
  { kind: 'expired', ids: { '2.0.1': 'TC_C_07_CSMS', '1.6': 'TC_023_2_CSMS' }, title: 'Local start transaction - Authorization Expired', expected: { '2.0.1': ['Expired', 'Invalid'], '1.6': ['Expired'] }, fault: 'auth.acceptsExpiredToken' },
];

for (const c of STATUS_CASES) {
  csmsCase({
    ids: c.ids,
    title: c.title,
    area: 'authorization',
    useCase: { '2.0.1': 'C01 EV Driver Authorization using RFID', '1.6': '1.6 §4.1 Authorize' },
    requirements: { '2.0.1': ['C01.FR.07'], '1.6': ['1.6§4.1'] },
    catches: [c.fault],
    expectation: `Authorize with the ${c.kind} token is answered ${c.expected['2.0.1'].join(' or ')} (1.6: ${c.expected['1.6'].join(' or ')}), never Accepted: the status says why the token is refused (C01.FR.07, 1.6 §4.1).`,
    source: 'OCTT tool validation: the listed statuses (OCTT 2.0.1 allows Invalid for every non-valid token; OCTT 1.6 expects the exact status).',
  }, async ({ booted, drv, need, ocppVersion }) => {
    const token = need(c.kind);
    await drv.level(REPLY_LEVEL, () => drv.plugIn(booted.connectors[0], { rule: STATUS_REPLY }));
    await drv.authorize(token, { status: oneOf(...c.expected[ocppVersion]) }, { rule: AUTHORIZE_REPLY });
  });
}

/**
 * The group of a token in a reply the CSMS sent: 2.0.1 groupIdToken, a SHALL (C09.FR.09 in
 * AuthorizeResponse, with C01.FR.06; C09.FR.12 in TransactionEventResponse); 1.6 parentIdTag, which
 * the Central System MAY include (1.6 §4.1; groups: §3.10): a soft finding there.
 */
async function expectGroup(drv: StationDriver, reply: Record<string, unknown>, group: string, rule: { '1.6': string; '2.0.1': string }): Promise<void> {
  await drv.level({ '1.6': 'should', '2.0.1': 'shall' }, async () => {
    const want = drv.info(drv.group(group));
    const d = diff(reply, want);
    if (d) throw drv.station.failure(drv.rule(rule), `the reply ⊇ ${show(want)}`, `differs at ${d.path} (${d.actual} ≠ ${d.expected})`);
  });
}

csmsCase({
  ids: { '2.0.1': 'TC_C_39_CSMS', '1.6': 'HX_TC_C_39_CSMS' },
  title: 'Authorization by GroupId - Success',
  area: 'authorization',
  useCase: { '2.0.1': 'C09 Authorization by GroupId', '1.6': '1.6 §3.10 Parent idTag' },
  requirements: { '2.0.1': ['C01.FR.06', 'C09.FR.09', 'C09.FR.12'], '1.6': ['1.6§3.10', '1.6§4.1'] },
  catches: ['auth.noGroupId'],
  expectation: 'Two valid tokens of one group: each Authorize (and the transaction start) is Accepted with the configured group id (2.0.1 C09.FR.09 / C09.FR.12, SHALL; 1.6: parentIdTag, which the Central System MAY include: a soft finding), so the second token may stop the first one\'s transaction.',
  actions: ['configure two valid tokens with the same group id in the CSMS'],
}, async ({ booted, drv, need }) => {
  const [valid, valid2, group] = [need('valid'), need('valid2'), need('group')];
  const c = booted.connectors[0];
  const authorizeGroup = { '1.6': '1.6§3.10', '2.0.1': 'C09.FR.09, C01.FR.06' };
  await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  await expectGroup(drv, await drv.authorize(valid, { status: 'Accepted' }, { rule: AUTHORIZE_REPLY }), group, authorizeGroup);
  const tx = await drv.startTransaction(c, valid, { status: 'Accepted' }, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.11, E01.FR.12' } });
  await expectGroup(drv, tx.startReply, group, { '1.6': '1.6§3.10', '2.0.1': 'C09.FR.12' });
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
  await expectGroup(drv, await drv.authorize(valid2, { status: 'Accepted' }, { rule: AUTHORIZE_REPLY }), group, authorizeGroup);
  await drv.stopTransaction(tx, { rule: { '1.6': '1.6§4.10', '2.0.1': 'E01.FR.12' }, reason: 'Local', token: valid2, expectedInfo: { status: 'Accepted' } });
});

csmsCase({
  ids: { '2.0.1': 'TC_C_08_CSMS', '1.6': 'TC_007_CSMS' },
  title: 'Authorization through authorization cache - Accepted',
  area: 'authorization',
  useCase: { '2.0.1': 'C12 Start Transaction - Cached Id', '1.6': '1.6 §4.8 Start Transaction (cached idTag)' },
  requirements: { '2.0.1': ['C12.FR.03', 'E01.FR.11', 'E01.FR.12'], '1.6': ['1.6§4.8'] },
  catches: ['tx.rejectsUnauthorizedStart'],
  expectation: 'The station starts a transaction with a valid token from its cache, without an Authorize first; the CSMS checks the token when it processes the start and answers it Accepted (C12.FR.03, E01.FR.12; 1.6 §4.8).',
}, async ({ booted, drv, need }) => {
  const c = booted.connectors[0];
  await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  const tx = await drv.startTransaction(c, need('valid'), { status: 'Accepted' }, { rule: { '1.6': '1.6§4.8', '2.0.1': 'C12.FR.03, E01.FR.12' } });
  await drv.level(REPLY_LEVEL, () => drv.charging(tx, { rule: STATUS_REPLY }));
});

csmsCase({
  ids: { '2.0.1': 'TC_C_20_CSMS', '1.6': 'HX_TC_C_20_CSMS' },
  title: 'Authorization through authorization cache - Invalid',
  area: 'authorization',
  useCase: { '2.0.1': 'C12 Start Transaction - Cached Id', '1.6': '1.6 §4.8 Start Transaction' },
  requirements: { '2.0.1': ['E01.FR.11', 'E01.FR.12', 'E05.FR.01'], '1.6': ['1.6§4.8'] },
  catches: ['tx.acceptsInvalidToken'],
  expectation: 'A transaction started with a token the CSMS does not know (a stale cache entry) is answered with an id status other than Accepted: the CSMS verifies the token of every transaction start (E01.FR.11, E05.FR.01; 1.6 §4.8).',
}, async ({ booted, drv, need, ocppVersion }) => {
  const c = booted.connectors[0];
  await drv.level(REPLY_LEVEL, () => drv.plugIn(c, { rule: STATUS_REPLY }));
  await drv.startTransaction(c, need('unknown'), { status: oneOf(...(ocppVersion === '1.6' ? ['Invalid', 'Blocked', 'Expired'] : ['Invalid', 'Unknown', 'Blocked', 'Expired'])) }, { rule: { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.11, E05.FR.01' } });
});
