import type { Entry } from '../../shared/aggregate.js';
import { ms } from '../../shared/format.js';
import {
  beats,
  bestOf,
  type Compared,
  collect,
  compare,
  comparisonText,
  groupsOfKind,
  groupsWhere,
  notMeasured,
  part,
  quickest,
  sequentialOf,
  timedOf,
  timeText,
} from './_helpers.js';
import type { ClaimContext, ClaimEvaluator, ClaimPart } from './types.js';

/** C1: async beats 10 threads, which beat sequential, for many API calls. */
export const c1: ClaimEvaluator = {
  id: 'C1',
  claim: '100 API calls of 200 ms each: sequential about 20 s, 10 threads 2-3 s, asyncio 0.5-1 s.',
  method:
    'On every http parameter set: holds when the best threads cell (at 10 when measured) ran more than 5% faster than sequential and the best async cell (any number in flight, as asyncio had all calls in flight) ran more than 5% faster than the threads (CIs above 1.05). Without a sequential cell, sequential is estimated as requests × latency. The claim, scaled: 10 threads 6.7-10× sequential, async 20-40×.',
  evaluate: ({ run }) => {
    const groups = groupsWhere(run, (entry) => entry.cell.workload === 'http');
    if (groups.size === 0) return notMeasured('no http cells in these results');
    return collect([...groups].map(([group, entries]) => apiCalls(group, entries)));
  },
};

function expectedMs(entry: Entry): number | undefined {
  const { requests, latencyMs } = entry.cell.params;
  return typeof requests === 'number' && typeof latencyMs === 'number' ? requests * latencyMs : undefined;
}

function apiCalls(group: string, entries: Entry[]): ClaimPart | string {
  const sequential = sequentialOf(entries);
  const threads = timedOf(entries, 'threads');
  const threadBest = bestOf(threads, 'threads', 10) ?? quickest(threads);
  const asyncBest = bestOf(entries, 'async');
  if (!threadBest || !asyncBest) return `${group}: no timed ${threadBest ? 'async' : 'threads'} cell`;
  const expected = expectedMs(asyncBest);
  if (!sequential && expected === undefined)
    return `${group}: no sequential cell and no requests × latencyMs to estimate it`;
  const asyncVsThreads = compare(asyncBest, threadBest);
  const [threadsVsSequential, asyncVsSequential] = sequential
    ? [compare(threadBest, sequential), compare(asyncBest, sequential)]
    : [];
  const threadsOverSequential = threadsVsSequential
    ? beats(threadsVsSequential)
    : (threadBest.cell.stats?.median ?? 0) < 0.5 * (expected ?? 0)
      ? 'holds'
      : 'inconclusive';
  const steps = [threadsOverSequential, beats(asyncVsThreads)];
  const verdict = steps.every((s) => s === 'holds')
    ? 'holds'
    : steps.includes('does not hold')
      ? 'does not hold'
      : 'inconclusive';
  const base = sequential
    ? `${timeText(sequential)}${expected === undefined ? '' : ` (${ms(expected)} ms of waiting)`}`
    : `sequential not measured, estimated ${ms(expected ?? 0)} ms (requests × latencyMs)`;
  const speed = (c: Compared | undefined) => (c ? ` (${comparisonText(c)})` : '');
  const numbers = [
    base,
    `${timeText(threadBest)}${speed(threadsVsSequential)}`,
    `${timeText(asyncBest)}${speed(asyncVsSequential)}`,
    comparisonText(asyncVsThreads),
  ];
  return part(group, verdict, numbers.join('; '), asyncVsThreads);
}

/** The claim's range for each kind of I/O workload, by workload id. */
const IO_RANGES: Readonly<Record<string, { what: string; range: string }>> = {
  http: { what: 'network requests', range: '10-100×' },
  'http-get': { what: 'network requests', range: '10-100×' },
  file: { what: 'file operations', range: '5-10× throughput' },
  db: { what: 'database queries', range: '5-20×' },
};

/** C2: concurrency speeds I/O-bound work up. */
export const c2: ClaimEvaluator = {
  id: 'C2',
  claim:
    'Concurrency speeds up I/O-bound work: network requests 10-100×, file operations 5-10× throughput, database queries 5-20×, file reading 2-5×.',
  method:
    'On every I/O workload: holds when its fastest concurrent cell ran more than 5% faster than sequential (CI above 1.05); the claimed range is shown beside the measured speedup, whose ceiling is the number of tasks in flight.',
  evaluate: ({ run }: ClaimContext) => {
    const groups = groupsOfKind(run, 'io');
    if (groups.size === 0) return notMeasured('no I/O-bound cells in these results');
    const finding = collect([...groups].map(([group, entries]) => ioSpeedup(group, entries)));
    const workloads = new Set([...groups.values()].map((entries) => entries[0]?.cell.workload));
    if (!workloads.has('file')) finding.missing.push('file operations and file reading: no file workload');
    if (!workloads.has('db')) finding.missing.push('database queries: no db workload');
    return finding;
  },
};

function ioSpeedup(group: string, entries: Entry[]): ClaimPart | string {
  const sequential = sequentialOf(entries);
  const best = quickest(entries.filter((entry) => entry.cell.family !== 'sequential'));
  if (!sequential || !best) return `${group}: no timed ${sequential ? 'concurrent' : 'sequential'} cell`;
  const c = compare(best, sequential);
  const claimed = IO_RANGES[best.cell.workload];
  const range = claimed ? `; claim for ${claimed.what}: ${claimed.range}` : '';
  const numbers = `${comparisonText(c)} (ideal at ${best.cell.concurrency} in flight: ${best.cell.concurrency}×)${range}`;
  return part(group, beats(c), numbers, c);
}
