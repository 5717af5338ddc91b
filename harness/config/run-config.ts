/**
 * The run configuration: which SUT, how to reach or drive it, which versions, which timing.
 * It travels from the CLI to the test runner as JSON in OCPP_HARNESS_CONFIG. Its one
 * definition is the JSON Schema schemas/run-config.schema.json: the input types are generated
 * from it (run-config.generated.ts), ajv checks it (schema.ts); what is left here are the
 * defaults and the rules between fields.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../model/errors';
import { type OcppVersion, OCPP_VERSIONS } from '../protocol/versions';
import { EMBEDDED_TIMING, SPEC_TIMING, type Timing } from '../model/timing';
import { DEFAULT_REPORTS, resolveReports } from './paths';
import { DEFAULT_LIMITS, type Limits } from '../transport/limits';
import { checkRunConfigInput } from './schema';
import { resolveProfile } from './profile';
import type { DeviceProfile } from '../model/profile';
import type { AdapterName, CsmsFactsInput, CsmsInput, OperatorName, Role, RunConfigInput, SutInput, TokenFacts } from './run-config.generated';

export type { AdapterName, OperatorName, Role, RunConfigInput };

/** T with the keys K always present (the defaults filled in). */
type With<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;

/** The station under test, resolved. */
export type SutConfig = With<SutInput, 'adapter' | 'stationId' | 'evses' | 'faults' | 'variants' | 'host' | 'port'>;
/** The facts a CSMS under test must know before the run (OCTT "<Configured ...>" test data), resolved. */
export type CsmsFacts = With<CsmsFactsInput, 'stationId' | 'evses' | 'tokens'>;
/** The CSMS under test, resolved; `adapter` embedded = the built-in reference CSMS is the SUT. */
export type CsmsConfig = With<Omit<CsmsInput, 'facts'>, 'adapter' | 'faults' | 'variants'> & { facts: CsmsFacts };

/** A resolved run: every setting present. `roles` replaces the input's `role`. */
export type RunConfig = With<Pick<RunConfigInput, 'grep' | 'reports' | 'strict' | 'requirementUrl'>, 'reports' | 'strict' | 'requirementUrl'> & {
  /** Roles of the SUT this run covers: the harness plays the CSMS (station) or the stations (csms). */
  roles: Role[];
  versions: OcppVersion[];
  sut: SutConfig;
  csms: CsmsConfig;
  timing: Timing;
  /** What a peer may send before the harness cuts it off. */
  limits: Limits;
  /** The SUT's device profile (read from its file at parse); absent: derived (embedded) or discovered (a real station). */
  profile?: DeviceProfile;
};

/** Embedded station passwords: 40 hex digits fit both 1.6 AuthorizationKey and 2.0.1 BasicAuthPassword. */
export const EMBEDDED_PASSWORDS = { password: 'a1b2c3d4e5f60718293a4b5c6d7e8f9001122334', newPassword: 'f0e1d2c3b4a5968778695a4b3c2d1e0f99887766' };

/** The token facts of a CSMS under test (csms.facts.tokens; the schema's TokenFacts, a unit test keeps them equal). */
export const TOKEN_FACTS = ['valid', 'valid2', 'group', 'blocked', 'expired', 'unknown', 'masterPass', 'masterPassGroup', 'emaid'] as const satisfies readonly (keyof TokenFacts)[];

export const DEFAULT_REQUIREMENT_URL = 'https://openchargealliance.org/protocols/open-charge-point-protocol/?requirement={id}';

export const CONFIG_ENV = 'OCPP_HARNESS_CONFIG';

/** The reference CSMS's facts (the embedded run): the same names the self-test and README use. */
export const EMBEDDED_FACTS: CsmsFacts = {
  stationId: 'CS-REF-01', evses: [1, 1], pendingStationId: 'CS-REF-PENDING', unknownStationId: 'CS-NOT-REGISTERED',
  tokens: { valid: 'VALIDTAG01', valid2: 'VALIDTAG02', group: 'GROUP-A', blocked: 'BLOCKEDTAG', expired: 'EXPIREDTAG', unknown: 'UNKNOWNTAG', masterPass: 'MASTERPASS01', masterPassGroup: 'MASTERPASS', emaid: 'NLHRXC0000000019' },
  tokenTypes: { valid: 'ISO14443', valid2: 'ISO14443' },
  firmwareLocation: 'https://firmware.example.com/ocpp-harness/fw-2.0.0.bin',
  upgradeStationId: 'CS-REF-UPGRADE',
};

export function defaultRunConfig(): RunConfig {
  return {
    roles: ['station', 'csms'], versions: [...OCPP_VERSIONS],
    sut: { adapter: 'embedded', stationId: 'CS001', evses: [1, 1], faults: [], variants: [], host: '127.0.0.1', port: 0, ...EMBEDDED_PASSWORDS },
    csms: { adapter: 'embedded', faults: [], variants: [], facts: structuredClone(EMBEDDED_FACTS) },
    timing: { ...EMBEDDED_TIMING }, limits: { ...DEFAULT_LIMITS }, reports: DEFAULT_REPORTS, strict: false, requirementUrl: DEFAULT_REQUIREMENT_URL,
  };
}

