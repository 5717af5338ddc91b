/**
 * Named faults of the simulated station. Each makes it misbehave in one specific way and names
 * the requirement(s) that misbehaviour breaks: a case that claims to catch a fault must fail
 * against it with one of those ids in its message (tests/selftest).
 */
import type { OcppVersion } from '../ocpp/versions';

export interface FaultSpec {
  description: string;
  /** Requirement ids a catching case quotes, per version (a version absent = fault not applicable). */
  rules: Partial<Record<OcppVersion, string[]>>;
  /** The fault breaks a SHOULD: cases report it as a soft finding, so it is caught under --strict only. */
  should?: true;
}

const both = (r16: string[], r201: string[]): FaultSpec['rules'] => ({ '1.6': r16, '2.0.1': r201 });

export const STATION_FAULTS = {
  'boot.noStatusAfterAccepted': { description: 'sends no StatusNotification after BootNotification is Accepted', rules: both(['TC_001_CS'], ['B01.FR.05']) },
  'boot.missingConnectorStatus': { description: 'after boot, reports every connector but the last', rules: both(['TC_001_CS'], ['B01.FR.05']) },
  'boot.ignoresRetryInterval': { description: 'resends BootNotification after a quarter of the interval given with Pending/Rejected', rules: both(['1.6 §4.2'], ['B02.FR.04', 'B03.FR.02']) },
  'boot.noRetry': { description: 'never resends BootNotification after Pending/Rejected', rules: both(['1.6 §4.2'], ['B02.FR.08', 'B03.FR.06']) },
  'boot.sendsWhileRejected': { description: 'sends StatusNotification while its boot is Rejected', rules: both(['1.6 §4.2'], ['B03.FR.02']) },
  'boot.sendsWhilePending': { description: 'sends StatusNotification while its boot is Pending', rules: both(['1.6 §4.2'], ['B02.FR.02']) },
  'boot.answersWhileRejected': { description: 'answers CSMS requests normally while Rejected', rules: both(['1.6 §4.2'], ['B03.FR.08']) },
  'boot.ignoresPendingRequests': { description: 'answers no CSMS request while Pending (a SHOULD in 1.6 §4.2, so 2.0.1 only)', rules: { '2.0.1': ['B02.FR.01'] } },
  'boot.wrongReason': { description: 'gives BootNotification reason Unknown whatever the cause', rules: { '2.0.1': ['B01.FR.09'] } },
  'heartbeat.ignoresInterval': { description: 'sends heartbeats at three times the interval it was given', rules: both(['1.6 §4.2', '1.6 §4.6'], ['B01.FR.04', 'G02.FR.01']) },
  'heartbeat.none': { description: 'never sends a Heartbeat', rules: both(['1.6 §4.6'], ['G02.FR.02']) },
  'status.wrongAfterPlug': { description: 'reports nothing when a cable is plugged in', rules: both(['1.6 §4.9'], ['G01.FR.03']) },
  'status.wrongAfterUnplug': { description: 'reports Unavailable instead of Available when a cable is unplugged', rules: both(['1.6 §4.9'], ['G01.FR.04']) },
  'fault.chargesWhileFaulted': { description: 'starts a transaction on a Faulted connector', rules: both(['TC_041_CS'], ['G01.FR.01']) },
  'status.noFaulted': { description: 'reports nothing when a connector faults', rules: { '1.6': ['TC_041_CS', 'TC_024_CS'] } },
  'lock.noProblemReported': { description: 'reports nothing when the plug retention lock fails', rules: { '2.0.1': ['G05.FR.02'] } },
  'lock.chargesAnyway': { description: 'starts charging although the plug retention lock failed', rules: { '2.0.1': ['G05.FR.01'] } },
  'availability.ignoresInoperative': { description: 'answers ChangeAvailability Inoperative Accepted (even during a transaction) but stays operative', rules: both(['1.6 §5.2'], ['G03.FR.04', 'G04.FR.05', 'G03.FR.05', 'G04.FR.06']) },
  'availability.rejects': { description: 'answers every ChangeAvailability Rejected', rules: both(['1.6 §5.2'], ['G03.FR.02', 'G04.FR.03']) },
  'availability.noSchedule': { description: 'answers Accepted during a transaction and goes Unavailable at once', rules: both(['1.6 §5.2'], ['G03.FR.05', 'G04.FR.06']) },
  'availability.notPersistent': { description: 'forgets ChangeAvailability Inoperative on reboot', rules: both(['1.6 §4.9', '1.6 §5.2'], ['B01.FR.07', 'G03.FR.08', 'G01.FR.02']) },
  'availability.sameStateRejected': { description: 'answers Rejected when asked for the state it is already in', rules: both(['1.6 §5.2'], ['G03.FR.03', 'G04.FR.04']) },
  'trigger.rejects': { description: 'answers every TriggerMessage Rejected', rules: both(['TC_054_CS'], ['TC_F_20_CS', 'TC_F_23_CS', 'TC_F_24_CS', 'TC_F_11_CS']) },
  'trigger.noMessage': { description: 'accepts TriggerMessage but never sends the message', rules: both(['TC_054_CS'], ['F06.FR.10']) },
  'trigger.messageBeforeResponse': { description: 'sends the triggered message before the TriggerMessage response', rules: both(['1.6 §5.17'], ['F06.FR.04']) },
  'trigger.acceptsBootWhenAccepted': { description: 'accepts a BootNotification trigger after being Accepted', rules: { '2.0.1': ['F06.FR.17'] } },
  'trigger.unknownConnectorAccepted': { description: 'accepts a trigger for a connector it does not have', rules: { '1.6': ['TC_055_CS'] } },
  'reset.noReboot': { description: 'accepts Reset but never reboots', rules: both(['1.6 §5.14', '1.6 §4.2'], ['B01.FR.03', 'B11.FR.01']) },
  'reset.noStopTransaction': { description: 'reboots on Reset without ending the running transaction', rules: both(['1.6 §5.14'], ['B12.FR.04']) },
  'reset.ignoresOnIdle': { description: 'reboots at once on Reset OnIdle during a transaction', rules: { '2.0.1': ['B12.FR.01'] } },
  'config.ignoresHeartbeatInterval': { description: 'accepts a new HeartbeatInterval but keeps the old one', rules: both(['1.6 §5.3'], ['B05 (SetVariables)', 'G02.FR.02']) },
  'config.unknownKeyAccepted': { description: 'treats unknown settings as known (empty value, Accepted)', rules: both(['1.6 §5.8', '1.6 §5.3'], ['TC_B_33_CS', 'TC_B_36_CS', 'TC_B_06_CS']) },
  'config.acceptsInvalidValue': { description: 'accepts a malformed value for HeartbeatInterval', rules: both(['1.6 §5.3'], ['TC_B_11_CS']) },
  'offline.noStatusAfterReconnect': { description: 'reports no connector status after coming back online', rules: { '2.0.1': ['B04.FR.01', 'B04.FR.02'] } },
  'reconnect.never': { description: 'does not reconnect after the CSMS closed the connection', rules: { '2.0.1': ['Part 4 §5.3'] } },
  'auth.startsOnBlocked': { description: 'starts charging although the CSMS did not accept the token', rules: both(['1.6 §4.1'], ['C01.FR.01']) },
  'tx.wrongIdToken': { description: 'reports a truncated card UID in the transaction it starts', rules: both(['1.6 §4.8'], ['E03.FR.01', 'C01.FR.01']) },
  'relay.closesBeforeAuthorized': { description: 'closes the relay as soon as a cable is plugged in', rules: both(['1.6 §4.1'], ['C01.FR.01']) },
  'auth.ignoresLocalPreAuthorize': { description: 'sends Authorize for a token the list or cache already accepts (LocalPreAuthorize ignored)', rules: both(['TC_007_CS', 'TC_008_CS'], ['TC_C_08_CS', 'C14.FR.02']) },
  'auth.preAuthorizesWhenDisabled': { description: 'starts from the cache without Authorize although LocalPreAuthorize is false', rules: both(['1.6 §9.1 LocalPreAuthorize'], ['TC_C_36_CS']) },
  'auth.ignoresLocalList': { description: 'does not use the Local Authorization List', rules: both(['TC_008_CS', 'TC_039_CS'], ['C14.FR.02', 'C13.FR.02']) },
  'auth.cacheNotCleared': { description: 'answers ClearCache Accepted but keeps the cache', rules: both(['TC_061_CS'], ['C11.FR.01', 'TC_C_37_CS']) },
  'auth.offlineLosesTransaction': { description: 'drops transaction messages that arise while offline', rules: both(['TC_039_CS', 'TC_036_CS', '1.6 §3.5.4'], ['E04.FR.01', 'E04.FR.02']) },
  'auth.stopsWithOtherToken': { description: 'lets any accepted token stop a transaction', rules: both(['1.6 §3.10', 'HX_TC_C_04_CS'], ['TC_C_04_CS', 'TC_C_42_CS']) },
  'auth.authorizesOwnStop': { description: 'sends Authorize when the token that started the transaction stops it', rules: both(['1.6 §4.1'], ['C01.FR.03']) },
  'auth.ignoresGroup': { description: 'does not let a token of the same group stop a transaction', rules: both(['TC_069_CS', '1.6 §3.10'], ['C01.FR.03', 'TC_C_39_CS']) },
  'auth.ignoresStopTxOnInvalidId': { description: 'keeps charging when the CSMS rejects the token of a started transaction', rules: both(['1.6 §9.1 StopTransactionOnInvalidId', 'TC_037_3_CS', 'TC_037_2_CS'], ['E05.FR.02', 'E05.FR.09', 'C15']) },
  'auth.ignoresConnectionTimeOut': { description: 'keeps an authorization forever when no cable is plugged in', rules: { '1.6': ['TC_004_2_CS'] } },
  'remote.startsOnBusyConnector': { description: 'accepts a remote start on a connector that is charging', rules: both(['TC_026_CS'], ['F01.FR.24', 'F02.FR.26']) },
  'remote.wrongToken': { description: 'starts a remote transaction with another token than the one given', rules: both(['1.6 §5.11'], ['F01.FR.04', 'F02.FR.12']) },
  'remote.ignoresAuthorizeRemoteTx': { description: 'does not authorize a remote start token although AuthorizeRemoteTxRequests is true', rules: both(['1.6 §5.11'], ['F01.FR.01', 'F02.FR.09']) },
  'remote.stopIgnored': { description: 'accepts a remote stop but keeps charging', rules: both(['1.6 §5.12'], ['F03.FR.02', 'F03.FR.03']) },
  'localList.ignoresVersion': { description: 'accepts a differential update whose version is not newer', rules: both(['TC_043_2_CS'], ['D01.FR.19']) },
  'localList.fullEmptyKeepsEntries': { description: 'keeps its entries after a Full update without a list', rules: both(['1.6 §5.10', 'TC_042_2_CS', '1.6 §6.41'], ['D01.FR.04']) },
  'localList.versionWhenDisabled': { description: 'reports its list version although the local list is disabled', rules: both(['1.6 §5.10'], ['D02.FR.03']) },
  'localList.reportsNoVersion': { description: 'answers GetLocalListVersion with 0 whatever list is installed', rules: both(['1.6 §5.10'], ['D02.FR.01']) },
  'auth.clearCacheWhenDisabled': { description: 'answers ClearCache Accepted although its cache is disabled', rules: { '2.0.1': ['C11.FR.04'] } },
  'auth.trustsLocalRejection': { description: 'refuses a token the cache or list holds as not Accepted without asking the CSMS', rules: { '2.0.1': ['C10.FR.03', 'C14.FR.03'] } },
  'remote.stopUnknownAccepted': { description: 'answers a remote stop for an unknown transaction Accepted', rules: both(['1.6 §5.12'], ['F03.FR.08']) },
  'keypad.wrongTokenType': { description: 'reports a keypad code with token type ISO14443 instead of KeyCode', rules: { '2.0.1': ['IdTokenEnumType KeyCode'] } },
  'basicauth.noCredentials': { description: 'connects without HTTP Basic credentials', rules: both(['1.6 WP A00.FR.203'], ['A00.FR.203']) },
  'tx.noRetry': { description: 'drops a transaction message the CSMS answered with a CALLERROR instead of resending it', rules: { '2.0.1': ['E13.FR.02'] } },
  'tx.retryWithoutBackOff': { description: 'resends a failed transaction message after the interval, not the interval × preceding transmissions', rules: { '2.0.1': ['E13.FR.03'] } },
  'reconnect.noBackOff': { description: 'reconnects every RetryBackOffWaitMinimum seconds without doubling the back-off', rules: { '2.0.1': ['Part 4 §5.3'] } },
  'cert.noSignCertificate': { description: 'accepts the certificate renewal trigger but never sends SignCertificate', rules: both(['A02.FR.02'], ['A02.FR.02']) },
  'cert.acceptsInvalidCertificate': { description: 'accepts a CertificateSigned whose certificate does not chain to the operator CA', rules: both(['A02.FR.07', 'TC_077_CS'], ['A02.FR.07']) },
  'cert.acceptsInvalidRoot': { description: 'answers InstallCertificate with something that is not a certificate Accepted', rules: both(['TC_078_CS'], ['M05.FR.07']) },
  'cert.installNotStored': { description: 'answers InstallCertificate Accepted but does not keep the certificate', rules: both(['TC_075_2_CS'], ['M03.FR.04']) },
  'cert.deleteAlwaysAccepted': { description: 'answers DeleteCertificate for an unknown certificate Accepted', rules: both(['TC_076_CS'], ['M04.FR.04']) },
  'tls.acceptsAnyServerCert': { description: 'accepts a CSMS certificate from an unknown CA (no certificate path check)', rules: both(['A00.FR.307', 'A00.FR.310'], ['A00.FR.308', 'A00.FR.311']) },
  'tls.ignoresHostname': { description: 'accepts a CSMS certificate issued for another host name', rules: both(['A00.FR.308', 'A00.FR.310'], ['A00.FR.309', 'A00.FR.311']) },
  'tls.oldVersion': { description: 'connects with TLS 1.1 (2.0.1 requires 1.2 or above; the 1.6 whitepaper lets legacy stations use 1.0/1.1)', rules: { '2.0.1': ['A00.FR.313'] } },
  'tls.noSecurityEvent': { description: 'refuses an invalid CSMS certificate but raises no security event', rules: both(['A00.FR.309'], ['A00.FR.310']) },
  'mtls.noClientCert': { description: 'presents no client certificate in security profile 3', rules: both(['A00.FR.401'], ['A00.FR.401']) },
  'mtls.wrongCertificate': { description: 'presents a client certificate whose CN is not its serial number', rules: both(['A00.FR.511'], ['A00.FR.511']) },
  'basicauth.ignoresNewPassword': { description: 'accepts a new Basic auth password but keeps using the old one', rules: both(['1.6 WP A01.FR.03'], ['A01.FR.03']) },
  'firmware.skipsInstalling': { description: 'never reports Installing (allowed in 2.0.1 by L01.FR.23, so 1.6 plain only)', rules: { '1.6': ['TC_044_1_CS', '1.6 §4.5'] } },
  'firmware.acceptsUnsigned': { description: 'accepts and installs an update that has no signature and certificate', rules: { '2.0.1': ['L01.FR.09', 'TC_L_18_CS'] } },
  'firmware.noDownloadFailed': { description: 'reports nothing when every download attempt failed', rules: both(['TC_044_2_CS', '1.6 WP L01'], ['L01.FR.30']) },
  'firmware.installsBadSignature': { description: 'installs firmware whose signature does not verify', rules: both(['TC_081_CS', '1.6 WP L01'], ['L01.FR.03', 'L01.FR.12']) },
  'firmware.installsCorruptImage': { description: 'installs a damaged image and reports Installed', rules: both(['TC_044_3_CS', '1.6 §4.5'], ['L01.FR.29']) },
  'firmware.noRetry': { description: 'downloads once, ignoring retries', rules: both(['1.6 UpdateFirmware.req retries'], ['UpdateFirmwareRequest.retries']) },
  'firmware.ignoresRetryInterval': { description: 'retries a download at once, ignoring retryInterval', rules: both(['1.6 UpdateFirmware.req retryInterval'], ['UpdateFirmwareRequest.retryInterval']) },
  'firmware.ignoresRetrieveDate': { description: 'downloads at once although retrieveDateTime is in the future', rules: { '2.0.1': ['L01.FR.13'] } },
  'firmware.ignoresInstallDate': { description: 'installs at once although installDateTime is in the future', rules: { '2.0.1': ['L01.FR.16'] } },
  'firmware.acceptsUntrustedCertificate': { description: 'accepts a signing certificate from an unknown issuer', rules: { '2.0.1': ['L01.FR.22'] } },
  'firmware.rebootsDuringTransaction': { description: 'installs and reboots while a transaction runs', rules: { '2.0.1': ['L01.FR.06'] } },
  'firmware.wrongRequestId': { description: 'reports firmware status with another requestId', rules: both(['TC_080_CS'], ['L01.FR.10']) },
  'firmware.noSecurityEvent': { description: 'sends no SecurityEventNotification FirmwareUpdated after installing', rules: both(['TC_080_CS'], ['L01.FR.31']) },
  'firmware.noCancel': { description: 'answers a second UpdateFirmware Accepted and goes on with the first', rules: { '2.0.1': ['L01.FR.24', 'L01.FR.27'] } },
  'frame.badSchema': { description: 'sends StatusNotification with a status value the schema does not allow', rules: both(['OCPP-J schema'], ['OCPP-J schema']) },
  'reply.late': { description: 'answers CSMS requests only after the message timeout', rules: both(['OCPP-J message timeout'], ['OCPP-J message timeout']) },
  'hostile.garbage': { description: 'sends a frame that is not JSON right after boot', rules: both(['OCPP-J RPC framing'], ['OCPP-J RPC framing']) },
  'hostile.unknownReplyId': { description: 'sends a CALLRESULT for a message id the CSMS never used', rules: both(['OCPP-J RPC framing'], ['OCPP-J RPC framing']) },
  'hostile.silent': { description: 'never answers a CSMS request', rules: both(['OCPP-J message timeout'], ['OCPP-J message timeout']) },
  'hostile.disconnectAfterBoot': { description: 'drops the connection right after its boot is accepted and stays away', rules: both(['1.6 §5.2'], ['G03.FR.02']) },
} satisfies Record<string, FaultSpec>;

export type StationFault = keyof typeof STATION_FAULTS;

export function isStationFault(name: string): name is StationFault {
  return Object.prototype.hasOwnProperty.call(STATION_FAULTS, name);
}
