/**
 * CSMS under test, provisioning: resetting the station or one EVSE on the operator's request,
 * with and without a transaction (2.0.1 B11 / B12: OnIdle, Immediate; 1.6 §5.14 Hard, Soft), and
 * the boot after the reboot or a power failure, which the CSMS accepts again.
 */
import { type CsmsBooted, csmsCase } from '../../../fixtures/csms';
import { absent } from '../../../harness/model/match';
import type { CsmsAction, ResetKind } from '../../../harness/model/csms-actions';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { StationDriver, ToolTransaction } from '../../../harness/judge/as-station/station-driver';
import { REPLY_LEVEL, STATUS_REPLY, STOP_REPLY } from '../../../harness/judge/as-station/station-driver';

/** A fault of the reference CSMS a case claims (the type csmsCase takes; suites never import sims/). */
type CsmsFault = Extract<Parameters<typeof csmsCase>[0]['catches'], unknown[]>[number];

const HANDSHAKE = { '1.6': '1.6J§3.2', '2.0.1': 'Part4§3.2' };
/** The CSMS answers the boot after the reboot saying whether it accepts the station (B01.FR.02, 1.6 §4.2). */
const BOOT_REPLY = { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' };
/** The driver ends the transaction with the token that started it (E06 / 1.6 §4.10): the CSMS answers with its id info. */
const STOP_WITH_TOKEN = { '1.6': '1.6§4.10', '2.0.1': 'E01.FR.12' };

interface Row { ids: { '2.0.1'?: string; '1.6'?: string }; title: string; type: ResetKind; scope: 'station' | 'evse'; withTx?: boolean; catches: CsmsFault[] }
const REBOOT: CsmsFault[] = ['boot.rejectsKnownStation', 'reply.badSchema'];

const RESETS: Row[] = [
  { ids: { '2.0.1': 'TC_B_20_CSMS' }, title: 'Reset Charging Station - Without ongoing transaction - OnIdle', type: 'OnIdle', scope: 'station', catches: ['reset.wrongType', ...REBOOT] },
  { ids: { '2.0.1': 'TC_B_21_CSMS' }, title: 'Reset Charging Station - With Ongoing Transaction - OnIdle', type: 'OnIdle', scope: 'station', withTx: true, catches: ['reset.wrongType', ...REBOOT] },
  { ids: { '2.0.1': 'TC_B_22_CSMS' }, title: 'Reset Charging Station - With Ongoing Transaction - Immediate', type: 'Immediate', scope: 'station', withTx: true, catches: REBOOT },
  { ids: { '2.0.1': 'TC_B_25_CSMS' }, title: 'Reset EVSE - Without ongoing transaction', type: 'OnIdle', scope: 'evse', catches: ['reset.wrongType', 'reset.wholeStation'] },
  { ids: { '2.0.1': 'TC_B_26_CSMS' }, title: 'Reset EVSE - With Ongoing Transaction - OnIdle', type: 'OnIdle', scope: 'evse', withTx: true, catches: ['reset.wrongType', 'reset.wholeStation'] },
  { ids: { '2.0.1': 'TC_B_27_CSMS' }, title: 'Reset EVSE - With Ongoing Transaction - Immediate', type: 'Immediate', scope: 'evse', withTx: true, catches: ['reset.wholeStation'] },
  { ids: { '1.6': 'TC_013_CSMS' }, title: 'Hard Reset', type: 'Hard', scope: 'station', catches: REBOOT },
  { ids: { '1.6': 'TC_014_CSMS' }, title: 'Soft Reset', type: 'Soft', scope: 'station', catches: ['reset.wrongType', ...REBOOT] },
];

for (const r of RESETS) {
  const v16 = !!r.ids['1.6'];
  const what = r.scope === 'evse' ? 'EVSE 1' : 'the station';
  csmsCase({
    ids: r.ids,
    title: r.title,
    area: 'status',
    useCase: v16 ? { '1.6': '1.6 §5.14 Reset' } : { '2.0.1': r.withTx ? 'B12 Reset - With Ongoing Transaction' : 'B11 Reset - Without Ongoing Transaction' },
    requirements: v16 ? { '1.6': ['1.6§5.14', '1.6§4.2', '1.6§4.9'] } : { '2.0.1': [r.withTx ? 'Part2§B12' : 'Part2§B11', ...(r.scope === 'station' ? ['B01.FR.02'] : [])] },
    catches: r.catches,
    expectation: `${r.withTx ? 'A transaction runs on EVSE 1. ' : ''}The operator resets ${what} ${r.type}: the CSMS sends ResetRequest type ${r.type}${v16 ? ' (1.6 §5.14)' : `${r.scope === 'evse' ? ' with evseId 1' : ' without evseId'} (B11 / B12 describe it; no CSMS-side FR: a different request is a soft finding)`}. ${r.withTx ? (r.type === 'OnIdle' ? 'The station answers Scheduled; the driver ends the transaction (its answer carries the token\'s info). ' : 'The station answers Accepted and ends the transaction (ResetCommand / ImmediateReset), which the CSMS acknowledges. ') : ''}${r.scope === 'station' ? `The station reboots and boots again${v16 ? '' : ' (reason RemoteReset)'}: the CSMS accepts it (${v16 ? '1.6 §4.2' : 'B01.FR.02'}) and acknowledges every connector Available.` : 'EVSE 1 resets: its connector reports Unavailable, then Available, which the CSMS acknowledges.'}`,
    actions: [`reset ${what} (${r.type})`],
    source: r.ids['2.0.1'] === 'TC_B_25_CSMS' ? 'OCTT TC_B_25_CSMS resets the configured EVSE; the type is not in our catalogue: OnIdle here (no transaction runs, so both types mean an immediate reset).' : undefined,
  }, r.withTx
    ? async ({ booted, charging, station, drv, operate, facts }) => { await reset({ booted, station, drv, operate, stationId: facts.stationId }, r, charging); }
    : async ({ booted, station, drv, operate, facts }) => { await reset({ booted, station, drv, operate, stationId: facts.stationId }, r); });
}

interface Ctx { booted: CsmsBooted; station: ScriptedStation; drv: StationDriver; operate: (a: CsmsAction) => Promise<void>; stationId: string }

async function reset({ booted, station, drv, operate, stationId }: Ctx, r: Row, tx?: ToolTransaction): Promise<void> {
  const c = booted.connectors[0];
  // B12.FR.01 / B12.FR.02 (1.6 §5.14): OnIdle during a transaction is Scheduled, otherwise Accepted.
  station.reply('Reset', { status: tx && r.type === 'OnIdle' ? 'Scheduled' : 'Accepted' });
  const after = station.mark('the operator resets');
  await operate({ type: 'reset', stationId, resetType: r.type, ...(r.scope === 'evse' ? { evseId: c.evseId } : {}) });
  const rule = drv.rule({ '1.6': '1.6§5.14', '2.0.1': tx ? 'Part2§B12' : 'Part2§B11' });
  const expected = drv.version === '1.6' ? { type: r.type } : { type: r.type, evseId: r.scope === 'evse' ? c.evseId : absent() };
  const request = await drv.level({ '1.6': 'shall', '2.0.1': 'should' }, () => station.expectCall('Reset', expected, { rule, within: station.timing.actionTimeout, after }));
  if (!request) return;
  if (tx && r.type === 'OnIdle') {
    // B12.FR.03 / B12.FR.07: the transaction ends normally (here the driver stops it) before the reset.
    await drv.stopTransaction(tx, { rule: STOP_WITH_TOKEN, reason: 'Local', token: tx.idToken, expectedInfo: { status: 'Accepted' } });
  } else if (tx) {
    // B12.FR.04 / B12.FR.08: the station ends the transaction itself.
    await drv.level(REPLY_LEVEL, () => drv.stopTransaction(tx, { rule: STOP_REPLY, reason: drv.version === '1.6' ? 'HardReset' : 'ImmediateReset', trigger: 'ResetCommand' }));
  }
  if (r.scope === 'evse') {
    // B11.FR.08: the EVSE resets (it may report Unavailable meanwhile).
    for (const status of ['Unavailable', 'Available']) await drv.level(REPLY_LEVEL, () => drv.status(c, status, { rule: STATUS_REPLY }));
    return;
  }
  await reboot(station, drv, drv.version === '1.6' ? undefined : 'RemoteReset');
}

/** The station goes down and boots again: the CSMS accepts the boot and the connectors' Available. */
async function reboot(station: ScriptedStation, drv: StationDriver, reason: string | undefined): Promise<void> {
  await station.disconnect(1001, 'rebooting');
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: BOOT_REPLY, reason });
  await drv.level(REPLY_LEVEL, () => drv.reportAll('Available', { rule: STATUS_REPLY }));
}

