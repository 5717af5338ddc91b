/**
 * The generated report as a reader sees it (issue 18, "Done when"): a run of two station cases
 * against the simulated station, one with a soft finding (HX_C01_KEYPAD_CS, the keypad code
 * reported with another token type: a SHOULD) and one failing (TC_G_02_CS, the unplugged
 * connector reported Unavailable), its Allure report opened in Debian's Chromium. The reader
 * finds: the soft finding on its case and in its category, the failed case under its own suite
 * file, the key frame in the failure message, the evidence at the case level (no error-context),
 * the marked failure point in the sequence diagram, the traceability matrix (linked from the
 * report) and the executor.
 * Screenshots go to reports/screenshots/ (and are attached).
 */
import { type Locator, type Page, chromium, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFile, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'reports', 'screenshots');
const SOFT_CASE = 'HX_C01_KEYPAD_CS';
const FAILED_CASE = 'TC_G_02_CS';
const SOFT_CATEGORY = 'Soft findings (SHOULD not met, failed with --strict)';

/** A CI environment of our own (a Jenkins-like one), whatever CI this test itself runs in. */
function ciEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|GITLAB_|CI_|BUILD_|JENKINS_|JOB_NAME$|CI$)/.test(k)));
  return { ...env, JOB_NAME: 'ocpp-conformance', BUILD_NUMBER: '42', BUILD_URL: 'https://ci.example.com/job/ocpp-conformance/42/' };
}

function runSuite(dir: string): void {
  const config = join(dir, 'run.json');
  writeFileSync(config, JSON.stringify({ role: 'station', versions: ['2.0.1'], sut: { faults: ['keypad.wrongTokenType', 'status.wrongAfterUnplug'] } }));
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'ocpp-harness'), 'run', '--config', config, '--grep', `${SOFT_CASE}|${FAILED_CASE} `, '--reports', dir], { cwd: ROOT, encoding: 'utf8', env: ciEnv() });
  expect(run.status, run.stdout + run.stderr).toBe(1);
  expect(run.stdout).toMatch(/1 passed, 1 failed/);
}

function serve(site: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const file = normalize(join(site, decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/\/$/, '/index.html')));
    if (!file.startsWith(site)) { res.writeHead(403).end(); return; }
    const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.svg') ? 'image/svg+xml' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : undefined;
    readFile(file, (err, body) => { if (err) res.writeHead(404).end(); else res.writeHead(200, type ? { 'content-type': type } : {}).end(body); });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() })));
}

async function shot(page: Page, name: string, attach: (name: string, path: string) => Promise<void>): Promise<void> {
  const path = join(SHOTS, name);
  await page.screenshot({ path, fullPage: true });
  await attach(name, path);
}

/**
 * Open a case from a tree (categories, suites), then its own page full width:
 * `#.../<uid>/` -> `#testresult/<uid>`. The tree is rendered by script: on a busy machine a click
 * can land while a row is still being re-rendered and be lost, so the click is repeated until the
 * case's address shows (a report that never links the case still fails, after 60 s). A case's
 * uid is a random 64-bit number in hexadecimal, without leading zeros (15 digits one time in 16).
 */
