/** The passive checks of every station case: the station's layout, and the fields of transaction messages (issue 15). */
import { expect, test } from '@playwright/test';
import { LayoutCheck } from '../../harness/judge/as-csms/layout-check';
import { TransactionCheck } from '../../harness/judge/as-csms/transaction-check';
import { layoutRefs } from '../../harness/model/layout';
import type { OcppVersion } from '../../harness/protocol/versions';
import { Journal } from '../../harness/transport/journal';

let n = 0;
function wire(version: OcppVersion): { j: Journal; call: (action: string, payload: Record<string, unknown>) => string; reply: (id: string, payload: Record<string, unknown>) => void } {
  const j = new Journal();
  new LayoutCheck(j, version, [layoutRefs([1, 1])], 'test layout').watch();
  new TransactionCheck(j, version).watch();
  return {
    j,
    call: (action, payload) => { const id = `m${++n}`; j.frame('in', JSON.stringify([2, id, action, payload]), { type: 2, id, action, payload }); return id; },
    reply: (id, payload) => { j.frame('out', JSON.stringify([3, id, payload]), { type: 3, id, payload }); },
  };
}
const rules = (j: Journal, severity: string): string[] => j.findings.filter((f) => f.severity === severity).map((f) => f.rule);
const ev = (seqNo: number, eventType = 'Updated', extra: Record<string, unknown> = {}, id = 'T1'): Record<string, unknown> => ({ eventType, timestamp: new Date(1e12 + seqNo * 1000).toISOString(), triggerReason: 'MeterValuePeriodic', seqNo, transactionInfo: { transactionId: id }, ...extra });

test('1.6 layout: connectorId 0..n for StatusNotification and MeterValues, 1..n for StartTransaction', () => {
  const { j, call } = wire('1.6');
  call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' });
  call('StatusNotification', { connectorId: 2, errorCode: 'NoError', status: 'Available' });
  call('MeterValues', { connectorId: 0, meterValue: [] });
  expect(j.findings).toEqual([]);
  call('StatusNotification', { connectorId: 3, errorCode: 'NoError', status: 'Available' });
  call('StartTransaction', { connectorId: 0, idTag: 'A', meterStart: 0, timestamp: new Date().toISOString() });
  call('MeterValues', { connectorId: 5, meterValue: [] });
  expect(rules(j, 'fail')).toEqual(['1.6§3.8', '1.6§3.8', '1.6§3.8']);
  expect(j.findings[0].message).toContain('connectorId 0 (the Charge Point) and 1..2');
  expect(j.findings[0].raw).toContain('"connectorId":3');
});

test('2.0.1 layout: StatusNotification, TransactionEvent evse and MeterValues evseId name the station\'s; NotifyReport extends the layout', () => {
  const { j, call } = wire('2.0.1');
  call('StatusNotification', { evseId: 2, connectorId: 1, connectorStatus: 'Available', timestamp: new Date().toISOString() });
  call('MeterValues', { evseId: 0, meterValue: [] });
  call('TransactionEvent', ev(0, 'Started', { evse: { id: 1, connectorId: 1 } }));
  expect(j.findings).toEqual([]);
  call('StatusNotification', { evseId: 3, connectorId: 1, connectorStatus: 'Available', timestamp: new Date().toISOString() });
  call('TransactionEvent', ev(0, 'Started', { evse: { id: 1, connectorId: 2 } }, 'T2'));
  call('MeterValues', { evseId: 4, meterValue: [] });
  expect(rules(j, 'fail')).toEqual(['Part2§StatusNotificationRequest', 'E01.FR.16', 'J01.FR.02']);
  call('NotifyReport', { requestId: 1, generatedAt: new Date().toISOString(), seqNo: 0, reportData: [{ component: { name: 'Connector', evse: { id: 3, connectorId: 1 } }, variable: { name: 'AvailabilityState' } }] });
  call('StatusNotification', { evseId: 3, connectorId: 1, connectorStatus: 'Available', timestamp: new Date().toISOString() });
  expect(rules(j, 'fail')).toHaveLength(3);
});

