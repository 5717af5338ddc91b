/** Ready-made CSMS requests per version, as [action, payload] for ScriptedCsms.call. */
import type { OcppVersion } from '../ocpp/versions';

export function readHeartbeatInterval(version: OcppVersion): [string, Record<string, unknown>] {
  return version === '1.6'
    ? ['GetConfiguration', { key: ['HeartbeatInterval'] }]
    : ['GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }];
}
