/**
 * The reference CSMS's legal variations (harness/sims/csms/variants.ts): a well-formed catalogue,
 * personalities that cover every variation of their versions, unknown names refused, and the
 * behaviours the strict personality relies on (Pending until the report, ConcurrentTx per token).
 */
import { expect, test } from '@playwright/test';
import { EMBEDDED_FACTS } from '../../harness/config/run-config';
import { EMBEDDED_TIMING } from '../../harness/model/timing';
import { OCPP_VERSIONS } from '../../harness/protocol/versions';
import { CSMS_FAULTS } from '../../harness/sims/csms/faults';
import { ReferenceCsms } from '../../harness/sims/csms/reference-csms';
import { referenceData } from '../../harness/sims/csms/reference-data';
import { CSMS_PERSONALITIES, CSMS_VARIANTS, csmsPersonalitiesFor } from '../../harness/sims/csms/variants';
import { ScriptedStation } from '../../harness/judge/as-station/scripted-station';
import { StationDriver } from '../../harness/judge/as-station/station-driver';

test('at least 8 variants, each with a description, the text that allows it and its versions; none is also a fault', () => {
  expect(Object.keys(CSMS_VARIANTS).length).toBeGreaterThanOrEqual(8);
  for (const [name, v] of Object.entries(CSMS_VARIANTS)) {
    expect(v.description.length, name).toBeGreaterThan(20);
    expect(v.allowedBy, name).toMatch(/\d/);
    expect(v.versions.length, name).toBeGreaterThan(0);
    expect(name in CSMS_FAULTS, name).toBe(false);
  }
});

test('3-5 personalities per version, naming only known variants, together covering every variant of the version', () => {
  for (const p of CSMS_PERSONALITIES) for (const v of p.variants) expect(CSMS_VARIANTS[v], `${p.name}: ${v}`).toBeDefined();
  for (const version of OCPP_VERSIONS) {
    const ps = csmsPersonalitiesFor(version);
    expect(ps.length, version).toBeGreaterThanOrEqual(3);
    expect(ps.length, version).toBeLessThanOrEqual(5);
    const covered = new Set(ps.flatMap((p) => p.variants));
    for (const [name, v] of Object.entries(CSMS_VARIANTS)) if (v.versions.includes(version)) expect(covered.has(name), `${version} ${name}`).toBe(true);
    for (const p of ps) for (const n of p.variants) expect(CSMS_VARIANTS[n].versions, `${p.name} ${n}`).toContain(version);
  }
});

test('an unknown variant name is refused', async () => {
  const data = await referenceData(EMBEDDED_FACTS, EMBEDDED_TIMING);
  expect(() => new ReferenceCsms(data, [], { variants: ['no.such.variant'] })).toThrow(/unknown CSMS variant/);
});

for (const version of OCPP_VERSIONS) {
  test(`strict registration (${version}): Pending until the inventory, then a triggered boot is Accepted; a second transaction of a token is ConcurrentTx`, async () => {
    const csms = await new ReferenceCsms(await referenceData(EMBEDDED_FACTS, EMBEDDED_TIMING), [], { variants: ['boot.pendingUntilReport', 'tx.refusesConcurrentTx'] }).start();
    const station = new ScriptedStation({ version, url: csms.url, stationId: EMBEDDED_FACTS.stationId, timing: EMBEDDED_TIMING });
    try {
      const drv = new StationDriver(station, [{ evseId: 1, connectorId: 1 }, { evseId: 2, connectorId: 1 }]);
      await station.connect({ rule: version === '1.6' ? '1.6J§3.2' : 'Part4§3.2' });
      const first = await station.callExpecting('BootNotification', drv.bootPayload(), {}, { rule: 'B01.FR.02' });
      expect(first.status).toBe('Pending');
      const reply = await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' } });
      expect(reply.status).toBe('Accepted');
      const frames = station.journal.format({ last: 200 });
      expect(frames).toContain(version === '1.6' ? '"GetConfiguration"' : '"NotifyReport"');
      const [a, b] = drv.connectors;
      const rule = { '1.6': '1.6§4.8', '2.0.1': 'E01.FR.11' };
      const tx = await drv.startTransaction(a, EMBEDDED_FACTS.tokens.valid, { status: 'Accepted' }, { rule });
      await drv.startTransaction(b, EMBEDDED_FACTS.tokens.valid, { status: 'ConcurrentTx' }, { rule });
      await drv.stopTransaction(tx, { reason: 'Local', rule: { '1.6': '1.6§4.10', '2.0.1': 'FR.03' } });
      await drv.endOpenTransactions();
      await drv.startTransaction(a, EMBEDDED_FACTS.tokens.valid, { status: 'Accepted' }, { rule });
    } finally {
      station.shutdown();
      await csms.stop();
    }
  });
}

test('connection.closesReplaced: a second connection of the same identity closes the first with a close frame; the new one boots', async () => {
  const csms = await new ReferenceCsms(await referenceData(EMBEDDED_FACTS, EMBEDDED_TIMING), [], { variants: ['connection.closesReplaced'] }).start();
  const first = new ScriptedStation({ version: '2.0.1', url: csms.url, stationId: EMBEDDED_FACTS.stationId, timing: EMBEDDED_TIMING });
  const second = new ScriptedStation({ version: '2.0.1', url: csms.url, stationId: EMBEDDED_FACTS.stationId, timing: EMBEDDED_TIMING });
  try {
    await first.connect({ rule: 'Part4§3.2' });
    const closed = first.waitForClose(EMBEDDED_TIMING.messageTimeout);
    await second.connect({ rule: 'Part4§3.2' });
    expect(await closed).toBe(true);
    expect(first.journal.format({ last: 10 })).toContain('code 1000, replaced by a new connection');
    await second.callExpecting('BootNotification', new StationDriver(second, [{ evseId: 1, connectorId: 1 }]).bootPayload(), { status: 'Accepted' }, { rule: 'B01.FR.02' });
  } finally {
    first.shutdown();
    second.shutdown();
    await csms.stop();
  }
});
