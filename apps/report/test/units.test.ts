import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  familyWords,
  floorFigures,
  html,
  idealSpeedup,
  jsonScript,
  mdText,
  parseResultsText,
  plain,
  plusMinus,
  ranFaster,
  raw,
  taskBound,
} from '../src/index.js';
import { combine, mergeMissing } from '../src/report/claims/index.js';
import { around, asVersion1, cells, EVIL, nodeA } from './_fixtures.js';

describe('html tagged template', () => {
  it('escapes every interpolation unless it is marked safe', () => {
    const attr = '" onmouseover="alert(1)';
    expect(html`<td title="${attr}">${'<script>alert(1)</script>'}</td>`.toString()).toBe(
      '<td title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;</td>',
    );
    expect(html`<p>${raw('<b>trusted</b>')} ${html`<i>${'<x>'}</i>`}</p>`.toString()).toBe(
      '<p><b>trusted</b> <i>&lt;x&gt;</i></p>',
    );
  });

  it('joins arrays and renders nothing for undefined, null and false', () => {
    expect(html`${['<a>', html`<b></b>`]}|${undefined}|${null}|${false}|${0}`.toString()).toBe(
      '&lt;a&gt;<b></b>||||0',
    );
  });

  it.each([
    ['&', '&amp;'],
    ["'", '&#39;'],
    ['a<b>"c"', 'a&lt;b&gt;&quot;c&quot;'],
  ])('escapeHtml(%j) is %j', (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });

  it('embeds JSON that no string can break out of', () => {
    const markup = jsonScript('data', { name: `</script><!--${EVIL}\u2028` }).toString();
    const json = markup.slice(markup.indexOf('>') + 1, markup.lastIndexOf('</script>'));
    expect(json).not.toMatch(/<\/script|<!--|\u2028/);
    expect(JSON.parse(json)).toEqual({ name: `</script><!--${EVIL}\u2028` });
  });
});

describe('text for Markdown and terminals', () => {
  it('escapes HTML and Markdown structure in Markdown cells', () => {
    expect(mdText('<script>alert(1)</script> | *x* [a](b) `c`\nd & e')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\* \\[a\\](b) \\`c\\` d &amp; e',
    );
  });

  it('replaces control characters in terminal text', () => {
    expect(plain('a\u001b[2Jb\u0007c')).toBe('a?[2Jb?c');
  });
});

describe('numbers in words', () => {
  it.each([
    [{ ratio: 1.89, lo: 1.85, hi: 1.94 }, '1.89 ± 0.05'],
    [{ ratio: 9.52, lo: 9.1, hi: 9.6 }, '9.52 ± 0.42'],
    [{ ratio: 90.9, lo: 69.6, hi: 108.5 }, '90.9 ± 21.3'],
  ])('plusMinus(%j) is %s: the wider half of the CI', (ci, text) => {
    expect(plusMinus(ci)).toBe(text);
  });

  it('says "faster" above 1 and turns a ratio below 1 around as "slower", as hyperfine does', () => {
    expect(ranFaster('worker@2', { ratio: 1.89, lo: 1.85, hi: 1.94 }, 'sequential')).toBe(
      'worker@2 ran 1.89 ± 0.05 times faster than sequential',
    );
    expect(ranFaster('async@2', { ratio: 0.5, lo: 0.4, hi: 0.625 }, 'sequential')).toBe(
      'async@2 ran 2.00 ± 0.50 times slower than sequential',
    );
  });

  it('names known families in words and shows any other family as it is', () => {
    expect(['threads', 'processes', 'gpu'].map(familyWords)).toEqual([
      'worker threads',
      'child processes',
      'gpu',
    ]);
  });
});

