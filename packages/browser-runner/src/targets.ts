import type { Cell, Results } from '@paralab/core';
import { cpuSpeedup, dispatch, judgeTarget, type TargetReport, targetNotMeasured } from '@paralab/host';

/** Connections a browser opens to one host over HTTP/1.1 (Chromium, Firefox and Safari alike). */
export const CONNECTIONS_PER_HOST = 6;

const REQUESTS = 100;
const LATENCY_MS = 50;

/**
 * The browser runner's performance targets, each a ratio of numbers measured in the same run: the server
 * runtimes' worker dispatch and pipelined dispatch (the page's `worker` against the Web Worker round trip
 * measured beside it) and CPU speedup, and two of the browser's own:
 * - `io-async-browser`: `async` on `http` (100 requests at 50 ms, all in flight) within 1.3 × the floor
 *   that 6 connections per host set (⌈100 / 6⌉ rounds of 50 ms), where Node's target is one latency;
 * - `main-thread-free`: on `blocking`, the main thread's worst timer delay with `worker` is at most half
 *   its worst delay with `sequential`. With `sequential` the worst delay is about one CPU task (the page
 *   waits for it); under half of that, no CPU task ran on the main thread (what remains is GC and noise).
 */
export function browserTargets(results: Results): TargetReport[] {
  return [
    dispatch(results, 'worker', 'one-per-worker', 'web-worker'),
    dispatch(results, 'worker-pipelined', 'pipelined', 'web-worker'),
    cpuSpeedup(results),
    ioAsync(results),
    mainThreadFree(results),
  ];
}

const ok = (cell: Cell): cell is Cell & { stats: NonNullable<Cell['stats']> } =>
  cell.status === 'ok' && cell.stats !== undefined && cell.kind !== 'calibration';

function ioAsync(results: Results): TargetReport {
  const rounds = Math.ceil(REQUESTS / CONNECTIONS_PER_HOST);
  const floorMs = rounds * LATENCY_MS;
  const base = {
    id: 'io-async-browser',
    name: `async on http (${REQUESTS} at ${LATENCY_MS} ms) / ${CONNECTIONS_PER_HOST}-connection floor`,
    comparison: '<=',
    limit: 1.3,
  } as const;
  const cell = results.cells.find(
    (c) =>
      ok(c) &&
      c.workload === 'http' &&
      c.strategy === 'async' &&
      c.concurrency >= REQUESTS &&
      c.params.requests === REQUESTS &&
      c.params.latencyMs === LATENCY_MS,
  );
  if (!cell?.stats)
    return targetNotMeasured(
      base,
      `no ok async cell on http (requests=${REQUESTS}, latencyMs=${LATENCY_MS}) at concurrency >= ${REQUESTS}`,
    );
  const median = cell.stats.median;
  return judgeTarget(
    base,
    median / floorMs,
    `median ${median.toFixed(0)} ms, floor ${rounds} × ${LATENCY_MS} ms = ${floorMs} ms`,
  );
}

function mainThreadFree(results: Results): TargetReport {
  const base = {
    id: 'main-thread-free',
    name: 'blocking: main-thread max delay, worker / sequential',
    comparison: '<=',
    limit: 0.5,
  } as const;
  const maxDelay = (strategy: string): number | undefined => {
    const cell = results.cells.find((c) => ok(c) && c.workload === 'blocking' && c.strategy === strategy);
    return cell?.metrics?.eventLoopDelay?.maxMs;
  };
  const [worker, sequential] = [maxDelay('worker'), maxDelay('sequential')];
  if (worker === undefined || sequential === undefined || sequential <= 0)
    return targetNotMeasured(base, 'no ok worker and sequential cells on blocking with main-thread delays');
  return judgeTarget(
    base,
    worker / sequential,
    `worker ${worker.toFixed(1)} ms, sequential ${sequential.toFixed(1)} ms`,
  );
}
