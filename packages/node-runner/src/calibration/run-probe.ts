import {
  type CancelToken,
  type Cell,
  type MeasureEvent,
  medianCi,
  NOISY_CV,
  ParalabError,
  type ParamValue,
  type Profile,
  paramsKey,
  summarize,
  toError,
} from '@paralab/core';
import { type ProbeScope, Scope } from './scope.js';

/** The workload id of every calibration cell. */
export const CALIBRATION_WORKLOAD = 'calibration';

/** Fewest samples a calibration cell takes, whatever the profile says. */
export const MIN_CALIBRATION_SAMPLES = 5;

/** How long tearing a probe's workers and children down may take before the cell says so, ms. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * One primitive to measure: its floor becomes one `calibration` cell. `open` sets up (untimed) and returns
 * a session whose `run(ops)` performs `ops` operations and resolves with the ms they took together, timed
 * by the probe itself so that per-operation set-up and tear-down (terminating a worker) stay out.
 */
export interface CalibrationProbe {
  /** The probe's name, recorded as `params.probe` (`message-roundtrip`). */
  readonly name: string;
  /** The primitive measured, recorded as the cell's strategy: `worker_threads`, `child_process`, `timer`. */
  readonly primitive: 'worker_threads' | 'child_process' | 'timer' | (string & {});
  /** Operations timed together in one sample (each sample is their mean), recorded as `params.opsPerSample`. */
  readonly opsPerSample: number;
  /** Further parameters recorded with the cell (`bytes`, `mode`). */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** What the probe used (API, serialization), recorded as the cell's options. */
  readonly options: Readonly<Record<string, ParamValue>>;
  /** Sets up everything the operations need; start workers and processes through `scope` only. */
  open(scope: ProbeScope): Promise<CalibrationSession>;
}

/** A probe set up and ready to time operations. */
export interface CalibrationSession {
  /** Runs `ops` operations one after another; resolves with the wall time they took together, ms. */
  run(ops: number): Promise<number>;
}

/** How to run one probe. */
export interface ProbeRunOptions {
  readonly profile: Profile;
  /** Measured timer resolution, ms: cells whose batch is under 100× this are flagged. */
  readonly timerResolutionMs: number;
  readonly interrupt?: CancelToken;
  readonly onEvent?: (event: MeasureEvent) => void;
}

/**
 * Measures one probe: warm-up samples, then samples until the profile's maximum, or its minimum (at least
 * 5) once the 95% CI of the median is within the target width or the cell's time budget is spent. The
 * whole probe runs under a watchdog (`profile.sampleTimeoutMs`): a probe that fails or hangs becomes an
 * `errored` cell, and every worker or child it started is terminated either way. Resolves with undefined
 * when the run was interrupted before the probe's first sample (there is nothing to record).
 */
export async function runCalibrationProbe(
  probe: CalibrationProbe,
  options: ProbeRunOptions,
): Promise<Cell | undefined> {
  const cell = newCell(probe);
  const scope = new Scope();
  const { sampleTimeoutMs } = options.profile;
  const watchdog = setTimeout(
    () =>
      scope.cancel.cancel(
        new ParalabError(
          'ERR_TIMEOUT',
          `the probe ran longer than ${sampleTimeoutMs} ms and was stopped (watchdog)`,
        ),
      ),
    sampleTimeoutMs,
  );
  const cancelled = new Promise<never>((_, reject) => scope.cancel.onCancel(reject));
  cancelled.catch(() => {});
  try {
    const sampling = sample(probe, scope, cell, options);
    sampling.catch(() => {});
    await Promise.race([sampling, cancelled]);
  } catch (thrown) {
    cell.status = 'errored';
    cell.reason = toError(thrown).message;
  } finally {
    clearTimeout(watchdog);
    scope.cancel.cancel(new ParalabError('ERR_CANCELLED', `the ${probe.name} probe has ended`));
    await closeScope(scope, cell);
  }
  return finish(cell, probe, options);
}

async function sample(
  probe: CalibrationProbe,
  scope: Scope,
  cell: Cell,
  options: ProbeRunOptions,
): Promise<void> {
  const { profile } = options;
  const minSamples = Math.max(MIN_CALIBRATION_SAMPLES, profile.minSamples);
  const maxSamples = Math.max(minSamples, profile.maxSamples);
  const ops = probe.opsPerSample;
  const opened = performance.now();
  const session = await probe.open(scope);
  scope.cancel.throwIfCancelled();
  cell.startupMs = performance.now() - opened;
  // After the watchdog fires, an operation still running must not add to the cell already recorded.
  const timed = async (): Promise<number> => {
    const elapsed = await session.run(ops);
    scope.cancel.throwIfCancelled();
    return elapsed / ops;
  };
  for (let w = 0; w < profile.warmups; w++) cell.warmups.push(await timed());
  const began = performance.now();
  while (!options.interrupt?.cancelled) {
    scope.cancel.throwIfCancelled();
    cell.samples.push(await timed());
    const n = cell.samples.length;
    options.onEvent?.({ type: 'sample', cellId: cell.id, sampleMs: cell.samples[n - 1] ?? 0, samples: n });
    if (n >= maxSamples) break;
    if (n < minSamples) continue;
    if (relativeCiWidth(cell.samples) <= profile.targetCiWidth) break;
    if (performance.now() - began >= profile.cellBudgetMs) break;
  }
}

function newCell(probe: CalibrationProbe): Cell {
  const params = { ...probe.params, probe: probe.name, opsPerSample: probe.opsPerSample };
  return {
    id: `${CALIBRATION_WORKLOAD}(${paramsKey(params)})/${probe.primitive}@1`,
    workload: CALIBRATION_WORKLOAD,
    kind: 'calibration',
    strategy: probe.primitive,
    concurrency: 1,
    params,
    options: { ...probe.options },
    status: 'ok',
    samples: [],
    warmups: [],
    // Each sample is already the mean time of one operation.
    tasksPerSample: 1,
    flags: [],
  };
}

async function closeScope(scope: Scope, cell: Cell): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([scope.close(), late]);
    if (outcome === 'late') appendReason(cell, `closing its workers took longer than ${CLOSE_TIMEOUT_MS} ms`);
  } catch (thrown) {
    appendReason(cell, `closing its workers failed: ${toError(thrown).message}`);
  } finally {
    clearTimeout(timer);
  }
}

function appendReason(cell: Cell, reason: string): void {
  cell.reason = [cell.reason, reason].filter(Boolean).join('; ');
}

function finish(cell: Cell, probe: CalibrationProbe, options: ProbeRunOptions): Cell | undefined {
  if (cell.status !== 'ok') return cell;
  if (cell.samples.length === 0) return undefined;
  const { n: _n, ...stats } = summarize(cell.samples);
  cell.stats = stats;
  if (stats.cv > NOISY_CV) cell.flags.push('noisy');
  const batchMs = stats.median * probe.opsPerSample;
  if (probe.primitive !== 'timer' && batchMs < 100 * options.timerResolutionMs)
    cell.flags.push('below-timer-resolution');
  if (stats.ciConfidence < 0.95) cell.flags.push('ci-wide');
  return cell;
}

function relativeCiWidth(samples: readonly number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  const ci = medianCi(sorted);
  const mid = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return mid > 0 ? (ci.hi - ci.lo) / mid : Number.POSITIVE_INFINITY;
}
