/**
 * OCPP-J RPC framing (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4): CALL [2, id, action, payload],
 * CALLRESULT [3, id, payload], CALLERROR [4, id, code, description, details].
 */
import type { OcppVersion } from './versions';

export const CALL = 2;
export const CALLRESULT = 3;
export const CALLERROR = 4;

export interface CallFrame { type: typeof CALL; id: string; action: string; payload: Record<string, unknown> }
interface ResultFrame { type: typeof CALLRESULT; id: string; payload: Record<string, unknown> }
interface ErrorFrame {
  type: typeof CALLERROR; id: string; code: string; description: string; details: Record<string, unknown>;
}
export type Frame = CallFrame | ResultFrame | ErrorFrame;

/** What went wrong with a frame, in version-neutral words; `errorCode` maps it to the wire code. */
export type Problem =
  | 'notJson' | 'notArray' | 'badMessageId' | 'unknownMessageType' | 'badAction' | 'badPayload'
  | 'unknownAction' | 'occurrence' | 'type' | 'property' | 'formation';

/**
 * CALLERROR codes (OCPP-J 1.6 §4.2.3 table 5; OCPP 2.0.1 Part 4 §4.3 table "Valid Error Codes").
 * 1.6 spells "OccurenceConstraintViolation" (sic) and has no MessageTypeNotSupported / RpcFrameworkError.
 */
export const ERROR_CODES: Record<OcppVersion, readonly string[]> = {
  '1.6': ['NotImplemented', 'NotSupported', 'InternalError', 'ProtocolError', 'SecurityError',
    'FormationViolation', 'PropertyConstraintViolation', 'OccurenceConstraintViolation',
    'TypeConstraintViolation', 'GenericError'],
  '2.0.1': ['FormatViolation', 'GenericError', 'InternalError', 'MessageTypeNotSupported', 'NotImplemented',
    'NotSupported', 'OccurrenceConstraintViolation', 'PropertyConstraintViolation', 'ProtocolError',
    'RpcFrameworkError', 'SecurityError', 'TypeConstraintViolation'],
};

const CODE_OF: Record<OcppVersion, Record<Problem, string>> = {
  '1.6': {
    notJson: 'FormationViolation', notArray: 'FormationViolation', badMessageId: 'FormationViolation',
    unknownMessageType: 'FormationViolation', badAction: 'FormationViolation', badPayload: 'FormationViolation',
    unknownAction: 'NotImplemented', occurrence: 'OccurenceConstraintViolation', type: 'TypeConstraintViolation',
    property: 'PropertyConstraintViolation', formation: 'FormationViolation',
  },
  '2.0.1': {
    notJson: 'RpcFrameworkError', notArray: 'RpcFrameworkError', badMessageId: 'RpcFrameworkError',
    unknownMessageType: 'MessageTypeNotSupported', badAction: 'RpcFrameworkError', badPayload: 'FormatViolation',
    unknownAction: 'NotImplemented', occurrence: 'OccurrenceConstraintViolation', type: 'TypeConstraintViolation',
    property: 'PropertyConstraintViolation', formation: 'FormatViolation',
  },
};

export function errorCode(version: OcppVersion, problem: Problem): string {
  return CODE_OF[version][problem];
}

/** Whether `code` is one of the version's CALLERROR codes, spelled as that version's table spells it. */
export function isErrorCode(version: OcppVersion, code: unknown): boolean {
  return typeof code === 'string' && ERROR_CODES[version].includes(code);
}

/** The message id 2.0.1 Part 4 §4.2.3 gives a CALLERROR whose CALL's id could not be read. */
export const UNREADABLE_ID = '-1';

/** 2.0.1 Part 4 §4.2.3 (Table 7): ErrorDescription is string[255]. */
export const MAX_ERROR_DESCRIPTION = 255;

interface FrameError {
  problem: Problem; message: string; id?: string; action?: string;
  /** A malformed CALLRESULT (3) or CALLERROR (4): a reply, never answered with a CALLERROR. */
  replyType?: typeof CALLRESULT | typeof CALLERROR;
}
type ParseOutcome = { ok: true; frame: Frame } | { ok: false; error: FrameError };

