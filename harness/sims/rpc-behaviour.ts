/**
 * The OCPP-J RPC framework behaviour of both simulated SUTs (the station and the reference
 * CSMS answer malformed and unusual frames the same way, in harness/transport/connection.ts):
 * the faults that break it and the legal variations of it, as one concern both catalogues
 * include (station: faults.ts / variants.ts; CSMS: faults.ts / variants.ts).
 */
import { CORRECT_RPC, type RpcPolicy } from '../transport/connection';
import { both, type FaultTable, policyOf } from './station/fault-table';
import type { VariantTable } from './variant-spec';

export const RPC_FAULTS = {
  'rpc.errorCodeSpelling': {
    description: 'spells CALLERROR codes as the other OCPP version does (1.6: OccurrenceConstraintViolation, FormatViolation; 2.0.1: OccurenceConstraintViolation, FormationViolation)',
    rules: both(['1.6J§4.2.3'], ['Part4§4.2.3']), breaks: { codes: 'otherVersion' },
  },
  'rpc.errorDetailsNull': {
    description: 'sends CALLERRORs with errorDetails null instead of the empty object {}',
    rules: both(['1.6J§4.2.3'], ['Part4§4.2.3']), breaks: { detailsNull: true },
  },
  'rpc.errorWrongId': {
    description: 'answers a CALL it cannot handle with a CALLERROR carrying another message id than the CALL\'s',
    rules: both(['1.6J§4.1.4'], ['Part4§4.1.4']), breaks: { wrongErrorId: true },
  },
  'rpc.handlesUnknownAction': {
    description: 'answers a CALL of an action the version does not have with an empty CALLRESULT instead of CALLERROR NotImplemented',
    rules: both(['1.6J§4.2.3.Use'], ['Part4§4.1.7']), should: ['1.6'], breaks: { unknownActions: 'handle' },
  },
  'rpc.handlesInvalidPayload': {
    description: 'answers a CALL whose payload breaks its schema (a required field missing, a field of the wrong type) with an empty CALLRESULT, as if it were valid',
    rules: both(['1.6J§4.2.3.Use'], ['Part4§4.1.7']), should: ['1.6'], breaks: { invalidCalls: 'handle' },
  },
  'rpc.wedgesAfterGarbage': {
    description: 'stops answering CALLs after it received a frame that is not JSON',
    rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), breaks: { afterUnreadable: 'wedge' },
  },
  'rpc.closesOnGarbage': {
    description: 'closes the WebSocket connection when it receives a frame that is not JSON (instead of answering or ignoring it)',
    rules: both(['1.6J§4.2.3.Use'], ['Part4§4.2.3']), should: true, breaks: { afterUnreadable: 'close' },
  },
  'rpc.answersStrayReply': {
    description: 'answers a CALLRESULT for a message id it never used with a CALLERROR (a CALLERROR answers a CALL only)',
    rules: both(['1.6J§4.1.4'], ['Part4§4.1.4']), breaks: { answersStrayReplies: true },
  },
  'rpc.unreadableIdNotMinusOne': {
    description: 'answers a message whose id it cannot read with a CALLERROR whose id is "unknown" (2.0.1 requires "-1")',
    rules: { '2.0.1': ['Part4§4.2.3'] }, breaks: { unreadableId: 'unknown' },
  },
  'rpc.misanswersUnknownType': {
    description: 'answers a message of an unknown message type number with CALLERROR FormationViolation / FormatViolation (1.6: ignore it; 2.0.1: ignore it or MessageTypeNotSupported)',
    rules: both(['1.6J§4.1.3'], ['Part4§4.1.3', 'Part4§4.4']), should: ['1.6'], breaks: { unknownTypes: 'misanswer' },
  },
  'rpc.wedgesOnBurst': {
    description: 'stops answering CALLs for good once more than 5 arrive within one second (a robustness fault)',
    rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), should: true, breaks: { burstLimit: 5 },
  },
  'rpc.ignoresLargeFrames': {
    description: 'silently ignores any frame longer than 64 KiB (a robustness fault)',
    rules: both(['1.6J§4.2.2'], ['Part4§4.2.2']), should: true, breaks: { maxFrameChars: 65_536 },
  },
} satisfies FaultTable<RpcPolicy>;

export const RPC_VARIANTS = {
  'rpc.dropsInvalid': {
    description: 'sends no reply at all to a frame it cannot read, a CALL it cannot handle (unknown action, payload breaking the schema) or an unknown message type',
    allowedBy: '2.0.1 Part 4 §4.2.3: a message with invalid OCPP or not conforming to the schema may be dropped, §4.1.3: an unknown message type is ignored; OCPP-J 1.6 §4.2.3 describes when a CallError is used but obliges none, §4.1.3 ignores unknown message types. A peer waiting for the reply sees a message timeout.',
    versions: ['1.6', '2.0.1'], sets: { invalidCalls: 'drop', unknownActions: 'drop', unreadable: 'drop', unknownTypes: 'ignore' },
  },
  'rpc.genericCodes': {
    description: 'answers every payload problem (missing field, wrong type, bad value, malformed CALL) with CALLERROR GenericError',
    allowedBy: 'OCPP-J 1.6 §4.2.3 table 6 / 2.0.1 Part 4 §4.2.3 table 7: the code must come from the table; the table describes each code without obliging the most specific one (GenericError: "any other error").',
    versions: ['1.6', '2.0.1'], sets: { codes: 'generic' },
  },
} satisfies VariantTable<RpcPolicy>;

/** The RPC behaviour of a simulated SUT with these active faults and variations. */
export function rpcPolicyOf(active: ReadonlySet<string>): Readonly<RpcPolicy> {
  return policyOf<RpcPolicy>({ ...CORRECT_RPC }, RPC_FAULTS, active, RPC_VARIANTS);
}
