import type { Entry } from '../aggregate.js';
import { quickest } from '../compare.js';
import { ms, ratioCi, strategyName } from '../format.js';
import {
  bestOf,
  commonLevels,
  compare,
  comparisonText,
  groupsOfKind,
  groupsWhere,
  part,
  sequentialOf,
  speedText,
  timedOf,
} from './_helpers.js';
import { perCpuGroup } from './cpu.js';
import type { ClaimEvaluator, ClaimPart, Finding } from './types.js';

/** The workload of C5's second half: timers with a few CPU tasks among them. */
export const BLOCKING = 'blocking';

/** C5: async gives CPU-bound work nothing, and one blocking call stalls every task. */
export const c5: ClaimEvaluator = {
  id: 'C5',
  claim:
    'Async gives no benefit for CPU-bound work, and one blocking call inside async code stalls every other task.',
  method:
    'Async half, on every CPU workload: holds when async is not faster than sequential. Blocking half, on the blocking workload (timers with CPU tasks among them), async against worker threads at the same N: holds when the async cell’s event-loop p99 delay is at least twice the workers’ (and 1 ms more), or, without that metric, when the workers are faster (p < 0.05, CI outside ±2%).',
  evaluate: (context) => {
    const asyncHalf = perCpuGroup(context, (group, entries) => {
      const sequential = sequentialOf(entries);
      const async = bestOf(entries, 'async');
      if (!sequential || !async) return `${group}: no timed ${sequential ? 'async' : 'sequential'} cell`;
      const speed = compare(async, sequential);
      return part(group, speed.outcome === 'faster' ? 'does not hold' : 'holds', speedText(async, speed));
    });
    const finding: Finding = { parts: [...asyncHalf.parts], missing: [...asyncHalf.missing] };
    const groups = groupsWhere(context.run, (entry) => entry.cell.workload === BLOCKING);
    if (groups.size === 0) finding.missing.push('the blocking-call half: no blocking cells in these results');
    for (const [group, entries] of groups) {
      const found = stalls(group, entries);
      if (typeof found === 'string') finding.missing.push(found);
      else finding.parts.push(...found);
    }
    return finding;
  },
};

function stalls(group: string, entries: Entry[]): ClaimPart[] | string {
  const asyncs = timedOf(entries, 'async');
  const threads = timedOf(entries, 'threads');
  const levels = commonLevels(asyncs, threads);
  if (levels.length === 0) return `${group}: no async and worker cells at the same concurrency`;
  return levels.flatMap((n) => {
    const async = bestOf(asyncs, 'async', n);
    const worker = bestOf(threads, 'threads', n);
    return async && worker ? [stall(`${group} at ${n}`, async, worker)] : [];
  });
}

function stall(subject: string, async: Entry, worker: Entry): ClaimPart {
  const lag = async.metrics?.eventLoopDelay?.p99Ms;
  const workerLag = worker.metrics?.eventLoopDelay?.p99Ms;
  const result = compare(worker, async);
  const times = comparisonText(worker, async, result);
  if (lag !== undefined && workerLag !== undefined) {
    const verdict = lag >= 2 * workerLag && lag - workerLag >= 1 ? 'holds' : 'does not hold';
    const lags = `event-loop p99 delay ${ms(lag)} ms with ${strategyName(async.cell)}, ${ms(workerLag)} ms with ${strategyName(worker.cell)}`;
    return part(subject, verdict, `${lags}; ${times}`);
  }
  const verdict =
    result.outcome === 'faster' ? 'holds' : result.outcome === 'same' ? 'inconclusive' : 'does not hold';
  return part(subject, verdict, `${times} (no event-loop delay metric)`);
}

/** C7: for few tasks threads and async are alike; with thousands in flight async wins. */
export const c7: ClaimEvaluator = {
  id: 'C7',
  claim:
    'For a few tasks, threads and async perform alike; with thousands of concurrent tasks async wins (memory, switching cost).',
  method:
    'On I/O and mixed workloads. Few (N ≤ 64): async against the best worker/pool cell at the same N; holds when the CI of the ratio lies within ±10%, does not hold when it lies wholly outside. Thousands: an async cell with 1000 or more in flight against the best worker/pool cell of the same workload and parameters; holds when async is faster (p < 0.05, CI outside ±2%).',
  evaluate: ({ run }) => {
    const finding: Finding = { parts: [], missing: [] };
    let [few, many] = [0, 0];
    for (const [group, entries] of groupsOfKind(run, 'io', 'mixed')) {
      const asyncs = timedOf(entries, 'async');
      const threads = timedOf(entries, 'threads');
      for (const n of commonLevels(asyncs, threads).filter((level) => level <= 64)) {
        const found = alike(group, bestOf(asyncs, 'async', n), bestOf(threads, 'threads', n), n);
        if (found) finding.parts.push(found);
        if (found) few += 1;
      }
      const thousands = quickest(asyncs.filter((entry) => entry.cell.concurrency >= 1000));
      const rival = quickest(threads);
      if (thousands && rival) {
        many += 1;
        const result = compare(thousands, rival);
        const verdict =
          result.outcome === 'faster'
            ? 'holds'
            : result.outcome === 'same'
              ? 'inconclusive'
              : 'does not hold';
        finding.parts.push(
          part(
            `${group} with ${thousands.cell.concurrency} in flight`,
            verdict,
            comparisonText(thousands, rival, result),
          ),
        );
      }
    }
    if (few === 0)
      finding.missing.push(
        'few tasks: no I/O or mixed workload with async and worker/pool cells at the same N ≤ 64',
      );
    if (many === 0)
      finding.missing.push(
        'thousands: no async cell with 1000 or more in flight beside worker/pool cells of the same workload',
      );
    return finding;
  },
};

function alike(
  group: string,
  async: Entry | undefined,
  threads: Entry | undefined,
  n: number,
): ClaimPart | undefined {
  if (!async || !threads) return undefined;
  const result = compare(async, threads);
  const inside = result.lo >= 1 / 1.1 && result.hi <= 1.1;
  const outside = result.lo > 1.1 || result.hi < 1 / 1.1;
  const verdict = inside ? 'holds' : outside ? 'does not hold' : 'inconclusive';
  return part(
    `${group} at ${n}`,
    verdict,
    `async runs ${ratioCi(result)} the speed of ${strategyName(threads.cell)}`,
  );
}
