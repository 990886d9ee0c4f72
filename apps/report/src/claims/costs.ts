import type { Cell } from '@paralab/core';
import type { Entry, Run } from '../aggregate.js';
import { quickest, timed } from '../compare.js';
import { type Family, familyOf } from '../families.js';
import { groupName, mib, ms, strategyName } from '../format.js';
import { compare, comparisonText, groupsWhere, notMeasured, part } from './_helpers.js';
import type { ClaimEvaluator, ClaimPart, Finding } from './types.js';

/** The timed calibration cell of a probe (`params.probe`), if the run has one. */
export function floorOf(run: Run, probe: string): Entry | undefined {
  return run.floors.find((entry) => entry.cell.params.probe === probe && timed(entry.cell));
}

/** Median time of one operation of a calibration cell: median / tasks per sample, ms. */
export function perOperation(cell: Cell): number {
  return (cell.stats?.median ?? 0) / Math.max(1, cell.tasksPerSample);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Start-up per worker (startupMs / concurrency) of every cell of a family that recorded one, ms. */
function startupPerWorker(run: Run, family: Family): number[] {
  return run.entries
    .filter((entry) => familyOf(entry.cell) === family && entry.cell.strategy !== 'process-cold')
    .flatMap((entry) =>
      entry.cell.startupMs !== undefined ? [entry.cell.startupMs / entry.cell.concurrency] : [],
    );
}

function startupPart(run: Run): ClaimPart | string {
  const spawn = floorOf(run, 'spawn');
  const worker = floorOf(run, 'worker-startup');
  if (spawn && worker) {
    const result = compare(worker, spawn);
    const verdict =
      result.outcome === 'faster' ? 'holds' : result.outcome === 'slower' ? 'does not hold' : 'inconclusive';
    const numbers = `floors: spawn ${ms(perOperation(spawn.cell))} ms per process, worker start ${ms(perOperation(worker.cell))} ms per thread; ${comparisonText(worker, spawn, result)}`;
    return part('start-up (calibration floors)', verdict, numbers);
  }
  const processes = startupPerWorker(run, 'processes');
  const threads = startupPerWorker(run, 'threads');
  if (processes.length === 0 || threads.length === 0)
    return 'start-up: no spawn and worker-startup floors, and no startupMs on both process and thread cells';
  const [p, t] = [median(processes), median(threads)];
  const verdict = p > 1.1 * t ? 'holds' : p < t / 1.1 ? 'does not hold' : 'inconclusive';
  return part(
    'start-up (pool creation)',
    verdict,
    `median start-up per worker: processes ${ms(p)} ms, threads ${ms(t)} ms`,
  );
}

function reusePart(run: Run): ClaimPart[] {
  const cold = run.entries.filter((entry) => entry.cell.strategy === 'process-cold' && timed(entry.cell));
  return cold.flatMap((coldEntry) => {
    const warm = quickest(
      run.entries.filter(
        (entry) =>
          entry.cell.strategy === 'process' &&
          entry.group === coldEntry.group &&
          entry.cell.concurrency === coldEntry.cell.concurrency,
      ),
    );
    if (!warm) return [];
    const result = compare(warm, coldEntry);
    const verdict =
      result.outcome === 'faster' ? 'holds' : result.outcome === 'slower' ? 'does not hold' : 'inconclusive';
    return [part(`${coldEntry.group}: pool reuse`, verdict, comparisonText(warm, coldEntry, result))];
  });
}

function serializationPart(run: Run): ClaimPart | string {
  const ipc = floorOf(run, 'ipc-roundtrip');
  const message = floorOf(run, 'message-roundtrip');
  if (!ipc || !message) return 'serialization: no ipc-roundtrip and message-roundtrip floors';
  const result = compare(message, ipc);
  const verdict =
    result.outcome === 'faster' ? 'holds' : result.outcome === 'slower' ? 'does not hold' : 'inconclusive';
  const numbers = `IPC round trip ${ms(perOperation(ipc.cell))} ms, thread message round trip ${ms(perOperation(message.cell))} ms`;
  return part('serialization (round-trip floors)', verdict, numbers);
}

/** C6: processes start slower than threads and serialize; a reused pool amortizes start-up. */
export const c6: ClaimEvaluator = {
  id: 'C6',
  claim:
    'Processes cost more to start than threads and must serialize their data; reusing a pool amortizes the start-up.',
  method:
    'Start-up: the spawn floor against the worker-startup floor (or start-up per worker of process against thread pools; holds above 1.1×). Serialization: the IPC round trip against the thread message round trip. Reuse: a warm process pool against process-cold at the same N (p < 0.05, CI outside ±2%).',
  evaluate: ({ run }) => {
    const processes = run.entries.filter((entry) => familyOf(entry.cell) === 'processes');
    if (processes.length === 0 && !floorOf(run, 'spawn')) {
      return notMeasured('no process or process-cold cells in these results');
    }
    // A runtime without processes (a browser page) records them unsupported, with the reason: say that.
    const [first] = processes;
    if (first && processes.every((entry) => entry.cell.status === 'unsupported') && !floorOf(run, 'spawn'))
      return notMeasured(`processes are unsupported here: ${first.cell.reason ?? 'no reason given'}`);
    const finding: Finding = { parts: [], missing: [] };
    for (const found of [startupPart(run), serializationPart(run)]) {
      if (typeof found === 'string') finding.missing.push(found);
      else finding.parts.push(found);
    }
    const reuse = reusePart(run);
    if (reuse.length === 0)
      finding.missing.push('pool reuse: no group with both process and process-cold cells at one N');
    finding.parts.push(...reuse);
    return finding;
  },
};

const BATCH_KEYS = ['batch', 'batchSize'];

/** Workloads whose parameters trade task count for task size at the same total work: count × size. */
const GRANULARITY: Readonly<Record<string, { count: string; size: string; unit: string }>> = {
  sha256: { count: 'buffers', size: 'kib', unit: 'KiB' },
};

interface Variant {
  entry: Entry;
  /** Work per task (batch size, or task size): larger means fewer, bigger tasks. */
  size: number;
  label: string;
}

function variantOf(entry: Entry): { key: string; variant: Variant } | undefined {
  const { cell } = entry;
  const spec = GRANULARITY[cell.workload];
  const count = spec ? cell.params[spec.count] : undefined;
  const size = spec ? cell.params[spec.size] : undefined;
  const drop = spec ? [spec.count, spec.size] : BATCH_KEYS;
  const rest = Object.fromEntries(Object.entries(cell.params).filter(([key]) => !drop.includes(key)));
  const base = `${groupName(cell.workload, rest)}/${strategyName(cell)}`;
  if (spec && typeof count === 'number' && typeof size === 'number') {
    const variant = { entry, size, label: `${count} × ${size} ${spec.unit}` };
    return { key: `${base}, ${count * size} ${spec.unit} in all`, variant };
  }
  for (const key of BATCH_KEYS) {
    const value = cell.params[key] ?? cell.options[key];
    if (typeof value === 'number')
      return { key: base, variant: { entry, size: value, label: `batch ${value}` } };
  }
  return undefined;
}

function variantFamilies(run: Run): Map<string, Variant[]> {
  const families = new Map<string, Variant[]>();
  for (const entry of run.entries) {
    if (!timed(entry.cell) || familyOf(entry.cell) === 'sequential') continue;
    const found = variantOf(entry);
    if (found) families.set(found.key, [...(families.get(found.key) ?? []), found.variant]);
  }
  return families;
}

/** C9: batching small tasks reduces overhead. */
export const c9: ClaimEvaluator = {
  id: 'C9',
  claim: 'Batching small tasks reduces overhead.',
  method:
    'The same total work cut into many small or few large tasks (sha256: buffers × KiB constant), or cells that differ only in a batch size (params or options batch/batchSize), per strategy and N: holds when the fewest, largest tasks are faster than the most, smallest ones (p < 0.05, CI outside ±2%).',
  evaluate: ({ run }) => {
    const parts: ClaimPart[] = [];
    for (const [key, variants] of variantFamilies(run)) {
      const sorted = [...variants].sort((a, b) => a.size - b.size);
      const [small, large] = [sorted[0], sorted[sorted.length - 1]];
      if (!small || !large || small.size === large.size) continue;
      const result = compare(large.entry, small.entry);
      const verdict =
        result.outcome === 'faster'
          ? 'holds'
          : result.outcome === 'slower'
            ? 'does not hold'
            : 'inconclusive';
      parts.push(
        part(
          key,
          verdict,
          `${large.label} against ${small.label}: ${comparisonText(large.entry, small.entry, result)}`,
        ),
      );
    }
    if (parts.length === 0) {
      return notMeasured(
        'no cells that cut the same work into tasks of different sizes, or vary a batch size, in these results',
      );
    }
    return { parts, missing: [] };
  },
};

function rssOf(entry: Entry): number {
  return entry.metrics?.peakRssBytes ?? 0;
}

/** Peak RSS is the whole process's: differences within this fraction are not told apart. */
const RSS_NOISE = 0.02;

function memoryPart(group: string, entries: Entry[]): ClaimPart | undefined {
  const measured = entries.filter((entry) => entry.metrics?.peakRssBytes !== undefined);
  const asyncs = measured.filter((entry) => familyOf(entry.cell) === 'async');
  const others = measured.filter((entry) => ['threads', 'processes'].includes(familyOf(entry.cell)));
  if (asyncs.length === 0 || others.length === 0) return undefined;
  const widest = asyncs.reduce((a, b) => (b.cell.concurrency > a.cell.concurrency ? b : a));
  const pairs = others.map((other) => {
    const async = asyncs.find((a) => a.cell.concurrency === other.cell.concurrency) ?? widest;
    const extra = rssOf(other) - rssOf(async);
    const outcome =
      extra > RSS_NOISE * rssOf(async) ? 'heavier' : extra < -RSS_NOISE * rssOf(async) ? 'lighter' : 'same';
    return { other, async, extra, outcome };
  });
  const verdict = pairs.some((pair) => pair.outcome === 'lighter')
    ? 'does not hold'
    : pairs.every((pair) => pair.outcome === 'heavier')
      ? 'holds'
      : 'inconclusive';
  const texts = pairs.map(({ other, async, extra }) => {
    const perWorker = `${extra < 0 ? '-' : '+'}${mib(Math.abs(extra) / other.cell.concurrency)} per worker`;
    return `${strategyName(other.cell)} ${mib(rssOf(other))} against ${strategyName(async.cell)} ${mib(rssOf(async))} (${perWorker})`;
  });
  return part(group, verdict, `peak RSS: ${texts.join('; ')}`);
}

/** C11: every process or worker costs memory; coroutines are the lightest. */
export const c11: ClaimEvaluator = {
  id: 'C11',
  claim: 'Every process or worker costs memory; coroutines are the lightest.',
  method:
    'Peak RSS (metrics.peakRssBytes) of each worker/pool and process cell against the async cell of the same workload at the same N (or the async cell with the most in flight): holds when async is lower by more than 2% in every pair, does not hold when it is higher by more than 2% in any (peak RSS is the whole process’s, so smaller differences are inconclusive).',
  evaluate: ({ run }) => {
    const parts: ClaimPart[] = [];
    for (const [group, entries] of groupsWhere(run, (entry) => entry.metrics?.peakRssBytes !== undefined)) {
      const found = memoryPart(group, entries);
      if (found) parts.push(found);
    }
    if (parts.length > 0) return { parts, missing: [] };
    const any = run.entries.some((entry) => entry.metrics?.peakRssBytes !== undefined);
    return notMeasured(
      any
        ? 'no async cell with metrics.peakRssBytes beside a worker/pool or process cell at the same N'
        : 'no cell carries metrics.peakRssBytes (this runner does not record memory yet)',
    );
  },
};
