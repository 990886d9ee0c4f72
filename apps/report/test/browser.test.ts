import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportResult, runReport } from '../src/index.js';
import { launchChromium, type PageTrouble, watch } from './_browser.js';
import { EVIL, EVIL_REASON, writeFixtures } from './_fixtures.js';

let dir: string;
let shots: string;
let result: ReportResult;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;

beforeAll(async () => {
  dir = writeFixtures();
  shots = mkdtempSync(join(tmpdir(), 'paralab-report-shot-'));
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

/** Presses Tab until `selector` has the focus (at most `limit` times); returns how many presses it took. */
async function tabTo(selector: string, limit = 80): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return presses;
  }
  throw new Error(`${selector} never got the focus in ${limit} presses of Tab`);
}

describe('report.html as a reader sees it, in Chromium', () => {
  it('loads offline with no console error, page error, dialog or request', () => {
    expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
  });

  it('holds the recommendation for every runtime in the first 1000 px, and writes a screenshot', async () => {
    const runs = result.report.aggregate.runs;
    const boxes = await page.$$eval('table.answer thead th', (cells) =>
      cells.map((cell) => ({ text: cell.textContent ?? '', bottom: cell.getBoundingClientRect().bottom })),
    );
    expect(boxes.map((b) => b.text)).toEqual([
      'kind of work',
      'node 20.20.2 · M1',
      'bun 1.4.5 · M1',
      'node 20.20.2 · M2',
    ]);
    const picks = await page.$$eval('table.answer tbody td .speed', (cells) =>
      cells.map((cell) => ({ text: cell.textContent ?? '', bottom: cell.getBoundingClientRect().bottom })),
    );
    expect(picks.map((p) => p.text)).toEqual([
      expect.stringMatching(/^worker@2 ran 1\.98 ± 0\.0\d times faster than sequential$/),
      expect.stringMatching(/^piscina@2 ran 1\.80 ± 0\.0\d times faster than sequential$/),
      expect.stringMatching(/^piscina@4 ran 3\.81 ± 0\.0\d times faster than sequential$/),
      expect.stringMatching(/^async@10 ran 9\.52 ± 0\.\d\d times faster than sequential$/),
      'sequential@1: no other cell ran more than 5% faster',
    ]);
    expect(picks.filter((p) => p.bottom > 1000)).toEqual([]);
    // ... and in view across: no runtime's answer hides behind a horizontal scroll.
    const right = await page.$$eval('table.answer tbody td .speed', (cells) =>
      cells.map((cell) => cell.getBoundingClientRect().right),
    );
    expect(right.filter((x) => x > 1400)).toEqual([]);
    expect(await page.locator('#answer figure svg').first().isVisible()).toBe(true);
    expect((await page.locator('#answer figure svg').first().boundingBox())?.y).toBeLessThan(1000);
    expect(runs).toHaveLength(3);
    const path = join(shots, 'report-first-screen.png');
    await page.screenshot({ path });
    process.stdout.write(`screenshot of the first screen: ${path}\n`);
    expect(statSync(path).size).toBeGreaterThan(20_000);
  });

  it('shows hostile names and reasons as text: no script, no element, no dialog', async () => {
    const mixed = page.locator('table.answer tbody tr', { hasText: 'mixed work' }).locator('code');
    expect(await mixed.first().textContent()).toBe(EVIL);
    await page.locator('details#problems > summary').click();
    const reasons = await page.locator('table.problems td:nth-child(4)').allTextContents();
    expect(reasons).toContain(EVIL_REASON);
    expect(await page.evaluate(() => document.images.length)).toBe(0);
    expect(await page.evaluate(() => Array.from(document.scripts).map((s) => s.type))).toEqual([
      'application/json',
      '',
    ]);
    expect(trouble.dialogs).toEqual([]);
    await page.locator('details#problems > summary').click();
  });

  it('works from the keyboard: Tab to the filters, arrows to filter, Enter and Space on the details', async () => {
    await page.focus('body');
    await tabTo('#filters select[name=runtime]');
    const before = await page.locator('#filter-status').textContent();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('select[name=runtime]').inputValue()).toBe('node');
    const after = await page.locator('#filter-status').textContent();
    expect([before, after]).toEqual([
      expect.stringMatching(/^(\d+) of \1 table rows shown$/),
      expect.stringMatching(/^\d+ of \d+ table rows shown$/),
    ]);
    expect(after).not.toBe(before);
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#filter-status').textContent()).toBe(before);

    await tabTo('details#workloads > summary');
    const open = () => page.locator('details#workloads').evaluate((d) => (d as HTMLDetailsElement).open);
    expect(await open()).toBe(false);
    await page.keyboard.press('Enter');
    expect(await open()).toBe(true);
    await page.keyboard.press('Space');
    expect(await open()).toBe(false);
    await page.keyboard.press('Space');
    await tabTo('table.decisions tr[data-cell]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#inspector').isVisible()).toBe(true);
    expect(await page.locator('#inspector-title').textContent()).toMatch(
      /^primes\(list=balanced\)\/worker@2 \(/,
    );
    expect(await page.locator('#inspector-body').textContent()).toMatch(/^samples \(ms\): 99\.99, 101\.4, /m);
    await page.keyboard.press('Escape');
    expect(await page.locator('#inspector').isVisible()).toBe(false);
    await page.locator('details#workloads > summary').click();
  });

  it('opens the collapsed claim a link points to', async () => {
    await page.locator('#claims-grid a[href="#claim-C4"]').click();
    expect(await page.locator('details#claims').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('#claim-C4').isVisible()).toBe(true);
  });

  it('stays readable without JavaScript: the answer, the claims and every part, no filter bar', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1400, height: 1000 },
    });
    const plain = await context.newPage();
    await plain.goto(pathToFileURL(result.htmlPath).href);
    expect(await plain.locator('#filters').isVisible()).toBe(false);
    expect(await plain.locator('table.answer tbody td .speed').count()).toBe(5);
    expect(await plain.locator('table.claims-summary tbody tr').count()).toBe(12);
    await plain.locator('details#workloads > summary').click();
    expect(await plain.locator('table.decisions tbody tr:visible').count()).toBe(
      result.report.decisions.length,
    );
    await context.close();
  });
});
