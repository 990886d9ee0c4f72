#!/usr/bin/env node
// Measures report pages as a reader's browser sees them: page weight (bytes on disk), total rendered height
// (px, at a 1400 × 1000 viewport), time to first render (first-contentful-paint, ms, median of runs) and
// the load event. Usage: node scripts/page-metrics.mjs [--runs N] [--screenshot DIR] PAGE.html ...
// Chromium is found and started the way the report's tests do (@paralab/browser-runner: /usr/bin/chromium
// or PARALAB_CHROMIUM). Prints one JSON object per page.
import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findChromium, launchChromium } from '@paralab/browser-runner';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, screenshot: { type: 'string' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new RangeError(`--runs must be a positive integer, got ${values.runs}`);
if (positionals.length === 0) throw new TypeError('name at least one report.html');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function once(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const figures = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      firstContentfulPaintMs: paint ? paint.startTime : null,
      domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
      loadMs: nav ? nav.loadEventEnd : null,
      heightPx: document.documentElement.scrollHeight,
      elements: document.getElementsByTagName('*').length,
    };
  });
  return { context, page, figures };
}

const browser = await launchChromium(findChromium());
try {
  for (const given of positionals) {
    const path = resolve(given);
    const url = pathToFileURL(path).href;
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const { context, page, figures } = await once(browser, url);
      samples.push(figures);
      if (i === 0 && values.screenshot) {
        mkdirSync(values.screenshot, { recursive: true });
        const name = `${basename(dirname(path))}-${basename(path, '.html')}`;
        await page.screenshot({ path: join(values.screenshot, `${name}-first-screen.png`) });
        await page.screenshot({ path: join(values.screenshot, `${name}-full.png`), fullPage: true });
      }
      await context.close();
    }
    const pick = (key) => median(samples.map((s) => s[key]).filter((v) => v !== null));
    process.stdout.write(
      `${JSON.stringify({
        page: given,
        bytes: statSync(path).size,
        heightPx: pick('heightPx'),
        firstContentfulPaintMs: Math.round(pick('firstContentfulPaintMs')),
        domContentLoadedMs: Math.round(pick('domContentLoadedMs')),
        loadMs: Math.round(pick('loadMs')),
        elements: pick('elements'),
        runs,
      })}\n`,
    );
  }
} finally {
  await browser.close();
}
