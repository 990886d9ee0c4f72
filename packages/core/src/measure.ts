import { CancelToken } from './cancel.js';
import { toCell } from './cell.js';
import { createOutputCheck, type OutputCheck } from './check.js';
import { ParalabError, toError } from './errors.js';
import { type CellPlan, cellId, groupPlans, paramsKey } from './plan.js';
import { now, setTimer } from './platform.js';
import { type CellProbe, estimateBytes, type ProbeFactory } from './probe.js';
import type { Profile } from './profiles.js';
import { createRng, shuffled } from './random.js';
import type { Cell } from './schema.js';
import { relativeCiWidth } from './stats.js';
import type { StrategyInstance } from './strategy.js';

/** How to measure a list of cells. */
export interface MeasureOptions {
  readonly profile: Profile;
  /** Seed of the interleaving order and of generated inputs. */
  readonly seed: number;
  /** Base URL of the runner's loopback latency server, for I/O workloads. */
  readonly serverUrl?: string;
  /** Cores the runtime can use; cells with more threads than this are flagged oversubscribed. */
  readonly availableParallelism: number;
  /** Measured timer resolution (ms); cells whose median is under 100× this are flagged. */
  readonly timerResolutionMs: number;
  /** Cancelling it (Ctrl-C) stops after the current sample; what was measured is returned. */
  readonly interrupt?: CancelToken;
  /** Makes each cell's resource probe (CPU, memory, event-loop delay); absent means no metrics. */
  readonly probe?: ProbeFactory;
  /** Progress, for terminals and logs. */
  readonly onEvent?: (event: MeasureEvent) => void;
}

/** Progress reported while measuring. */
export type MeasureEvent =
  | { type: 'group-start'; workload: string; params: string; cells: number; group: number; groups: number }
  | { type: 'sample'; cellId: string; sampleMs: number; samples: number }
  | { type: 'cell-done'; cell: Cell };

/** The outcome of `measure`: one cell per plan that was reached, and whether every plan was. */
export interface MeasureResult {
  cells: Cell[];
  complete: boolean;
}

/** A cell while it is being measured. */
export interface LiveCell {
  readonly id: string;
  readonly plan: CellPlan;
  instance?: StrategyInstance;
  probe?: CellProbe;
  /** Estimated bytes copied between threads or processes per sample. */
  bytesMoved?: number;
  status: Cell['status'];
  reason?: string;
  options: Cell['options'];
  samples: number[];
  warmups: number[];
  startupMs?: number;
  tasksPerSample: number;
  spentMs: number;
  done: boolean;
  budgetLimited: boolean;
}

/**
 * The one measurement loop every runner uses. Cells of the same workload and parameters form a group:
 * inputs are prepared once, outputs are checked on every batch, each cell is warmed up, then samples are
 * taken in rounds, the cells' order shuffled (seeded) every round so drift spreads evenly. Every batch
 * runs under a watchdog; a failing, wrong or hung strategy becomes an errored or invalid cell and the run
 * goes on.
 */
export async function measure(plans: readonly CellPlan[], options: MeasureOptions): Promise<MeasureResult> {
  const groups = groupPlans(plans);
  const cells: Cell[] = [];
  let index = 0;
  for (const [key, group] of groups) {
    if (options.interrupt?.cancelled) break;
    const first = group[0] as CellPlan;
    options.onEvent?.({
      type: 'group-start',
      workload: first.workload.id,
      params: paramsKey(first.params),
      cells: group.length,
      group: ++index,
      groups: groups.size,
    });
    const live = await measureGroup(group, options, hash(key));
    for (const cell of toCells(live, options)) {
      cells.push(cell);
      options.onEvent?.({ type: 'cell-done', cell });
    }
  }
  return { cells, complete: !options.interrupt?.cancelled && cells.length === plans.length };
}

