/**
 * Browser operator script for the reference CSMS's web UI (what a user writes for their own
 * CSMS): log in once, then one function per operator action that clicks through the UI.
 */
import type { Page } from 'playwright-core';
import type { BrowserContextInfo } from '../../harness/sut/browser-operator';
import type { CsmsAction } from '../../harness/model/csms-actions';

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
};
