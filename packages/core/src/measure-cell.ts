// One cell's steps in the measurement loop: starting its strategy, one timed batch under the watchdog, and
// closing it. The loop (`measure.ts`) decides the order; these never let a failure escape unrecorded.
import { CancelToken } from './cancel.js';
import type { LiveCell } from './cell.js';
import type { OutputCheck } from './check.js';
import { describeThrown, ParalabError, toError } from './errors.js';
import type { MeasureOptions } from './measure-types.js';
import { now, setTimer } from './platform.js';
import { estimateBytes } from './probe.js';
import type { Cell } from './schema.js';
import type { CheckedBatch, Strategy, StrategyInstance } from './strategy.js';
import type { AnyWorkload } from './workload.js';

/** A sample whose outputs were wrong: the cell is `invalid`, never fast. */
export class SampleInvalid extends Error {}

/** Records why a cell has no (more) valid time. */
export function fail(cell: LiveCell, status: Cell['status'], reason: string): void {
  cell.status = status;
  cell.reason = reason;
  cell.done = true;
}

/**
 * Starts a cell's strategy under the watchdog (cancelled early by `cancel`, a fault of the measuring
 * thread); the time it takes is the cell's start-up time. A strategy that cannot run here is `unsupported`.
 */
export async function startCell(cell: LiveCell, options: MeasureOptions, cancel: CancelToken): Promise<void> {
  const { plan } = cell;
  const begin = now();
  try {
    const support =
      servingMatch(plan.strategy, plan.workload) ?? plan.strategy.supports?.(plan.workload) ?? true;
    if (support !== true) return fail(cell, 'unsupported', support);
    const creating = plan.strategy.create({
      workload: plan.workload,
      ref: plan.ref,
      params: plan.params,
      concurrency: plan.concurrency,
      ...(options.services ? { services: options.services } : {}),
      sampleTimeoutMs: options.profile.sampleTimeoutMs,
    });
    const timeout = options.profile.sampleTimeoutMs;
    cell.instance = await withWatchdog(creating, timeout, 'starting the strategy', (i) => i.close(), cancel);
    cell.startupMs = now() - begin;
    cell.options = cell.instance.options;
    cell.probe = options.probe?.(cell.instance);
  } catch (thrown) {
    const error = toError(thrown);
    // A strategy that finds out only by trying that it cannot run here (say, a library that hangs on this
    // runtime and is stopped by its own watchdog) reports ERR_UNSUPPORTED: an unsupported cell, not a crash.
    if (error instanceof ParalabError && error.code === 'ERR_UNSUPPORTED')
      fail(cell, 'unsupported', error.message);
    else fail(cell, 'errored', `starting ${plan.strategy.name} failed: ${describeThrown(thrown)}`);
  }
}

/**
 * Why `strategy` cannot run `workload` because one serves HTTP and the other does not, or undefined. A
 * served workload's task is one request's work: on the calling thread or in a pool it would measure
 * something else under the serving workload's name.
 */
function servingMatch(strategy: Strategy, workload: AnyWorkload): string | undefined {
  if (strategy.serves && !workload.served)
    return `${strategy.name} serves HTTP requests; ${workload.id} declares no served task (workload.served)`;
  if (!strategy.serves && workload.served)
    return `${workload.id} is measured as an HTTP server under load: ${strategy.name} serves no HTTP (use a serving strategy, serve-*)`;
  return undefined;
}

/**
 * Runs one batch under the watchdog, checks its outputs and returns its wall time in ms. Staging and the
 * probe run outside the timed region; the probe only for kept samples (`measured`). `cancel` (a fault of
 * the measuring thread) stops the batch like the watchdog does.
 */
