import type { Cell, Results } from '@paralab/core';

/** Whether a target was met, missed, or could not be judged from the results. */
export type TargetStatus = 'pass' | 'fail' | 'not-measured';

/** One performance target judged from one results file: a ratio measured in that run, against a limit. */
export interface TargetReport {
  /** Stable id: `worker-dispatch`, `worker-pipelined`, `cpu-speedup`, `io-async`, `quick-run`. */
  readonly id: string;
  /** What the ratio compares, for people. */
  readonly name: string;
  readonly status: TargetStatus;
  /** The measured ratio (unitless); absent when not measured. */
  readonly ratio?: number;
  /** How the ratio must compare with `limit` to pass. */
  readonly comparison: '<=' | '<' | '>=';
  readonly limit: number;
  /** The numbers behind the ratio when measured, otherwise why it was not. */
  readonly detail: string;
}

/** Requests and latency of the I/O target (the articles' "100 API calls"). */
const HTTP_REQUESTS = 100;
const HTTP_LATENCY_MS = 50;
/** Longest acceptable wall time of a quick run, ms. */
const QUICK_RUN_LIMIT_MS = 90_000;

/**
 * Judges the project's performance targets from one results file, each as a ratio of numbers measured in
 * that same run (never against numbers from elsewhere):
 * - `worker-dispatch`: raw `worker` per-task time on `noop` at concurrency 1 (median / tasksPerSample) is
 *   at most 1.25 × the calibration `message-roundtrip` median;
 * - `worker-pipelined`: `worker-pipelined` per-task time on `noop` (lowest concurrency run) is below
 *   0.5 × that round trip;
 * - `cpu-speedup`: on `primes` (list balanced) at concurrency = availableParallelism, the best speedup of
 *   a strategy off the main thread is at least 0.9 × availableParallelism;
 * - `io-async`: `async` on `http` (requests 100, latencyMs 50) with every request in flight
 *   (concurrency >= 100) has a median of at most 1.3 × 50 ms; `io-async-http-get`, the same with Node's
 *   own HTTP client (the `http-get` workload), when the run has it;
 * - `quick-run`: a complete quick run took at most 90 s (finishedAt - startedAt).
 * A target whose cells are missing, not ok, or from another profile is `not-measured`, with the reason.
 */
export function performanceTargets(results: Results): TargetReport[] {
  return [
    workerDispatch(results),
    workerPipelined(results),
    cpuSpeedup(results),
    ioAsync(results),
    ...(results.cells.some((c) => c.workload === 'http-get') ? [ioAsync(results, 'http-get')] : []),
    quickRun(results),
  ];
}

/** What a target is before it is judged: its id, name, and how its ratio must compare with its limit. */
export type TargetBase = Pick<TargetReport, 'id' | 'name' | 'comparison' | 'limit'>;

/** Judges `ratio` against `base.limit`: a `pass` or `fail` report with the numbers behind it. */
export function judgeTarget(base: TargetBase, ratio: number, detail: string): TargetReport {
  const met =
    base.comparison === '<='
      ? ratio <= base.limit
      : base.comparison === '<'
        ? ratio < base.limit
        : ratio >= base.limit;
  return { ...base, status: met ? 'pass' : 'fail', ratio, detail };
}

/** A target that could not be judged from the results, and why. */
export const targetNotMeasured = (base: TargetBase, detail: string): TargetReport => ({
  ...base,
  status: 'not-measured',
  detail,
});

const measured = (cell: Cell): cell is Cell & { stats: NonNullable<Cell['stats']> } =>
  cell.status === 'ok' && cell.stats !== undefined && cell.kind !== 'calibration';

const perTask = (cell: Cell & { stats: NonNullable<Cell['stats']> }): number =>
  cell.stats.median / cell.tasksPerSample;

function roundTrip(results: Results): number | undefined {
  const cell = results.cells.find(
    (c) => c.kind === 'calibration' && c.params.probe === 'message-roundtrip' && c.status === 'ok',
  );
  return cell?.stats?.median;
}

const NO_ROUND_TRIP = 'no ok calibration cell for message-roundtrip (calibration did not run)';

/**
 * The strategy the calibration round trip is the floor of: raw `worker_threads`, named `worker` on Node
 * and `worker_threads` on Bun (where `worker` is Bun's Web Worker, whose floor differs).
 */
const rawWorker = (results: Results): string =>
  results.runtime.name === 'bun' ? 'worker_threads' : 'worker';

function workerDispatch(results: Results): TargetReport {
  const base = {
    id: 'worker-dispatch',
    name: 'worker per task on noop (1 worker) / message round trip',
    comparison: '<=',
    limit: 1.25,
  } as const;
  const cell = results.cells.find(
    (c) => measured(c) && c.workload === 'noop' && c.strategy === rawWorker(results) && c.concurrency === 1,
  );
  if (!cell || !measured(cell) || cell.tasksPerSample < 1)
    return targetNotMeasured(base, 'no ok worker cell on noop at concurrency 1');
  const trip = roundTrip(results);
  if (trip === undefined || trip <= 0) return targetNotMeasured(base, NO_ROUND_TRIP);
  const task = perTask(cell);
  return judgeTarget(base, task / trip, `${ms(task)} ms per task, round trip ${ms(trip)} ms`);
}

