// What a runner brings to the host: the one description of a runner that the command line, planning and
// the run share (its strategies as names, its plans, its built-in workloads, how to start its measuring
// side, and its performance targets).
import type { AnyWorkload, Results, StrategyInfo } from '@paralab/core';
import type { CliOption } from './cli/args.js';
import type { ModuleLoader, RunModule } from './plan/modules.js';
import type { PlanEntry } from './plan/plan-entry.js';
import type { CatalogEntry } from './plan/select.js';
import type { SideFactory } from './side/measuring-side.js';
import type { TargetReport } from './targets/judge.js';

/** What the host hands a runner when it starts its measuring side. */
export interface SideContext {
  /** The run's workload modules (a browser runner bundles them for its page). */
  readonly modules: readonly RunModule[];
  /** The heap limit of the side and of every peer it starts, MB. */
  readonly heapLimitMb: number;
  /** Values of the runner's own options (`RunnerDefinition.extraOptions`), by name. */
  readonly extra: Readonly<Record<string, string | boolean | undefined>>;
  /** Tells the user, in one line, what the runner does before its side can start (installing a runtime). */
  readonly progress?: (line: string) => void;
}

/** A runner, as the host runs it. */
export interface RunnerDefinition {
  /** Written to results as `runtime.name` (`node`, `bun`, `chromium`); also the default results file's name. */
  readonly runtime: 'node' | 'bun' | 'deno' | 'chromium' | 'firefox' | (string & {});
  /** Human name of the runtime (`Node`, `Bun`). */
  readonly title: string;
  /** Command name, for help and error lines (`paralab-node`). */
  readonly bin: string;
  /** paralab's version (the runner package's). */
  readonly version: string;
  /** Every strategy it offers, as names the side implements. */
  readonly strategies: readonly StrategyInfo[];
  /** The default plan (see `questionPlan`). */
  readonly plan: (cores: number) => PlanEntry[];
  /** The plan for one of a user's own workloads: a representative of each family. */
  readonly modulePlan?: (workload: AnyWorkload, cores: number) => PlanEntry[];
  /** Its built-in workload modules, in the order `--list` shows them. */
  readonly builtinModules: readonly string[];
  /** Resolves one of its built-in module names to a `file:` URL (`import.meta.resolve` in its own package). */
  readonly resolveBuiltin: (specifier: string) => string;
  /** Imports a module on the host for planning (default: `import()`). */
  readonly loadModule?: ModuleLoader;
  /** How its measuring side is started for a run; rejects with a one-line error when it cannot be. */
  sides(context: SideContext): Promise<SideFactory>;
  /** Its performance targets, judged from a results file of the default plan. */
  targets?(results: Results): TargetReport[];
  /** Options of its own on the command line (`--browser <path>`). */
  readonly extraOptions?: readonly CliOption[];
  /** The `Example:` line of `--help`. */
  readonly example?: string;
  /**
   * The user's workloads its sides cannot run, by workload id, each with a one-line reason (a page cannot
   * import `node:fs`): their cells are recorded `unsupported` and never sent to a side.
   */
  unsupportedWorkloads?(
    modules: readonly RunModule[],
    catalog: readonly CatalogEntry[],
  ): Promise<ReadonlyMap<string, string>>;
  /** Whether its pages or processes can reach a database (a page cannot: no TCP sockets). */
  readonly canUseDatabase?: boolean;
  /**
   * Why this runtime cannot hold its JavaScript to the run's heap limit (Firefox: no setting of it bounds
   * a page's and its workers' memory), when it cannot: the run then records no `limits.heapMb`, and an
   * explicit `--heap-limit` is reported as not applied.
   */
  readonly unlimitedHeap?: string;
}
