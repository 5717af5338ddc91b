/**
 * CSMS under test, remote unlock (2.0.1 F05, 1.6 §5.18): the operator unlocks a connector, the
 * station answers Unlocked, NotSupported, UnlockFailed or UnknownConnector, or unlocks during a
 * session and ends it. The CSMS must send UnlockConnector for the connector the operator chose
 * (1.6 §5.18 SHALL; 2.0.1 has no CSMS-side FR for it, F05 only describes it: a soft finding)
 * and answer what follows.
 */
import { csmsCase } from '../../../fixtures/csms';
import { STATUS_REPLY } from '../../../harness/judge/as-station/station-driver';
import { expectUnlock } from '../../../harness/judge/as-station/remote-and-firmware';

/** The unlock request: 1.6 §5.18 (SHALL), 2.0.1 F05 (described, MAY: soft). */
const UNLOCK = { '1.6': '1.6§5.18', '2.0.1': 'Part2§F05' };
const UNLOCK_LEVEL = { '1.6': 'shall', '2.0.1': 'should' } as const;

interface Variant { ids: { '2.0.1'?: string; '1.6'?: string }; title: string; answer: { '2.0.1'?: string; '1.6'?: string }; source?: string }

const VARIANTS: Variant[] = [
  { ids: { '2.0.1': 'TC_F_06_CSMS', '1.6': 'TC_017_1_CSMS' }, title: 'Remote unlock Connector - Without ongoing transaction - Accepted', answer: { '2.0.1': 'Unlocked', '1.6': 'Unlocked' } },
  { ids: { '1.6': 'TC_017_2_CSMS' }, title: 'Unlock connector - no charging session running (Fixed cable)', answer: { '1.6': 'NotSupported' } },
  { ids: { '1.6': 'TC_030_CSMS', '2.0.1': 'HX_TC_030_CSMS' }, title: 'Unlock Connector - Unlock Failure', answer: { '1.6': 'UnlockFailed', '2.0.1': 'UnlockFailed' }, source: '2.0.1 has no OCTT CSMS id for a failed unlock; the 1.6 case with the 2.0.1 frames.' },
  { ids: { '1.6': 'TC_031_CSMS', '2.0.1': 'HX_TC_031_CSMS' }, title: 'Unlock Connector - Unknown Connector', answer: { '1.6': 'NotSupported', '2.0.1': 'UnknownConnector' }, source: '2.0.1 has no OCTT CSMS id for an unknown connector; the 1.6 case with the 2.0.1 status UnknownConnector (1.6 has none: NotSupported).' },
];

for (const v of VARIANTS) {
  csmsCase({
    ids: v.ids,
    title: v.title,
    area: 'authorization',
    useCase: { '2.0.1': 'F05 Remotely Unlock Connector', '1.6': '1.6 §5.18 Unlock Connector' },
    requirements: { '2.0.1': ['Part2§F05'], '1.6': ['1.6§5.18', '1.6§4.9'] },
    catches: ['unlock.neverSends', 'unlock.wrongConnector'],
    expectation: `The operator unlocks connector 1 of EVSE 1: the CSMS sends UnlockConnector for it (1.6 its connectorId; 2.0.1 evseId and connectorId, a soft finding as no CSMS-side FR asks it) and takes the answer ${Object.values(v.answer).join(' / ')}; the station's next status report is answered.`,
    actions: ['unlock connector 1 of EVSE 1'],
    source: v.source,
  }, async ({ booted, station, drv, operate, facts }) => {
    const c = booted.connectors[0];
    station.reply('UnlockConnector', { status: drv.pick(v.answer) }, { times: 1 });
    await operate({ type: 'unlockConnector', stationId: facts.stationId, evseId: c.evseId, connectorId: c.connectorId });
    await expectUnlock(drv, c, { rule: UNLOCK, level: UNLOCK_LEVEL });
    // The station reports its connector again (a heartbeat of status); the CSMS is still there and answers it.
    await drv.level({ '1.6': 'shall', '2.0.1': 'should' }, () => drv.status(c, 'Available', { rule: STATUS_REPLY }));
  });
}

csmsCase({
  ids: { '1.6': 'TC_018_1_CSMS' },
  title: 'Unlock Connector - With Charging Session (Not fixed cable)',
  area: 'authorization',
  useCase: { '1.6': '1.6 §5.18 Unlock Connector' },
  requirements: { '1.6': ['1.6§5.18', '1.6§4.10', '1.6§4.9'] },
  catches: ['unlock.neverSends', 'unlock.wrongConnector'],
  expectation: 'While charging the operator unlocks the connector: the CSMS sends UnlockConnector for it; the station answers Unlocked, reports Finishing, ends the transaction (StopTransaction reason UnlockCommand) and, after the cable is out, Available: every message answered.',
  actions: ['unlock connector 1 of EVSE 1'],
}, async ({ charging, station, drv, operate, facts }) => {
  const c = charging.connector;
  station.reply('UnlockConnector', { status: 'Unlocked' }, { times: 1 });
  await operate({ type: 'unlockConnector', stationId: facts.stationId, evseId: c.evseId, connectorId: c.connectorId });
  const unlock = await expectUnlock(drv, c, { rule: UNLOCK, level: UNLOCK_LEVEL });
  if (!unlock) return;
  await drv.status(c, 'Finishing', { rule: STATUS_REPLY });
  await drv.stopTransaction(charging, { rule: { '1.6': '1.6§4.10' }, reason: 'UnlockCommand' });
  await drv.status(c, 'Available', { rule: STATUS_REPLY });
});
