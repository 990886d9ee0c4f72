import {
  type AnyWorkload,
  type CellPlan,
  cellId,
  defaultConcurrency,
  ParalabError,
  planCells,
  resolveParams,
  type Strategy,
  workloadsOf,
} from '@paralab/core';
import { BUILTIN_MODULES, importModule, resolveModuleSpecifier } from './load.js';
import type { PlanEntry } from './plan.js';

/** A workload on offer and the specifier every thread and process loads it by. */
export interface CatalogEntry {
  readonly workload: AnyWorkload;
  readonly module: string;
}

/** What a strategy is known by when planning: a runnable `Strategy`, or a descriptor of one run elsewhere. */
type Named = { readonly name: string };

/** What the user asked for (all optional); see `NodeRunOptions`. `S` as in `Offer`. */
export interface Selection<S extends Named = Strategy> {
  readonly workloads?: readonly string[];
  readonly modules?: readonly string[];
  readonly strategies?: readonly (string | S)[];
  readonly concurrency?: readonly number[];
  readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly cwd?: string;
}

/** Imports a workload module on this thread, by the specifier results record. */
export type ModuleLoader = (specifier: string) => Promise<Record<string, unknown>>;

/**
 * Every workload on offer: the built-ins (`builtins`, default `BUILTIN_MODULES`), then each module's (a
 * later id replaces an earlier one). `load` imports each (default `importModule`, which resolves package
 * names from node-runner: a runner whose built-ins live in its own package brings its own loader).
 */
export async function workloadCatalog(
  modules: readonly string[] = [],
  cwd?: string,
  builtins: readonly string[] = BUILTIN_MODULES,
  load: ModuleLoader = importModule,
): Promise<CatalogEntry[]> {
  const catalog = new Map<string, CatalogEntry>();
  const specifiers = [...builtins, ...modules.map((m) => resolveModuleSpecifier(m, cwd, builtins))];
  for (const module of specifiers) {
    for (const workload of workloadsOf(await load(module))) catalog.set(workload.id, { workload, module });
  }
  return [...catalog.values()];
}

/** Looks a strategy up by name among `offered`; an unknown name is a `ParalabError` listing the valid ones. */
export function strategyNamed<S extends Named = Strategy>(entry: string | S, offered: readonly S[]): S {
  if (typeof entry !== 'string') return entry;
  const found = offered.find((s) => s.name === entry);
  if (found) return found;
  const valid = offered.map((s) => s.name).join(', ');
  throw new ParalabError('ERR_UNKNOWN_STRATEGY', `unknown strategy "${entry}" (choose from: ${valid})`);
}

/**
 * What a runtime offers: its strategies and its default plan. `S` is what stands for a strategy: a
 * runnable `Strategy` (default), or a descriptor with a `name` when the cells run elsewhere (in a page).
 */
export interface Offer<S extends Named = Strategy> {
  readonly strategies: readonly S[];
  readonly plan: (cores: number) => PlanEntry[];
  /** The modules of built-in workloads (offered first, never "own" modules); default `BUILTIN_MODULES`. */
  readonly builtinModules?: readonly string[];
  /** How the catalog imports workload modules; default `importModule`. */
  readonly loadModule?: ModuleLoader;
}

/** A plan entry whose strategies may be objects (a user's own) as well as names. */
type Entry<S extends Named> = Omit<PlanEntry, 'strategies'> & {
  readonly strategies: readonly (string | S)[];
};

/**
 * The cells to measure. When strategies are chosen or modules given: every selected workload × every
 * selected strategy × the concurrency levels (default by kind). Otherwise: the default plan (see
 * `defaultNodePlan`), narrowed to the named workloads, with the given concurrency levels if any.
 */
export async function selectCells<S extends Named = Strategy>(
  selection: Selection<S>,
  offer: Offer<S>,
  cores: number,
): Promise<CellPlan<S>[]> {
  const builtins = offer.builtinModules ?? BUILTIN_MODULES;
  const catalog = await workloadCatalog(selection.modules, selection.cwd, builtins, offer.loadModule);
  const named = (entry: string | S): S => strategyNamed(entry, offer.strategies);
  const strategies = selection.strategies?.map(named);
  const cross = strategies !== undefined || (selection.modules?.length ?? 0) > 0;
  const known = (id: string): CatalogEntry => findEntry(catalog, id);
  for (const id of selection.workloads ?? []) known(id);
  for (const id of Object.keys(selection.params ?? {})) {
    if (selection.workloads && !selection.workloads.includes(id)) {
      throw new ParalabError('ERR_PARAM', `parameters given for "${id}", which is not selected`);
    }
    known(id);
  }
  const entries: Entry<S>[] = cross
    ? crossEntries(selection, catalog, strategies ?? [...offer.strategies], cores, builtins)
    : narrowPlan(offer.plan(cores), selection);
  if (entries.length === 0) throw new ParalabError('ERR_OPTION', 'the selection leaves no cell to measure');
  const cells = new Map<string, CellPlan<S>>();
  for (const entry of entries) {
    const { workload, module } = known(entry.workload);
    const params = resolveParams(workload, { ...entry.params, ...selection.params?.[entry.workload] });
    const planned = { workload, ref: { module, id: workload.id }, params };
    const chosen = entry.strategies.map(named);
    for (const cell of planCells({
      workloads: [planned],
      strategies: chosen,
      concurrency: entry.concurrency,
      cores,
    })) {
      cells.set(cellId(cell), cell);
    }
  }
  return [...cells.values()];
}

function findEntry(catalog: readonly CatalogEntry[], id: string): CatalogEntry {
  const entry = catalog.find((candidate) => candidate.workload.id === id);
  if (entry) return entry;
  const valid = catalog.map((candidate) => candidate.workload.id).join(', ');
  throw new ParalabError('ERR_UNKNOWN_WORKLOAD', `unknown workload "${id}" (choose from: ${valid})`);
}

function crossEntries<S extends Named>(
  selection: Selection<S>,
  catalog: readonly CatalogEntry[],
  strategies: S[],
  cores: number,
  builtins: readonly string[],
): Entry<S>[] {
  const own = catalog.filter((entry) => !builtins.includes(entry.module));
  const ids =
    selection.workloads ?? (selection.modules?.length ? own : catalog).map((entry) => entry.workload.id);
  return ids.map((id) => ({
    workload: id,
    strategies,
    concurrency: selection.concurrency ?? defaultConcurrency(findEntry(catalog, id).workload.kind, cores),
    why: 'selected',
  }));
}

function narrowPlan(plan: PlanEntry[], selection: Selection<Named>): PlanEntry[] {
  return plan
    .filter((entry) => !selection.workloads || selection.workloads.includes(entry.workload))
    .map((entry) => ({ ...entry, concurrency: selection.concurrency ?? entry.concurrency }));
}
