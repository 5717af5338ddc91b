/**
 * The requirement registry: every specification requirement the cases and faults cite (and the
 * few the requirements audit proposes instead, docs/requirements-audit.md), keyed by
 * (version, id), with who the text obliges and at which level. A case's `requirements` are
 * checked against it when the suite file loads (fixtures/ocpp-case.ts: an unknown id, or a
 * station-side rule on a CSMS case and the other way round, is refused) and every rule a check
 * quotes when it runs (harness/model/rules.ts); verdicts follow the level: SHALL fails a case,
 * SHOULD is a soft finding, MAY never fails.
 *
 * Id formats (one token, no spaces):
 *  - OCPP 2.0.1 Part 2 functional requirements as in the spec: `B01.FR.05`; Part 2 §3 generic
 *    requirements as `FR.02`;
 *  - OCPP 2.0.1 Part 4 (OCPP-J) sections: `Part4§5.3`;
 *  - OCPP 2.0.1 Part 2 texts without an FR id, cited only where no FR states the rule: a use case's
 *    own description (`Part2§C11`: what the CSMS *can* do, MAY) or a datatype / message definition
 *    (`Part2§AuthorizationData`, a normative definition);
 *  - OCPP 1.6 edition 2 sections: `1.6§4.2`; configuration keys of §9.1: `1.6§9.1.LocalPreAuthorize`;
 *  - OCPP-J 1.6 sections: `1.6J§3.2`;
 *  - OCPP 1.6 security whitepaper (edition 3): its own 2.0.1-style ids (`A00.FR.307`) with
 *    version '1.6' — the numbers often mean something else than the same id in 2.0.1.
 *  - OCPP 1.6 security whitepaper use case texts without an FR id, cited only where no FR states
 *    the rule (as `Part2§C11` for 2.0.1): `WP§M05`, `WP§N01`.
 * A section holding rules of two levels is split with a suffix naming the narrower rule
 * (`Part4§3.2.UnknownStation` is the SHOULD next to the MUST of `Part4§3.2`).
 *
 * Level: MUST/REQUIRED count as SHALL, RECOMMENDED as SHOULD, OPTIONAL as MAY (RFC 2119). Where a
 * normative text states the behaviour without an RFC 2119 keyword (definitions of 1.6 types and
 * configuration keys) the source says so; where it uses a lower-case "should"/"must" the entry is
 * SHOULD and the source says so.
 *
 * A data table, one row per requirement: longer than the house limit of about 300 lines on
 * purpose (splitting it by block would scatter one lookup over many files).
 *
 * Summaries are ours, never the specification's words. `source` names the document and section
 * read, and the public copy it was read in.
 */
import type { OcppVersion } from '../protocol/versions';

export type RequirementRole = 'station' | 'csms' | 'both';
export type RequirementLevel = 'SHALL' | 'SHOULD' | 'MAY';

export interface Requirement {
  /** Canonical token, no spaces (see the formats above). */
  id: string;
  version: OcppVersion;
  /** Who the text obliges: the charging station, the CSMS, or either peer (framing, TLS, shared rules). */
  role: RequirementRole;
  level: RequirementLevel;
  /** Use case or section, e.g. 'B01 Cold Boot Charging Station', '1.6 §4.2 Boot Notification'. */
  useCase: string;
  /** One line in our own words. */
  summary: string;
  /** Where the text was read; 'unverified' if it could not be found. */
  source?: string;
}

// Where the texts were read (public Markdown conversions of the OCA documents).
const COPY = 'read in SAP/e-mobility-charging-stations-simulator';
const p2 = (where: string): string => `OCPP 2.0.1 Ed.3 Part 2, ${where} (${COPY} docs/ocpp2/OCPP-2.0.1_edition3_part2_specification.md)`;
const p2e = (where: string): string => `OCPP 2.0.1 Ed.3 errata 2025-09, ${where} (${COPY} docs/ocpp2/OCPP-2.0.1_edition3_errata_2025-09.md)`;
const p4 = (where: string): string => `OCPP 2.0.1 Ed.3 Part 4, ${where} (${COPY} docs/ocpp2/OCPP-2.0.1_edition3_part4_ocpp-j-specification.md)`;
const s16 = (where: string): string => `OCPP 1.6 edition 2, ${where} (${COPY} docs/ocpp16/ocpp-1.6 edition 2.md)`;
const e16 = (where: string): string => `OCPP 1.6 errata sheet (v4.0 and later), ${where} (${COPY} docs/ocpp16/ocpp-1.6-errata-sheet.md)`;
const j16 = (where: string): string => `OCPP-J 1.6 specification, ${where} (${COPY} docs/ocpp16/ocpp-j-1.6-specification.md)`;
const wp = (where: string): string => `OCPP 1.6 Security Whitepaper edition 3 (reuses 2.0.1 numbering), ${where} (${COPY} docs/ocpp16/OCPP 1.6 security whitepaper edition 3.md)`;

type Row = [id: string, role: RequirementRole, level: RequirementLevel, useCase: string, summary: string, source: string];
const rows = (version: OcppVersion, list: Row[]): Requirement[] =>
  list.map(([id, role, level, useCase, summary, source]) => ({ id, version, role, level, useCase, summary, source }));

// ---------------------------------------------------------------------------------------------
// OCPP 2.0.1
// ---------------------------------------------------------------------------------------------
const SP1 = 'A00 Security profile 1 (Basic Authentication)';
const SP2 = 'A00 Security profile 2 (TLS with Basic Authentication)';
const SP3 = 'A00 Security profile 3 (TLS with client certificates)';
const CERT = 'A00 Certificate properties';
const A01 = 'A01 Update Charging Station Password for HTTP Basic Authentication';
const A02 = 'A02 Update Charging Station Certificate by request of CSMS';
const B01 = 'B01 Cold Boot Charging Station';
const B02 = 'B02 Cold Boot Charging Station - Pending';
const B03 = 'B03 Cold Boot Charging Station - Rejected';
const B04 = 'B04 Offline Behavior Idle Charging Station';
const B05 = 'B05 Set Variables';
const B06 = 'B06 Get Variables';
const B07 = 'B07 Get Base Report';
const B08 = 'B08 Get Custom Report';
const B09 = 'B09 Setting a new NetworkConnectionProfile';
const B11 = 'B11 Reset - Without Ongoing Transaction';
const B12 = 'B12 Reset - With Ongoing Transaction';
const C01 = 'C01 EV Driver Authorization using RFID';
const C09 = 'C09 Authorization by GroupId';
const C10 = 'C10 Store Authorization Data in the Authorization Cache';
const C11 = 'C11 Clear Authorization Data in Authorization Cache';
const C12 = 'C12 Start Transaction - Cached Id';
const C13 = 'C13 Offline Authorization through Local Authorization List';
const C14 = 'C14 Online Authorization through Local Authorization List';
const C15 = 'C15 Offline Authorization of unknown Id';
const C16 = 'C16 Stop Transaction with a Master Pass';
const D01 = 'D01 Send Local Authorization List';
const D02 = 'D02 Get Local List Version';
const E01 = 'E01 Start Transaction options';
const E03 = 'E03 Start Transaction - IdToken First';
const E04 = 'E04 Transaction started while Charging Station is offline';
const E05 = 'E05 Start Transaction - Id not Accepted';
const E06 = 'E06 Stop Transaction options';
const E07 = 'E07 Transaction locally stopped by IdToken';
const E13 = 'E13 Transaction-related message not accepted by CSMS';
const F01 = 'F01 Remote Start Transaction - Cable Plugin First';
const F02 = 'F02 Remote Start Transaction - Remote Start First';
const F03 = 'F03 Remote Stop Transaction';
const F05 = 'F05 Remotely Unlock Connector';
const F06 = 'F06 Trigger Message';
const G01 = 'G01 Status Notification';
const G02 = 'G02 Heartbeat';
const G03 = 'G03 Change Availability EVSE/Connector';
const G04 = 'G04 Change Availability Charging Station';
const G05 = 'G05 Lock Failure';
const H01 = 'H01 Reservation';
const H02 = 'H02 Cancel Reservation';
const L01 = 'L01 Secure Firmware Update';
const L03 = 'L03 Publish Firmware file on Local Controller';
const L04 = 'L04 Unpublish Firmware file on Local Controller';
const M03 = 'M03 Retrieve list of available certificates from a Charging Station';
const M04 = 'M04 Delete a specific certificate from a Charging Station';
const M05 = 'M05 Install CA certificate in a Charging Station';

