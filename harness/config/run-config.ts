/**
 * The run configuration: which SUT, how to reach or drive it, which versions, which timing.
 * It travels from the CLI to the test runner as JSON in OCPP_HARNESS_CONFIG; `parseRunConfig`
 * checks every field and says exactly what is wrong.
 */
import { UsageError } from '../model/errors';
import { type OcppVersion, OCPP_VERSIONS, isOcppVersion } from '../protocol/versions';
import { EMBEDDED_TIMING, SPEC_TIMING, type Timing } from '../model/timing';
import { isAbsolute, join } from 'node:path';
import { DEFAULT_REPORTS } from './paths';
import { DEFAULT_LIMITS, type Limits } from '../transport/limits';

export type AdapterName = 'embedded' | 'manual' | 'command';

export interface SutConfig {
  adapter: AdapterName;
  /** Shell command of the command adapter. */
  command?: string;
  stationId: string;
  /** Connectors per EVSE of the station under test, e.g. [1, 1]. */
  evses: number[];
  /** Named faults injected into the embedded station. */
  faults: string[];
  host: string;
  /** Port of the harness CSMS; 0 = any free port (embedded only). */
  port: number;
  /** The station's HTTP Basic password (security profile 1); a secret, never reported. */
  password?: string;
  /** The password the password-update case sets; a secret, never reported. */
  newPassword?: string;
  /** Security profile the real station is configured for (2: wss://, 3: wss:// + client certificate); 0/1 = ws://. */
  securityProfile?: 0 | 1 | 2 | 3;
  /** Host names / IP addresses the station uses to reach the harness (the TLS certificate's subject alternative names). */
  tlsHostnames?: string[];
  /** Profile 3: PEM file of the CA the station's client certificate chains to (default: the run's test CA). */
  clientCaFile?: string;
}

/** Embedded station passwords: 40 hex digits fit both 1.6 AuthorizationKey and 2.0.1 BasicAuthPassword. */
export const EMBEDDED_PASSWORDS = { password: 'a1b2c3d4e5f60718293a4b5c6d7e8f9001122334', newPassword: 'f0e1d2c3b4a5968778695a4b3c2d1e0f99887766' };

/** The token facts of a CSMS under test (csms.facts.tokens). */
export const TOKEN_FACTS = ['valid', 'valid2', 'group', 'blocked', 'expired', 'unknown'] as const;

/** The facts a CSMS under test must know before the run (OCTT "<Configured ...>" test data). */
export interface CsmsFacts {
  /** A station id the CSMS knows and accepts. */
  stationId: string;
  /** Connectors per EVSE of that station. */
  evses: number[];
  /** A station id the CSMS answers Pending on its first boot (then Accepted). */
  pendingStationId?: string;
  /** A station id the CSMS does not know. */
  unknownStationId?: string;
  /** The station's HTTP Basic password (security profile 1); a secret, never reported. */
  password?: string;
  /** Tokens: valid (and valid2 in the same group, whose group id is `group`), blocked, expired, and one the CSMS does not know. */
  tokens: { valid?: string; valid2?: string; group?: string; blocked?: string; expired?: string; unknown?: string };
  /** The firmware image URL the CSMS pushes in an update. */
  firmwareLocation?: string;
}

export type OperatorName = 'embedded' | 'manual' | 'command' | 'http' | 'browser';

export interface CsmsConfig {
  /** How operator actions reach the CSMS; `embedded` = the built-in reference CSMS is the SUT. */
  adapter: OperatorName;
  /** The CSMS's OCPP URL (station ids are appended), for a real CSMS. */
  url?: string;
  command?: string;
  /** http operator: the hook that receives each action as JSON. */
  hookUrl?: string;
  /** browser operator: the script module, the UI address and credentials (the password is a secret). */
  browserScript?: string;
  uiUrl?: string;
  uiUser?: string;
  uiPassword?: string;
  /** PEM file of the CA that issued the CSMS's TLS certificate (wss://). */
  caFile?: string;
  /** Security profile 3: the station's client certificate and key (PEM files; the key is a secret), and one for another serial number (negative case). */
  clientCertFile?: string;
  clientKeyFile?: string;
  otherClientCertFile?: string;
  otherClientKeyFile?: string;
  /** Named faults injected into the reference CSMS. */
  faults: string[];
  facts: CsmsFacts;
}

export type Role = 'station' | 'csms';