/** The fields of `o` that are set (a caller's `{ port: undefined }` leaves the default). */
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Checks a (partial) config against the schema and the rules between fields, over the defaults; throws UsageError naming the bad field. */
export function parseRunConfig(input: unknown, schemaChecked = false): RunConfig {
  const base = defaultRunConfig();
  if (input === undefined || input === null) return base;
  const c = structuredClone(schemaChecked ? input as RunConfigInput : checkRunConfigInput(input));
  if (c.role !== undefined) base.roles = c.role === 'all' ? ['station', 'csms'] : [c.role];
  if (c.roles !== undefined) base.roles = [...new Set(c.roles)];
  if (c.csms !== undefined) applyCsms(c.csms, base);
  if (c.versions !== undefined) base.versions = [...new Set(c.versions)];
  if (c.requirementUrl !== undefined) base.requirementUrl = c.requirementUrl;
  if (c.strict !== undefined) base.strict = c.strict;
  if (c.reports !== undefined) base.reports = resolveReports(c.reports);
  if (c.grep !== undefined) base.grep = c.grep;
  if (c.profile !== undefined) base.profile = resolveProfile(c.profile);
  if (c.sut !== undefined) applySut(c.sut, base);
  if (c.limits !== undefined) Object.assign(base.limits, defined(c.limits));
  if (c.timing !== undefined) Object.assign(base.timing, defined(c.timing));
  return base;
}

function applySut(s: SutInput, base: RunConfig): void {
  const sut = base.sut;
  if (s.adapter !== undefined) {
    sut.adapter = s.adapter;
    // A real station keeps the specification's times, and has no passwords unless given.
    if (s.adapter !== 'embedded') base.timing = { ...SPEC_TIMING };
    if (s.adapter !== 'embedded' && s.password === undefined) { delete sut.password; delete s.newPassword; delete sut.newPassword; }
  }
  Object.assign(sut, defined(s));
  if (sut.adapter === 'command' && !sut.command) throw new UsageError('the command adapter needs sut.command (--command "...")');
  if (sut.faults.length && sut.adapter !== 'embedded') throw new UsageError('faults can only be injected into the embedded station');
  if (sut.variants.length && sut.adapter !== 'embedded') throw new UsageError('variants apply to the embedded station only');
  if ((sut.securityProfile ?? 0) >= 2 && sut.adapter === 'embedded') throw new UsageError('config.sut.securityProfile is for a real station (the embedded station runs every profile in its security cases)');
  if (sut.firmwareSigning && sut.adapter === 'embedded') throw new UsageError('config.sut.firmwareSigning is for a real station (the embedded station trusts the run\'s test PKI)');
}

function applyCsms(input: CsmsInput, base: RunConfig): void {
  const c = base.csms;
  const { facts, ...settings } = input;
  if (input.url !== undefined) {
    // A real CSMS: operator manual unless given, the specification's times, none of the reference CSMS's facts but its station.
    c.adapter = 'manual';
    base.timing = { ...SPEC_TIMING };
    c.facts = { stationId: c.facts.stationId, evses: c.facts.evses, tokens: {} };
  }
  Object.assign(c, defined(settings));
  if (c.adapter !== 'embedded' && !c.url) throw new UsageError(`the ${c.adapter} operator drives a real CSMS: give its URL (--url ws://host:port/path or csms.url)`);
  if (c.adapter === 'embedded' && c.url) throw new UsageError('csms.url and the embedded reference CSMS exclude each other: choose an operator adapter (manual | command | http | browser)');
  if (!!c.clientCertFile !== !!c.clientKeyFile) throw new UsageError('config.csms.clientCertFile and clientKeyFile go together');
  if (!!c.otherClientCertFile !== !!c.otherClientKeyFile) throw new UsageError('config.csms.otherClientCertFile and otherClientKeyFile go together');
  if (c.adapter === 'command' && !c.command) throw new UsageError('the command operator needs csms.command (--command "...")');
  if (c.adapter === 'http' && !c.hookUrl) throw new UsageError('the http operator needs csms.hookUrl (--hook-url http://...)');
  if (c.adapter === 'browser' && !c.browserScript) throw new UsageError('the browser operator needs csms.browserScript (--script FILE)');
  if (c.faults.length && c.adapter !== 'embedded') throw new UsageError('faults can only be injected into the embedded reference CSMS');
  if (c.variants.length && c.adapter !== 'embedded') throw new UsageError('variants apply to the embedded reference CSMS only');
  if (facts !== undefined) {
    const { tokens, tokenTypes, ...rest } = facts;
    Object.assign(c.facts, defined(rest));
    if (tokens !== undefined) Object.assign(c.facts.tokens, defined(tokens));
    if (tokenTypes !== undefined) c.facts.tokenTypes = { ...c.facts.tokenTypes, ...defined(tokenTypes) };
  }
}

export function runConfigFromEnv(): RunConfig {
  const raw = process.env[CONFIG_ENV];
  if (!raw) return defaultRunConfig();
  let data: unknown;
  try { data = JSON.parse(raw); } catch (e) { throw new UsageError(`${CONFIG_ENV} is not valid JSON: ${(e as Error).message}`); }
  // The text's digest, once it passed the schema, goes into the environment: Playwright's workers
  // inherit the runner's, and skip compiling the schema again for the same text (a tenth of a second each).
  const digest = createHash('sha256').update(raw).digest('base64url');
  const run = parseRunConfig(data, process.env[CHECKED_ENV] === digest);
  process.env[CHECKED_ENV] = digest;
  return run;
}

/** The digest of the CONFIG_ENV text a parent process checked against the schema. */
const CHECKED_ENV = 'OCPP_HARNESS_RUN_CHECKED';

/** Which of the run's SUTs are real devices (an adapter other than the embedded station or reference CSMS). */
export function realSuts(run: RunConfig): { station: boolean; csms: boolean } {
  return { station: run.roles.includes('station') && run.sut.adapter !== 'embedded', csms: run.roles.includes('csms') && run.csms.adapter !== 'embedded' };
}
