#!/usr/bin/env node
/*
 * hook-server.js: the operator of a CSMS under test, for the http operator adapter
 * (docs/writing-a-rig.md, "CSMS under test"). Plain Node 20+, no dependencies, no build:
 *
 *   HOOK_PORT=8080 node hook-server.js &
 *   npx ocpp-harness run --role csms --url wss://csms.example.com/ocpp --adapter http --hook-url http://127.0.0.1:8080/ ...
 *
 * The harness POSTs each operator action as JSON ({"type":"clearCache","stationId":"CS001"}) and
 * reads the status:
 *   2xx  the CSMS has started the action (the case then waits for the CSMS's request)
 *   501  this CSMS (or this hook) cannot do it: the case is SKIPPED, the body is the reason
 *   *    it failed: the case FAILS, quoting the status and the body
 *
 * Wire your CSMS in the section "YOUR CSMS" below: one function per action, taking plain values,
 * that gets the CSMS to start it (its REST API, its CLI, its database queue...) and returns once
 * the CSMS has accepted it; cannot("why") for what it does not offer. Until a function is wired,
 * list its action in HOOK_CANNOT (comma-separated): those cases are skipped with that reason.
 *
 * As shipped, each action goes to a CSMS API taking the action itself as JSON (CSMS_API +
 * /api/actions): the reference CSMS's (`npx ocpp-harness reference-csms --port 9100`).
 */
'use strict';
const http = require('node:http');

/** Say "this CSMS cannot": the hook answers 501 and the case is skipped with `why`. */
class Cannot extends Error {}
const cannot = (why) => { throw new Cannot(why); };

// ───────────────────────────── YOUR CSMS ─────────────────────────────
const CSMS_API = process.env.CSMS_API;

