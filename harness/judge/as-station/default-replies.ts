/**
 * What the harness's station answers a CSMS request that no case rule covers: what a correct,
 * idle station with an empty local list and nothing else installed would answer.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import type { DeviceModel } from './device-model';

const accepted = { payload: { status: 'Accepted' } };

/**
 * With a device model (the harness's scripted station) the configuration and report requests
 * are answered from it; a report's NotifyReport parts are then sent by the caller (`reportOf`).
 * Without one (fleet stations) the station knows no variables and has nothing to report.
 */
export function stationDefaultReply(version: OcppVersion, call: CallFrame, model?: DeviceModel): Reply {
  const p = call.payload;
  if (model) {
    switch (call.action) {
      case 'GetConfiguration': return { payload: model.getConfiguration(p.key as string[] | undefined) };
      case 'ChangeConfiguration': return { payload: { status: model.changeConfiguration(String(p.key), String(p.value)) } };
      case 'GetVariables': return { payload: { getVariableResult: model.getVariables(p.getVariableData as Parameters<DeviceModel['getVariables']>[0]) } };
      case 'SetVariables': return { payload: { setVariableResult: model.setVariables(p.setVariableData as Parameters<DeviceModel['setVariables']>[0]) } };
      case 'GetBaseReport': case 'GetReport': return { payload: { status: model.select(p).length ? 'Accepted' : 'EmptyResultSet' } };
      default: break;
    }
  }
  switch (call.action) {
    case 'ChangeAvailability': case 'ClearCache': case 'SendLocalList': case 'RemoteStartTransaction': case 'RemoteStopTransaction':
    case 'RequestStartTransaction': case 'RequestStopTransaction': case 'TriggerMessage': case 'ExtendedTriggerMessage':
    case 'Reset': case 'ChangeConfiguration': case 'SignedUpdateFirmware': case 'UpdateFirmware':
    case 'ClearChargingProfile': case 'CancelReservation': case 'CertificateSigned': case 'InstallCertificate':
      return version === '1.6' && call.action === 'UpdateFirmware' ? { payload: {} } : accepted;
    case 'GetInstalledCertificateIds': case 'DeleteCertificate': return { payload: { status: 'NotFound' } };
    case 'GetLocalListVersion': return { payload: version === '1.6' ? { listVersion: 0 } : { versionNumber: 0 } };
    case 'UnlockConnector': return { payload: { status: 'Unlocked' } };
    case 'DataTransfer': return { payload: { status: 'UnknownVendorId' } };
    case 'GetConfiguration': return { payload: { configurationKey: [], ...(Array.isArray(p.key) && p.key.length ? { unknownKey: p.key } : {}) } };
    case 'GetVariables': return {
      payload: {
        getVariableResult: ((p.getVariableData as { component: unknown; variable: unknown }[]) ?? []).map((d) => ({ attributeStatus: 'UnknownComponent', component: d.component, variable: d.variable })),
      },
    };
    case 'SetVariables': return {
      payload: {
        setVariableResult: ((p.setVariableData as { component: unknown; variable: unknown }[]) ?? []).map((d) => ({ attributeStatus: 'UnknownComponent', component: d.component, variable: d.variable })),
      },
    };
    case 'GetBaseReport': case 'GetReport': return { payload: { status: 'EmptyResultSet' } };
    default: return { error: { code: 'NotSupported', description: `the harness station does not support ${call.action}` } };
  }
}
