/**
 * Schema validation of every payload, both directions, with the official schemas
 * (harness/protocol/schemas.ts). One ajv per version, each schema compiled on first use and kept
 * for the life of the process.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type Problem } from './rpc';
import { schemasOf, type SchemaKind } from './schemas';
import type { OcppVersion } from './versions';

interface SchemaViolation { problem: Problem; message: string; errors: ErrorObject[] }

const ajvs = new Map<OcppVersion, Ajv>();
const compiled = new Map<string, ValidateFunction | null>();

function ajvOf(version: OcppVersion): Ajv {
  let ajv = ajvs.get(version);
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
    addFormats(ajv, ['date-time', 'uri']);
    ajvs.set(version, ajv);
  }
  return ajv;
}

function validatorOf(version: OcppVersion, action: string, kind: SchemaKind): ValidateFunction | null {
  const key = `${version}|${action}|${kind}`;
  let fn = compiled.get(key);
  if (fn === undefined) {
    const schema = schemasOf(version).get(action)?.[kind];
    if (schema) {
      // ajv's URI handling refuses ids like `urn:BootNotification.req`; the id is not needed
      // because every $ref in these schemas is local (#/definitions/...).
      const { $id: _id, ...rest } = schema;
      fn = ajvOf(version).compile(rest);
    } else {
      fn = null;
    }
    compiled.set(key, fn);
  }
  return fn;
}

export function isKnownAction(version: OcppVersion, action: string): boolean {
  return schemasOf(version).has(action);
}

/** Ajv keyword to the OCPP error category (OCPP-J 1.6 §4.2.3, 2.0.1 Part 4 §4.3). */
function problemOf(error: ErrorObject): Problem {
  switch (error.keyword) {
    case 'required': case 'minItems': case 'maxItems': case 'minProperties': case 'maxProperties':
      return 'occurrence';
    case 'type':
      return 'type';
    case 'additionalProperties':
      return 'formation';
    default:
      return 'property';
  }
}

/** null when valid; a violation (with the OCPP category) otherwise; 'unknownAction' for an action without schema. */
export function validatePayload(version: OcppVersion, action: string, kind: SchemaKind, payload: unknown): SchemaViolation | null {
  const fn = validatorOf(version, action, kind);
  if (!fn) return { problem: 'unknownAction', message: `no OCPP ${version} schema for ${action}`, errors: [] };
  if (fn(payload)) return null;
  const errors = fn.errors ?? [];
  const first = errors[0];
  const where = first ? `${first.instancePath || '/'} ${first.message ?? ''}${first.params && 'additionalProperty' in first.params ? ` (${String(first.params.additionalProperty)})` : ''}${first.params && 'allowedValues' in first.params ? ` (${(first.params.allowedValues as unknown[]).join(', ')})` : ''}` : 'invalid';
  return { problem: first ? problemOf(first) : 'property', message: `${action} ${kind} violates the OCPP ${version} schema: ${where}`, errors };
}
