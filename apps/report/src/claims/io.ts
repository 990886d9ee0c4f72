import type { Entry } from '../aggregate.js';
import { quickest } from '../compare.js';
import { familyOf } from '../families.js';
import { ms, ratioCi, strategyName } from '../format.js';
import {
  bestOf,
  compare,
  comparisonText,
  groupsOfKind,
  groupsWhere,
  notMeasured,
  part,
  sequentialOf,
  timedOf,
  timeText,
} from './_helpers.js';
import type { ClaimContext, ClaimEvaluator, ClaimPart, Finding } from './types.js';

/** C1: async beats 10 threads, which beat sequential, for many API calls. */
export const c1: ClaimEvaluator = {
  id: 'C1',
  claim: '100 API calls of 200 ms each: sequential about 20 s, 10 threads 2-3 s, asyncio 0.5-1 s.',
  method:
    'On every http parameter set: holds when the best worker/pool cell (at 10 when measured) beats sequential and the best async cell (any number in flight, as asyncio had all calls in flight) beats the workers (Mann-Whitney p < 0.05, CI outside ±2%). Without a sequential cell, sequential is estimated as requests × latency. The claim, scaled: 10 threads 6.7-10× sequential, async 20-40×.',
  evaluate: ({ run }) => {
    const groups = groupsWhere(run, (entry) => entry.cell.workload === 'http');
    if (groups.size === 0) return notMeasured('no http cells in these results');
    const finding: Finding = { parts: [], missing: [] };
    for (const [group, entries] of groups) {
      const result = apiCalls(group, entries);
      if (typeof result === 'string') finding.missing.push(result);
      else finding.parts.push(result);
    }
    return finding;
  },
};

function apiCalls(group: string, entries: Entry[]): ClaimPart | string {
  const sequential = sequentialOf(entries);
  const threads = timedOf(entries, 'threads');
  const threadBest = bestOf(threads, 'threads', 10) ?? quickest(threads);
  const asyncBest = bestOf(entries, 'async');
  if (!threadBest || !asyncBest) return `${group}: no timed ${threadBest ? 'async' : 'worker/pool'} cell`;
  const expected = expectedMs(asyncBest);
  if (!sequential && expected === undefined)
    return `${group}: no sequential cell and no requests × latencyMs to estimate it`;
  const asyncVsThread = compare(asyncBest, threadBest);
  const beatsSequential = (entry: Entry): boolean =>
    sequential
      ? compare(entry, sequential).outcome === 'faster'
      : (entry.cell.stats?.median ?? 0) < 0.5 * (expected ?? 0);
  const verdict =
    beatsSequential(threadBest) && asyncVsThread.outcome === 'faster'
      ? 'holds'
      : asyncVsThread.outcome === 'slower' || !beatsSequential(asyncBest)
        ? 'does not hold'
        : 'inconclusive';
  const base = sequential
    ? `${timeText(sequential)}${expected === undefined ? '' : ` (${ms(expected)} ms of waiting)`}`
    : `sequential not measured, estimated ${ms(expected ?? 0)} ms (requests × latencyMs)`;
  const speed = (entry: Entry): string =>
    sequential ? ` (${ratioCi(compare(entry, sequential))} sequential)` : '';
  const numbers = [
    base,
    `${timeText(threadBest)}${speed(threadBest)}`,
    `${timeText(asyncBest)}${speed(asyncBest)}`,
    comparisonText(asyncBest, threadBest, asyncVsThread),
  ];
  return part(group, verdict, numbers.join('; '));
}

function expectedMs(entry: Entry): number | undefined {
  const { requests, latencyMs } = entry.cell.params;
  return typeof requests === 'number' && typeof latencyMs === 'number' ? requests * latencyMs : undefined;
}

/** The claim's range for each kind of I/O workload, by workload id. */
const IO_RANGES: Readonly<Record<string, { what: string; range: string }>> = {
  http: { what: 'network requests', range: '10-100×' },
  file: { what: 'file operations', range: '5-10× throughput' },
  database: { what: 'database queries', range: '5-20×' },
  db: { what: 'database queries', range: '5-20×' },
};

/** C2: concurrency speeds I/O-bound work up. */
export const c2: ClaimEvaluator = {
  id: 'C2',
  claim:
    'Concurrency speeds up I/O-bound work: network requests 10-100×, file operations 5-10× throughput, database queries 5-20×, file reading 2-5×.',
  method:
    'On every I/O workload: holds when its fastest concurrent cell beats sequential (p < 0.05, CI outside ±2%); the claimed range is shown beside the measured speedup, whose ceiling is the number of tasks in flight.',
  evaluate: ({ run }: ClaimContext) => {
    const groups = groupsOfKind(run, 'io');
    if (groups.size === 0) return notMeasured('no I/O-bound cells in these results');
    const finding: Finding = { parts: [], missing: [] };
    for (const [group, entries] of groups) {
      const result = ioSpeedup(group, entries);
      if (typeof result === 'string') finding.missing.push(result);
      else finding.parts.push(result);
    }
    const workloads = new Set([...groups.values()].map((entries) => entries[0]?.cell.workload));
    if (!workloads.has('file')) finding.missing.push('file operations and file reading: no file workload');
    if (!workloads.has('database') && !workloads.has('db'))
      finding.missing.push('database queries: no database workload');
    return finding;
  },
};

function ioSpeedup(group: string, entries: Entry[]): ClaimPart | string {
  const sequential = sequentialOf(entries);
  const best = quickest(entries.filter((entry) => familyOf(entry.cell) !== 'sequential'));
  if (!sequential || !best) return `${group}: no timed ${sequential ? 'concurrent' : 'sequential'} cell`;
  const speed = compare(best, sequential);
  const verdict =
    speed.outcome === 'faster' ? 'holds' : speed.outcome === 'slower' ? 'does not hold' : 'inconclusive';
  const claimed = IO_RANGES[best.cell.workload];
  const range = claimed ? `; claim for ${claimed.what}: ${claimed.range}` : '';
  const numbers = `${strategyName(best.cell)} ${ratioCi(speed)} over sequential (ideal at ${best.cell.concurrency} in flight: ${best.cell.concurrency}×)${range}`;
  return part(group, verdict, numbers);
}
