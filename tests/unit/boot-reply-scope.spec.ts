import { expect, test } from '@playwright/test';
import { CsmsEndpoint } from '../../harness/judge/as-csms/scripted-csms';
import { SimulatedStation } from '../../harness/sims/station/simulated-station';
import { EMBEDDED_TIMING } from '../../harness/model/timing';

// Issue 14: a one-shot Rejected reply went to a stray BootNotification, and the case judged the
// station Rejected after answering its real boot Accepted. A reply and an expectation with
// `after` + `newConnection` take only the boot on the connection opened after the mark.
test('a one-shot boot reply scoped to a new connection skips a stray BootNotification on the old one', async () => {
  const endpoint = await new CsmsEndpoint({ versions: ['2.0.1'], timing: EMBEDDED_TIMING }).start();
  const csms = endpoint.newView({ version: '2.0.1', stationId: 'CS1' });
  const station = new SimulatedStation({ version: '2.0.1', url: endpoint.server.urlFor('CS1'), stationId: 'CS1', timeScale: EMBEDDED_TIMING.scale });
  try {
    station.powerOn();
    await csms.expectCall('BootNotification', { reason: 'PowerUp' }, { rule: 'B01.FR.01' });
    const cycle = csms.mark('power cycle');
    csms.reply('BootNotification', { status: 'Rejected', interval: 60, currentTime: new Date().toISOString() }, { times: 1, after: cycle, newConnection: true });
    // A stray boot on the connection that is already open (the station rebooting its OCPP stack, say).
    station.registration.trigger();
    const stray = await csms.expectCall('BootNotification', { reason: 'Triggered' }, { rule: 'B01.FR.01', after: cycle });
    station.powerOff();
    station.powerOn();
    const real = await csms.expectCall('BootNotification', {}, { rule: 'B01.FR.01', after: cycle, newConnection: true, within: 10 });
    expect(real.entry.seq).toBeGreaterThan(stray.entry.seq);
    expect(real.payload.reason).toBe('PowerUp');
    const answerTo = (seq: number, id: unknown): unknown => csms.journal.entries.find((e) => e.seq > seq && e.kind === 'frame' && e.dir === 'out' && e.frame?.type === 3 && e.frame.id === id);
    const strayId = (stray.entry.frame as { id: string }).id;
    const realId = (real.entry.frame as { id: string }).id;
    expect(JSON.stringify((answerTo(stray.entry.seq, strayId) as { frame: { payload: unknown } }).frame.payload)).toContain('"Accepted"');
    expect(JSON.stringify((answerTo(real.entry.seq, realId) as { frame: { payload: unknown } }).frame.payload)).toContain('"Rejected"');
  } finally {
    station.shutdown();
    endpoint.releaseView(csms);
    await endpoint.stop();
  }
});
