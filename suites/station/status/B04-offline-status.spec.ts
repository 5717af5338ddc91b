/** Status after an offline period, and reconnecting (2.0.1 B04, Part 4 §5.3; OCTT TC_B_51/52/57_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';

const OFFLINE_THRESHOLD = 20;

for (const [id, longer, title] of [
  ['TC_B_51_CS', true, 'Status change during offline period - > Offline Threshold'],
  ['TC_B_52_CS', false, 'Status change during offline period - < Offline Threshold'],
] as const) {
  ocppCase({
    ids: { '2.0.1': id }, title, area: 'status',
    useCase: { '2.0.1': 'B04 Offline Behavior Idle Charging Station' },
    requirements: { '2.0.1': longer ? ['B04.FR.01'] : ['B04.FR.02'] },
    catches: ['offline.noStatusAfterReconnect'],
    actions: ['plugIn'],
    expectation: longer
      ? 'After an offline period longer than OfflineThreshold the station reports every connector (the one plugged while offline: Occupied).'
      : 'After an offline period shorter than OfflineThreshold the station reports the connector whose state changed (Occupied); re-reporting the others is a SHOULD NOT (soft).',
    source: 'OCTT steps (the tool closes the connection and refuses reconnects); thresholds scaled with the run\'s timing.',
  }, async ({ booted, csms, ocpp, hardware }) => {
    const [changed, ...others] = booted.connectors;
    await csms.callExpecting('SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: String(OFFLINE_THRESHOLD) }] },
      { setVariableResult: [{ attributeStatus: 'Accepted' }] }, { rule: 'B05.FR.10' });
    const offline = await csms.goOffline(longer ? OFFLINE_THRESHOLD + 6 : OFFLINE_THRESHOLD - 6);
    await hardware.plugIn(changed);
    await csms.waitForConnection({ rule: 'Part4§5.3', within: OFFLINE_THRESHOLD + 6 + csms.timing.messageTimeout, after: offline });
    const rule = longer ? 'B04.FR.01' : 'B04.FR.02';
    await ocpp.expectStatus(changed, 'Occupied', { rule, after: offline });
    if (longer) await ocpp.expectStatuses(others, 'Available', { rule, after: offline });
    else {
      await ocpp.should(() => csms.expectNoCall('StatusNotification', { connectorStatus: 'Available' },
        { rule: 'B04.FR.02', forSeconds: 3, after: offline, because: 'for connectors whose state did not change' }));
    }
  });
}

ocppCase({
  ids: { '2.0.1': 'TC_B_57_CS' }, title: 'Network Reconnection - After connection loss', area: 'status',
  useCase: { '2.0.1': 'Part 4 §5.3 Reconnecting' },
  requirements: { '2.0.1': ['Part4§5.3', 'Part4§5.3.NoBootOnReconnect'] },
  catches: ['reconnect.never'],
  expectation: 'After the CSMS closes the connection the station reconnects by itself and goes on without a new BootNotification (the latter is a SHOULD).',
  source: 'Title from the OCTT 2.1 list; steps derived from OCPP 2.0.1 Part 4 §5.3.',
}, async ({ booted, csms, ocpp }) => {
  void booted;
  const lost = csms.mark('connection dropped by the CSMS');
  csms.disconnect(1001, 'connection loss (test)');
  await csms.waitForConnection({ rule: 'Part4§5.3', within: csms.timing.messageTimeout * 2, after: lost });
  await ocpp.should(() => csms.expectNoCall('BootNotification', {}, { rule: 'Part4§5.3.NoBootOnReconnect', forSeconds: csms.timing.heartbeatInterval, after: lost, because: 'after a reconnect without reboot' }));
});
