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
