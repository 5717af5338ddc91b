/** The CSMS-under-test parts: configuration, the reference CSMS, the station client, operators, fleet statistics. */
import { expect, test } from '@playwright/test';
import { createServer } from 'node:http';
import { EMBEDDED_FACTS } from '../../harness/config/run-config';
import { parseRunConfig } from '../support/parse-config';
import { UsageError, UnsupportedAction } from '../../harness/model/errors';
import { ReferenceCsms } from '../../harness/sims/csms/reference-csms';
import { referenceData } from '../../harness/sims/csms/reference-data';
import { ScriptedStation } from '../../harness/judge/as-station/scripted-station';
import { StationDriver } from '../../harness/judge/as-station/station-driver';
import { EMBEDDED_TIMING } from '../../harness/model/timing';
import { HttpOperator } from '../../harness/sut/csms-operators';
import { checkCsmsAction, csmsActionArgs, parseVariableName, variableName } from '../../harness/model/csms-actions';
import { Histogram } from '../../harness/fleet/histogram';
import { absent } from '../../harness/model/match';

test.describe('CSMS run configuration', () => {
  test('default run covers both roles against the references', () => {
    const c = parseRunConfig(undefined);
    expect(c.roles).toEqual(['station', 'csms']);
    expect(c.csms.adapter).toBe('embedded');
    expect(c.csms.facts.stationId).toBe(EMBEDDED_FACTS.stationId);
  });

  test('a real CSMS by URL: operator manual by default, spec timing, no embedded facts carried over', () => {
    const c = parseRunConfig({ role: 'csms', csms: { url: 'wss://csms.example.com/ocpp', facts: { stationId: 'CS9', tokens: { valid: 'ABC' } } } });
    expect(c.roles).toEqual(['csms']);
    expect(c.csms.adapter).toBe('manual');
    expect(c.timing.scale).toBe(1);
    expect(c.csms.facts.tokens).toEqual({ valid: 'ABC' });
    expect(c.csms.facts.pendingStationId).toBeUndefined();
  });

  const bad: [unknown, RegExp][] = [
    [{ role: 'both' }, /station \| csms \| all/],
    [{ csms: { url: 'http://x' } }, /ws:\/\/ or wss:\/\//],
    [{ csms: { url: 'not a url' } }, /config\.csms\.url: a ws:\/\/ or wss:\/\/ URL, got "not a url"/],
    [{ csms: { adapter: 'http' } }, /give its URL/],
    [{ csms: { url: 'ws://h/o', adapter: 'http' } }, /needs csms\.hookUrl/],
    [{ csms: { url: 'ws://h/o', adapter: 'browser' } }, /needs csms\.browserScript/],
    [{ csms: { url: 'ws://h/o', adapter: 'embedded' } }, /exclude each other/],
    [{ csms: { faults: ['auth.nonsense'] } }, /unknown fault/],
    [{ csms: { url: 'ws://h/o', faults: ['reply.late'] } }, /only be injected into the embedded reference CSMS/],
    [{ csms: { facts: { tokens: { valid: 'X'.repeat(21) } } } }, /1-20 printable/],
    [{ csms: { facts: { tokens: { vip: 'X' } } } }, /unknown field "vip"/],
    [{ csms: { facts: { firmwareLocation: 'file:///etc/passwd' } } }, /http\(s\) or ftp\(s\)/],
    [{ csms: { facts: { password: 'short' } } }, /16-40 characters/],
    [{ csms: { colour: 1 } }, /unknown field "colour"/],
    [{ sut: { adapter: 'manual', securityProfile: 5 } }, /0, 1, 2 or 3/],
    [{ sut: { securityProfile: 2 } }, /for a real station/],
    [{ sut: { adapter: 'manual', tlsHostnames: ['bad host'] } }, /host names or IP addresses/],
    [{ limits: { maxFrameBytes: 100 } }, /at least 65536/],
    [{ limits: { burst: 1 } }, /unknown setting "burst"/],
    [{ csms: { url: 'wss://h/o', clientCertFile: 'a.pem' } }, /go together/],
  ];
  for (const [input, message] of bad) {
    test(`rejects ${JSON.stringify(input)}`, () => {
      expect(() => parseRunConfig(input)).toThrow(UsageError);
      expect(() => parseRunConfig(input)).toThrow(message);
    });
  }
});

test.describe('reference CSMS', () => {
  let csms: ReferenceCsms;
  test.beforeAll(async () => { csms = await new ReferenceCsms(await referenceData(EMBEDDED_FACTS, EMBEDDED_TIMING)).start(); });
  test.afterAll(async () => { await csms.stop(); });

  const station = (id: string, version: '1.6' | '2.0.1' = '2.0.1'): ScriptedStation => new ScriptedStation({ version, url: csms.url, stationId: id, timing: EMBEDDED_TIMING });

  test('rejects an unknown station, answers SecurityError before acceptance (B02.FR.09 / B03.FR.07)', async () => {
    const s = station('NOBODY');
    expect((await s.tryConnect()).ok).toBe(true);
    const drv = new StationDriver(s, [{ evseId: 1, connectorId: 1 }]);
    await s.callExpectingError('Heartbeat', {}, ['SecurityError'], { rule: 'B01.FR.10' });
    await drv.boot({ status: 'Rejected' }, { rule: 'B01.FR.02' });
    await s.callExpectingError('Heartbeat', {}, ['SecurityError'], { rule: 'B03.FR.07' });
    s.shutdown();
  });

  test('the pending station is Pending first, then Accepted; a reconnect keeps it Accepted', async () => {
    const s = station(EMBEDDED_FACTS.pendingStationId!, '1.6');
    await s.connect({ rule: '1.6J§3.2' });
    const drv = new StationDriver(s, [{ evseId: 1, connectorId: 1 }]);
    await drv.boot({ status: 'Pending' }, { rule: '1.6§4.2' });
    await drv.boot({ status: 'Accepted' }, { rule: '1.6§4.2' });
    await s.disconnect();
    await s.connect({ rule: '1.6J§3.2' });
    // Reconnected without reboot: still Accepted, the heartbeat is answered.
    await drv.heartbeat({}, { rule: '1.6§4.6' });
    s.shutdown();
  });

  test('provisioning and trigger actions: the requests the reference CSMS sends (GetVariables split by ItemsPerMessage, 1.6 one ChangeConfiguration per key)', async () => {
    const s = station(EMBEDDED_FACTS.stationId);
    await s.connect({ rule: 'Part4§3.2' });
    const drv = new StationDriver(s, [{ evseId: 1, connectorId: 1 }]);
    await drv.boot({ status: 'Accepted' }, { rule: 'B01.FR.02' });
    const id = EMBEDDED_FACTS.stationId;
    const vars = ['HeartbeatInterval', 'OfflineThreshold', 'ResetRetries'].map((variable) => ({ component: 'OCPPCommCtrlr', variable }));
    s.deviceModel.setValue({ name: 'DeviceDataCtrlr' }, { name: 'ItemsPerMessage', instance: 'GetVariables' }, '2');
    csms.perform({ type: 'getVariables', stationId: id, variables: vars });
    await s.expectCall('GetVariables', { getVariableData: [{ variable: { name: 'ItemsPerMessage', instance: 'GetVariables' } }] }, { rule: 'B06.FR.05' });
    const first = await s.expectCall('GetVariables', { getVariableData: [{ variable: { name: 'HeartbeatInterval' } }, { variable: { name: 'OfflineThreshold' } }] }, { rule: 'B06.FR.05' });
    expect((first.payload.getVariableData as unknown[]).length).toBe(2);
    await s.expectCall('GetVariables', { getVariableData: [{ variable: { name: 'ResetRetries' } }] }, { rule: 'B06.FR.05' });
    csms.perform({ type: 'reset', stationId: id, resetType: 'OnIdle', evseId: 1 });
    await s.expectCall('Reset', { type: 'OnIdle', evseId: 1 }, { rule: 'Part2§B11' });
    csms.perform({ type: 'triggerMessage', stationId: id, message: 'MeterValues', evseId: 1 });
    await s.expectCall('TriggerMessage', { requestedMessage: 'MeterValues', evse: { id: 1 } }, { rule: 'F06.FR.01' });
    csms.perform({ type: 'getBaseReport', stationId: id, reportBase: 'SummaryInventory' });
    await s.expectCall('GetBaseReport', { reportBase: 'SummaryInventory' }, { rule: 'Part2§B07' });
    csms.perform({ type: 'setNetworkProfile', stationId: id, slot: 1, csmsUrl: 'ws://csms.example/ocpp', securityProfile: 1 });
    await s.expectCall('SetNetworkProfile', { configurationSlot: 1, connectionData: { ocppCsmsUrl: 'ws://csms.example/ocpp', securityProfile: 1 } }, { rule: 'Part2§B09' });
    s.shutdown();
    const s16 = station(EMBEDDED_FACTS.stationId, '1.6');
    await s16.connect({ rule: '1.6J§3.2' });
    await new StationDriver(s16, [{ evseId: 1, connectorId: 1 }]).boot({ status: 'Accepted' }, { rule: '1.6§4.2' });
    csms.perform({ type: 'setVariables', stationId: id, variables: [{ variable: 'HeartbeatInterval', value: '120' }, { variable: 'MeterValueSampleInterval', value: '60' }] });
    await s16.expectCall('ChangeConfiguration', { key: 'HeartbeatInterval', value: '120' }, { rule: '1.6§5.3' });
    await s16.expectCall('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '60' }, { rule: '1.6§5.3' });
    csms.perform({ type: 'getVariables', stationId: id, variables: [] });
    await s16.expectCall('GetConfiguration', { key: absent() }, { rule: '1.6§5.8' });
    expect(() => csms.perform({ type: 'setNetworkProfile', stationId: id, slot: 1, csmsUrl: 'ws://x', securityProfile: 0 })).toThrow(UnsupportedAction);
    s16.shutdown();
  });

  test('operator UI: the provisioning forms start their actions', async () => {
    const s = station(EMBEDDED_FACTS.stationId);
    await s.connect({ rule: 'Part4§3.2' });
    await new StationDriver(s, [{ evseId: 1, connectorId: 1 }]).boot({ status: 'Accepted' }, { rule: 'B01.FR.02' });
    const post = (op: string, form: Record<string, string>): Promise<Response> => fetch(`${csms.httpUrl}/stations/${EMBEDDED_FACTS.stationId}/${op}`, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect((await post('set-variables', { settings: 'OCPPCommCtrlr/HeartbeatInterval=120' })).status).toBe(303);
    await s.expectCall('SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '120' }] }, { rule: 'Part2§B05' });
    expect((await post('get-report', { criteria: 'Available', variables: 'EVSE@1/AvailabilityState' })).status).toBe(303);
    await s.expectCall('GetReport', { componentCriteria: ['Available'], componentVariable: [{ component: { name: 'EVSE', evse: { id: 1 } }, variable: { name: 'AvailabilityState' } }] }, { rule: 'Part2§B08' });
    expect((await post('trigger-message', { message: 'Heartbeat' })).status).toBe(303);
    await s.expectCall('TriggerMessage', { requestedMessage: 'Heartbeat' }, { rule: 'F06.FR.01' });
    s.shutdown();
  });

  test('action API: a bad action is refused with a reason, an offline station with 409', async () => {
    const post = (body: string): Promise<Response> => fetch(`${csms.httpUrl}/api/actions`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect((await post('{oops')).status).toBe(400);
    const unknown = await post(JSON.stringify({ type: 'selfDestruct', stationId: 'X' }));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('unknown action type');
    const offline = await post(JSON.stringify({ type: 'clearCache', stationId: 'CS-OFFLINE' }));
    expect(offline.status).toBe(409);
    expect(await offline.text()).toContain('not connected');
  });

  test('the operator UI asks for a login when a UI password is set', async () => {
    const ui = await new ReferenceCsms(await referenceData(EMBEDDED_FACTS, EMBEDDED_TIMING, { uiPassword: 'pw-1234567890' })).start();
    try {
      const r = await fetch(`${ui.httpUrl}/`, { redirect: 'manual' });
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe('/login');
      const bad = await fetch(`${ui.httpUrl}/login`, { method: 'POST', body: 'user=operator&password=nope', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
      expect(bad.status).toBe(401);
    } finally { await ui.stop(); }
  });
});

test('station client: a CSMS that is not there is a result, not an exception', async () => {
  const s = new ScriptedStation({ version: '2.0.1', url: 'ws://127.0.0.1:1/ocpp', stationId: 'X', timing: EMBEDDED_TIMING });
  const r = await s.tryConnect();
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.reason).toMatch(/ECONNREFUSED|connect/);
  await expect(s.connect({ rule: 'B01.FR.01' })).rejects.toThrow(/B01\.FR\.01: expected the CSMS to accept the WebSocket connection/);
});

test('http operator: 501 means unsupported (case skipped), another error fails with the hook\'s answer', async () => {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const a = JSON.parse(body) as { type: string };
      if (a.type === 'clearCache') res.writeHead(204).end();
      else if (a.type === 'updateFirmware') res.writeHead(501).end();
      else res.writeHead(500).end('database down');
    });
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const op = new HttpOperator(`http://127.0.0.1:${(server.address() as { port: number }).port}/`, 5000);
  try {
    await op.perform({ type: 'clearCache', stationId: 'CS1' });
    await expect(op.perform({ type: 'updateFirmware', stationId: 'CS1', location: 'https://x/fw', signed: true })).rejects.toBeInstanceOf(UnsupportedAction);
    await expect(op.perform({ type: 'triggerBootNotification', stationId: 'CS1' })).rejects.toThrow(/HTTP 500.*database down/);
  } finally { server.close(); }
});

test('operator actions: positional command arguments and JSON checks', () => {
  expect(csmsActionArgs({ type: 'remoteStart', stationId: 'CS1', evseId: 2, connectorId: 1, idToken: 'T; rm -rf /' })).toEqual(['remoteStart', 'CS1', '2', '1', 'T; rm -rf /']);
  expect(csmsActionArgs({ type: 'changeAvailability', stationId: 'CS1', operative: false })).toEqual(['changeAvailability', 'CS1', 'Inoperative']);
  expect(checkCsmsAction({ type: 'clearCache' })).toMatch(/stationId/);
  expect(checkCsmsAction({ type: 'clearCache', stationId: 'A' })).toBeUndefined();
  // Provisioning and trigger (cov-c1).
  expect(csmsActionArgs({ type: 'getVariables', stationId: 'CS1', variables: [{ component: 'EVSE', evseId: 1, variable: 'AvailabilityState' }, { variable: 'HeartbeatInterval' }] })).toEqual(['getVariables', 'CS1', 'EVSE@1/AvailabilityState', 'HeartbeatInterval']);
  expect(csmsActionArgs({ type: 'setVariables', stationId: 'CS1', variables: [{ component: 'Connector', evseId: 1, connectorId: 2, variable: 'Enabled', value: 'a=b' }] })).toEqual(['setVariables', 'CS1', 'Connector@1.2/Enabled=a=b']);
  expect(csmsActionArgs({ type: 'getReport', stationId: 'CS1', criteria: ['Available', 'Problem'], variables: [] })).toEqual(['getReport', 'CS1', 'Available,Problem']);
  expect(csmsActionArgs({ type: 'reset', stationId: 'CS1', resetType: 'OnIdle', evseId: 2 })).toEqual(['reset', 'CS1', 'OnIdle', '2']);
  expect(csmsActionArgs({ type: 'setNetworkProfile', stationId: 'CS1', slot: 2, csmsUrl: 'wss://x/ocpp', securityProfile: 2 })).toEqual(['setNetworkProfile', 'CS1', '2', 'wss://x/ocpp', '2']);
  expect(csmsActionArgs({ type: 'triggerMessage', stationId: 'CS1', message: 'StatusNotification', evseId: 1, connectorId: 1 })).toEqual(['triggerMessage', 'CS1', 'StatusNotification', '1', '1']);
  for (const v of [{ component: 'Connector', evseId: 1, connectorId: 2, variable: 'Enabled' }, { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }, { variable: 'MeterValueSampleInterval' }]) expect(parseVariableName(variableName(v))).toEqual(v);
  expect(checkCsmsAction({ type: 'reset', stationId: 'A', resetType: 'Sometime' })).toMatch(/resetType/);
  expect(checkCsmsAction({ type: 'setVariables', stationId: 'A', variables: [] })).toMatch(/non-empty/);
  expect(checkCsmsAction({ type: 'triggerMessage', stationId: 'A', message: 'Heartbeat' })).toBeUndefined();
});

test('latency histogram: percentiles within one 5 % bucket, constant memory', () => {
  const h = new Histogram();
  for (let i = 1; i <= 1000; i++) h.record(i / 10); // 0.1 .. 100 ms
  expect(h.percentile(50)).toBeGreaterThanOrEqual(50);
  expect(h.percentile(50)).toBeLessThan(50 * 1.06);
  expect(h.percentile(99)).toBeGreaterThanOrEqual(99);
  expect(h.percentile(100)).toBe(100);
  expect(new Histogram().percentile(95)).toBe(0);
});