export interface RunConfig {
  /** Roles of the SUT this run covers: the harness plays the CSMS (station) or the stations (csms). */
  roles: Role[];
  csms: CsmsConfig;
  versions: OcppVersion[];
  sut: SutConfig;
  timing: Timing;
  grep?: string;
  /** Directory for allure-results, allure-report, junit.xml (absolute, or relative to the harness). */
  reports: string;
  /** Certification rehearsal: a SHOULD not met (soft finding) fails the case too. */
  strict: boolean;
  /** URL template of requirement links in the report, `{id}` replaced by the requirement id. */
  requirementUrl: string;
  /** What a peer may send before the harness cuts it off. */
  limits: Limits;
}

export const DEFAULT_REQUIREMENT_URL = 'https://openchargealliance.org/protocols/open-charge-point-protocol/?requirement={id}';

export const CONFIG_ENV = 'OCPP_HARNESS_CONFIG';

/** The reference CSMS's facts (the embedded run): the same names the self-test and README use. */
export const EMBEDDED_FACTS: CsmsFacts = {
  stationId: 'CS-REF-01', evses: [1, 1], pendingStationId: 'CS-REF-PENDING', unknownStationId: 'CS-NOT-REGISTERED',
  tokens: { valid: 'VALIDTAG01', valid2: 'VALIDTAG02', group: 'GROUP-A', blocked: 'BLOCKEDTAG', expired: 'EXPIREDTAG', unknown: 'UNKNOWNTAG' },
  firmwareLocation: 'https://firmware.example.com/ocpp-harness/fw-2.0.0.bin',
};

