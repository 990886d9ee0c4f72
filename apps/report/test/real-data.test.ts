import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Results } from '@paralab/core';
import { runNode } from '@paralab/node-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportResult, runReport } from '../src/index.js';
import { launchChromium, watch } from './_browser.js';
import { markdownTable } from './_markdown.js';

let dir: string;
let results: Results;
let report: ReportResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paralab-report-real-'));
  results = await runNode({
    profile: {
      name: 't',
      warmups: 1,
      minSamples: 3,
      maxSamples: 3,
      targetCiWidth: 1,
      cellBudgetMs: 5000,
      sampleTimeoutMs: 30000,
    },
    workloads: ['primes', 'sleep'],
    strategies: ['sequential', 'async', 'worker', 'piscina'],
    params: { primes: { list: 'balanced' }, sleep: { tasks: 20 } },
    lock: false,
  });
  writeFileSync(join(dir, 'node.json'), JSON.stringify(results));
  report = await runReport({ inputs: [dir], out: dir });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a report of a real Node run', () => {
  it('has a decision row for each measured workload', () => {
    const groups = [
      ...new Set(
        results.cells.filter((cell) => cell.kind !== 'calibration').map((cell) => `${cell.workload}`),
      ),
    ];
    const rows = markdownTable(report.markdown, '## 1. Decision table');
    expect(rows.map((row) => row[2]?.replace(/\(.*/, ''))).toEqual(groups);
    for (const row of rows) {
      expect(row[4]).toMatch(/^[a-z-]+@\d+$/);
      expect(['wins', 'no clear winner', 'only one valid cell']).toContain(row[8]);
    }
  });

  it('answers every claim for node', () => {
    const rows = markdownTable(report.markdown, '## 2. Claims check');
    expect(rows.map((row) => [row[0], row[1]])).toEqual(
      Array.from({ length: 12 }, (_, i) => [`C${i + 1}`, 'node']),
    );
    for (const row of rows) {
      expect(['holds', 'partly holds', 'does not hold', 'inconclusive', 'not measured here']).toContain(
        row[2],
      );
    }
  });

  it('renders in Chromium with charts and no errors', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const trouble = watch(page);
      await page.goto(pathToFileURL(report.htmlPath).href);
      expect(await page.locator('#speedup figure.chart svg').count()).toBeGreaterThanOrEqual(2);
      expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
    } finally {
      await browser.close();
    }
  });
});
