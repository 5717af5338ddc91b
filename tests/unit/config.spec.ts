import { expect, test } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunConfig } from '../support/parse-config';
import { UsageError } from '../../harness/model/errors';
import { DEFAULT_REQUIREMENT_URL, TOKEN_FACTS, defaultRunConfig, type RunConfig } from '../../harness/config/run-config';
import type { LimitsInput, OcppVersionName, RunConfigInput, TimingInput, TokenFacts } from '../../harness/config/run-config.generated';
import { GENERATED_TYPES, generateRunConfigTypes } from '../../harness/config/gen-types';
import { RUN_CONFIG_SCHEMA } from '../../harness/config/paths';
import { runConfigSchema, type SchemaNode } from '../../harness/config/schema';
import { SPEC_TIMING, type Timing } from '../../harness/model/timing';
import { DEFAULT_LIMITS, type Limits } from '../../harness/transport/limits';
import { OCPP_VERSIONS, type OcppVersion } from '../../harness/protocol/versions';

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

  test('"$schema" is accepted and ignored; the example config loads', () => {
    const c = parseRunConfig({ $schema: './run-config.schema.json', sut: { port: 9001 } });
    expect(c.sut.port).toBe(9001);
    expect(c).not.toHaveProperty('$schema');
    const example = JSON.parse(readFileSync(join(RUN_CONFIG_SCHEMA, '..', 'example-run-config.json'), 'utf8')) as RunConfigInput;
    expect(example.$schema).toBe('./run-config.schema.json');
    const e = parseRunConfig(example);
    expect([e.roles, e.versions, e.sut.adapter, e.sut.port, e.timing.scale]).toEqual([['station'], ['2.0.1'], 'manual', 9000, 1]);
  });

  test('a resolved config (what the CLI hands the runner) is valid input and reads back the same', () => {
    for (const input of [undefined, { role: 'csms', csms: { url: 'wss://csms.example.com/ocpp', adapter: 'http', hookUrl: 'http://rig/actions', facts: { stationId: 'CS9', tokens: { valid: 'ABC' } } } },
      { sut: { adapter: 'manual', password: 'p'.repeat(20), securityProfile: 2, tlsHostnames: ['harness.lan'] }, timing: { messageTimeout: 5 }, grep: 'TC_B', strict: true }]) {
      const resolved = JSON.parse(JSON.stringify(parseRunConfig(input))) as RunConfig;
      expect(parseRunConfig(resolved)).toEqual(resolved);
    }
    expect(parseRunConfig({}).requirementUrl).toBe(DEFAULT_REQUIREMENT_URL);
  });

  test('a secret is never echoed in a message', () => {
    const secret = 'too-long-secret-'.repeat(3);
    expect(() => parseRunConfig({ sut: { password: secret } })).toThrow(/config\.sut\.password: a string of 16-40 characters \(the value is a secret, not shown\)/);
    expect(() => parseRunConfig({ sut: { password: secret } })).not.toThrow(new RegExp(secret));
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
    // The field's path, what it expects and what it got.
    [{ sut: { port: 'eighty' } }, /^config\.sut\.port: 0-65535, got "eighty"$/],
    [{ sut: { evses: [1, 9] } }, /^config\.sut\.evses: connectors per EVSE, .*, got \[1,9\]$/],
    [{ strict: 'yes' }, /^config\.strict: true or false, got "yes"$/],
    [{ sut: 3 }, /^config\.sut: an object, got 3$/],
    [{ timing: { warp: 2, scale: 1 } }, /\(known: scale, slackMs, .*intervalTolerance\)$/],
  ];
  for (const [input, message] of bad) {
    test(`rejects ${JSON.stringify(input)}`, () => {
      expect(() => parseRunConfig(input)).toThrow(UsageError);
      expect(() => parseRunConfig(input)).toThrow(message);
    });
  }
});

// Compile-time: the types generated from the schema and the harness's own types are the same.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inSync: [Same<Required<TimingInput>, Timing>, Same<Required<LimitsInput>, Limits>, Same<OcppVersionName, OcppVersion>, Same<keyof TokenFacts, (typeof TOKEN_FACTS)[number]>] = [true, true, true, true];

test.describe('run configuration schema (schemas/run-config.schema.json)', () => {
  test('the committed TypeScript types are generated from it (run `npm run gen:config-types` if not)', async () => {
    expect(inSync).toEqual([true, true, true, true]);
    expect(readFileSync(GENERATED_TYPES, 'utf8') === await generateRunConfigTypes(), 'harness/config/run-config.generated.ts is stale').toBe(true);
  });

  test('it names the same settings, versions and token facts as the code that uses them', () => {
    const schema = runConfigSchema();
    const keys = (name: string): string[] => Object.keys(schema.$defs![name].properties!);
    expect(keys('timing')).toEqual(Object.keys(SPEC_TIMING));
    expect(keys('limits')).toEqual(Object.keys(DEFAULT_LIMITS));
    expect(keys('tokens')).toEqual([...TOKEN_FACTS]);
    expect((schema.$defs!.version as SchemaNode & { enum: string[] }).enum).toEqual([...OCPP_VERSIONS]);
  });

  test('a plain draft 2020-12 validator compiles it, and the defaults are valid', () => {
    const ajv = new Ajv2020({ strict: true });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(RUN_CONFIG_SCHEMA, 'utf8')) as object);
    expect(validate(JSON.parse(JSON.stringify(defaultRunConfig()))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ sut: { warp: 1 } })).toBe(false);
  });
});
