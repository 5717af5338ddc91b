/**
 * CSMS under test, provisioning: reading and setting the station's variables on the operator's
 * request (2.0.1 B05 Set Variables, B06 Get Variables; 1.6 §5.8 GetConfiguration and §5.3
 * ChangeConfiguration), within the limits the station reports. The harness plays the station.
 */
import { csmsCase } from '../../../fixtures/csms';
import type { CsmsAction, VariableRef } from '../../../harness/model/csms-actions';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { StationDriver } from '../../../harness/judge/as-station/station-driver';
import { Provisioning } from '../../../harness/judge/as-station/provisioning';

/** The request for what the operator chose: 2.0.1 no CSMS-side FR (B05 / B06 describe it: a soft finding); 1.6 §5.8 / §5.3. */
const GET_RULE = { '1.6': '1.6§5.8', '2.0.1': 'Part2§B06' };
const SET_RULE = { '1.6': '1.6§5.3', '2.0.1': 'Part2§B05' };
const REQUEST_LEVEL = { '1.6': 'shall', '2.0.1': 'should' } as const;
/** The station answers with its ItemsPerMessage limits (DeviceDataCtrlr). */
const ITEMS = (instance: 'GetVariables' | 'SetVariables'): [{ name: string }, { name: string; instance: string }] => [{ name: 'DeviceDataCtrlr' }, { name: 'ItemsPerMessage', instance }];

interface Ctx { station: ScriptedStation; drv: StationDriver; operate: (a: CsmsAction) => Promise<void>; stationId: string }

/** The operator reads `vars`; the CSMS asks for them (2.0.1 within ItemsPerMessageGetVariables, B06.FR.05; 1.6 GetConfiguration). */
async function read({ station, drv, operate, stationId }: Ctx, vars: VariableRef[], limit?: number): Promise<void> {
  const p = new Provisioning(station, drv);
  if (limit !== undefined) station.deviceModel.setValue(...ITEMS('GetVariables'), String(limit));
  const max = Number(station.deviceModel.valueOf(...ITEMS('GetVariables')));
  const after = station.mark('the operator reads variables');
  await operate({ type: 'getVariables', stationId, variables: vars });
  const rule = drv.rule(GET_RULE);
  if (drv.version === '1.6') { await p.expectConfigurationRead(vars.map((v) => v.variable), { after, rule }); return; }
  await drv.level(REQUEST_LEVEL, () => p.expectVariables('get', vars, { after, rule }));
  // B06.FR.05 (SHALL NOT): every GetVariablesRequest for the operator's variables, however the CSMS learnt the limit.
  for (const r of p.requestsSince('GetVariables', after).filter((x) => p.names(x, 'get', vars))) p.checkLimit(r, 'get', max, 'B06.FR.05');
}

/** The operator sets `vars`; the CSMS sends the values chosen (2.0.1 once per variable, B05.FR.13, within ItemsPerMessageSetVariables, B05.FR.11; 1.6 ChangeConfiguration per key). */
async function write({ station, drv, operate, stationId }: Ctx, vars: (VariableRef & { value: string })[]): Promise<void> {
  const p = new Provisioning(station, drv);
  const after = station.mark('the operator sets variables');
  await operate({ type: 'setVariables', stationId, variables: vars });
  const rule = drv.rule(SET_RULE);
  if (drv.version === '1.6') {
    for (const v of vars) await station.expectCall('ChangeConfiguration', { key: v.variable, value: v.value }, { rule, within: station.timing.actionTimeout, after });
    return;
  }
  const max = Number(station.deviceModel.valueOf(...ITEMS('SetVariables')));
  await drv.should(() => p.expectVariables('set', vars, {
    after, rule,
    check: (r) => {
      for (const v of vars) {
        const item = (r.payload.setVariableData as { variable: { name: string }; attributeValue: string }[]).find((i) => i.variable.name === v.variable);
        if (item && item.attributeValue !== v.value) throw station.failure(rule, `attributeValue "${v.value}" for ${v.component}.${v.variable} (the operator's value)`, `"${item.attributeValue}"`);
      }
    },
  }));
  for (const r of p.requestsSince('SetVariables', after).filter((x) => p.names(x, 'set', vars))) { p.checkNoDuplicates(r, 'B05.FR.13'); p.checkLimit(r, 'set', max, 'B05.FR.11'); }
}