export async function sample(
  cell: LiveCell,
  inputs: unknown[],
  check: OutputCheck,
  options: MeasureOptions,
  measured: boolean,
  cancel: CancelToken,
): Promise<number> {
  const instance = cell.instance;
  if (!instance)
    throw new ParalabError('ERR_BUG', `cell ${cell.id} has no instance (this is a bug in paralab)`);
  const batch = instance.stage ? await instance.stage(inputs) : inputs;
  if (measured) await cell.probe?.begin();
  const { outputs, elapsed } = await timedBatch(instance, batch, options.profile.sampleTimeoutMs, cancel);
  if (measured) await cell.probe?.end();
  cell.spentMs += elapsed;
  if (isChecked(outputs)) return checkedSample(cell, outputs, inputs.length, measured);
  const verdict = check(outputs);
  if (verdict !== true) throw new SampleInvalid(`wrong output: ${verdict}`);
  if (cell.bytesMoved === undefined) cell.bytesMoved = bytesMoved(instance, inputs, outputs);
  return elapsed;
}

function isChecked(outputs: unknown[] | CheckedBatch): outputs is CheckedBatch {
  return !Array.isArray(outputs) && outputs?.type === 'checked';
}

/**
 * The sample of a batch checked where it ran: its own wall time, kept only when every task was right (the
 * cell is `invalid` otherwise); a served batch's load metrics are kept with the cell's kept samples.
 */
function checkedSample(cell: LiveCell, batch: CheckedBatch, tasks: number, measured: boolean): number {
  if (batch.wrong !== undefined) throw new SampleInvalid(`wrong output: ${batch.wrong}`);
  if (batch.right !== tasks) {
    throw new SampleInvalid(
      `wrong output: ${batch.checkedBy} found ${batch.right} of ${tasks} outputs right, and no reason`,
    );
  }
  if (measured && batch.served) cell.served = [...(cell.served ?? []), batch.served];
  return batch.elapsedMs;
}

/** The timed region: one `runBatch` (or `runChecked`) raced against the watchdog and `cancel`. */
async function timedBatch(
  instance: StrategyInstance,
  inputs: unknown[],
  timeoutMs: number,
  outer: CancelToken,
): Promise<{ outputs: unknown[] | CheckedBatch; elapsed: number }> {
  const cancel = new CancelToken();
  const unlink = outer.onCancel((reason) => cancel.cancel(reason));
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
    const running: Promise<unknown[] | CheckedBatch> = instance.runChecked
      ? instance.runChecked(inputs, cancel)
      : instance.runBatch(inputs, cancel);
    running.catch(() => {});
    const outputs = await Promise.race([running, cancelled]);
    return { outputs, elapsed: now() - begin };
  } finally {
    stopTimer();
    unlink();
  }
}

function bytesMoved(instance: StrategyInstance, inputs: unknown[], outputs: unknown[]): number {
  const mode = instance.options.serialization;
  if (mode === undefined || mode === 'none' || mode === 'shared') return 0;
  return estimateBytes(inputs) + estimateBytes(outputs);
}

/** Closes a cell's instance (at most once); a close that fails or hangs is noted in the cell's reason. */
export async function closeInstance(cell: LiveCell): Promise<void> {
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

/**
 * Resolves like `promise`, or rejects after `ms` (or when `cancel` is cancelled); a late value is handed to
 * `dispose`. This is core's one timeout helper.
 */
export function withWatchdog<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  dispose?: (late: T) => unknown,
  cancel?: CancelToken,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let abandoned = false;
    const give = (error: Error): void => {
      abandoned = true;
      stop();
      unlink();
      reject(error);
    };
    const stop = setTimer(
      () => give(new ParalabError('ERR_TIMEOUT', `${what} took longer than ${ms} ms (watchdog)`)),
      ms,
    );
    const unlink = cancel?.onCancel(give) ?? (() => {});
    promise.then(
      (value) => {
        stop();
        unlink();
        if (abandoned) void dispose?.(value);
        else resolve(value);
      },
      (error) => {
        stop();
        unlink();
        if (!abandoned) reject(error);
      },
    );
  });
}
