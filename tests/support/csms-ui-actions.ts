/**
 * Browser operator script for the reference CSMS's web UI (what a user writes for their own
 * CSMS): log in once, then one function per operator action that clicks through the UI.
 */
import type { Page } from 'playwright-core';
import type { BrowserContextInfo } from '../../harness/sut/browser-operator';
import { type CsmsAction, variableName } from '../../harness/model/csms-actions';

export async function login(page: Page, ctx: BrowserContextInfo): Promise<void> {
  await page.goto(`${ctx.baseUrl}/login`);
  await page.getByLabel('User').fill(ctx.user ?? '');
  await page.getByLabel('Password').fill(ctx.password ?? '');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Reference CSMS: stations' }).waitFor();
}

async function openStation(page: Page, ctx: BrowserContextInfo, stationId: string): Promise<void> {
  await page.goto(`${ctx.baseUrl}/`);
  await page.getByRole('link', { name: stationId, exact: true }).click();
  await page.getByRole('heading', { name: `Station ${stationId}` }).waitFor();
}

export const actions = {
  async remoteStart(page: Page, a: Extract<CsmsAction, { type: 'remoteStart' }>, ctx: BrowserContextInfo): Promise<void> {
    await openStation(page, ctx, a.stationId);
    const form = page.getByRole('group', { name: 'Remote start' });
    await form.getByLabel('EVSE').fill(String(a.evseId));
    await form.getByLabel('Connector').fill(String(a.connectorId));
    await form.getByLabel('Token').fill(a.idToken);
    await form.getByRole('button', { name: 'Remote start' }).click();
    await page.getByRole('status').filter({ hasText: 'remote-start' }).waitFor();
  },
  async remoteStop(page: Page, a: Extract<CsmsAction, { type: 'remoteStop' }>, ctx: BrowserContextInfo): Promise<void> {
    await openStation(page, ctx, a.stationId);
    const form = page.getByRole('group', { name: 'Remote stop' });
    await form.getByLabel('Transaction').fill(a.transactionId);
    await form.getByRole('button', { name: 'Remote stop' }).click();
    await page.getByRole('status').filter({ hasText: 'remote-stop' }).waitFor();
  },
  async clearCache(page: Page, a: Extract<CsmsAction, { type: 'clearCache' }>, ctx: BrowserContextInfo): Promise<void> {
    await openStation(page, ctx, a.stationId);
    await page.getByRole('button', { name: 'Clear authorization cache' }).click();
    await page.getByRole('status').filter({ hasText: 'clear-cache' }).waitFor();
  },
  async unlockConnector(page: Page, a: Extract<CsmsAction, { type: 'unlockConnector' }>, ctx: BrowserContextInfo): Promise<void> {
    await openStation(page, ctx, a.stationId);
    const form = page.getByRole('group', { name: 'Unlock connector' });
    await form.getByLabel('EVSE').fill(String(a.evseId));
    await form.getByLabel('Connector').fill(String(a.connectorId));
    await form.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('status').filter({ hasText: 'unlock-connector' }).waitFor();
  },
  // Provisioning and trigger (cov-c1): one form per action, filled and submitted.
  async getVariables(page: Page, a: Extract<CsmsAction, { type: 'getVariables' }>, ctx: BrowserContextInfo): Promise<void> {
    await submit(page, ctx, a.stationId, 'Get variables', { Variables: a.variables.map(variableName).join(' ') }, 'get-variables');
  },
  async setVariables(page: Page, a: Extract<CsmsAction, { type: 'setVariables' }>, ctx: BrowserContextInfo): Promise<void> {
    await submit(page, ctx, a.stationId, 'Set variables', { Settings: a.variables.map((v) => `${variableName(v)}=${v.value}`).join(' ') }, 'set-variables');
  },
  async getBaseReport(page: Page, a: Extract<CsmsAction, { type: 'getBaseReport' }>, ctx: BrowserContextInfo): Promise<void> {
    await openStation(page, ctx, a.stationId);
    const form = page.getByRole('group', { name: 'Base report' });
    await form.getByLabel('Report base').selectOption(a.reportBase);
    await form.getByRole('button', { name: 'Get base report' }).click();
    await page.getByRole('status').filter({ hasText: 'get-base-report' }).waitFor();
  },
  async getReport(page: Page, a: Extract<CsmsAction, { type: 'getReport' }>, ctx: BrowserContextInfo): Promise<void> {
    await submit(page, ctx, a.stationId, 'Custom report', { Criteria: a.criteria.join(' '), Variables: a.variables.map(variableName).join(' ') }, 'get-report');
  },
  async reset(page: Page, a: Extract<CsmsAction, { type: 'reset' }>, ctx: BrowserContextInfo): Promise<void> {
    await submit(page, ctx, a.stationId, 'Reset', { Type: a.resetType, EVSE: a.evseId === undefined ? '' : String(a.evseId) }, 'reset');
  },
  async setNetworkProfile(page: Page, a: Extract<CsmsAction, { type: 'setNetworkProfile' }>, ctx: BrowserContextInfo): Promise<void> {
    await submit(page, ctx, a.stationId, 'Network profile', { Slot: String(a.slot), 'CSMS URL': a.csmsUrl, 'Security profile': String(a.securityProfile) }, 'set-network-profile');
  },
  async triggerMessage(page: Page, a: Extract<CsmsAction, { type: 'triggerMessage' }>, ctx: BrowserContextInfo): Promise<void> {
    await submit(page, ctx, a.stationId, 'Trigger message', { Message: a.message, EVSE: a.evseId === undefined ? '' : String(a.evseId), Connector: a.connectorId === undefined ? '' : String(a.connectorId) }, 'trigger-message');
  },
  // log (cov-n3)
  async getLog(page: Page, a: Extract<CsmsAction, { type: 'getLog' }>, ctx: BrowserContextInfo): Promise<void> {
    await openStation(page, ctx, a.stationId);
    const form = page.getByRole('group', { name: 'Get log' });
    await form.getByLabel('Log type').selectOption(a.logType);
    await form.getByLabel('Location').fill(a.location);
    await form.getByRole('button', { name: 'Get log' }).click();
    await page.getByRole('status').filter({ hasText: 'get-log' }).waitFor();
  },
};

/** Opens the station, fills the labelled fields of the form named `legend`, submits it and waits for the confirmation of `op`. */
async function submit(page: Page, ctx: BrowserContextInfo, stationId: string, legend: string, fields: Record<string, string>, op: string): Promise<void> {
  await openStation(page, ctx, stationId);
  const form = page.getByRole('group', { name: legend });
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label, { exact: true }).fill(value);
  await form.getByRole('button').click();
  await page.getByRole('status').filter({ hasText: op }).waitFor();
}
