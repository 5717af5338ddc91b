/**
 * The reference CSMS's operator web UI: a login, a station list and a station page with the
 * operator actions as forms (remote start / stop, clear cache, firmware update, unlock,
 * publish / unpublish firmware; variables, reports, reset, network profile, trigger message). It exists so the
 * browser operator adapter can be shown clicking through a CSMS's own UI (tests/e2e); plain
 * HTML, no scripts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type CsmsAction, type ComponentCriterion, type ReportBase, type ResetKind, parseVariableName } from '../../model/csms-actions';
import { readBody } from './action-api';
import type { ReferenceData, StationRecord } from './store';

/** What the UI needs of the reference CSMS: its login, its stations, and the operator actions. */
interface UiBackend {
  readonly data: Pick<ReferenceData, 'uiPassword'>;
  readonly stations: ReadonlyMap<string, StationRecord>;
  perform(action: CsmsAction): void;
}

const sessions = new Set<string>();
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;

function loggedIn(csms: UiBackend, req: IncomingMessage): boolean {
  if (!csms.data.uiPassword) return true;
  const m = /(?:^|;\s*)refcsms=([0-9a-f]+)/.exec(req.headers.cookie ?? '');
  return !!m && sessions.has(m[1]);
}

const words = (v: string | null): string[] => (v ?? '').split(/[\s,]+/).filter(Boolean);

/** The provisioning and trigger forms (cov-c1): one fieldset per action, named by its legend. */
function provisioningForms(base: string): string[] {
  const form = (op: string, legend: string, fields: string, button: string): string => `<form method="post" action="${base}/${op}"><fieldset><legend>${legend}</legend>${fields} <button type="submit">${button}</button></fieldset></form>`;
  return [
    form('get-variables', 'Get variables', '<label>Variables <input name="variables"></label>', 'Get variables'),
    form('set-variables', 'Set variables', '<label>Settings <input name="settings"></label>', 'Set variables'),
    form('get-base-report', 'Base report', '<label>Report base <select name="reportBase"><option>ConfigurationInventory</option><option selected>FullInventory</option><option>SummaryInventory</option></select></label>', 'Get base report'),
    form('get-report', 'Custom report', '<label>Criteria <input name="criteria"></label> <label>Variables <input name="variables"></label>', 'Get custom report'),
    form('reset', 'Reset', '<label>Type <input name="resetType" value="OnIdle"></label> <label>EVSE <input name="evseId"></label>', 'Reset'),
    form('set-network-profile', 'Network profile', '<label>Slot <input name="slot" value="1"></label> <label>CSMS URL <input name="csmsUrl"></label> <label>Security profile <input name="securityProfile" value="0"></label>', 'Set network profile'),
    form('trigger-message', 'Trigger message', '<label>Message <input name="message"></label> <label>EVSE <input name="evseId"></label> <label>Connector <input name="connectorId"></label>', 'Trigger message'),
  ];
}

