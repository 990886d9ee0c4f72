import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedSlowDocument } from './_compare-expected.js';
import { A, B, runCli, runCompareJson, writeCompareFixtures } from './_compare-fixtures.js';

let dir: string;
const cli = (...args: string[]) => runCli(dir, ...args);
const compareJson = (...args: string[]) => runCompareJson(dir, ...args);

beforeAll(() => {
  dir = writeCompareFixtures();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paralab-report compare: baseline against now', () => {
  it('reports no significant change for identical inputs, and exits 0', () => {
    const { code, stderr, doc } = compareJson('base.json', 'same.json', '--fail-on-regression', '10');
    expect([code, stderr]).toEqual([0, '']);
    expect(doc.cells.map((c: { verdict: string; ratio: number }) => [c.verdict, c.ratio])).toEqual(
      Array.from({ length: 7 }, () => ['~', 1]),
    );
    expect(doc.summary).toEqual({
      compared: 7,
      slower: 0,
      faster: 0,
      same: 7,
      statusChanges: 0,
      uncompared: 0,
      onlyInBase: 0,
      onlyInCurrent: 0,
    });
    expect([doc.exitCode, doc.regressions, doc.warnings]).toEqual([0, [], []]);
  });

  it('flags exactly the cells made 20% slower, with the statistics of METHOD.md (exact JSON)', () => {
    const { code, stderr, doc } = compareJson('base.json', 'slow.json', '--fail-on-regression', '10');
    expect(code).toBe(1);
    expect(stderr).toBe(`paralab-report: 2 cells significantly slower by more than 10%: ${A}, ${B}\n`);
    expect(doc).toEqual(expectedSlowDocument());
  });

  it.each([
    [['--fail-on-regression', '10'], 1],
    [['--fail-on-regression', '30'], 0],
    [['--fail-on-regression', '19.5%'], 1],
    [[], 0],
    [['--fail-on-regression', '10', '--noise', '25'], 0],
  ])('exits with the threshold %j: %i', (flags, expected) => {
    const { code, stderr } = cli('compare', 'base.json', 'slow.json', '-q', ...flags);
    expect(code).toBe(expected);
    expect(stderr === '').toBe(expected === 0);
  });

  it('does not flag a 1% shift within the noise gate, even with --fail-on-regression 0', () => {
    const { code, doc } = compareJson('base.json', 'shift.json', '--fail-on-regression', '0');
    expect(code).toBe(0);
    expect(doc.cells.map((c: { verdict: string }) => c.verdict)).toEqual(Array(7).fill('~'));
    const ratios: number[] = doc.cells.map((c: { ratio: number }) => c.ratio);
    const geomean = Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length);
    expect(geomean).toBeCloseTo(1.01, 2);
  });

  it('says when too few samples leave no change that could be significant', () => {
    const { code, doc } = compareJson('few.json', 'few-slow.json', '--fail-on-regression', '10');
    expect(code).toBe(0);
    expect(doc.summary.slower).toBe(0);
    expect(doc.warnings).toEqual([
      'no change can be significant here: with 5 samples per cell the smallest possible Mann-Whitney p is 0.0079, and Holm-Bonferroni over 7 cells needs p < 0.0071; measure more samples per cell (the default profile takes at least 10) or compare fewer cells',
    ]);
    expect(cli('compare', 'few.json', 'few-slow.json').stdout.split('\n')[3]).toBe(
      `warning: ${doc.warnings[0]}`,
    );
  });

  it('prints a terminal table with "~" for cells without a significant change', () => {
    const { code, stdout } = cli('compare', 'base.json', 'slow.json', '--fail-on-regression', '10');
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'paralab compare: base base.json → current slow.json',
      'noise gate ±2%; two-sided Mann-Whitney U, α = 0.05, Holm-Bonferroni over 7 cells; "~": not significant, or within the noise gate',
      'machine M1: Test CPU A · 2 cores · 8 GiB · linux/x64',
      '',
      'node on M1: same machine, medians compared',
      '  node 20.20.2 → 20.20.2; base.json → slow.json',
    ]);
    expect(lines[6]).toMatch(/^ {2}cell +base ms +current ms +ratio \[95% CI\] +p +Holm p +verdict$/);
    expect(lines[7]).toMatch(
      /^ {2}primes\(list=balanced\)\/sequential@1 +200 +200 +1\.00× \[0\.99, 1\.01\] +1\.0 +1\.0 +~$/,
    );
    expect(lines[9]).toMatch(
      /^ {2}primes\(list=balanced\)\/piscina@2 +105 +126 +1\.20× \[1\.1\d, 1\.2\d\] +<0\.001 +0\.0011 +slower$/,
    );
    expect(lines.slice(-2)).toEqual([
      '2 slower, 0 faster, 5 ~ (not significant, or within ±2%) of 7 compared cells',
      '--fail-on-regression 10%: 2 cells significantly slower by more than 10% (exit 1)',
    ]);
  });
});

