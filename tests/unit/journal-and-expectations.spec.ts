import { expect, test } from '@playwright/test';
import { CsmsEndpoint } from '../../harness/judge/as-csms/scripted-csms';
import { ConformanceError } from '../../harness/model/errors';
import { SimulatedStation } from '../../harness/sims/station/simulated-station';
import { EMBEDDED_TIMING } from '../../harness/model/timing';
import { Journal } from '../../harness/transport/journal';

test('the journal is bounded', () => {
  const j = new Journal(100);
  for (let i = 0; i < 1000; i++) j.event('harness', `e${i}`);
  expect(j.entries.length).toBe(100);
  expect(j.dropped).toBe(900);
  expect(j.format()).toContain('900 earlier entries dropped');
});

test('a failed expectation names the rule, the expectation, the closest frame and the traffic', async () => {
  const endpoint = await new CsmsEndpoint({ versions: ['2.0.1'], timing: EMBEDDED_TIMING }).start();
  const csms = endpoint.newView({ version: '2.0.1', stationId: 'CS1' });
  const station = new SimulatedStation({ version: '2.0.1', url: endpoint.server.urlFor('CS1'), stationId: 'CS1', timeScale: EMBEDDED_TIMING.scale });
  station.powerOn();
  await csms.expectCall('BootNotification', {}, { rule: 'B01.FR.01' });
  const error = await csms.expectCall('StatusNotification', { evseId: 1, connectorStatus: 'Faulted' }, { rule: 'B01.FR.05', within: 2 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConformanceError);
  const message = (error as Error).message;
  expect(message).toContain('B01.FR.05: expected CALL StatusNotification ⊇ {evseId: 1, connectorStatus: "Faulted"}');
  expect(message).toContain('closest CALL StatusNotification');
  expect(message).toContain('connectorStatus ("Available" ≠ "Faulted")');
  expect(message).toMatch(/← \[2,"cs-1","BootNotification"/);
  station.shutdown();
  endpoint.releaseView(csms);
  await endpoint.stop();
});

test('a pending expectation is cancelled when the case ends', async () => {
  const endpoint = await new CsmsEndpoint({ versions: ['1.6'], timing: EMBEDDED_TIMING }).start();
  const csms = endpoint.newView({ version: '1.6', stationId: 'CS1' });
  const waiting = csms.expectCall('Heartbeat', {}, { rule: '1.6 §4.6', within: 100 }).catch((e: Error) => e);
  endpoint.releaseView(csms);
  expect((await waiting as Error).message).toContain('cancelled');
  await endpoint.stop();
});

test('a failing step nobody awaited fails the case at its end; once the case is over, a step it left running fails quietly', async () => {
  const endpoint = await new CsmsEndpoint({ versions: ['2.0.1'], timing: EMBEDDED_TIMING }).start();
  const csms = endpoint.newView({ version: '2.0.1', stationId: 'CS1' });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
  // Playwright's own listener would fail this test on an unhandled rejection: only this one listens meanwhile.
  const others = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', onUnhandled);
  try {
    // The steps' failures, seen inside the runner (a reaction on the step's own promise would take it).
    let failures = 0;
    let failed: () => void = () => undefined;
    csms.stepRunner = (_title, body) => body().catch((e: unknown) => { failures++; failed(); throw e; });
    const failedOnce = (n: number): Promise<void> => new Promise<void>((r) => { failed = () => { if (failures === n) r(); }; });
    // While the case runs: one failure taken (awaited), one nobody takes.
    let wait = failedOnce(2);
    const taken = csms.expectCall('Heartbeat', {}, { rule: 'B01.FR.01', within: 0.1 });
    void csms.expectCall('StatusNotification', {}, { rule: 'B01.FR.05', within: 0.1 });
    await wait;
    await expect(taken).rejects.toThrow('B01.FR.01');
    // After the case: a failure during the tear-down and the cancellation of a pending step are nobody's.
    wait = failedOnce(3);
    void csms.expectCall('Heartbeat', {}, { rule: 'B01.FR.01', within: 0.1 });
    void csms.expectNoCall('Heartbeat', {}, { rule: 'B01.FR.01', forSeconds: 100 });
    const lost = csms.endCase();
    expect(lost?.error).toBeInstanceOf(ConformanceError);
    expect((lost?.error as ConformanceError).rule).toBe('B01.FR.05');
    await wait;
    endpoint.releaseView(csms);
    // Unhandled rejections are reported after the microtasks of the turn: one more turn of the loop.
    await new Promise((r) => setImmediate(r));
    expect(unhandled).toHaveLength(0);
    expect(csms.endCase()).toBeUndefined();
  } finally {
    process.off('unhandledRejection', onUnhandled);
    for (const l of others) process.on('unhandledRejection', l);
  }
  await endpoint.stop();
});
