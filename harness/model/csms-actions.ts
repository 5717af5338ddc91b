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
  | { type: 'getTransactionStatus'; stationId: string; transactionId?: string };

export type CsmsActionType = CsmsAction['type'];

const CSMS_ACTION_TYPES: CsmsActionType[] = ['remoteStart', 'remoteStop', 'clearCache', 'getLocalListVersion', 'sendLocalList', 'updateFirmware', 'changeAvailability', 'triggerBootNotification', 'renewStationCertificate',
  // cov-c3
  'unlockConnector', 'publishFirmware', 'unpublishFirmware',
  // security (cov-s4)
  'setBasicAuthPassword', 'renewV2GCertificate',
  // cov-c2 (transactions)
  'getTransactionStatus'];


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
  }
}

/** Checks an action received as JSON (HTTP hook, reference CSMS API); a message when it is not one. */
export function checkCsmsAction(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return 'an action must be a JSON object';
  const a = v as Record<string, unknown>;
  if (!CSMS_ACTION_TYPES.includes(a.type as CsmsActionType)) return `unknown action type ${JSON.stringify(a.type)} (known: ${CSMS_ACTION_TYPES.join(', ')})`;
  if (typeof a.stationId !== 'string' || !a.stationId) return 'stationId must be a non-empty string';
  return undefined;
}