function workerPipelined(results: Results): TargetReport {
  const base = {
    id: 'worker-pipelined',
    name: 'worker-pipelined per task on noop / message round trip',
    comparison: '<',
    limit: 0.5,
  } as const;
  const cell = results.cells
    .filter((c) => measured(c) && c.workload === 'noop' && c.strategy === `${rawWorker(results)}-pipelined`)
    .sort((a, b) => a.concurrency - b.concurrency)[0];
  if (!cell || !measured(cell) || cell.tasksPerSample < 1)
    return targetNotMeasured(base, 'no ok worker-pipelined cell on noop');
  const trip = roundTrip(results);
  if (trip === undefined || trip <= 0) return targetNotMeasured(base, NO_ROUND_TRIP);
  const task = perTask(cell);
  return judgeTarget(
    base,
    task / trip,
    `${ms(task)} ms per task at concurrency ${cell.concurrency}, round trip ${ms(trip)} ms`,
  );
}

function cpuSpeedup(results: Results): TargetReport {
  const cores = results.machine.availableParallelism;
  const base = {
    id: 'cpu-speedup',
    name: 'best speedup on primes (balanced) / available cores',
    comparison: '>=',
    limit: 0.9,
  } as const;
  const candidates = results.cells.filter(
    (c) =>
      measured(c) &&
      c.workload === 'primes' &&
      c.params.list === 'balanced' &&
      c.concurrency === cores &&
      c.options.thread !== 'main' &&
      c.speedup !== undefined,
  );
  const best = candidates.sort((a, b) => (b.speedup?.ratio ?? 0) - (a.speedup?.ratio ?? 0))[0];
  if (!best?.speedup)
    return targetNotMeasured(
      base,
      `no ok off-main-thread cell with a speedup on primes (list=balanced) at concurrency ${cores}`,
    );
  const speedup = best.speedup.ratio;
  return judgeTarget(base, speedup / cores, `${best.strategy} ×${speedup.toFixed(2)} on ${cores} cores`);
}

function ioAsync(results: Results, workload = 'http'): TargetReport {
  const base = {
    id: workload === 'http' ? 'io-async' : `io-async-${workload}`,
    name: `async on ${workload} (${HTTP_REQUESTS} requests at ${HTTP_LATENCY_MS} ms) / latency`,
    comparison: '<=',
    limit: 1.3,
  } as const;
  const matching = results.cells.filter(
    (c) =>
      measured(c) &&
      c.workload === workload &&
      c.strategy === 'async' &&
      c.params.requests === HTTP_REQUESTS &&
      c.params.latencyMs === HTTP_LATENCY_MS,
  );
  const best = matching
    .filter((c) => c.concurrency >= HTTP_REQUESTS)
    .sort((a, b) => (a.stats?.median ?? 0) - (b.stats?.median ?? 0))[0];
  if (!best?.stats) {
    const ran = matching.map((c) => c.concurrency).sort((a, b) => a - b);
    return targetNotMeasured(
      base,
      ran.length > 0
        ? `async ran at concurrency ${ran.join(', ')} only; all ${HTTP_REQUESTS} requests in flight needs concurrency >= ${HTTP_REQUESTS}`
        : `no ok async cell on ${workload} with requests=${HTTP_REQUESTS}, latencyMs=${HTTP_LATENCY_MS}`,
    );
  }
  const median = best.stats.median;
  return judgeTarget(
    base,
    median / HTTP_LATENCY_MS,
    `median ${ms(median)} ms at concurrency ${best.concurrency}, latency ${HTTP_LATENCY_MS} ms`,
  );
}

function quickRun(results: Results): TargetReport {
  const base = {
    id: 'quick-run',
    name: `quick run wall time / ${QUICK_RUN_LIMIT_MS / 1000} s`,
    comparison: '<=',
    limit: 1,
  } as const;
  if (results.profile !== 'quick') return targetNotMeasured(base, `profile is ${results.profile}, not quick`);
  if (!results.complete) return targetNotMeasured(base, 'the run was interrupted (complete: false)');
  if (!results.finishedAt) return targetNotMeasured(base, 'the results have no finishedAt');
  const wallMs = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
  return judgeTarget(base, wallMs / QUICK_RUN_LIMIT_MS, `${(wallMs / 1000).toFixed(1)} s`);
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toPrecision(3));

const SYMBOL: Readonly<Record<TargetReport['comparison'], string>> = { '<=': '≤', '<': '<', '>=': '≥' };
const VERDICT: Readonly<Record<TargetStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-measured': 'not measured',
};

/**
 * The targets for a terminal, one line each: name, measured ratio, limit, verdict and the numbers (or
 * why it was not measured), e.g.
 * `worker per task on noop (1 worker) / message round trip  1.12  ≤ 1.25  PASS (0.0627 ms per task, round trip 0.0560 ms)`.
 */
export function formatTargets(reports: readonly TargetReport[]): string {
  const width = Math.max(0, ...reports.map((report) => report.name.length));
  const ratios = reports.map((report) => (report.ratio === undefined ? '-' : ratio(report.ratio)));
  const ratioWidth = Math.max(0, ...ratios.map((text) => text.length));
  return reports
    .map((report, i) => {
      const limit = `${SYMBOL[report.comparison]} ${report.limit.toFixed(2)}`;
      const verdict =
        report.status === 'not-measured'
          ? `${VERDICT[report.status]}: ${report.detail}`
          : `${VERDICT[report.status]} (${report.detail})`;
      return `${report.name.padEnd(width)}  ${(ratios[i] ?? '-').padStart(ratioWidth)}  ${limit}  ${verdict}`;
    })
    .join('\n');
}

const ratio = (value: number): string => (value >= 0.1 ? value.toFixed(2) : value.toPrecision(2));
