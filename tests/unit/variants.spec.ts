import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { OCPP_VERSIONS } from '../../harness/protocol/versions';
import { STATION_FAULTS } from '../../harness/sims/station/faults';
import { STATION_PERSONALITIES, STATION_VARIANT_TABLES, STATION_VARIANTS, variantCatalogueOf } from '../../harness/sims/station/variants';
import { CSMS_PERSONALITIES, CSMS_VARIANTS } from '../../harness/sims/csms/variants';
import { CSMS_FAULTS } from '../../harness/sims/csms/faults';
import type { Personality, VariantSpec } from '../../harness/sims/variant-spec';
import { variantsMarkdown } from '../../harness/sims/variants-doc';
import { policyOf } from '../../harness/sims/station/fault-table';
import { SimulatedStation } from '../../harness/sims/station/simulated-station';

const ROLES: { role: string; variants: Record<string, VariantSpec>; personalities: readonly Personality[]; faults: Record<string, unknown> }[] = [
  { role: 'station', variants: STATION_VARIANTS, personalities: STATION_PERSONALITIES, faults: STATION_FAULTS },
  { role: 'csms', variants: CSMS_VARIANTS, personalities: CSMS_PERSONALITIES, faults: CSMS_FAULTS },
];

test.describe('legal variation catalogues', () => {
  test('a variant name declared twice is refused; no variant shares a name with a fault', () => {
    const spec = { description: 'd', allowedBy: 'a', versions: ['1.6'] as const, sets: {} };
    expect(() => variantCatalogueOf({ 'x.y': spec }, { 'x.y': spec })).toThrow(/declared twice/);
    const names = STATION_VARIANT_TABLES.flatMap((t) => Object.keys(t));
    expect(new Set(names).size).toBe(names.length);
    for (const { role, variants, faults } of ROLES) {
      for (const name of Object.keys(variants)) expect(Object.hasOwn(faults, name), `${role} ${name} is also a fault`).toBe(false);
    }
  });

  test('every variant says what it does, the text that allows it and its versions', () => {
    for (const { role, variants } of ROLES) {
      for (const [name, v] of Object.entries(variants)) {
        expect(v.description.length, `${role} ${name}`).toBeGreaterThan(10);
        expect(v.allowedBy.length, `${role} ${name}`).toBeGreaterThan(20);
        expect(v.versions.length, `${role} ${name}`).toBeGreaterThan(0);
      }
    }
  });

  test('every variant is in a personality for each version it exists in; personalities name known variants, 3-6 per role and version', () => {
    for (const { role, variants, personalities } of ROLES) {
      for (const p of personalities) for (const n of p.variants) expect(Object.hasOwn(variants, n), `${role} personality ${p.name}: unknown variant ${n}`).toBe(true);
      expect(new Set(personalities.map((p) => p.name)).size).toBe(personalities.length);
      for (const v of OCPP_VERSIONS) {
        const live = personalities.filter((p) => p.variants.some((n) => variants[n]?.versions.includes(v)));
        for (const [name, spec] of Object.entries(variants)) {
          if (!spec.versions.includes(v)) continue;
          expect(live.some((p) => p.variants.includes(name)), `${role} ${v}: ${name} is in no personality`).toBe(true);
        }
        if (Object.values(variants).some((s) => s.versions.includes(v))) {
          expect(live.length, `${role} ${v}: personalities`).toBeGreaterThanOrEqual(Object.keys(variants).length ? 1 : 0);
          expect(live.length, `${role} ${v}: personalities`).toBeLessThanOrEqual(6);
        }
      }
    }
    const stationLive = (v: string) => STATION_PERSONALITIES.filter((p) => p.variants.some((n) => STATION_VARIANTS[n]?.versions.includes(v as '1.6')));
    for (const v of OCPP_VERSIONS) expect(stationLive(v).length).toBeGreaterThanOrEqual(3);
  });

  test('no two variants of a personality set the same (non-list) knob of a concern to different values', () => {
    const tableOf = (name: string) => STATION_VARIANT_TABLES.findIndex((t) => Object.hasOwn(t, name));
    for (const p of STATION_PERSONALITIES) {
      for (const v of OCPP_VERSIONS) {
        const here = p.variants.filter((n) => STATION_VARIANTS[n].versions.includes(v));
        const seen = new Map<string, { by: string; value: string }>();
        for (const n of here) {
          const t = tableOf(n);
          const sets = (STATION_VARIANT_TABLES[t][n] as { sets: Record<string, unknown> }).sets;
          for (const [knob, value] of Object.entries(sets)) {
            if (Array.isArray(value)) continue; // a list knob grows: each variant adds to it (policyOf)
            const key = `${t}.${knob}`;
            const was = seen.get(key);
            const text = JSON.stringify(value);
            if (was) expect(text, `${p.name} (${v}): ${n} and ${was.by} both set ${knob}`).toBe(was.value);
            seen.set(key, { by: n, value: text });
          }
        }
      }
    }
  });

  test('policyOf: variants first, then faults; the correct default is untouched without them', () => {
    const table = { 'f.x': { description: 'd', rules: { '1.6': ['1.6§4.2'] }, breaks: { a: 3 } } };
    const variants = { 'v.x': { description: 'd', allowedBy: 'a', versions: ['1.6'] as const, sets: { a: 2, b: true } } };
    expect(policyOf({ a: 1, b: false }, table, new Set(), variants)).toEqual({ a: 1, b: false });
    expect(policyOf({ a: 1, b: false }, table, new Set(['v.x']), variants)).toEqual({ a: 2, b: true });
    expect(policyOf({ a: 1, b: false }, table, new Set(['v.x', 'f.x']), variants)).toEqual({ a: 3, b: true });
  });

  test('the simulated station refuses an unknown variant like an unknown fault', () => {
    expect(() => new SimulatedStation({ version: '2.0.1', url: 'ws://127.0.0.1:1/CS', stationId: 'CS', variants: ['no.such'] })).toThrow(/unknown station variant/);
    const s = new SimulatedStation({ version: '2.0.1', url: 'ws://127.0.0.1:1/CS', stationId: 'CS', variants: ['tx.startAtEVConnected', 'reply.slow'] });
    expect(s.tx.policy.startPoint).toBe('EVConnected');
    expect(s.link.policy.replyDelayFactor).toBe(0.8);
    s.shutdown();
  });

  test('docs/variants.md is current (npm run gen:variants-doc)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'variants.md'), 'utf8');
    expect(doc).toBe(variantsMarkdown());
  });
});