/** Starts an action through the CSMS's API; resolves once the CSMS has accepted it. */
async function api(action) {
  if (!CSMS_API) cannot('CSMS_API is not set: wire hook-server.js to your CSMS, or point it at the reference CSMS');
  const res = await fetch(`${CSMS_API}/api/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(action) });
  const text = (await res.text()).trim();
  if (res.status === 501) cannot(text || `the CSMS API cannot ${action.type}`);
  if (!res.ok) throw new Error(`the CSMS API answered HTTP ${res.status} to ${action.type}: ${text}`);
}

const csms = {
  /** RequestStartTransaction (2.0.1) / RemoteStartTransaction (1.6) to the station, for idToken on that EVSE and connector. */
  remoteStart: (stationId, evseId, connectorId, idToken) => api({ type: 'remoteStart', stationId, evseId, connectorId, idToken }),
  /** RequestStopTransaction / RemoteStopTransaction for the transaction (its id as a string). */
  remoteStop: (stationId, transactionId) => api({ type: 'remoteStop', stationId, transactionId }),
  /** ClearCache to the station. */
  clearCache: (stationId) => api({ type: 'clearCache', stationId }),
  /** GetLocalListVersion to the station. */
  getLocalListVersion: (stationId) => api({ type: 'getLocalListVersion', stationId }),
  /** SendLocalList: updateType Full or Differential, add and remove lists of idTokens. */
  sendLocalList: (stationId, updateType, add, remove) => api({ type: 'sendLocalList', stationId, updateType, add, remove }),
  /** UpdateFirmware with the image at `location`; signed = a secure (signed) firmware update; optional ISO times to download from and install at. */
  updateFirmware: (stationId, location, signed, retrieveDateTime, installDateTime) => api({ type: 'updateFirmware', stationId, location, signed, ...(retrieveDateTime ? { retrieveDateTime } : {}), ...(installDateTime ? { installDateTime } : {}) }),
  /** ChangeAvailability: the whole station (no evseId), an EVSE, or one connector of it. */
  changeAvailability: (stationId, operative, evseId, connectorId) => api({ type: 'changeAvailability', stationId, operative, ...(evseId === undefined ? {} : { evseId }), ...(connectorId === undefined ? {} : { connectorId }) }),
  /** TriggerMessage BootNotification to the station. */
  triggerBootNotification: (stationId) => api({ type: 'triggerBootNotification', stationId }),
  /** Certificate renewal: the CSMS triggers SignCertificate (the station sends a CSR). */
  renewStationCertificate: (stationId) => api({ type: 'renewStationCertificate', stationId }),
  /** UnlockConnector for that connector of that EVSE. */
  unlockConnector: (stationId, evseId, connectorId) => api({ type: 'unlockConnector', stationId, evseId, connectorId }),
  /** PublishFirmware (2.0.1 L03): the station, a Local Controller, publishes the image at `location`. */
  publishFirmware: (stationId, location) => api({ type: 'publishFirmware', stationId, location }),
  /** UnpublishFirmware (2.0.1 L04): it stops publishing the image it published from `location`. */
  unpublishFirmware: (stationId, location) => api({ type: 'unpublishFirmware', stationId, location }),
  /** GetVariables (1.6 GetConfiguration) of [{component?, evseId?, connectorId?, variable}]. */
  getVariables: (stationId, variables) => api({ type: 'getVariables', stationId, variables }),
  /** SetVariables (1.6 ChangeConfiguration) of [{component?, evseId?, connectorId?, variable, value}]. */
  setVariables: (stationId, variables) => api({ type: 'setVariables', stationId, variables }),
  /** GetBaseReport ConfigurationInventory, FullInventory or SummaryInventory. */
  getBaseReport: (stationId, reportBase) => api({ type: 'getBaseReport', stationId, reportBase }),
  /** GetReport with componentCriteria and/or componentVariable. */
  getReport: (stationId, criteria, variables) => api({ type: 'getReport', stationId, criteria, variables }),
  /** Reset Immediate / OnIdle (1.6 Hard / Soft), of one EVSE when evseId is given. */
  reset: (stationId, resetType, evseId) => api({ type: 'reset', stationId, resetType, ...(evseId === undefined ? {} : { evseId }) }),
  /** SetNetworkProfile for a configuration slot. */
  setNetworkProfile: (stationId, slot, csmsUrl, securityProfile) => api({ type: 'setNetworkProfile', stationId, slot, csmsUrl, securityProfile }),
  /** TriggerMessage of any message, optionally for an EVSE / connector. */
  triggerMessage: (stationId, message, evseId, connectorId) => api({ type: 'triggerMessage', stationId, message, ...(evseId === undefined ? {} : { evseId }), ...(connectorId === undefined ? {} : { connectorId }) }),
  /** GetLog (1.6 security whitepaper N01): the station uploads its SecurityLog / DiagnosticsLog to `location`. */
  getLog: (stationId, logType, location) => api({ type: 'getLog', stationId, logType, location }),
};
// ──────────────────────────────────────────────────────────────────────

/** Every operator action the harness sends (harness/model/csms-actions.ts), with its fields. */
const ACTIONS = {
  remoteStart: (a) => csms.remoteStart(a.stationId, a.evseId, a.connectorId, a.idToken),
  remoteStop: (a) => csms.remoteStop(a.stationId, a.transactionId),
  clearCache: (a) => csms.clearCache(a.stationId),
  getLocalListVersion: (a) => csms.getLocalListVersion(a.stationId),
  sendLocalList: (a) => csms.sendLocalList(a.stationId, a.updateType, a.add ?? [], a.remove ?? []),
  updateFirmware: (a) => csms.updateFirmware(a.stationId, a.location, a.signed === true, a.retrieveDateTime, a.installDateTime),
  changeAvailability: (a) => csms.changeAvailability(a.stationId, a.operative === true, a.evseId, a.connectorId),
  triggerBootNotification: (a) => csms.triggerBootNotification(a.stationId),
  renewStationCertificate: (a) => csms.renewStationCertificate(a.stationId),
  unlockConnector: (a) => csms.unlockConnector(a.stationId, a.evseId, a.connectorId),
  publishFirmware: (a) => csms.publishFirmware(a.stationId, a.location),
  unpublishFirmware: (a) => csms.unpublishFirmware(a.stationId, a.location),
  getVariables: (a) => csms.getVariables(a.stationId, a.variables ?? []),
  setVariables: (a) => csms.setVariables(a.stationId, a.variables ?? []),
  getBaseReport: (a) => csms.getBaseReport(a.stationId, a.reportBase),
  getReport: (a) => csms.getReport(a.stationId, a.criteria ?? [], a.variables ?? []),
  reset: (a) => csms.reset(a.stationId, a.resetType, a.evseId),
  setNetworkProfile: (a) => csms.setNetworkProfile(a.stationId, a.slot, a.csmsUrl, a.securityProfile),
  triggerMessage: (a) => csms.triggerMessage(a.stationId, a.message, a.evseId, a.connectorId),
  getLog: (a) => csms.getLog(a.stationId, a.logType, a.location),
};

const notWired = new Set((process.env.HOOK_CANNOT ?? '').split(',').map((x) => x.trim()).filter(Boolean));

/** The hook's answer to one request: [status, body]. */
async function handle(method, body) {
  if (method !== 'POST') return [405, 'POST an operator action as JSON'];
  let action;
  try { action = JSON.parse(body); } catch { return [400, 'the body is not JSON']; }
  if (!action || typeof action.type !== 'string' || typeof action.stationId !== 'string') return [400, 'an action is {"type": ..., "stationId": ..., ...}'];
  const run = Object.prototype.hasOwnProperty.call(ACTIONS, action.type) ? ACTIONS[action.type] : undefined;
  try {
    if (notWired.has(action.type)) cannot(`${action.type} is not wired to this CSMS (HOOK_CANNOT)`);
    // An action this hook does not know (a newer harness may send more): skip, never fail.
    if (!run) cannot(`hook-server.js does not know the action ${JSON.stringify(action.type)}`);
    await run(action);
    return [202, `started ${action.type} on ${action.stationId}`];
  } catch (e) {
    return [e instanceof Cannot ? 501 : 502, e && e.message ? e.message : String(e)];
  }
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', async () => {
    const [status, text] = await handle(req.method, body);
    process.stderr.write(`hook: ${status} ${text}\n`);
    res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
  });
});

server.listen(Number(process.env.HOOK_PORT ?? 8080), process.env.HOOK_HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  process.stdout.write(`hook http://${address}:${port}/\n`);
});
const stop = () => { server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
