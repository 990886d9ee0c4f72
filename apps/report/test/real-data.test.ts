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
      maxWarmups: 1,
      minSamples: 5,
      minTimeMs: 0,
      maxSamples: 5,
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
  it('answers what to use for CPU and I/O work on node, from cells the runner recorded', () => {
    const rows = markdownTable(report.markdown, '## What to use');
    expect(rows.map((row) => row[0])).toEqual(['CPU work', 'I/O work']);
    for (const row of rows) expect(row[1]).toMatch(/^\*\*[a-z :/+-]+\*\* \(\d of \d workloads?\)/);
    const families = new Set(results.cells.map((cell) => cell.family));
    expect([...families].sort()).toEqual(['async', 'sequential', 'threads']);
  });

  it('decides every measured workload with a verdict of the rule', () => {
    const groups = new Set(
      results.cells.filter((cell) => cell.kind !== 'calibration').map((cell) => cell.workload),
    );
    expect(report.report.decisions.map((d) => d.workload)).toEqual([...groups]);
    for (const d of report.report.decisions)
      expect(['wins', 'tie', 'provisional', 'none']).toContain(d.best.verdict);
  });

  it('answers every claim for node', () => {
    const rows = markdownTable(report.markdown, '## Claims');
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, i) => `C${i + 1}`));
    for (const row of rows) {
      expect(['holds', 'partly holds', 'does not hold', 'inconclusive', 'not measured here']).toContain(
        row[1],
      );
    }
  });

  it('renders in Chromium with its charts and no errors', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const trouble = watch(page);
      await page.goto(pathToFileURL(report.htmlPath).href);
      expect(await page.locator('#answer svg').count()).toBeGreaterThan(0);
      expect(await page.locator('#speedup figure.chart svg').count()).toBeGreaterThanOrEqual(2);
      expect(trouble).toEqual({ errors: [], dialogs: [], requests: [] });
    } finally {
      await browser.close();
    }
  });
});