describe('paralab-report compare: Markdown and HTML', () => {
  it('writes GitHub-flavoured Markdown for a step summary', () => {
    const { code, stdout } = cli(
      'compare',
      'base.json',
      'sides.json',
      '--markdown',
      '--fail-on-regression',
      '10',
    );
    expect(code).toBe(1);
    expect(stdout).toMatchInlineSnapshot(`
      "## paralab compare

      **1 slower, 0 faster, 4 \\~ (not significant, or within ±2%) of 5 compared cells; 1 status change, 1 cell only in base, 1 cell only in current** · base \`base.json\` → current \`sides.json\`

      **--fail-on-regression 10%: 1 cell significantly slower by more than 10% (exit 1)**

      noise gate ±2%; two-sided Mann-Whitney U, α = 0.05, Holm-Bonferroni over 5 cells; "\\~": not significant, or within the noise gate. Machines: M1: Test CPU A · 2 cores · 8 GiB · linux/x64.

      ### node on M1: same machine, medians compared

      node 20.20.2 → 20.20.2 · \`base.json\` → \`sides.json\`

      > **Warning**: the sets cover different cells: 5 compared, 1 only in base, 1 only in current; the geometric means cover the compared cells only

      | kind | cells | geometric mean of ratios (above 1 is slower) | slower | faster | \\~ |
      |---|---|---|---|---|---|
      | cpu | 2 | 1.10× | 1 | 0 | 1 |
      | io | 2 | 1.00× | 0 | 0 | 2 |
      | mixed | 1 | 1.00× | 0 | 0 | 1 |

      | cell | base ms | current ms | ratio \\[95% CI\\] | p | Holm p | verdict |
      |---|---|---|---|---|---|---|
      | primes(list=balanced)/piscina@2 | 105 | 126 | 1.20× \\[1.19, 1.21\\] | &lt;0.001 | &lt;0.001 | slower |

      <details><summary>4 cells without a significant change</summary>

      | cell | base ms | current ms | ratio \\[95% CI\\] | p | Holm p | verdict |
      |---|---|---|---|---|---|---|
      | primes(list=balanced)/sequential@1 | 200 | 200 | 1.00× \\[0.99, 1.01\\] | 1.0 | 1.0 | \\~ |
      | sleep(tasks=20)/sequential@1 | 401 | 401 | 1.00× \\[0.99, 1.01\\] | 1.0 | 1.0 | \\~ |
      | sleep(tasks=20)/async@10 | 42.1 | 42.1 | 1.00× \\[0.99, 1.01\\] | 1.0 | 1.0 | \\~ |
      | pipeline()/sequential@1 | 299 | 299 | 1.00× \\[0.99, 1.01\\] | 1.0 | 1.0 | \\~ |

      </details>

      **Only in base** (1): pipeline()/hybrid@2

      **Only in current** (1): primes(list=balanced)/tinypool@2

      **Status changes**

      | cell | base | current | reason |
      |---|---|---|---|
      | primes(list=balanced)/worker@2 | ok | errored | worker exited with code 1 |
      "
    `);
  });

  it('writes a self-contained compare.html with coloured rows and "~"', () => {
    const { code, stdout } = cli('compare', 'base.json', 'slow.json', '--out', 'html', '-q');
    expect([code, stdout]).toEqual([0, '']);
    const page = readFileSync(join(dir, 'html', 'compare.html'), 'utf8');
    expect(page.match(/<tr class="v-slower"><td><code>([^<]+)<\/code>/g)).toEqual([
      `<tr class="v-slower"><td><code>${A}</code>`,
      `<tr class="v-slower"><td><code>${B}</code>`,
    ]);
    expect(page.match(/<tr class="v-same">/g)).toHaveLength(5);
    expect(page).toContain('<span class="verdict">~</span>');
    expect(page).not.toMatch(/<script|(src|href)="(https?:)?\/\//);
  });
});
