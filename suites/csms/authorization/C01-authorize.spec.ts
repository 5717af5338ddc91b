/**
 * CSMS under test, authorization: Authorize answered per token status (valid, unknown, blocked,
 * expired), group ids, and transaction start messages with a token that was not authorized
 * first (cache / local list) or is not valid.
 */
import { csmsCase } from '../../../fixtures/csms';
import { oneOf } from '../../../harness/model/match';

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
    requirements: { '2.0.1': ['C01.FR.02', c.ids['2.0.1']], '1.6': ['1.6 §4.1', c.ids['1.6']] },
    catches: [c.fault],
    expectation: `Authorize with the ${c.kind} token is answered ${c.expected['2.0.1'].join(' or ')} (1.6: ${c.expected['1.6'].join(' or ')}), never Accepted.`,
    source: 'OCTT tool validation: the listed statuses (OCTT 2.0.1 allows Invalid for every non-valid token; OCTT 1.6 expects the exact status).',
  }, async ({ booted, drv, need, ocppVersion }) => {
    const token = need(c.kind);
    await drv.plugIn(booted.connectors[0], { rule: { '1.6': '1.6 §4.9', '2.0.1': 'G01.FR.01' } });
    await drv.authorize(token, { status: oneOf(...c.expected[ocppVersion]) }, { rule: c.ids[ocppVersion] });
  });
}

csmsCase({
  ids: { '2.0.1': 'TC_C_39_CSMS', '1.6': 'HX_TC_C_39_CSMS' },
  title: 'Authorization by GroupId - Success',
  area: 'authorization',
  useCase: { '2.0.1': 'C09 Authorization by GroupId', '1.6': '1.6 §3.5.5 parentIdTag' },
  requirements: { '2.0.1': ['C09.FR.09', 'C09.FR.12'], '1.6': ['HX_TC_C_39_CSMS'] },
  catches: ['auth.noGroupId'],
  expectation: 'Two valid tokens of one group: each Authorize (and the transaction start) is Accepted with the configured group id (2.0.1 C09.FR.09 / C09.FR.12; 1.6: parentIdTag, OCTT TC_C_39 counterpart), so the second token may stop the first one\'s transaction.',
  actions: ['configure two valid tokens with the same group id in the CSMS'],
}, async ({ booted, drv, need }) => {
  const [valid, valid2, group] = [need('valid'), need('valid2'), need('group')];
  const c = booted.connectors[0];
  const rule = { '1.6': 'HX_TC_C_39_CSMS', '2.0.1': 'C09.FR.09' };
  await drv.plugIn(c, { rule: { '1.6': '1.6 §4.9', '2.0.1': 'G01.FR.01' } });
  await drv.authorize(valid, { status: 'Accepted', ...drv.group(group) }, { rule });
  const tx = await drv.startTransaction(c, valid, { status: 'Accepted', ...drv.group(group) }, { rule: { '1.6': 'HX_TC_C_39_CSMS', '2.0.1': 'C09.FR.12' } });
  await drv.charging(tx, { rule: { '1.6': '1.6 §4.9', '2.0.1': 'E01' } });
  await drv.authorize(valid2, { status: 'Accepted', ...drv.group(group) }, { rule });
  await drv.stopTransaction(tx, { rule, reason: 'Local', token: valid2, expectedInfo: { status: 'Accepted' } });
});

csmsCase({
  ids: { '2.0.1': 'TC_C_08_CSMS', '1.6': 'TC_007_CSMS' },
  title: 'Authorization through authorization cache - Accepted',
  area: 'authorization',
  useCase: { '2.0.1': 'C12 Start Transaction - Cached Id', '1.6': '1.6 §4.8 Start Transaction (cached idTag)' },
  requirements: { '2.0.1': ['C12', 'TC_C_08_CSMS'], '1.6': ['1.6 §4.8', 'TC_007_CSMS'] },
  catches: ['tx.rejectsUnauthorizedStart'],
  expectation: 'The station starts a transaction with a valid token from its cache, without an Authorize first; the CSMS answers it Accepted.',
}, async ({ booted, drv, need }) => {
  const c = booted.connectors[0];
  const rule = { '1.6': 'TC_007_CSMS', '2.0.1': 'TC_C_08_CSMS' };
  await drv.plugIn(c, { rule: { '1.6': '1.6 §4.9', '2.0.1': 'G01.FR.01' } });
  const tx = await drv.startTransaction(c, need('valid'), { status: 'Accepted' }, { rule });
  await drv.charging(tx, { rule: { '1.6': '1.6 §4.9', '2.0.1': 'E01' } });
});

csmsCase({
  ids: { '2.0.1': 'TC_C_20_CSMS', '1.6': 'HX_TC_C_20_CSMS' },
  title: 'Authorization through authorization cache - Invalid',
  area: 'authorization',
  useCase: { '2.0.1': 'C12 Start Transaction - Cached Id', '1.6': '1.6 §4.8 Start Transaction' },
  requirements: { '2.0.1': ['TC_C_20_CSMS'], '1.6': ['HX_TC_C_20_CSMS'] },
  catches: ['tx.acceptsInvalidToken'],
  expectation: 'A transaction started with a token the CSMS does not know (a stale cache entry) is answered with an id status other than Accepted.',
}, async ({ booted, drv, need, ocppVersion }) => {
  const c = booted.connectors[0];
  await drv.plugIn(c, { rule: { '1.6': '1.6 §4.9', '2.0.1': 'G01.FR.01' } });
  await drv.startTransaction(c, need('unknown'), { status: oneOf(...(ocppVersion === '1.6' ? ['Invalid', 'Blocked', 'Expired'] : ['Invalid', 'Unknown', 'Blocked', 'Expired'])) }, { rule: { '1.6': 'HX_TC_C_20_CSMS', '2.0.1': 'TC_C_20_CSMS' } });
});
