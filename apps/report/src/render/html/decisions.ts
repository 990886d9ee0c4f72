import type { Report } from '../../report.js';
import { decisionRows } from '../rows.js';
import { badge, breakable, cellRef, filterAttrs, section, table } from './_parts.js';
import { html, type SafeHtml } from './escape.js';

/** Part 1: the decision table, one row per run × workload × params. */
export function decisionsSection(report: Report): SafeHtml {
  const rows = decisionRows(report.decisions).map((row, i) => {
    const decision = report.decisions[i];
    const best = decision?.verdict?.best;
    const entry = best ? decision?.entries.find((e) => e.cell === best) : undefined;
    return {
      cells: [
        row.machine,
        row.runtime,
        html`<code>${breakable(row.group)}</code>`,
        row.kind,
        html`<strong>${row.fastest}</strong>`,
        row.vsSequential,
        row.margin,
        row.p,
        badge(row.verdict),
      ],
      attrs: html`${filterAttrs({ runtime: [row.run.runtime], workload: [row.workload], kind: [row.kind] })}${entry ? cellRef(entry) : ''}`,
    };
  });
  const header = [
    'machine',
    'runtime',
    'workload',
    'kind',
    'fastest',
    '× sequential [95% CI]',
    'margin over runner-up [95% CI]',
    'p',
    'verdict',
  ];
  return section(
    'decisions',
    '1. Decision table',
    'The fastest strategy (any concurrency) for each workload on each runtime: the measured version of the articles’ approach selection guide. It wins when it beats the runner-up with a two-sided Mann-Whitney p < 0.05 and the bootstrap CI of the margin lies above 1.02; otherwise there is no clear winner. Click a row for the winner’s raw samples.',
    table(header, rows, 'decisions'),
  );
}
