/**
 * The RPC framework cases' metadata, one table for both roles (the suites in suites/station/rpc
 * and suites/csms/rpc declare one case per row, with their own fixtures): id number, title,
 * requirements and the faults of the simulated SUTs each probe catches (harness/sims/rpc-behaviour.ts).
 */
import type { OcppVersion } from '../protocol/versions';
import type { ProbeKind } from './rpc-probes';

type PerVersion<T> = Partial<Record<OcppVersion, T>>;

export interface RpcCaseRow {
  /** HX_RPC_<n>_CS / HX_RPC_<n>_CSMS. */
  n: string;
  kind: ProbeKind;
  title: string;
  requirements: PerVersion<string[]>;
  catches: PerVersion<string[]>;
  expectation: string;
}

const both = <T>(r16: T, r201: T): Record<OcppVersion, T> => ({ '1.6': r16, '2.0.1': r201 });
const ALIVE = both(['1.6J§4.2.2'], ['Part4§4.2.2']);
const withAlive = (r: Record<OcppVersion, string[]>): Record<OcppVersion, string[]> => both([...r['1.6'], ...ALIVE['1.6']], [...r['2.0.1'], ...ALIVE['2.0.1']]);

export const RPC_CASES: readonly RpcCaseRow[] = [
  {
    n: '01', kind: 'notJson', title: 'RPC framework - a frame that is not JSON',
    requirements: withAlive(both(['1.6J§4.1.2', '1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.1.2', 'Part4§4.2.3', 'Part4§4.3'])),
    catches: both(['rpc.wedgesAfterGarbage', 'rpc.closesOnGarbage'], ['rpc.wedgesAfterGarbage', 'rpc.closesOnGarbage', 'rpc.unreadableIdNotMinusOne']),
    expectation: 'A text frame that is not JSON is ignored, or answered with a CALLERROR (2.0.1: message id "-1", RpcFrameworkError or FormatViolation; 1.6 names no id); a valid CALL is answered afterwards. Closing the connection instead is a soft finding.',
  },
  {
    n: '02', kind: 'notFrame', title: 'RPC framework - an array that is not a valid frame (unreadable message id)',
    requirements: withAlive(both(['1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.3'])),
    catches: both(['rpc.wedgesAfterGarbage'], ['rpc.wedgesAfterGarbage', 'rpc.unreadableIdNotMinusOne']),
    expectation: 'A JSON array whose message id is a number is ignored, or answered with a CALLERROR (2.0.1: id "-1"); a valid CALL is answered afterwards.',
  },
  {
    n: '03', kind: 'noPayload', title: 'RPC framework - a CALL without payload',
    requirements: withAlive(both(['1.6J§4.2.3', '1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.1.7', 'FR.03', 'Part4§4.3'])),
    catches: both(['rpc.errorCodeSpelling', 'rpc.errorDetailsNull', 'rpc.errorWrongId'], ['rpc.errorCodeSpelling', 'rpc.errorDetailsNull', 'rpc.errorWrongId']),
    expectation: 'A CALL of three elements is answered with a CALLERROR carrying its message id (1.6 FormationViolation, 2.0.1 FormatViolation or RpcFrameworkError; another code is a soft finding, no answer too), with the code spelled as the version spells it and details {}.',
  },
  {
    n: '04', kind: 'unknownType', title: 'RPC framework - an unknown message type',
    requirements: withAlive(both(['1.6J§4.1.3'], ['Part4§4.1.3', 'Part4§4.4'])),
    catches: both(['rpc.misanswersUnknownType'], ['rpc.misanswersUnknownType']),
    expectation: 'A message of type 7 is ignored (1.6 §4.1.3; 2.0.1 §4.1.3) or, in 2.0.1, answered with CALLERROR MessageTypeNotSupported (§4.4); any other answer fails in 2.0.1 and is a soft finding in 1.6.',
  },
  {
    n: '05', kind: 'unknownAction', title: 'RPC framework - an unknown action',
    requirements: withAlive(both(['1.6J§4.2.3', '1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.1.7', 'FR.03', 'Part4§4.3'])),
    catches: both(['rpc.handlesUnknownAction', 'rpc.errorDetailsNull', 'rpc.errorWrongId'], ['rpc.handlesUnknownAction', 'rpc.errorDetailsNull', 'rpc.errorWrongId']),
    expectation: 'A CALL of an action the version does not have is answered with CALLERROR NotImplemented (another code, e.g. NotSupported, is a soft finding); a CALLRESULT fails in 2.0.1 (§4.1.7) and is a soft finding in 1.6.',
  },
  {
    n: '06', kind: 'missingField', title: 'RPC framework - a required field missing',
    requirements: withAlive(both(['1.6J§4.2.3', '1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.1.7', 'FR.03', 'Part4§4.3'])),
    catches: both(['rpc.handlesInvalidPayload', 'rpc.errorCodeSpelling'], ['rpc.handlesInvalidPayload', 'rpc.errorCodeSpelling']),
    expectation: 'A CALL without a required field is answered with a CALLERROR (1.6 OccurenceConstraintViolation, 2.0.1 OccurrenceConstraintViolation, each version\'s own spelling); a CALLRESULT fails in 2.0.1 (§4.1.7) and is a soft finding in 1.6.',
  },
  {
    n: '07', kind: 'wrongType', title: 'RPC framework - a field of the wrong type',
    requirements: withAlive(both(['1.6J§4.2.3', '1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.1.7', 'FR.03', 'Part4§4.3'])),
    catches: both(['rpc.handlesInvalidPayload'], ['rpc.handlesInvalidPayload']),
    expectation: 'A CALL with a number where the schema has a string (or the other way round) is answered with CALLERROR TypeConstraintViolation; a CALLRESULT fails in 2.0.1 (§4.1.7) and is a soft finding in 1.6.',
  },
  {
    n: '08', kind: 'badEnum', title: 'RPC framework - a value outside an enumeration',
    requirements: withAlive(both(['1.6J§4.2.3', '1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.1.7', 'Part4§4.3'])),
    catches: both(['rpc.errorDetailsNull'], ['rpc.errorDetailsNull']),
    expectation: 'A CALL with an enumeration value the schema does not list is answered with CALLERROR PropertyConstraintViolation; handling it anyway is a soft finding (2.0.1 §4.1.2 gives the right to reject, §4.1.7 may count it a wrong data type).',
  },
  {
    n: '09', kind: 'tooLong', title: 'RPC framework - a string longer than its maximum',
    requirements: withAlive(both(['1.6J§4.2.3', '1.6J§4.2.3.Use', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.1.7', 'Part4§4.3'])),
    catches: both(['rpc.errorDetailsNull'], ['rpc.errorDetailsNull']),
    expectation: 'A CALL with a string one character over the schema\'s maxLength is answered with a CALLERROR (PropertyConstraintViolation or a constraint code); handling it anyway is a soft finding.',
  },
  {
    n: '10', kind: 'extraProperty', title: 'RPC framework - a property the schema does not allow',
    requirements: withAlive(both(['1.6J§4.2.3', '1.6J§4.2.3.Code'], ['Part4§4.2.3', 'Part4§4.1.2.Reject', 'Part4§4.3'])),
    catches: both(['rpc.errorCodeSpelling'], ['rpc.errorCodeSpelling']),
    expectation: 'A CALL with an extra top-level property (the schemas say additionalProperties: false) may be rejected with a CALLERROR (FormationViolation / FormatViolation) or handled: the text gives the right to reject, not the duty; the CALLERROR, if any, is well formed.',
  },
  {
    n: '11', kind: 'strayResult', title: 'RPC framework - a CALLRESULT for a message id the SUT never sent',
    requirements: withAlive(both(['1.6J§4.1.4'], ['Part4§4.1.4'])),
    catches: both(['rpc.answersStrayReply'], ['rpc.answersStrayReply']),
    expectation: 'A CALLRESULT whose message id names no CALL of the SUT is ignored: answering it with a CALLERROR breaks §4.1.4 (a CALLERROR carries the id of the CALL it answers); a valid CALL is answered afterwards.',
  },
];

/** The robustness probes' rows (soft findings only, tag @robustness): HX_ROB_<n>_CS / _CSMS. */
export interface RobustnessRow {
  n: string;
  kind: 'burst' | 'oversize' | 'halfOpen';
  title: string;
  /** The sides it runs against: the half-open link needs a station that reconnects by itself, so only the CSMS side has it. */
  roles: readonly ('station' | 'csms')[];
  catches: string[];
  /** Per side under test. */
  expectation: Record<'station' | 'csms', string>;
}

export const ROBUSTNESS_CASES: readonly RobustnessRow[] = [
  {
    n: '01', kind: 'burst', title: 'Robustness - a burst of CALLs', roles: ['station', 'csms'], catches: ['rpc.wedgesOnBurst'],
    expectation: {
      station: 'Twenty valid configuration reads sent at once (the harness breaks the one-CALL-at-a-time SHOULD on purpose) are all answered within the message timeout, and the station answers afterwards. Soft findings only: never a failure unless --strict.',
      csms: 'Twenty Heartbeats sent at once (the harness breaks the one-CALL-at-a-time SHOULD on purpose) are all answered within the message timeout, and the CSMS answers afterwards. Soft findings only: never a failure unless --strict.',
    },
  },
  {
    n: '02', kind: 'oversize', title: 'Robustness - an oversize frame', roles: ['station', 'csms'], catches: ['rpc.ignoresLargeFrames'],
    expectation: {
      station: 'A DataTransfer CALL of about 200 KB is answered (any answer: a CALLRESULT or a CALLERROR) within the message timeout and the station answers a valid CALL afterwards. Soft findings only.',
      csms: 'A DataTransfer CALL of about 200 KB is answered (any answer: a CALLRESULT or a CALLERROR) within the message timeout and the CSMS answers a Heartbeat afterwards. Soft findings only.',
    },
  },
  {
    n: '03', kind: 'halfOpen', title: 'Robustness - a connection gone half-open, then a new one', roles: ['csms'], catches: ['connection.refusesReconnect'],
    expectation: {
      station: '',
      csms: 'The booted station\'s link goes half-open (the harness stops reading and writing, no FIN, as after a lost mobile link); the station then connects again under the same id: the CSMS accepts the new connection and answers a Heartbeat on it within the message timeout, without a new BootNotification (Part 4 §5.3: a reconnecting station need not boot). Soft findings only.',
    },
  },
];

/** Requirements of every robustness case. */
export const ROBUSTNESS_REQUIREMENTS = both(['1.6J§4.2.2'], ['Part4§4.2.2']);
