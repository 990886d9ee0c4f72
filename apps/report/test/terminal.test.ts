import { describe, expect, it } from 'vitest';
import { DETAILS_RULE, renderTerminal } from '../src/index.js';
import { around, type CellSpec, cells, EVIL, MACHINE_A, nodeA, resultsOf } from './_fixtures.js';
import { buildReport } from './_report.js';

/** A full bench's shape: three runtimes, each with five CPU, four I/O and one mixed workload. */
function fullBench() {
  const group = (workload: string, kind: CellSpec['kind'], speed: number): CellSpec[] => [
    { workload, kind, params: { size: 12345 }, strategy: 'sequential', samples: around(200) },
    {
      workload,
      kind,
      params: { size: 12345 },
      strategy: 'async',
      concurrency: 10,
      samples: around(kind === 'cpu' ? 201 : 200 / speed),
    },
    {
      workload,
      kind,
      params: { size: 12345 },
      strategy: 'worker-threads-pipelined',
      concurrency: 2,
      samples: around(200 / speed),
    },
  ];
  const specs = [
    ...['primes', 'sha256', 'blur', 'json', 'regex-meta'].flatMap((w) => group(w, 'cpu', 1.9)),
    ...['sleep', 'http', 'http-get', 'file'].flatMap((w) => group(w, 'io', 8)),
    ...group('pipeline', 'mixed', 2.5),
  ];
  return ['node', 'bun', 'chromium'].map((runtime) => resultsOf(runtime, MACHINE_A, cells(specs)));
}

describe('the terminal summary', () => {
  it('fits one screen: 80 columns and at most 40 lines before any detail, the answer first', () => {
    const text = renderTerminal(buildReport(fullBench()), ['results/report.html', 'results/report.md'], {
      width: 80,
    });
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    expect(lines.slice(0, 6)).toEqual([
      'paralab report: 3 results files from 1 machine',
      'M1: Test CPU A · 2 cores · 8 GiB · linux/x64',
      'What to use: family, workloads agreeing · typical pick, × sequential ± 95% CI',
      '             · verdict (within 5% counts as equal) · typical workload',
      'node 20.20.2',
      expect.stringMatching(
        /^ {2}CPU {4}threads 5\/5 · worker-threads-pipelined@2 1\.90 ± 0\.0\d× · wins · /,
      ),
    ]);
    expect(lines.indexOf('bun 1.4.5')).toBeLessThan(lines.findIndex((line) => line.startsWith('claims')));
    expect(lines.at(-1)).toBe('wrote results/report.html and results/report.md');
    expect(text).not.toContain(DETAILS_RULE);
  });

  it('adds every workload and each claim after the rule with --details, clipped to the width', () => {
    const text = renderTerminal(buildReport([nodeA()]), [], { width: 80, details: true });
    const lines = text.trimEnd().split('\n');
    const rule = lines.indexOf(DETAILS_RULE);
    expect(rule).toBeGreaterThan(0);
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    expect(lines.slice(rule + 1)).toContainEqual(
      expect.stringMatching(/^ {2}primes\(list=balanced\) +worker@2 +1\.98 ± 0\.0\d× +tie +≡pisc/),
    );
  });

  it('replaces control characters from results files', () => {
    const evil = resultsOf(
      'node',
      MACHINE_A,
      cells([{ workload: 'x\u001b[2Jy', strategy: 'sequential', samples: around(10) }]),
    );
    const text = renderTerminal(buildReport([evil]), [], { details: true });
    expect(text).not.toContain('\u001b');
    expect(text).toContain('x?[2Jy');
    expect(renderTerminal(buildReport([nodeA()]), [])).toContain(EVIL.slice(0, 20));
  });
});
