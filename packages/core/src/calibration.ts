// The calibration loop every runner shares: each probe measures one primitive's floor (a worker's start-up,
// a message round trip, the timer's step) into one `calibration` cell. What a probe starts its workers and
// processes through (its scope) is the runner's: Node threads and forks, Bun's Web Workers, a page's.

import type { CalibrationProbe, OwnedScope, ProbeScopeBase } from './calibration-types.js';
import type { CancelToken } from './cancel.js';
import { ParalabError, toError } from './errors.js';
import type { MeasureEvent } from './measure-types.js';
import { paramsKey } from './plan.js';
import { now, setTimer, within } from './platform.js';
import type { Profile } from './profiles.js';
import type { Cell } from './schema.js';
import { relativeCiWidth } from './stats/median-ci.js';
import { FLOOR_MIN_SAMPLES, NOISY_CV, summarize } from './stats/summary.js';
import type { ParamValue } from './workload.js';

/** The workload id of every calibration cell. */
export const CALIBRATION_WORKLOAD = 'calibration';

/**
 * Fewest samples a calibration cell takes, whatever the profile says: floors are read from the low end
 * of their distribution (p10), which needs at least 20 samples (METHOD.md).
 */
export const MIN_CALIBRATION_SAMPLES = FLOOR_MIN_SAMPLES;

/** How long tearing a probe's workers and children down may take before the cell says so, ms. */
const CLOSE_TIMEOUT_MS = 5_000;

/** How to run one probe. */
export interface ProbeRunOptions {
  readonly profile: Profile;
  /** Measured timer resolution, ms: cells whose batch is under 100× this are flagged. */
  readonly timerResolutionMs: number;
  readonly interrupt?: CancelToken;
  readonly onEvent?: (event: MeasureEvent) => void;
}

/** How to calibrate with `calibrateProbes`. */
export interface CalibrationOptions<S extends ProbeScopeBase> {
  /** Sample counts, warm-ups, CI target, per-cell budget and watchdog come from here. */
  readonly profile: Profile;
  /** Progress: a `group-start`, then `sample` and `cell-done` events like `measure`'s. */
  readonly onEvent?: (event: MeasureEvent) => void;
  /** The probes to run, in order. */
  readonly probes: readonly CalibrationProbe<S>[];
  /** Makes a fresh scope for each probe; the loop closes it when the probe ends. */
  readonly makeScope: () => OwnedScope<S>;
  /** Cancel to stop after the current sample; cells measured so far are returned. */
  readonly interrupt?: CancelToken;
  /** Timer resolution for the `below-timer-resolution` flag, ms; default measured now. */
  readonly timerResolutionMs?: number;
}

/**
 * Measures the floors of `probes`, one `calibration` cell per probe, in order. Each sample is the mean
 * time of one operation, ms, over `params.opsPerSample` operations. A probe that fails or outlives the
 * watchdog (`profile.sampleTimeoutMs`) becomes an `errored` cell and the others still run; every worker
 * and process a probe started through its scope is ended when it ends. Rejects with a `TypeError` or
 * `RangeError` on bad options.
 */
export async function calibrateProbes<S extends ProbeScopeBase>(
  options: CalibrationOptions<S>,
): Promise<Cell[]> {
  const { profile, probes } = validated(options);
  const resolution = options.timerResolutionMs ?? measureTimerResolution();
  options.onEvent?.({
    type: 'group-start',
    workload: CALIBRATION_WORKLOAD,
    params: '',
    cells: probes.length,
    group: 1,
    groups: 1,
  });
  const cells: Cell[] = [];
  for (const probe of probes) {
    if (options.interrupt?.cancelled) break;
    const cell = await runCalibrationProbe(probe, options.makeScope, {
      profile,
      timerResolutionMs: resolution,
      interrupt: options.interrupt,
      onEvent: options.onEvent,
    });
    if (!cell) continue;
    cells.push(cell);
    options.onEvent?.({ type: 'cell-done', cell });
  }
  return cells;
}

function validated<S extends ProbeScopeBase>(options: CalibrationOptions<S>): CalibrationOptions<S> {
  const profile = options?.profile;
  if (!profile || typeof profile !== 'object')
    throw new TypeError(`options.profile must be a profile object (see getProfile), got ${String(profile)}`);
  if (!Array.isArray(options.probes))
    throw new TypeError(`options.probes must be an array of probes, got ${String(options.probes)}`);
  if (typeof options.makeScope !== 'function')
    throw new TypeError(`options.makeScope must be a function, got ${String(options.makeScope)}`);
  for (const probe of options.probes) {
    if (!Number.isInteger(probe.opsPerSample) || probe.opsPerSample < 1)
      throw new RangeError(
        `probe ${probe.name}: opsPerSample must be a positive integer, got ${probe.opsPerSample}`,
      );
  }
  return options;
}

/**
 * Measures one probe in a scope of its own (`makeScope()`): warm-up samples, then samples until the
 * profile's maximum, or its minimum (at least `MIN_CALIBRATION_SAMPLES`) once the 95% CI of the median is within the target width
 * or the cell's time budget is spent. The whole probe runs under a watchdog (`profile.sampleTimeoutMs`):
 * a probe that fails or hangs becomes an `errored` cell, and its scope is cancelled and closed either way.
 * Resolves with undefined when the run was interrupted before the probe's first sample (there is nothing
 * to record).
 */
