/**
 * The operator actions of a CSMS under test, in the neutral vocabulary that cases, operator
 * adapters and the reference CSMS share: what only the CSMS's own user interface or API can
 * start (a remote start, a firmware update, a local list push). The reference CSMS performs
 * them directly (embedded); a real CSMS gets them from a person (manual), a command, an HTTP
 * hook, or a browser script that clicks through its web UI.
 */
export type CsmsAction =
  | { type: 'remoteStart'; stationId: string; evseId: number; connectorId: number; idToken: string }
  | { type: 'remoteStop'; stationId: string; transactionId: string }
  | { type: 'clearCache'; stationId: string }
  | { type: 'getLocalListVersion'; stationId: string }
  | { type: 'sendLocalList'; stationId: string; updateType: 'Full' | 'Differential'; add: string[]; remove: string[] }
  | { type: 'updateFirmware'; stationId: string; location: string; signed: boolean; retrieveDateTime?: string; installDateTime?: string }
  | { type: 'changeAvailability'; stationId: string; operative: boolean; evseId?: number; connectorId?: number }
  | { type: 'triggerBootNotification'; stationId: string }
  | { type: 'renewStationCertificate'; stationId: string }
  // cov-c3: unlock a connector, publish / unpublish firmware on a Local Controller (updateFirmware's optional times are theirs too)
  | { type: 'unlockConnector'; stationId: string; evseId: number; connectorId: number }
  | { type: 'publishFirmware'; stationId: string; location: string }
  | { type: 'unpublishFirmware'; stationId: string; location: string }
  // security (cov-s4)
  | { type: 'setBasicAuthPassword'; stationId: string; password: string }
  | { type: 'renewV2GCertificate'; stationId: string; combined: boolean }
  // cov-c2 (transactions): E14 Check transaction status
  | { type: 'getTransactionStatus'; stationId: string; transactionId?: string }
  // Provisioning and trigger (cov-c1): variables, reports, reset, network profile, 1.6 configuration, trigger message.
  | { type: 'getVariables'; stationId: string; variables: VariableRef[] }
  | { type: 'setVariables'; stationId: string; variables: (VariableRef & { value: string })[] }
  | { type: 'getBaseReport'; stationId: string; reportBase: ReportBase }
  | { type: 'getReport'; stationId: string; criteria: ComponentCriterion[]; variables: VariableRef[] }
  | { type: 'reset'; stationId: string; resetType: ResetKind; evseId?: number }
  | { type: 'setNetworkProfile'; stationId: string; slot: number; csmsUrl: string; securityProfile: number }
  | { type: 'triggerMessage'; stationId: string; message: string; evseId?: number; connectorId?: number }
  // security (cov-n2): certificate management (1.6 whitepaper M03, M04, M05)
  | { type: 'installCertificate'; stationId: string; certificateType: string; certificate: string }
  | { type: 'getInstalledCertificateIds'; stationId: string; certificateType: string }
  | { type: 'deleteCertificate'; stationId: string; certificateHashData: CertificateHashData }
  // log (cov-n3): 1.6 security whitepaper N01 GetLog
  | { type: 'getLog'; stationId: string; logType: LogType; location: string };

/** A certificate as OCPP names it (1.6 whitepaper / 2.0.1 CertificateHashDataType): what GetInstalledCertificateIds lists and DeleteCertificate names. */
export interface CertificateHashData { hashAlgorithm: string; issuerNameHash: string; issuerKeyHash: string; serialNumber: string }

/**
 * A variable of the station: 2.0.1 a component (optionally of an EVSE / connector) and its
 * variable; 1.6 a configuration key, the `variable` alone (no component). getVariables with no
 * variables is 1.6 GetConfiguration of every key.
 */
export interface VariableRef { component?: string; evseId?: number; connectorId?: number; variable: string }
export type ReportBase = 'ConfigurationInventory' | 'FullInventory' | 'SummaryInventory';
export type ComponentCriterion = 'Active' | 'Available' | 'Enabled' | 'Problem';
/** 2.0.1 Immediate / OnIdle; 1.6 Hard / Soft. */
export type ResetKind = 'Immediate' | 'OnIdle' | 'Hard' | 'Soft';
/** The log a GetLog asks for (1.6 whitepaper / 2.0.1 LogEnumType). */
export type LogType = 'SecurityLog' | 'DiagnosticsLog';

export type CsmsActionType = CsmsAction['type'];

