import { describe, expect, it } from 'vitest';
import { type GrainPanel, grainChart, renderHtml, renderMarkdown } from '../src/index.js';
import { EVIL } from './_fixtures.js';
import { grainRun } from './_grain-fixtures.js';
import { buildReport } from './_report.js';

/** The markup of the chart's mark group named `label`. */
function group(svg: string, label: string): string {
  const start = svg.indexOf(`aria-description="${label}"`);
  if (start === -1) throw new Error(`no ${label} in the chart`);
  return svg.slice(start, svg.indexOf('</g>', start));
}

describe('speedup against task size (the grain sweep)', () => {
  const report = buildReport([grainRun()]);
  const [series] = report.grain[0]?.series ?? [];

  it('reads the measured break-even between the two sizes around 1, and the predicted one from the floors', () => {
    // Speedups 0.8 and 1.25 at 16 and 32 µs, over a worker median 1.001 × its nominal (the ±1% samples'
    // median): 1 lies at share -ln(0.8 / 1.001) / ln(1.25 / 0.8) of the doubling, in log size.
    const share = -Math.log(0.8 / 1.001) / Math.log(1.25 / 0.8);
    expect((series?.measured.taskMs ?? 0) * 1000).toBeCloseTo(16 * 2 ** share, 6);
    // A pool of 2 with a 0.05 ms round trip pays above t = d / (N − 1) = 50 µs (n rounding: within 1%).
    expect(Math.abs((series?.predictedBreakEven?.taskMs ?? 0) / 0.05 - 1)).toBeLessThan(0.01);
    expect(series?.sentence).toMatch(
      /^worker@2: measured break-even 22\.7 µs \[\d\d\.\d, \d\d\.\d\], predicted 50\.1 µs \(measured \/ predicted 0\.45\)$/,
    );
    expect(series?.predicted.map((p) => p.taskMs * 1000)).toEqual(
      series?.measured.points.map((p) => p.taskMs * 1000),
    );
  });

  it('draws the measured points with CI bars, the predicted curve and both break-evens', () => {
    const svg = String(grainChart([{ title: 'node', panel: report.grain[0] as GrainPanel }]));
    expect(group(svg, 'measured speedup').match(/<title>/g)).toHaveLength(6);
    expect(group(svg, 'measured speedup CI').match(/<line/g)).toHaveLength(6);
    expect(group(svg, 'predicted speedup').match(/<path/g)).toHaveLength(1);
    expect(group(svg, 'measured break-even')).toContain(
      '<title>measured break-even of worker@2 on node: 22.7 µs</title>',
    );
    expect(group(svg, 'predicted break-even')).toContain(
      '<title>predicted break-even of worker@2 on node: 50.1 µs</title>',
    );
  });

  it('puts the chart and the sentences in report.html and the sentences in report.md', () => {
    const page = renderHtml(report);
    expect(page).toMatch(/<details class="part" id="grain"><summary><h2>Speedup vs task size<\/h2>/);
    expect(page).toContain(`<li>${series?.sentence}</li>`);
    expect(renderMarkdown(report)).toContain(`## Speedup vs task size`);
    expect(renderMarkdown(report)).toMatch(/\*\*node\*\*\n- worker@2: measured break-even 22\.7 µs/);
  });

  it('shows a hostile strategy name as text', () => {
    const evil = buildReport([grainRun(EVIL)]);
    const svg = String(grainChart([{ title: 'node', panel: evil.grain[0] as GrainPanel }]));
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
    const page = renderHtml(evil);
    expect(page).not.toContain(EVIL);
    expect(page).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;é✓@2: measured break-even',
    );
  });

  it('no sweep, no section', () => {
    const none = buildReport([[{ workload: 'json', strategy: 'sequential', samples: [1, 2, 3, 4, 5] }]]);
    expect(none.grain).toEqual([]);
    expect(renderHtml(none)).not.toContain('id="grain"');
  });
});
