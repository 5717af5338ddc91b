import { expect, test } from '@playwright/test';
import { parseRunConfig } from '../support/parse-config';
import { UsageError } from '../../harness/model/errors';

test.describe('run configuration', () => {
  test('defaults: embedded station, both versions, scaled timing', () => {
    const c = parseRunConfig(undefined);
    expect(c.sut.adapter).toBe('embedded');
    expect(c.versions).toEqual(['1.6', '2.0.1']);
    expect(c.timing.scale).toBeLessThan(1);
    expect(c.sut.host).toBe('127.0.0.1');
  });

  test('a real station gets the specification\'s timing', () => {
    expect(parseRunConfig({ sut: { adapter: 'manual' } }).timing.scale).toBe(1);
  });

  const bad: [unknown, RegExp][] = [
    [[], /JSON object/],
    [{ colour: 1 }, /unknown field "colour"/],
    [{ versions: ['1.5'] }, /config\.versions/],
    [{ sut: { adapter: 'telepathy' } }, /embedded \| manual \| command/],
    [{ sut: { adapter: 'command' } }, /needs sut\.command/],
    [{ sut: { faults: ['boot.nonsense'] } }, /unknown fault/],
    [{ sut: { adapter: 'manual', faults: ['reply.late'] } }, /only be injected into the embedded/],
    [{ sut: { port: 70000 } }, /0-65535/],
    [{ sut: { stationId: 'has space' } }, /printable ASCII/],
    [{ sut: { evses: [0] } }, /connectors per EVSE/],
    [{ timing: { messageTimeout: -1 } }, /non-negative/],
    [{ timing: { warp: 2 } }, /unknown setting "warp"/],
    [{ timing: { scale: 0 } }, /greater than 0/],
  ];
  for (const [input, message] of bad) {
    test(`rejects ${JSON.stringify(input)}`, () => {
      expect(() => parseRunConfig(input)).toThrow(UsageError);
      expect(() => parseRunConfig(input)).toThrow(message);
    });
  }
});