csmsCase({
  ids: { '1.6': 'TC_032_1_CSMS' },
  title: 'Power failure boot charging point - configured to stop transaction(s)',
  area: 'status',
  useCase: { '1.6': '1.6 §4.2 Boot Notification, §4.10 Stop Transaction' },
  requirements: { '1.6': ['1.6§4.2', '1.6§4.9', '1.6§4.10'] },
  catches: REBOOT,
  expectation: 'A transaction runs on connector 1 when the power fails. The station boots again: the CSMS accepts it (1.6 §4.2); the station reports connector 0 Available and connector 1 Finishing (1.6 §4.9), and stops the transaction with reason PowerLoss (1.6 §4.10), which the CSMS answers.',
  actions: ['cut the power of the station during a transaction'],
}, async ({ booted, charging, station, drv }) => {
  const c = booted.connectors[0];
  await station.disconnect(1001, 'power failure');
  await station.connect({ rule: drv.rule(HANDSHAKE) });
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: BOOT_REPLY });
  await drv.status(undefined, 'Available', { rule: '1.6§4.9' });
  for (const x of booted.connectors) await drv.status(x, x === c ? 'Finishing' : 'Available', { rule: '1.6§4.9' });
  await drv.stopTransaction(charging, { rule: STOP_REPLY, reason: 'PowerLoss' });
});