const V201: Row[] = [
  // A. Security
  ['A00.FR.202', 'station', 'SHALL', SP1, 'The station authenticates itself to the CSMS with HTTP Basic authentication.', p2('A §1.3.3 Table 14')],
  ['A00.FR.203', 'station', 'SHALL', SP1, 'The station sends a user name and a password with every connection request.', p2('A §1.3.3 Table 14')],
  ['A00.FR.204', 'station', 'SHALL', SP1, 'The Basic auth user name equals the station identity used in the connection URL.', p2('A §1.3.3 Table 14')],
  ['A00.FR.205', 'station', 'SHALL', SP1, 'Password kept in BasicAuthPassword, 16-40 characters, sent as plain UTF-8 text (not base64 or octets).', p2('A §1.3.3 Table 14')],
  ['A00.FR.207', 'csms', 'SHALL', SP1, 'The CSMS checks that identity and password in the Authorization header match the station.', p2('A §1.3.3 Table 14')],
  ['A00.FR.301', 'station', 'SHALL', SP2, 'With TLS and Basic auth the station still authenticates itself with HTTP Basic authentication.', p2('A §1.3.5 Table 16')],
  ['A00.FR.302', 'station', 'SHALL', SP2, 'Profile 2: the station sends a user name and a password with every connection request.', p2('A §1.3.5 Table 16')],
  ['A00.FR.303', 'station', 'SHALL', SP2, 'Profile 2: the Basic auth user name equals the station identity of the connection URL.', p2('A §1.3.5 Table 16')],
  ['A00.FR.304', 'station', 'SHALL', SP2, 'Profile 2: password kept in BasicAuthPassword, 16-40 characters, sent as plain UTF-8 text.', p2('A §1.3.5 Table 16')],
  ['A00.FR.307', 'csms', 'SHALL', SP2, 'The CSMS presents its CSMS certificate as the TLS server certificate.', p2('A §1.3.5 Table 16')],
  ['A00.FR.308', 'station', 'SHALL', SP2, 'The station validates the certification path of the CSMS certificate (RFC 5280 §6).', p2('A §1.3.5 Table 16')],
  ['A00.FR.309', 'station', 'SHALL', SP2, 'The station checks that the CSMS certificate commonName contains the CSMS host name (FQDN).', p2('A §1.3.5 Table 16')],
  ['A00.FR.310', 'station', 'SHALL', SP2, 'CSMS certificate or its path invalid: the station raises an InvalidCsmsCertificate security event.', p2('A §1.3.5 Table 16')],
  ['A00.FR.311', 'station', 'SHALL', SP2, 'After an invalid CSMS certificate (A00.FR.310) the station terminates the connection.', p2('A §1.3.5 Table 16')],
  ['A00.FR.312', 'both', 'SHALL', SP2, 'The communication channel is protected with TLS.', p2('A §1.3.5 Table 16')],
  ['A00.FR.313', 'both', 'SHALL', SP2, 'Station and CSMS use TLS 1.2 or newer only.', p2('A §1.3.5 Table 16')],
  ['A00.FR.315', 'csms', 'SHALL', SP2, 'The CSMS ends the connection when the station only offers TLS below 1.2 or SSL.', p2('A §1.3.5 Table 16')],
  ['A00.FR.324', 'csms', 'SHALL', SP2, 'Profile 2: the CSMS checks that identity and password in the Authorization header match.', p2('A §1.3.5 Table 16')],
  ['A00.FR.401', 'station', 'SHALL', SP3, 'Profile 3: the station authenticates itself with its Charging Station certificate.', p2('A §1.3.7 Table 18')],
  ['A00.FR.403', 'csms', 'SHALL', SP3, 'Profile 3: the CSMS validates the certification path of the station client certificate.', p2('A §1.3.7 Table 18')],
  ['A00.FR.405', 'csms', 'SHALL', SP3, 'Profile 3: the CSMS checks that the client certificate CN holds the station serial number.', p2('A §1.3.7 Table 18')],
  ['A00.FR.407', 'csms', 'SHALL', SP3, 'Profile 3: the CSMS ends the connection when the station certificate or its path is invalid.', p2('A §1.3.7 Table 18')],
  ['A00.FR.511', 'station', 'SHALL', CERT, 'The station certificate subject CN is the station serial number, never a URL or IP address.', `${p2('A §1.4.1 Table 20')}; a property of the certificate the station presents`],
  ['A01.FR.01', 'station', 'SHALL', A01, 'The station keeps the Basic auth password in the BasicAuthPassword variable.', p2('A01 Table 26')],
  ['A01.FR.02', 'csms', 'SHALL', A01, 'The CSMS sets a station\'s Basic auth password with SetVariablesRequest for BasicAuthPassword.', p2('A01 Table 26')],
  ['A01.FR.03', 'csms', 'SHALL', A01, 'After the station accepts a new password, the CSMS stops accepting the old credentials.', p2('A01 Table 26')],
  ['A01.FR.04', 'csms', 'SHALL', A01, 'Password change answered other than Accepted: the CSMS keeps accepting the old credentials.', p2('A01 Table 26')],
  ['A02.FR.02', 'station', 'SHALL', A02, 'After answering the renewal trigger the station generates a new key pair.', p2('A02 Table 28')],
  ['A02.FR.03', 'station', 'SHALL', A02, 'The station sends the new public key as a PEM-encoded CSR in SignCertificateRequest.', p2('A02 Table 28')],
  ['A02.FR.06', 'station', 'SHALL', A02, 'The station checks a signed certificate (validity now, properties, operator hierarchy) before use.', `${p2('A02 Table 28')}; ${p2e('§2.9')}`],
  ['A02.FR.07', 'station', 'SHALL', A02, 'Invalid signed certificate: answer Rejected, discard it, raise InvalidChargingStationCertificate.', p2('A02 Table 28')],
  ['A02.FR.08', 'station', 'SHALL', A02, 'Valid signed certificate: answer Accepted and switch to it by reconnecting.', p2e('§2.9 (new text of A02.FR.08)')],
  ['A02.FR.11', 'csms', 'SHALL', A02, 'The CSMS answers a SignCertificateRequest it is able to process with Accepted.', p2('A02 Table 28')],
  // security (cov-s4): TLS version, certificate-signing retries, security profile upgrades (A00, A02, A05, B09)
  ['A00.FR.314', 'both', 'SHALL', SP2, 'Profile 2: station and CSMS both check the TLS version of the connection.', p2('A §1.3.5 Table 16')],
  ['A00.FR.316', 'station', 'SHALL', SP2, 'CSMS only allows TLS below 1.2 (or SSL): the station raises InvalidTLSVersion and terminates the connection.', p2('A §1.3.5 Table 16')],
  ['A02.FR.17', 'station', 'SHALL', A02, 'CSR accepted, no CertificateSigned after CertSigningWaitMinimum: the station sends SignCertificate again.', p2('A02 Table 28')],
  ['A02.FR.18', 'station', 'SHALL', A02, 'The SignCertificate retry back-off starts at CertSigningWaitMinimum and doubles after every expiry.', p2('A02 Table 28')],
  ['A04.FR.03', 'csms', 'SHALL', 'A04 Security Event Notification', 'The CSMS confirms a SecurityEventNotificationRequest with its response.', p2('A04 Table 32')],
  ['A05.FR.02', 'station', 'SHALL', 'A05 Upgrade Charging Station Security Profile', 'Priority naming a higher profile of security profile 2/3 without a valid CSMSRootCertificate: Rejected.', p2('A05 requirements (Table 34)')],
  ['A05.FR.03', 'station', 'SHALL', 'A05 Upgrade Charging Station Security Profile', 'Priority naming a higher profile of security profile 3 without a valid ChargingStationCertificate: Rejected.', p2('A05 requirements (Table 34)')],
  ['A05.FR.04', 'station', 'SHALL', 'A05 Upgrade Charging Station Security Profile', 'Priority naming profiles of an equal or higher security profile, prerequisites met: Accepted.', p2('A05 requirements (Table 34)')],
  // cov-n2: the CSMS side of A05
  ['A05.FR.07', 'csms', 'SHALL', 'A05 Upgrade Charging Station Security Profile', 'After a station connected at its new, higher profile, the CSMS refuses its connections at a lower one.', p2('A05 requirements (after Table 34)')],
  ['Part2§A05', 'csms', 'MAY', 'A05 Upgrade Charging Station Security Profile', 'The CSMS can upgrade a station: a profile in a slot, NetworkConfigurationPriority with it first, ResetRequest.', p2('A05 Table 33 (scenario, prerequisite; no CSMS-side FR for the requests)')],
  ['B09.FR.01', 'station', 'SHALL', 'B09 Setting a new NetworkConnectionProfile', 'SetNetworkProfileRequest: the station validates and stores the profile, Accepted when that succeeded.', p2('B09 Table 52')],
  ['B09.FR.02', 'station', 'SHALL', 'B09 Setting a new NetworkConnectionProfile', 'A SetNetworkProfileRequest whose content is invalid: SetNetworkProfileResponse Rejected.', p2('B09 Table 52')],
  ['B09.FR.04', 'station', 'SHALL', 'B09 Setting a new NetworkConnectionProfile', 'SetNetworkProfileRequest with a lower securityProfile than the SecurityProfile variable: Rejected.', p2('B09 Table 52')],
  ['B10.FR.02', 'station', 'SHALL', 'B10 Migrate to new CSMS', 'NetworkConfigurationPriority naming a slot without a valid configuration: SetVariablesResponse Rejected.', p2('B10 Table 54')],
  ['B10.FR.01', 'station', 'SHALL', 'B10 Migrate to new CSMS', 'NetworkConfigurationPriority naming only slots with valid configurations: Accepted or RebootRequired.', p2('B10 Table 54')],
  ['B10.FR.03', 'station', 'SHALL', 'B10 Migrate to new CSMS', 'Connecting fails: NetworkProfileConnectionAttempts attempts per entry of NetworkConfigurationPriority.', p2('B10 Table 54; errata 2025-06 widens the precondition to any reboot or lost connection')],
  ['B10.FR.04', 'station', 'SHALL', 'B10 Migrate to new CSMS', 'New priority or profile, after a reboot: begins connecting with the first entry of NetworkConfigurationPriority.', p2('B10 Table 54')],
  ['A05.FR.05', 'station', 'SHALL', 'A05 Upgrade Charging Station Security Profile', 'A05.FR.04, after a reboot: begins connecting with the first entry of NetworkConfigurationPriority.', p2('A05 requirements (Table 34)')],
  ['A05.FR.06', 'station', 'SHALL', 'A05 Upgrade Charging Station Security Profile', 'Connected with the new profile: SecurityProfile updated, lower-profile connection profiles removed from the priority.', p2('A05 requirements (Table 34)')],
  // Issue 15: security gaps
  ['A00.FR.001', 'both', 'SHALL', 'A00 Generic security profile requirements', 'Station and CSMS use one security profile at a time (a profile\'s own means of authentication, no mix).', `${p2('A §1.3.1 Table 12')}; the profiles' means: Table 11 (profile 3: station authenticated by its TLS client certificate, no HTTP Basic)`],
  ['A00.FR.002', 'csms', 'SHALL', 'A00 Generic security profile requirements', 'A station connecting with another security profile than the CSMS uses: the CSMS terminates the connection.', p2('A §1.3.1 Table 12')],
  ['A00.FR.318', 'csms', 'SHALL', SP2, 'Profile 2: the CSMS supports ECDHE-ECDSA and RSA AES-GCM suites (128/SHA256, 256/SHA384), four in all.', `${p2('A §1.3.5 Table 16')}; the note: two certificates (RSA and ECDSA) are needed`],
  ['A00.FR.421', 'csms', 'SHALL', SP3, 'Profile 3: the CSMS supports the same four cipher suites as A00.FR.318.', p2('A §1.3.7 Table 18')],
  ['A00.FR.319', 'station', 'SHALL', SP2, 'Profile 2: the station supports both ECDHE-ECDSA AES-GCM suites, or both TLS_RSA AES-GCM suites.', `${p2('A §1.3.5 Table 16')}; ECDHE RECOMMENDED (note 1)`],
  ['A00.FR.422', 'station', 'SHALL', SP3, 'Profile 3: the station supports the ECDHE-ECDSA pair or the TLS_RSA pair, as A00.FR.319.', p2('A §1.3.7 Table 18')],

  // B. Provisioning
  ['B01.FR.01', 'station', 'SHALL', B01, 'After start-up the station sends a BootNotificationRequest describing itself.', p2('B01 Table 36')],
  ['B01.FR.02', 'csms', 'SHALL', B01, 'The CSMS answers a BootNotificationRequest saying whether it accepts the station.', p2('B01 Table 36')],
  ['B01.FR.03', 'station', 'SHALL', B01, 'After every reboot the station reconnects and sends a BootNotificationRequest.', p2('B01 Table 36')],
  ['B01.FR.04', 'station', 'SHALL', B01, 'Boot Accepted with an interval above 0: the station takes it as its heartbeat interval.', p2('B01 Table 36')],
  ['B01.FR.05', 'station', 'SHALL', B01, 'Boot Accepted: the station reports the current status of every connector.', p2('B01 Table 36')],
  ['B01.FR.07', 'station', 'SHALL', B01, 'Unavailable set by ChangeAvailability survives a reboot (MUST).', p2('B01 Table 36')],
  ['B01.FR.08', 'station', 'SHALL', B01, 'Until a boot is Accepted or Pending the station sends no other request, not even cached ones.', p2('B01 Table 36')],
  ['B01.FR.09', 'station', 'SHALL', B01, 'The station states why it boots in the reason field of BootNotificationRequest.', p2('B01 Table 36')],
  ['B01.FR.11', 'csms', 'SHALL', B01, 'Security profile 3: the CSMS compares the boot serial number with the certificate CN.', p2('B01 Table 36')],
  ['B01.FR.12', 'csms', 'SHALL', B01, 'Boot serial number differs from the certificate CN: the CSMS closes the WebSocket.', p2('B01 Table 36')],
  ['B02.FR.01', 'station', 'SHALL', B02, 'While Pending the station answers the CSMS requests (which the CSMS MAY send).', p2('B02 Table 38')],
  ['B02.FR.02', 'station', 'SHALL', B02, 'Before Accepted the station sends no CALL but BootNotification unless the CSMS asked for it.', p2('B02 Table 38')],
  ['B02.FR.04', 'station', 'SHALL', B02, 'Before Accepted no new BootNotification goes out before the interval ends, unless triggered.', p2('B02 Table 38')],
  ['B02.FR.07', 'station', 'SHALL', B02, 'Not Accepted with interval 0: the station picks its own retry interval that avoids flooding.', p2('B02 Table 38')],
  ['B02.FR.08', 'station', 'SHALL', B02, 'Not Accepted with an interval above 0: the station boots again once it has passed.', p2('B02 Table 38')],
  ['B02.FR.09', 'csms', 'SHALL', B02, 'Pending station sends an unrequested CALL: the CSMS answers CALLERROR SecurityError.', p2('B02 Table 38')],
  ['B03.FR.02', 'station', 'SHALL', B03, 'Rejected: the station sends no OCPP message until the retry interval has expired.', p2('B03 requirements')],
  ['B03.FR.05', 'station', 'SHALL', B03, 'Rejected with interval 0: the station picks its own retry interval that avoids flooding.', p2('B03 requirements')],
  ['B03.FR.06', 'station', 'SHALL', B03, 'Rejected with an interval above 0: the station boots again once it has passed.', p2('B03 requirements')],
  ['B03.FR.07', 'csms', 'SHALL', B03, 'Rejected station sends anything but a boot: the CSMS answers CALLERROR SecurityError.', p2('B03 requirements')],
  ['B03.FR.08', 'station', 'SHALL', B03, 'Rejected station gets a CSMS request: it answers CALLERROR SecurityError.', p2('B03 requirements')],
  ['B04.FR.01', 'station', 'SHALL', B04, 'Offline longer than OfflineThreshold: on reconnect the station reports every connector.', p2('B04 Table 42')],
  ['B04.FR.02', 'station', 'SHALL', B04, 'Offline up to OfflineThreshold: on reconnect the station reports only changed connectors.', p2('B04 Table 42')],
  ['B05.FR.05', 'station', 'SHALL', B05, 'SetVariables for a variable the component does not have: attributeStatus UnknownVariable.', p2('B05 Table 44')],
  ['B05.FR.07', 'station', 'SHALL', B05, 'SetVariables with a value in the wrong format for the variable: attributeStatus Rejected.', p2('B05 Table 44')],
  ['B05.FR.10', 'station', 'SHALL', B05, 'A value the station was able to set: attributeStatus Accepted.', p2('B05 Table 44')],
  ['B06.FR.07', 'station', 'SHALL', B06, 'GetVariables for a variable the component does not have: UnknownVariable, no attributeValue.', p2('B06 Table 46')],
  ['B06.FR.10', 'station', 'SHALL', B06, 'A value the station could read: attributeStatus Accepted and the value in attributeValue.', p2('B06 Table 46')],
  // Issue 16: variables and reports (B05-B08)
  ['B05.FR.01', 'station', 'SHALL', B05, 'SetVariablesResponse holds one SetVariableResult per SetVariableData of the request.', p2('B05 Table 44')],
  ['B05.FR.02', 'station', 'SHALL', B05, 'Every SetVariableResult names the component and variable of one of the request\'s items.', p2('B05 Table 44')],
  ['B05.FR.03', 'station', 'SHALL', B05, 'An item with an attributeType: its result carries the same attributeType.', p2('B05 Table 44')],
  ['B05.FR.04', 'station', 'SHALL', B05, 'SetVariables for a component the station does not have: attributeStatus UnknownComponent.', p2('B05 Table 44')],
  ['B05.FR.06', 'station', 'SHALL', B05, 'SetVariables for an attributeType the variable does not have: NotSupportedAttributeType.', p2('B05 Table 44')],
  ['B05.FR.09', 'station', 'SHALL', B05, 'A variable the station cannot set (e.g. ReadOnly): attributeStatus Rejected.', p2('B05 Table 44')],
  ['B05.FR.12', 'station', 'SHALL', B05, 'An item without attributeType: its result carries attributeType Actual.', p2('B05 Table 44')],
  ['B06.FR.01', 'station', 'SHALL', B06, 'GetVariablesResponse holds one GetVariableResult per GetVariableData of the request.', p2('B06 Table 46')],
  ['B06.FR.02', 'station', 'SHALL', B06, 'Every GetVariableResult names the component and variable of one of the request\'s items.', p2('B06 Table 46')],
  ['B06.FR.03', 'station', 'SHALL', B06, 'An item with an attributeType: its result carries the same attributeType.', p2('B06 Table 46')],
  ['B06.FR.06', 'station', 'SHALL', B06, 'GetVariables for a component the station does not have: UnknownComponent, no attributeValue.', p2('B06 Table 46')],
  ['B06.FR.08', 'station', 'SHALL', B06, 'GetVariables for an attributeType the variable does not have: NotSupportedAttributeType, no value.', p2('B06 Table 46')],
  ['B06.FR.11', 'station', 'SHALL', B06, 'An item without attributeType: its result carries attributeType Actual.', p2('B06 Table 46')],
  ['B06.FR.16', 'station', 'MAY', B06, 'More GetVariableData items than ItemsPerMessageGetVariables: CALLERROR OccurrenceConstraintViolation.', p2('B06 Table 46')],
  ['B07.FR.01', 'station', 'SHALL', B07, 'GetBaseReport for a supported reportBase (and able to run it): status Accepted.', p2('B07 Table 48')],
  ['B07.FR.02', 'station', 'SHALL', B07, 'GetBaseReport for a reportBase the station does not support: status NotSupported.', p2('B07 Table 48')],
  ['B07.FR.03', 'station', 'SHALL', B07, 'An Accepted base report is sent in one or more NotifyReportRequest messages.', p2('B07 Table 48')],
  ['B07.FR.04', 'station', 'SHALL', B07, 'Every NotifyReportRequest of a base report carries the request\'s requestId.', p2('B07 Table 48')],
  ['B07.FR.05', 'station', 'SHALL', B07, 'A base report answered NotSupported: no NotifyReportRequest is sent.', p2('B07 Table 48')],
  ['B07.FR.07', 'station', 'SHALL', B07, 'ConfigurationInventory: every variable the operator can set, with its VariableCharacteristics.', p2('B07 Table 48')],
  ['B07.FR.08', 'station', 'SHALL', B07, 'FullInventory: every component-variable with its VariableCharacteristics (at least the required ones).', p2('B07 Table 48')],
  ['B07.FR.09', 'station', 'SHALL', B07, 'SummaryInventory: the availability of the station, every EVSE and connector, and any error condition.', p2('B07 Table 48')],
  ['B07.FR.10', 'station', 'SHALL', B07, 'NotifyReportRequest seqNo counts the parts of a report from 0.', p2('B07 Table 48')],
  ['B07.FR.12', 'station', 'SHALL', B07, 'The station supports at least the ConfigurationInventory and FullInventory base reports.', p2('B07 Table 48')],
  ['B08.FR.01', 'station', 'SHALL', B08, 'GetReport for supported criteria with a non-empty result: status Accepted.', p2('B08 Table 50')],
  ['B08.FR.02', 'station', 'SHALL', B08, 'GetReport for criteria the station does not support: status NotSupported.', p2('B08 Table 50')],
  ['B08.FR.03', 'station', 'SHALL', B08, 'An Accepted custom report is sent in one or more NotifyReportRequest messages.', p2('B08 Table 50')],
  ['B08.FR.04', 'station', 'SHALL', B08, 'Every NotifyReportRequest of a custom report carries the request\'s requestId.', p2('B08 Table 50')],
  ['B08.FR.05', 'station', 'SHALL', B08, 'With componentCriteria and/or componentVariables the report is limited to them.', p2('B08 Table 50')],
  ['B08.FR.08', 'station', 'SHALL', B08, 'Criterion Available: every component with Available true, or without Available, is reported.', p2('B08 Table 50')],
  ['B08.FR.09', 'station', 'SHALL', B08, 'Criterion Enabled: every component with Enabled true, or without Enabled, is reported.', p2('B08 Table 50')],
  ['B08.FR.10', 'station', 'SHALL', B08, 'Criterion Problem: every component with Problem true is reported.', p2('B08 Table 50')],
  ['B08.FR.11', 'station', 'SHALL', B08, 'componentVariables without componentCriteria: the report is limited to those component-variables.', p2('B08 Table 50')],
  ['B08.FR.12', 'station', 'SHALL', B08, 'The variables of a custom report carry their variableCharacteristics.', p2('B08 Table 50')],
  ['B08.FR.14', 'station', 'SHALL', B08, 'NotifyReportRequest seqNo counts the parts of a custom report from 0.', p2('B08 Table 50')],
  ['B08.FR.15', 'station', 'SHALL', B08, 'GetReport whose criteria select nothing: status EmptyResultSet.', p2('B08 Table 50')],
  ['B08.FR.21', 'station', 'SHALL', B08, 'A componentVariable naming a variable without instance: every instance of it is reported.', p2('B08 Table 50')],
  ['B08.FR.23', 'station', 'SHALL', B08, 'A componentVariable component without evse: the component is reported for every EVSE (and top level).', p2('B08 Table 50')],
  ['B11.FR.01', 'station', 'SHALL', B11, 'The station answers every ResetRequest with a ResetResponse.', p2('B11 Table 56')],
  ['B09.FR.05', 'station', 'SHALL', B09, 'SetNetworkProfile for a configurationSlot not in NetworkConfigurationPriority\'s valuesList: Rejected.', p2('B09 Table 52')],
  ['B11.FR.02', 'station', 'SHALL', B11, 'EVSEs set Inoperative by the CSMS are Unavailable again after the reboot.', p2('B11 Table 56')],
  ['B11.FR.03', 'station', 'SHALL', B11, 'Reset of the whole station Accepted: the station starts a reboot.', p2('B11 Table 56')],
  ['B11.FR.05', 'station', 'SHALL', B11, 'An EVSE that was Reserved is Reserved again after a reboot of the station or a reset of the EVSE.', p2('B11 Table 56')],
  ['B11.FR.08', 'station', 'SHALL', B11, 'Reset of one EVSE Accepted: the station starts a reset of that EVSE (it MAY report it Unavailable meanwhile).', p2('B11 Table 56')],
  ['B11.FR.09', 'station', 'SHALL', B11, 'Reset of one EVSE on a station that cannot reset an EVSE alone: ResetResponse Rejected.', p2('B11 Table 56')],
  ['B11.FR.10', 'station', 'SHOULD', B11, 'A station that can reset an EVSE alone sets the EVSE\'s AllowReset variable true.', p2('B11 Table 56')],
  ['B12.FR.01', 'station', 'SHALL', B12, 'Reset OnIdle during a transaction: the station answers Scheduled.', p2('B12 Table 58')],
  ['B12.FR.02', 'station', 'SHALL', B12, 'Reset Immediate during a transaction: the station answers Accepted.', p2('B12 Table 58')],
  ['B12.FR.03', 'station', 'SHALL', B12, 'Reset OnIdle: running transactions end normally before the reboot.', p2('B12 Table 58')],
  ['B12.FR.04', 'station', 'SHALL', B12, 'Reset Immediate: end each transaction (ResetCommand / ImmediateReset) before rebooting.', `${p2('B12 Table 58')}; ${p2e('§2.16')}`],
  ['B12.FR.07', 'station', 'SHALL', B12, 'Reset OnIdle of one EVSE with a transaction on it: the transaction ends normally (E06) before the EVSE reset.', p2('B12 Table 58')],
  ['B12.FR.08', 'station', 'SHALL', B12, 'Reset Immediate of one EVSE with a transaction on it: end it (ResetCommand / ImmediateReset) before resetting the EVSE.', `${p2('B12 Table 58')}; ${p2e('§2.16')}`],
  ['B12.FR.09', 'station', 'SHALL', B12, 'Reset OnIdle of one EVSE during a transaction, EVSE reset not supported: ResetResponse Rejected.', p2('B12 Table 58')],
  ['B05.FR.11', 'csms', 'SHALL', B05, 'The CSMS sends no more SetVariableData items in one request than the station\'s ItemsPerMessageSetVariables.', p2('B05 Table 44')],
  ['B05.FR.13', 'csms', 'SHALL', B05, 'One SetVariablesRequest never holds two items for the same component, variable and attribute type (omitted = Actual).', p2('B05 Table 44')],
  ['B06.FR.05', 'csms', 'SHALL', B06, 'The CSMS sends no more GetVariableData items in one request than the station\'s ItemsPerMessageGetVariables.', p2('B06 Table 46')],
  // Issue 15: connection and registration state
  ['B01.FR.10', 'csms', 'SHALL', B01, 'Boot not Accepted and an unrequested CALL other than a boot: the CSMS answers CALLERROR SecurityError.', p2('B01 Table 36')],
  ['B02.FR.05', 'station', 'SHALL', B02, 'Pending: RequestStartTransaction / RequestStopTransaction are answered Rejected.', p2('B02 Table 38')],
  ['B02.FR.06', 'both', 'SHALL', B02, 'Pending: neither the station nor the CSMS closes the connection.', p2('B02 Table 38')],
  ['B03.FR.03', 'csms', 'SHALL', B03, 'Boot Rejected: the CSMS sends the station no request of its own.', p2('B03 requirements')],

  // C. Authorization
  ['C01.FR.01', 'station', 'SHALL', C01, 'With AuthEnabled the station offers energy only after authorization.', p2('C01 Table 60')],
  ['C01.FR.02', 'station', 'SHALL', C01, 'A token found in neither the local list nor the cache is sent to the CSMS in an AuthorizeRequest.', p2('C01 Table 60')],
  ['C01.FR.03', 'station', 'SHALL', C01, 'The starting token, or a valid cached/listed token of its group, ends the authorization without Authorize.', p2('C01 Table 60')],
  ['C01.FR.06', 'csms', 'SHALL', C01, 'The CSMS puts the token\'s groupIdToken in its AuthorizeResponse when the token has one.', p2('C01 Table 60')],
  ['C01.FR.07', 'csms', 'SHALL', C01, 'An AuthorizeResponse carries a status: accepted, or the reason for refusal.', p2('C01 Table 60')],
  // cov-n2: C07 ISO 15118 contract certificates, CSMS side
  ['C07.FR.04', 'csms', 'SHALL', 'C07 Authorization using Contract Certificates', 'An AuthorizeRequest (contract) is answered with an authorization status: acceptance or why not.', p2('C07 Table 72')],
  ['C07.FR.05', 'csms', 'SHALL', 'C07 Authorization using Contract Certificates', 'The CSMS verifies the contract certificate and its chain with real-time or cached OCSP data.', p2('C07 Table 72')],
  ['C07.FR.14', 'csms', 'SHALL', 'C07 Authorization using Contract Certificates', 'Valid chain, token not blocked/expired/invalid/unknown: certificateStatus Accepted and the token\'s status.', p2('C07 Table 72')],
  ['C07.FR.16', 'csms', 'SHALL', 'C07 Authorization using Contract Certificates', 'Revoked contract certificate (chain): certificateStatus CertificateRevoked, idTokenInfo.status Invalid.', p2('C07 Table 72')],
  ['C09.FR.02', 'csms', 'SHALL', C09, 'Tokens of one group carry the same groupIdToken in the IdTokenInfo the CSMS supplies.', p2('C09 requirements')],
  ['C09.FR.03', 'station', 'SHALL', C09, 'Another valid token with the same groupIdToken may stop the transaction.', p2('C09 requirements')],
  ['C09.FR.05', 'station', 'SHALL', C09, 'Group stop with a token in neither list nor cache: the station asks the CSMS (Authorize) first.', p2('C09 requirements')],
  ['C09.FR.07', 'station', 'SHALL', C09, 'The starting token, or a valid list/cache token of its group, ends the authorization without Authorize.', p2('C09 requirements')],
  ['C09.FR.09', 'csms', 'SHALL', C09, 'AuthorizeResponse includes the groupIdToken when the token has one.', p2('C09 requirements')],
  ['C09.FR.11', 'station', 'SHALL', C09, 'A token of the group presented to stop that is not Accepted does not stop the transaction (SHALL NOT).', p2('C09 requirements')],
  ['C09.FR.12', 'csms', 'SHALL', C09, 'TransactionEventResponse includes the groupIdToken when the token has one.', p2('C09 requirements')],
  ['C10.FR.03', 'station', 'SHALL', C10, 'Online, a token cached as not Accepted is checked again with an AuthorizeRequest.', p2('C10 requirements')],
  ['C10.FR.02', 'station', 'SHOULD', C10, 'Cache entries should survive reboots and power outages (non-volatile memory).', p2('C10 requirements')],
  ['C10.FR.04', 'station', 'SHALL', C10, 'An AuthorizeResponse updates the cache entry of the token with its IdTokenInfo.', p2('C10 requirements')],
  ['C10.FR.05', 'station', 'SHALL', C10, 'A TransactionEventResponse updates the cache entry of the token with its IdTokenInfo.', p2('C10 requirements')],
  ['C10.FR.08', 'station', 'SHALL', C10, 'Without cacheExpiryDateTime a cache entry lasts AuthCacheLifeTime since it was last used.', `${p2('C10 requirements')}; stated without an RFC 2119 keyword (definition of the entry's validity)`],
  ['C11.FR.01', 'station', 'SHALL', C11, 'On ClearCacheRequest the station tries to clear its Authorization Cache.', p2('C11 Table 80')],
  ['C11.FR.03', 'station', 'SHALL', C11, 'Cache cleared: the station answers ClearCache with Accepted.', p2('C11 Table 80')],
  ['C11.FR.04', 'station', 'SHALL', C11, 'AuthCacheEnabled is false: the station answers ClearCache with Rejected.', p2('C11 Table 80')],
  ['C12.FR.02', 'station', 'SHALL', C12, 'A token cached as Accepted goes to the CSMS in a TransactionEventRequest.', p2('C12 Table 82')],
  ['C12.FR.03', 'csms', 'SHALL', C12, 'The CSMS checks the token\'s authorization when it processes that TransactionEventRequest.', p2('C12 Table 82')],
  ['C12.FR.04', 'station', 'SHALL', C12, 'Token cached as Accepted and cable plugged in: the station starts offering energy.', p2('C12 Table 82')],
  ['C12.FR.05', 'station', 'SHALL', C12, 'Online, a token cached with another status than Accepted is sent in an AuthorizeRequest.', p2('C12 Table 82')],
  ['C12.FR.06', 'station', 'SHALL', C12, 'IdTokenInfo received for a cached identifier updates the Authorization Cache.', p2('C12 Table 82')],
  ['C12.FR.09', 'station', 'SHALL', C12, 'A token whose groupId is the MasterPassGroupId is not allowed to start a transaction (SHALL NOT).', p2('C12 Table 82')],
  ['C13.FR.02', 'station', 'SHALL', C13, 'Offline without unknown-id charging: only tokens Accepted in the local list may start.', p2('C13 Table 84')],
  ['C13.FR.04', 'station', 'SHALL', C13, 'Offline, OfflineTxForUnknownIdEnabled true: a token in neither list nor cache, or Accepted in the list, authorizes.', p2('C13 Table 84')],
  ['C13.FR.01', 'station', 'SHALL', C13, 'With both list and cache, a local list entry has priority over a cache entry of the same token.', p2('C13 Table 84')],
  ['C14.FR.02', 'station', 'SHALL', C14, 'A token Accepted in the local list starts charging without an AuthorizeRequest.', p2('C14 Table 86')],
  ['C14.FR.03', 'station', 'SHALL', C14, 'A token in the local list with another status than Accepted is checked with an AuthorizeRequest.', p2('C14 Table 86')],
  ['C14.FR.01', 'station', 'SHALL', C14, 'With both list and cache, a local list entry has priority over a cache entry of the same token.', p2('C14 Table 86')],
  ['C15.FR.02', 'station', 'SHALL', C15, 'Back online, every transaction authorized offline is sent in a TransactionEventRequest.', p2('C15 Table 88')],
  ['C15.FR.03', 'station', 'SHALL', C15, 'Offline start not Accepted, StopTxOnInvalidId true, TxStopPoint no Authorized: stop energy, Deauthorized.', p2('C15 Table 88')],
  ['C15.FR.04', 'station', 'SHALL', C15, 'Offline start not Accepted, StopTxOnInvalidId true, TxStopPoint Authorized: end it, DeAuthorized.', p2('C15 Table 88')],
  ['C15.FR.06', 'station', 'SHALL', C15, 'Offline start not Accepted, StopTxOnInvalidId false: stop energy at once, chargingState SuspendedEVSE.', p2('C15 Table 88 (MaxEnergyOnInvalidId not implemented)')],
  ['C15.FR.07', 'station', 'SHALL', C15, 'Offline start not Accepted, StopTxOnInvalidId false: energy still allowed until MaxEnergyOnInvalidId is reached.', p2('C15 Table 88')],
  ['C15.FR.08', 'station', 'SHALL', C15, 'Offline with OfflineTxForUnknownIdEnabled true, an unknown token is accepted.', p2('C15 Table 88')],
  ['C16.FR.01', 'station', 'SHALL', C16, 'Master pass token, station with a UI: it shows the Master Pass UI; the selected transactions end (MasterPass).', p2('C16 Table 90 and scenario description')],
  ['C16.FR.02', 'station', 'SHALL', C16, 'A token of the MasterPassGroupId on a station without a UI stops all ongoing transactions.', p2('C16 Table 90')],
  ['C16.FR.03', 'station', 'SHALL', C16, 'A token of the MasterPassGroupId is not allowed to start a transaction (SHALL NOT).', p2('C16 Table 90')],

  // D. Local Authorization List
  ['D01.FR.01', 'csms', 'SHALL', D01, 'SendLocalListRequest carries the update type and the version the station must adopt.', p2('D01 Table 92')],
  ['D01.FR.02', 'station', 'SHALL', D01, 'SendLocalListResponse says whether the station accepted the update of its list.', p2('D01 Table 92')],
  ['D01.FR.04', 'station', 'SHALL', D01, 'Full update without a list: the station empties its list (and still takes the new version).', p2('D01 Table 92')],
  ['D01.FR.05', 'station', 'SHALL', D01, 'A Differential update without entries leaves the list as it is; the version is still taken.', p2('D01 Table 92 (with its note)')],
  ['D01.FR.10', 'station', 'SHOULD', D01, 'The local list should be kept in non-volatile memory and survive reboots and power outages.', p2('D01 Table 92')],
  ['D01.FR.15', 'station', 'SHALL', D01, 'Full update with entries: the station replaces its list and takes the new version.', p2('D01 Table 92')],
  ['D01.FR.16', 'station', 'SHALL', D01, 'Differential entries with idTokenInfo are added or updated; the version is taken.', p2('D01 Table 92')],
  ['D01.FR.17', 'station', 'SHALL', D01, 'Differential entries without idTokenInfo are removed from the list; the version is taken.', p2('D01 Table 92')],
  ['D01.FR.18', 'csms', 'SHALL', D01, 'The versionNumber of a SendLocalListRequest (sent by the CSMS) is greater than 0.', p2('D01 Table 92')],
  ['D01.FR.19', 'station', 'SHALL', D01, 'Differential update not newer than the list: the station refuses it with VersionMismatch.', p2('D01 Table 92')],
  ['D02.FR.01', 'station', 'SHALL', D02, 'Local list enabled: GetLocalListVersion is answered with the version of the list.', p2('D02 Table 94')],
  ['D02.FR.02', 'station', 'SHALL', D02, 'Local list enabled but never sent: GetLocalListVersion is answered with 0.', p2('D02 Table 94')],
  ['D02.FR.03', 'station', 'SHALL', D02, 'Local list not enabled: GetLocalListVersion is answered with 0.', p2('D02 Table 94')],

  // E. Transactions
  ['E01.FR.09', 'station', 'SHALL', E01, 'If configured, the Started event carries meter values with context Transaction.Begin.', p2('E01 Table 97')],
  ['E01.FR.02', 'station', 'SHALL', E01, 'TxStartPoint EVConnected: the EV connects and the station sends TransactionEvent Started.', p2('E01 Table 97')],
  ['E01.FR.03', 'station', 'SHALL', E01, 'TxStartPoint Authorized: the driver is authorized and the station sends TransactionEvent Started.', p2('E01 Table 97')],
  ['E01.FR.05', 'station', 'SHALL', E01, 'TxStartPoint PowerPathClosed: authorized and connected, the station sends TransactionEvent Started.', p2('E01 Table 97')],
  ['E01.FR.10', 'station', 'SHALL', E01, 'Once the driver is authorized the station sends a TransactionEventRequest with the token.', p2('E01 Table 97')],
  ['E01.FR.15', 'station', 'SHALL', E01, 'Every TransactionEventRequest carries the triggerReason of the event that caused it (TriggerReasonEnumType).', p2('E01 Table 97')],
  ['E01.FR.11', 'csms', 'SHALL', E01, 'The CSMS verifies the token it receives in a TransactionEventRequest.', p2('E01 Table 97')],
  ['E01.FR.12', 'csms', 'SHALL', E01, 'TransactionEventResponse holds idTokenInfo with a status (and the groupIdToken if any).', p2('E01 Table 97')],
  ['E03.FR.01', 'station', 'SHALL', E03, 'Once the token is known, the next TransactionEventRequest carries it.', p2('E03 Table 101')],
  ['E03.FR.02', 'csms', 'SHALL', E03, 'The CSMS answers that TransactionEventRequest with an authorization status.', p2('E03 Table 101')],
  ['E03.FR.05', 'station', 'SHOULD', E03, 'No cable within EVConnectionTimeOut: end the transaction (Ended, stoppedReason Timeout, triggerReason EVConnectTimeout).', `${p2('E03 Table 101')}; TriggerReasonEnumType spells it EVConnectTimeout`],
  ['E04.FR.01', 'station', 'SHALL', E04, 'While offline the station queues its TransactionEventRequests (MUST).', p2('E04 Table 103')],
  ['E04.FR.02', 'station', 'SHALL', E04, 'Back online the station sends the queued TransactionEventRequests (MUST).', p2('E04 Table 103')],
  ['E04.FR.03', 'station', 'SHALL', E04, 'Events that happened while offline are sent with offline = true.', p2('E04 Table 103')],
  ['E04.FR.04', 'station', 'SHALL', E04, 'Every TransactionEventRequest gets its seqNo as the sequence-number rules say.', p2('E04 Table 103')],
  ['E05.FR.01', 'csms', 'SHALL', E05, 'The CSMS verifies the token of every TransactionEventRequest (MUST).', p2('E05 Table 105')],
  ['E05.FR.02', 'station', 'SHALL', E05, 'Token not Accepted, StopTxOnInvalidId false: stop energy now, report SuspendedEVSE.', p2('E05 Table 105')],
  ['E05.FR.09', 'station', 'SHALL', E05, 'Token not Accepted, StopTxOnInvalidId true: stop energy, report Deauthorized.', p2('E05 Table 105')],
  ['E05.FR.10', 'station', 'SHALL', E05, 'Not Accepted, StopTxOnInvalidId true, TxStopPoint Authorized (or PowerPathClosed/EnergyTransfer): Ended, Deauthorized.', p2('E05 Table 105')],
  ['E06.FR.02', 'station', 'SHALL', E06, 'TxStopPoint EVConnected: the EV disconnects and the station ends the transaction (Ended).', p2('E06 Table 107')],
  ['E06.FR.03', 'station', 'SHALL', E06, 'TxStopPoint Authorized: the driver is authorized to stop and the station ends it (Ended).', p2('E06 Table 107')],
  ['E06.FR.04', 'station', 'SHALL', E06, 'TxStopPoint Authorized: the CSMS answers a TransactionEvent with a non-valid idTokenInfo; the station ends it (Ended).', p2('E06 Table 107')],
  ['E06.FR.06', 'station', 'SHALL', E06, 'TxStopPoint PowerPathClosed: EV disconnected or authorization ended ends the transaction.', p2('E06 Table 107')],
  ['E06.FR.08', 'station', 'SHALL', E06, 'A transaction not ended by the driver at the station carries a stoppedReason in its Ended event.', p2('E06 Table 107')],
  ['E06.FR.15', 'station', 'SHALL', E06, 'Every TransactionEventRequest carries the triggerReason of the event that caused it (TriggerReasonEnumType).', p2('E06 Table 107')],
  ['E07.FR.01', 'station', 'SHALL', E07, 'The starting token, or a valid listed/cached one of its group, ends the authorization without Authorize.', p2('E07 Table 109')],
  ['E07.FR.02', 'station', 'SHALL', E07, 'Ending the authorization sends a TransactionEventRequest with triggerReason StopAuthorized.', `${p2('E07 Table 109')}; carrying the stopping token is a SHOULD`],
  ['E07.FR.05', 'station', 'SHOULD', E07, 'A transaction stopped by the driver at the station ends with stoppedReason Local (E07.FR.04: it MAY be left out).', p2('E07 Table 109')],
  ['E07.FR.06', 'station', 'SHOULD', E07, 'A transaction stopped otherwise ends with the most fitting ReasonEnumType stoppedReason.', p2('E07 Table 109')],
  ['E09.FR.01', 'station', 'SHALL', 'E09 When cable disconnected on EV-side: Stop Transaction', 'StopTxOnEVSideDisconnect true: the cable out of the EV deauthorizes (stops) the transaction.', p2('E09 Table 113')],
  ['E09.FR.02', 'station', 'SHALL', 'E09 When cable disconnected on EV-side: Stop Transaction', 'E09.FR.01, cable not fixed, UnlockOnEVSideDisconnect true: the station unlocks the cable.', p2('E09 Table 113')],
  ['E09.FR.03', 'station', 'SHALL', 'E09 When cable disconnected on EV-side: Stop Transaction', 'E09.FR.01, cable not fixed, UnlockOnEVSideDisconnect false: the cable is unlocked only after the driver is authorized.', p2('E09 Table 113')],
  ['E13.FR.02', 'station', 'SHALL', E13, 'A transaction message the CSMS failed to process is resent up to MessageAttemptsTransactionEvent.', p2('E13 requirements')],
  ['E13.FR.03', 'station', 'SHALL', E13, 'Before a resend the station waits the attempt interval times the earlier transmissions.', p2('E13 requirements')],
  ['E13.FR.04', 'station', 'SHALL', E13, 'After the last failed attempt the message is dropped and the next one is sent.', p2('E13 requirements')],

  // F. Remote control
  ['F01.FR.01', 'station', 'SHALL', F01, 'AuthorizeRemoteStart true: a remote start token is authorized like a local one first.', p2('F01 Table 125')],
  ['F01.FR.04', 'both', 'SHALL', F01, 'RequestStartTransaction carries a token, which the station uses in its transaction events.', p2('F01 Table 125')],
  ['F01.FR.05', 'station', 'SHALL', F01, 'A remotely started transaction starts as a local one with the cable plugged in first.', p2('F01 Table 125')],
  ['F01.FR.19', 'station', 'SHALL', F01, 'After a RequestStartTransaction the next TransactionEventRequest has triggerReason RemoteStart.', p2('F01 Table 125')],
  ['F01.FR.23', 'station', 'SHALL', F01, 'Remote start on an EVSE that is Unavailable or Faulted is Rejected.', p2('F01 Table 125')],
  ['F01.FR.24', 'station', 'SHALL', F01, 'Remote start on an EVSE whose transaction is already authorized is Rejected.', p2('F01 Table 125')],
  ['F02.FR.01', 'station', 'SHALL', F02, 'The first event of a remotely started transaction carries the remoteStartId.', p2('F02 Table 127')],
  ['F02.FR.09', 'station', 'SHALL', F02, 'AuthorizeRemoteStart true: the token is authorized like a local one before the start.', p2('F02 Table 127')],
  ['F02.FR.10', 'station', 'SHALL', F02, 'AuthorizeRemoteStart false: the transaction starts for the given token without checking its authorization.', p2('F02 Table 127')],
  ['F02.FR.12', 'both', 'SHALL', F02, 'RequestStartTransaction carries a token, which the station uses for the transaction.', p2('F02 Table 127')],
  ['F02.FR.21', 'station', 'SHALL', F02, 'The next TransactionEventRequest has triggerReason RemoteStart and the remoteStartId.', p2('F02 Table 127')],
  ['F02.FR.26', 'station', 'SHALL', F02, 'Remote start on an EVSE whose transaction is already authorized is Rejected.', p2('F02 Table 127')],
  ['F03.FR.01', 'csms', 'SHALL', F03, 'On a remote stop trigger the CSMS sends RequestStopTransaction with the transactionId.', p2('F03 Table 129')],
  ['F03.FR.02', 'station', 'SHALL', F03, 'Remote stop not ending the transaction: energy stops and an Updated RemoteStop event follows.', p2('F03 Table 129')],
  ['F03.FR.03', 'station', 'SHALL', F03, 'Remote stop ending the transaction: an Ended event with RemoteStop / Remote follows.', p2('F03 Table 129')],
  ['F03.FR.07', 'station', 'SHALL', F03, 'RequestStopTransaction for a running transaction is answered Accepted.', p2('F03 Table 129')],
  ['F03.FR.08', 'station', 'SHALL', F03, 'RequestStopTransaction for an unknown transaction is answered Rejected.', p2('F03 Table 129')],
  ['Part2§F05', 'csms', 'MAY', F05, 'The CSMS can ask a station to unlock one connector of an EVSE (UnlockConnectorRequest: evseId, connectorId).', p2('F05 Table 132 (description; no CSMS-side FR)')],
  ['F05.FR.01', 'station', 'SHALL', F05, 'An UnlockConnectorRequest is answered with an UnlockConnectorResponse.', p2('F05 Table 133')],
  ['F05.FR.03', 'station', 'SHALL', F05, 'UnlockConnector for a connector the station does not know: status UnknownConnector.', p2('F05 Table 133')],
  ['F05.FR.04', 'station', 'SHALL', F05, 'UnlockConnector that did unlock the connector: status Unlocked.', p2('F05 Table 133')],
  ['F05.FR.06', 'station', 'SHALL', F05, 'No cable connected: the station still tries to unlock and returns the result of the attempt.', p2('F05 Table 133')],
  ['F06.FR.04', 'station', 'SHALL', F06, 'The TriggerMessageResponse goes out before the requested message.', p2('F06 Table 135')],
  ['F06.FR.01', 'csms', 'SHALL', F06, 'In TriggerMessageRequest the CSMS names the message it wishes to receive.', p2('F06 Table 135')],
  ['F06.FR.02', 'csms', 'MAY', F06, 'For each message it asks for, the CSMS may name the EVSE the trigger applies to.', p2('F06 Table 135')],
  ['F06.FR.05', 'station', 'SHALL', F06, 'The TriggerMessageResponse says Accepted or Rejected; which one is the station\'s choice.', p2('F06 Table 135')],
  ['F06.FR.06', 'station', 'SHALL', F06, 'An accepted MeterValues trigger yields the latest values of AlignedDataMeasurands.', p2('F06 Table 135')],
  ['F06.FR.07', 'station', 'SHALL', F06, 'A TransactionEvent trigger yields an event with triggerReason Trigger, the chargingState and the latest meter values.', p2('F06 Table 135')],
  ['F06.FR.08', 'station', 'SHALL', F06, 'A trigger for a message the station has not implemented is answered NotImplemented.', p2('F06 Table 135')],
  ['F06.FR.09', 'station', 'SHALL', F06, 'Triggered messages give current information only.', p2('F06 Table 135')],
  ['F06.FR.10', 'station', 'SHALL', F06, 'A message whose trigger was Accepted is sent.', p2('F06 Table 135')],
  ['F06.FR.11', 'station', 'SHALL', F06, 'A trigger without the evse it is relevant to means: for every EVSE it applies to.', p2('F06 Table 135')],
  ['F06.FR.17', 'station', 'SHALL', F06, 'BootNotification trigger after the last boot was Accepted: the station answers Rejected.', p2('F06 Table 135')],

  // G. Availability
  ['G01.FR.01', 'station', 'SHALL', G01, 'A connector always has one of the ConnectorStatus values (MUST).', p2('G01 Table 137')],
  ['G01.FR.02', 'station', 'SHALL', G01, 'An EVSE made Unavailable by ChangeAvailability stays so across reboots.', p2('G01 Table 137')],
  ['G01.FR.03', 'station', 'SHALL', G01, 'An EV connecting to an Available connector is reported as Occupied.', p2('G01 Table 137')],
  ['G01.FR.04', 'station', 'SHALL', G01, 'An EV leaving an Occupied connector not due to go Unavailable is reported as Available.', p2('G01 Table 137')],
  ['G01.FR.05', 'station', 'SHALL', G01, 'An EV leaving a connector scheduled to become Unavailable is reported as Unavailable.', p2('G01 Table 137')],
  ['G02.FR.01', 'station', 'SHALL', G02, 'Boot Accepted: the station takes the response interval as its heartbeat interval.', p2('G02 Table 139')],
  ['G02.FR.02', 'station', 'SHALL', G02, 'The station sends HeartbeatRequest after the configured interval.', p2('G02 Table 139')],
  ['G02.FR.03', 'csms', 'SHALL', G02, 'HeartbeatResponse carries the CSMS current time.', p2('G02 Table 139')],
  ['G03.FR.02', 'station', 'SHALL', G03, 'ChangeAvailabilityResponse says whether the station can make the requested change.', p2('G03 Table 141')],
  ['G03.FR.03', 'station', 'SHALL', G03, 'A request for the state an EVSE or connector is already in is answered Accepted.', p2('G03 Table 141')],
  ['G03.FR.04', 'station', 'SHALL', G03, 'A connector whose state changed by ChangeAvailability is reported in a StatusNotification.', p2('G03 Table 141')],
  ['G03.FR.05', 'station', 'SHALL', G03, 'During a transaction the change is answered Scheduled and happens after it.', p2('G03 Table 141')],
  ['G03.FR.06', 'station', 'SHALL', G03, 'An EVSE turned inoperative makes its operative connectors Unavailable.', p2('G03 Table 141')],
  ['G03.FR.07', 'station', 'SHALL', G03, 'An EVSE turned operative gives its connectors back their own status.', p2('G03 Table 141')],
  ['G03.FR.08', 'station', 'SHALL', G03, 'Availability set by ChangeAvailability survives reboots and power loss.', p2('G03 Table 141')],
  ['G04.FR.01', 'station', 'SHALL', G04, 'ChangeAvailability without evse applies to the whole station.', p2('G04 requirements')],
  ['G04.FR.03', 'station', 'SHALL', G04, 'The response says whether the station can make the requested change.', p2('G04 requirements')],
  ['G04.FR.04', 'station', 'SHALL', G04, 'A request for the state the station is already in is answered Accepted.', p2('G04 requirements')],
  ['G04.FR.05', 'station', 'SHALL', G04, 'After the change the station reports every changed connector in a StatusNotification.', p2('G04 requirements')],
  ['G04.FR.06', 'station', 'SHALL', G04, 'During a transaction the change is answered Scheduled and happens after it.', p2('G04 requirements')],
  ['G04.FR.09', 'station', 'SHALL', G04, 'The station availability set by ChangeAvailability survives reboot and power loss.', p2('G04 requirements')],
  ['G05.FR.01', 'station', 'SHALL', G05, 'If the plug retention lock fails the station does not start charging.', p2('G05 Table 145')],
  ['G05.FR.02', 'station', 'SHALL', G05, 'A failed retention lock is reported with NotifyEvent ConnectorPlugRetentionLock Problem = true.', p2('G05 Table 145')],
  ['G05.FR.03', 'csms', 'SHALL', G05, 'The CSMS answers that NotifyEventRequest with a NotifyEventResponse.', p2('G05 Table 145')],
  ['H01.FR.23', 'station', 'SHALL', H01, 'ReserveNow for an Available EVSE: Accepted, and every connector of the EVSE reported Reserved.', p2('H01 Table 147')],
  ['H02.FR.02', 'station', 'SHALL', H02, 'CancelReservation with a known reservationId: the reservation is cancelled.', p2('H02 Table 149')],

  // L. Firmware
  ['L01.FR.01', 'station', 'SHALL', L01, 'Each new firmware-update state is reported in a FirmwareStatusNotificationRequest.', p2('L01 Table 193')],
  ['L01.FR.02', 'station', 'SHALL', L01, 'Entering InvalidCertificate: a SecurityEventNotification InvalidFirmwareSigningCertificate.', p2('L01 Table 193')],
  ['L01.FR.03', 'station', 'SHALL', L01, 'Entering InvalidSignature: a SecurityEventNotification InvalidFirmwareSignature.', p2('L01 Table 193')],
  ['L01.FR.04', 'station', 'SHALL', L01, 'After download the signature over the whole file is checked (RSA-PSS or ECSchnorr, SHA-256).', p2('L01 Table 193')],
  ['L01.FR.05', 'station', 'SHALL', L01, 'Signature valid and no installDateTime ahead: the station installs the new firmware as soon as it is able to.', p2('L01 Table 193')],
  ['L01.FR.06', 'station', 'SHALL', L01, 'If it cannot install while charging, the station waits until all transactions have ended.', p2('L01 Table 193')],
  ['L01.FR.07', 'station', 'SHALL', L01, 'Install waiting for transactions, AllowNewSessionsPendingFirmwareUpdate not true: idle EVSEs Unavailable.', p2('L01 Table 193')],
  ['L01.FR.09', 'both', 'SHALL', L01, 'Firmware updates are digitally signed to prove authenticity and origin.', `${p2('L01 Table 193')}; no actor named: binds whoever supplies and accepts the image`],
  ['L01.FR.10', 'station', 'SHALL', L01, 'Every FirmwareStatusNotification carries the requestId of the UpdateFirmware that started it.', p2('L01 Table 193')],
  ['L01.FR.11', 'csms', 'SHALL', L01, 'The CSMS puts the firmware signing certificate in the UpdateFirmwareRequest.', p2('L01 Table 193')],
  ['L01.FR.12', 'station', 'SHALL', L01, 'The station verifies the firmware signature with the signing certificate (MUST).', p2('L01 Table 193')],
  ['L01.FR.13', 'station', 'SHALL', L01, 'Download postponed (busy, or retrieveDateTime ahead): status DownloadScheduled.', p2('L01 Table 193')],
  ['L01.FR.16', 'station', 'SHALL', L01, 'installDateTime in the future: status InstallScheduled, installation at that time.', p2('L01 Table 193')],
  ['L01.FR.21', 'station', 'SHALL', L01, 'The signing certificate is validated before the UpdateFirmwareRequest is accepted.', p2('L01 Table 193')],
  ['L01.FR.22', 'station', 'SHALL', L01, 'Invalid signing certificate: UpdateFirmwareResponse InvalidCertificate.', p2('L01 Table 193')],
  ['L01.FR.23', 'station', 'MAY', L01, 'A bootloader that cannot speak OCPP may skip the Installing status.', p2('L01 Table 193')],
  ['L01.FR.24', 'station', 'SHOULD', L01, 'A new UpdateFirmware during an update cancels it and is answered AcceptedCanceled.', p2('L01 Table 193')],
  ['L01.FR.27', 'station', 'MAY', L01, 'A station unable to cancel the running installation may answer Rejected.', p2('L01 Table 193')],
  ['L01.FR.28', 'station', 'SHALL', L01, 'Firmware installed: status Installed (activation SHOULD be done already or now).', p2('L01 Table 193')],
  ['L01.FR.29', 'station', 'SHALL', L01, 'Verification of the new firmware fails: status InstallVerificationFailed.', p2('L01 Table 193')],
  ['L01.FR.30', 'station', 'SHALL', L01, 'All download attempts failed: status DownloadFailed.', p2('L01 Table 193')],
  ['L01.FR.31', 'station', 'SHALL', L01, 'After Installed the station sends a SecurityEventNotification FirmwareUpdated.', p2('L01 Table 193')],
  ['L01.FR.32', 'station', 'SHALL', L01, 'Reboot needed to activate: InstallRebooting then Installed from the new image, or only Installed.', p2('L01 Table 193')],
  ['Part2§FirmwareType', 'csms', 'MAY', L01, 'The CSMS may schedule an update: retrieveDateTime (download from) and installDateTime (install at) in its firmware.', p2('Messages, Datatypes FirmwareType (retrieveDateTime required, installDateTime optional)')],
  ['Part2§L03', 'csms', 'MAY', L03, 'The CSMS can have a Local Controller download and publish a firmware file (PublishFirmwareRequest, MD5 checksum).', p2('L03 Table 196 (scenario; no CSMS-side FR)')],
  ['L03.FR.02', 'both', 'SHALL', L03, 'The MD5 checksum is calculated over the entire firmware file.', `${p2('L03 Table 197')}; no actor named: binds whoever computes the checksum`],
  ['Part2§PublishFirmwareRequest', 'both', 'SHALL', L03, 'PublishFirmwareRequest carries location, requestId and the file\'s MD5 checksum as 32 hexadecimal characters.', p2('Messages §1.41.1 PublishFirmwareRequest')],
  ['Part2§L04', 'csms', 'MAY', L04, 'The CSMS can have a Local Controller stop publishing a file, naming it by its MD5 checksum.', p2('L04 Table 198 (scenario and remark; no CSMS-side FR)')],
  // M. Certificate management
  ['M03.FR.02', 'station', 'SHALL', M03, 'No installed certificate of the asked type: status NotFound.', p2('M03 Table 207')],
  ['M03.FR.03', 'station', 'SHALL', M03, 'Certificates of the asked type found: status Accepted.', p2('M03 Table 207')],
  ['M03.FR.04', 'station', 'SHALL', M03, 'The response lists the hash data of every matching installed certificate.', p2('M03 Table 207')],
  ['M04.FR.02', 'station', 'SHALL', M04, 'Certificate to delete found: the station tries to delete it and answers Accepted.', p2('M04 Table 209')],
  ['M04.FR.04', 'station', 'SHALL', M04, 'Certificate to delete not found: the station answers NotFound.', p2('M04 Table 209')],
  ['M05.FR.02', 'station', 'SHALL', M05, 'Certificate installed: InstallCertificateResponse Accepted.', p2('M05 Table 211')],
  ['M05.FR.07', 'station', 'SHALL', M05, 'Invalid certificate: InstallCertificateResponse Rejected.', p2('M05 Table 211')],
  ['M05.FR.17', 'station', 'SHALL', M05, 'A certificate already in the trust store is replaced and the request answered Accepted.', p2('M05 Table 211')],

  // Part 2 texts without an FR id (use-case descriptions, datatype definitions)
  ['Part2§C11', 'csms', 'MAY', C11, 'The CSMS can ask a station to clear its Authorization Cache (ClearCacheRequest).', p2('C11 Table 79 (description; no CSMS-side FR)')],
  ['Part2§D02', 'csms', 'MAY', D02, 'The CSMS can ask a station for its local list version (GetLocalListVersionRequest).', p2('D02 Table 93 (description; no CSMS-side FR)')],
  ['Part2§E14', 'csms', 'MAY', 'E14 Check transaction status', 'The CSMS can ask whether a transaction is ongoing and messages are queued (GetTransactionStatusRequest).', p2('E14 Check transaction status (description and scenario; no CSMS-side FR)')],
  ['Part2§G03', 'csms', 'MAY', G03, 'The CSMS can make an EVSE or connector operative or inoperative (ChangeAvailabilityRequest).', p2('G03 Table 140 (objective; no CSMS-side FR)')],
  ['Part2§G04', 'csms', 'MAY', G04, 'The CSMS can make the whole station operative or inoperative (ChangeAvailability without evse).', p2('G04 Table 142 (objective; no CSMS-side FR)')],
  ['Part2§B05', 'csms', 'MAY', B05, 'The CSMS can set the values of one or more variables on the operator\'s request (SetVariablesRequest).', p2('B05 Table 43 (description, scenario; no CSMS-side FR for the request)')],
  ['Part2§B06', 'csms', 'MAY', B06, 'The CSMS can read one or more variables on the operator\'s request (GetVariablesRequest).', p2('B06 Table 45 (description, scenario; no CSMS-side FR for the request)')],
  ['Part2§B07', 'csms', 'MAY', 'B07 Get Base Report', 'The CSMS can ask for a predefined report (GetBaseReportRequest) and answers each NotifyReportRequest.', p2('B07 Table 47 (description, scenario steps 2 and 5; no CSMS-side FR)')],
  ['Part2§B08', 'csms', 'MAY', 'B08 Get Custom Report', 'The CSMS can ask for a report limited by componentCriteria and/or componentVariables (GetReportRequest).', p2('B08 Table 49 (description, scenario; no CSMS-side FR)')],
  ['Part2§B09', 'csms', 'MAY', 'B09 Setting a new NetworkConnectionProfile', 'The CSMS can send a connection profile for a configurationSlot out of NetworkConfigurationPriority\'s valuesList.', p2('B09 Table 51 (scenario step 1; no CSMS-side FR)')],
  ['Part2§B11', 'csms', 'MAY', B11, 'The CSMS can reset the station or one EVSE, OnIdle or Immediate, on the operator\'s request (ResetRequest).', p2('B11 Table 55 (description, scenario; no CSMS-side FR)')],
  ['Part2§B12', 'csms', 'MAY', B12, 'With a transaction ongoing the CSMS can reset OnIdle (the station waits) or Immediate (the station ends it).', p2('B12 Table 57 (description, scenario; no CSMS-side FR)')],
  ['Part2§AuthorizationData', 'both', 'SHALL', D01, 'idTokenInfo required in Full updates; Differential: with it add/update, without it delete the entry.', `${p2('Messages, Datatypes §2.4 AuthorizationData')}; normative definition of the data the CSMS sends and the station applies`],

  // Part 2 §3 generic requirements
  ['FR.02', 'station', 'SHALL', 'Part 2 §3 Generic requirements', 'A valid request that breaks no security rule is answered by the station with a CALLRESULT.', p2('§3 Table 10')],
  ['FR.03', 'both', 'SHALL', 'Part 2 §3 Generic requirements', 'An invalid message or a security violation is answered with a CALLERROR.', p2('§3 Table 10')],

  // Part 4 (OCPP-J)
  ['Part4§3.2', 'csms', 'SHALL', 'Part 4 §3.2 Server response', 'No offered subprotocol agreed: finish the handshake without Sec-WebSocket-Protocol, then close (MUST).', p4('§3.2')],
  ['Part4§3.2.UnknownStation', 'csms', 'SHOULD', 'Part 4 §3.2 Server response', 'Unknown station id in the URL: answer HTTP 404 and abort the WebSocket connection.', p4('§3.2')],
  ['Part4§4.1.2', 'both', 'SHALL', 'Part 4 §4.1 RPC framework', 'Every message, wrapper and payload, is valid UTF-8 JSON (MUST).', p4('§4.1.2')],
  ['Part4§4.1.4', 'both', 'SHALL', 'Part 4 §4.1 RPC framework', 'CALL ids are never reused; a CALLRESULT/CALLERROR carries the id of its CALL (MUST).', p4('§4.1.4')],
  ['Part4§4.2.1', 'both', 'SHALL', 'Part 4 §4.2 Message structures', 'A CALL is [2, id, action, payload]: an action of the version, a payload valid against its request schema.', `${p4('§4.2.1')}; schemas: Part 3`],
  ['Part4§4.2.2', 'both', 'SHALL', 'Part 4 §4.2 Message structures', 'A CALL handled is answered by a CALLRESULT [3, id, payload] valid against its response schema.', `${p4('§4.2.2')}; schemas: Part 3; every CALL gets a CALLRESULT or (§4.2.3) a CALLERROR`],
  ['Part4§4.2.3', 'both', 'SHALL', 'Part 4 §4.2 Message structures', 'A CALLERROR is [4, id, code, description, details]: its CALL\'s id ("-1" if unreadable), a §4.3 code, details an object.', p4('§4.2.3 Table 7, §4.3 error codes')],
  // Issue 15: the OCPP-J RPC framework
  ['Part4§4.1.3', 'both', 'SHALL', 'Part 4 §4.1 RPC framework', 'A message whose type number is not CALL, CALLRESULT or CALLERROR is ignored: its payload is not acted on.', p4('§4.1.3')],
  ['Part4§4.1.7', 'both', 'SHALL', 'Part 4 §4.1 RPC framework', 'A CALL with an unknown action, a missing field or a wrongly typed field is answered with a CALLERROR, never handled.', p4('§4.1.7, §4.2.3')],
  ['Part4§4.1.2.Reject', 'both', 'MAY', 'Part 4 §4.1 RPC framework', 'A peer may refuse (CALLERROR) a message that does not conform to the JSON schemas (enumeration, length, extra property).', `${p4('§4.1.2')}; "have the right to reject": not an obligation`],
  ['Part4§4.3', 'both', 'SHOULD', 'Part 4 §4.3 RPC Framework Error Codes', 'The error code chosen is the one the table describes for the problem (e.g. NotImplemented for an unknown action).', `${p4('§4.3 Table 8')}; the table describes each code, no keyword binds the choice: our reading grades a mismatch as SHOULD`],
  ['Part4§4.4', 'both', 'SHALL', 'Part 4 §4.4 Extension fallback mechanism', 'An unknown message type is answered with CALLERROR MessageTypeNotSupported (or ignored, §4.1.3).', p4('§4.4')],
  ['Part4§5.3', 'station', 'SHALL', 'Part 4 §5.3 Reconnecting', 'After a lost connection the station reconnects with a growing, randomised back-off.', p4('§5.3')],
  ['Part4§5.3.NoBootOnReconnect', 'station', 'SHOULD', 'Part 4 §5.3 Reconnecting', 'A reconnecting station sends no BootNotification unless its boot data changed.', `${p4('§5.3')}; lower-case "should" in the text`],
  // Issue 15: connection and registration state
  ['Part4§3.1', 'station', 'SHALL', 'Part 4 §3.1 Client request', 'The station keeps its WebSocket connection to the CSMS open all the time.', p4('§3.1')],

  // Issue 15: every constrained field
  ['E01.FR.07', 'station', 'SHALL', E01, 'Each TransactionEventRequest of a transaction carries a seqNo one above the previous one.', `${p2('E01 Table 97')}; ${p2('E §1.3.2.1 Sequence number generation (normative): start at 0 SHOULD, continuous counters allowed, "after each TransactionEventRequest ... SHALL increase the seqNo by 1"')}`],
  ['E01.FR.16', 'station', 'SHALL', E01, 'Once the EV is connected, the next TransactionEventRequest names the EVSE and connector (evse.id, connectorId).', `${p2('E01 Table 97')}; the EVSE named is one of the station's`],
  ['E01.FR.19', 'station', 'SHOULD', E01, 'The EV suspends the energy transfer: a TransactionEventRequest with chargingState SuspendedEV.', p2('E01 Table 97')],
  ['J01.FR.02', 'station', 'SHALL', 'J01 Sending Meter Values not related to a transaction', 'MeterValuesRequest carries the id of the EVSE its samples were taken from (0: the whole station).', p2('J01 Table 153')],
  ['Part2§StatusNotificationRequest', 'station', 'SHALL', G01, 'A StatusNotificationRequest names by evseId and connectorId a connector the station has.', `${p2('Messages, StatusNotificationRequest field definitions')}; normative message definition`],
  ['Part2§TxStartPoint', 'station', 'SHALL', E01, 'A transaction has one Started event: the station sends eventType Started once per transaction.', p2('Referenced components §2.6.4 TxCtrlr.TxStartPoint (description)')],
  ['Part2§TxStopPoint', 'station', 'SHALL', 'E06 Stop Transaction options', 'A transaction has one Ended event, its last: nothing of the transaction follows it.', p2('Referenced components §2.6.5 TxCtrlr.TxStopPoint (description: the Ended event is the last, sent once)')],
  ['Part2§ChargingStateEnumType', 'station', 'SHALL', E01, 'chargingState Charging only while energy flows to the EV; SuspendedEV: offered, but the EV takes none.', p2('Enumerations, ChargingStateEnumType (normative definitions)')],
  ['Part2§AuthCacheDisablePostAuthorize', 'station', 'SHALL', C10, 'True: no AuthorizeRequest for a token cached with a status other than Accepted (C10.FR.03, C12.FR.05 off).', p2('Referenced components AuthCacheCtrlr.DisablePostAuthorize (description)')],
  ['Part2§LocalAuthListDisablePostAuthorize', 'station', 'SHALL', C14, 'True: no AuthorizeRequest for a token listed with a status other than Accepted (C14.FR.03 off).', p2('Referenced components LocalAuthListCtrlr.DisablePostAuthorize (description)')],
  ['Part2§DisableRemoteAuthorization', 'station', 'SHALL', C01, 'True: no AuthorizeRequest at all; only the Authorization Cache and the Local Authorization List decide on a token.', p2('Referenced components §2.3.8 AuthCtrlr.DisableRemoteAuthorization (description)')],
  ['Part2§MeasurandEnumType', 'station', 'SHALL', 'J02 Sending transaction related Meter Values', 'Except after a meter replacement, Register values of one transaction never go down in time (MUST).', `${p2('Datatypes §3.50 MeasurandEnumType, Note 2')}; Energy.Active.Import.Register is the default measurand`],
];

