/** Connector status notifications on plug, unplug and fault (2.0.1 G01, 1.6 §4.9; OCTT TC_041_CS). */
import type { Hardware } from '../../../fixtures/hardware';
import { ocppCase } from '../../../fixtures/ocpp-case';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import type { ConnectorRef } from '../../../harness/model/layout';
import type { RuleSpec } from '../../../harness/model/rules';
import { ms } from '../../../harness/model/timing';
import type { FrameEntry } from '../../../harness/transport/journal';

/**
 * No energy on `c` after `after`, judged by the charging itself, not by a new transaction: a
 * transaction may have started at plug-in (TxStartPoint EVConnected, free charging) before the
 * fault, and a transaction without energy is not charging. Evidence: no frame saying it charges
 * (OcppDriver.isCharging) over the window, then the relay open where the adapter can see it
 * (given a message timeout to open).
 */
async function expectNoEnergy(ocpp: OcppDriver, hardware: Hardware, c: ConnectorRef, o: { rule: RuleSpec; after: FrameEntry; because: string }): Promise<void> {
  const { csms } = ocpp;
  await ocpp.expectNoCharging(c, { rule: o.rule, forSeconds: csms.timing.messageTimeout / 3, after: o.after, because: o.because });
  const open = await hardware.relayBecomes(c, false, ms(csms.timing, csms.timing.messageTimeout));
  if (open === false) throw csms.failure(ocpp.rule(o.rule), `relay of EVSE ${c.evseId} connector ${c.connectorId} open (no energy) ${o.because}`, 'the relay is closed: energy flows');
}

