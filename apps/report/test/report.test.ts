import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelResults } from '@paralab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregate, loadResults, modelOf, type ReportResult, runReport } from '../src/index.js';
import { EVIL, EVIL_REASON, nodeA, writeFixtures } from './_fixtures.js';
import { markdownTable } from './_markdown.js';

let dir: string;
let result: ReportResult;

beforeAll(async () => {
  dir = writeFixtures();
  result = await runReport({ inputs: [dir], out: dir, now: new Date('2026-01-02T04:00:00.000Z') });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const headings = (markdown: string) => markdown.split('\n').filter((line) => line.startsWith('## '));

describe('report.md and report.html: the answer first', () => {
  it('groups files by machine fingerprint, node first within a machine', () => {
    const { machines } = result.report.aggregate;
    expect(machines.map((m) => [m.label, m.description, m.runs.map((r) => r.label)])).toEqual([
      ['M1', 'Test CPU A · 2 cores · 8 GiB · linux/x64', ['node', 'bun']],
      ['M2', 'Test CPU B · 4 cores · 8 GiB · linux/x64', ['node']],
    ]);
  });

  it('opens report.md with what to use, then the claims, every other part after them', () => {
    expect(headings(result.markdown)).toEqual([
      '## What to use',
      '## Claims',
      '## Every workload',
      '## Speedup vs concurrency',
      '## Across runtimes (exploratory)',
      '## Floors and overheads',
      '## Problem cells',
      '## Environment',
    ]);
  });

  it('answers per kind of work and runtime: family, hyperfine’s sentence, verdict, equivalents', () => {
    const rows = markdownTable(result.markdown, '## What to use');
    expect(rows.map((row) => row[0])).toEqual(['CPU work', 'I/O work', 'mixed work']);
    const cpu = rows[0]?.slice(1).map((cell) => cell.split('<br>'));
    expect(cpu?.[0]).toEqual([
      expect.stringMatching(
        /^\*\*worker threads\*\* \(1 of 1 workload\): worker@2 ran 1\.98 ± 0\.0\d times faster than sequential on primes\(list=balanced\)$/,
      ),
      'tie; equivalent within 5%: piscina@2',
      'worker threads at N = 2 (= cores); the library does not matter',
    ]);
    expect(cpu?.[1]).toEqual([
      expect.stringMatching(
        /^\*\*worker threads\*\* \(1 of 1 workload\): piscina@2 ran 1\.80 ± 0\.0\d times faster than sequential/,
      ),
      'wins',
    ]);
    expect(cpu?.[2]?.[0]).toMatch(/: piscina@4 ran 3\.81 ± 0\.0\d times faster than sequential/);
    expect(rows[1]?.slice(2)).toEqual(['not measured here', 'not measured here']);
    expect(rows[2]?.[1]).toBe(
      `**sequential** (1 of 1 workload): sequential@1: no other cell ran more than 5% faster on ${EVIL}<br>tie; equivalent within 5%: async@2`,
    );
  });

  it('gives every claim a verdict per runtime', () => {
    const rows = markdownTable(result.markdown, '## Claims');
    expect(rows.map((row) => row.join(' '))).toEqual([
      'C1 holds not measured here not measured here',
      'C2 holds not measured here not measured here',
      'C3 holds holds holds',
      'C4 holds holds holds',
      'C5 holds holds holds',
      'C6 not measured here not measured here not measured here',
      'C7 does not hold not measured here not measured here',
      'C8 holds not measured here not measured here',
      'C9 not measured here not measured here not measured here',
      'C10 not measured here not measured here not measured here',
      'C11 holds not measured here not measured here',
      'C12 not measured here not measured here not measured here',
    ]);
  });

  it('lists errored, unsupported and invalid cells with their reasons', () => {
    const rows = markdownTable(result.markdown, '## Problem cells').filter((row) => row[1]?.startsWith(EVIL));
    expect(rows).toEqual([
      ['node · M1', `${EVIL}()/worker@2`, 'errored', 'worker exited with code 1'],
      ['node · M1', `${EVIL}()/piscina@2`, 'unsupported', EVIL_REASON],
      ['node · M1', `${EVIL}()/workerpool@2`, 'invalid', 'task 3: expected true, got false'],
    ]);
  });

  it('reads floors from their low end and says which', () => {
    const rows = markdownTable(result.markdown, '## Floors and overheads');
    expect(rows[0]).toEqual([
      'node · M1',
      'worker-startup on worker_threads',
      expect.stringMatching(/^19\.\d ms$/),
      'p10 of 24',
      '20.0 ms',
    ]);
  });

  it('shows the environment of every file, with the engine', () => {
    const rows = markdownTable(result.markdown, '## Environment').map((row) => [
      row[1],
      row[2],
      row[4],
      row[6],
    ]);
    expect(rows).toEqual([
      ['node · M1: node 20.20.2', 'not recorded', 'M1: Test CPU A · 2 cores · 8 GiB · linux/x64', 'quick'],
      ['bun · M1: bun 1.4.5', 'not recorded', 'M1: Test CPU A · 2 cores · 8 GiB · linux/x64', 'quick'],
      ['node · M2: node 20.20.2', 'not recorded', 'M2: Test CPU B · 4 cores · 8 GiB · linux/x64', 'quick'],
    ]);
  });

  it('escapes strings from results files in the Markdown', () => {
    expect(result.markdown).not.toMatch(/<script|<img|<worker_threads>/);
    expect(result.markdown).toContain('&lt;script&gt;alert("x")&lt;/script&gt;\'&amp;é✓');
  });

  it('escapes strings from results files in the HTML and embeds the data safely', () => {
    expect(result.html).not.toMatch(/<script>alert|<img src=x/);
    expect(result.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;é✓');
    expect(result.html.match(/<script/g)).toHaveLength(2);
    expect(result.html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('puts the answer before every detail, and collapses the details', () => {
    const order = [
      'id="answer"',
      'id="claims-grid"',
      'id="filters"',
      'id="workloads"',
      'id="environment"',
    ].map((id) => result.html.indexOf(id));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true);
    expect(result.html.match(/<details class="part"[^>]*>/g)).toEqual(
      [
        'workloads',
        'claims',
        'speedup',
        'matrix',
        'overheads',
        'distributions',
        'problems',
        'environment',
      ].map((id) => `<details class="part" id="${id}">`),
    );
  });
});

describe('inputs from before and after', () => {
  it('reports a schema version 1 file with the same answers', async () => {
    const old = writeFixtures({ v1: true });
    try {
      const v1 = await runReport({ inputs: [old], out: old, now: new Date('2026-01-02T04:00:00.000Z') });
      expect(markdownTable(v1.markdown, '## What to use')).toEqual(
        markdownTable(result.markdown, '## What to use'),
      );
      expect(v1.report.decisions.map((d) => d.best.verdict)).toEqual(
        result.report.decisions.map((d) => d.best.verdict),
      );
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });

  it("shows the cost model's break-even beside the answer only when the cells carry its records", async () => {
    const results = nodeA();
    for (const cell of results.cells) {
      if (cell.id === 'primes(list=balanced)/sequential@1')
        cell.tasks = { n: 8, phase: 'whole', totalMs: 200, meanMs: 25, medianMs: 25, p90Ms: 25, maxMs: 25 };
      if (cell.family === 'threads' && cell.status === 'ok')
        cell.metrics = { ...cell.metrics, bytesMovedPerSample: 800 };
    }
    const records = modelResults(results);
    for (const cell of results.cells) {
      const model = records.get(cell.id);
      if (model) cell.model = model;
    }
    writeFileSync(join(dir, 'model.json'), JSON.stringify(results));
    try {
      const modelled = await runReport({ inputs: [join(dir, 'model.json')], out: join(dir, 'model-out') });
      const cpu = markdownTable(modelled.markdown, '## What to use')[0]?.[1]?.split('<br>');
      expect(cpu?.at(-1)).toMatch(
        /^pays off above tasks of 0\.0\d\d ms \(2 lanes\); the cost model predicted 100 ms, measured 101 ms$/,
      );
      // The sequential cell is what the model reads the work from: its "prediction" equals it by
      // construction, so it gets no model note; the same record without `reference` would get one.
      const { files } = await loadResults([join(dir, 'model.json')]);
      const entries = aggregate(files).runs.flatMap((run) => run.entries);
      const sequential = entries.find((e) => e.cell.id === 'primes(list=balanced)/sequential@1');
      if (!sequential) throw new Error('no sequential primes cell');
      expect(sequential.cell.model).toMatchObject({ reference: true, predictedMs: expect.any(Number) });
      expect(modelOf(sequential)).toBeUndefined();
      const { reference: _, ...independent } = sequential.cell.model as { reference?: boolean };
      const alike = {
        ...sequential,
        cell: { ...sequential.cell, model: independent as typeof sequential.cell.model },
      };
      expect(modelOf(alike)).toMatchObject({ predictedMs: expect.any(Number) });
      expect(result.markdown).not.toContain('cost model');
      expect(readFileSync(join(dir, 'model-out', 'report.html'), 'utf8')).toMatch(
        /<div class="model">pays off above tasks of 0\.0\d\d ms \(2 lanes\); the cost model predicted/,
      );
    } finally {
      rmSync(join(dir, 'model.json'));
    }
  });
});