// ---------------------------------------------------------------------------------------------
// OCPP 1.6 (edition 2 with errata, OCPP-J 1.6, security whitepaper edition 3)
// ---------------------------------------------------------------------------------------------
const WSP1 = 'WP §2.3 Security profile 1 (Basic Authentication)';
const WSP2 = 'WP §2.4 Security profile 2 (TLS with Basic Authentication)';
const WSP3 = 'WP §2.5 Security profile 3 (TLS with client certificates)';
const WA01 = 'WP A01 Update Charge Point Password for HTTP Basic Authentication';
const WA02 = 'WP A02 Update Charge Point Certificate by request of Central System';
const WL01 = 'WP L01 Secure Firmware Update';
const WN01 = 'WP N01 Retrieve Log Information';
const DEF = 'normative definition without an RFC 2119 keyword';

const V16: Row[] = [
  // OCPP 1.6 edition 2
  ['1.6§3.4', 'station', 'SHALL', '1.6 §3.4 General views of operation', 'No Authorize when the token stopping a transaction is the one that started it (MUST NOT).', s16('§3.4')],
  ['1.6§3.5', 'station', 'MAY', '1.6 §3.5 Local Authorization & Offline Behavior', 'Local authorization (cache, local list) is optional; keys say if it is used offline or before online.', s16('§3.5')],
  ['1.6§3.5.1', 'station', 'SHOULD', '1.6 §3.5.1 Authorization Cache', 'An implemented cache should keep the latest ids and update them from every IdTagInfo.', s16('§3.5.1 ("SHOULD conform to the following semantics")')],
  ['1.6§3.5.2', 'station', 'SHALL', '1.6 §3.5.2 Local Authorization List', 'The list changes only through SendLocalList; a conflict is reported as LocalListConflict.', s16('§3.5.2')],
  ['1.6§3.5.4', 'station', 'SHALL', '1.6 §3.5.4 Unknown Offline Authorization', 'Offline: non-Accepted list entries are refused; back online every offline transaction is sent.', s16('§3.5.4')],
  ['1.6§3.7', 'station', 'SHALL', '1.6 §3.7 Transaction-related messages', 'Offline, transaction messages are queued and later delivered in chronological order (MUST).', s16('§3.7')],
  ['1.6§3.7.1', 'station', 'SHOULD', '1.6 §3.7.1 Error responses to transaction-related messages', 'A transaction message the CSMS failed to process is retried with growing waits, then may be skipped.', s16('§3.7.1')],
  ['1.6§3.10', 'both', 'SHALL', '1.6 §3.10 Parent idTag', 'Tokens with the same parentIdTag (set by the CSMS) form a group; any of them may stop its transaction.', `${s16('§3.10 ("This section is normative")')}; group stop stated without an RFC 2119 keyword, the only keyword is a SHOULD NOT`],
  ['1.6§4.1', 'both', 'SHALL', '1.6 §4.1 Authorize', 'Energy only after authorization; unknown tokens go to Authorize; the CSMS answers with a status.', s16('§4.1')],
  ['1.6§4.2', 'both', 'SHALL', '1.6 §4.2 Boot Notification', 'Boot after start-up and every reboot, nothing else before Accepted/Pending; the CSMS answers.', s16('§4.2')],
  ['1.6§4.2.Pending', 'station', 'SHOULD', '1.6 §4.2 Boot Notification', 'While Pending the Charge Point should answer the Central System\'s requests.', s16('§4.2')],
  ['1.6§4.2.RetryInterval', 'station', 'SHOULD', '1.6 §4.2 Boot Notification', 'Not Accepted: do not boot again before the interval unless triggered (SHOULD NOT).', `${s16('§4.2')}; while Rejected nothing may be sent before the interval (SHALL NOT, 1.6§4.2)`],
  ['1.6§4.4', 'both', 'SHALL', '1.6 §4.4 Diagnostics Status Notification', 'The Charge Point reports the diagnostics upload status (Idle only when triggered); the CSMS answers each.', s16('§4.4')],
  ['1.6§4.5', 'both', 'SHALL', '1.6 §4.5 Firmware Status Notification', 'The Charge Point reports update progress; Idle only when triggered; the CSMS answers.', s16('§4.5')],
  ['1.6§4.6', 'both', 'SHALL', '1.6 §4.6 Heartbeat', 'The Charge Point sends heartbeats; the CSMS answers with its current time.', s16('§4.6')],
  ['1.6§4.7', 'both', 'SHALL', '1.6 §4.7 Meter Values', 'The Charge Point sends MeterValues (at the configured intervals); the CSMS answers.', `${s16('§4.7')}; ${e16('§3.15')}`],
  ['1.6§4.8', 'both', 'SHALL', '1.6 §4.8 Start Transaction', 'StartTransaction for every start; the CSMS must verify the id and return transactionId and status.', s16('§4.8')],
  ['1.6§4.9', 'both', 'SHALL', '1.6 §4.9 Status Notification', 'Status changes and, after boot Accepted, all connectors (and 0) are reported; the CSMS answers.', `${s16('§4.9')}; ${e16('§3.19, §3.22 (MAY became SHALL)')}`],
  ['1.6§4.10', 'both', 'SHALL', '1.6 §4.10 Stop Transaction', 'StopTransaction for every stopped transaction; the CSMS answers and cannot prevent the stop.', s16('§4.10')],
  ['1.6§4.10.Reason', 'station', 'SHOULD', '1.6 §4.10 Stop Transaction', 'A transaction not ended normally carries the matching stop reason.', s16('§4.10')],
  ['1.6§5.2', 'both', 'SHALL', '1.6 §5.2 Change Availability', 'Answer with ability, Scheduled during a transaction, Accepted if unchanged; report the new status.', s16('§5.2')],
  ['1.6§5.3', 'both', 'SHALL', '1.6 §5.3 Change Configuration', 'Answer Accepted, RebootRequired, NotSupported (unknown key) or Rejected (bad value) as applied.', s16('§5.3')],
  ['1.6§5.4', 'both', 'SHALL', '1.6 §5.4 Clear Cache', 'ClearCache is answered saying whether the cache was cleared (Rejected without a cache).', `${s16('§5.4')}; ${e16('§3.23')}`],
  ['1.6§5.8', 'both', 'SHALL', '1.6 §5.8 Get Configuration', 'Return the known keys with values; unknown keys go in the unknownKey list.', s16('§5.8')],
  ['1.6§5.10', 'both', 'SHALL', '1.6 §5.10 Get Local List Version', 'Answer the list version: 0 for an empty list, -1 if local lists are not supported.', s16('§5.10')],
  ['1.6§5.11', 'both', 'SHALL', '1.6 §5.11 Remote Start Transaction', 'Answer the request; with AuthorizeRemoteTxRequests authorize first; start with the given idTag.', s16('§5.11')],
  ['1.6§5.12', 'station', 'SHALL', '1.6 §5.12 Remote Stop Transaction', 'Answer whether the transaction exists and will stop; then stop it and send StopTransaction.', s16('§5.12')],
  ['1.6§5.12.Request', 'csms', 'MAY', '1.6 §5.12 Remote Stop Transaction', 'The Central System can ask for a stop with RemoteStopTransaction.req naming the transaction\'s identifier.', s16('§5.12')],
  ['1.6§5.14', 'both', 'SHALL', '1.6 §5.14 Reset', 'Answer the Reset, send StopTransaction for running transactions first, then restart.', `${s16('§5.14')}; soft reset: the restart itself is a lower-case "should"`],
  ['1.6§5.15', 'both', 'SHALL', '1.6 §5.15 Send Local List', 'The CSMS sends type and version; the Charge Point answers whether it applied the update.', s16('§5.15')],
  ['1.6§5.17', 'station', 'SHALL', '1.6 §5.17 Trigger Message', 'Answer the trigger first, Accepted/Rejected by choice, NotImplemented for unknown messages.', s16('§5.17')],
  ['1.6§5.17.Request', 'csms', 'SHALL', '1.6 §5.17 Trigger Message', 'In TriggerMessage.req the Central System names the message it wishes to receive.', `${s16('§5.17')}; ${DEF}`],
  ['1.6§5.17.Connector', 'csms', 'MAY', '1.6 §5.17 Trigger Message', 'The Central System may name the connector a trigger applies to.', s16('§5.17')],
  ['1.6§5.17.SendAccepted', 'station', 'SHOULD', '1.6 §5.17 Trigger Message', 'A message whose trigger was Accepted should then be sent.', s16('§5.17')],
  ['1.6§5.18', 'both', 'SHALL', '1.6 §5.18 Unlock Connector', 'UnlockConnector.req: the Charge Point answers whether it unlocked the connector, ending a transaction on it first.', s16('§5.18')],
  ['1.6§5.19', 'both', 'SHALL', '1.6 §5.19 Update Firmware', 'Answer UpdateFirmware, report progress (MUST) and install a valid image as soon as possible.', s16('§5.19')],
  ['1.6§6.41', 'both', 'SHALL', '1.6 §6.41 SendLocalList.req', 'Full without entries empties the list; ids unique; listVersion never 0 or -1 (errata).', `${s16('§6.41')}; ${e16('§3.52')}; list semantics are a ${DEF}`],
  ['1.6§6.55', 'station', 'SHOULD', '1.6 §6.55 UpdateFirmware.req', 'retries: how many download attempts to make; retryInterval: wait between attempts.', `${s16('§6.55')}; field text says "must try" / "may be attempted" in lower case`],
  ['1.6§7.1', 'both', 'SHALL', '1.6 §7.1 AuthorizationData', 'idTagInfo required in Full updates; Differential: with it add/update, without it delete.', `${s16('§7.1')}; the Central System fills the entries, the Charge Point applies them`],
  ['1.6§7.7', 'station', 'SHALL', '1.6 §7.7 ChargePointStatus', 'Meaning of each connector status, e.g. SuspendedEVSE when charging is not allowed.', `${s16('§7.7')}; ${DEF}`],
  ['1.6§7.42', 'station', 'SHALL', '1.6 §7.42 ResetType', 'Hard reset restarts the hardware; soft reset stops transactions gracefully first.', `${s16('§7.42')}; ${DEF}`],
  ['1.6§7.46', 'station', 'SHALL', '1.6 §7.46 UnlockStatus', 'Unlocked / UnlockFailed (tried, still locked) / NotSupported (no connector lock, or unknown connectorId).', `${s16('§7.46')}; ${DEF}`],
  ['1.6§7.47', 'station', 'SHALL', '1.6 §7.47 UpdateStatus', 'VersionMismatch answers a differential update whose version is not above the list\'s.', `${s16('§7.47')}; ${DEF}`],
  ['1.6§9.1', 'station', 'SHALL', '1.6 §9.1 Core Profile configuration keys', 'Core-profile keys; those marked required have to be supported by the Charge Point.', s16('§9 intro, §9.1')],
  ['1.6§9.1.ConnectionTimeOut', 'station', 'SHALL', '1.6 §9.1.6 ConnectionTimeOut', 'When the plug-in timeout expires the connector goes back to its former state (Available).', s16('§9.1.6')],
  ['1.6§9.1.HeartbeatInterval', 'station', 'SHOULD', '1.6 §9.1.10 HeartbeatInterval', 'Idle time after which the Charge Point sends a Heartbeat.', `${s16('§9.1.10')}; lower-case "should"; the duty to send heartbeats is 1.6§4.6`],
  ['1.6§9.1.LocalAuthorizeOffline', 'station', 'SHALL', '1.6 §9.1.12 LocalAuthorizeOffline', 'Whether an offline Charge Point starts transactions for ids it can authorize locally.', `${s16('§9.1.12, §3.5')}; ${DEF} (required RW key)`],
  ['1.6§9.1.LocalPreAuthorize', 'station', 'SHALL', '1.6 §9.1.13 LocalPreAuthorize', 'Whether an online Charge Point starts for locally authorized ids without waiting for Authorize.', `${s16('§9.1.13, §3.5')}; ${DEF} (required RW key)`],
  ['1.6§9.1.StopTransactionOnInvalidId', 'station', 'SHOULD', '1.6 §9.1.24 StopTransactionOnInvalidId', 'Whether a transaction whose StartTransaction.conf is not Accepted is stopped (else energy stops).', `${s16('§9.1.24, §3.5.4')}; ${e16('§3.17 (moved to §4.8, still SHOULD)')}`],
  ['1.6§9.1.StopTransactionOnEVSideDisconnect', 'station', 'SHALL', '1.6 §9.1.23 StopTransactionOnEVSideDisconnect', 'When true, the Charge Point stops the transaction when the cable is unplugged from the EV.', `${s16('§9.1.23')}; required RW key ("SHALL administratively stop")`],
  ['1.6§9.1.UnlockConnectorOnEVSideDisconnect', 'station', 'SHALL', '1.6 §9.1.33 UnlockConnectorOnEVSideDisconnect', 'When true, the Charge Point unlocks the cable at its side when the cable is unplugged at the EV.', `${s16('§9.1.33')}; required RW key ("SHALL unlock the cable on Charge Point side")`],

  // Issue 15: connection and registration state
  ['1.6§4.2.PendingOpen', 'both', 'SHOULD', '1.6 §4.2 Boot Notification', 'Pending: neither the Charge Point nor the Central System closes the connection (SHOULD NOT).', s16('§4.2')],
  ['1.6§4.2.RejectedCsms', 'csms', 'SHOULD', '1.6 §4.2 Boot Notification', 'Rejected: the Central System sends the Charge Point no request of its own (SHOULD NOT).', s16('§4.2')],
  // Issue 15: every constrained field
  ['1.6§3.8', 'station', 'SHALL', '1.6 §3.8 Connector numbering', 'ConnectorIds run 1..n without gaps and never exceed the number of connectors; 0 (reporting) is the Charge Point.', s16('§3.8 (normative, MUST)')],
  ['1.6§7.31', 'station', 'SHALL', '1.6 §7.31 Measurand', 'Register values of one transaction (meterStart, MeterValues, meterStop) never go down in time (MUST).', `${e16('§3.78 (new text of §7.31 Measurand)')}; a sampledValue without measurand is Energy.Active.Import.Register (${s16('§4.7')})`],

  // OCPP-J 1.6
  ['1.6J§3.1', 'station', 'SHALL', '1.6J §3.1 Client request', 'The Charge Point opens the WebSocket to URL/<id> and names the OCPP version as subprotocol (MUST).', j16('§3.1')],
  ['1.6J§3.2', 'csms', 'SHALL', '1.6J §3.2 Server response', 'No offered subprotocol agreed: finish the handshake without Sec-WebSocket-Protocol, then close (MUST).', j16('§3.2')],
  ['1.6J§3.2.UnknownStation', 'csms', 'SHOULD', '1.6J §3.2 Server response', 'Unknown Charge Point id in the URL: answer HTTP 404 and abort the WebSocket connection.', j16('§3.2')],
  ['1.6J§4.1.2', 'both', 'SHALL', '1.6J §4.1 RPC framework', 'Every message, wrapper and payload, is valid UTF-8 JSON (MUST).', j16('§4.1.2')],
  ['1.6J§4.1.4', 'both', 'SHALL', '1.6J §4.1 RPC framework', 'CALL ids are unique per connection; a CALLRESULT/CALLERROR carries the id of its CALL (MUST).', j16('§4.1.4')],
  ['1.6J§4.2.1', 'both', 'SHALL', '1.6J §4.2 Message structures', 'A CALL is [2, id, action, payload]: an action of 1.6, a payload valid against its request schema.', `${j16('§4.2.1')}; schemas: the 1.6 JSON schemas`],
  ['1.6J§4.2.2', 'both', 'SHALL', '1.6J §4.2 Message structures', 'A CALL handled is answered by a CallResult [3, id, payload] valid against its response schema.', `${j16('§4.2.2')}; every CALL gets a CallResult or (§4.2.3) a CallError`],
  ['1.6J§4.2.3', 'both', 'SHALL', '1.6J §4.2 Message structures', 'A CallError is [4, id, code, description, details]: its CALL\'s id, a table 7 code as 1.6 spells it, details an object.', j16('§4.2.3 (tables 6 and 7: fields and error codes)')],
  // Issue 15: the OCPP-J RPC framework
  ['1.6J§4.1.3', 'both', 'SHALL', '1.6J §4.1 RPC framework', 'A message whose type number is not CALL, CALLRESULT or CALLERROR is ignored: its payload is not acted on.', j16('§4.1.3')],
  ['1.6J§4.2.3.Use', 'both', 'SHOULD', '1.6J §4.2 Message structures', 'A CALL that is not a proper message (missing field, unknown action, wrong type) gets a CallError, not a result.', `${j16('§4.2.3')}; "we only use CallError in two situations": descriptive, no keyword, so SHOULD`],
  ['1.6J§4.2.3.Code', 'both', 'SHOULD', '1.6J §4.2 Message structures', 'The error code chosen is the one table 7 describes for the problem (e.g. NotImplemented for an unknown action).', `${j16('§4.2.3 table 7')}; the table describes each code, no keyword binds the choice`],

  // Security whitepaper edition 3 (version 1.6, 2.0.1-style ids)
  ['A00.FR.202', 'station', 'SHALL', WSP1, 'The Charge Point authenticates itself with HTTP Basic authentication.', wp('§2.3.1 Table 5')],
  ['A00.FR.203', 'station', 'SHALL', WSP1, 'The Charge Point sends a user name and a password with every connection request.', wp('§2.3.1 Table 5')],
  ['A00.FR.204', 'station', 'SHALL', WSP1, 'The Basic auth user name equals the Charge Point identity of the connection URL.', wp('§2.3.1 Table 5')],
  ['A00.FR.205', 'station', 'SHALL', WSP1, 'Password kept in AuthorizationKey: at least 16 bytes, at most 20, written as hex digits.', wp('§2.3.1 Table 5')],
  ['A00.FR.301', 'station', 'SHALL', WSP2, 'Profile 2: the Charge Point authenticates itself with HTTP Basic authentication.', wp('§2.4.1 Table 7')],
  ['A00.FR.302', 'station', 'SHALL', WSP2, 'Profile 2: the Charge Point sends a user name and a password with every connection request.', wp('§2.4.1 Table 7')],
  ['A00.FR.303', 'station', 'SHALL', WSP2, 'Profile 2: the Basic auth user name equals the Charge Point identity of the connection URL.', wp('§2.4.1 Table 7')],
  ['A00.FR.306', 'csms', 'SHALL', WSP2, 'Profile 2: the Central System presents its Central System certificate as TLS server certificate.', wp('§2.4.1 Table 7 (2.0.1: A00.FR.307)')],
  ['A00.FR.307', 'station', 'SHALL', WSP2, 'The Charge Point validates the certification path of the Central System certificate.', wp('§2.4.1 Table 7 (2.0.1: A00.FR.308)')],
  ['A00.FR.308', 'station', 'SHALL', WSP2, 'The Charge Point checks that the server certificate commonName contains the CSMS FQDN.', wp('§2.4.1 Table 7 (2.0.1: A00.FR.309)')],
  ['A00.FR.309', 'station', 'SHALL', WSP2, 'Invalid Central System certificate: raise an InvalidCentralSystemCertificate security event.', wp('§2.4.1 Table 7 (2.0.1: A00.FR.310)')],
  ['A00.FR.310', 'station', 'SHALL', WSP2, 'After an invalid Central System certificate the Charge Point terminates the connection.', wp('§2.4.1 Table 7 (2.0.1: A00.FR.311)')],
  ['A00.FR.312', 'both', 'SHALL', WSP2, 'TLS 1.2 or newer; a Charge Point that cannot do 1.2 MAY use TLS 1.0/1.1.', wp('§2.4.1 Table 7 (2.0.1: A00.FR.313, without the exception)')],
  ['A00.FR.401', 'station', 'SHALL', WSP3, 'Profile 3: the Charge Point authenticates itself with its Charge Point certificate.', wp('§2.5.1 Table 9')],
  ['A00.FR.403', 'csms', 'SHALL', WSP3, 'Profile 3: the Central System validates the certification path of the client certificate.', wp('§2.5.1 Table 9')],
  ['A00.FR.405', 'csms', 'SHALL', WSP3, 'Profile 3: the Central System checks that the certificate CN holds the Charge Point serial number.', wp('§2.5.1 Table 9')],
  ['A00.FR.407', 'csms', 'SHALL', WSP3, 'Profile 3: no valid client certificate or invalid path: the Central System ends the connection.', wp('§2.5.1 Table 9')],
  ['A00.FR.511', 'station', 'SHALL', 'WP §2.6.1 Certificate properties', 'The Charge Point certificate CN is its unique serial number, never a URL or IP address.', wp('§2.6.1 Table 11')],
  ['A01.FR.01', 'station', 'SHALL', WA01, 'The Charge Point keeps the password in the AuthorizationKey configuration key.', wp('A01 Table 17')],
  ['A01.FR.02', 'csms', 'SHALL', WA01, 'The Central System sets the AuthorizationKey with ChangeConfiguration.req for that key.', wp('A01 Table 18')],
  ['A01.FR.03', 'csms', 'SHALL', WA01, 'After an Accepted AuthorizationKey change the Central System stops accepting the old credentials.', wp('A01 Table 18')],
  ['A01.FR.04', 'csms', 'SHALL', WA01, 'AuthorizationKey change Rejected or NotSupported: the Central System keeps accepting the old credentials.', wp('A01 Table 18')],
  ['A02.FR.02', 'station', 'SHALL', WA02, 'After answering ExtendedTriggerMessage the Charge Point generates a new key pair.', wp('A02 Table 19')],
  ['A02.FR.03', 'station', 'SHALL', WA02, 'The Charge Point sends the public key as a PEM-encoded CSR in SignCertificate.req.', wp('A02 Table 19')],
  ['A02.FR.06', 'station', 'SHALL', WA02, 'The Charge Point checks a signed certificate (validity, properties, CPO hierarchy).', wp('A02 Table 19')],
  ['A02.FR.07', 'station', 'SHALL', WA02, 'Invalid signed certificate: discard it and raise InvalidChargePointCertificate.', wp('A02 Table 19')],
  ['A02.FR.08', 'station', 'SHALL', WA02, 'The Charge Point switches to the new certificate once its validity has started.', wp('A02 Table 19')],
  ['A02.FR.11', 'csms', 'SHALL', WA02, 'The Central System answers a SignCertificate.req it can process with Accepted.', wp('A02 Table 19')],
  // security (cov-s4): security profile upgrade / downgrade (WP A05)
  ['A05.FR.01', 'station', 'SHALL', 'WP A05 Upgrade Charge Point Security Profile', 'ChangeConfiguration SecurityProfile lower than or equal to the current one: Rejected, no change.', wp('A05 Table 23')],
  ['A05.FR.03', 'station', 'SHALL', 'WP A05 Upgrade Charge Point Security Profile', 'SecurityProfile raised to 2 or 3 without a valid CentralSystemRootCertificate installed: Rejected.', wp('A05 Table 23')],
  ['A05.FR.04', 'station', 'SHALL', 'WP A05 Upgrade Charge Point Security Profile', 'SecurityProfile raised to 3 without a valid ChargePointCertificate installed: Rejected.', wp('A05 Table 23')],
  // cov-n2: the Central System side of WP A05, M03, M04, M05 (whitepaper scenarios without an FR: `WP§<use case>`, MAY)
  ['A05.FR.09', 'csms', 'SHALL', 'WP A05 Upgrade Charge Point Security Profile', 'After a Charge Point connected at its new, higher profile, the Central System refuses a lower one.', wp('A05 Table 23')],
  ['WP§A05', 'csms', 'MAY', 'WP A05 Upgrade Charge Point Security Profile', 'The Central System can raise a Charge Point\'s SecurityProfile with ChangeConfiguration.req.', wp('A05 scenario (CPO command, step 2; no Central System FR for the request)')],
  ['WP§M03', 'csms', 'MAY', 'WP M03 Retrieve list of available certificates', 'The Central System can ask for the installed certificates of a type (GetInstalledCertificateIds.req).', wp('M03 Table 24 (objective, scenario; no Central System FR)')],
  ['WP§M04', 'csms', 'MAY', 'WP M04 Delete a specific certificate', 'The Central System can ask a Charge Point to delete a certificate named by its hash data (DeleteCertificate.req).', wp('M04 Table 26 (objective, scenario; no Central System FR)')],
  ['M04.FR.07', 'csms', 'SHALL', 'WP M04 Delete a specific certificate', 'DeleteCertificate.req uses the hashAlgorithm with which the certificate was installed.', wp('M04 Table 27')],
  ['WP§M05', 'csms', 'MAY', 'WP M05 Install CA certificate', 'The Central System can install a Central System or Manufacturer root certificate (InstallCertificate.req).', wp('M05 Table 28 (description, scenario; no Central System FR)')],
  ['A05.FR.05', 'station', 'SHALL', 'WP A05 Upgrade Charge Point Security Profile', 'ChangeConfiguration SecurityProfile higher than the current one, prerequisites met: Accepted.', wp('A05 Table 23')],
  ['A05.FR.06', 'station', 'SHALL', 'WP A05 Upgrade Charge Point Security Profile', 'After accepting the higher SecurityProfile (A05.FR.05) the Charge Point disconnects from the Central System.', wp('A05 Table 23')],
  ['A05.FR.07', 'station', 'SHALL', 'WP A05 Upgrade Charge Point Security Profile', 'After disconnecting (A05.FR.06) the Charge Point reconnects to the Central System with the new security profile.', wp('A05 Table 23')],
  ['M03.FR.03', 'station', 'SHALL', 'WP M03 Retrieve list of available certificates', 'Certificates of the asked type found: GetInstalledCertificateIds answered Accepted.', wp('M03 Table 25')],
  ['M03.FR.04', 'station', 'SHALL', 'WP M03 Retrieve list of available certificates', 'The response lists the hash data of every matching installed certificate.', wp('M03 Table 25')],
  ['M04.FR.02', 'station', 'SHALL', 'WP M04 Delete a specific certificate', 'Certificate to delete found: the Charge Point deletes it and reports success.', wp('M04 Table 27 (text says status "Success")')],
  ['M04.FR.04', 'station', 'SHALL', 'WP M04 Delete a specific certificate', 'Certificate to delete not found: the Charge Point answers NotFound.', wp('M04 Table 27')],
  ['M05.FR.02', 'station', 'SHALL', 'WP M05 Install CA certificate', 'Certificate installed: InstallCertificate.conf Accepted.', wp('M05 Table 29')],
  ['M05.FR.06', 'station', 'SHALL', 'WP M05 Install CA certificate', 'Invalid or incorrect certificate: InstallCertificate.conf Rejected (2.0.1: M05.FR.07).', wp('M05 Table 29')],
  ['L01.FR.01', 'station', 'SHALL', WL01, 'Each new state of a signed update is reported in SignedFirmwareStatusNotification.', wp('L01 Table 35')],
  ['L01.FR.03', 'station', 'SHALL', WL01, 'Entering InvalidSignature: SecurityEventNotification InvalidFirmwareSignature.', wp('L01 Table 35')],
  ['L01.FR.10', 'station', 'SHALL', WL01, 'Every SignedFirmwareStatusNotification carries the requestId of its SignedUpdateFirmware.', wp('L01 Table 35')],
  ['L01.FR.11', 'csms', 'SHALL', WL01, 'The Central System puts the firmware signing certificate in SignedUpdateFirmware.req.', wp('L01 Table 35')],
  ['L01.FR.12', 'station', 'SHALL', WL01, 'The Charge Point verifies the firmware signature with the signing certificate (MUST).', wp('L01 Table 35')],
  ['L01.FR.23', 'station', 'SHALL', WL01, 'The signing certificate is validated before SignedUpdateFirmware.req is accepted (2.0.1: L01.FR.21).', wp('L01 Table 35')],
  ['L01.FR.24', 'station', 'SHALL', WL01, 'Invalid signing certificate: SignedUpdateFirmware.conf InvalidCertificate (2.0.1: L01.FR.22).', wp('L01 Table 35')],
  // log (cov-n3): WP N01 Retrieve Log Information (GetLog, LogStatusNotification)
  ['N01.FR.01', 'station', 'SHALL', WN01, 'GetLog.req for a log that is available: GetLog.conf Accepted, naming the file.', wp('N01 Table 33')],
  ['N01.FR.02', 'station', 'SHALL', WN01, 'Having accepted it, the Charge Point starts uploading one log file to the location given.', wp('N01 Table 33')],
  ['N01.FR.03', 'station', 'SHALL', WN01, 'logType SecurityLog: the Charge Point uploads its security log.', wp('N01 Table 33')],
  ['N01.FR.07', 'station', 'SHALL', WN01, 'Every LogStatusNotification.req of an upload carries the requestId of the GetLog.req that started it.', wp('N01 Table 33')],
  ['N01.FR.08', 'station', 'SHALL', WN01, 'When the upload starts: LogStatusNotification.req with status Uploading.', wp('N01 Table 33')],
  ['N01.FR.09', 'station', 'SHALL', WN01, 'The upload succeeded: LogStatusNotification.req with status Uploaded.', wp('N01 Table 33')],
  ['WP§N01', 'csms', 'MAY', WN01, 'The Central System can ask a Charge Point to upload a log of a given type to a URL it supplies (GetLog.req).', wp('N01 Table 32 (description, remarks; no Central-System-side FR)')],
  // Issue 15: security gaps
  ['A00.FR.001', 'both', 'SHALL', 'WP §2.2 Generic security profile requirements', 'Charge Point and Central System use one security profile at a time (no mix of profiles).', `${wp('§2.2 Table 3')}; the profiles' means: Table 2 (profile 3: client certificate, no HTTP Basic)`],
  ['A00.FR.002', 'csms', 'SHALL', 'WP §2.2 Generic security profile requirements', 'A Charge Point connecting with another security profile: the Central System rejects the connection.', wp('§2.2 Table 3')],
  ['A00.FR.317', 'csms', 'SHALL', WSP2, 'Profile 2: the Central System supports the four ECDHE-ECDSA / RSA AES-GCM suites (2.0.1: A00.FR.318).', `${wp('§2.4.1 Table 7')}; the note: two certificates (RSA and ECDSA) are needed`],
  ['A00.FR.421', 'csms', 'SHALL', WSP3, 'Profile 3: the Central System supports the same four cipher suites as A00.FR.317.', wp('§2.5.1 Table 9')],
  ['A00.FR.318', 'station', 'SHALL', WSP2, 'Profile 2: ECDHE-ECDSA pair or TLS_RSA pair of AES-GCM suites; TLS 1.0/1.1-only: RSA AES128-CBC-SHA.', `${wp('§2.4.1 Table 7')}; 2.0.1: A00.FR.319, without the legacy option`],
  ['A00.FR.422', 'station', 'SHALL', WSP3, 'Profile 3: the same suites as A00.FR.318 (the ECDHE-ECDSA pair, the TLS_RSA pair, or legacy CBC).', wp('§2.5.1 Table 9')],
];