const CSMS_ACTION_TYPES: CsmsActionType[] = ['remoteStart', 'remoteStop', 'clearCache', 'getLocalListVersion', 'sendLocalList', 'updateFirmware', 'changeAvailability', 'triggerBootNotification', 'renewStationCertificate',
  // cov-c3
  'unlockConnector', 'publishFirmware', 'unpublishFirmware',
  // security (cov-s4)
  'setBasicAuthPassword', 'renewV2GCertificate',
  // cov-c2 (transactions)
  'getTransactionStatus',
  // Provisioning and trigger (cov-c1).
  'getVariables', 'setVariables', 'getBaseReport', 'getReport', 'reset', 'setNetworkProfile', 'triggerMessage',
  // security (cov-n2)
  'installCertificate', 'getInstalledCertificateIds', 'deleteCertificate',
  // log (cov-n3)
  'getLog'];

/** A variable as one word: `Component[@E[.C]]/Variable` (2.0.1), `Key` (1.6, no component). */
export function variableName(v: VariableRef): string {
  if (!v.component) return v.variable;
  const at = v.evseId === undefined ? '' : `@${v.evseId}${v.connectorId === undefined ? '' : `.${v.connectorId}`}`;
  return `${v.component}${at}/${v.variable}`;
}

/** The inverse of variableName (the command rig's and the UI's notation). */
export function parseVariableName(text: string): VariableRef {
  const m = /^(?:([^/@]+)(?:@(\d+)(?:\.(\d+))?)?\/)?(.+)$/.exec(text.trim());
  if (!m) return { variable: text.trim() };
  return { ...(m[1] ? { component: m[1] } : {}), ...(m[2] ? { evseId: Number(m[2]) } : {}), ...(m[3] ? { connectorId: Number(m[3]) } : {}), variable: m[4] };
}

const scopeOf = (evseId?: number, connectorId?: number): string => (evseId === undefined ? '' : ` for EVSE ${evseId}${connectorId === undefined ? '' : ` connector ${connectorId}`}`);


export function describeCsmsAction(a: CsmsAction): string {
  const at = `station ${a.stationId}`;
  switch (a.type) {
    case 'remoteStart': return `In the CSMS, start a charging session remotely on ${at}, EVSE ${a.evseId} connector ${a.connectorId}, for token ${a.idToken}`;
    case 'remoteStop': return `In the CSMS, stop transaction ${a.transactionId} on ${at} remotely`;
    case 'clearCache': return `In the CSMS, clear the authorization cache of ${at}`;
    case 'getLocalListVersion': return `In the CSMS, ask ${at} for its local authorization list version`;
    case 'sendLocalList': return `In the CSMS, send ${at} a ${a.updateType} local authorization list update${a.add.length ? ` adding ${a.add.join(', ')}` : ''}${a.remove.length ? ` removing ${a.remove.join(', ')}` : ''}${a.updateType === 'Full' && !a.add.length ? ' (empty list)' : ''}`;
    case 'updateFirmware': return `In the CSMS, start a ${a.signed ? 'secure (signed) ' : ''}firmware update of ${at} with the image at ${a.location}${a.retrieveDateTime ? `, downloaded at ${a.retrieveDateTime}` : ''}${a.installDateTime ? `, installed at ${a.installDateTime}` : ''}`;
    case 'changeAvailability': return `In the CSMS, make ${a.evseId === undefined ? `the whole ${at}` : `EVSE ${a.evseId}${a.connectorId === undefined ? '' : ` connector ${a.connectorId}`} of ${at}`} ${a.operative ? 'Operative' : 'Inoperative'}`;
    case 'triggerBootNotification': return `In the CSMS, trigger a BootNotification from ${at}`;
    case 'renewStationCertificate': return `In the CSMS, renew the client certificate of ${at} (the CSMS asks it for a CSR)`;
    // cov-c3
    case 'unlockConnector': return `In the CSMS, unlock connector ${a.connectorId} of EVSE ${a.evseId} of ${at}`;
    case 'publishFirmware': return `In the CSMS, have ${at} (a Local Controller) publish the firmware image at ${a.location}`;
    case 'unpublishFirmware': return `In the CSMS, have ${at} (a Local Controller) stop publishing the firmware image from ${a.location}`;
    // security (cov-s4)
    case 'setBasicAuthPassword': return `In the CSMS, set the HTTP Basic password of ${at} to ${a.password} (2.0.1 BasicAuthPassword; 1.6 AuthorizationKey, hex)`;
    case 'renewV2GCertificate': return `In the CSMS, renew the ISO 15118 ${a.combined ? 'combined (station and V2G) certificate' : 'V2G (SECC) certificate'} of ${at} (the CSMS asks it for a CSR)`
    // cov-c2 (transactions)
    case 'getTransactionStatus': return `In the CSMS, ask ${at} ${a.transactionId === undefined ? 'whether it has transaction messages queued (no transaction named)' : `for the status of transaction ${a.transactionId}`}`;
    // Provisioning and trigger (cov-c1).
    case 'getVariables': return a.variables.length ? `In the CSMS, read ${a.variables.map(variableName).join(', ')} of ${at}` : `In the CSMS, read every configuration key of ${at}`;
    case 'setVariables': return `In the CSMS, set ${a.variables.map((v) => `${variableName(v)} = ${v.value}`).join(', ')} on ${at}`;
    case 'getBaseReport': return `In the CSMS, ask ${at} for its ${a.reportBase} base report`;
    case 'getReport': return `In the CSMS, ask ${at} for a custom report${a.criteria.length ? ` of components ${a.criteria.join(', ')}` : ''}${a.variables.length ? ` of ${a.variables.map(variableName).join(', ')}` : ''}`;
    case 'reset': return `In the CSMS, reset ${a.evseId === undefined ? at : `EVSE ${a.evseId} of ${at}`} (${a.resetType})`;
    case 'setNetworkProfile': return `In the CSMS, set network connection profile slot ${a.slot} of ${at} to ${a.csmsUrl} with security profile ${a.securityProfile}`;
    case 'triggerMessage': return `In the CSMS, trigger a ${a.message} from ${at}${scopeOf(a.evseId, a.connectorId)}`;
    // security (cov-n2)
    case 'installCertificate': return `In the CSMS, install this ${a.certificateType} on ${at}:\n${a.certificate.trim()}`;
    case 'getInstalledCertificateIds': return `In the CSMS, ask ${at} for its installed certificates of type ${a.certificateType}`;
    case 'deleteCertificate': return `In the CSMS, delete from ${at} the certificate with serial number ${a.certificateHashData.serialNumber} (${a.certificateHashData.hashAlgorithm} issuer name hash ${a.certificateHashData.issuerNameHash}) it listed`;
    // log (cov-n3)
    case 'getLog': return `In the CSMS, ask ${at} for its ${a.logType === 'SecurityLog' ? 'security log' : 'diagnostics log'} (GetLog ${a.logType}), to be uploaded to ${a.location}`;
  }
}

