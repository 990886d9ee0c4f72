import type { FarOffCell, ModelError } from '@paralab/core';
import { ms, percent } from '../../shared/format.js';
import { FAR_OFF } from '../model-accuracy.js';

/** The columns of the accuracy table, the same in report.html and report.md. */
export const ACCURACY_HEADER: readonly string[] = [
  'strategy',
  'family',
  'CPU cells predicted',
  'unknown',
  'median |predicted/measured − 1|',
  `within ${FAR_OFF * 100}%`,
];

/** The columns of the far-off list. */
export const FAR_OFF_HEADER: readonly string[] = [
  'cell',
  'predicted (ms)',
  'measured (ms)',
  'predicted / measured',
];

const share = (value: number): string => (Number.isNaN(value) ? '–' : percent(value));

/** One strategy's (or, with `strategy: '*'`, every strategy's) accuracy as text. */
export function accuracyCells(error: ModelError): string[] {
  const all = error.strategy === '*';
  return [
    all ? 'all strategies' : error.strategy,
    all ? '' : error.family,
    String(error.predicted),
    String(error.unknown),
    share(error.medianAbsError),
    share(error.shareWithin),
  ];
}

/** One far-off cell as text. */
export function farOffCells(cell: FarOffCell): string[] {
  return [cell.id, ms(cell.predictedMs), ms(cell.measuredMs), cell.ratio.toFixed(2)];
}

/** How the accuracy is measured, in one paragraph (report.html and report.md say the same). */
export const ACCURACY_METHOD = `The cost model’s prediction of each CPU cell’s batch time (from the run’s own floors and task sizes, as the results file records it in cell.model) beside the measured median: per strategy, how many cells it predicted, how many it could not (a floor it would have to guess), the median |predicted / measured − 1| and the share within ${FAR_OFF * 100}%. Reference cells (the sequential and empty-task cells the model reads its work and floors from) are not predictions and are left out. Cells off by more than ${FAR_OFF * 100}% are findings: contention, GC, a library’s own cost.`;
