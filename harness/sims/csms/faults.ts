/**
 * Named faults of the reference CSMS. Each makes it break one rule a CSMS must keep and names
 * the requirement id(s) a catching case quotes (tests/selftest), per version.
 */
import type { FaultSpec } from '../fault-spec';

const both = (r16: string[], r201: string[]): FaultSpec['rules'] => ({ '1.6': r16, '2.0.1': r201 });

export const CSMS_FAULTS = {
  'boot.acceptsUnknownStation': { description: 'accepts the connection and the BootNotification of a station it does not know (a SHOULD: Part 4 §3.2 answers 404)', rules: both(['OCPP-J 1.6 §3.2'], ['Part 4 §3.2']), should: true },
  'boot.pendingForever': { description: 'answers every BootNotification of the Pending station with Pending, never Accepted', rules: both(['HX_TC_B_02_CSMS', 'HX_TC_B_31_CSMS'], ['TC_B_02_CSMS', 'TC_B_31_CSMS']) },
  'boot.rejectsKnownStation': { description: 'answers the BootNotification of a registered station Rejected', rules: both(['TC_001_CSMS'], ['TC_B_01_CSMS']) },
  'boot.allowsCallsWhilePending': { description: 'answers a StatusNotification from a Pending station normally instead of CALLERROR SecurityError', rules: { '2.0.1': ['B02.FR.09'] } },
  'heartbeat.wrongTime': { description: 'answers Heartbeat with a currentTime one hour off', rules: both(['1.6 §4.6'], ['G02.FR.03']) },
  'status.rejectsFaulted': { description: 'answers StatusNotification Faulted with a CALLERROR', rules: both(['1.6 §4.9'], ['HX_G01_01_CSMS']) },
  'auth.acceptsBlockedToken': { description: 'answers Authorize for a blocked token Accepted', rules: both(['TC_023_3_CSMS'], ['TC_C_06_CSMS']) },
  'auth.acceptsExpiredToken': { description: 'answers Authorize for an expired token Accepted', rules: both(['TC_023_2_CSMS'], ['TC_C_07_CSMS']) },
  'auth.acceptsUnknownToken': { description: 'answers Authorize for a token it does not know Accepted', rules: both(['TC_023_1_CSMS'], ['TC_C_02_CSMS']) },
  'auth.noGroupId': { description: 'leaves the group id (1.6 parentIdTag, 2.0.1 groupIdToken) out of Authorize replies', rules: both(['HX_TC_C_39_CSMS'], ['C09.FR.09', 'C09.FR.12']) },
  'tx.acceptsInvalidToken': { description: 'answers a transaction start with an unknown token Accepted', rules: both(['TC_037_3_CSMS', 'HX_TC_C_20_CSMS'], ['TC_E_16_CSMS', 'TC_C_20_CSMS']) },
  'tx.losesOfflineTransaction': { description: 'answers transaction messages queued while offline with a CALLERROR (the transaction is lost)', rules: both(['TC_039_CSMS', 'TC_037_1_CSMS'], ['HX_E04_01_CSMS']) },
  'tx.rejectsUnauthorizedStart': { description: 'answers a transaction start Invalid when the token was not sent in an Authorize first (breaks the cache and the local list)', rules: both(['TC_007_CSMS'], ['TC_C_08_CSMS']) },
  'remote.wrongConnector': { description: 'sends the remote start for another EVSE / connector than the operator chose', rules: both(['HX_F01_01_CSMS'], ['HX_F01_01_CSMS']) },
  'cache.neverClears': { description: 'never sends ClearCache when the operator asks', rules: both(['TC_061_CSMS', 'HX_TC_C_38_CSMS'], ['TC_C_37_CSMS', 'TC_C_38_CSMS']) },
  'localList.fullWithoutInfo': { description: 'sends a Full local list whose entries lack idTagInfo / idTokenInfo', rules: both(['TC_043_4_CSMS'], ['TC_D_01_CSMS']) },
  'localList.staleVersion': { description: 'sends a Differential local list update with the version it had before', rules: both(['TC_043_5_CSMS'], ['TC_D_02_CSMS']) },
  'localList.versionZero': { description: 'sends an emptied (Full, no entries) local list with versionNumber 0', rules: { '2.0.1': ['D01.FR.18'] } },
  'localList.removeAsInvalid': { description: 'removes a token from the local list by sending it with status Invalid instead of without id info', rules: both(['HX_TC_D_03_CSMS'], ['TC_D_03_CSMS']) },
  'localList.ignoresVersionRequest': { description: 'never sends GetLocalListVersion when the operator asks', rules: both(['TC_042_2_CSMS'], ['TC_D_08_CSMS']) },
  'event.rejectsNotifyEvent': { description: 'answers NotifyEvent with CALLERROR NotImplemented', rules: { '2.0.1': ['TC_G_20_CSMS'] } },
  'availability.wrongScope': { description: 'sends ChangeAvailability for the whole station when the operator chose one EVSE or connector', rules: both(['HX_TC_G_07_CSMS', 'HX_TC_G_08_CSMS', 'HX_TC_G_17_CSMS'], ['TC_G_03_CSMS', 'TC_G_04_CSMS', 'TC_G_07_CSMS', 'TC_G_08_CSMS', 'TC_G_11_CSMS', 'TC_G_17_CSMS']) },
  'availability.wrongType': { description: 'sends ChangeAvailability Operative when the operator chose Inoperative, and the other way round', rules: both(['HX_TC_G_05_CSMS', 'HX_TC_G_06_CSMS', 'HX_TC_G_07_CSMS', 'HX_TC_G_08_CSMS', 'HX_TC_G_14_CSMS', 'HX_TC_G_17_CSMS'], ['TC_G_03_CSMS', 'TC_G_04_CSMS', 'TC_G_05_CSMS', 'TC_G_06_CSMS', 'TC_G_07_CSMS', 'TC_G_08_CSMS', 'TC_G_11_CSMS', 'TC_G_14_CSMS', 'TC_G_17_CSMS']) },
  'firmware.unsigned': { description: 'sends a secure firmware update without signingCertificate and signature', rules: both(['TC_080_CSMS'], ['L01.FR.11']) },
  'firmware.wrongLocation': { description: 'sends a firmware update for another location than the configured image', rules: both(['TC_044_1_CSMS', 'TC_080_CSMS'], ['TC_L_01_CSMS']) },
  'firmware.ignoresFailedStatus': { description: 'does not answer a FirmwareStatusNotification that reports a failure', rules: both(['OCPP-J message timeout'], ['OCPP-J message timeout']) },
  'subprotocol.acceptsUnknown': { description: 'completes the WebSocket handshake with a subprotocol it does not support', rules: both(['OCPP-J 1.6 §3.2'], ['Part 4 §3.2']) },
  'basicauth.rejectsValidPassword': { description: 'expects the Basic auth password base64-encoded once more (A00.FR.205 says plain UTF-8; 1.6: the AuthorizationKey bytes) and refuses a valid station', rules: both(['HX_TC_A_01_CSMS'], ['TC_A_01_CSMS']) },
  'basicauth.ignoresUsername': { description: 'accepts Basic credentials whose user name is not the station id of the URL', rules: { '2.0.1': ['A00.FR.204'] } },
  'basicauth.acceptsWrongPassword': { description: 'accepts any Basic auth password for a known station', rules: { '2.0.1': ['A00.FR.207'] } },
  'tls.allowsOldTls': { description: 'accepts TLS 1.0 / 1.1 connections', rules: { '2.0.1': ['A00.FR.315'] } },
  'mtls.acceptsUnknownCa': { description: 'accepts a client certificate that does not chain to its CA', rules: both(['A00.FR.407'], ['A00.FR.407']) },
  'mtls.acceptsNoCert': { description: 'accepts a profile-3 connection without a client certificate', rules: both(['A00.FR.407'], ['A00.FR.407']) },
  'mtls.acceptsWrongStationId': { description: 'does not compare the client certificate CN with the serial number in the BootNotification', rules: both(['B01.FR.12'], ['B01.FR.12']) },
  'mtls.checksUrlIdInsteadOfSerial': { description: 'compares the client certificate CN with the station id of the URL instead of the serial number, refusing a valid station', rules: both(['HX_TC_A_07_CSMS'], ['TC_A_07_CSMS']) },
  'cert.rejectsCsr': { description: 'answers a valid SignCertificate Rejected', rules: both(['A02.FR.11', 'TC_074_CSMS'], ['A02.FR.11']) },
  'cert.signsOtherKey': { description: 'answers the CSR with a certificate for another key', rules: both(['A02.FR.06', 'TC_074_CSMS'], ['A02.FR.06']) },
  'reply.badSchema': { description: 'answers BootNotification without currentTime (the schema requires it)', rules: both(['OCPP-J schema'], ['OCPP-J schema']) },
  'reply.late': { description: 'answers Authorize only after the message timeout', rules: both(['OCPP-J message timeout'], ['OCPP-J message timeout']) },
} satisfies Record<string, FaultSpec>;

export type CsmsFault = keyof typeof CSMS_FAULTS;

export function isCsmsFault(name: string): name is CsmsFault {
  return Object.prototype.hasOwnProperty.call(CSMS_FAULTS, name);
}
