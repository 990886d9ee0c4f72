import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ReportResult, runReport } from '../src/index.js';
import { launchChromium, type PageTrouble, watch } from './_browser.js';
import { EVIL, writeFixtures } from './_fixtures.js';

let dir: string;
let result: ReportResult;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;

beforeAll(async () => {
  dir = writeFixtures();
  result = await runReport({ inputs: [dir], out: dir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  trouble = watch(page);
  await page.goto(pathToFileURL(result.htmlPath).href);
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  // A failed assertion must not leave a filter set for the next test.
  for (const name of ['runtime', 'workload', 'kind']) await page.selectOption(`select[name=${name}]`, '');
});

const visibleRows = (table: string) => page.locator(`table.${table} tbody tr:visible`);

describe('report.html in Chromium', () => {
  it('loads offline with no console error, page error, dialog or request', () => {
    expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
  });

  it('has SVG charts in the speedup and overhead sections', async () => {
    expect(await page.locator('#speedup figure.chart svg').count()).toBeGreaterThan(0);
    expect(await page.locator('#overheads svg').count()).toBeGreaterThan(0);
    expect(await page.locator('#speedup figure.chart').count()).toBe(5);
  });

  it('shows the evil workload name as text and runs no script of it', async () => {
    const cell = page.locator('table.decisions code', { hasText: 'alert(1)' }).first();
    expect(await cell.textContent()).toBe(EVIL);
    const scripts = await page.evaluate(() => Array.from(document.scripts).map((script) => script.type));
    expect(scripts).toEqual(['application/json', '']);
    expect(trouble.dialogs).toEqual([]);
  });

  it('filters rows by runtime, kind and workload', async () => {
    expect(await visibleRows('decisions').count()).toBe(6);
    await page.selectOption('select[name=runtime]', 'bun');
    expect(await visibleRows('decisions').allTextContents()).toEqual([
      expect.stringMatching(/^M1bunprimes\(list=balanced\)cpupiscina@2/),
    ]);
    expect(await page.locator('#speedup figure.chart:visible').count()).toBe(1);
    await page.selectOption('select[name=runtime]', '');
    await page.selectOption('select[name=kind]', 'io');
    expect(await visibleRows('decisions').count()).toBe(2);
    await page.selectOption('select[name=kind]', '');
    await page.selectOption('select[name=workload]', { label: EVIL });
    expect(await visibleRows('decisions').count()).toBe(1);
    expect(await visibleRows('problems').count()).toBe(3);
    expect(await page.locator('#filter-status').textContent()).toMatch(/^\d+ of \d+ table rows shown$/);
    await page.selectOption('select[name=workload]', '');
    expect(await visibleRows('decisions').count()).toBe(6);
  });

  it("shows a cell's raw samples when its row is clicked", async () => {
    await visibleRows('decisions').first().click();
    await expect.poll(() => page.locator('#inspector').isVisible()).toBe(true);
    expect(await page.locator('#inspector-title').textContent()).toBe(
      `primes(list=balanced)/piscina@2 (${result.report.aggregate.runs[0]?.file.path})`,
    );
    expect(await page.locator('#inspector-body').textContent()).toMatch(
      /^samples \(ms\): 99\.000, 100\.400, /m,
    );
    await page.click('#inspector-close');
    expect(await page.locator('#inspector').isVisible()).toBe(false);
  });

  it('takes a full-page screenshot', async () => {
    const path = join(dir, 'report.png');
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(50_000);
  });

  it('stays readable without JavaScript: tables and charts, no filter bar', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(pathToFileURL(result.htmlPath).href);
    expect(await plain.locator('#filters').isVisible()).toBe(false);
    expect(await plain.locator('table.decisions tbody tr:visible').count()).toBe(6);
    expect(await plain.locator('#speedup svg').count()).toBeGreaterThan(0);
    await context.close();
  });
});
