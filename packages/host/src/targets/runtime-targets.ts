// The performance targets of a server runtime's run (Node, Bun, Deno), each a ratio of two numbers measured
// side by side in that same run: like with like, never against figures from elsewhere.
import { type Cell, lowEnd, type Results } from '@paralab/core';
import { judgeTarget, type TargetReport, targetNotMeasured } from './judge.js';

/** Requests and latency of the I/O targets (the articles' "100 API calls"). */
export const HTTP_REQUESTS = 100;
export const HTTP_LATENCY_MS = 50;

type Measured = Cell & { stats: NonNullable<Cell['stats']> };

const measured = (cell: Cell): cell is Measured =>
  cell.status === 'ok' && cell.stats !== undefined && cell.kind !== 'calibration';

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toPrecision(3));

/**
 * Judges the targets of a server runtime's results:
 * - `worker-dispatch`: the raw worker's per-task time on `noop` with one task in flight (the low end: p10
 *   of its samples over its tasks) is at most 1.25 × the low end (p10) of the raw round trip of the same
 *   kind of worker, measured in the same rounds as the `noop` cells (an interleaved floor);
 * - `worker-pipelined`: the same worker with every task posted at once, per task, below 0.5 × that floor;
 * - `cpu-speedup`: the best speedup off the main thread on `primes` (balanced: equal-cost tasks) at
 *   concurrency = cores is at least 0.9 × the cores;
 * - `io-async`: `async` on `http` with all 100 requests (at 50 ms) in flight is at most 1.1 × a plain
 *   `Promise.all` of the same fetches (`promise-all`): paralab's loop costs next to nothing;
 * - `io-http-get`: `async` on `http-get` (node:http), the same requests, at most 1.3 × one latency.
 * A target whose cells are missing or not ok is `not-measured`, with the reason.
 */
export function performanceTargets(results: Results): TargetReport[] {
  const raw = rawWorker(results.runtime.name);
  return [
    dispatch(results, raw, 'one-per-worker'),
    dispatch(results, `${raw}-pipelined`, 'pipelined'),
    cpuSpeedup(results),
    ioAsync(results),
    ...(results.cells.some((c) => c.workload === 'http-get') ? [httpGet(results)] : []),
  ];
}

/**
 * The raw worker_threads strategy of a runtime: `worker` on Node (any version, `node@22`), `worker-threads`
 * elsewhere (where `worker` is the runtime's own Web Worker). Exported for the browser's targets.
 */
export function rawWorker(runtime: string): string {
  return runtime === 'node' || runtime.startsWith('node@') ? 'worker' : 'worker-threads';
}

/** The round trip measured beside `noop` for the primitive `primitive` (p10 of its samples), if any. */
export function interleavedRoundTrip(
  results: Results,
  primitive: string,
): { p10: number; n: number } | undefined {
  const floor = results.cells.find(
    (c) =>
      c.kind === 'calibration' &&
      c.status === 'ok' &&
      c.strategy === primitive &&
      c.params.probe === 'message-roundtrip' &&
      String(c.params.interleavedWith ?? '').startsWith('noop('),
  );
  if (!floor || floor.samples.length === 0) return undefined;
  return { p10: lowEnd(floor.samples).p10, n: floor.samples.length };
}

/** `worker-dispatch` / `worker-pipelined` for `strategy` at its lowest concurrency on noop. */
export function dispatch(
  results: Results,
  strategy: string,
  policy: 'one-per-worker' | 'pipelined',
  primitive = 'worker_threads',
): TargetReport {
  const pipelined = policy === 'pipelined';
  const base = {
    id: pipelined ? 'worker-pipelined' : 'worker-dispatch',
    name: `${strategy} per task on noop (low end) / round trip beside it (low end)`,
    comparison: pipelined ? '<' : '<=',
    limit: pipelined ? 0.5 : 1.25,
  } as const;
  const cell = results.cells
    .filter((c): c is Measured => measured(c) && c.workload === 'noop' && c.strategy === strategy)
    .sort((a, b) => a.concurrency - b.concurrency)[0];
  if (!cell || cell.tasksPerSample < 1) return targetNotMeasured(base, `no ok ${strategy} cell on noop`);
  const trip = interleavedRoundTrip(results, primitive);
  if (!trip)
    return targetNotMeasured(
      base,
      `no ${primitive} round trip measured beside noop (the default plan measures one)`,
    );
  const task = lowEnd(cell.samples).p10 / cell.tasksPerSample;
  const detail = `${ms(task)} ms per task at concurrency ${cell.concurrency}, round trip ${ms(trip.p10)} ms (p10 of ${trip.n})`;
  return judgeTarget(base, task / trip.p10, detail);
}

