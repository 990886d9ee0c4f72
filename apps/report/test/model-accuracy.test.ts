import type { Cell, CellModel } from '@paralab/core';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown } from '../src/index.js';
import { around, type CellSpec, cells, MACHINE_A, resultsOf } from './_fixtures.js';
import { markdownTable } from './_markdown.js';
import { buildReport } from './_report.js';

const record = (predictedMs: number, measuredMs: number, extra: Partial<CellModel> = {}): CellModel => ({
  predictedMs,
  measuredMs,
  ratio: predictedMs / measuredMs,
  terms: { work: predictedMs },
  assumptions: [],
  ...extra,
});

/**
 * Node's CPU cells with the model's records as the host writes them: worker@2 off by 10%, 50% and 20%,
 * process@2 by 100%, piscina@2 unknown, the sequential reference and an I/O cell (off by 400%) left out.
 */
function modelled() {
  const specs: CellSpec[] = [
    { workload: 'json', strategy: 'sequential', samples: around(100) },
    { workload: 'json', strategy: 'worker', concurrency: 2, samples: around(60) },
    { workload: 'json', strategy: 'process', concurrency: 2, samples: around(90) },
    { workload: 'primes', strategy: 'worker', concurrency: 2, samples: around(100) },
    { workload: 'sha256', strategy: 'worker', concurrency: 2, samples: around(60) },
    { workload: 'sha256', strategy: 'piscina', concurrency: 2, samples: around(60) },
    { workload: 'sleep', kind: 'io', strategy: 'async', concurrency: 10, samples: around(20) },
  ];
  const models: (CellModel | undefined)[] = [
    record(100, 100, { reference: true }),
    record(66, 60),
    record(180, 90),
    record(50, 100),
    record(72, 60),
    { unknown: 'no calibrated thread primitive in this run' },
    record(100, 20),
  ];
  const built = cells(specs).map((cell, i): Cell => {
    const model = models[i];
    return model ? { ...cell, model } : cell;
  });
  return resultsOf('node', MACHINE_A, built);
}

const bare = () =>
  resultsOf('bun', MACHINE_A, cells([{ workload: 'json', strategy: 'sequential', samples: around(90) }]));

describe('the cost model beside the measurements', () => {
  const report = buildReport([modelled(), bare()]);
  const markdown = renderMarkdown(report);

  it('per strategy: CPU cells predicted, unknown, median |predicted/measured − 1| and the share within 35%', () => {
    // worker: errors 0.1, 0.5, 0.2 → median 0.2, 2 of 3 within; process: 1.0, none within; piscina: unknown.
    // All: 0.1, 0.2, 0.5, 1.0 → median (0.2 + 0.5) / 2 = 0.35, 2 of 4 within. The reference and the I/O
    // cell are left out.
    expect(markdownTable(markdown, '## Cost model: predicted beside measured')).toEqual([
      ['all strategies', '', '4', '1', '35%', '50%'],
      ['worker', 'threads', '3', '0', '20%', '67%'],
      ['process', 'processes', '1', '0', '100%', '0%'],
      ['piscina', 'threads', '0', '1', '–', '–'],
    ]);
  });

  it('lists the cells off by more than 35%, worst first, with predicted, measured and their ratio', () => {
    expect(markdownTable(markdown, 'node: 2 cells off by more than 35%')).toEqual([
      ['json()/process@2', '180', '90.0', '2.00'],
      ['primes()/worker@2', '50.0', '100', '0.50'],
    ]);
    const page = renderHtml(report);
    expect(page).toContain('<details><summary>2 cells off by more than 35%</summary>');
    expect(page).toMatch(
      /<details class="part" id="model"><summary><h2>Cost model: predicted beside measured<\/h2> <span class="sum">4 CPU cells predicted, 2 off by more than 35%<\/span>/,
    );
  });

  it('says so for a file without model records', () => {
    expect(report.accuracy.map((t) => [t.run.runtime, t.recorded])).toEqual([
      ['node', true],
      ['bun', false],
    ]);
    expect(markdown).toContain('**bun**: no cost-model records (cell.model) in this file.');
  });
});
