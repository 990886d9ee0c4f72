import type { Entry } from '../../shared/aggregate.js';
import { ms, strategyName } from '../../shared/format.js';
import {
  alike,
  beats,
  bestOf,
  collect,
  commonLevels,
  compare,
  comparisonText,
  groupsOfKind,
  groupsWhere,
  noBenefit,
  part,
  quickest,
  sequentialOf,
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
    'Async half, on every CPU workload: holds only with evidence of no benefit, when the CI of async against sequential lies inside 1 ± 5% (or below); does not hold when async ran more than 5% faster. Blocking half, on the blocking workload (timers with CPU tasks among them), async against threads at the same N: holds when the async cell’s event-loop p99 delay is at least twice the threads cell’s (and 1 ms more); without that metric, when the threads cell ran more than 5% faster (CI above 1.05).',
  evaluate: (context) => {
    const asyncHalf = perCpuGroup(context, (group, entries) => {
      const sequential = sequentialOf(entries);
      const async = bestOf(entries, 'async');
      if (!sequential || !async) return `${group}: no timed ${sequential ? 'async' : 'sequential'} cell`;
      const c = compare(async, sequential);
      return part(group, noBenefit(c), comparisonText(c), c);
    });
    const finding: Finding = { parts: [...asyncHalf.parts], missing: [...asyncHalf.missing] };
    const groups = groupsWhere(context.run, (entry) => entry.cell.workload === BLOCKING);
    if (groups.size === 0) finding.missing.push('the blocking-call half: no blocking cells in these results');
    const blocking = collect([...groups].map(([group, entries]) => stalls(group, entries)));
    return {
      parts: [...finding.parts, ...blocking.parts],
      missing: [...finding.missing, ...blocking.missing],
    };
  },
};

function stalls(group: string, entries: Entry[]): ClaimPart[] | string {
  const asyncs = timedOf(entries, 'async');
  const threads = timedOf(entries, 'threads');
  const levels = commonLevels(asyncs, threads);
  if (levels.length === 0) return `${group}: no async and threads cells at the same concurrency`;
  return levels.flatMap((n) => {
    const async = bestOf(asyncs, 'async', n);
    const worker = bestOf(threads, 'threads', n);
    return async && worker ? [stall(`${group} at ${n}`, async, worker)] : [];
  });
}

function stall(subject: string, async: Entry, worker: Entry): ClaimPart {
  const lag = async.cell.metrics?.eventLoopDelay?.p99Ms;
  const workerLag = worker.cell.metrics?.eventLoopDelay?.p99Ms;
  const c = compare(worker, async);
  if (lag !== undefined && workerLag !== undefined) {
    const verdict = lag >= 2 * workerLag && lag - workerLag >= 1 ? 'holds' : 'does not hold';
    const lags = `event-loop p99 delay ${ms(lag)} ms with ${strategyName(async.cell)}, ${ms(workerLag)} ms with ${strategyName(worker.cell)}`;
    return part(subject, verdict, `${lags}; ${comparisonText(c)}`);
  }
  return part(subject, beats(c), `${comparisonText(c)} (no event-loop delay metric)`, c);
}

/** C7: for few tasks threads and async are alike; with thousands in flight async wins. */
export const c7: ClaimEvaluator = {
  id: 'C7',
  claim:
    'For a few tasks, threads and async perform alike; with thousands of concurrent tasks async wins (memory, switching cost).',
  method:
    'On I/O and mixed workloads. Few (N ≤ 64): async against the best threads cell at the same N; holds only when the CI of the ratio lies inside 1 ± 5% (alike, with evidence), does not hold when it lies wholly outside. Thousands: an async cell with 1000 or more in flight against the best threads cell of the same workload and parameters; holds when async ran more than 5% faster. Otherwise inconclusive, with what would settle it. Served cells (a server under HTTP load) take part only where a threads cell serves at the same N as the event loop; the serving strategies pit one loop against processes and a loop offloading to threads (C10 and C12 judge those).',
  evaluate: ({ run }) => {
    const finding: Finding = { parts: [], missing: [] };
    for (const [group, entries] of groupsOfKind(run, 'io', 'mixed')) {
      const asyncs = timedOf(entries, 'async');
      const threads = timedOf(entries, 'threads');
      for (const n of commonLevels(asyncs, threads).filter((level) => level <= 64)) {
        const [a, t] = [bestOf(asyncs, 'async', n), bestOf(threads, 'threads', n)];
        if (!a || !t) continue;
        const c = compare(a, t);
        finding.parts.push(part(`${group} at ${n}`, alike(c), comparisonText(c), c));
      }
      const thousands = quickest(asyncs.filter((entry) => entry.cell.concurrency >= 1000));
      const rival = quickest(threads);
      if (thousands && rival) {
        const c = compare(thousands, rival);
        finding.parts.push(
          part(`${group} with ${thousands.cell.concurrency} in flight`, beats(c), comparisonText(c), c),
        );
      }
    }
    const subjects = finding.parts.map((p) => p.subject);
    if (!subjects.some((s) => / at \d+$/.test(s)))
      finding.missing.push(
        'few tasks: no I/O or mixed workload with async and threads cells at the same N ≤ 64',
      );
    if (!subjects.some((s) => s.endsWith(' in flight')))
      finding.missing.push(
        'thousands: no async cell with 1000 or more in flight beside threads cells of the same workload',
      );
    return finding;
  },
};