/** `cpu-speedup`: the best off-main-thread speedup on balanced primes at the core count, over the cores. */
export function cpuSpeedup(results: Results): TargetReport {
  const cores = results.machine.availableParallelism;
  const base = {
    id: 'cpu-speedup',
    name: 'best speedup on primes (balanced) / available cores',
    comparison: '>=',
    limit: 0.9,
  } as const;
  const best = results.cells
    .filter(
      (c) =>
        measured(c) &&
        c.workload === 'primes' &&
        String(c.params.list).startsWith('balanced') &&
        c.concurrency === cores &&
        c.family !== 'sequential' &&
        c.family !== 'async' &&
        c.speedup !== undefined,
    )
    .sort((a, b) => (b.speedup?.ratio ?? 0) - (a.speedup?.ratio ?? 0))[0];
  if (!best?.speedup)
    return targetNotMeasured(
      base,
      `no ok off-main-thread cell with a speedup on balanced primes at concurrency ${cores}`,
    );
  const speedup = best.speedup.ratio;
  return judgeTarget(base, speedup / cores, `${best.strategy} ×${speedup.toFixed(2)} on ${cores} cores`);
}

/** The `async` cell with all 100 requests in flight on `workload` (100 at 50 ms), if any. */
function allInFlight(results: Results, workload: string, strategy = 'async'): Measured | undefined {
  return results.cells.find(
    (c): c is Measured =>
      measured(c) &&
      c.workload === workload &&
      c.strategy === strategy &&
      c.concurrency >= HTTP_REQUESTS &&
      c.params.requests === HTTP_REQUESTS &&
      c.params.latencyMs === HTTP_LATENCY_MS,
  );
}

/** `io-async`: async with every request in flight against a plain Promise.all of the same fetches. */
function ioAsync(results: Results): TargetReport {
  const base = {
    id: 'io-async',
    name: `async on http (${HTTP_REQUESTS} at ${HTTP_LATENCY_MS} ms, all in flight) / plain Promise.all`,
    comparison: '<=',
    limit: 1.1,
  } as const;
  const cell = allInFlight(results, 'http');
  const plain = allInFlight(results, 'http', 'promise-all');
  if (!cell || !plain)
    return targetNotMeasured(base, 'no ok async@100 and promise-all cells on http (100 requests at 50 ms)');
  const [a, p] = [cell.stats.median, plain.stats.median];
  return judgeTarget(base, a / p, `async ${ms(a)} ms, Promise.all ${ms(p)} ms (medians)`);
}

/** `io-http-get`: node:http with every request in flight against one latency. */
function httpGet(results: Results): TargetReport {
  const base = {
    id: 'io-http-get',
    name: `async on http-get (${HTTP_REQUESTS} at ${HTTP_LATENCY_MS} ms, all in flight) / latency`,
    comparison: '<=',
    limit: 1.3,
  } as const;
  const cell = allInFlight(results, 'http-get');
  if (!cell) return targetNotMeasured(base, 'no ok async@100 cell on http-get (100 requests at 50 ms)');
  const median = cell.stats.median;
  return judgeTarget(
    base,
    median / HTTP_LATENCY_MS,
    `median ${ms(median)} ms, latency ${HTTP_LATENCY_MS} ms`,
  );
}
