/**
 * The report in a real browser: headless Chromium from the system (Debian package `chromium`,
 * driven by playwright-core; `playwright install` is never used), loading the report from a
 * file:// URL with every request routed. It asserts that every chart draws (an svg or canvas of
 * non-zero size in each chart container), that no request leaves the page, that the console stays
 * free of errors, and that tooltips work.
 *
 * The screenshot is saved to out/report-screenshot.png for review and only checked to be
 * non-trivial, not compared with a golden PNG: anti-aliasing, font hinting and Chromium's text
 * rendering differ between machines and versions, so a pixel comparison would fail for reasons
 * that are not bugs; the spec golden files pin what the charts draw.
 *
 * Skipped (with a message) only when Chromium is absent outside CI; in CI (`CI` set, as .ci/run
 * does after installing chromium) it always runs.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.js';
import { reportHtml } from '../../src/report/html.js';
import { evaluateEvidence } from '../../src/forecast/evidence/evaluate.js';
import { loadLedger } from '../../src/io/ledger.js';
import { loadScenario } from '../../src/io/scenarioFile.js';
import { fixtureDeltaNpvRuns, fixtureForecast, fixtureSensitivity } from '../charts/fixture.js';

/** The evidence rows of default.yaml over a few worlds (the section's content, not its precision, is under test). */
function evidenceRows() {
  const r = loadScenario('scenarios/default.yaml', []);
  if (!r.ok) throw new Error('default.yaml does not load');
  return evaluateEvidence(r.value.scenario, { runs: 10, ledger: loadLedger() });
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const absent = !existsSync(CHROMIUM);
const skip = absent && !process.env.CI;
if (skip) console.warn(`skipping the browser test of the report: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); in CI it runs`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(skip)('report.html in headless Chromium', () => {
  const forecast = fixtureForecast();
  const sensitivity = fixtureSensitivity();
  const charts = buildCharts(forecast, { deltaNpvRuns: fixtureDeltaNpvRuns(), sensitivity });
  const evidence = { runs: 10, seed: 42, policy: 'Exceed expectations', rows: evidenceRows() };
  let tmp = '';
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    if (absent) throw new Error(`Chromium not found at ${CHROMIUM}; CI must install it (.ci/run: apt-get install chromium)`);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'servicecast-report-'));
    const file = path.join(tmp, 'report.html');
    writeFileSync(file, reportHtml(forecast, charts, { manifest: { command: 'servicecast run fixture.yaml', seed: 7, version: '0.1.0', scenarioHash: 'f'.repeat(64) }, sensitivity, evidence }));
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1100, height: 900 },
      offline: true,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(file|data|blob):/.test(url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
      if (m.type() === 'warning') consoleWarnings.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    page.on('request', (r) => {
      if (!/^(file|data|blob):/.test(r.url())) outside.push(r.url());
    });
    page.on('websocket', (w) => outside.push(w.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction("document.documentElement.getAttribute('data-charts') === 'done'", null, { timeout: 60_000 });
  });

  afterAll(async () => {
    await context?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('draws every chart: an svg or canvas of non-zero size in each container', async () => {
    const drawn = await page.$$eval('.chart[data-chart]', (els) =>
      els.map((el) => {
        const g = el.querySelector('svg, canvas');
        const r = g?.getBoundingClientRect();
        return { id: el.getAttribute('data-chart'), state: el.getAttribute('data-state'), width: r?.width ?? 0, height: r?.height ?? 0 };
      }),
    );
    expect(drawn.map((d) => d.id)).toEqual(charts.map((c) => c.id));
    for (const d of drawn) {
      expect(d.state, `chart ${d.id}`).toBe('rendered');
      expect(d.width, `width of ${d.id}`).toBeGreaterThan(100);
      expect(d.height, `height of ${d.id}`).toBeGreaterThan(100);
    }
  });

  it('sends no request outside the page and logs no console error or warning', () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(consoleWarnings).toEqual([]);
  });

  it('shows the sensitivity and evidence sections, the tornado among the drawn charts', async () => {
    expect(charts.map((c) => c.id)).toContain('tornado');
    expect(await page.textContent('#sensitivity .callout')).toContain('Measure this first');
    expect(await page.locator('#evidence table.evidence tbody tr').count()).toBe(evidence.rows.length);
  });

  it('shows the verdict and the numbers of a chart in a tooltip', async () => {
    expect(await page.textContent('#verdict .headline')).toContain('Meet expectations beats Exceed expectations in 82.5% of 40 simulated futures');
    const svg = page.locator('.chart[data-chart="active-customers"] svg');
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    expect(box).not.toBeNull();
    if (!box) return;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45, { steps: 8 });
    // Entering a point's cell selects it; the tooltip follows on the next move, as a hand would make.
    await page.mouse.move(box.x + box.width * 0.5 + 3, box.y + box.height * 0.45 + 2);
    await page.waitForFunction("document.getElementById('vg-tooltip-element')?.classList.contains('visible') ?? false", null, { timeout: 5_000 });
    const tip = await page.textContent('#vg-tooltip-element');
    expect(tip).toMatch(/Policy.*Month.*Mean.*P5 to P95/s);
    await page.mouse.move(0, 0);
  });

  it('takes a non-trivial screenshot (saved to out/report-screenshot.png for review)', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    const png = await page.screenshot({ fullPage: true });
    mkdirSync('out', { recursive: true });
    writeFileSync('out/report-screenshot.png', png);
    // A blank page of this size is a few kB; the charts and tables make it far more.
    expect(png.byteLength).toBeGreaterThan(150_000);
    const chart = await page.locator('.chart[data-chart="npv-difference"]').screenshot();
    expect(chart.byteLength).toBeGreaterThan(15_000);
  });

  it('prints: charts fit the page width', async () => {
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 720, height: 1000 });
    const widths = await page.$$eval('.chart svg', (els) => els.map((e) => e.getBoundingClientRect().width));
    for (const w of widths) expect(w).toBeLessThanOrEqual(720);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1100, height: 900 });
  });
});
