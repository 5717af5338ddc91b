/**
 * OCPP-J RPC framework probes (OCPP-J 1.6 §4, OCPP 2.0.1 Part 4 §4), both roles: the frame each
 * probe sends the SUT, how the text grades what comes back, and the check that the SUT still
 * works afterwards. One table serves the station-under-test and CSMS-under-test suites
 * (suites/station/rpc, suites/csms/rpc): only the CALL a probe borrows differs by role.
 *
 * Grading, from the text:
 *  - every CALLERROR the SUT sends, in any case, is checked by the connection (code from the
 *    version's table as that version spells it, details an object, the CALL's id, 2.0.1 "-1"
 *    for an unreadable one): harness/transport/connection.ts;
 *  - 2.0.1 Part 4 §4.1.7: a CALL with an unknown action, a missing required field or a field of
 *    the wrong type is not valid and is answered with a CALLERROR: a CALLRESULT fails; §4.2.3
 *    lets the receiver drop it instead, so no answer is a soft finding. OCPP-J 1.6 §4.2.3 only
 *    describes when a CallError is used: the same misses are soft findings;
 *  - an enumeration value or a length outside the schema: 2.0.1 §4.1.2 gives the right to
 *    reject, §4.1.7 may count it as a wrong data type: a CALLRESULT is a soft finding; an
 *    extra property (schema conformance only): a CALLRESULT is noted, never a finding;
 *  - the code matching the problem (table 7 / §4.3 describe each code, no keyword binds the
 *    choice): a SHOULD;
 *  - an unknown message type: ignored (1.6 §4.1.3, 2.0.1 §4.1.3) or, 2.0.1 §4.4, answered
 *    MessageTypeNotSupported; anything else fails in 2.0.1, is soft in 1.6;
 *  - a CALLRESULT for an id the SUT never sent: ignored (any answer carries an id that answers
 *    no CALL: §4.1.4, flagged by the connection);
 *  - after each probe the SUT still answers a valid CALL within the message timeout (§4.2.2);
 *    closing the connection instead of answering or ignoring a probe is a soft finding.
 */
import { CALLERROR, CALLRESULT, type Frame } from '../protocol/rpc';
import type { OcppVersion } from '../protocol/versions';
import type { FrameEntry } from '../transport/journal';
import type { ProbeResult, ScriptedPeer } from './scripted-peer';
import { ms } from '../model/timing';
import { type DeviceProfile, describeNeed, meets, needs } from '../model/profile';
import { NotApplicable } from '../model/errors';
import { deadline } from '../model/lag';

/** The side under test. */
export type SutRole = 'station' | 'csms';

type PerVersion<T> = Record<OcppVersion, T>;

export type ProbeKind = 'notJson' | 'notFrame' | 'noPayload' | 'unknownType' | 'unknownAction' | 'missingField' | 'wrongType' | 'badEnum' | 'tooLong' | 'extraProperty' | 'strayResult';

/** Rules the probes cite, per version (registry ids). */
export const RPC_RULES = {
  /** A CALL that is not valid is answered with a CALLERROR (2.0.1 §4.1.7; 1.6 §4.2.3, descriptive). */
  invalid: { '1.6': '1.6J§4.2.3.Use', '2.0.1': 'Part4§4.1.7' },
  /** The error code fits the problem (SHOULD). */
  code: { '1.6': '1.6J§4.2.3.Code', '2.0.1': 'Part4§4.3' },
  /** CALLERROR structure and the "-1" id (SHALL). */
  callError: { '1.6': '1.6J§4.2.3', '2.0.1': 'Part4§4.2.3' },
  /** Unknown message types. */
  unknownType: { '1.6': '1.6J§4.1.3', '2.0.1': 'Part4§4.1.3, Part4§4.4' },
  /** Replies carry the id of their CALL. */
  ids: { '1.6': '1.6J§4.1.4', '2.0.1': 'Part4§4.1.4' },
  /** Every valid CALL is answered (the SUT keeps working). */
  alive: { '1.6': '1.6J§4.2.2', '2.0.1': 'Part4§4.2.2' },
} as const satisfies Record<string, PerVersion<string>>;

/** The valid CALL a probe borrows, per role and version: harmless (a read, or a notification the SUT only records). */
interface Borrowed { action: string; payload: Record<string, unknown> }

const HEARTBEAT_VARIABLE = { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } };

/** The CALL that shows the SUT still works: a station answers a read of its configuration; a CSMS a Heartbeat. */
export function livenessCall(role: SutRole, version: OcppVersion): Borrowed {
  if (role === 'csms') return { action: 'Heartbeat', payload: {} };
  return version === '1.6' ? { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } } : { action: 'GetVariables', payload: { getVariableData: [HEARTBEAT_VARIABLE] } };
}

/** A payload that breaks the schema of a real action the SUT receives, in one way. */
function broken(kind: 'missingField' | 'wrongType' | 'badEnum' | 'tooLong' | 'extraProperty', role: SutRole, version: OcppVersion): Borrowed {
  const long = (n: number): string => 'X'.repeat(n);
  if (role === 'station' && version === '1.6') {
    switch (kind) {
      case 'missingField': return { action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval' } };
      case 'wrongType': return { action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: 300 } };
      case 'badEnum': return { action: 'ChangeAvailability', payload: { connectorId: 0, type: 'Sometimes' } };
      case 'tooLong': return { action: 'GetConfiguration', payload: { key: [long(51)] } };
      case 'extraProperty': return { action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'], hxExtra: true } };
    }
  }
  if (role === 'station') {
    switch (kind) {
      case 'missingField': return { action: 'GetVariables', payload: {} };
      case 'wrongType': return { action: 'GetVariables', payload: { getVariableData: 'HeartbeatInterval' } };
      case 'badEnum': return { action: 'GetVariables', payload: { getVariableData: [{ ...HEARTBEAT_VARIABLE, attributeType: 'Sometimes' }] } };
      case 'tooLong': return { action: 'GetVariables', payload: { getVariableData: [{ component: { name: long(51) }, variable: { name: 'HeartbeatInterval' } }] } };
      case 'extraProperty': return { action: 'GetVariables', payload: { getVariableData: [HEARTBEAT_VARIABLE], hxExtra: true } };
    }
  }
  const token = (t: unknown): Record<string, unknown> => (version === '1.6' ? { idTag: t } : { idToken: { idToken: t, type: 'ISO14443' } });
  switch (kind) {
    case 'missingField': return { action: 'Authorize', payload: {} };
    case 'wrongType': return { action: 'Authorize', payload: token(12345678) };
    case 'badEnum': return { action: 'FirmwareStatusNotification', payload: { status: 'Sometimes' } };
    case 'tooLong': return { action: 'Authorize', payload: token(long(version === '1.6' ? 21 : 37)) };
    case 'extraProperty': return { action: 'Authorize', payload: { ...token('AABBCCDD'), hxExtra: true } };
  }
}

/** What a probe sends: the raw text, and whether it has a message id a reply can carry (then the reply is awaited). */
export function probeFrame(kind: ProbeKind, role: SutRole, version: OcppVersion, n: number): { text: string; awaitReply: boolean; what: string } {
  const id = `hx-rpc-${n}`;
  const valid = livenessCall(role, version);
  switch (kind) {
    case 'notJson': return { text: `[2, "${id}", "${valid.action}", {`, awaitReply: false, what: 'a text frame that is not JSON' };
    case 'notFrame': return { text: JSON.stringify([2, 4242, valid.action, valid.payload]), awaitReply: false, what: 'a JSON array whose message id is a number' };
    case 'noPayload': return { text: JSON.stringify([2, id, valid.action]), awaitReply: true, what: `a CALL ${valid.action} without a payload` };
    case 'unknownType': return { text: JSON.stringify([7, id, valid.action, valid.payload]), awaitReply: false, what: 'a message of type 7 (no such message type)' };
    case 'unknownAction': return { text: JSON.stringify([2, id, 'HxNoSuchAction', {}]), awaitReply: true, what: 'a CALL of action HxNoSuchAction' };
    case 'strayResult': return { text: JSON.stringify([3, `hx-stray-${n}`, {}]), awaitReply: false, what: 'a CALLRESULT for a message id the SUT never used' };
    default: {
      const b = broken(kind, role, version);
      return { text: JSON.stringify([2, id, b.action, b.payload]), awaitReply: true, what: `${b.action} ${JSON.stringify(b.payload).slice(0, 80)}` };
    }
  }
}

/** The error codes that fit each problem, per version (the table's descriptions); others are a soft finding. */
const FITTING: Record<ProbeKind, PerVersion<readonly string[]>> = {
  notJson: { '1.6': ['FormationViolation', 'ProtocolError', 'GenericError'], '2.0.1': ['RpcFrameworkError', 'FormatViolation'] },
  notFrame: { '1.6': ['FormationViolation', 'ProtocolError', 'GenericError'], '2.0.1': ['RpcFrameworkError', 'FormatViolation'] },
  noPayload: { '1.6': ['FormationViolation', 'ProtocolError'], '2.0.1': ['FormatViolation', 'RpcFrameworkError', 'ProtocolError'] },
  unknownType: { '1.6': [], '2.0.1': ['MessageTypeNotSupported'] },
  unknownAction: { '1.6': ['NotImplemented'], '2.0.1': ['NotImplemented'] },
  missingField: { '1.6': ['OccurenceConstraintViolation', 'ProtocolError', 'FormationViolation'], '2.0.1': ['OccurrenceConstraintViolation', 'FormatViolation', 'ProtocolError'] },
  wrongType: { '1.6': ['TypeConstraintViolation', 'FormationViolation'], '2.0.1': ['TypeConstraintViolation', 'FormatViolation'] },
  badEnum: { '1.6': ['PropertyConstraintViolation', 'TypeConstraintViolation', 'FormationViolation'], '2.0.1': ['PropertyConstraintViolation', 'TypeConstraintViolation', 'FormatViolation'] },
  tooLong: { '1.6': ['PropertyConstraintViolation', 'OccurenceConstraintViolation', 'TypeConstraintViolation', 'FormationViolation'], '2.0.1': ['PropertyConstraintViolation', 'OccurrenceConstraintViolation', 'TypeConstraintViolation', 'FormatViolation'] },
  extraProperty: { '1.6': ['FormationViolation', 'PropertyConstraintViolation', 'ProtocolError'], '2.0.1': ['FormatViolation', 'PropertyConstraintViolation', 'ProtocolError'] },
  strayResult: { '1.6': [], '2.0.1': [] },
};

/** How a CALLRESULT to the probe is graded: fails (SHALL), soft (SHOULD), or noted (the text allows it). */
function resultGrade(kind: ProbeKind, version: OcppVersion): 'fail' | 'soft' | 'note' {
  switch (kind) {
    case 'noPayload': case 'unknownAction': case 'missingField': case 'wrongType': return version === '2.0.1' ? 'fail' : 'soft';
    case 'badEnum': case 'tooLong': return 'soft';
    case 'extraProperty': return 'note';
    case 'unknownType': return version === '2.0.1' ? 'fail' : 'soft';
    default: return 'fail';
  }
}

const errorOf = (e: FrameEntry): Extract<Frame, { type: typeof CALLERROR }> | undefined => (e.frame?.type === CALLERROR ? e.frame : undefined);

/**
 * Sends one probe, grades the answer, then checks that the SUT still answers a valid CALL.
 * Throws the failure of a SHALL; records soft findings in the journal.
 */
export async function runProbe(peer: ScriptedPeer, role: SutRole, kind: ProbeKind, n: number): Promise<void> {
  const v = peer.version;
  const frame = probeFrame(kind, role, v, n);
  const rule = kind === 'unknownType' ? RPC_RULES.unknownType[v] : kind === 'strayResult' ? RPC_RULES.ids[v] : ['notJson', 'notFrame'].includes(kind) ? RPC_RULES.callError[v] : RPC_RULES.invalid[v];
  const result = await peer.probe(frame.text, { rule, title: `Send ${frame.what}`, awaitReply: frame.awaitReply });
  if (frame.awaitReply) await judge(peer, kind, frame.what, result);
  // Closing is neither answering nor ignoring: 1.6 §4.2.3 (descriptive), 2.0.1 §4.2.3 (an unreadable message) or §4.1.7 (an invalid CALL); a SHOULD here.
  const closedRule = v === '2.0.1' && ['notJson', 'notFrame'].includes(kind) ? RPC_RULES.callError[v] : RPC_RULES.invalid[v];
  const closedSoftly = (): void => void peer.journal.finding('soft', closedRule,
    `the ${role === 'csms' ? 'CSMS' : 'station'} closed the connection after ${frame.what}, instead of answering it with a CALLERROR or ignoring it`);
  if (result.closed()) { closedSoftly(); return; }
  try {
    await expectAlive(peer, role, `after ${frame.what}`);
  } catch (e) {
    // The SUT hung up on the probe (the close may come after the next CALL went out): that is the finding, not the lost reply.
    if (result.closed()) { closedSoftly(); return; }
    throw e;
  }
  // Frames without an awaited answer are graded after the valid CALL's answer (which the SUT sends after it read the probe).
  if (!frame.awaitReply) await judge(peer, kind, frame.what, result);
}

async function judge(peer: ScriptedPeer, kind: ProbeKind, what: string, result: ProbeResult): Promise<void> {
  const v = peer.version;
  const replies = result.replies();
  const reply = replies[0];
  const grade = resultGrade(kind, v);
  const fitting = FITTING[kind][v];
  if (!reply) {
    if (result.closed() || !['noPayload', 'unknownAction', 'missingField', 'wrongType', 'badEnum', 'tooLong', 'extraProperty'].includes(kind)) return;
    // 2.0.1 Part 4 §4.2.3 lets a receiver drop an invalid message; 1.6 obliges no CallError: a soft finding.
    peer.journal.finding('soft', RPC_RULES.invalid[v], `no answer to ${what} within the message timeout: a CALLERROR ${fitting[0]} was expected (dropping it is allowed, but leaves the sender waiting)`);
    return;
  }
  if (reply.frame?.type === CALLRESULT) {
    const message = `${what} was answered with a CALLRESULT ${reply.raw.slice(0, 120)} (#${reply.seq}): it is not a valid message`;
    if (kind === 'unknownType') {
      if (grade === 'fail') throw peer.failure(RPC_RULES.unknownType[v], `${what} ignored, or answered with CALLERROR MessageTypeNotSupported`, `CALLRESULT #${reply.seq}`);
      peer.journal.finding('soft', RPC_RULES.unknownType[v], `${message}; 1.6 ignores an unknown message type`);
      return;
    }
    if (grade === 'fail') throw peer.failure(`${RPC_RULES.invalid[v]}, FR.03`, `a CALLERROR (${fitting.join(' / ')}) to ${what}`, `CALLRESULT ${reply.raw.slice(0, 160)} (#${reply.seq})`);
    if (grade === 'soft') peer.journal.finding('soft', RPC_RULES.invalid[v], message);
    else peer.journal.event('harness', `${message}; the text lets a receiver reject such a message, it does not oblige it to`);
    return;
  }
  const error = errorOf(reply);
  if (!error) return; // A malformed reply: the connection recorded the finding.
  if (kind === 'unknownType') {
    if (fitting.includes(error.code)) return;
    const message = `${what} answered with CALLERROR ${error.code} (#${reply.seq}): ${v === '1.6' ? 'OCPP-J 1.6 §4.1.3 ignores an unknown message type' : 'it is ignored (§4.1.3) or answered MessageTypeNotSupported (§4.4)'}`;
    if (v === '2.0.1') throw peer.failure(RPC_RULES.unknownType[v], `${what} ignored, or answered with CALLERROR MessageTypeNotSupported`, `CALLERROR ${error.code} (#${reply.seq})`);
    peer.journal.finding('soft', RPC_RULES.unknownType[v], message);
    return;
  }
  if (fitting.length && !fitting.includes(error.code)) {
    peer.journal.finding('soft', RPC_RULES.code[v], `${what} answered with CALLERROR ${error.code} (#${reply.seq}); the code the table describes for it is ${fitting.join(' or ')}`);
  }
}

/** The SUT answers a valid CALL (§4.2.2): it survived the probe. */
export async function expectAlive(peer: ScriptedPeer, role: SutRole, because: string): Promise<void> {
  const { action, payload } = livenessCall(role, peer.version);
  const rule = RPC_RULES.alive[peer.version];
  const outcome = await peer.call(action, payload, { rule });
  if (outcome.kind === 'error') throw peer.failure(rule, `a CALLRESULT to a valid ${action} ${because}`, `CALLERROR ${outcome.code} "${outcome.description}"`);
}

/** Robustness probes (beyond OCTT): only soft findings, reported in their own category (tag @robustness). */
export type RobustnessKind = 'burst' | 'oversize';

/** How many CALLs the burst probe sends at once. */
export const BURST_SIZE = 20;

/**
 * Sends a burst of valid CALLs without waiting for replies, or one valid CALL of about 200 KB,
 * and expects every one answered within the message timeout and the SUT still answering a
 * valid CALL afterwards. Every miss is a soft finding (§4.2.2: each CALL is answered; the
 * harness breaks the SHOULD of §4.1.1, one CALL at a time, on purpose, so none is a failure).
 */
export async function runRobustness(peer: ScriptedPeer, role: SutRole, kind: RobustnessKind): Promise<void> {
  const v = peer.version;
  const rule = RPC_RULES.alive[v];
  const frames = kind === 'burst'
    ? Array.from({ length: BURST_SIZE }, (_, i) => { const c = livenessCall(role, v); return { id: `hx-burst-${i + 1}`, text: JSON.stringify([2, `hx-burst-${i + 1}`, c.action, c.payload]) }; })
    : [{ id: 'hx-large-1', text: JSON.stringify([2, 'hx-large-1', 'DataTransfer', { vendorId: 'org.ocpp-harness.robustness', data: 'X'.repeat(200_000) }]) }];
  const title = kind === 'burst' ? `${BURST_SIZE} ${livenessCall(role, v).action} CALLs at once` : 'a DataTransfer CALL of 200 KB';
  const results: ProbeResult[] = [];
  for (const f of frames) {
    if (results.some((r) => r.closed())) break; // the SUT hung up mid-burst: the finding below
    results.push(await peer.probe(f.text, { rule, title: `Send ${f.id} (${title})`, awaitReply: false }));
  }
  const answered = (): number => results.filter((r) => r.replies().length > 0).length;
  const closed = (): boolean => results.some((r) => r.closed());
  // The message timeout counts from the last CALL sent; each journal entry (an answer, the close) re-checks.
  await new Promise<void>((resolve) => {
    const done = (): boolean => answered() >= frames.length || closed();
    const finish = (): void => { timer.clear(); peer.journal.off('entry', onEntry); resolve(); };
    const onEntry = (): void => { if (done()) finish(); };
    const timer = deadline(finish, ms(peer.timing, peer.timing.messageTimeout) + peer.timing.slackMs);
    peer.journal.on('entry', onEntry);
    onEntry();
  });
  const who = role === 'csms' ? 'CSMS' : 'station';
  if (closed()) { peer.journal.finding('soft', rule, `the ${who} closed the connection after ${title}`); return; }
  if (answered() < frames.length) peer.journal.finding('soft', rule, `the ${who} answered ${answered()} of ${title} within the message timeout`);
  try {
    await expectAlive(peer, role, `after ${title}`);
  } catch (e) {
    peer.journal.finding('soft', rule, `the ${who} did not answer a valid CALL after ${title}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/**
 * A known action the station does not implement (OCPP-J 1.6 table 7 / 2.0.1 §4.3 NotSupported:
 * "recognized but not supported"): ReserveNow, for a station without the Reservation feature
 * profile (1.6) / functional block (2.0.1). Applies when the device profile says the station
 * lacks it; with no profile, a station that answers with a CALLRESULT has it (its reservation is
 * cancelled again) and the case is not applicable. A CALLERROR NotSupported passes; another code
 * is a soft finding; no answer fails (§4.2.2).
 */
export async function runUnsupportedAction(peer: ScriptedPeer & { profile?: DeviceProfile; notApplicable: (e: NotApplicable) => never }): Promise<void> {
  const v = peer.version;
  const need = needs.feature('Reservation');
  if (meets(peer.profile, v, need) === 'yes') peer.notApplicable(new NotApplicable(`a station without ${describeNeed(v, need)}`, 'the device profile claims it'));
  const expiry = new Date(Date.now() + 3_600_000).toISOString();
  const payload = v === '1.6'
    ? { connectorId: 1, expiryDate: expiry, idTag: 'HXRESERVE1', reservationId: 4242 }
    : { id: 4242, expiryDateTime: expiry, idToken: { idToken: 'HXRESERVE1', type: 'ISO14443' } };
  const rule = RPC_RULES.alive[v];
  const outcome = await peer.call('ReserveNow', payload, { rule });
  if (outcome.kind === 'result') {
    await peer.call('CancelReservation', { reservationId: 4242 }, { rule });
    peer.notApplicable(new NotApplicable(`a station without ${describeNeed(v, need)}`, `it answered ReserveNow with ${JSON.stringify(outcome.payload)}`));
  }
  if (outcome.kind === 'error' && outcome.code !== 'NotSupported') {
    peer.journal.finding('soft', RPC_RULES.code[v], `ReserveNow, which the station does not support, was answered with CALLERROR ${outcome.code}; the code the table describes for a recognized but unsupported action is NotSupported (NotImplemented: an unknown action)`);
  }
}