describe('parseResultsText', () => {
  it('names the file and the field of a malformed file', () => {
    const data = JSON.parse(JSON.stringify(nodeA()));
    data.cells[3].status = 'fast';
    expect(parseResultsText(JSON.stringify(data), 'results/x.json')).toEqual({
      path: 'results/x.json',
      message: expect.stringMatching(/^results\/x\.json: cells\[3\]\.status: [^\n]+$/),
    });
  });

  it('loads a schema version 1 file, with each cell given its family by core', () => {
    const loaded = parseResultsText(JSON.stringify(asVersion1(nodeA())), 'old.json');
    if (!('results' in loaded)) throw new Error(loaded.message);
    const families = Object.fromEntries(loaded.results.cells.map((cell) => [cell.strategy, cell.family]));
    expect(families).toEqual({
      sequential: 'sequential',
      async: 'async',
      worker: 'threads',
      piscina: 'threads',
      workerpool: 'threads',
      worker_threads: 'calibration',
    });
  });

  it.each([
    ['{', /^r\.json: not valid JSON: /],
    ['{"name":"a package"}', /^r\.json: schemaVersion: /],
    ['{"schemaVersion":3}', /^r\.json: schemaVersion 3 is not supported/],
  ])('rejects %j with a one-line error', (text, message) => {
    const result = parseResultsText(text, 'r.json');
    expect('message' in result && result.message).toMatch(message);
    expect('message' in result && result.message.includes('\n')).toBe(false);
  });
});

describe('floors from the low end', () => {
  it('reads p10 with 20 samples or more, and the minimum below, beside the median', () => {
    const [many, few] = cells([
      {
        workload: 'calibration',
        family: 'calibration',
        strategy: 'w',
        samples: around(10, 24),
        tasksPerSample: 1,
      },
      {
        workload: 'calibration',
        family: 'calibration',
        strategy: 'w',
        params: { x: 1 },
        samples: [4, 5, 6, 40, 41, 42],
      },
    ]);
    if (!many || !few) throw new Error('no cells');
    expect(floorFigures(many)).toMatchObject({ which: 'p10', n: 24 });
    expect(floorFigures(many).lowMs).toBeLessThan(floorFigures(many).medianMs);
    // Samples per sample of 8 operations: one operation is an eighth (the fixture's tasksPerSample).
    expect(floorFigures(few)).toEqual({ which: 'min', n: 6, lowMs: 0.5, medianMs: 23 / 8 });
  });
});

describe('task-size bound', () => {
  it('reads the bound from the task durations a sequential cell recorded', () => {
    const tasks = {
      n: 6,
      phase: 'whole' as const,
      totalMs: 100,
      meanMs: 16.7,
      medianMs: 12,
      p90Ms: 30,
      maxMs: 40,
    };
    expect(taskBound({ workload: 'mine', params: {}, tasksPerSample: 6 }, tasks)).toEqual({
      bound: 2.5,
      note: '6 tasks, each task timed alone on the measuring thread: the largest is 40% of the work',
    });
  });

  it('computes the seeds list of primes for files without task durations', () => {
    const bound = taskBound({ workload: 'primes', params: { list: 'seeds' }, tasksPerSample: 6 });
    expect(bound?.bound).toBeCloseTo(5.26, 2);
    expect(idealSpeedup(8, bound)).toBeCloseTo(5.26, 2);
    expect(idealSpeedup(2, bound)).toBe(2);
    expect(taskBound({ workload: 'mine', params: {}, tasksPerSample: 20 })).toBeUndefined();
    expect(idealSpeedup(4, undefined)).toBe(4);
  });
});

describe('combine', () => {
  const p = (verdict: 'holds' | 'does not hold' | 'inconclusive') => ({ subject: 's', verdict, numbers: '' });
  it.each([
    [[], 'not measured here'],
    [[p('holds'), p('holds')], 'holds'],
    [[p('holds'), p('does not hold')], 'partly holds'],
    [[p('holds'), p('inconclusive')], 'partly holds'],
    [[p('does not hold'), p('inconclusive')], 'does not hold'],
    [[p('inconclusive')], 'inconclusive'],
  ])('%j gives %s', (parts, verdict) => {
    expect(combine(parts)).toBe(verdict);
  });
});

describe('mergeMissing', () => {
  it('merges the same reason across groups and keeps other lines as they are', () => {
    const groups = new Set(['a(x=1)', 'b', 'c']);
    expect(
      mergeMissing(
        ['a(x=1): no async cell', 'no file workload', 'b: no async cell', 'c: other', 'no async cell'],
        groups,
      ),
    ).toEqual(['a(x=1) and b: no async cell', 'no file workload', 'c: other', 'no async cell']);
  });
});
