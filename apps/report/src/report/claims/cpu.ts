import { speedupWithCi } from '@paralab/core';
import type { Entry } from '../../shared/aggregate.js';
import { percent, ratioCi, strategyName } from '../../shared/format.js';
import { idealSpeedup, sequentialTasks, taskBound } from '../../shared/task-sizes.js';
import {
  beats,
  bestOf,
  collect,
  compare,
  comparisonText,
  groupsOfKind,
  noBenefit,
  notMeasured,
  part,
  quickest,
  sequentialOf,
  timedOf,
} from './_helpers.js';
import type { ClaimEvaluator, ClaimPart, Finding } from './types.js';

/** Runs `check` on every CPU-bound group of the run; a string result is a missing piece. */
export function perCpuGroup(
  context: Parameters<ClaimEvaluator['evaluate']>[0],
  check: (group: string, entries: Entry[]) => ClaimPart | ClaimPart[] | string,
): Finding {
  const groups = groupsOfKind(context.run, 'cpu');
  if (groups.size === 0) return notMeasured('no CPU-bound cells in these results');
  return collect([...groups].map(([group, entries]) => check(group, entries)));
}

/** Threads and processes cells: the strategies that run on other cores. */
export function parallelOf(entries: readonly Entry[]): Entry[] {
  return [...timedOf(entries, 'threads'), ...timedOf(entries, 'processes')];
}

/** C3: CPU-bound work speeds up about linearly with cores. */
export const c3: ClaimEvaluator = {
  id: 'C3',
  claim:
    'Parallelism speeds CPU-bound work up about linearly with cores (~4× on 4 cores, ~7-8× on 8, ~14-16× on 16).',
  method:
    'On every CPU workload, the fastest threads or processes cell at the highest N ≤ cores: holds when its speedup (with its CI) reaches 75% of the ideal min(N, total work / largest task) with a CI above 1; does not hold when the whole CI stays below 75% of the ideal; inconclusive otherwise.',
  evaluate: (context) => {
    const cores = context.run.file.results.machine.availableParallelism;
    if (cores < 2)
      return notMeasured(`this machine offers ${cores} core: there is no parallelism to measure`);
    return perCpuGroup(context, (group, entries) => linearity(group, entries, cores));
  },
};

function linearity(group: string, entries: Entry[], cores: number): ClaimPart | string {
  const sequential = sequentialOf(entries);
  const parallel = parallelOf(entries).filter((entry) => entry.cell.concurrency <= cores);
  const top = Math.max(0, ...parallel.map((entry) => entry.cell.concurrency));
  const best = quickest(parallel.filter((entry) => entry.cell.concurrency === top));
  if (!sequential || !best)
    return `${group}: no timed ${sequential ? 'threads or processes' : 'sequential'} cell`;
  const speed = speedupWithCi(best.cell) ?? compare(best, sequential);
  const bound = taskBound(best.cell, sequentialTasks(sequential.cell));
  const ideal = idealSpeedup(top, bound);
  const verdict =
    speed.ratio >= 0.75 * ideal && speed.lo > 1
      ? 'holds'
      : speed.hi < 0.75 * ideal
        ? 'does not hold'
        : 'inconclusive';
  const why = bound ? bound.note : 'task sizes unknown, ideal taken as N';
  const numbers = `${strategyName(best.cell)} ${ratioCi(speed)} over sequential = ${percent(speed.ratio / ideal)} of the ideal ${ideal.toFixed(2)}× (${why}); efficiency S/N ${(speed.ratio / top).toFixed(2)}`;
  const settle = `its CI [${speed.lo.toFixed(2)}, ${speed.hi.toFixed(2)}] must lie above 1 and reach ${(0.75 * ideal).toFixed(2)}, or stay below it: measure more samples`;
  return { ...part(group, verdict, numbers), ...(verdict === 'inconclusive' ? { settle } : {}) };
}

/** C4: async does not speed CPU-bound work up; worker threads do. */
export const c4: ClaimEvaluator = {
  id: 'C4',
  claim:
    'Threads do not speed up CPU-bound work in Python (GIL). In JavaScript, async concurrency does not, but worker threads do.',
  method:
    'On every CPU workload, two parts. Async: holds only with evidence that async gives no benefit, when the CI of its speedup over sequential lies inside 1 ± 5% (or below it); does not hold when it lies above. Threads: holds when the best threads cell ran more than 5% faster than sequential (CI above 1.05); does not hold when its CI lies at or below it. Otherwise inconclusive, with what would settle it.',
  evaluate: (context) =>
    perCpuGroup(context, (group, entries) => {
      const sequential = sequentialOf(entries);
      const async = bestOf(entries, 'async');
      const threads = bestOf(entries, 'threads');
      if (!sequential || (!async && !threads)) {
        const absent = [!sequential && 'sequential', !async && !threads && 'async or threads'].filter(
          Boolean,
        );
        return `${group}: no timed ${absent.join(' or ')} cell`;
      }
      const parts: ClaimPart[] = [];
      if (async) {
        const c = compare(async, sequential);
        parts.push(part(`${group}: async`, noBenefit(c), comparisonText(c), c));
      }
      if (threads) {
        const c = compare(threads, sequential);
        parts.push(part(`${group}: threads`, beats(c), comparisonText(c), c));
      }
      return parts;
    }),
};

/** C8: more workers than cores does not help CPU-bound work. */
export const c8: ClaimEvaluator = {
  id: 'C8',
  claim: 'Match the number of workers to the cores; more does not help CPU-bound work.',
  method:
    'On every CPU workload, for the fastest strategy measured both at N = cores and above: holds only with evidence that the oversubscribed cell is not faster, its CI against N = cores inside 1 ± 5% (or below); does not hold when it ran more than 5% faster; inconclusive otherwise, with what would settle it.',
  evaluate: (context) => {
    const cores = context.run.file.results.machine.availableParallelism;
    const finding = perCpuGroup(context, (group, entries) => oversubscription(group, entries, cores));
    if (finding.parts.length === 0) {
      return notMeasured(`no CPU cells both at and above the core count (${cores}) in these results`);
    }
    return finding;
  },
};

function oversubscription(group: string, entries: Entry[], cores: number): ClaimPart | string {
  const parallel = parallelOf(entries);
  const pairs = parallel
    .filter((entry) => entry.cell.concurrency === cores)
    .flatMap((atCores) => {
      const over = quickest(
        parallel.filter((e) => e.cell.strategy === atCores.cell.strategy && e.cell.concurrency > cores),
      );
      return over ? [{ atCores, over }] : [];
    });
  const median = (entry: Entry) => entry.cell.stats?.median ?? Number.POSITIVE_INFINITY;
  const pair = pairs.sort((x, y) => median(x.atCores) - median(y.atCores))[0];
  if (!pair) return `${group}: no strategy measured both at ${cores} and above`;
  const c = compare(pair.over, pair.atCores);
  return part(group, noBenefit(c), comparisonText(c), c);
}