export async function runCalibrationProbe<S extends ProbeScopeBase>(
  probe: CalibrationProbe<S>,
  makeScope: () => OwnedScope<S>,
  options: ProbeRunOptions,
): Promise<Cell | undefined> {
  const cell = newCell(probe);
  const scope = makeScope();
  const { sampleTimeoutMs } = options.profile;
  const stopWatchdog = setTimer(
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
    stopWatchdog();
    scope.cancel.cancel(new ParalabError('ERR_CANCELLED', `the ${probe.name} probe has ended`));
    await closeScope(scope, cell);
  }
  return finish(cell, probe, options);
}

/** What a probe's cell records of it (everything but `open`). */
export type ProbeFacts = Omit<CalibrationProbe, 'open'>;

async function sample<S extends ProbeScopeBase>(
  probe: CalibrationProbe<S>,
  scope: S,
  cell: Cell,
  options: ProbeRunOptions,
): Promise<void> {
  const { profile } = options;
  const minSamples = Math.max(MIN_CALIBRATION_SAMPLES, profile.minSamples);
  const maxSamples = Math.max(minSamples, profile.maxSamples);
  const ops = probe.opsPerSample;
  const opened = now();
  const session = await probe.open(scope);
  scope.cancel.throwIfCancelled();
  cell.startupMs = now() - opened;
  // After the watchdog fires, an operation still running must not add to the cell already recorded.
  const timed = async (): Promise<number> => {
    const elapsed = await session.run(ops);
    scope.cancel.throwIfCancelled();
    return elapsed / ops;
  };
  for (let w = 0; w < profile.warmups; w++) cell.warmups.push(await timed());
  const began = now();
  while (!options.interrupt?.cancelled) {
    scope.cancel.throwIfCancelled();
    cell.samples.push(await timed());
    const n = cell.samples.length;
    options.onEvent?.({ type: 'sample', cellId: cell.id, sampleMs: cell.samples[n - 1] ?? 0, samples: n });
    if (n >= maxSamples) break;
    if (n < minSamples) continue;
    if (relativeCiWidth(cell.samples) <= profile.targetCiWidth) break;
    if (now() - began >= profile.cellBudgetMs) break;
  }
}

export function newCell(probe: ProbeFacts, extra: Readonly<Record<string, ParamValue>> = {}): Cell {
  const params = { ...probe.params, ...extra, probe: probe.name, opsPerSample: probe.opsPerSample };
  return {
    id: `${CALIBRATION_WORKLOAD}(${paramsKey(params)})/${probe.primitive}@1`,
    workload: CALIBRATION_WORKLOAD,
    kind: 'calibration',
    strategy: probe.primitive,
    family: 'calibration',
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

async function closeScope(scope: { close(): Promise<void> }, cell: Cell): Promise<void> {
  try {
    if ((await within(scope.close(), CLOSE_TIMEOUT_MS)) === 'late')
      appendReason(cell, `closing its workers took longer than ${CLOSE_TIMEOUT_MS} ms`);
  } catch (thrown) {
    appendReason(cell, `closing its workers failed: ${toError(thrown).message}`);
  }
}

function appendReason(cell: Cell, reason: string): void {
  cell.reason = [cell.reason, reason].filter(Boolean).join('; ');
}

export function finish(
  cell: Cell,
  probe: ProbeFacts,
  options: Pick<ProbeRunOptions, 'timerResolutionMs'>,
): Cell | undefined {
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

/**
 * The smallest step of the clock (`performance.now()`), ms: each operation reads it until it changes and
 * records by how much (the approach of `measureTimerResolution`), one sample per try. Needs nothing from
 * its scope, so it runs in every runner.
 */
export const timerResolutionProbe: CalibrationProbe = {
  name: 'timer-resolution',
  primitive: 'timer',
  opsPerSample: 1,
  options: { api: 'performance.now' },
  async open() {
    // Untimed: until the loop is compiled, a try measures the interpreter rather than the clock.
    clockSteps(JIT_WARMUP_TRIES);
    return { run: async (ops) => clockSteps(ops) };
  },
};

const JIT_WARMUP_TRIES = 2_000;

/** The sum of `tries` clock steps, ms. */
function clockSteps(tries: number): number {
  let total = 0;
  for (let i = 0; i < tries; i++) total += clockStep();
  return total;
}

/** Reads the clock until it changes and returns by how much, ms. */
function clockStep(): number {
  const start = now();
  let next = now();
  while (next === start) next = now();
  return next - start;
}

/**
 * The smallest step `performance.now()` takes here, in ms: the least non-zero difference between
 * successive readings over `tries` attempts. Coarse where the clock is (a page that is not cross-origin
 * isolated rounds it to 0.1 ms or more).
 */
export function measureTimerResolution(tries = 200): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tries; i++) smallest = Math.min(smallest, clockStep());
  return smallest;
}