ocppCase({
  ids: { '2.0.1': 'TC_G_01_CS', '1.6': 'HX_TC_G_01_CS' },
  title: 'Connector status Notification - Available to Occupied', area: 'status',
  useCase: { '2.0.1': 'G01 Status Notification', '1.6': '1.6 §4.9 Status Notification' },
  requirements: { '2.0.1': ['G01.FR.03'], '1.6': ['1.6§4.9'] },
  catches: ['status.wrongAfterPlug', 'status.phantomConnector'],
  actions: ['plugIn'],
  expectation: 'Plugging a cable into an Available connector is reported: Occupied (2.0.1), Preparing (1.6).',
}, async ({ booted, ocpp, hardware }) => {
  const c = booted.connectors[0];
  await hardware.plugIn(c);
  await ocpp.expectStatus(c, { '1.6': 'Preparing', '2.0.1': 'Occupied' }, { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.03' } });
});

ocppCase({
  ids: { '2.0.1': 'TC_G_02_CS', '1.6': 'HX_TC_G_02_CS' },
  title: 'Connector status Notification - Occupied to Available', area: 'status',
  useCase: { '2.0.1': 'G01 Status Notification', '1.6': '1.6 §4.9 Status Notification' },
  requirements: { '2.0.1': ['G01.FR.04'], '1.6': ['1.6§4.9'] },
  catches: ['status.wrongAfterUnplug'],
  actions: ['plugIn', 'unplug'],
  expectation: 'Unplugging the cable (no transaction) is reported Available.',
}, async ({ booted, ocpp, hardware }) => {
  const c = booted.connectors[0];
  await hardware.plugIn(c);
  const plugged = await ocpp.expectStatus(c, 'Occupied', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.03' } });
  await hardware.unplug(c);
  await ocpp.expectStatus(c, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.04' }, after: plugged.entry });
});

ocppCase({
  ids: { '1.6': 'TC_041_CS', '2.0.1': 'HX_TC_041_CS' },
  title: 'Fault Behavior', area: 'status',
  useCase: { '2.0.1': 'G01 Status Notification', '1.6': '1.6 §4.9 Status Notification' },
  requirements: { '1.6': ['1.6§4.9', '1.6§7.7'], '2.0.1': ['G01.FR.01'] },
  catches: { '1.6': ['status.noFaulted', 'fault.chargesWhileFaulted'], '2.0.1': ['fault.chargesWhileFaulted'] },
  actions: ['raiseFault', 'plugIn', 'presentCard', 'unplug', 'clearFault'],
  expectation: 'A connector fault is reported Faulted and no energy flows on it (no frame says it charges, the relay stays open where the adapter sees it), even with a cable in and a valid card; when the fault clears the connector is Available again.',
  source: '1.6: OCTT TC_041_CS; status changes SHALL be reported (1.6 §4.9 as amended by errata v4.0 §3.19) and a Faulted connector delivers no energy (§7.7). 2.0.1: no SHALL found that requires a Faulted report or forbids a local start on a Faulted connector (remote starts: F01.FR.23), so both are soft findings citing the closest rule, G01.FR.01 (every connector has a valid status).',
}, async ({ booted, ocpp, csms, hardware }) => {
  const c = booted.connectors[0];
  const level = { '1.6': 'shall', '2.0.1': 'should' } as const;
  await hardware.raiseFault(c, 'GroundFailure');
  await ocpp.level(level, () => ocpp.expectStatus(c, 'Faulted', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.01' } }));
  const mark = csms.mark('faulted: no transaction may start');
  await hardware.plugIn(c);
  await hardware.presentCard('VALIDTAG01', c);
  await ocpp.level(level, () => expectNoEnergy(ocpp, hardware, c, { rule: { '1.6': '1.6§7.7', '2.0.1': 'G01.FR.01' }, after: mark, because: 'on a Faulted connector' }));
  await hardware.unplug(c);
  await hardware.clearFault(c);
  await ocpp.level(level, () => ocpp.expectStatus(c, 'Available', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.01' }, after: mark }));
});

ocppCase({
  ids: { '2.0.1': 'TC_G_20_CS', '1.6': 'TC_024_CS' },
  title: 'Connector status Notification - Lock Failure', area: 'status',
  useCase: { '2.0.1': 'G05 Lock Failure', '1.6': '1.6 §4.9 Status Notification (ConnectorLockFailure)' },
  requirements: { '2.0.1': ['G05.FR.01', 'G05.FR.02'], '1.6': ['1.6§4.9', '1.6§7.7'] },
  catches: { '2.0.1': ['lock.noProblemReported', 'lock.chargesAnyway', 'lock.keepsChargingPlugInTx'], '1.6': ['status.noFaulted'] },
  actions: ['plugIn', 'raiseFault', 'presentCard'],
  expectation: 'A failed plug retention lock is reported (2.0.1 NotifyEvent ConnectorPlugRetentionLock.Problem = true; 1.6 StatusNotification Faulted, errorCode ConnectorLockFailure) and no energy flows: no frame says the connector charges and the relay is open (where the adapter sees it), whether or not a transaction started at plug-in.',
  source: '1.6 TC_024_CS starts with a remote start; here the driver presents a card (remote start is in the authorization suites). 1.6: the Faulted status change SHALL be reported (§4.9, errata v4.0 §3.19) and a Faulted connector delivers no energy (§7.7).',
}, async ({ booted, ocpp, csms, hardware }) => {
  const c = booted.connectors[0];
  await hardware.plugIn(c);
  await ocpp.expectStatus(c, 'Occupied', { rule: { '1.6': '1.6§4.9', '2.0.1': 'G01.FR.03' } });
  const mark = csms.mark('lock failure');
  await hardware.raiseFault(c, 'ConnectorLockFailure');
  await ocpp.expectLockFailure(c, { rule: { '1.6': '1.6§4.9', '2.0.1': 'G05.FR.02' }, after: mark });
  await hardware.presentCard('VALIDTAG01', c);
  await expectNoEnergy(ocpp, hardware, c, { rule: { '1.6': '1.6§7.7', '2.0.1': 'G05.FR.01' }, after: mark, because: 'after a lock failure' });
});