async function openCase(page: Page, row: Locator): Promise<void> {
  const caseUrl = /#\w+\/(?:[\w-]+\/)*[0-9a-f]{8,16}\/?$/;
  await expect(async () => {
    if (!caseUrl.test(page.url())) await row.click();
    await expect(page).toHaveURL(caseUrl, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  const uid = /\/([0-9a-f]{8,16})\/?$/.exec(page.url())![1];
  await page.goto(page.url().replace(/#.*$/, `#testresult/${uid}`));
}

test('the report shows soft findings, evidence first, the failure point and the traceability matrix', async ({}, testInfo) => {
  test.skip(!existsSync(CHROMIUM), `no ${CHROMIUM} (apt-get install chromium)`);
  test.setTimeout(240_000);
  const dir = process.env.OCPP_REPORT_BROWSER_DIR ?? mkdtempSync(join(tmpdir(), 'ocpp-browser-'));
  if (!process.env.OCPP_REPORT_BROWSER_DIR) runSuite(dir);
  mkdirSync(SHOTS, { recursive: true });
  const attach = (name: string, path: string): Promise<void> => testInfo.attach(name, { path, contentType: 'image/png' });
  const site = join(dir, 'allure-report');
  const server = await serve(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const body = page.locator('body');

    // Overview: the executor (from the CI environment) in the Executors panel.
    await page.goto(`${server.url}index.html#`);
    await expect(body).toContainText('Executors');
    await expect(body).toContainText('Jenkins');
    await expect(page.locator('a', { hasText: 'ocpp-conformance #42' }).first()).toHaveAttribute('href', 'https://ci.example.com/job/ocpp-conformance/42/');
    await shot(page, 'report-overview-executor.png', attach);

    // The soft finding gathered in its category, and on its case without opening anything.
    await page.goto(`${server.url}index.html#categories`);
    await page.getByText(SOFT_CATEGORY).first().click();
    await page.getByText(/^Soft finding: a SHOULD not met/).first().click();
    await openCase(page, page.getByText(new RegExp(SOFT_CASE)).first());
    await expect(body).toContainText('Soft finding: a SHOULD not met (the case passes; --strict fails it):');
    await expect(body).toContainText('C01.FR.02: expected Authorize');
    await expect(body).toContainText(`Categories: ${SOFT_CATEGORY}`);
    await expect(page.getByText('soft finding', { exact: true }).first()).toBeVisible();
    // An HX_ case says it has no OCTT id (tag and description), and links no OCTT catalogue entry.
    await expect(page.getByText('harness case, no OCTT id', { exact: true }).first()).toBeVisible();
    await expect(body).toContainText(`${SOFT_CASE}: harness case, no OCTT id`);
    await expect(body).not.toContainText(`${SOFT_CASE} (OCTT catalogue)`);
    await shot(page, 'report-soft-finding-case.png', attach);

    // The failed case: under its own suite file, the key frame in its message, the evidence in its body.
    await page.goto(`${server.url}index.html#suites`);
    await page.getByText('station-ocpp2.0.1', { exact: true }).first().click();
    await page.getByText('suites/station/status/G01-connector-status.spec.ts', { exact: true }).first().click();
    await openCase(page, page.getByText(new RegExp(FAILED_CASE)).first());
    await expect(body).toContainText(`suites/station/status/G01-connector-status.spec.ts › ${FAILED_CASE}`);
    const text = await body.innerText();
    const key = /Actual: closest CALL StatusNotification \(#(\d+)\)/.exec(text)?.[1];
    expect(key, 'the failure names the closest frame').toBeDefined();
    expect(text).toMatch(new RegExp(`Frames it refers to:\\s+0*${key} \\+[\\d.]+s ← \\[2,"[^"]+","StatusNotification",\\{[^\\n]*"connectorStatus":"Unavailable"`));
    expect(text.indexOf('Frames it refers to:')).toBeLessThan(text.indexOf('Last frames'));
    await shot(page, 'report-failed-case-message.png', attach);
    // Evidence first: frame log and diagram right in the test body; no fixture hooks, no error-context.
    await expect(page.locator('.attachment-row', { hasText: 'frames.txt' }).first()).toBeVisible();
    await expect(page.locator('.attachment-row', { hasText: 'sequence.svg' }).first()).toBeVisible();
    await expect(body).not.toContainText('error-context');
    await expect(body).not.toContainText('After Hooks');
    await page.locator('.attachment-row', { hasText: 'frames.txt' }).first().click();
    await expect(body).toContainText('"connectorStatus":"Unavailable"');
    await page.locator('.attachment-row', { hasText: 'frames.txt' }).first().click();
    const svgRow = page.locator('.attachment-row', { hasText: 'sequence.svg' }).first();
    await svgRow.click();
    // The diagram marks the expectation window and the frame that broke it.
    const svgUrl = await svgRow.locator('[data-download]').first().getAttribute('data-download');
    const svg = await (await page.request.get(`${server.url}${svgUrl}`)).text();
    expect(svg).toContain('class="expectation-window" data-kind="failed"');
    expect(svg).toContain(`class="failure-point" data-seq="${key}"`);
    expect(svg).toContain(`✗ #${key} broke G01.FR.04`);
    const preview = page.locator('.attachment-preview_svg img').first();
    await expect(preview).toBeVisible();
    await page.locator('#ocpp-traceability-link').evaluate((e) => { e.style.visibility = 'hidden'; });
    await preview.screenshot({ path: join(SHOTS, 'report-failed-case-sequence.png') });
    await page.locator('#ocpp-traceability-link').evaluate((e) => { e.style.visibility = 'visible'; });
    await attach('report-failed-case-sequence.png', join(SHOTS, 'report-failed-case-sequence.png'));

    // The certification view: the traceability matrix, linked from every view of the report (here the failed case).
    const link = page.locator('#ocpp-traceability-link');
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/traceability\.html$/);
    await expect(page.locator('#traceability-summary')).toContainText('3 reached by a case: 2 passed, 1 failed');
    await expect(page.locator('#traceability-matrix tr[data-requirement="G01.FR.04"]')).toContainText('SHALL');
    await expect(page.locator('#traceability-matrix tr[data-requirement="G01.FR.04"] td.verdict')).toContainText(`failed (${FAILED_CASE})`);
    await expect(page.locator('#traceability-matrix tr[data-requirement="C01.FR.02"]')).toContainText(`${SOFT_CASE} passed`);
    await expect(page.locator('#traceability-matrix tr[data-requirement="C01.FR.02"] td.soft')).toContainText(`${SOFT_CASE}: expected Authorize`);
    await shot(page, 'report-traceability-page.png', attach);
  } finally {
    await browser.close();
    server.close();
  }
});