/** Handles the UI's routes; false when the request is not one of them. */
export async function handleUi(csms: UiBackend, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  const html = (status: number, title: string, body: string): void => { res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(page(title, body)); };
  if (url.pathname === '/login' && req.method === 'GET') {
    html(200, 'Reference CSMS: log in', '<form method="post" action="/login"><label>User <input name="user"></label> <label>Password <input name="password" type="password"></label> <button type="submit">Log in</button></form>');
    return true;
  }
  if (url.pathname === '/login' && req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const given = Buffer.from(form.get('password') ?? '');
    const expected = Buffer.from(csms.data.uiPassword ?? '');
    if (form.get('user') !== 'operator' || given.length !== expected.length || !timingSafeEqual(given, expected)) { html(401, 'Reference CSMS: log in', '<p role="alert">Wrong user or password</p><a href="/login">Try again</a>'); return true; }
    const token = randomBytes(16).toString('hex');
    sessions.add(token);
    res.writeHead(303, { location: '/', 'set-cookie': `refcsms=${token}; HttpOnly; SameSite=Strict; Path=/` }).end();
    return true;
  }
  if (url.pathname !== '/' && !url.pathname.startsWith('/stations/')) return false;
  if (!loggedIn(csms, req)) { res.writeHead(303, { location: '/login' }).end(); return true; }
  if (url.pathname === '/') {
    const rows = [...csms.stations.values()].map((s) => `<li><a href="/stations/${encodeURIComponent(s.id)}">${esc(s.id)}</a> ${s.conn?.isOpen ? 'connected' : 'offline'} (OCPP ${esc(s.version ?? '?')}, ${esc(s.registration ?? 'not booted')})</li>`);
    html(200, 'Reference CSMS: stations', `<ul>${rows.join('') || '<li>no station has connected</li>'}</ul>`);
    return true;
  }
  const [, , rawId, op] = url.pathname.split('/');
  const stationId = decodeURIComponent(rawId ?? '');
  if (req.method === 'POST' && op) {
    const f = new URLSearchParams(await readBody(req));
    const n = (k: string, d: number): number => (f.get(k) ? Number(f.get(k)) : d);
    const actions: Record<string, () => CsmsAction> = {
      'remote-start': () => ({ type: 'remoteStart', stationId, evseId: n('evseId', 1), connectorId: n('connectorId', 1), idToken: f.get('idToken') ?? '' }),
      'remote-stop': () => ({ type: 'remoteStop', stationId, transactionId: f.get('transactionId') ?? '' }),
      'clear-cache': () => ({ type: 'clearCache', stationId }),
      'update-firmware': () => ({ type: 'updateFirmware', stationId, location: f.get('location') ?? '', signed: f.get('signed') === 'on' }),
      // cov-c3
      'unlock-connector': () => ({ type: 'unlockConnector', stationId, evseId: n('evseId', 1), connectorId: n('connectorId', 1) }),
      'publish-firmware': () => ({ type: 'publishFirmware', stationId, location: f.get('location') ?? '' }),
      'unpublish-firmware': () => ({ type: 'unpublishFirmware', stationId, location: f.get('location') ?? '' }),
      // Provisioning and trigger (cov-c1): words separated by spaces, variables as Component[@E[.C]]/Variable (1.6: the key).
      'get-variables': () => ({ type: 'getVariables', stationId, variables: words(f.get('variables')).map(parseVariableName) }),
      'set-variables': () => ({ type: 'setVariables', stationId, variables: words(f.get('settings')).map((w) => { const [name, ...value] = w.split('='); return { ...parseVariableName(name), value: value.join('=') }; }) }),
      'get-base-report': () => ({ type: 'getBaseReport', stationId, reportBase: (f.get('reportBase') ?? 'FullInventory') as ReportBase }),
      'get-report': () => ({ type: 'getReport', stationId, criteria: words(f.get('criteria')) as ComponentCriterion[], variables: words(f.get('variables')).map(parseVariableName) }),
      'reset': () => ({ type: 'reset', stationId, resetType: (f.get('resetType') ?? 'OnIdle') as ResetKind, ...(f.get('evseId') ? { evseId: n('evseId', 0) } : {}) }),
      'set-network-profile': () => ({ type: 'setNetworkProfile', stationId, slot: n('slot', 1), csmsUrl: f.get('csmsUrl') ?? '', securityProfile: n('securityProfile', 0) }),
      'trigger-message': () => ({ type: 'triggerMessage', stationId, message: f.get('message') ?? '', ...(f.get('evseId') ? { evseId: n('evseId', 0) } : {}), ...(f.get('connectorId') ? { connectorId: n('connectorId', 0) } : {}) }),
      // log (cov-n3)
      'get-log': () => ({ type: 'getLog', stationId, logType: f.get('logType') === 'DiagnosticsLog' ? 'DiagnosticsLog' : 'SecurityLog', location: f.get('location') ?? '' }),
    };
    const make = actions[op];
    if (!make) { html(404, 'Not found', `<p>no action ${esc(op)}</p>`); return true; }
    try { csms.perform(make()); } catch (e) { html(409, 'Action failed', `<p role="alert">${esc((e as Error).message)}</p>`); return true; }
    res.writeHead(303, { location: `/stations/${encodeURIComponent(stationId)}?done=${op}` }).end();
    return true;
  }
  const rec = csms.stations.get(stationId);
  if (!rec) { html(404, 'Not found', `<p>unknown station ${esc(stationId)}</p>`); return true; }
  const done = url.searchParams.get('done');
  html(200, `Station ${stationId}`, [
    done ? `<p role="status">Started: ${esc(done)}</p>` : '',
    `<p>${rec.conn?.isOpen ? 'connected' : 'offline'}, OCPP ${esc(rec.version ?? '?')}, firmware status ${esc(rec.firmwareStatus ?? '—')}</p>`,
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/remote-start"><fieldset><legend>Remote start</legend><label>EVSE <input name="evseId" value="1"></label> <label>Connector <input name="connectorId" value="1"></label> <label>Token <input name="idToken"></label> <button type="submit">Remote start</button></fieldset></form>`,
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/remote-stop"><fieldset><legend>Remote stop</legend><label>Transaction <input name="transactionId"></label> <button type="submit">Remote stop</button></fieldset></form>`,
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/clear-cache"><button type="submit">Clear authorization cache</button></form>`,
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/update-firmware"><fieldset><legend>Firmware update</legend><label>Location <input name="location"></label> <label><input type="checkbox" name="signed"> Signed</label> <button type="submit">Update firmware</button></fieldset></form>`,
    // cov-c3
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/unlock-connector"><fieldset><legend>Unlock connector</legend><label>EVSE <input name="evseId" value="1"></label> <label>Connector <input name="connectorId" value="1"></label> <button type="submit">Unlock</button></fieldset></form>`,
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/publish-firmware"><fieldset><legend>Publish firmware</legend><label>Location <input name="location"></label> <button type="submit">Publish</button></fieldset></form>`,
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/unpublish-firmware"><fieldset><legend>Unpublish firmware</legend><label>Location <input name="location"></label> <button type="submit">Unpublish</button></fieldset></form>`,
    ...provisioningForms(`/stations/${encodeURIComponent(stationId)}`),
    // log (cov-n3)
    `<form method="post" action="/stations/${encodeURIComponent(stationId)}/get-log"><fieldset><legend>Get log</legend><label>Log type <select name="logType"><option selected>SecurityLog</option><option>DiagnosticsLog</option></select></label> <label>Location <input name="location"></label> <button type="submit">Get log</button></fieldset></form>`,
  ].join('\n'));
  return true;
}
