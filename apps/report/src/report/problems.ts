import type { Aggregate, Entry, Run } from '../shared/aggregate.js';
import { ms, percent } from '../shared/format.js';

/** A cell that is not a clean measurement, and why. */
export interface Problem {
  run: Run;
  entry: Entry;
  /** The status (errored, unsupported, invalid, interrupted) or the flag (noisy, under-sampled, ...). */
  issue: string;
  reason: string;
}

function flagReason(flag: string, entry: Entry): string {
  const { cell, run } = entry;
  const stats = cell.stats;
  const n = cell.samples.length;
  switch (flag) {
    case 'noisy':
      return `CV ${percent(stats?.cv ?? 0)} is over 10%`;
    case 'oversubscribed':
      return `${cell.concurrency} threads or processes on ${run.file.results.machine.availableParallelism} cores`;
    case 'below-timer-resolution':
      return `median ${ms(stats?.median ?? 0)} ms is under 100 × the timer step (${run.file.results.timer.resolutionMs} ms)`;
    case 'budget-limited':
      return `${n} samples: the cell's time budget ran out before the profile's minimum`;
    case 'under-sampled':
      return `${n} samples: fewer than the profile's minimum, so kept out of decisions that need more`;
    case 'ci-wide':
      return `${n} samples: the CI of the median covers only ${percent(stats?.ciConfidence ?? 0)}`;
    case 'multimodal':
      return 'the samples form more than one cluster: the median may be neither cost';
    case 'long-warmup':
      return `${cell.warmups.length} warm-ups: it was still speeding up after the profile's count`;
    default:
      return 'flag set by the runner';
  }
}

/** Every cell that is not ok, and every flagged cell, each with its reason (floors included). */
export function problems(aggregate: Aggregate): Problem[] {
  return aggregate.runs.flatMap((run) =>
    [...run.entries, ...run.floors].flatMap((entry): Problem[] => {
      const { cell } = entry;
      if (cell.status !== 'ok') return [{ run, entry, issue: cell.status, reason: cell.reason ?? '' }];
      return cell.flags.map((flag) => ({ run, entry, issue: flag, reason: flagReason(flag, entry) }));
    }),
  );
}
