import { describe, expect, it } from 'vitest';
import { combine, mergeMissing } from '../src/claims/index.js';
import {
  escapeHtml,
  html,
  jsonScript,
  mdText,
  metricsOf,
  parseResultsText,
  plain,
  raw,
} from '../src/index.js';
import { idealSpeedup, taskBound } from '../src/task-sizes.js';
import { EVIL, nodeA } from './_fixtures.js';

describe('html tagged template', () => {
  it('escapes every interpolation unless it is marked safe', () => {
    const name = EVIL;
    const attr = '" onmouseover="alert(1)';
    expect(html`<td title="${attr}">${name}</td>`.toString()).toBe(
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
    expect(markup).toBe(
      '<script type="application/json" id="data">{"name":"\\u003c/script>\\u003c!--\\u003cscript>alert(1)\\u003c/script>\\u2028"}</script>',
    );
    const json = markup.slice(markup.indexOf('>') + 1, markup.lastIndexOf('</script>'));
    expect(JSON.parse(json)).toEqual({ name: `</script><!--${EVIL}\u2028` });
  });
});

describe('text for Markdown and terminals', () => {
  it('escapes HTML and Markdown structure in Markdown cells', () => {
    expect(mdText(`${EVIL} | *x* [a](b) \`c\`\nd`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\* \\[a\\](b) \\`c\\` d',
    );
  });

  it('replaces control characters in terminal text', () => {
    expect(plain('a\u001b[2Jb\u0007c')).toBe('a?[2Jb?c');
  });
});

describe('metricsOf', () => {
  it('reads only finite non-negative numbers from a cell of the raw file', () => {
    const raw = {
      cells: [
        {},
        {
          metrics: {
            peakRssBytes: 10,
            utilization: -1,
            cpuUserMs: 'x',
            eventLoopDelay: { p99Ms: 3, maxMs: null },
          },
        },
      ],
    };
    expect(metricsOf(raw, 1)).toEqual({ peakRssBytes: 10, eventLoopDelay: { p99Ms: 3 } });
    expect(metricsOf(raw, 0)).toBeUndefined();
    expect(metricsOf(raw, 5)).toBeUndefined();
    expect(metricsOf('nonsense', 0)).toBeUndefined();
  });

  it('reads long tasks only when all three figures are there', () => {
    const raw = {
      cells: [
        { metrics: { longTasks: { count: 3, totalMs: 400, maxMs: 162 } } },
        { metrics: { longTasks: { count: 3, totalMs: -1, maxMs: 162 }, peakRssBytes: 1 } },
      ],
    };
    expect(metricsOf(raw, 0)).toEqual({ longTasks: { count: 3, totalMs: 400, maxMs: 162 } });
    expect(metricsOf(raw, 1)).toEqual({ peakRssBytes: 1 });
  });
});

describe('parseResultsText', () => {
  it('names the file and the field of a malformed file', () => {
    const data = JSON.parse(JSON.stringify(nodeA()));
    data.cells[3].status = 'fast';
    const result = parseResultsText(JSON.stringify(data), 'results/x.json');
    expect(result).toEqual({
      path: 'results/x.json',
      message: expect.stringMatching(/^results\/x\.json: cells\[3\]\.status: /),
    });
  });

  it.each([
    ['{', /^r\.json: not valid JSON: /],
    ['{"name":"a package"}', /^r\.json: schemaVersion: /],
    ['{"schemaVersion":2}', /^r\.json: schemaVersion 2 is not supported/],
  ])('rejects %j with a one-line error', (text, message) => {
    const result = parseResultsText(text, 'r.json');
    expect('message' in result && result.message).toMatch(message);
    expect('message' in result && result.message.includes('\n')).toBe(false);
  });
});

describe('task-size bound', () => {
  it('knows that the seeds list is bounded by its largest task', () => {
    const bound = taskBound({ workload: 'primes', params: { list: 'seeds' }, tasksPerSample: 6 });
    expect(bound?.bound).toBeCloseTo(5.26, 2);
    expect(bound?.note).toBe('6 tasks of unequal cost: the largest is 19% of the work');
    expect(idealSpeedup(8, bound)).toBeCloseTo(5.26, 2);
    expect(idealSpeedup(2, bound)).toBe(2);
  });

  it('uses the task count for equal tasks and knows nothing of unknown workloads', () => {
    expect(taskBound({ workload: 'sleep', params: {}, tasksPerSample: 20 })).toEqual({
      bound: 20,
      note: '20 tasks of equal cost',
    });
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
