import { MIN_CALIBRATION_SAMPLES } from './calibration.js';
import type { CancelToken } from './cancel.js';
import { type LiveCell, newLiveCell, toCell } from './cell.js';
import { createOutputCheck, type OutputCheck } from './check.js';
import { describeThrown, ParalabError, toError } from './errors.js';
import { closeInstance, fail, SampleInvalid, sample, startCell, withWatchdog } from './measure-cell.js';
import { FAULT_SETTLE_MS, FaultWatch } from './measure-faults.js';
import { InterleavedFloors } from './measure-floors.js';
import { FootprintWatch } from './measure-memory.js';
import { updateDone } from './measure-stop.js';
import { timeTasks } from './measure-tasks.js';
import type { MeasureOptions, MeasureResult } from './measure-types.js';
import { type CellPlan, groupPlans, paramsKey } from './plan.js';
import { delay } from './platform.js';
import { createRng, shuffled } from './random.js';
import type { Cell } from './schema.js';

export type { MeasureEvent, MeasureOptions, MeasureResult } from './measure-types.js';

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
    const { live, floors } = await measureGroup(group, options, hash(key));
    for (const cell of [...toCells(live, options), ...floors]) {
      cells.push(cell);
      options.onEvent?.({ type: 'cell-done', cell });
    }
  }
  const measured = cells.filter((cell) => cell.kind !== 'calibration').length;
  return { cells, complete: !options.interrupt?.cancelled && measured === plans.length };
}

/** The inputs of a group and the check of its outputs, or why there are none. */
type Prepared = { inputs: unknown[]; check: OutputCheck } | { status: Cell['status']; reason: string };

/**
 * Prepares the group's inputs and the check of its outputs (with a reference run of the task on this
 * thread when the workload has no `verify`), under the watchdog and the fault watch: a rejection nobody
 * handled during either fails the whole group.
 */
async function prepare(first: CellPlan, options: MeasureOptions): Promise<Prepared> {
  const timeoutMs = options.profile.sampleTimeoutMs;
  options.onEvent?.({ type: 'group-step', step: 'prepare' });
  let fault: unknown;
  let faulted = false;
  const unsubscribe = options.faults?.((thrown) => {
    faulted = true;
    fault ??= thrown;
  });
  try {
    const context = { ...options.services, seed: options.seed };
    const preparing = Promise.resolve(first.workload.prepare(first.params, context));
    const inputs = await withWatchdog(preparing, timeoutMs, 'prepare');
    const checking = createOutputCheck(first.workload, first.params, inputs);
    const check = await withWatchdog(
      checking,
      timeoutMs,
      'the reference run that checksums are checked against',
    );
    if (options.faults) await delay(FAULT_SETTLE_MS);
    if (faulted)
      throw new ParalabError('ERR_TASK', `a task failed outside its own code: ${describeThrown(fault)}`);
    return { inputs, check };
  } catch (thrown) {
    const error = toError(thrown);
    // A workload that needs what this run does not have (a database, a runtime API) says so from prepare.
    if (error instanceof ParalabError && error.code === 'ERR_UNSUPPORTED')
      return { status: 'unsupported', reason: error.message };
    return { status: 'errored', reason: `preparing the inputs failed: ${describeThrown(thrown)}` };
  } finally {
    unsubscribe?.();
  }
}

/** A group's cells, and the floors measured in the same rounds (see `MeasureOptions.floors`). */
interface GroupOutcome {
  live: LiveCell[];
  floors: Cell[];
}

async function measureGroup(
  plans: CellPlan[],
  options: MeasureOptions,
  groupSeed: number,
): Promise<GroupOutcome> {
  const live = plans.map(newLiveCell);
  const first = plans[0] as CellPlan;
  const prepared = await prepare(first, options);
  if ('reason' in prepared) {
    for (const cell of live) fail(cell, prepared.status, prepared.reason);
    return { live, floors: [] };
  }
  const { inputs, check } = prepared;
  for (const cell of live) cell.tasksPerSample = inputs.length;
  const faults = new FaultWatch(options);
  let floors: InterleavedFloors | undefined;
  try {
    for (const cell of live) {
      if (!options.interrupt?.cancelled) await setUp(cell, inputs, check, options, faults);
    }
    const rng = createRng(options.seed ^ groupSeed);
    await warmUpTogether(live, rng, inputs, check, options, faults);
    const label = `${first.workload.id}(${paramsKey(first.params)})`;
    floors = options.floors?.length
      ? await InterleavedFloors.open(options.floors, label, inputs.length, options)
      : undefined;
    // Cells held against a floor's low end take as many samples as a floor does: p10 against p10.
    const profile = floors
      ? { ...options.profile, minSamples: Math.max(options.profile.minSamples, MIN_CALIBRATION_SAMPLES) }
      : options.profile;
    while ((live.some((cell) => !cell.done) || floors?.needsMore) && !options.interrupt?.cancelled) {
      await round(live, rng, options, faults, async (cell, cancel) => {
        options.onEvent?.({ type: 'cell-step', cellId: cell.id, step: 'sample' });
        record(cell, await sample(cell, inputs, check, options, true, cancel), options);
      });
      await floors?.round();
      updateDone(live, profile, options.availableParallelism);
    }
    await timeGroupTasks(live, inputs, options, faults);
    await faults.settle(live);
  } finally {
    faults.dispose();
    for (const cell of live) {
      options.onEvent?.({ type: 'cell-step', cellId: cell.id, step: 'close' });
      await closeInstance(cell);
    }
  }
  if (options.interrupt?.cancelled) for (const cell of live) markInterrupted(cell);
  return { live, floors: (await floors?.close()) ?? [] };
}

