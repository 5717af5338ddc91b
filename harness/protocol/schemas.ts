/**
 * The official OCPP JSON schemas, as shipped by the maintained `ocpp-rpc` package
 * (lib/schemas/ocpp1_6.json, ocpp2_0_1.json: the OCA schemas, one array per version, ids
 * `urn:<Action>.req` / `urn:<Action>.conf`). We use its schema files only, not its RPC engine:
 * a conformance harness needs frame-level control (recording raw text, answering malformed
 * frames, injecting faults) that a general-purpose RPC client deliberately hides.
 */
import type { OcppVersion } from './versions';

export type SchemaKind = 'request' | 'response';
export interface RawSchema { $id?: string; [k: string]: unknown }

const files: Record<OcppVersion, string> = {
  '1.6': 'ocpp-rpc/lib/schemas/ocpp1_6.json',
  '2.0.1': 'ocpp-rpc/lib/schemas/ocpp2_0_1.json',
};

const cache = new Map<OcppVersion, Map<string, { request?: RawSchema; response?: RawSchema }>>();

/** All schemas of a version, by action name. Loaded once per process. */
export function schemasOf(version: OcppVersion): Map<string, { request?: RawSchema; response?: RawSchema }> {
  let byAction = cache.get(version);
  if (byAction) return byAction;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const list = require(files[version]) as RawSchema[];
  byAction = new Map();
  for (const schema of list) {
    const m = /^urn:(\w+)\.(req|conf)$/.exec(String(schema.$id ?? ''));
    if (!m) continue;
    const entry = byAction.get(m[1]) ?? {};
    entry[m[2] === 'req' ? 'request' : 'response'] = schema;
    byAction.set(m[1], entry);
  }
  cache.set(version, byAction);
  return byAction;
}

export function actionsOf(version: OcppVersion): string[] {
  return [...schemasOf(version).keys()].sort();
}
