// One run of one runner, as the host drives it: plan on the host, take the machine-wide lock, start the
// loopback services the plan needs, then have a supervised measuring side calibrate and measure one group
// at a time, every cell journaled the moment it is known, and the results file written atomically.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  type CancelToken,
  type Cell,
  type CellPlan,
  createResults,
  getProfile,
  groupPlans,
  type Profile,
  type Results,
  type StrategyInfo,
  withModel,
} from '@paralab/core';
import { checkLevels, checkOut } from './checks.js';
import { acquireBenchLock } from './lock.js';
import { machineInfo } from './machine.js';
import { prepareModules, type RunModule } from './plan/modules.js';
import { type CatalogEntry, type Selection, selectCells, workloadCatalog } from './plan/select.js';
import { heapLimitMb as heapLimitMbOf } from './process/limits.js';
import { writeResultsFile } from './results/file.js';
import { Journal } from './results/journal.js';
import type { RunnerDefinition } from './runner.js';
import { startServices } from './services/run-services.js';
import type { SideFactory } from './side/measuring-side.js';
import { failedCell, Supervisor, type SupervisorEvent } from './side/supervisor.js';

/** Progress of a run: the supervised side's events, plus the host's own steps. */
export type RunEvent =
  | SupervisorEvent
  | { type: 'lock-wait'; holder: number }
  | { type: 'calibration-start' }
  | { type: 'planned'; cells: number; groups: number }
  | { type: 'service'; name: string; detail: string }
  /** Something the run could not do besides measuring (the results are written regardless). */
  | { type: 'warning'; message: string }
  /** A runner's own step before its side starts (installing a runtime), one line. */
  | { type: 'progress'; line: string };

/** What to run. Every field is optional: the default is the runner's plan. */
export interface RunOptions extends Selection {
  /** Your own workload modules (paths, `file:` URLs or package names; `.ts` works). */
  readonly modules?: readonly string[];
  /** A profile name or object; default `PARALAB_PROFILE`, else `default`. */
  readonly profile?: string | Profile;
  /** Seed of the interleaving order and generated inputs; default 1. */
  readonly seed?: number;
  /**
   * Measure the calibration floors first (default: unless `strategies` are chosen; the cost model reads
   * them to predict each cell and the break-even of the user's tasks).
   */
  readonly calibration?: boolean;
  /** Write the results file here (atomically), also when interrupted; a journal beside it meanwhile. */
  readonly out?: string;
  /** Take the machine-wide measurement lock first (default true). */
  readonly lock?: boolean;
  /** Cancel to stop at once (Ctrl-C): the results then say `complete: false`. */
  readonly interrupt?: CancelToken;
  /** Progress events (the CLI prints them). */
  readonly onEvent?: (event: RunEvent) => void;
  /** Working directory for relative module paths; default `process.cwd()`. */
  readonly cwd?: string;
  /** Heap limit of the measuring side and of every peer, MB (default `PARALAB_HEAP_LIMIT_MB` or 4096). */
  readonly heapLimitMb?: number;
  /** Values of the runner's own options. */
  readonly extra?: Readonly<Record<string, string | boolean | undefined>>;
}

/** A planned run: its modules, catalog and cells (what `--plan` shows and a run measures). */
export interface PlannedRun {
  readonly modules: readonly RunModule[];
  readonly catalog: readonly CatalogEntry[];
  readonly plans: readonly CellPlan<StrategyInfo>[];
  readonly cores: number;
  /** Workloads the runner's sides cannot run, by id, with the reason: recorded `unsupported`, not measured. */
  readonly unsupported: ReadonlyMap<string, string>;
}

/** Plans a run on the host: modules prepared (TypeScript compiled), workloads imported, cells selected. */
export async function planRun(definition: RunnerDefinition, options: RunOptions = {}): Promise<PlannedRun> {
  const cores = availableParallelism();
  const modules = await prepareModules(definition.builtinModules, options.modules ?? [], {
    cwd: options.cwd,
    resolveBuiltin: definition.resolveBuiltin,
  });
  const catalog = await workloadCatalog(modules, definition.loadModule);
  const quick = resolveProfile(options.profile).name === 'quick';
  const plans = selectCells({ ...options, quick }, definition, catalog, cores);
  checkLevels(plans, cores);
  const unsupported = (await definition.unsupportedWorkloads?.(modules, catalog)) ?? new Map();
  return { modules, catalog, plans, cores, unsupported };
}

