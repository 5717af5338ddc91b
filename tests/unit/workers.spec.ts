/**
 * How a run shares its workers (harness/config/workers.ts) and how a worker holds what depends
 * on the case's security profile (fixtures/common.ts ByProfile).
 */
import { expect, test } from '@playwright/test';
import { embeddedWorkers, projectWorkers } from '../../harness/config/workers';
import { ByProfile } from '../../fixtures/common';

test('OCPP_HARNESS_WORKERS: default four per core and one (at most 16), a positive integer otherwise', () => {
  expect(embeddedWorkers(undefined, 2)).toBe(9);
  expect(embeddedWorkers('', 8)).toBe(16);
  expect(embeddedWorkers('3', 2)).toBe(3);
  for (const bad of ['0', '-1', 'x', '2.5', '1000']) expect(() => embeddedWorkers(bad, 2)).toThrow(/OCPP_HARNESS_WORKERS must be a positive integer/);
});

test('projects share the workers by weight: the heaviest last and uncapped, the others capped at their share', () => {
  const all = ['station-ocpp1.6', 'station-ocpp2.0.1', 'csms-ocpp1.6', 'csms-ocpp2.0.1'];
  const { order, caps } = projectWorkers(all, 9);
  expect(order.at(-1)).toBe('station-ocpp2.0.1');
  expect(caps['station-ocpp2.0.1']).toBeUndefined();
  expect(caps).toEqual({ 'csms-ocpp1.6': 1, 'station-ocpp1.6': 2, 'csms-ocpp2.0.1': 2 });
  // One worker: every project capped at one (the run's one worker decides).
  expect(Object.values(projectWorkers(all, 1).caps).every((c) => c === 1)).toBe(true);
  // One project: no cap.
  expect(projectWorkers(['csms-ocpp1.6'], 9)).toEqual({ order: ['csms-ocpp1.6'], caps: {} });
});

test('ByProfile keeps one resource, the current profile\'s, and disposes of it when another profile comes', async () => {
  const log: string[] = [];
  const held = new ByProfile<string>();
  const make = (p: number) => async () => { log.push(`make ${p}`); return { value: `endpoint ${p}`, dispose: async () => { log.push(`dispose ${p}`); } }; };
  expect(await held.get(0, make(0))).toBe('endpoint 0');
  expect(await held.get(0, make(0))).toBe('endpoint 0');
  expect(await held.get(2, make(2))).toBe('endpoint 2');
  await held.close();
  expect(log).toEqual(['make 0', 'dispose 0', 'make 2', 'dispose 2']);
  // A failed start is not kept: the next case of that profile tries again.
  let tries = 0;
  const flaky = async () => { if (++tries === 1) throw new Error('port in use'); return { value: 'ok', dispose: async () => undefined }; };
  await expect(held.get(3, flaky)).rejects.toThrow('port in use');
  expect(await held.get(3, flaky)).toBe('ok');
});
