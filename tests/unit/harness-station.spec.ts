/**
 * The harness's station (CSMS role) behaves like a real one: reconnection back-off, its device
 * model (GetVariables / SetVariables / GetConfiguration / ChangeConfiguration, reports in parts).
 */
import { expect, test } from '@playwright/test';
import { RECONNECT_BACKOFF, backoffSeconds } from '../../harness/judge/as-station/backoff';
import { DeviceModel } from '../../harness/judge/as-station/device-model';

test('back-off: the minimum, doubled per failed attempt up to RetryBackOffRepeatTimes, plus 0..RetryBackOffRandomRange', () => {
  const b = RECONNECT_BACKOFF;
  expect(backoffSeconds(0, b, () => 0)).toBe(b.waitMinimum);
  expect(backoffSeconds(1, b, () => 0)).toBe(2 * b.waitMinimum);
  expect(backoffSeconds(2, b, () => 0)).toBe(4 * b.waitMinimum);
  expect(backoffSeconds(99, b, () => 0)).toBe(2 ** b.repeatTimes * b.waitMinimum);
  expect(backoffSeconds(0, b, () => 0.999)).toBeCloseTo(b.waitMinimum + 0.999 * b.randomRange);
});

test('2.0.1 variables: unknown component / variable, read-only and badly typed values Rejected, a write read back', () => {
  const m = new DeviceModel('2.0.1');
  const comm = { name: 'OCPPCommCtrlr' };
  expect(m.getVariables([{ component: { name: 'Nope' }, variable: { name: 'X' } }])[0].attributeStatus).toBe('UnknownComponent');
  expect(m.getVariables([{ component: comm, variable: { name: 'Nope' } }])[0].attributeStatus).toBe('UnknownVariable');
  expect(m.setVariables([{ component: { name: 'ChargingStation' }, variable: { name: 'Model' }, attributeValue: 'x' }])[0].attributeStatus).toBe('Rejected');
  expect(m.setVariables([{ component: comm, variable: { name: 'HeartbeatInterval' }, attributeValue: 'soon' }])[0].attributeStatus).toBe('Rejected');
  expect(m.setVariables([{ component: comm, variable: { name: 'HeartbeatInterval' }, attributeValue: '120' }])[0].attributeStatus).toBe('Accepted');
  expect(m.getVariables([{ component: comm, variable: { name: 'HeartbeatInterval' } }])[0]).toMatchObject({ attributeStatus: 'Accepted', attributeValue: '120' });
});

test('2.0.1 reports: FullInventory in parts with seqNo from 0 and tbc on all but the last; ConfigurationInventory only writable ones', () => {
  const m = new DeviceModel('2.0.1');
  m.setLayout([{ evseId: 1, connectorId: 1 }, { evseId: 2, connectorId: 1 }]);
  const all = m.select({ reportBase: 'FullInventory' });
  const parts = m.reportParts(7, all);
  expect(parts.length).toBeGreaterThan(1);
  parts.forEach((p, i) => expect(p).toMatchObject({ requestId: 7, seqNo: i, tbc: i < parts.length - 1 }));
  expect(parts.flatMap((p) => p.reportData as unknown[]).length).toBe(all.length);
  expect(m.select({ reportBase: 'ConfigurationInventory' }).every((e) => e.mutability === 'ReadWrite')).toBe(true);
  expect(m.select({ componentVariable: [{ component: { name: 'Nope' } }] })).toEqual([]);
});

test('1.6 configuration: all keys or the asked ones, unknown keys listed; ChangeConfiguration NotSupported / Rejected / Accepted', () => {
  const m = new DeviceModel('1.6');
  const all = m.getConfiguration(undefined) as { configurationKey: { key: string }[] };
  expect(all.configurationKey.map((k) => k.key)).toContain('HeartbeatInterval');
  expect(m.getConfiguration(['HeartbeatInterval', 'Nope'])).toMatchObject({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false }], unknownKey: ['Nope'] });
  expect(m.changeConfiguration('Nope', '1')).toBe('NotSupported');
  expect(m.changeConfiguration('NumberOfConnectors', '3')).toBe('Rejected');
  expect(m.changeConfiguration('HeartbeatInterval', 'x')).toBe('Rejected');
  expect(m.changeConfiguration('HeartbeatInterval', '60')).toBe('Accepted');
  expect(m.getConfiguration(['HeartbeatInterval'])).toMatchObject({ configurationKey: [{ value: '60' }] });
});
