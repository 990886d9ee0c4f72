import { runTitle } from '../../shared/aggregate.js';
import { mdDetails, mdTable, mdText } from '../../shared/markdown-text.js';
import type { Report } from '../build.js';
import { FAR_OFF } from '../model-accuracy.js';
import {
  ACCURACY_HEADER,
  ACCURACY_METHOD,
  accuracyCells,
  FAR_OFF_HEADER,
  farOffCells,
} from './model-rows.js';

/**
 * The cost model's accuracy per runtime and strategy in report.md, with the far-off cells collapsed; empty
 * when no file carries model records.
 */
export function accuracyMarkdown(report: Report): string {
  if (!report.accuracy.some((t) => t.recorded)) return '';
  const blocks = report.accuracy.map((t) => {
    const title = runTitle(t.run, report.aggregate);
    if (!t.recorded) return `**${mdText(title)}**: no cost-model records (cell.model) in this file.`;
    const rows = [...(t.all ? [t.all] : []), ...t.strategies].map(accuracyCells);
    const far =
      t.farOff.length > 0
        ? mdDetails(
            `${title}: ${t.farOff.length} cells off by more than ${FAR_OFF * 100}%`,
            mdTable(FAR_OFF_HEADER, t.farOff.map(farOffCells)),
          )
        : `No CPU cell of ${mdText(title)} is off by more than ${FAR_OFF * 100}%.`;
    return [`**${mdText(title)}**`, mdTable(ACCURACY_HEADER, rows), far].join('\n\n');
  });
  return ['## Cost model: predicted beside measured', mdText(ACCURACY_METHOD), ...blocks].join('\n\n');
}

/** The grain sweep's break-evens in report.md: a sentence per strategy (the chart is in report.html). */
export function grainMarkdown(report: Report): string {
  if (report.grain.length === 0) return '';
  const blocks = report.grain.map((panel) => {
    const lines = panel.series.map((s) => `- ${mdText(s.sentence)}`);
    return [`**${mdText(runTitle(panel.run, report.aggregate))}**`, ...lines].join('\n');
  });
  return [
    '## Speedup vs task size',
    'Where offloading starts to pay in the grain sweep (same total work, smaller or larger tasks): the measured break-even (speedup over sequential crossing 1, with the crossing of its CI bounds) beside the cost model’s. The chart is in report.html.',
    ...blocks,
  ].join('\n\n');
}