/** Positional arguments for the command adapter: action name, then its parameters. */
export function csmsActionArgs(a: CsmsAction): string[] {
  switch (a.type) {
    case 'remoteStart': return [a.type, a.stationId, String(a.evseId), String(a.connectorId), a.idToken];
    case 'remoteStop': return [a.type, a.stationId, a.transactionId];
    case 'clearCache': case 'getLocalListVersion': case 'triggerBootNotification': case 'renewStationCertificate': return [a.type, a.stationId];
    case 'sendLocalList': return [a.type, a.stationId, a.updateType, a.add.join(','), a.remove.join(',')];
    case 'updateFirmware': return [a.type, a.stationId, a.location, a.signed ? 'signed' : 'plain', ...(a.retrieveDateTime || a.installDateTime ? [a.retrieveDateTime ?? '-', ...(a.installDateTime ? [a.installDateTime] : [])] : [])];
    // security (cov-s4)
    case 'setBasicAuthPassword': return [a.type, a.stationId, a.password];
    case 'renewV2GCertificate': return [a.type, a.stationId, a.combined ? 'combined' : 'v2g'];
    case 'changeAvailability': return [a.type, a.stationId, a.operative ? 'Operative' : 'Inoperative', ...(a.evseId === undefined ? [] : [String(a.evseId)]), ...(a.connectorId === undefined ? [] : [String(a.connectorId)])];
    // cov-c3
    case 'unlockConnector': return [a.type, a.stationId, String(a.evseId), String(a.connectorId)];
    case 'publishFirmware': case 'unpublishFirmware': return [a.type, a.stationId, a.location];
    // cov-c2 (transactions)
    case 'getTransactionStatus': return [a.type, a.stationId, ...(a.transactionId === undefined ? [] : [a.transactionId])];
    // Provisioning and trigger (cov-c1).
    case 'getVariables': return [a.type, a.stationId, ...a.variables.map(variableName)];
    case 'setVariables': return [a.type, a.stationId, ...a.variables.map((v) => `${variableName(v)}=${v.value}`)];
    case 'getBaseReport': return [a.type, a.stationId, a.reportBase];
    case 'getReport': return [a.type, a.stationId, a.criteria.join(','), ...a.variables.map(variableName)];
    case 'reset': return [a.type, a.stationId, a.resetType, ...(a.evseId === undefined ? [] : [String(a.evseId)])];
    case 'setNetworkProfile': return [a.type, a.stationId, String(a.slot), a.csmsUrl, String(a.securityProfile)];
    case 'triggerMessage': return [a.type, a.stationId, a.message, ...(a.evseId === undefined ? [] : [String(a.evseId)]), ...(a.connectorId === undefined ? [] : [String(a.connectorId)])];
    // security (cov-n2): the certificate as PEM text; the certificate to delete as its four hash data fields
    case 'installCertificate': return [a.type, a.stationId, a.certificateType, a.certificate];
    case 'getInstalledCertificateIds': return [a.type, a.stationId, a.certificateType];
    case 'deleteCertificate': { const h = a.certificateHashData; return [a.type, a.stationId, h.hashAlgorithm, h.issuerNameHash, h.issuerKeyHash, h.serialNumber]; }
    // log (cov-n3)
    case 'getLog': return [a.type, a.stationId, a.logType, a.location];
  }
}

