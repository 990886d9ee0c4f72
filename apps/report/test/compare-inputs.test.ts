import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A,
  B,
  HYBRID,
  idOf,
  runCli,
  runCompareJson,
  TINYPOOL,
  WORKER,
  writeCompareFixtures,
} from './_compare-fixtures.js';

let dir: string;
const cli = (...args: string[]) => runCli(dir, ...args);
const compareJson = (...args: string[]) => runCompareJson(dir, ...args);

beforeAll(() => {
  dir = writeCompareFixtures();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paralab-report compare: bad input exits 2 with one line', () => {
  it('names the malformed file and its field', () => {
    const { code, stdout, stderr } = cli('compare', 'base.json', 'bad.json', '--fail-on-regression', '10');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^paralab-report: bad\.json: cells\[3\]\.status: [^\n]+\n$/);
  });

  it('names a missing path', () => {
    expect(cli('compare', 'nowhere.json', 'base.json')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'paralab-report: nowhere.json: no such file or folder\n',
    });
  });

  it.each([
    [['base.json'], 'compare needs two paths, BASE and CURRENT, got 1'],
    [
      ['base.json', 'slow.json', '--fail-on-regression', 'ten'],
      '--fail-on-regression must be a percentage, a number from 0, got "ten"',
    ],
    [
      ['base.json', 'slow.json', '--noise=150'],
      '--noise must be a percentage, a number from 0 below 100, got "150"',
    ],
    [['base.json', 'slow.json', '--markdown', '--json'], '--markdown and --json cannot be combined'],
  ])('rejects %j', (args, message) => {
    expect(cli('compare', ...args)).toEqual({
      code: 2,
      stdout: '',
      stderr: `paralab-report: ${message} (see paralab-report compare --help)\n`,
    });
  });

  it('documents the exit codes in --help', () => {
    const { code, stdout } = cli('compare', '--help');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Usage: paralab-report compare BASE CURRENT [options]');
    expect(stdout).toMatch(/^Exit codes: 0 no significant regression over --fail-on-regression/m);
    expect(stdout).toMatch(/^ {12}1 a significant regression over --fail-on-regression/m);
    expect(stdout).toMatch(/^ {12}2 bad input: a malformed or foreign file/m);
  });
});

describe('paralab-report compare: cells and runs that do not match', () => {
  it('lists cells on one side only and status changes, and warns that the sets differ', () => {
    const { code, doc } = compareJson('base.json', 'sides.json');
    expect(code).toBe(0);
    const [pair] = doc.comparisons;
    expect([pair.onlyInBase, pair.onlyInCurrent]).toEqual([[HYBRID], [idOf(TINYPOOL)]]);
    expect(pair.statusChanges).toEqual([
      { id: WORKER, kind: 'cpu', base: 'ok', current: 'errored', reason: 'worker exited with code 1' },
    ]);
    expect(pair.warnings).toEqual([
      'the sets cover different cells: 5 compared, 1 only in base, 1 only in current; the geometric means cover the compared cells only',
    ]);
    expect(
      doc.cells.filter((c: { verdict: string }) => c.verdict !== '~').map((c: { id: string }) => c.id),
    ).toEqual([A]);
  });

  it('says why a cell with a 0 ms sample is not compared', () => {
    const { doc } = compareJson('base.json', 'zero.json');
    expect(doc.comparisons[0].notCompared).toEqual([
      { id: WORKER, reason: 'below timer resolution (a 0 ms sample), not compared' },
    ]);
    expect(doc.summary.compared).toBe(6);
  });

  it('pairs folders runtime by runtime, and lists a run without a partner', () => {
    const { code, doc } = compareJson('base-dir', 'cur-dir', '--fail-on-regression', '10');
    expect(code).toBe(1);
    expect(
      doc.comparisons.map((c: { comparison: string; base: { path: string } }) => [c.comparison, c.base.path]),
    ).toEqual([
      ['node on M1', 'base-dir/node.json'],
      ['bun on M1', 'base-dir/bun.json'],
    ]);
    expect(doc.tested).toBe(14);
    expect(doc.regressions).toEqual([
      { comparison: 'node on M1', id: A },
      { comparison: 'node on M1', id: B },
    ]);
    expect(
      doc.onlyInCurrent.map((run: { path: string; machine: { label: string } }) => [
        run.path,
        run.machine.label,
      ]),
    ).toEqual([['cur-dir/node-m2.json', 'M2']]);
    expect(doc.warnings).toEqual([
      'node on M2 (cur-dir/node-m2.json) is only in current: nothing to compare it with',
    ]);
  });
});

describe('paralab-report compare: runtimes and machines', () => {
  it('compares node with bun on one machine by cell id, with the same method', () => {
    const { code, doc } = compareJson('base.json', 'bun.json', '--fail-on-regression', '10');
    expect(code).toBe(0);
    expect(doc.comparisons[0]).toMatchObject({
      comparison: 'node → bun on M1',
      runtime: 'node → bun',
      sameMachine: true,
      figure: 'median ms',
    });
    expect(doc.cells.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual(
      doc.cells.map((c: { id: string }) => [c.id, c.id === A ? 'faster' : '~']),
    );
    expect(doc.cells.every((c: { p: number | null }) => typeof c.p === 'number')).toBe(true);
  });

  it('compares only speedups across machines, and says so in every output', () => {
    const { code, doc } = compareJson('base.json', 'other-machine.json', '--fail-on-regression', '10');
    expect(code).toBe(1);
    expect(doc.comparisons[0]).toMatchObject({
      comparison: 'node on M1 → M2',
      sameMachine: false,
      figure: 'speedup',
    });
    expect(doc.tested).toBe(0);
    expect(
      doc.cells.map((c: { id: string; figure: string; p: null; ci: null; verdict: string }) => [
        c.id,
        c.figure,
        c.p,
        c.ci,
        c.verdict,
      ]),
    ).toEqual([
      [WORKER, 'speedup', null, null, '~'],
      [A, 'speedup', null, null, 'slower'],
      [B, 'speedup', null, null, '~'],
      [HYBRID, 'speedup', null, null, '~'],
    ]);
    const slower = doc.cells[1];
    expect(slower.ratio).toBeCloseTo(0.65 ** -1 * 0.5, 1);
    expect(slower.efficiency.base).toBeCloseTo(slower.base.value / 2, 12);
    expect(doc.comparisons[0].notCompared.map((c: { reason: string }) => c.reason)).toEqual(
      Array(3).fill('sequential: the reference of speedups (always 1)'),
    );
    const across = 'across machines: only dimensionless figures compared';
    expect(doc.warnings[0]).toMatch(
      new RegExp(
        `^node on M1 → M2: ${across} \\(speedup over sequential, efficiency, overhead over floor\\); raw times are never compared across machines\\.`,
      ),
    );
    const terminal = cli('compare', 'base.json', 'other-machine.json').stdout;
    expect(terminal).toMatch(new RegExp(`^node on M1 → M2: ${across}$`, 'm'));
    const markdown = cli('compare', 'base.json', 'other-machine.json', '--markdown').stdout;
    expect(markdown).toMatch(new RegExp(`^### node on M1 → M2: ${across}$`, 'm'));
    cli('compare', 'base.json', 'other-machine.json', '--out', 'html-across', '-q');
    expect(readFileSync(join(dir, 'html-across', 'compare.html'), 'utf8')).toContain(
      `<h2>node on M1 → M2: ${across}</h2>`,
    );
  });
});
