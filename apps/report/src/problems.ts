import type { Aggregate, Entry, Run } from './aggregate.js';
import { ms, percent } from './format.js';

/** A cell that is not a clean measurement, and why. */
export interface Problem {
  run: Run;
  entry: Entry;
  /** The status (errored, unsupported, invalid) or the flag (noisy, oversubscribed, ...). */
  issue: string;
  reason: string;
}

function flagReason(flag: string, entry: Entry): string {
  const { cell, run } = entry;
  const stats = cell.stats;
  switch (flag) {
    case 'noisy':
      return `CV ${percent(stats?.cv ?? 0)} is over 10%`;
    case 'oversubscribed':
      return `${cell.concurrency} threads or processes on ${run.file.results.machine.availableParallelism} cores`;
    case 'below-timer-resolution':
      return `median ${ms(stats?.median ?? 0)} ms is under 100 × the timer step (${run.file.results.timer.resolutionMs} ms)`;
    case 'budget-limited':
      return `${cell.samples.length} samples: the cell's time budget ran out before the profile's minimum`;
    case 'ci-wide':
      return `${cell.samples.length} samples: the CI of the median covers only ${percent(stats?.ciConfidence ?? 0)}`;
    default:
      return 'flag set by the runner';
  }
}

/** Every errored, unsupported or invalid cell and every flagged cell, each with its reason. */
export function problems(aggregate: Aggregate): Problem[] {
  return aggregate.runs.flatMap((run) =>
    [...run.entries, ...run.floors].flatMap((entry): Problem[] => {
      const { cell } = entry;
      if (cell.status !== 'ok') return [{ run, entry, issue: cell.status, reason: cell.reason ?? '' }];
      return cell.flags.map((flag) => ({ run, entry, issue: flag, reason: flagReason(flag, entry) }));
    }),
  );
}