/** Checks an action received as JSON (HTTP hook, reference CSMS API); a message when it is not one. */
export function checkCsmsAction(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return 'an action must be a JSON object';
  const a = v as Record<string, unknown>;
  if (!CSMS_ACTION_TYPES.includes(a.type as CsmsActionType)) return `unknown action type ${JSON.stringify(a.type)} (known: ${CSMS_ACTION_TYPES.join(', ')})`;
  if (typeof a.stationId !== 'string' || !a.stationId) return 'stationId must be a non-empty string';
  return checkProvisioningFields(a);
}

/** The fields of the provisioning and trigger actions (cov-c1), checked before the reference CSMS builds a request from them. */
function checkProvisioningFields(a: Record<string, unknown>): string | undefined {
  const variables = (v: unknown, withValue: boolean): boolean => Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && typeof (x as VariableRef).variable === 'string' && (!withValue || typeof (x as { value?: unknown }).value === 'string'));
  switch (a.type) {
    case 'getVariables': return variables(a.variables, false) ? undefined : 'variables must be a list of {component?, evseId?, connectorId?, variable}';
    case 'setVariables': return variables(a.variables, true) && (a.variables as unknown[]).length ? undefined : 'variables must be a non-empty list of {component?, evseId?, connectorId?, variable, value}';
    case 'getBaseReport': return ['ConfigurationInventory', 'FullInventory', 'SummaryInventory'].includes(a.reportBase as string) ? undefined : 'reportBase must be ConfigurationInventory, FullInventory or SummaryInventory';
    case 'getReport': return Array.isArray(a.criteria) && variables(a.variables, false) ? undefined : 'getReport needs criteria (a list, may be empty) and variables (a list, may be empty)';
    case 'reset': return ['Immediate', 'OnIdle', 'Hard', 'Soft'].includes(a.resetType as string) ? undefined : 'resetType must be Immediate, OnIdle, Hard or Soft';
    case 'setNetworkProfile': return Number.isInteger(a.slot) && typeof a.csmsUrl === 'string' && Number.isInteger(a.securityProfile) ? undefined : 'setNetworkProfile needs slot (integer), csmsUrl (string) and securityProfile (integer)';
    case 'triggerMessage': return typeof a.message === 'string' && a.message ? undefined : 'message must be the name of the message to trigger';
    // security (cov-n2)
    case 'installCertificate': return typeof a.certificateType === 'string' && typeof a.certificate === 'string' && a.certificate.includes('BEGIN CERTIFICATE') ? undefined : 'installCertificate needs certificateType and certificate (PEM)';
    case 'getInstalledCertificateIds': return typeof a.certificateType === 'string' && a.certificateType ? undefined : 'getInstalledCertificateIds needs certificateType';
    case 'deleteCertificate': {
      const h = a.certificateHashData as Record<string, unknown> | undefined;
      return h && ['hashAlgorithm', 'issuerNameHash', 'issuerKeyHash', 'serialNumber'].every((k) => typeof h[k] === 'string') ? undefined : 'deleteCertificate needs certificateHashData {hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber}';
    }
    // log (cov-n3)
    case 'getLog': return ['SecurityLog', 'DiagnosticsLog'].includes(a.logType as string) && typeof a.location === 'string' && a.location ? undefined : 'getLog needs logType (SecurityLog or DiagnosticsLog) and location (the URL to upload to)';
    default: return undefined;
  }
}