export function defaultRunConfig(): RunConfig {
  return {
    limits: { ...DEFAULT_LIMITS }, roles: ['station', 'csms'], csms: { adapter: 'embedded', faults: [], facts: structuredClone(EMBEDDED_FACTS) }, versions: [...OCPP_VERSIONS], timing: { ...EMBEDDED_TIMING }, reports: DEFAULT_REPORTS, strict: false, requirementUrl: DEFAULT_REQUIREMENT_URL,
    sut: { adapter: 'embedded', stationId: 'CS001', evses: [1, 1], faults: [], host: '127.0.0.1', port: 0, ...EMBEDDED_PASSWORDS },
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates a (partial) config over the defaults; throws UsageError naming the bad field. */
export function parseRunConfig(input: unknown): RunConfig {
  const base = defaultRunConfig();
  if (input === undefined || input === null) return base;
  if (!isObj(input)) throw new UsageError('config must be a JSON object');
  const known = ['role', 'roles', 'versions', 'sut', 'csms', 'timing', 'limits', 'grep', 'reports', 'strict', 'requirementUrl'];
  for (const k of Object.keys(input)) if (!known.includes(k)) throw new UsageError(`config: unknown field "${k}" (known: ${known.join(', ')})`);
  if (input.role !== undefined) {
    if (!['station', 'csms', 'all'].includes(String(input.role))) throw new UsageError(`config.role: station | csms | all, got ${JSON.stringify(input.role)}`);
    base.roles = input.role === 'all' ? ['station', 'csms'] : [input.role as Role];
  }
  if (input.roles !== undefined) {
    if (!Array.isArray(input.roles) || !input.roles.length || !input.roles.every((r) => r === 'station' || r === 'csms')) throw new UsageError(`config.roles: a non-empty list of station | csms, got ${JSON.stringify(input.roles)}`);
    base.roles = [...new Set(input.roles as Role[])];
  }
  if (input.csms !== undefined) parseCsms(input.csms, base);
  if (input.versions !== undefined) {
    if (!Array.isArray(input.versions) || input.versions.length === 0 || !input.versions.every(isOcppVersion)) {
      throw new UsageError(`config.versions: a non-empty list of ${OCPP_VERSIONS.join(' | ')}, got ${JSON.stringify(input.versions)}`);
    }
    base.versions = [...new Set(input.versions as OcppVersion[])];
  }
  if (input.requirementUrl !== undefined) {
    if (typeof input.requirementUrl !== 'string' || !input.requirementUrl.includes('{id}')) throw new UsageError('config.requirementUrl must be a URL template containing {id}');
    base.requirementUrl = input.requirementUrl;
  }
  if (input.strict !== undefined) {
    if (typeof input.strict !== 'boolean') throw new UsageError('config.strict must be true or false');
    base.strict = input.strict;
  }
  if (input.reports !== undefined) {
    if (typeof input.reports !== 'string' || !input.reports) throw new UsageError('config.reports must be a directory path');
    base.reports = isAbsolute(input.reports) ? input.reports : join(process.cwd(), input.reports);
  }
  if (input.grep !== undefined) {
    if (typeof input.grep !== 'string') throw new UsageError('config.grep must be a string');
    base.grep = input.grep;
  }
  if (input.sut !== undefined) {
    if (!isObj(input.sut)) throw new UsageError('config.sut must be an object');
    const s = input.sut;
    const sutKeys = ['adapter', 'command', 'stationId', 'evses', 'faults', 'host', 'port', 'password', 'newPassword', 'securityProfile', 'tlsHostnames', 'clientCaFile'];
    for (const k of Object.keys(s)) if (!sutKeys.includes(k)) throw new UsageError(`config.sut: unknown field "${k}" (known: ${sutKeys.join(', ')})`);
    if (s.adapter !== undefined) {
      if (!['embedded', 'manual', 'command'].includes(String(s.adapter))) throw new UsageError(`config.sut.adapter: embedded | manual | command, got ${JSON.stringify(s.adapter)}`);
      base.sut.adapter = s.adapter as AdapterName;
      if (base.sut.adapter !== 'embedded') base.timing = { ...SPEC_TIMING };
    }
    for (const key of ['password', 'newPassword'] as const) {
      if (s[key] === undefined) continue;
      if (typeof s[key] !== 'string' || (s[key] as string).length < 16 || (s[key] as string).length > 40) throw new UsageError(`config.sut.${key} must be a string of 16-40 characters`);
      base.sut[key] = s[key] as string;
    }
    if (s.adapter !== undefined && s.adapter !== 'embedded' && s.password === undefined) { delete base.sut.password; delete base.sut.newPassword; }
    if (s.command !== undefined) {
      if (typeof s.command !== 'string' || !s.command.trim()) throw new UsageError('config.sut.command must be a non-empty string');
      base.sut.command = s.command;
    }
    if (base.sut.adapter === 'command' && !base.sut.command) throw new UsageError('the command adapter needs sut.command (--command "...")');
    if (s.stationId !== undefined) {
      if (typeof s.stationId !== 'string' || !/^[\x21-\x7e]{1,48}$/.test(s.stationId)) throw new UsageError(`config.sut.stationId: 1-48 printable ASCII characters without spaces, got ${JSON.stringify(s.stationId)}`);
      base.sut.stationId = s.stationId;
    }
    if (s.evses !== undefined) {
      if (!Array.isArray(s.evses) || s.evses.length === 0 || s.evses.length > 64 || !s.evses.every((n) => Number.isInteger(n) && n >= 1 && n <= 8)) {
        throw new UsageError(`config.sut.evses: connectors per EVSE, e.g. [1, 1] (1-64 EVSEs, 1-8 connectors each), got ${JSON.stringify(s.evses)}`);
      }
      base.sut.evses = s.evses as number[];
    }
    if (s.faults !== undefined) {
      if (!Array.isArray(s.faults) || !s.faults.every((f) => typeof f === 'string')) throw new UsageError('config.sut.faults must be a list of fault names');
      if (s.faults.length && base.sut.adapter !== 'embedded') throw new UsageError('faults can only be injected into the embedded station');
      base.sut.faults = s.faults as string[];
    }
    if (s.securityProfile !== undefined) {
      if (![0, 1, 2, 3].includes(s.securityProfile as number)) throw new UsageError(`config.sut.securityProfile: 0, 1, 2 or 3, got ${JSON.stringify(s.securityProfile)}`);
      if ((s.securityProfile as number) >= 2 && base.sut.adapter === 'embedded') throw new UsageError('config.sut.securityProfile is for a real station (the embedded station runs every profile in its security cases)');
      base.sut.securityProfile = s.securityProfile as 0 | 1 | 2 | 3;
    }
    if (s.tlsHostnames !== undefined) {
      if (!Array.isArray(s.tlsHostnames) || !s.tlsHostnames.length || !s.tlsHostnames.every((h) => typeof h === 'string' && /^[A-Za-z0-9.:-]{1,253}$/.test(h))) throw new UsageError('config.sut.tlsHostnames: a list of host names or IP addresses');
      base.sut.tlsHostnames = s.tlsHostnames as string[];
    }
    if (s.clientCaFile !== undefined) {
      if (typeof s.clientCaFile !== 'string' || !s.clientCaFile) throw new UsageError('config.sut.clientCaFile must be a file path');
      base.sut.clientCaFile = s.clientCaFile;
    }
    if (s.host !== undefined) {
      if (typeof s.host !== 'string' || !s.host) throw new UsageError('config.sut.host must be a host name or address');
      base.sut.host = s.host;
    }
    if (s.port !== undefined) {
      if (!Number.isInteger(s.port) || (s.port as number) < 0 || (s.port as number) > 65535) throw new UsageError(`config.sut.port: 0-65535, got ${JSON.stringify(s.port)}`);
      base.sut.port = s.port as number;
    }
  }
  if (input.limits !== undefined) {
    if (!isObj(input.limits)) throw new UsageError('config.limits must be an object');
    for (const [k, v] of Object.entries(input.limits)) {
      if (!(k in base.limits)) throw new UsageError(`config.limits: unknown setting "${k}" (known: ${Object.keys(base.limits).join(', ')})`);
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new UsageError(`config.limits.${k} must be a non-negative number, got ${JSON.stringify(v)}`);
      (base.limits as unknown as Record<string, number>)[k] = v;
    }
    if (base.limits.maxFrameBytes < 64 * 1024) throw new UsageError('config.limits.maxFrameBytes: at least 65536 (OCPP messages such as NotifyReport can be large)');
    if (base.limits.maxFramesPerSecond < 10) throw new UsageError('config.limits.maxFramesPerSecond: at least 10');
  }
  if (input.timing !== undefined) {
    if (!isObj(input.timing)) throw new UsageError('config.timing must be an object');
    for (const [k, v] of Object.entries(input.timing)) {
      if (!(k in base.timing)) throw new UsageError(`config.timing: unknown setting "${k}" (known: ${Object.keys(base.timing).join(', ')})`);
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new UsageError(`config.timing.${k} must be a non-negative number, got ${JSON.stringify(v)}`);
      (base.timing as unknown as Record<string, number>)[k] = v;
    }
    if (base.timing.scale <= 0) throw new UsageError('config.timing.scale must be greater than 0');
  }
  return base;
}

function parseCsms(input: unknown, base: RunConfig): void {
  if (!isObj(input)) throw new UsageError('config.csms must be an object');
  const c = base.csms;
  const keys = ['adapter', 'url', 'command', 'hookUrl', 'browserScript', 'uiUrl', 'uiUser', 'uiPassword', 'caFile', 'clientCertFile', 'clientKeyFile', 'otherClientCertFile', 'otherClientKeyFile', 'faults', 'facts'];
  for (const k of Object.keys(input)) if (!keys.includes(k)) throw new UsageError(`config.csms: unknown field "${k}" (known: ${keys.join(', ')})`);
  const str = (k: string): string | undefined => {
    if (input[k] === undefined) return undefined;
    if (typeof input[k] !== 'string' || !(input[k] as string).trim()) throw new UsageError(`config.csms.${k} must be a non-empty string`);
    return input[k] as string;
  };
  if (input.url !== undefined) {
    const url = str('url')!;
    let parsed: URL;
    try { parsed = new URL(url); } catch { throw new UsageError(`config.csms.url is not a URL: ${JSON.stringify(url)}`); }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw new UsageError(`config.csms.url must be ws:// or wss://, got ${parsed.protocol}`);
    c.url = url;
    c.adapter = 'manual';
    base.timing = { ...SPEC_TIMING };
    c.facts = { stationId: c.facts.stationId, evses: c.facts.evses, tokens: {} };
  }
  if (input.adapter !== undefined) {
    const names: OperatorName[] = ['embedded', 'manual', 'command', 'http', 'browser'];
    if (!names.includes(input.adapter as OperatorName)) throw new UsageError(`config.csms.adapter: ${names.join(' | ')}, got ${JSON.stringify(input.adapter)}`);
    c.adapter = input.adapter as OperatorName;
  }
  if (c.adapter !== 'embedded' && !c.url) throw new UsageError(`the ${c.adapter} operator drives a real CSMS: give its URL (--url ws://host:port/path or csms.url)`);
  if (c.adapter === 'embedded' && c.url) throw new UsageError('csms.url and the embedded reference CSMS exclude each other: choose an operator adapter (manual | command | http | browser)');
  for (const k of ['command', 'hookUrl', 'browserScript', 'uiUrl', 'uiUser', 'uiPassword', 'caFile', 'clientCertFile', 'clientKeyFile', 'otherClientCertFile', 'otherClientKeyFile'] as const) { const v = str(k); if (v !== undefined) c[k] = v; }
  if (!!c.clientCertFile !== !!c.clientKeyFile) throw new UsageError('config.csms.clientCertFile and clientKeyFile go together');
  if (!!c.otherClientCertFile !== !!c.otherClientKeyFile) throw new UsageError('config.csms.otherClientCertFile and otherClientKeyFile go together');
  if (c.adapter === 'command' && !c.command) throw new UsageError('the command operator needs csms.command (--command "...")');
  if (c.adapter === 'http' && !c.hookUrl) throw new UsageError('the http operator needs csms.hookUrl (--hook-url http://...)');
  if (c.adapter === 'browser' && !c.browserScript) throw new UsageError('the browser operator needs csms.browserScript (--script FILE)');
  if (input.faults !== undefined) {
    if (!Array.isArray(input.faults) || !input.faults.every((f) => typeof f === 'string')) throw new UsageError('config.csms.faults must be a list of fault names');
    if (input.faults.length && c.adapter !== 'embedded') throw new UsageError('faults can only be injected into the embedded reference CSMS');
    c.faults = input.faults as string[];
  }
  if (input.facts !== undefined) {
    const f = input.facts;
    if (!isObj(f)) throw new UsageError('config.csms.facts must be an object');
    const fkeys = ['stationId', 'evses', 'pendingStationId', 'unknownStationId', 'password', 'tokens', 'firmwareLocation'];
    for (const k of Object.keys(f)) if (!fkeys.includes(k)) throw new UsageError(`config.csms.facts: unknown field "${k}" (known: ${fkeys.join(', ')})`);
    for (const k of ['stationId', 'pendingStationId', 'unknownStationId'] as const) {
      if (f[k] === undefined) continue;
      if (typeof f[k] !== 'string' || !/^[\x21-\x7e]{1,48}$/.test(f[k] as string)) throw new UsageError(`config.csms.facts.${k}: 1-48 printable ASCII characters without spaces, got ${JSON.stringify(f[k])}`);
      c.facts[k] = f[k] as string;
    }
    if (f.evses !== undefined) {
      if (!Array.isArray(f.evses) || !f.evses.length || !f.evses.every((n) => Number.isInteger(n) && n >= 1 && n <= 8)) throw new UsageError(`config.csms.facts.evses: connectors per EVSE, e.g. [1, 1], got ${JSON.stringify(f.evses)}`);
      c.facts.evses = f.evses as number[];
    }
    if (f.password !== undefined) {
      if (typeof f.password !== 'string' || f.password.length < 16 || f.password.length > 40) throw new UsageError('config.csms.facts.password must be a string of 16-40 characters');
      c.facts.password = f.password;
    }
    if (f.firmwareLocation !== undefined) {
      if (typeof f.firmwareLocation !== 'string' || !/^(https?|ftps?):\/\//.test(f.firmwareLocation)) throw new UsageError('config.csms.facts.firmwareLocation must be an http(s) or ftp(s) URL');
      c.facts.firmwareLocation = f.firmwareLocation;
    }
    if (f.tokens !== undefined) {
      if (!isObj(f.tokens)) throw new UsageError('config.csms.facts.tokens must be an object');
      const tkeys = TOKEN_FACTS;
      for (const [k, v] of Object.entries(f.tokens)) {
        if (!(tkeys as readonly string[]).includes(k)) throw new UsageError(`config.csms.facts.tokens: unknown field "${k}" (known: ${tkeys.join(', ')})`);
        if (typeof v !== 'string' || !/^[\x21-\x7e]{1,20}$/.test(v)) throw new UsageError(`config.csms.facts.tokens.${k}: 1-20 printable characters (1.6 idTag limit), got ${JSON.stringify(v)}`);
        c.facts.tokens[k as (typeof tkeys)[number]] = v;
      }
    }
  }
}

export function runConfigFromEnv(): RunConfig {
  const raw = process.env[CONFIG_ENV];
  if (!raw) return defaultRunConfig();
  let data: unknown;
  try { data = JSON.parse(raw); } catch (e) { throw new UsageError(`${CONFIG_ENV} is not valid JSON: ${(e as Error).message}`); }
  return parseRunConfig(data);
}

