import { expect, test } from '@playwright/test';
import { canonicalRequirementId, requirement, REQUIREMENT_IDS, REQUIREMENTS } from '../../harness/model/requirements';

test.describe('requirement registry', () => {
  test('one entry per (version, id); ids are single tokens of a known format; summaries are one short line', () => {
    const keys = REQUIREMENTS.map((r) => `${r.version} ${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const format = /^(?:[A-Z]\d{2}\.FR\.\d+|FR\.\d+|(?:Part4|1\.6J?)§\d+(?:\.\d+)*(?:\.[A-Za-z]+)?|Part2§[A-Za-z][A-Za-z0-9]*|WP§[A-Z]\d{2})$/;
    for (const r of REQUIREMENTS) {
      expect(r.id, `${r.version} ${r.id}`).toMatch(format);
      expect(r.summary.length, `${r.version} ${r.id}`).toBeLessThanOrEqual(120);
      expect(r.summary, `${r.version} ${r.id}`).not.toMatch(/\n/);
      expect(r.source, `${r.version} ${r.id}`).toBeTruthy();
      if (r.id.startsWith('1.6')) expect(r.version).toBe('1.6');
      if (r.id.startsWith('Part4') || r.id.startsWith('Part2')) expect(r.version).toBe('2.0.1');
      if (r.id.startsWith('WP§')) expect(r.version).toBe('1.6');
    }
  });

  test('lookup by version: the same id can mean different things in 2.0.1 and the 1.6 whitepaper', () => {
    expect(requirement('2.0.1', 'B01.FR.02')).toMatchObject({ role: 'csms', level: 'SHALL' });
    expect(requirement('2.0.1', 'A00.FR.309')?.summary).toMatch(/FQDN/);
    expect(requirement('1.6', 'A00.FR.309')?.summary).toMatch(/security event/);
    expect(requirement('1.6', 'B01.FR.12')).toBeUndefined();
    expect(requirement('2.0.1', 'L01.FR.24')?.level).toBe('SHOULD');
    expect(REQUIREMENT_IDS['1.6']).toContain('1.6§4.9');
    expect(REQUIREMENT_IDS['2.0.1']).not.toContain('1.6§4.9');
  });

  test('citations written the old way map to canonical tokens', () => {
    expect(canonicalRequirementId('1.6 §4.2 interval')).toBe('1.6§4.2');
    expect(canonicalRequirementId('1.6 §9.1 LocalPreAuthorize')).toBe('1.6§9.1.LocalPreAuthorize');
    expect(canonicalRequirementId('1.6 §9.1.10')).toBe('1.6§9.1.HeartbeatInterval');
    expect(canonicalRequirementId('OCPP-J 1.6 §3.2')).toBe('1.6J§3.2');
    expect(canonicalRequirementId('Part 4 §5.3')).toBe('Part4§5.3');
    expect(canonicalRequirementId('1.6 WP A00.FR.203')).toBe('A00.FR.203');
    expect(canonicalRequirementId('B12.FR.04 (errata 2025)')).toBe('B12.FR.04');
    expect(canonicalRequirementId('TC_B_01_CSMS')).toBeUndefined();
    expect(canonicalRequirementId('E01')).toBeUndefined();
  });
});