async function measureGroup(
  plans: CellPlan[],
  options: MeasureOptions,
  groupSeed: number,
): Promise<LiveCell[]> {
  const live = plans.map(newLiveCell);
  const first = plans[0] as CellPlan;
  let inputs: unknown[];
  let check: OutputCheck;
  try {
    const timeoutMs = options.profile.sampleTimeoutMs;
    const context = { serverUrl: options.serverUrl, seed: options.seed };
    inputs = await withWatchdog(
      Promise.resolve(first.workload.prepare(first.params, context)),
      timeoutMs,
      'prepare',
    );
    const checking = createOutputCheck(first.workload, first.params, inputs);
    check = await withWatchdog(checking, timeoutMs, 'the reference run that checksums are checked against');
  } catch (thrown) {
    for (const cell of live) fail(cell, 'errored', `preparing the inputs failed: ${toError(thrown).message}`);
    return live;
  }
  for (const cell of live) cell.tasksPerSample = inputs.length;
  try {
    for (const cell of live) await start(cell, options);
    const rng = createRng(options.seed ^ groupSeed);
    for (let w = 0; w < options.profile.warmups; w++) {
      await round(live, rng, options, async (cell) => {
        cell.warmups.push(await sample(cell, inputs, check, options, false));
      });
    }
    while (live.some((cell) => !cell.done) && !options.interrupt?.cancelled) {
      await round(live, rng, options, async (cell) =>
        record(cell, await sample(cell, inputs, check, options, true), options),
      );
    }
  } finally {
    await Promise.all(live.map((cell) => closeInstance(cell)));
  }
  return live;
}

function newLiveCell(plan: CellPlan): LiveCell {
  return {
    id: cellId(plan),
    plan,
    status: 'ok',
    options: {},
    samples: [],
    warmups: [],
    tasksPerSample: 0,
    spentMs: 0,
    done: false,
    budgetLimited: false,
  };
}

async function start(cell: LiveCell, options: MeasureOptions): Promise<void> {
  const { plan } = cell;
  const begin = now();
  try {
    const support = plan.strategy.supports?.(plan.workload) ?? true;
    if (support !== true) return fail(cell, 'unsupported', support);
    const creating = plan.strategy.create({
      workload: plan.workload,
      ref: plan.ref,
      params: plan.params,
      concurrency: plan.concurrency,
    });
    cell.instance = await withWatchdog(
      creating,
      options.profile.sampleTimeoutMs,
      'starting the strategy',
      (i) => i.close(),
    );
    cell.startupMs = now() - begin;
    cell.options = cell.instance.options;
    cell.probe = options.probe?.(cell.instance);
  } catch (thrown) {
    const error = toError(thrown);
    // A strategy that finds out only by trying that it cannot run here (say, a library that hangs on this
    // runtime and is stopped by its own watchdog) reports ERR_UNSUPPORTED: an unsupported cell, not a crash.
    if (error instanceof ParalabError && error.code === 'ERR_UNSUPPORTED')
      fail(cell, 'unsupported', error.message);
    else fail(cell, 'errored', `starting ${plan.strategy.name} failed: ${error.message}`);
  }
}

async function round(
  live: LiveCell[],
  rng: () => number,
  options: MeasureOptions,
  step: (cell: LiveCell) => Promise<void>,
): Promise<void> {
  for (const cell of shuffled(live, rng)) {
    if (cell.done || options.interrupt?.cancelled) continue;
    try {
      await step(cell);
    } catch (thrown) {
      const error = toError(thrown);
      const status = error instanceof SampleInvalid ? 'invalid' : 'errored';
      fail(cell, status, error.message);
      await closeInstance(cell);
    }
  }
}

/**
 * Runs one batch under the watchdog, checks its outputs and returns its wall time in ms. Staging and the
 * probe run outside the timed region; the probe only for kept samples (`measured`).
 */