const COMM = (variable: string): VariableRef => ({ component: 'OCPPCommCtrlr', variable });

csmsCase({
  ids: { '2.0.1': 'TC_B_06_CSMS' },
  title: 'Get Variables - single value',
  area: 'status',
  useCase: { '2.0.1': 'B06 Get Variables' },
  requirements: { '2.0.1': ['Part2§B06', 'B06.FR.05'] },
  catches: ['variables.ignoresGetRequest'],
  expectation: 'The operator reads OCPPCommCtrlr.HeartbeatInterval: the CSMS sends a GetVariablesRequest naming it (B06 describes the request; no CSMS-side FR: a miss is a soft finding), within the station\'s ItemsPerMessageGetVariables (B06.FR.05); the station answers Accepted with the value.',
  actions: ['read OCPPCommCtrlr.HeartbeatInterval of the station'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  await read({ station, drv, operate, stationId: facts.stationId }, [COMM('HeartbeatInterval')]);
});

csmsCase({
  ids: { '2.0.1': 'TC_B_07_CSMS' },
  title: 'Get Variables - multiple values',
  area: 'status',
  useCase: { '2.0.1': 'B06 Get Variables' },
  requirements: { '2.0.1': ['Part2§B06', 'B06.FR.05'] },
  catches: ['variables.ignoresGetRequest'],
  expectation: 'The operator reads three variables (HeartbeatInterval, OfflineThreshold, AuthCtrlr.AuthorizeRemoteStart): the CSMS asks for all of them, in one or more GetVariablesRequests of at most ItemsPerMessageGetVariables items each (B06.FR.05).',
  actions: ['read HeartbeatInterval, OfflineThreshold and AuthorizeRemoteStart of the station'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  await read({ station, drv, operate, stationId: facts.stationId }, [COMM('HeartbeatInterval'), COMM('OfflineThreshold'), { component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' }]);
});

csmsCase({
  ids: { '2.0.1': 'TC_B_08_CSMS' },
  title: 'Get Variables - limit to maximum number of values',
  area: 'status',
  useCase: { '2.0.1': 'B06 Get Variables' },
  requirements: { '2.0.1': ['B06.FR.05', 'Part2§B06'] },
  catches: ['variables.ignoresItemsPerMessage', 'variables.ignoresGetRequest'],
  expectation: 'The station reports DeviceDataCtrlr.ItemsPerMessage[GetVariables] = 2 (to whatever read of it the CSMS makes: GetVariables, a base or custom report). The operator reads five OCPPCommCtrlr variables: the CSMS asks for all of them without ever sending more than 2 GetVariableData items in a request for them (B06.FR.05, SHALL NOT).',
  actions: ['read five OCPPCommCtrlr variables of the station'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  await read({ station, drv, operate, stationId: facts.stationId }, ['OfflineThreshold', 'ResetRetries', 'RetryBackOffWaitMinimum', 'RetryBackOffRandomRange', 'RetryBackOffRepeatTimes'].map(COMM), 2);
});

csmsCase({
  ids: { '2.0.1': 'TC_B_09_CSMS' },
  title: 'Set Variables - single value',
  area: 'status',
  useCase: { '2.0.1': 'B05 Set Variables' },
  requirements: { '2.0.1': ['Part2§B05', 'B05.FR.13', 'B05.FR.11'] },
  catches: ['variables.duplicateSetData', 'variables.wrongValue'],
  expectation: 'The operator sets OCPPCommCtrlr.OfflineThreshold to 120: the CSMS sends a SetVariablesRequest with that value (B05 describes it; no CSMS-side FR: a soft finding), naming the variable once (B05.FR.13) and within ItemsPerMessageSetVariables (B05.FR.11); the station answers Accepted.',
  actions: ['set OCPPCommCtrlr.OfflineThreshold of the station to 120'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  await write({ station, drv, operate, stationId: facts.stationId }, [{ ...COMM('OfflineThreshold'), value: '120' }]);
});

csmsCase({
  ids: { '2.0.1': 'TC_B_10_CSMS' },
  title: 'Set Variables - multiple values',
  area: 'status',
  useCase: { '2.0.1': 'B05 Set Variables' },
  requirements: { '2.0.1': ['Part2§B05', 'B05.FR.13', 'B05.FR.11'] },
  catches: ['variables.duplicateSetData', 'variables.wrongValue'],
  expectation: 'The operator sets OfflineThreshold = 120, ResetRetries = 2 and AuthCtrlr.LocalPreAuthorize = false: the CSMS sends them in one or more SetVariablesRequests with those values, none naming one variable twice (B05.FR.13) nor holding more items than ItemsPerMessageSetVariables (B05.FR.11).',
  actions: ['set OfflineThreshold = 120, ResetRetries = 2 and LocalPreAuthorize = false on the station'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  await write({ station, drv, operate, stationId: facts.stationId }, [{ ...COMM('OfflineThreshold'), value: '120' }, { ...COMM('ResetRetries'), value: '2' }, { component: 'AuthCtrlr', variable: 'LocalPreAuthorize', value: 'false' }]);
});

csmsCase({
  ids: { '1.6': 'TC_019_1_CSMS' },
  title: 'Retrieve all configuration keys',
  area: 'status',
  useCase: { '1.6': '1.6 §5.8 Get Configuration' },
  requirements: { '1.6': ['1.6§5.8'] },
  catches: ['variables.ignoresGetRequest'],
  expectation: 'The operator reads the whole configuration: the CSMS sends GetConfiguration with no key list (or an empty one: every key, 1.6 §5.8); the station answers with all its keys.',
  actions: ['read every configuration key of the station'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  await read({ station, drv, operate, stationId: facts.stationId }, []);
});

csmsCase({
  ids: { '1.6': 'TC_019_2_CSMS' },
  title: 'Retrieve Specific Configuration Key',
  area: 'status',
  useCase: { '1.6': '1.6 §5.8 Get Configuration' },
  requirements: { '1.6': ['1.6§5.8'] },
  catches: ['variables.ignoresGetRequest'],
  expectation: 'The operator reads SupportedFeatureProfiles: the CSMS sends GetConfiguration with key [SupportedFeatureProfiles] (1.6 §5.8); the station answers with the key.',
  actions: ['read the configuration key SupportedFeatureProfiles of the station'],
}, async ({ booted: _b, station, drv, operate, facts }) => {
  await read({ station, drv, operate, stationId: facts.stationId }, [{ variable: 'SupportedFeatureProfiles' }]);
});

const CHANGE: { id: string; title: string; status: string; value: string; because: string }[] = [
  { id: 'TC_021_CSMS', title: 'Change/set Configuration', status: 'Accepted', value: '60', because: 'the station applies it (Accepted)' },
  { id: 'TC_040_1_CSMS', title: 'Configuration keys - NotSupported', status: 'NotSupported', value: '60', because: 'the station does not support the key (NotSupported)' },
  { id: 'TC_040_2_CSMS', title: 'Configuration keys - Invalid value', status: 'Rejected', value: '-1', because: 'the station refuses the value (Rejected)' },
];

for (const c of CHANGE) {
  csmsCase({
    ids: { '1.6': c.id },
    title: c.title,
    area: 'status',
    useCase: { '1.6': '1.6 §5.3 Change Configuration' },
    requirements: { '1.6': ['1.6§5.3', '1.6§4.6'] },
    catches: ['variables.wrongValue'],
    expectation: `The operator sets MeterValueSampleInterval to ${c.value}: the CSMS sends ChangeConfiguration with that key and value (1.6 §5.3); ${c.because}. The CSMS goes on serving the station: its next Heartbeat is answered (1.6 §4.6).`,
    actions: [`set the configuration key MeterValueSampleInterval of the station to ${c.value}`],
  }, async ({ booted: _b, station, drv, operate, facts }) => {
    if (c.status !== 'Accepted') station.reply('ChangeConfiguration', { status: c.status }, { when: { key: 'MeterValueSampleInterval' } });
    await write({ station, drv, operate, stationId: facts.stationId }, [{ variable: 'MeterValueSampleInterval', value: c.value }]);
    await drv.heartbeat({}, { rule: '1.6§4.6' });
  });
}
