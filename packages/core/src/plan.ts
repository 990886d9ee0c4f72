import { ParalabError } from './errors.js';
import type { Strategy, WorkloadRef } from './strategy.js';
import type { AnyWorkload, ParamValue, WorkloadKind } from './workload.js';

/**
 * One cell to measure: a workload with resolved parameters, a strategy and a concurrency. `S` is what
 * stands for the strategy: a runnable `Strategy` here, or a descriptor with a `name` when the cells run
 * elsewhere (in a page, say).
 */
export interface CellPlan<S = Strategy> {
  readonly workload: AnyWorkload;
  readonly ref: WorkloadRef;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly strategy: S;
  readonly concurrency: number;
  /**
   * Calibration probes (`primitive/name`, e.g. `worker_threads/message-roundtrip`) to sample in the same
   * rounds as this cell's group (see `MeasureOptions.floors`).
   */
  readonly floors?: readonly string[];
}

/** A workload chosen for a run, with its parameters resolved. */
export interface PlannedWorkload {
  readonly workload: AnyWorkload;
  readonly ref: WorkloadRef;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** What to cross: workloads × strategies (or strategy descriptors, see `CellPlan`) × concurrency levels. */
export interface PlanOptions<S = Strategy> {
  readonly workloads: readonly PlannedWorkload[];
  readonly strategies: readonly S[];
  /** Concurrency levels; when absent, `defaultConcurrency` of each workload's kind. */
  readonly concurrency?: readonly number[];
  /** Cores the runtime can use (`availableParallelism`), for the defaults. */
  readonly cores: number;
}

/**
 * Default concurrency levels by kind: CPU work at the core count (more cannot help), I/O at 10 in flight
 * (the articles' "10 threads"), mixed work at both.
 */
export function defaultConcurrency(kind: WorkloadKind, cores: number): number[] {
  if (kind === 'cpu') return [cores];
  if (kind === 'io') return [10];
  return [...new Set([cores, 10])];
}

/**
 * Crosses workloads, strategies and concurrency levels into cells. `sequential` gets one cell per
 * workload (its concurrency is always 1): it is the baseline of every speedup; a strategy with a
 * `fixedConcurrency` gets one cell at it. Only a strategy's `name` and `fixedConcurrency` are read, so
 * descriptors of strategies that run elsewhere plan the same way.
 */
export function planCells<S extends { readonly name: string; readonly fixedConcurrency?: number } = Strategy>(
  options: PlanOptions<S>,
): CellPlan<S>[] {
  if (options.workloads.length === 0) throw new ParalabError('ERR_OPTION', 'no workloads selected');
  if (options.strategies.length === 0) throw new ParalabError('ERR_OPTION', 'no strategies selected');
  if (options.concurrency?.length === 0) throw new RangeError('options.concurrency must not be empty');
  for (const level of options.concurrency ?? []) {
    if (!Number.isInteger(level) || level < 1) {
      throw new RangeError(`options.concurrency must hold positive integers, got ${level}`);
    }
  }
  const plans: CellPlan<S>[] = [];
  for (const planned of options.workloads) {
    const levels = [
      ...new Set(options.concurrency ?? defaultConcurrency(planned.workload.kind, options.cores)),
    ];
    for (const strategy of options.strategies) {
      const fixed = strategy.name === 'sequential' ? 1 : strategy.fixedConcurrency;
      const cellLevels = fixed !== undefined ? [fixed] : levels;
      for (const concurrency of cellLevels) plans.push({ ...planned, strategy, concurrency });
    }
  }
  return plans;
}

/** The stable key of a parameter set: `name=value` pairs sorted by name. */
export function paramsKey(params: Readonly<Record<string, ParamValue>>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${name}=${String(params[name])}`)
    .join(',');
}

/** The stable id of a cell: `workload(params)/strategy@concurrency` (only the strategy's `name` is read). */
export function cellId(plan: CellPlan<{ readonly name: string }>): string {
  return `${plan.workload.id}(${paramsKey(plan.params)})/${plan.strategy.name}@${plan.concurrency}`;
}

/**
 * Plans grouped by workload module, workload and parameters (keyed `module#id(params)`), each group in plan
 * order: the cells that share prepared inputs and are interleaved with each other while measured.
 */
export function groupPlans<P extends Pick<CellPlan<unknown>, 'ref' | 'workload' | 'params'>>(
  plans: readonly P[],
): Map<string, P[]> {
  const groups = new Map<string, P[]>();
  for (const plan of plans) {
    const key = `${plan.ref.module}#${plan.workload.id}(${paramsKey(plan.params)})`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  return groups;
}