export const REQUIREMENTS: readonly Requirement[] = [...rows('2.0.1', V201), ...rows('1.6', V16)];

const byKey = new Map<string, Requirement>(REQUIREMENTS.map((r) => [`${r.version} ${r.id}`, r]));

/** The entry for (version, id), or undefined when the registry does not know it. */
export function requirement(version: OcppVersion, id: string): Requirement | undefined {
  return byKey.get(`${version} ${id}`);
}

/** Every id the registry knows, per version. */
export const REQUIREMENT_IDS: Readonly<Record<OcppVersion, readonly string[]>> = {
  '1.6': REQUIREMENTS.filter((r) => r.version === '1.6').map((r) => r.id),
  '2.0.1': REQUIREMENTS.filter((r) => r.version === '2.0.1').map((r) => r.id),
};

/**
 * The canonical token for a citation written the way the code wrote it until now, or undefined
 * when the text is not a requirement reference (OCTT / HX case ids, use-case names, free text):
 * '1.6 §4.2 interval' -> '1.6§4.2', '1.6 §9.1 LocalPreAuthorize' -> '1.6§9.1.LocalPreAuthorize',
 * '1.6 §9.1.10' -> '1.6§9.1.HeartbeatInterval', 'OCPP-J 1.6 §3.2' -> '1.6J§3.2',
 * 'Part 4 §5.3' -> 'Part4§5.3', '1.6 WP A00.FR.203' -> 'A00.FR.203', 'B12.FR.04 (errata 2025)' -> 'B12.FR.04'.
 */
export function canonicalRequirementId(raw: string): string | undefined {
  const t = raw.trim();
  const fr = /^(?:1\.6 WP )?([A-Z]\d{2}\.FR\.\d+)(?:\s*\(.*\))?$/.exec(t);
  if (fr) return fr[1];
  if (t === '1.6 §9.1.10') return '1.6§9.1.HeartbeatInterval';
  const key = /^1\.6 §9\.1 ([A-Za-z]+)$/.exec(t);
  if (key) return `1.6§9.1.${key[1]}`;
  const sec = /^(1\.6|OCPP-J 1\.6|Part 4) §(\d+(?:\.\d+)*)(?:[\s.].*)?$/.exec(t);
  if (sec) return `${sec[1] === '1.6' ? '1.6' : sec[1] === 'Part 4' ? 'Part4' : '1.6J'}§${sec[2]}`;
  return undefined;
}