/** Longest message id both versions allow (2.0.1 Part 4 §4.1.3: 36 characters). */
const MAX_MESSAGE_ID_LENGTH = 36;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses one text frame. Never throws: a malformed frame comes back as a FrameError. */
export function parseFrame(text: string): ParseOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { problem: 'notJson', message: `not JSON: ${(e as Error).message}` } };
  }
  if (!Array.isArray(data)) return { ok: false, error: { problem: 'notArray', message: 'frame is not a JSON array' } };
  const [type, id] = data;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_MESSAGE_ID_LENGTH) {
    const replyType = type === CALLRESULT || type === CALLERROR ? type : undefined;
    return { ok: false, error: { problem: 'badMessageId', message: `message id must be a string of 1..${MAX_MESSAGE_ID_LENGTH} characters, got ${JSON.stringify(id)}`, ...(replyType ? { replyType } : {}) } };
  }
  switch (type) {
    case CALL: {
      const [, , action, payload] = data;
      if (typeof action !== 'string' || !action) return { ok: false, error: { problem: 'badAction', message: 'CALL without an action name', id } };
      if (data.length !== 4 || !isObject(payload)) return { ok: false, error: { problem: 'badPayload', message: 'CALL must be [2, id, action, {payload}]', id, action } };
      return { ok: true, frame: { type: CALL, id, action, payload } };
    }
    case CALLRESULT: {
      const payload = data[2];
      if (data.length !== 3 || !isObject(payload)) return { ok: false, error: { problem: 'badPayload', message: 'CALLRESULT must be [3, id, {payload}]', id, replyType: CALLRESULT } };
      return { ok: true, frame: { type: CALLRESULT, id, payload } };
    }
    case CALLERROR: {
      const [, , code, description, details] = data;
      if (data.length !== 5 || typeof code !== 'string' || typeof description !== 'string' || !isObject(details)) {
        const what = data.length !== 5 ? `${data.length} elements` : typeof code !== 'string' ? 'an errorCode that is not a string' : typeof description !== 'string' ? 'an errorDescription that is not a string' : `errorDetails ${JSON.stringify(details)}, not a JSON object`;
        return { ok: false, error: { problem: 'badPayload', message: `CALLERROR must be [4, id, code, description, {details}]; got ${what}`, id, replyType: CALLERROR } };
      }
      return { ok: true, frame: { type: CALLERROR, id, code, description, details } };
    }
    default:
      return { ok: false, error: { problem: 'unknownMessageType', message: `unknown message type ${JSON.stringify(type)}`, id } };
  }
}

/** The second element of a raw frame (its message id, if it is a frame at all), without judging it; undefined when the text is no JSON array. */
export function rawMessageId(text: string): unknown {
  try { const data = JSON.parse(text) as unknown; return Array.isArray(data) ? data[1] : undefined; } catch { return undefined; }
}

export function serialize(frame: Frame): string {
  switch (frame.type) {
    case CALL: return JSON.stringify([CALL, frame.id, frame.action, frame.payload]);
    case CALLRESULT: return JSON.stringify([CALLRESULT, frame.id, frame.payload]);
    case CALLERROR: return JSON.stringify([CALLERROR, frame.id, frame.code, frame.description, frame.details]);
  }
}

/** Message ids unique within a connection (2.0.1 Part 4 §4.1.3; 1.6 §4.1.3). */
export class MessageIds {
  private next = 1;
  constructor(private readonly prefix = '') {}
  take(): string { return `${this.prefix}${this.next++}`; }
}

/**
 * Sections of the OCPP-J RPC framework the registry has for both versions, and those only 2.0.1
 * Part 4 has (§4.1.7 message validity, §4.4 unknown message types).
 */
export type RpcSection = '4.1.2' | '4.1.3' | '4.1.4' | '4.2.1' | '4.2.2' | '4.2.3' | '4.1.7' | '4.4';

/**
 * The OCPP-J rules a frame breaks, as requirement registry ids of the version (OCPP-J 1.6 §4,
 * 2.0.1 Part 4 §4): valid JSON text (§4.1.2), a reply's id names an outstanding CALL (§4.1.4),
 * a CALL's action and payload (§4.2.1), a CALLRESULT's payload (§4.2.2).
 */
export function rpcRule(version: OcppVersion, section: RpcSection): string {
  return `${version === '1.6' ? '1.6J' : 'Part4'}§${section}`;
}
