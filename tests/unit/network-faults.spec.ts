/** Controlled network faults the harness injects on its own side: delay, half-open, drop, close codes, duplicate ids. */
import { expect, test } from '@playwright/test';
import { CsmsEndpoint, type ScriptedCsms } from '../../harness/judge/as-csms/scripted-csms';
import { ScriptedStation } from '../../harness/judge/as-station/scripted-station';
import { EMBEDDED_TIMING, type Timing } from '../../harness/model/timing';
import { DEFAULT_LIMITS } from '../../harness/transport/limits';

const T: Timing = { ...EMBEDDED_TIMING, messageTimeout: 20 }; // 1 s

async function pair(stationLimits = DEFAULT_LIMITS): Promise<{ endpoint: CsmsEndpoint; csms: ScriptedCsms; station: ScriptedStation; done: () => Promise<void> }> {
  const endpoint = await new CsmsEndpoint({ versions: ['2.0.1'], timing: T }).start();
  const csms = endpoint.newView({ version: '2.0.1', stationId: 'NF1', timing: T });
  const station = new ScriptedStation({ version: '2.0.1', url: endpoint.server.baseUrl, stationId: 'NF1', timing: T, limits: stationLimits });
  await station.connect({ rule: 'connect' });
  await csms.waitForConnection({ rule: 'connect' });
  return { endpoint, csms, station, done: async () => { station.shutdown(); endpoint.releaseView(csms); await endpoint.stop(); } };
}

test('delay: every frame the harness sends is held back', async () => {
  const p = await pair();
  p.csms.networkFault({ kind: 'delay', ms: 300 });
  const t0 = Date.now();
  const r = await p.station.call('Heartbeat', {}, { rule: 'G02' });
  expect(r.kind).toBe('result');
  expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  await p.done();
});

test('half-open: the harness goes silent without a FIN; the peer times out, or finds no pong', async () => {
  const p = await pair({ ...DEFAULT_LIMITS, pingSeconds: 0.2, pongTimeoutSeconds: 0.2 });
  p.csms.networkFault({ kind: 'halfOpen' });
  await expect(p.station.call('Heartbeat', {}, { rule: 'G02' })).rejects.toThrow(/OCPP-J message timeout|closed the connection/);
  await expect.poll(() => p.station.journal.findings.map((f) => f.rule).join(','), { timeout: 3000 }).toContain('ping/pong');
  await p.done();
});

test('drop and close codes reach the peer as such', async () => {
  const p = await pair();
  p.csms.networkFault({ kind: 'close', code: 1012, reason: 'service restart' });
  expect(await p.station.waitForClose(20)).toBe(true);
  expect(p.station.journal.format()).toContain('code 1012');
  await p.station.connect({ rule: 'reconnect' });
  await p.csms.waitForConnection({ rule: 'reconnect' });
  p.csms.networkFault({ kind: 'drop' });
  expect(await p.station.waitForClose(20)).toBe(true);
  expect(p.station.journal.format()).toContain('code 1006');
  await p.done();
});

test('duplicate message ids: both CALLs reach the peer, its answers are kept, the peer notes the reuse', async () => {
  const p = await pair();
  const replies = await p.csms.duplicateIdCalls('GetLocalListVersion', {}, { rule: 'Part 4 §4.1.4' });
  expect(replies.length).toBe(2);
  expect(p.csms.journal.findings.filter((f) => f.severity === 'fail')).toEqual([]);
  expect(p.station.journal.findings.map((f) => `${f.severity} ${f.rule}`)).toContain('soft OCPP-J unique message id');
  await p.done();
});