/** Starts a cell and runs its first warm-up batch, alone: its memory footprint is read meanwhile. */
async function setUp(
  cell: LiveCell,
  inputs: unknown[],
  check: OutputCheck,
  options: MeasureOptions,
  faults: FaultWatch,
): Promise<void> {
  const footprint = new FootprintWatch(options);
  options.onEvent?.({ type: 'cell-step', cellId: cell.id, step: 'start' });
  await footprint.begin();
  try {
    await faults.around(cell, (cancel) => startCell(cell, options, cancel));
    if (options.profile.warmups > 0 && cell.status === 'ok') {
      options.onEvent?.({ type: 'cell-step', cellId: cell.id, step: 'warmup' });
      await faults.around(cell, async (cancel) => {
        cell.warmups.push(await sample(cell, inputs, check, options, false, cancel));
      });
      await footprint.read((await cell.instance?.usage?.())?.rssBytes ?? 0);
    }
  } catch (thrown) {
    const error = toError(thrown);
    fail(cell, error instanceof SampleInvalid ? 'invalid' : 'errored', error.message);
    await closeInstance(cell);
  } finally {
    footprint.finish(cell);
  }
}

/**
 * The rest of the warm-up, in rounds shuffled like the samples': each cell takes the profile's count, and
 * more (to `maxWarmups`) while its last batch was still more than 10% faster than the one before. Warmed
 * alone with one batch, a pool's first kept samples ran 1.2-1.4x its median on Node and Bun (see
 * scripts/warmup-report.mjs); warmed among the others, the last warm-up is taken in the conditions the
 * samples are.
 */
async function warmUpTogether(
  live: LiveCell[],
  rng: () => number,
  inputs: unknown[],
  check: OutputCheck,
  options: MeasureOptions,
  faults: FaultWatch,
): Promise<void> {
  const { warmups, maxWarmups } = options.profile;
  const warming = (cell: LiveCell): boolean =>
    cell.status === 'ok' &&
    cell.warmups.length < Math.max(warmups, maxWarmups) &&
    (cell.warmups.length < warmups || stillWarming(cell.warmups));
  for (;;) {
    const cells = live.filter(warming);
    if (cells.length === 0 || options.interrupt?.cancelled) return;
    await round(cells, rng, options, faults, async (cell, cancel) => {
      options.onEvent?.({ type: 'cell-step', cellId: cell.id, step: 'warmup' });
      cell.warmups.push(await sample(cell, inputs, check, options, false, cancel));
    });
  }
}

/** True while the last warm-up batch was more than 10% faster than the one before it. */
function stillWarming(warmups: readonly number[]): boolean {
  const last = warmups[warmups.length - 1];
  const before = warmups[warmups.length - 2];
  return last !== undefined && before !== undefined && last < 0.9 * before;
}

/**
 * Each task's own duration, once, after sampling: recorded with the group's sequential cell for CPU and
 * mixed work (an I/O task's duration is its waiting, not work to divide).
 */
async function timeGroupTasks(
  live: readonly LiveCell[],
  inputs: unknown[],
  options: MeasureOptions,
  faults: FaultWatch,
): Promise<void> {
  const baseline = live.find((cell) => cell.plan.strategy.name === 'sequential' && cell.status === 'ok');
  if (!baseline || baseline.plan.workload.kind === 'io' || options.interrupt?.cancelled) return;
  options.onEvent?.({ type: 'cell-step', cellId: baseline.id, step: 'tasks' });
  try {
    const timing = faults.around(baseline, () => timeTasks(baseline.plan.workload, inputs));
    baseline.tasks = await withWatchdog(timing, options.profile.sampleTimeoutMs, 'timing each task');
  } catch {
    // The sequential cell's samples stand; only the task sizes are missing (the model then says so).
  }
}

async function round(
  live: LiveCell[],
  rng: () => number,
  options: MeasureOptions,
  faults: FaultWatch,
  step: (cell: LiveCell, cancel: CancelToken) => Promise<void>,
): Promise<void> {
  for (const cell of shuffled(live, rng)) {
    if (cell.done || options.interrupt?.cancelled) continue;
    try {
      await faults.around(cell, (cancel) => step(cell, cancel));
    } catch (thrown) {
      const error = toError(thrown);
      fail(cell, error instanceof SampleInvalid ? 'invalid' : 'errored', error.message);
      await closeInstance(cell);
    }
  }
}

function markInterrupted(cell: LiveCell): void {
  if (cell.status !== 'ok' || cell.done) return;
  cell.status = 'interrupted';
  cell.reason = `the run was interrupted after ${cell.samples.length} of this cell's samples`;
  cell.done = true;
}

function record(cell: LiveCell, elapsed: number, options: MeasureOptions): void {
  cell.samples.push(elapsed);
  options.onEvent?.({ type: 'sample', cellId: cell.id, sampleMs: elapsed, samples: cell.samples.length });
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
