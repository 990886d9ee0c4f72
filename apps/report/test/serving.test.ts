import { describe, expect, it } from 'vitest';
import { generatorLimit, renderHtml, renderMarkdown, renderTerminal } from '../src/index.js';
import { markdownTable } from './_markdown.js';
import { buildReport } from './_report.js';
import { rates, servedCell } from './_serve-fixtures.js';

/**
 * Node on 2 cores at 0 and 1 ms of CPU per request: the loop serves 15000/s at 0 ms, the cluster 14000/s
 * beside a generator taking 0.9 of the 0.9 cores it left (limited); at 1 ms the cluster serves 1700/s and
 * the loop 900/s (the cluster's generator loop busy 95%); reuseport could not run.
 */
function served() {
  return [
    servedCell({ strategy: 'serve-loop', family: 'async', concurrency: 1, cpuMs: 0, rates: rates(15000) }),
    servedCell({
      strategy: 'serve-cluster',
      family: 'processes',
      concurrency: 2,
      cpuMs: 0,
      rates: rates(14000),
      serverCores: 1.1,
      generatorCores: 0.9,
      p99Ms: 12,
    }),
    servedCell({ strategy: 'serve-loop', family: 'async', concurrency: 1, cpuMs: 1, rates: rates(900) }),
    servedCell({
      strategy: 'serve-cluster',
      family: 'processes',
      concurrency: 2,
      cpuMs: 1,
      rates: rates(1700),
      serverCores: 1.9,
      generatorCores: 0.05,
      utilization: 0.95,
    }),
    servedCell({
      strategy: 'serve-reuseport',
      family: 'processes',
      concurrency: 2,
      cpuMs: 1,
      rates: [],
      status: 'unsupported',
      reason: 'reusePort needs Node 22.12',
    }),
  ];
}

describe('the serving table', () => {
  const report = buildReport([served()]);

  it('has a row per served cell: by CPU per request, the single loop first; requests/s with the CI of its median', () => {
    // 8 batches: the CI of the median is [min, max] = rate × [0.99, 1.01], covering 1 − 2/256 = 99.2%.
    // Server CPU per request: cores × 1000 / rate (1 × 1000 / 15000 = 0.067 ms); the generator's likewise.
    expect(markdownTable(renderMarkdown(report), '## Serving HTTP')).toEqual([
      ['0', 'serve-loop@1', '15000 [14850, 15150]', '4.00', '0.067; 1.00', '0.30; 0.020', '40%', ''],
      [
        '0',
        'serve-cluster@2',
        '14000 [13860, 14140]',
        '12.0',
        '0.079; 1.10',
        '0.90; 0.064',
        '40%',
        'the load generator may have set the pace: it used 0.90 cores of the 0.90 the server left on 2 cores',
      ],
      ['1', 'serve-loop@1', '900 [891, 909]', '4.00', '1.11; 1.00', '0.30; 0.33', '40%', ''],
      [
        '1',
        'serve-cluster@2',
        '1700 [1683, 1717]',
        '4.00',
        '1.12; 1.90',
        '0.05; 0.029',
        '95%',
        'the load generator may have set the pace: its event loop was busy 95% of the time',
      ],
      ['1', 'serve-reuseport@2', 'unsupported: reusePort needs Node 22.12', '–', '–', '–', '–', ''],
    ]);
  });

  it('says next to the numbers how much of the machine the generator took, and where it may have set the pace', () => {
    // Generator cores 0.3, 0.9, 0.3 and 0.05: up to 0.9 of 2 cores (45%); 2 of 4 cells limited.
    const note =
      'The load generator runs on the same 2-core machine as the server and took 0.05-0.90 cores (up to 45% of the machine): these are what each server did beside it, a floor of what it could do alone, and strategies that want every core (a cluster, N processes, a loop offloading to N threads) lose the most to it. In 2 of 4 cells (marked) it may have set the pace: its event loop busy 90% of the time or more, or its CPU 75% or more of the cores the server left.';
    expect(report.serving[0]?.generatorNote).toBe(note);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain(`> ${note}\n\n<details><summary>node: 5 served cells</summary>`);
    const page = renderHtml(report);
    expect(page).toContain(`<p class="warning">${note}</p><div class="scroll"><table class="serving">`);
    expect(page).toMatch(/<details class="part" id="serving"><summary><h2>Serving HTTP<\/h2>/);
    expect(page).toContain('aria-label="Requests per second against CPU per request');
  });

  it('without a limited cell the note still says the generator shared the machine, and marks nothing', () => {
    const calm = buildReport([
      [servedCell({ strategy: 'serve-loop', family: 'async', concurrency: 1, cpuMs: 0, rates: rates(9000) })],
    ]);
    expect(calm.serving[0]?.generatorNote).toBe(
      'The load generator runs on the same 2-core machine as the server and took 0.30 cores (up to 15% of the machine): these are what each server did beside it, a floor of what it could do alone, and strategies that want every core (a cluster, N processes, a loop offloading to N threads) lose the most to it.',
    );
    expect(calm.serving[0]?.rows[0]?.generatorLimit).toBeUndefined();
  });

  it('the terminal shows the most requests/s per CPU per request, starred where the generator may have set the pace', () => {
    const lines = renderTerminal(report, []).split('\n');
    const at = lines.indexOf('Serving HTTP: most requests/s (the load generator shares the machine)');
    expect(lines.slice(at, at + 5)).toEqual([
      'Serving HTTP: most requests/s (the load generator shares the machine)',
      '  CPU/request  node',
      '  0 ms         serve-loop@1 15000',
      '  1 ms         serve-cluster@2 1700*',
      '  *: the load generator may have set the pace',
    ]);
  });

  it('a report without served cells has no serving section', () => {
    const none = buildReport([[{ workload: 'primes', strategy: 'sequential', samples: rates(100) }]]);
    expect(none.serving).toEqual([]);
    expect(renderMarkdown(none)).not.toContain('## Serving HTTP');
    expect(renderHtml(none)).not.toContain('id="serving"');
    expect(renderTerminal(none, [])).not.toContain('Serving HTTP');
  });
});

describe('generatorLimit', () => {
  const pace = 'the load generator may have set the pace: ';
  it.each([
    {
      name: 'its event loop busy 90% or more',
      figures: { utilization: 0.95, generatorCores: 0.2, serverCores: 1, serverProcesses: 1 },
      want: `${pace}its event loop was busy 95% of the time`,
    },
    {
      name: 'its CPU 75% or more of the cores the server left',
      figures: { utilization: 0.5, generatorCores: 0.8, serverCores: 1, serverProcesses: 1 },
      want: `${pace}it used 0.80 cores of the 1.00 the server left on 2 cores`,
    },
    {
      name: 'both',
      figures: { utilization: 0.9, generatorCores: 0.75, serverCores: 1, serverProcesses: 1 },
      want: `${pace}its event loop was busy 90% of the time and it used 0.75 cores of the 1.00 the server left on 2 cores`,
    },
    {
      name: 'the server processes stand in for unread server CPU',
      figures: { generatorCores: 0.1, serverProcesses: 2 },
      want: `${pace}it used 0.10 cores of the 0.00 the server left on 2 cores`,
    },
    {
      name: 'neither',
      figures: { utilization: 0.89, generatorCores: 0.74, serverCores: 1, serverProcesses: 1 },
      want: undefined,
    },
  ])('$name', ({ figures, want }) => {
    expect(generatorLimit(figures, 2)).toBe(want);
  });
});
