import { expect, test } from '@playwright/test';
import { checkEdges, formatViolations, importEdges, REPO_ROOT, roomCycles } from '../support/import-rules';

test.describe('rooms: who may import whom (docs/architecture.md)', () => {
  test('the tree has no forbidden arrow and no cycle between rooms', () => {
    const edges = importEdges(REPO_ROOT);
    expect(edges.length).toBeGreaterThan(100);
    const violations = checkEdges(edges);
    expect(violations, `forbidden imports:\n${formatViolations(violations)}`).toEqual([]);
  });

  test('a judge file importing the simulated station is refused, naming the files', () => {
    const planted = { from: 'harness/judge/as-csms/ocpp-driver.ts', to: 'harness/sims/station/simulated-station.ts' };
    const text = formatViolations(checkEdges([planted]));
    expect(text).toContain('harness/judge/as-csms/ocpp-driver.ts -> harness/sims/station/simulated-station.ts');
    expect(text).toContain('judge/ never imports sims/');
  });

  test('each named never-arrow is refused', () => {
    const cases: [string, string, RegExp][] = [
      ['suites/station/status/B01.spec.ts', 'harness/sims/station/faults.ts', /suites\/ never import sims/],
      ['harness/protocol/rpc.ts', 'harness/model/errors.ts', /protocol\/ imports nothing/],
      ['harness/transport/connection.ts', 'harness/judge/scripted-peer.ts', /transport\/ imports neither/],
      ['harness/report/allure.ts', 'fixtures/index.ts', /harness\/ never imports fixtures/],
      ['harness/config/run-config.ts', 'harness/sims/station/faults.ts', /only the embedded adapter/],
      ['harness/judge/as-station/station-driver.ts', 'harness/judge/as-csms/ocpp-driver.ts', /judge\/as-station\/ never imports judge\/as-csms/],
      ['harness/sut/embedded.ts', 'harness/sims/station/simulated-station.ts', /^$/],
    ];
    for (const [from, to, rule] of cases) {
      const text = checkEdges([{ from, to }]).map((v) => v.rule).join('\n');
      expect(text, `${from} -> ${to}`).toMatch(rule);
    }
  });

  test('a cycle between rooms is found', () => {
    const cycles = roomCycles([
      { from: 'harness/config/a.ts', to: 'harness/report/b.ts' },
      { from: 'harness/report/b.ts', to: 'harness/config/a.ts' },
    ]);
    expect(cycles).toEqual([['config', 'report', 'config']]);
  });
});
