/** What the harness CSMS answers when a case declared nothing: a correct, permissive CSMS. */
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Timing } from '../../model/timing';

let txCounter = 1000;

export function defaultReply(version: OcppVersion, call: CallFrame, timing: Timing): Record<string, unknown> {
  const now = new Date().toISOString();
  const p = call.payload;
  switch (call.action) {
    case 'BootNotification': return { status: 'Accepted', currentTime: now, interval: timing.heartbeatInterval };
    case 'Heartbeat': return { currentTime: now };
    case 'Authorize': return version === '1.6' ? { idTagInfo: { status: 'Accepted' } } : { idTokenInfo: { status: 'Accepted' } };
    case 'StartTransaction': return { transactionId: ++txCounter, idTagInfo: { status: 'Accepted' } };
    case 'StopTransaction': return p.idTag ? { idTagInfo: { status: 'Accepted' } } : {};
    case 'TransactionEvent': return p.idToken ? { idTokenInfo: { status: 'Accepted' } } : {};
    case 'DataTransfer': return { status: 'UnknownVendorId' };
    case 'SignCertificate': return { status: 'Rejected' };
    case 'Get15118EVCertificate': return { status: 'Failed', exiResponse: '' };
    case 'GetCertificateStatus': return { status: 'Failed' };
    case 'NotifyEVChargingNeeds': return { status: 'Rejected' };
    case 'ReportChargingProfiles': case 'NotifyEVChargingSchedule': case 'NotifyEvent': case 'NotifyReport':
    case 'NotifyMonitoringReport': case 'NotifyCustomerInformation': case 'NotifyDisplayMessages':
    case 'NotifyChargingLimit': case 'ClearedChargingLimit': case 'SecurityEventNotification': case 'LogStatusNotification':
    case 'FirmwareStatusNotification': case 'SignedFirmwareStatusNotification': case 'DiagnosticsStatusNotification':
    case 'PublishFirmwareStatusNotification': case 'ReservationStatusUpdate': case 'StatusNotification': case 'MeterValues':
      return {};
    default: return {};
  }
}
