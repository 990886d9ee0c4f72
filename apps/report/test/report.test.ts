import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportResult, runReport } from '../src/index.js';
import { EVIL, writeFixtures } from './_fixtures.js';
import { markdownTable } from './_markdown.js';

let dir: string;
let result: ReportResult;

beforeAll(async () => {
  dir = writeFixtures();
  result = await runReport({ inputs: [dir], out: dir, now: new Date('2026-01-02T04:00:00.000Z') });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report from synthetic results with known answers', () => {
  it('groups files by machine fingerprint, node first within a machine', () => {
    const { machines } = result.report.aggregate;
    expect(machines.map((m) => [m.label, m.description, m.runs.map((r) => r.label)])).toEqual([
      ['M1', 'Test CPU A · 2 cores · 8 GiB · linux/x64', ['node', 'bun']],
      ['M2', 'Test CPU B · 4 cores · 8 GiB · linux/x64', ['node']],
    ]);
  });

  it('writes the decision table to Markdown with winners, margins and "no clear winner"', () => {
    const rows = markdownTable(result.markdown, '## 1. Decision table').map((row) => [
      row[1],
      row[2],
      row[4],
      row[5]?.split(' [')[0],
      row[6]?.replace(/ \[.*/, ''),
      row[8],
    ]);
    expect(rows).toEqual([
      ['node', 'primes(list=balanced)', 'piscina@2', '2.00×', '1.10× piscina@4', 'wins'],
      ['node', 'sleep(tasks=20)', 'async@10', '9.67×', '1.00× piscina@10', 'no clear winner'],
      ['node', 'http(latencyMs=20,requests=50)', 'async@10', '9.52×', '1.43× worker@10', 'wins'],
      ['node', EVIL, 'sequential@1', '1.00×', '1.01× async@2', 'no clear winner'],
      ['bun', 'primes(list=balanced)', 'piscina@2', '1.80×', '1.40× worker@2', 'wins'],
      ['node', 'primes(list=balanced)', 'piscina@4', '3.81×', '1.95× piscina@2', 'wins'],
    ]);
  });

  it('shows margins with their CI and p-values', () => {
    const [primes] = markdownTable(result.markdown, '## 1. Decision table');
    expect(primes).toEqual([
      'M1',
      'node',
      'primes(list=balanced)',
      'cpu',
      'piscina@2',
      '2.00× [1.98, 2.02]',
      '1.10× piscina@4 [1.09, 1.11]',
      '<0.001',
      'wins',
    ]);
  });

  it('answers every claim per runtime with the expected verdict', () => {
    const rows = markdownTable(result.markdown, '## 2. Claims check').map(
      (row) => `${row[0]} ${row[1]}: ${row[2]}`,
    );
    expect(rows).toEqual([
      'C1 node · M1: holds',
      'C1 bun · M1: not measured here',
      'C1 node · M2: not measured here',
      'C2 node · M1: holds',
      'C2 bun · M1: not measured here',
      'C2 node · M2: not measured here',
      'C3 node · M1: holds',
      'C3 bun · M1: holds',
      'C3 node · M2: holds',
      'C4 node · M1: holds',
      'C4 bun · M1: holds',
      'C4 node · M2: holds',
      'C5 node · M1: holds',
      'C5 bun · M1: holds',
      'C5 node · M2: holds',
      'C6 node · M1: not measured here',
      'C6 bun · M1: not measured here',
      'C6 node · M2: not measured here',
      'C7 node · M1: partly holds',
      'C7 bun · M1: not measured here',
      'C7 node · M2: not measured here',
      'C8 node · M1: holds',
      'C8 bun · M1: not measured here',
      'C8 node · M2: not measured here',
      'C9 node · M1: not measured here',
      'C9 bun · M1: not measured here',
      'C9 node · M2: not measured here',
      'C10 node · M1: not measured here',
      'C10 bun · M1: not measured here',
      'C10 node · M2: not measured here',
      'C11 node · M1: holds',
      'C11 bun · M1: not measured here',
      'C11 node · M2: not measured here',
      'C12 node · M1: not measured here',
      'C12 bun · M1: not measured here',
      'C12 node · M2: not measured here',
    ]);
  });

  it('says precisely what is missing when a claim cannot be decided', () => {
    const answers = Object.fromEntries(
      markdownTable(result.markdown, '## 2. Claims check').map((row) => [`${row[0]} ${row[1]}`, row[3]]),
    );
    expect(answers['C6 node · M1']).toBe(
      'not measured here: no process or process-cold cells in these results',
    );
    expect(answers['C8 node · M2']).toBe(
      'not measured here: no CPU cells both at and above the core count (4) in these results',
    );
    expect(answers['C7 node · M1']).toBe(
      'holds for sleep(tasks=20) at 10; does not hold for http(latencyMs=20,requests=50) at 10; not measured here: thousands: no async cell with 1000 or more in flight beside worker/pool cells of the same workload',
    );
    expect(answers['C3 node · M1']).toBe(
      `holds for primes(list=balanced); not measured here: ${EVIL}: no timed worker, pool or process cell`,
    );
  });

  it('compares runtimes of one machine only, with "~" for a difference that is not significant', () => {
    const rows = markdownTable(result.markdown, '## 4. Cross-runtime matrix').map((row) => [
      row[0],
      row[1],
      row[2]?.replace(/ \(.*/, ''),
      row[3]?.replace(/ \[.*/, ''),
    ]);
    expect(rows.filter((row) => row[0] === 'primes(list=balanced)')).toEqual([
      ['primes(list=balanced)', 'sequential@1', '1', '1.11×'],
      ['primes(list=balanced)', 'async@2', '1', '1.11×'],
      ['primes(list=balanced)', 'worker@2', '1', '1.07×'],
      ['primes(list=balanced)', 'piscina@2', '1', '~1.00×'],
      ['primes(list=balanced)', 'piscina@4', '1', '–'],
    ]);
  });

  it('lists errored, unsupported and invalid cells with their reasons', () => {
    const rows = markdownTable(result.markdown, '**Problem cells**').filter((row) =>
      row[1]?.startsWith(EVIL),
    );
    expect(rows).toEqual([
      ['node · M1', `${EVIL}()/worker@2`, 'errored', 'worker exited with code 1'],
      ['node · M1', `${EVIL}()/piscina@2`, 'unsupported', 'piscina needs <worker_threads>'],
      ['node · M1', `${EVIL}()/workerpool@2`, 'invalid', 'task 3: expected true, got false'],
    ]);
  });

  it('escapes strings from results files in the Markdown', () => {
    expect(result.markdown).not.toContain('<script>');
    expect(result.markdown).not.toContain('<worker_threads>');
    expect(result.markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes strings from results files in the HTML and embeds the data safely', () => {
    expect(result.html).not.toMatch(/<script>alert/);
    expect(result.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(result.html).toContain('\\u003cscript>alert(1)\\u003c/script>');
    expect(result.html.match(/<script/g)).toHaveLength(2);
    expect(result.html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('shows the environment of every file', () => {
    const rows = markdownTable(result.markdown, '## 6. Environment').map((row) => [
      row[1],
      row[3],
      row[5],
      row[9],
    ]);
    expect(rows).toEqual([
      ['node 20.20.2', 'M1: Test CPU A · 2 cores · 8 GiB · linux/x64', 'quick', 'yes'],
      ['bun 1.4.5', 'M1: Test CPU A · 2 cores · 8 GiB · linux/x64', 'quick', 'yes'],
      ['node 20.20.2', 'M2: Test CPU B · 4 cores · 8 GiB · linux/x64', 'quick', 'yes'],
    ]);
  });

  it('reads metrics that the schema does not know yet from the raw file', () => {
    const rows = result.report.overheads.resources.map((r) => [r.entry.cell.id, r.metrics.peakRssBytes]);
    expect(rows).toEqual([
      ['sleep(tasks=20)/async@10', 60 * 2 ** 20],
      ['sleep(tasks=20)/piscina@10', 90 * 2 ** 20],
    ]);
  });
});
