import { describe, expect, it } from 'vitest';
import { crossRuntime, type Matrix } from '../src/index.js';
import { factorText, matrixNote } from '../src/report/render/rows.js';
import { around, bunA, cells, MACHINE_A, nodeA, resultsOf } from './_fixtures.js';
import { buildReport } from './_report.js';

function matrixOf(files: Parameters<typeof buildReport>[0]): Matrix {
  const [matrix] = crossRuntime(buildReport(files).aggregate);
  if (!matrix) throw new Error('no matrix');
  return matrix;
}

const rowTexts = (matrix: Matrix, group: string) =>
  matrix.rows
    .filter((row) => row.group === group)
    .map((row) => [row.strategy, ...row.values.map(factorText)]);

describe('the cross-runtime table: factors against the fastest, Benjamini-Hochberg', () => {
  it('prints a significant difference as such, "~" only where it is not, and the geometric mean', () => {
    const matrix = matrixOf([nodeA(), bunA()]);
    const rows = rowTexts(matrix, 'primes(list=balanced)');
    expect(rows.map((row) => row[0])).toEqual([
      'sequential@1',
      'async@2',
      'worker@2',
      'piscina@2',
      'piscina@4',
    ]);
    expect(rows[0]).toEqual([
      'sequential@1',
      expect.stringMatching(/^1\.11 \[1\.1\d, 1\.1\d\]$/),
      '1.00 (180 ms)',
    ]);
    expect(rows[3]).toEqual(['piscina@2', '1.00 (100 ms)', '~1.00']);
    expect(
      matrix.rows.find((row) => row.strategy === 'sequential@1' && row.group.startsWith('primes'))?.values[0]
        ?.verdict,
    ).toBe('slower');
    expect(matrix.canReach).toBe(true);
    expect(matrix.commonRows).toBe(4);
    expect(matrix.geomeans.map((g) => [g.run.runtime, g.value.toFixed(3)])).toEqual([
      ['node', expect.stringMatching(/^1\.0[45]\d$/)],
      ['bun', expect.stringMatching(/^1\.0[89]\d$/)],
    ]);
    expect(matrixNote(matrix)).toMatch(
      /^Mann-Whitney U against each row's fastest runtime, Benjamini-Hochberg over 4 comparisons \(an exploratory table/,
    );
  });

  it('says in words when its sample counts cannot reach significance, instead of printing "~"', () => {
    const few = (runtime: string, median: number) =>
      resultsOf(
        runtime,
        MACHINE_A,
        cells([{ workload: 'json', strategy: 'sequential', samples: around(median, 3) }]),
      );
    const matrix = matrixOf([few('node', 100), few('bun', 200)]);
    expect(matrix.canReach).toBe(false);
    expect(rowTexts(matrix, 'json')).toEqual([['sequential@1', '1.00 (99.7 ms)', '2.00']]);
    expect(matrix.rows[0]?.values[1]?.verdict).toBe('untestable');
    expect(matrixNote(matrix)).toMatch(
      /With 3 samples per cell no difference in this table can reach significance: the factors are shown without a verdict, and none is called a difference\.$/,
    );
  });
});
