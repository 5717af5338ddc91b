/**
 * The generated report as a reader sees it: Debian's Chromium opens the Allure report of a run
 * with a failing case, goes to the failure through its category, and finds the case id, the
 * requirement ids, the frame log and the sequence diagram. A screenshot is kept as an artifact.
 */
import { chromium, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFile } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');

test('the report shows a failed case with its requirements, frame log and sequence diagram', async ({}, testInfo) => {
  test.skip(!existsSync(CHROMIUM), `no ${CHROMIUM} (apt-get install chromium)`);
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-browser-'));
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'ocpp-harness'), 'run', '--version', '2.0.1', '--fault', 'availability.rejects', '--grep', 'TC_G_03_CS', '--reports', dir], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(1);
  const site = join(dir, 'allure-report');
  const server = createServer((req, res) => {
    const file = normalize(join(site, decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/\/$/, '/index.html')));
    if (!file.startsWith(site)) { res.writeHead(403).end(); return; }
    readFile(file, (err, body) => { if (err) res.writeHead(404).end(); else res.end(body); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html#categories`);
    await page.getByText('Protocol violation').first().click();
    await page.locator('.node__title').nth(1).click();
    await page.getByText(/TC_G_03_CS/).first().click();
    await expect(page.locator('body')).toContainText('G03.FR.02: expected CALLRESULT ChangeAvailability');
    await expect(page.locator('body')).toContainText('Requirements: G03.FR.02, G03.FR.04, G03.FR.06');
    await expect(page.locator('a', { hasText: 'G03.FR.02' }).first()).toBeVisible();
    await expect(page.locator('body')).toContainText('Last frames (→ harness sent, ← SUT sent)');
    await page.getByText('After Hooks').first().click();
    // The reporting fixture attached them: open its step if the hooks are shown collapsed.
    if (!(await page.getByText('frames.txt').first().isVisible())) await page.getByText('Fixture "_journal"').last().click();
    await expect(page.getByText('frames.txt').first()).toBeVisible();
    await expect(page.getByText('sequence.svg').first()).toBeVisible();
    await page.getByText('sequence.svg').first().click();
    await page.screenshot({ path: testInfo.outputPath('report-failed-case.png'), fullPage: true });
    await testInfo.attach('report-failed-case.png', { path: testInfo.outputPath('report-failed-case.png'), contentType: 'image/png' });
  } finally {
    await browser.close();
    server.close();
  }
});
