/** Reset and what survives it, and resetting one EVSE (2.0.1 B11, B12; 1.6 §5.14; OCTT TC_B_23_CS, TC_013_CS, TC_B_28_CS, TC_B_29_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { NotApplicable } from '../../../harness/model/errors';
import { ProvisioningDriver } from '../../../harness/judge/as-csms/provisioning-driver';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';

/** EVSE 1's AllowReset (B11.FR.10): a station that announces it can reset an EVSE alone is not one these cases apply to. */
async function withoutEvseReset(ocpp: OcppDriver): Promise<void> {
  const dm = new ProvisioningDriver(ocpp);
  const [allow] = await dm.getVariables([{ component: 'EVSE', evse: { id: 1 }, variable: 'AllowReset' }], 'B06.FR.10');
  if (allow.attributeStatus === 'Accepted' && allow.attributeValue === 'true') ocpp.csms.notApplicable(new NotApplicable('a station that cannot reset an EVSE alone', 'EVSE 1 AllowReset is true (B11.FR.10)'));
}

ocppCase({
  ids: { '2.0.1': 'TC_B_23_CS', '1.6': 'TC_013_CS' }, title: 'Reset Charging Station - Unavailable persists reset', area: 'status',
  useCase: { '2.0.1': 'B11 Reset - Without Ongoing Transaction', '1.6': '1.6 §5.14 Reset' },
  requirements: { '2.0.1': ['B11.FR.01', 'B11.FR.02', 'B11.FR.03', 'B01.FR.03', 'G03.FR.08'], '1.6': ['1.6§5.14', '1.6§5.2', '1.6§4.9', '1.6§4.2'] },
  catches: ['availability.notPersistent', 'reset.noReboot'],
  expectation: 'EVSE 1 set Inoperative, then Reset (2.0.1 OnIdle, 1.6 Hard) Accepted: after the reboot EVSE 1 is reported Unavailable again and the others Available; set Operative it becomes Available.',
  source: '1.6: OCTT TC_013_CS "Hard Reset Without transaction" (the configured connector made Inoperative before the Hard reset, still Unavailable after it), the same scenario.',
}, async ({ booted, ocpp, csms, connectors }) => {
  void booted;
  const target = { evseId: connectors[0].evseId };
  const mine = ocpp.connectorsOf(target);
  const others = connectors.filter((c) => !mine.includes(c));
  await ocpp.changeAvailability(target, false, 'Accepted', { rule: { '1.6': '1.6§5.2', '2.0.1': 'G03.FR.02' } });
  await ocpp.expectStatuses(mine, 'Unavailable', { rule: { '1.6': '1.6§5.2', '2.0.1': 'G03.FR.04' } });
  const mark = csms.mark('reset');
  await csms.callExpecting('Reset', { type: ocpp.version === '1.6' ? 'Hard' : 'OnIdle' }, { status: 'Accepted' }, { rule: ocpp.rule({ '1.6': '1.6§5.14', '2.0.1': 'B11.FR.01' }) });
  // The Accepted reset is a reboot (2.0.1 B11.FR.03, B01.FR.03 reason RemoteReset; 1.6 §5.14, §4.2).
  const boot = await ocpp.expectBoot('RemoteReset', { rule: { '1.6': '1.6§5.14, 1.6§4.2', '2.0.1': 'B11.FR.03, B01.FR.03' }, within: csms.timing.rebootTimeout, after: mark });
  // B11.FR.02: Inoperative set by the CSMS survives the reboot (G03.FR.08; 1.6 §5.2 persistent states, §4.9 statuses after boot).
  await ocpp.expectStatuses(mine, 'Unavailable', { rule: { '1.6': '1.6§5.2, 1.6§4.9', '2.0.1': 'B11.FR.02, G03.FR.08' }, after: boot.entry });
  await ocpp.expectStatuses(others, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'B01.FR.05' }, after: boot.entry });
  await ocpp.changeAvailability(target, true, 'Accepted', { rule: { '1.6': '1.6§5.2', '2.0.1': 'G03.FR.02' } });
  await ocpp.expectStatuses(mine, 'Available', { rule: { '1.6': '1.6§5.2', '2.0.1': 'G03.FR.04' } });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_28_CS' }, title: 'Reset EVSE - Not Supported', area: 'status',
  useCase: { '2.0.1': 'B11 Reset - Without Ongoing Transaction' },
  requirements: { '2.0.1': ['B11.FR.01', 'B11.FR.09'] },
  catches: ['reset.evseAcceptedWithoutSupport'],
  expectation: 'A station that cannot reset an EVSE alone (EVSE.AllowReset not true) answers Reset OnIdle with evseId Rejected.',
}, async ({ booted, ocpp, csms, connectors }) => {
  void booted;
  await withoutEvseReset(ocpp);
  await csms.callExpecting('Reset', { type: 'OnIdle', evseId: connectors[0].evseId }, { status: 'Rejected' }, { rule: 'B11.FR.09' });
});

ocppCase({
  ids: { '2.0.1': 'TC_B_29_CS' }, title: 'Reset EVSE - With ongoing transaction - Not Supported', area: 'status',
  useCase: { '2.0.1': 'B12 Reset - With Ongoing Transaction' },
  requirements: { '2.0.1': ['B12.FR.09'] },
  catches: ['reset.evseAcceptedWithoutSupport'],
  actions: ['plugIn', 'presentCard'],
  expectation: 'During a transaction, a station that cannot reset an EVSE alone answers Reset OnIdle with the transaction\'s evseId Rejected.',
}, async ({ charging, ocpp, csms }) => {
  await withoutEvseReset(ocpp);
  await csms.callExpecting('Reset', { type: 'OnIdle', evseId: charging.connector.evseId }, { status: 'Rejected' }, { rule: 'B12.FR.09' });
});
