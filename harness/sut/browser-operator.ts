/**
 * The browser operator: a CSMS needs no test API, the user gives a small Playwright script per
 * action that clicks through the CSMS's own web UI (log in, open the station, press "Remote
 * start"). The script module exports `actions` (action type -> async (page, action, ctx)) and
 * optionally `login(page, ctx)`, run once per browser. Runs Debian's Chromium headless (no
 * browser download); a missing script for an action = unsupported (the case is skipped).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UnsupportedAction } from '../model/errors';
import type { CsmsAction, CsmsActionType } from '../model/csms-actions';
import type { CsmsOperator } from './operator';

/** What a script gets besides the page: the CSMS's UI address and the UI credentials (secrets). */
export interface BrowserContextInfo { baseUrl: string; user?: string; password?: string }
type ActionScript = (page: unknown, action: CsmsAction, ctx: BrowserContextInfo) => Promise<void>;
interface ScriptModule { actions?: Partial<Record<CsmsActionType, ActionScript>>; login?: (page: unknown, ctx: BrowserContextInfo) => Promise<void> }

export const CHROMIUM_PATH = process.env.OCPP_HARNESS_CHROMIUM ?? '/usr/bin/chromium';

export class BrowserOperator implements CsmsOperator {
  readonly name = 'browser';
  private module?: ScriptModule;
  private browser?: { close(): Promise<void>; newPage(): Promise<unknown> };
  private page?: { setDefaultTimeout(ms: number): void; screenshot(o: object): Promise<Buffer> };
  /** Screenshot of the page after the last action (the fixture attaches it). */
  lastScreenshot?: Buffer;

  constructor(private readonly scriptPath: string, private readonly ctx: BrowserContextInfo, private readonly timeoutMs: number) {}

  private load(): ScriptModule {
    if (!this.module) {
      const file = resolve(this.scriptPath);
      if (!existsSync(file)) throw new Error(`browser operator script ${file} does not exist`);
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      this.module = require(file) as ScriptModule;
      if (typeof this.module.actions !== 'object') throw new Error(`browser operator script ${file} must export "actions"`);
    }
    return this.module;
  }

  supports(type: CsmsActionType): boolean {
    try { return typeof this.load().actions?.[type] === 'function'; } catch { return false; }
  }

  async perform(action: CsmsAction): Promise<void> {
    const script = this.load().actions?.[action.type];
    if (!script) throw new UnsupportedAction(action.type, 'browser (no script for this action)');
    if (!existsSync(CHROMIUM_PATH)) throw new UnsupportedAction(action.type, `browser (no Chromium at ${CHROMIUM_PATH})`);
    if (!this.browser) {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
      this.browser = browser as unknown as BrowserOperator['browser'];
      const page = await browser.newPage();
      page.setDefaultTimeout(this.timeoutMs);
      this.page = page as unknown as BrowserOperator['page'];
      await this.module!.login?.(page, this.ctx);
    }
    try {
      await script(this.page, action, this.ctx);
    } finally {
      this.lastScreenshot = await this.page!.screenshot({ fullPage: true }).catch(() => undefined);
    }
  }

  async close(): Promise<void> { await this.browser?.close().catch(() => undefined); this.browser = undefined; }
}
