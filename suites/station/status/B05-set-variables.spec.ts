/** Writing device model variables (2.0.1 B05 Set Variables; OCTT TC_B_09/10/35/37/39_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { ProvisioningDriver, type VariableItem } from '../../../harness/judge/as-csms/provisioning-driver';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';

const set = { '2.0.1': 'B05 Set Variables' };
const OFFLINE_THRESHOLD: VariableItem = { component: 'OCPPCommCtrlr', variable: 'OfflineThreshold' };
const LOCAL_AUTHORIZE_OFFLINE: VariableItem = { component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline' };

/** Reads the variables first, so the fixtures put them back after the case (a real station keeps its configuration). */
async function remember(ocpp: OcppDriver, dm: ProvisioningDriver, items: VariableItem[]): Promise<void> {
  const before = await dm.getVariables(items, 'B06.FR.10');
  items.forEach((i, k) => { if (before[k].attributeStatus === 'Accepted' && before[k].attributeValue !== undefined) ocpp.configured.push({ setting: { component: i.component, variable: i.variable }, previous: before[k].attributeValue! }); });
}

ocppCase({
  ids: { '2.0.1': 'TC_B_09_CS' }, title: 'Set Variables - single value', area: 'status', useCase: set,
  requirements: { '2.0.1': ['B05.FR.01', 'B05.FR.02', 'B05.FR.03', 'B05.FR.10'] },
  catches: ['dm.omitsAttributeType'],
  expectation: 'OfflineThreshold set to 300 with attributeType Actual: one result, Accepted, attributeType Actual.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  await remember(ocpp, dm, [OFFLINE_THRESHOLD]);
  const [r] = await dm.setVariables([{ ...OFFLINE_THRESHOLD, attributeType: 'Actual', value: '300' }], 'B05.FR.10');
  dm.expectStatus(r, 'Accepted', 'B05.FR.10');
});

ocppCase({
  ids: { '2.0.1': 'TC_B_10_CS' }, title: 'Set Variables - multiple values', area: 'status', useCase: set,
  requirements: { '2.0.1': ['B05.FR.01', 'B05.FR.02', 'B05.FR.03', 'B05.FR.10'] },
  catches: ['dm.answersFirstOnly', 'dm.omitsAttributeType'],
  expectation: 'OfflineThreshold 300 and LocalAuthorizeOffline true set in one SetVariables: two results, each Accepted with attributeType Actual.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  await remember(ocpp, dm, [OFFLINE_THRESHOLD, LOCAL_AUTHORIZE_OFFLINE]);
  const results = await dm.setVariables([{ ...OFFLINE_THRESHOLD, attributeType: 'Actual', value: '300' }, { ...LOCAL_AUTHORIZE_OFFLINE, attributeType: 'Actual', value: 'true' }], 'B05.FR.01');
  for (const r of results) dm.expectStatus(r, 'Accepted', 'B05.FR.10');
});

ocppCase({
  ids: { '2.0.1': 'TC_B_35_CS' }, title: 'Set Variables - Unknown component', area: 'status', useCase: set,
  requirements: { '2.0.1': ['B05.FR.04', 'B05.FR.12'] },
  catches: ['dm.unknownComponentAsVariable', 'dm.omitsAttributeType'],
  expectation: 'A variable of a component the station does not have: attributeStatus UnknownComponent, attributeType Actual.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const [r] = await dm.setVariables([{ component: 'UnknownComponent', variable: 'OfflineThreshold', value: '300' }], 'B05.FR.04');
  dm.expectStatus(r, 'UnknownComponent', 'B05.FR.04');
});

ocppCase({
  ids: { '2.0.1': 'TC_B_37_CS' }, title: 'Set Variables - Not supported attribute type', area: 'status', useCase: set,
  requirements: { '2.0.1': ['B05.FR.06', 'B05.FR.03'] },
  catches: ['dm.ignoresAttributeType'],
  expectation: 'OfflineThreshold written with attributeType Target: NotSupportedAttributeType, attributeType Target.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  await remember(ocpp, dm, [OFFLINE_THRESHOLD]);
  const [r] = await dm.setVariables([{ ...OFFLINE_THRESHOLD, attributeType: 'Target', value: '300' }], 'B05.FR.06');
  dm.expectStatus(r, 'NotSupportedAttributeType', 'B05.FR.06');
});

ocppCase({
  ids: { '2.0.1': 'TC_B_39_CS' }, title: 'Set Variables - Read-only', area: 'status', useCase: set,
  requirements: { '2.0.1': ['B05.FR.09'] },
  catches: ['dm.writesReadOnly'],
  expectation: 'Writing the read-only OCPPCommCtrlr.MessageTimeout[Default] (its own value back): attributeStatus Rejected.',
  source: 'OCTT TC_B_39_CS takes MessageTimeout[Default] as read-only (it is set through the network connection profile, B09); the value written is the one read, so nothing changes on a station that accepts it.',
}, async ({ booted, ocpp }) => {
  void booted;
  const dm = new ProvisioningDriver(ocpp);
  const timeout: VariableItem = { component: 'OCPPCommCtrlr', variable: 'MessageTimeout', instance: 'Default' };
  const [now] = await dm.getVariables([timeout], 'B06.FR.10');
  dm.expectStatus(now, 'Accepted', 'B06.FR.10');
  const [r] = await dm.setVariables([{ ...timeout, value: now.attributeValue ?? '30' }], 'B05.FR.09');
  dm.expectStatus(r, 'Rejected', 'B05.FR.09');
});
