/**
 * Reads a station's reply for "I do not have that": NotImplemented / NotSupported to a request
 * of an optional feature, an unknown optional configuration key or variable, Rejected when
 * writing an optional (or may-be-read-only) one. Such an answer makes the case not applicable,
 * unless the device profile claims what was asked: then, like the same answer for a Core
 * message or a required setting, it stays the case's failure.
 */
import type { CallOutcome } from '../../transport/connection';
import type { OcppVersion } from '../../protocol/versions';
import { NotApplicable } from '../../model/errors';
import {
  type DeviceProfile, type Need, OPTIONAL_MESSAGES, OPTIONAL_SETTINGS, OPTIONAL_TRIGGERS, type SettingRef, describeNeed, meets, settingName,
} from '../../model/profile';

type Outcome = Extract<CallOutcome, { kind: 'result' | 'error' }>;
interface Lack { need: Need; evidence: string }

const UNSUPPORTED = ['NotImplemented', 'NotSupported'];
const UNKNOWN_201 = ['UnknownComponent', 'UnknownVariable'];

interface VariableData { component: { name: string }; variable: { name: string; instance?: string } }
const refOf = (d: VariableData): SettingRef => ({ component: d.component.name, variable: d.variable.name, ...(d.variable.instance ? { instance: d.variable.instance } : {}) });
const key16Ref = (key: string): SettingRef => ({ key16: key, component: '', variable: '' });

function optionalSetting(version: OcppVersion, ref: SettingRef, writing: boolean, status: string): boolean {
  const entry = OPTIONAL_SETTINGS[version][settingName(version, ref) ?? ''];
  if (!entry) return false;
  // Unknown: only an optional setting may be missing. Rejected on write: optional, or allowed to be read-only.
  return status === 'Rejected' ? writing && (entry.optional || !!entry.readOnlyAllowed) : entry.optional;
}

/** What the reply says the station lacks, if it is an optional thing; undefined otherwise. */
export function lackedBy(version: OcppVersion, action: string, payload: Record<string, unknown>, outcome: Outcome): Lack | undefined {
  if (outcome.kind === 'error') {
    const feature = OPTIONAL_MESSAGES[version][action];
    return feature && UNSUPPORTED.includes(outcome.code) ? { need: { feature }, evidence: `${action} answered CALLERROR ${outcome.code}` } : undefined;
  }
  const reply = outcome.payload;
  const status = typeof reply.status === 'string' ? reply.status : undefined;
  if ((action === 'TriggerMessage' || action === 'ExtendedTriggerMessage') && status && UNSUPPORTED.includes(status)) {
    const requested = String(payload.requestedMessage);
    const feature = OPTIONAL_TRIGGERS[version][requested] ?? (action === 'ExtendedTriggerMessage' ? OPTIONAL_MESSAGES[version][action] : undefined);
    return feature ? { need: { feature }, evidence: `${action} of ${requested} answered ${status}` } : undefined;
  }
  if (status && UNSUPPORTED.includes(status) && OPTIONAL_MESSAGES[version][action] && action !== 'ChangeConfiguration') {
    return { need: { feature: OPTIONAL_MESSAGES[version][action] }, evidence: `${action} answered ${status}` };
  }
  if (action === 'GetConfiguration') {
    const unknown = (reply.unknownKey as string[] | undefined) ?? [];
    const key = unknown.find((k) => optionalSetting(version, key16Ref(k), false, 'Unknown'));
    return key ? { need: { setting: key16Ref(key), access: 'read' }, evidence: `GetConfiguration lists ${key} as unknownKey` } : undefined;
  }
  if (action === 'ChangeConfiguration' && status && status !== 'Accepted' && status !== 'RebootRequired') {
    const ref = key16Ref(String(payload.key));
    return optionalSetting(version, ref, true, status === 'Rejected' ? 'Rejected' : 'Unknown')
      ? { need: { setting: ref, access: 'write' }, evidence: `ChangeConfiguration of ${String(payload.key)} answered ${status}` } : undefined;
  }
  if (action === 'GetVariables' || action === 'SetVariables') {
    const writing = action === 'SetVariables';
    const asked = (payload[writing ? 'setVariableData' : 'getVariableData'] ?? []) as VariableData[];
    const results = (reply[writing ? 'setVariableResult' : 'getVariableResult'] ?? []) as (VariableData & { attributeStatus: string })[];
    for (const r of results) {
      const unknown = UNKNOWN_201.includes(r.attributeStatus);
      if (!unknown && !(writing && r.attributeStatus === 'Rejected')) continue;
      const d = asked.find((a) => a.component.name === r.component?.name && a.variable.name === r.variable?.name) ?? r;
      const ref = refOf(d);
      if (optionalSetting(version, ref, writing, unknown ? 'Unknown' : 'Rejected')) {
        return { need: { setting: ref, access: writing ? 'write' : 'read' }, evidence: `${action} of ${settingName(version, ref)} answered ${r.attributeStatus}` };
      }
    }
  }
  return undefined;
}

/**
 * The NotApplicable for a reply that shows an optional thing missing, unless the profile claims
 * it (then the reply is the case's failure, judged as usual).
 */
export function notApplicableFor(profile: DeviceProfile | undefined, version: OcppVersion, action: string, payload: Record<string, unknown>, outcome: Outcome): NotApplicable | undefined {
  const lack = lackedBy(version, action, payload, outcome);
  if (!lack || meets(profile, version, lack.need) === 'yes') return undefined;
  return new NotApplicable(describeNeed(version, lack.need), lack.evidence);
}
