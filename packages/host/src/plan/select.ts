// Which cells a run measures: the runner's default plan, or the user's cross of workloads, strategies and
// concurrency levels, with every name checked against what is on offer.
import {
  type AnyWorkload,
  type CellPlan,
  cellId,
  defaultConcurrency,
  ParalabError,
  planCells,
  resolveParams,
  type StrategyInfo,
  workloadsOf,
} from '@paralab/core';
import { importModule, type ModuleLoader, type RunModule } from './modules.js';
import type { PlanEntry } from './plan-entry.js';

/** A workload on offer and the module it comes from. */
export interface CatalogEntry {
  readonly workload: AnyWorkload;
  readonly module: RunModule;
}

/** What the user asked for (all optional). */
export interface Selection {
  readonly workloads?: readonly string[];
  readonly strategies?: readonly string[];
  readonly concurrency?: readonly number[];
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Plan for the `quick` profile: entries' `quick` parameter overrides apply. */
  readonly quick?: boolean;
}

/** What a runner offers: its strategies and its default plans. */
export interface Offer<S extends StrategyInfo = StrategyInfo> {
  readonly strategies: readonly S[];
  /** The default plan for built-in workloads. */
  readonly plan: (cores: number) => PlanEntry[];
  /** The plan for a user's own workload (one representative per family); default: every strategy. */
  readonly modulePlan?: (workload: AnyWorkload, cores: number) => PlanEntry[];
}

/**
 * Every workload on offer, module by module in order (a later id replaces an earlier one). `load` imports
 * each module on the host (the runner's loader resolves its own package names).
 */
export async function workloadCatalog(
  modules: readonly RunModule[],
  load?: ModuleLoader,
): Promise<CatalogEntry[]> {
  const catalog = new Map<string, CatalogEntry>();
  for (const module of modules) {
    for (const workload of workloadsOf(await importModule(module.url, load)))
      catalog.set(workload.id, { workload, module });
  }
  return [...catalog.values()];
}

/** Looks a strategy up by name among `offered`; an unknown name is a `ParalabError` listing the valid ones. */
export function strategyNamed<S extends StrategyInfo>(name: string, offered: readonly S[]): S {
  const found = offered.find((s) => s.name === name);
  if (found) return found;
  const valid = offered.map((s) => s.name).join(', ');
  throw new ParalabError('ERR_UNKNOWN_STRATEGY', `unknown strategy "${name}" (choose from: ${valid})`);
}

/**
 * The cells to measure. With strategies chosen: every selected workload × those strategies × the levels
 * (default by kind). With the user's modules and no strategies: each of their workloads under the runner's
 * module plan. Otherwise: the default plan, narrowed to the named workloads, with the given levels if any.
 */
export function selectCells<S extends StrategyInfo>(
  selection: Selection,
  offer: Offer<S>,
  catalog: readonly CatalogEntry[],
  cores: number,
): CellPlan<S>[] {
  const known = (id: string): CatalogEntry => findEntry(catalog, id);
  for (const id of selection.workloads ?? []) known(id);
  for (const id of Object.keys(selection.params ?? {})) {
    if (selection.workloads && !selection.workloads.includes(id))
      throw new ParalabError('ERR_PARAM', `parameters given for "${id}", which is not selected`);
    known(id);
  }
  for (const name of selection.strategies ?? []) strategyNamed(name, offer.strategies);
  const entries = planEntries(selection, offer, catalog, cores);
  if (entries.length === 0) throw new ParalabError('ERR_OPTION', 'the selection leaves no cell to measure');
  const cells = new Map<string, CellPlan<S>>();
  for (const entry of entries) {
    const quick = selection.quick ? entry.quick : undefined;
    if (quick === false) continue;
    const { workload, module } = known(entry.workload);
    const sized = { ...entry.params, ...quick?.params };
    const params = resolveParams(workload, { ...sized, ...selection.params?.[entry.workload] });
    const planned = { workload, ref: { module: module.url, id: workload.id }, params };
    const floors = entry.floors?.length ? { floors: entry.floors } : {};
    const names = quick?.strategies ?? entry.strategies;
    const strategies = names.map((name) => strategyNamed(name, offer.strategies));
    const concurrency = selection.concurrency ?? quick?.concurrency ?? entry.concurrency;
    for (const cell of planCells({ workloads: [planned], strategies, concurrency, cores }))
      cells.set(cellId(cell), { ...cell, ...floors });
  }
  return [...cells.values()];
}

/** The plan entries of a selection (see `selectCells`). */
export function planEntries(
  selection: Selection,
  offer: Offer<StrategyInfo>,
  catalog: readonly CatalogEntry[],
  cores: number,
): PlanEntry[] {
  const own = catalog.filter((entry) => !entry.module.builtin).map((entry) => entry.workload.id);
  const ids = selection.workloads ?? (own.length > 0 ? own : undefined);
  const { strategies, concurrency } = selection;
  if (strategies) {
    return (ids ?? catalog.map((entry) => entry.workload.id)).map((id) => ({
      workload: id,
      strategies,
      concurrency: concurrency ?? defaultConcurrency(findEntry(catalog, id).workload.kind, cores),
      why: 'selected',
    }));
  }
  const plan = offer.plan(cores);
  const entries = (ids ?? [...new Set(plan.map((entry) => entry.workload))]).flatMap((id) => {
    const planned = own.includes(id) ? [] : plan.filter((entry) => entry.workload === id);
    return planned.length > 0 ? planned : modulePlanOf(offer, findEntry(catalog, id).workload, cores);
  });
  return entries.map((entry) => ({ ...entry, concurrency: concurrency ?? entry.concurrency }));
}

function modulePlanOf(offer: Offer<StrategyInfo>, workload: AnyWorkload, cores: number): PlanEntry[] {
  if (offer.modulePlan) return offer.modulePlan(workload, cores);
  return [
    {
      workload: workload.id,
      strategies: offer.strategies.map((s) => s.name),
      concurrency: defaultConcurrency(workload.kind, cores),
      why: 'your workload under every strategy',
    },
  ];
}

function findEntry(catalog: readonly CatalogEntry[], id: string): CatalogEntry {
  const entry = catalog.find((candidate) => candidate.workload.id === id);
  if (entry) return entry;
  const valid = catalog.map((candidate) => candidate.workload.id).join(', ');
  throw new ParalabError('ERR_UNKNOWN_WORKLOAD', `unknown workload "${id}" (choose from: ${valid})`);
}
