import { runTitle } from '../../shared/aggregate.js';
import { mdDetails, mdTable, mdText } from '../../shared/markdown-text.js';
import type { Report } from '../build.js';
import { SERVING_HEADER, SERVING_METHOD, servingCells, servingTitle } from './serving-rows.js';

/**
 * Serving HTTP in report.md: what the figures are, then per runtime the sentence about the load generator
 * (when it may have set the pace) right above its table, collapsed. Empty without served cells.
 */
export function servingMarkdown(report: Report): string {
  if (report.serving.length === 0) return '';
  const runs = report.serving.map((t) => {
    const title = servingTitle(t, runTitle(t.run, report.aggregate));
    const note = t.generatorNote ? `> ${mdText(t.generatorNote)}\n\n` : '';
    return `${note}${mdDetails(title, mdTable(SERVING_HEADER, t.rows.map(servingCells)))}`;
  });
  return ['## Serving HTTP', mdText(SERVING_METHOD), ...runs].join('\n\n');
}