async function sample(
  cell: LiveCell,
  inputs: unknown[],
  check: OutputCheck,
  options: MeasureOptions,
  measured: boolean,
): Promise<number> {
  const instance = cell.instance;
  if (!instance)
    throw new ParalabError('ERR_BUG', `cell ${cell.id} has no instance (this is a bug in paralab)`);
  const batch = instance.stage ? await instance.stage(inputs) : inputs;
  if (measured) await cell.probe?.begin();
  const { outputs, elapsed } = await timedBatch(instance, batch, options.profile.sampleTimeoutMs);
  if (measured) await cell.probe?.end();
  cell.spentMs += elapsed;
  const verdict = check(outputs);
  if (verdict !== true) throw new SampleInvalid(`wrong output: ${verdict}`);
  if (cell.bytesMoved === undefined) cell.bytesMoved = bytesMoved(instance, inputs, outputs);
  return elapsed;
}

/** The timed region: one `runBatch` raced against the watchdog. */
async function timedBatch(
  instance: StrategyInstance,
  inputs: unknown[],
  timeoutMs: number,
): Promise<{ outputs: unknown[]; elapsed: number }> {
  const cancel = new CancelToken();
  const stopTimer = setTimer(
    () =>
      cancel.cancel(
        new ParalabError('ERR_TIMEOUT', `a batch ran longer than ${timeoutMs} ms and was stopped (watchdog)`),
      ),
    timeoutMs,
  );
  const cancelled = new Promise<never>((_, reject) => cancel.onCancel(reject));
  const begin = now();
  try {
    const running = instance.runBatch(inputs, cancel);
    running.catch(() => {});
    const outputs = await Promise.race([running, cancelled]);
    return { outputs, elapsed: now() - begin };
  } finally {
    stopTimer();
  }
}

function bytesMoved(instance: StrategyInstance, inputs: unknown[], outputs: unknown[]): number {
  const mode = instance.options.serialization;
  if (mode === undefined || mode === 'none' || mode === 'shared') return 0;
  return estimateBytes(inputs) + estimateBytes(outputs);
}

class SampleInvalid extends Error {}

function record(cell: LiveCell, elapsed: number, options: MeasureOptions): void {
  cell.samples.push(elapsed);
  options.onEvent?.({ type: 'sample', cellId: cell.id, sampleMs: elapsed, samples: cell.samples.length });
  const { profile } = options;
  const n = cell.samples.length;
  if (n >= profile.maxSamples) cell.done = true;
  else if (n >= profile.minSamples && relativeCiWidth(cell.samples) <= profile.targetCiWidth)
    cell.done = true;
  else if (cell.spentMs >= profile.cellBudgetMs && n >= Math.min(3, profile.minSamples)) {
    cell.done = true;
    cell.budgetLimited = n < profile.minSamples;
  }
}

function fail(cell: LiveCell, status: Cell['status'], reason: string): void {
  cell.status = status;
  cell.reason = reason;
  cell.done = true;
}

async function closeInstance(cell: LiveCell): Promise<void> {
  const instance = cell.instance;
  cell.probe?.dispose?.();
  cell.instance = undefined;
  if (!instance) return;
  try {
    await withWatchdog(instance.close(), 10_000, 'closing the strategy');
  } catch (thrown) {
    cell.reason = [cell.reason, `close failed: ${toError(thrown).message}`].filter(Boolean).join('; ');
  }
}

/** Resolves like `promise`, or rejects after `ms`; a late value is handed to `dispose`. */
function withWatchdog<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  dispose?: (late: T) => unknown,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const stop = setTimer(() => {
      timedOut = true;
      reject(new ParalabError('ERR_TIMEOUT', `${what} took longer than ${ms} ms (watchdog)`));
    }, ms);
    promise.then(
      (value) => {
        stop();
        if (timedOut) void dispose?.(value);
        else resolve(value);
      },
      (error) => {
        stop();
        reject(error);
      },
    );
  });
}

function toCells(live: LiveCell[], options: MeasureOptions): Cell[] {
  const baseline = live.find((cell) => cell.plan.strategy.name === 'sequential' && cell.status === 'ok');
  return live
    .filter((cell) => cell.status !== 'ok' || cell.samples.length > 0)
    .map((cell) => toCell(cell, baseline, options));
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
