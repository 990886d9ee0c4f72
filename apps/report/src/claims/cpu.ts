import type { Entry } from '../aggregate.js';
import { quickest } from '../compare.js';
import { percent, ratioCi, strategyName } from '../format.js';
import { idealSpeedup, taskBound } from '../task-sizes.js';
import {
  bestOf,
  compare,
  comparisonText,
  groupsOfKind,
  notMeasured,
  part,
  sequentialOf,
  speedText,
  timedOf,
} from './_helpers.js';
import type { ClaimEvaluator, ClaimPart, Finding } from './types.js';

/** Runs `check` on every CPU-bound group of the run; a string result is a missing piece. */
export function perCpuGroup(
  context: Parameters<ClaimEvaluator['evaluate']>[0],
  check: (group: string, entries: Entry[]) => ClaimPart | string,
): Finding {
  const groups = groupsOfKind(context.run, 'cpu');
  if (groups.size === 0) return notMeasured('no CPU-bound cells in these results');
  const finding: Finding = { parts: [], missing: [] };
  for (const [group, entries] of groups) {
    const result = check(group, entries);
    if (typeof result === 'string') finding.missing.push(result);
    else finding.parts.push(result);
  }
  return finding;
}

/** Worker, pool and process cells: the strategies that run on other cores. */
export function parallelOf(entries: readonly Entry[]): Entry[] {
  return [...timedOf(entries, 'threads'), ...timedOf(entries, 'processes')];
}

/** C3: CPU-bound work speeds up about linearly with cores. */
export const c3: ClaimEvaluator = {
  id: 'C3',
  claim:
    'Parallelism speeds CPU-bound work up about linearly with cores (~4× on 4 cores, ~7-8× on 8, ~14-16× on 16).',
  method:
    'On every CPU workload, the fastest worker/pool/process cell at N ≤ cores: holds when its speedup reaches 75% of the ideal min(N, total work / largest task) with a CI above 1; does not hold when the whole CI stays below 75% of the ideal.',
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
    return `${group}: no timed ${sequential ? 'worker, pool or process' : 'sequential'} cell`;
  const speed = compare(best, sequential);
  const bound = taskBound(best.cell);
  const ideal = idealSpeedup(top, bound);
  const verdict =
    speed.ratio >= 0.75 * ideal && speed.lo > 1
      ? 'holds'
      : speed.hi < 0.75 * ideal
        ? 'does not hold'
        : 'inconclusive';
  const why = bound ? bound.note : 'task sizes unknown, ideal taken as N';
  const numbers = `${speedText(best, speed)} = ${percent(speed.ratio / ideal)} of the ideal ${ideal.toFixed(2)}× (${why}); efficiency S/N ${(speed.ratio / top).toFixed(2)}`;
  return part(group, verdict, numbers);
}

/** C4: async does not speed CPU-bound work up; worker threads do. */
export const c4: ClaimEvaluator = {
  id: 'C4',
  claim:
    'Threads do not speed up CPU-bound work in Python (GIL). In JavaScript, async concurrency does not, but worker threads do.',
  method:
    'On every CPU workload: holds when the best async cell is not faster than sequential and the best worker/pool cell is (p < 0.05, CI outside ±2%); does not hold when async is faster or workers are slower.',
  evaluate: (context) =>
    perCpuGroup(context, (group, entries) => {
      const sequential = sequentialOf(entries);
      const async = bestOf(entries, 'async');
      const threads = bestOf(entries, 'threads');
      if (!sequential || !async || !threads) {
        const absent = [!sequential && 'sequential', !async && 'async', !threads && 'worker/pool'].filter(
          Boolean,
        );
        return `${group}: no timed ${absent.join(' or ')} cell`;
      }
      const asyncSpeed = compare(async, sequential);
      const threadSpeed = compare(threads, sequential);
      const verdict =
        asyncSpeed.outcome !== 'faster' && threadSpeed.outcome === 'faster'
          ? 'holds'
          : asyncSpeed.outcome === 'faster' || threadSpeed.outcome === 'slower'
            ? 'does not hold'
            : 'inconclusive';
      return part(group, verdict, `${speedText(async, asyncSpeed)}; ${speedText(threads, threadSpeed)}`);
    }),
};

/** C8: more workers than cores does not help CPU-bound work. */
export const c8: ClaimEvaluator = {
  id: 'C8',
  claim: 'Match the number of workers to the cores; more does not help CPU-bound work.',
  method:
    'On every CPU workload, for the fastest worker/pool/process strategy measured both at N = cores and above: holds when the oversubscribed cell is not faster (p < 0.05, CI outside ±2%) than the one at N = cores.',
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
    .map((atCores) => {
      const above = parallel.filter(
        (e) => e.cell.strategy === atCores.cell.strategy && e.cell.concurrency > cores,
      );
      return { atCores, over: quickest(above) };
    })
    .filter((pair): pair is { atCores: Entry; over: Entry } => pair.over !== undefined);
  const pair = quickest(pairs.map((p) => ({ ...p, cell: p.atCores.cell })));
  if (!pair) return `${group}: no strategy measured both at ${cores} and above`;
  const result = compare(pair.over, pair.atCores);
  const verdict = result.outcome === 'faster' ? 'does not hold' : 'holds';
  const over = strategyName(pair.over.cell);
  return part(
    group,
    verdict,
    `${comparisonText(pair.over, pair.atCores, result)}; ${over} runs ${ratioCi(result)} the speed at ${cores}`,
  );
}
