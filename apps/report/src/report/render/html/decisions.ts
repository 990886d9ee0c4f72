import { runTitle } from '../../../shared/aggregate.js';
import { plural, ratioCi } from '../../../shared/format.js';
import { html, type SafeHtml } from '../../../shared/html/escape.js';
import { badge, breakable, table } from '../../../shared/html/parts.js';
import type { Report } from '../../build.js';
import { type Decision, entryOf } from '../../decisions.js';
import { explain } from '../../explain.js';
import { cellRef, filterAttrs, part } from './filters.js';

function row(decision: Decision, report: Report) {
  const text = explain(decision);
  const pick = entryOf(decision, decision.best.recommendation?.cell);
  const details = [
    text.why,
    text.headline,
    text.settle,
    ...text.excluded.map((e) => `kept out: ${e}`),
  ].filter(Boolean);
  return {
    cells: [
      runTitle(decision.run, report.aggregate),
      html`<code>${breakable(decision.group)}</code>`,
      decision.kind,
      html`<strong>${text.pick ?? '–'}</strong>`,
      text.speedup ? ratioCi(text.speedup) : '–',
      badge(text.verdict),
      [...text.equivalents, ...text.undecided.map((name) => `${name} (not yet told apart)`)].join(', ') ||
        '–',
      html`<span class="why">${details.join('; ')}</span>`,
    ],
    attrs: html`${filterAttrs({ runtime: [decision.run.runtime], workload: [decision.workload], kind: [decision.kind] })}${pick ? cellRef(pick) : ''}`,
  };
}

/** Every workload × params × run: the pick, its speedup, the verdict, the equivalent cells and why. */
export function decisionsPart(report: Report): SafeHtml {
  const header = [
    'runtime',
    'workload',
    'kind',
    'use',
    '× sequential [95% CI]',
    'verdict',
    'equivalent (within 5%)',
    'why',
  ];
  const rows = report.decisions.map((decision) => row(decision, report));
  return part(
    'workloads',
    'Every workload',
    `${plural(rows.length, 'decision')}: the pick, its speedup, the verdict, the equivalent cells, what would settle it`,
    html`<p class="note">Core’s decision rule per workload and runtime (delta 5%, cores = the machine’s). Click a row, or focus it and press Enter, for the pick’s raw samples.</p>${table(header, rows, 'decisions')}`,
  );
}