/** Runs a runner's plan (or the given selection) and returns (and optionally writes) the results. */
export async function runWithHost(definition: RunnerDefinition, options: RunOptions = {}): Promise<Results> {
  const profile = resolveProfile(options.profile);
  const planned = await planRun(definition, options);
  if (options.out) await checkOut(options.out);
  // Before the lock: a runner that cannot start here (no browser, no Bun) says so without waiting for it.
  const heapLimitMb = options.heapLimitMb ?? heapLimitMbOf();
  if (definition.unlimitedHeap && options.heapLimitMb !== undefined)
    options.onEvent?.({
      type: 'warning',
      message: `--heap-limit is not applied: ${definition.unlimitedHeap}; the results record no heap limit`,
    });
  const factory = await definition.sides({
    modules: planned.modules,
    heapLimitMb,
    extra: options.extra ?? {},
    progress: (line) => options.onEvent?.({ type: 'progress', line }),
  });
  const cleanups: Array<() => Promise<void>> = [async () => factory.dispose?.()];
  try {
    const release =
      options.lock === false
        ? undefined
        : await acquireBenchLock({
            onWait: (holder) => options.onEvent?.({ type: 'lock-wait', holder }),
            ...(options.interrupt ? { interrupt: options.interrupt } : {}),
          });
    cleanups.push(async () => release?.());
    return await measureRun(definition, options, { profile, planned, factory, heapLimitMb }, cleanups);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** What a run has before it measures: its profile, plan, side factory and heap limit. */
interface Prepared {
  readonly profile: Profile;
  readonly planned: PlannedRun;
  readonly factory: SideFactory;
  readonly heapLimitMb: number;
}

async function measureRun(
  definition: RunnerDefinition,
  options: RunOptions,
  { profile, planned, factory, heapLimitMb: heapLimit }: Prepared,
  cleanups: Array<() => Promise<void>>,
): Promise<Results> {
  const { plans } = planned;
  const calibration = options.calibration ?? !options.strategies;
  const services = await startServices(plans, definition, calibration, options.onEvent);
  cleanups.push(() => services.close());
  let journal: Journal | undefined;
  const journaled = new Set<string>();
  const specifiers = new Map(planned.modules.map((module) => [module.url, module.specifier]));
  // Every cell is journaled the moment the host hears of it; the group's records later add only the cells
  // the side never reported (those its death was blamed on, or never reached).
  const keep = async (cells: readonly Cell[]): Promise<void> => {
    for (const cell of cells) {
      if (journaled.has(cell.id)) continue;
      journaled.add(cell.id);
      await journal?.append(named(cell, specifiers));
    }
  };
  const supervisor = new Supervisor({
    factory,
    profile,
    seed: options.seed ?? 1,
    services: services.urls,
    interrupt: options.interrupt,
    onEvent: (event) => {
      if (event.type === 'cell-done') void keep([event.cell]);
      options.onEvent?.(event);
    },
  });
  cleanups.push(() => supervisor.close());
  const startedAt = new Date();
  const identity = await supervisor.identity();
  const header = {
    toolVersion: definition.version,
    runtime: {
      name: definition.runtime,
      version: identity.version,
      ...(identity.engine ? { engine: identity.engine } : {}),
      ...identity.details,
    },
    machine: machineInfo(),
    timer: { source: identity.timerSource ?? 'performance.now', resolutionMs: identity.timerResolutionMs },
    startedAt,
    profile: profile.name,
    seed: options.seed ?? 1,
    services: services.record,
    ...(definition.unlimitedHeap ? {} : { limits: { heapMb: heapLimit } }),
  };
  journal = options.out ? await Journal.open(options.out, header) : undefined;
  const skipped = plans.filter((plan) => planned.unsupported.has(plan.workload.id));
  const groups = [...groupPlans(plans.filter((plan) => !skipped.includes(plan))).values()];
  options.onEvent?.({ type: 'planned', cells: plans.length, groups: groups.length });
  const cells: Cell[] = skipped.map((plan) =>
    failedCell(plan, 'unsupported', planned.unsupported.get(plan.workload.id) ?? '', []),
  );
  for (const cell of cells) options.onEvent?.({ type: 'cell-done', cell });
  await keep(cells);
  if (calibration && !options.interrupt?.cancelled) {
    options.onEvent?.({ type: 'calibration-start' });
    const floors = await supervisor.calibrate();
    cells.push(...floors);
    await keep(floors);
  }
  for (const [index, group] of groups.entries()) {
    if (options.interrupt?.cancelled) break;
    const measured = await supervisor.measureGroup(group, index + 1, groups.length);
    cells.push(...measured);
    await keep(measured);
  }
  const complete =
    !options.interrupt?.cancelled && cells.filter((c) => c.kind !== 'calibration').length === plans.length;
  const results = modelled(
    createResults({
      ...header,
      finishedAt: new Date(),
      complete,
      cells: cells.map((cell) => named(cell, specifiers)),
    }),
    options.onEvent,
  );
  if (journal && options.out) await journal.finish(options.out, results);
  else if (options.out) await writeResultsFile(options.out, results);
  return results;
}

/** `results` with the cost model's prediction beside each cell; never loses the results to a model fault. */
function modelled(results: Results, onEvent: RunOptions['onEvent']): Results {
  try {
    return withModel(results);
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    onEvent?.({ type: 'warning', message: `the cost model failed, results are kept without it: ${message}` });
    return results;
  }
}

/** A cell as results record it: its module as the user named it, not the compiled file the sides loaded. */
function named(cell: Cell, specifiers: ReadonlyMap<string, string>): Cell {
  const specifier = cell.module === undefined ? undefined : specifiers.get(cell.module);
  if (specifier === undefined || cell.module === undefined) return cell;
  // Reasons and fault messages quote the compiled file (its URL, or its path in a stack): name the user's.
  const compiled = [cell.module, ...(cell.module.startsWith('file:') ? [fileURLToPath(cell.module)] : [])];
  const text = compiled.reduce(
    (json, name) => json.split(JSON.stringify(name).slice(1, -1)).join(specifier),
    JSON.stringify(cell),
  );
  return { ...(JSON.parse(text) as Cell), module: specifier };
}

/** The profile of a run: the one given (by name or as an object), else `$PARALAB_PROFILE`, else `default`. */
export function resolveProfile(profile: RunOptions['profile']): Profile {
  if (profile && typeof profile === 'object') return profile;
  return getProfile(profile ?? process.env.PARALAB_PROFILE ?? 'default');
}

/** paralab's version, from the package that asks (each runner's package.json). */
export function packageVersion(url: string | URL): string {
  return (createRequire(url)('../package.json') as { version: string }).version;
}