test('2.0.1 seqNo: one more per event of a transaction; a resend, an interleaved station-wide counter and an offline transaction are not judged', () => {
  const { j, call } = wire('2.0.1');
  call('TransactionEvent', ev(0, 'Started'));
  call('TransactionEvent', ev(1));
  call('TransactionEvent', ev(1)); // E13 resend of the same event
  call('TransactionEvent', { ...ev(1), offline: true }); // resend set offline (E11.FR.07)
  call('TransactionEvent', ev(2));
  expect(j.findings).toEqual([]);
  // A station-wide counter: another transaction's event in between.
  call('TransactionEvent', ev(3, 'Started', {}, 'T2'));
  call('TransactionEvent', ev(4));
  expect(j.findings).toEqual([]);
  call('TransactionEvent', ev(6));
  call('TransactionEvent', { ...ev(6), triggerReason: 'ChargingStateChanged' });
  expect(rules(j, 'fail')).toEqual(['E01.FR.07', 'E01.FR.07']);
  // A lost connection between two events: events MAY have been dropped offline (E11.FR.04).
  call('TransactionEvent', ev(7));
  j.event('connection', 'station "CS1" connected again');
  call('TransactionEvent', ev(9));
  expect(rules(j, 'fail')).toHaveLength(2);
  // TxStartPoint / TxStopPoint: one Started, one Ended, nothing after the Ended.
  call('TransactionEvent', ev(0, 'Started', {}, 'T3'));
  call('TransactionEvent', ev(1, 'Started', {}, 'T3'));
  call('TransactionEvent', ev(2, 'Ended', {}, 'T3'));
  call('TransactionEvent', ev(3, 'Updated', {}, 'T3'));
  expect(rules(j, 'fail').slice(2)).toEqual(['Part2§TxStartPoint', 'Part2§TxStopPoint']);
  const offline = wire('2.0.1');
  offline.call('TransactionEvent', { ...ev(0, 'Started'), offline: true });
  offline.call('TransactionEvent', { ...ev(3), offline: true });
  expect(offline.j.findings).toEqual([]);
});

test('energy registers do not go down within a transaction (2.0.1 MeasurandEnumType Note 2, 1.6 errata §3.78)', () => {
  const mv = (t: number, value: number | string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ timestamp: new Date(1e12 + t * 1000).toISOString(), sampledValue: [{ value, ...extra }] });
  const v201 = wire('2.0.1');
  v201.call('TransactionEvent', ev(0, 'Started', { meterValue: [mv(0, 12345, { context: 'Transaction.Begin' })] }));
  // 12.34 kWh written with 2 decimals: within its resolution of 12345 Wh.
  v201.call('TransactionEvent', ev(1, 'Updated', { meterValue: [mv(1, 12.34, { unitOfMeasure: { unit: 'kWh' } }), mv(1, 5, { measurand: 'Power.Active.Import' })] }));
  expect(v201.j.findings).toEqual([]);
  v201.call('TransactionEvent', ev(2, 'Ended', { meterValue: [mv(2, 12000, { context: 'Transaction.End' })] }));
  expect(rules(v201.j, 'fail')).toEqual(['Part2§MeasurandEnumType']);
  expect(v201.j.findings[0].message).toContain('went down');

  const v16 = wire('1.6');
  const start = v16.call('StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 1000, timestamp: new Date(1e12).toISOString() });
  v16.reply(start, { transactionId: 7, idTagInfo: { status: 'Accepted' } });
  v16.call('MeterValues', { connectorId: 1, transactionId: 7, meterValue: [mv(1, '1.5', { unit: 'kWh' })] });
  v16.call('MeterValues', { connectorId: 1, transactionId: 7, meterValue: [mv(2, '1600')] });
  expect(v16.j.findings).toEqual([]);
  v16.call('StopTransaction', { transactionId: 7, meterStop: 900, timestamp: new Date(1e12 + 3000).toISOString() });
  expect(rules(v16.j, 'fail')).toEqual(['1.6§7.31']);
});
