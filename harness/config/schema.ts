/**
 * The run configuration's JSON Schema (schemas/run-config.schema.json), checked by ajv, with
 * messages that name the field, say what it expects and what it got: `errorMessage` in the
 * schema is the expectation of a field (a list's covers its items); enums list their values;
 * an unknown key is named with the known ones; a `format: password` value is never shown.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { UsageError } from '../model/errors';
import { RUN_CONFIG_SCHEMA } from './paths';
import type { RunConfigInput } from './run-config.generated';

/** The part of a JSON Schema node the messages read. */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  format?: string;
  errorMessage?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $defs?: Record<string, SchemaNode>;
}

/** Objects whose keys are settings (the message says `unknown setting`, elsewhere `unknown field`). */
const SETTINGS = new Set(['/timing', '/limits']);
const TYPE_NAMES: Record<string, string> = { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null' };

let schema: SchemaNode | undefined;
let validate: ValidateFunction | undefined;

/** The published schema, as parsed from its file. */
export function runConfigSchema(): SchemaNode {
  return (schema ??= JSON.parse(readFileSync(RUN_CONFIG_SCHEMA, 'utf8')) as SchemaNode);
}

/** Checks a run configuration (a file, or flags merged over one) against the schema; throws UsageError naming the first problem. */
export function checkRunConfigInput(input: unknown): RunConfigInput {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    addFormats(ajv, ['uri', 'password']);
    validate = ajv.compile(runConfigSchema());
  }
  if (validate(input)) return input as RunConfigInput;
  throw new UsageError(explain(validate.errors![0], runConfigSchema(), input));
}

/** A node with its $ref resolved (siblings of the $ref win, as in draft 2020-12 annotations). */
function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode {
  if (!node?.$ref) return node ?? {};
  const name = /^#\/\$defs\/([^/]+)$/.exec(node.$ref)?.[1];
  const target = name ? root.$defs?.[name] : undefined;
  if (!target) throw new Error(`run-config schema: unresolved $ref ${node.$ref}`);
  const { $ref: _ref, ...siblings } = node;
  return { ...deref(root, target), ...siblings };
}

/** The message of one ajv error, e.g. `config.sut.port: 0-65535, got 70000`. */
export function explain(e: ErrorObject, root: SchemaNode, data: unknown): string {
  const segs = e.instancePath ? e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
  const nodes = [deref(root, root)];
  const values = [data];
  for (const seg of segs) {
    const node = nodes[nodes.length - 1];
    const value = values[values.length - 1] as Record<string, unknown>;
    nodes.push(deref(root, Array.isArray(value) ? node.items : node.properties?.[seg]));
    values.push(value[seg]);
  }
  const where = (n: number): string => `config${segs.slice(0, n).map((s, i) => (Array.isArray(values[i]) ? `[${s}]` : `.${s}`)).join('')}`;
  if (e.keyword === 'additionalProperties') {
    const known = Object.keys(nodes[segs.length].properties ?? {}).join(', ');
    return `${where(segs.length)}: unknown ${SETTINGS.has(e.instancePath) ? 'setting' : 'field'} "${String(e.params.additionalProperty)}" (known: ${known})`;
  }
  // The field the message speaks of: the failing value, or the list it is an item of.
  let at = segs.length;
  if (!nodes[at].errorMessage && at > 0 && Array.isArray(values[at - 1]) && nodes[at - 1].errorMessage) at--;
  const node = nodes[at];
  const expected = node.errorMessage
    ?? (e.keyword === 'type' ? TYPE_NAMES[String(e.params.type)] : undefined)
    ?? (e.keyword === 'enum' ? (e.params.allowedValues as unknown[]).map(String).join(' | ') : undefined)
    ?? e.message ?? 'invalid';
  if (node.format === 'password') return `${where(at)}: ${expected} (the value is a secret, not shown)`;
  return `${where(at)}: ${expected}, got ${shorten(JSON.stringify(values[at]) ?? String(values[at]))}`;
}

const shorten = (text: string): string => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
