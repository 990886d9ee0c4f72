import { type Cell, memoryBytes } from '@paralab/core';
import type { Entry, Run } from '../../shared/aggregate.js';
import { type FloorRef, floorOf, lowEndText } from '../../shared/floors.js';
import { groupName, mib, ms, strategyName } from '../../shared/format.js';
import { timed } from '../../shared/ratio.js';
import {
  beats,
  collect,
  compare,
  comparisonText,
  groupsWhere,
  notMeasured,
  part,
  quickest,
} from './_helpers.js';
import type { ClaimEvaluator, ClaimPart } from './types.js';

/** A processes cell that starts a process for every task (its options say so), not a reused pool. */
function cold(cell: Cell): boolean {
  return cell.options.startup === 'per-task' || cell.options.inFlight === 'one-process-per-task';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Start-up per worker (startupMs / concurrency) of every reused-pool cell of a family, ms. */
function startupPerWorker(run: Run, family: string): number[] {
  return run.entries
    .filter((entry) => entry.cell.family === family && !cold(entry.cell))
    .flatMap((entry) =>
      entry.cell.startupMs !== undefined ? [entry.cell.startupMs / entry.cell.concurrency] : [],
    );
}

/** `spawn 35.1 ms (min of 6; median 39.1)`: a floor's low end, named, with the median beside it. */
function floorText(floor: FloorRef): string {
  const f = floor.figures;
  return `${floor.probe} on ${floor.primitive} ${ms(f.lowMs)} ms (${lowEndText(f)}; median ${ms(f.medianMs)})`;
}

function startupPart(run: Run): ClaimPart | string {
  const [spawn, worker] = [floorOf(run, 'spawn'), floorOf(run, 'worker-startup')];
  if (spawn && worker) {
    const c = compare(worker.entry, spawn.entry);
    return part(
      'start-up (calibration floors)',
      beats(c),
      `${floorText(spawn)}; ${floorText(worker)}; ${comparisonText(c)}`,
      c,
    );
  }
  const processes = startupPerWorker(run, 'processes');
  const threads = startupPerWorker(run, 'threads');
  if (processes.length === 0 || threads.length === 0)
    return 'start-up: no spawn and worker-startup floors, and no startupMs on both processes and threads cells';
  const [p, t] = [median(processes), median(threads)];
  const verdict = p > 1.1 * t ? 'holds' : p < t / 1.1 ? 'does not hold' : 'inconclusive';
  const numbers = `median start-up per worker: processes ${ms(p)} ms, threads ${ms(t)} ms (no CI: within 10% is inconclusive)`;
  return {
    ...part('start-up (pool creation)', verdict, numbers),
    ...(verdict === 'inconclusive' ? { settle: 'spawn and worker-startup floors would settle it' } : {}),
  };
}

function reuseParts(run: Run): ClaimPart[] {
  const colds = run.entries.filter(
    (entry) => entry.cell.family === 'processes' && cold(entry.cell) && timed(entry.cell),
  );
  return colds.flatMap((coldEntry) => {
    const warm = quickest(
      run.entries.filter(
        (entry) =>
          entry.cell.family === 'processes' &&
          !cold(entry.cell) &&
          entry.group === coldEntry.group &&
          entry.cell.concurrency === coldEntry.cell.concurrency,
      ),
    );
    if (!warm) return [];
    const c = compare(warm, coldEntry);
    return [part(`${coldEntry.group}: pool reuse`, beats(c), comparisonText(c), c)];
  });
}

function serializationPart(run: Run): ClaimPart | string {
  const [ipc, message] = [floorOf(run, 'ipc-roundtrip'), floorOf(run, 'message-roundtrip')];
  if (!ipc || !message) return 'serialization: no ipc-roundtrip and message-roundtrip floors';
  const c = compare(message.entry, ipc.entry);
  return part(
    'serialization (round-trip floors)',
    beats(c),
    `${floorText(ipc)}; ${floorText(message)}; ${comparisonText(c)}`,
    c,
  );
}

/** C6: processes start slower than threads and serialize; a reused pool amortizes start-up. */
export const c6: ClaimEvaluator = {
  id: 'C6',
  claim:
    'Processes cost more to start than threads and must serialize their data; reusing a pool amortizes the start-up.',
  method:
    'Start-up: the worker-startup floor against the spawn floor (low ends shown beside the medians; or start-up per worker of process against thread pools, holds above 1.1×). Serialization: the thread message round trip against the IPC round trip. Reuse: a warm process pool against one process per task at the same N. Each holds when the first ran more than 5% faster (CI above 1.05).',
  evaluate: ({ run }) => {
    const processes = run.entries.filter((entry) => entry.cell.family === 'processes');
    if (processes.length === 0 && !floorOf(run, 'spawn'))
      return notMeasured('no processes cells in these results');
    // A runtime without processes (a browser page) records them unsupported, with the reason: say that.
    const [first] = processes;
    if (first && processes.every((entry) => entry.cell.status === 'unsupported') && !floorOf(run, 'spawn'))
      return notMeasured(`processes are unsupported here: ${first.cell.reason ?? 'no reason given'}`);
    const finding = collect([startupPart(run), serializationPart(run)]);
    const reuse = reuseParts(run);
    if (reuse.length === 0)
      finding.missing.push('pool reuse: no group with both a process pool and one process per task at one N');
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
    return {
      key: `${base}, ${count * size} ${spec.unit} in all`,
      variant: { entry, size, label: `${count} × ${size} ${spec.unit}` },
    };
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
    if (!timed(entry.cell) || entry.cell.family === 'sequential') continue;
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
    'The same total work cut into many small or few large tasks (sha256: buffers × KiB constant), or cells that differ only in a batch size (params or options batch/batchSize), per strategy and N: holds when the fewest, largest tasks ran more than 5% faster than the most, smallest ones (CI above 1.05).',
  evaluate: ({ run }) => {
    const parts: ClaimPart[] = [];
    for (const [key, variants] of variantFamilies(run)) {
      const sorted = [...variants].sort((a, b) => a.size - b.size);
      const [small, large] = [sorted[0], sorted[sorted.length - 1]];
      if (!small || !large || small.size === large.size) continue;
      const c = compare(large.entry, small.entry);
      parts.push(part(key, beats(c), `${large.label} against ${small.label}: ${comparisonText(c)}`, c));
    }
    if (parts.length > 0) return { parts, missing: [] };
    return notMeasured(
      'no cells that cut the same work into tasks of different sizes, or vary a batch size, in these results',
    );
  },
};

/** Memory figures within this fraction of the larger one (or 1 MiB) are not told apart. */
const MEMORY_NOISE = 0.02;

function memoryPart(group: string, entries: Entry[]): ClaimPart | undefined {
  const measured = entries.filter((entry) => memoryBytes(entry.cell) !== undefined);
  const asyncs = measured.filter((entry) => entry.cell.family === 'async');
  const others = measured.filter((entry) => ['threads', 'processes'].includes(entry.cell.family));
  if (asyncs.length === 0 || others.length === 0) return undefined;
  const bytes = (entry: Entry) => memoryBytes(entry.cell) ?? 0;
  const widest = asyncs.reduce((a, b) => (b.cell.concurrency > a.cell.concurrency ? b : a));
  const pairs = others.map((other) => {
    const async = asyncs.find((a) => a.cell.concurrency === other.cell.concurrency) ?? widest;
    const extra = bytes(other) - bytes(async);
    const noise = Math.max(MEMORY_NOISE * Math.max(bytes(other), bytes(async)), 2 ** 20);
    return { other, async, extra, outcome: extra > noise ? 'heavier' : extra < -noise ? 'lighter' : 'same' };
  });
  const verdict = pairs.some((p) => p.outcome === 'lighter')
    ? 'does not hold'
    : pairs.every((p) => p.outcome === 'heavier')
      ? 'holds'
      : 'inconclusive';
  const texts = pairs.map(({ other, async, extra }) => {
    const perWorker = `${extra < 0 ? '-' : '+'}${mib(Math.abs(extra) / other.cell.concurrency)} per worker`;
    return `${strategyName(other.cell)} ${mib(bytes(other))} against ${strategyName(async.cell)} ${mib(bytes(async))} (${perWorker})`;
  });
  const what = measured.some((e) => e.cell.metrics?.footprint) ? "each cell's own memory" : 'peak RSS';
  const settle = 'the cells' + "' own memory (metrics.footprint) would tell small differences apart";
  return {
    ...part(group, verdict, `${what}: ${texts.join('; ')}`),
    ...(verdict === 'inconclusive' ? { settle } : {}),
  };
}

/** C11: every process or worker costs memory; coroutines are the lightest. */
export const c11: ClaimEvaluator = {
  id: 'C11',
  claim: 'Every process or worker costs memory; coroutines are the lightest.',
  method:
    "Each cell's own memory (metrics.footprint.deltaBytes, measured while it was the only cell alive; peak RSS of the process in older files) of each threads and processes cell against the async cell of the same workload at the same N (or the async cell with the most in flight): holds when async is lower by more than 2% (and 1 MiB) in every pair, does not hold when it is higher by that much in any; inconclusive otherwise.",
  evaluate: ({ run }) => {
    const groups = groupsWhere(run, (entry) => memoryBytes(entry.cell) !== undefined);
    const parts = [...groups].flatMap(([group, entries]) => memoryPart(group, entries) ?? []);
    if (parts.length > 0) return { parts, missing: [] };
    const any = run.entries.some((entry) => memoryBytes(entry.cell) !== undefined);
    return notMeasured(
      any
        ? 'no async cell with a memory figure beside a threads or processes cell at the same N'
        : 'no cell carries a memory figure (metrics.footprint or metrics.peakRssBytes)',
    );
  },
};
