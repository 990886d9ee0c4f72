import { createRequire } from 'node:module';
import {
  type AnyWorkload,
  type CancelToken,
  createResults,
  getProfile,
  type MeasureEvent,
  measure,
  ParalabError,
  type PlannedWorkload,
  type Profile,
  planCells,
  type Results,
  resolveParams,
  type Strategy,
  workloadsOf,
} from '@paralab/core';
import { startLatencyServer } from './latency-server.js';
import { BUILTIN_MODULE, importModule, resolveModuleSpecifier } from './load.js';
import { acquireBenchLock } from './lock.js';
import { machineInfo, timerResolutionMs } from './machine.js';
import { writeResultsFile } from './results-file.js';
import { nodeStrategies } from './strategies/index.js';

const TOOL_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** What to run on Node. Every field is optional: the default is every built-in workload × every strategy. */
export interface NodeRunOptions {
  /** Workload ids to run, from the built-ins and `modules`; default: all of `modules`, or all built-ins. */
  workloads?: readonly string[];
  /** Extra workload modules (paths, `file:` URLs or package names; `.ts` works). */
  modules?: readonly string[];
  /** Strategy names (see `nodeStrategies`) or strategy objects; default: all. */
  strategies?: readonly (string | Strategy)[];
  /** Concurrency levels; default per workload kind (see core's `defaultConcurrency`). */
  concurrency?: readonly number[];
  /** Parameter overrides per workload id: `{ primes: { list: 'seeds' } }`. */
  params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** A profile name or object; default `PARALAB_PROFILE`, else `default`. */
  profile?: string | Profile;
  /** Seed of the interleaving order and generated inputs; default 1. */
  seed?: number;
  /** Write the results file here (atomically), also when interrupted. */
  out?: string;
  /** Take the machine-wide measurement lock first (default true). */
  lock?: boolean;
  /** Cancel to stop after the current sample; the results then say `complete: false`. */
  interrupt?: CancelToken;
  /** Progress events (the CLI prints them). */
  onEvent?: (event: MeasureEvent | { type: 'lock-wait' }) => void;
  /** Working directory for relative module paths; default `process.cwd()`. */
  cwd?: string;
}

/** Runs workloads on Node with the chosen strategies and returns (and optionally writes) the results. */
export async function runNode(options: NodeRunOptions = {}): Promise<Results> {
  const profile = resolveProfile(options.profile);
  const strategies = resolveStrategies(options.strategies);
  const workloads = await resolveWorkloads(options);
  const machine = machineInfo();
  const plans = planCells({
    workloads,
    strategies,
    concurrency: options.concurrency,
    cores: machine.availableParallelism,
  });
  const release =
    options.lock === false
      ? undefined
      : await acquireBenchLock({ onWait: () => options.onEvent?.({ type: 'lock-wait' }) });
  const needsServer = workloads.some(({ workload }) => workload.kind !== 'cpu');
  const server = needsServer ? await startLatencyServer() : undefined;
  const startedAt = new Date();
  const resolutionMs = timerResolutionMs();
  try {
    const measured = await measure(plans, {
      profile,
      seed: options.seed ?? 1,
      serverUrl: server?.url,
      availableParallelism: machine.availableParallelism,
      timerResolutionMs: resolutionMs,
      interrupt: options.interrupt,
      onEvent: options.onEvent,
    });
    const results = createResults({
      toolVersion: TOOL_VERSION,
      runtime: { name: 'node', version: process.versions.node },
      machine,
      timer: { source: 'performance.now', resolutionMs },
      startedAt,
      finishedAt: new Date(),
      complete: measured.complete,
      profile: profile.name,
      seed: options.seed ?? 1,
      cells: measured.cells,
    });
    if (options.out) await writeResultsFile(options.out, results);
    return results;
  } finally {
    await server?.close();
    await release?.();
  }
}

function resolveProfile(profile: NodeRunOptions['profile']): Profile {
  if (profile && typeof profile === 'object') return profile;
  return getProfile(profile ?? process.env.PARALAB_PROFILE ?? 'default');
}

/** Looks strategies up by name; an unknown name is a `ParalabError` listing the valid ones. */
export function resolveStrategies(chosen: NodeRunOptions['strategies']): Strategy[] {
  if (!chosen) return [...nodeStrategies];
  return chosen.map((entry) => {
    if (typeof entry !== 'string') return entry;
    const found = nodeStrategies.find((s) => s.name === entry);
    if (found) return found;
    const valid = nodeStrategies.map((s) => s.name).join(', ');
    throw new ParalabError('ERR_UNKNOWN_STRATEGY', `unknown strategy "${entry}" (choose from: ${valid})`);
  });
}

/** Every workload on offer: the built-ins, then each module's, with the specifier to load each by. */
export async function workloadCatalog(
  modules: readonly string[] = [],
  cwd?: string,
): Promise<Array<{ workload: AnyWorkload; module: string }>> {
  const catalog = new Map<string, { workload: AnyWorkload; module: string }>();
  for (const specifier of [BUILTIN_MODULE, ...modules.map((m) => resolveModuleSpecifier(m, cwd))]) {
    for (const workload of workloadsOf(await importModule(specifier)))
      catalog.set(workload.id, { workload, module: specifier });
  }
  return [...catalog.values()];
}

async function resolveWorkloads(options: NodeRunOptions): Promise<PlannedWorkload[]> {
  const catalog = await workloadCatalog(options.modules, options.cwd);
  const defaults = options.modules?.length
    ? catalog.filter((entry) => entry.module !== BUILTIN_MODULE)
    : catalog;
  const ids = options.workloads ?? defaults.map((entry) => entry.workload.id);
  for (const id of Object.keys(options.params ?? {})) {
    if (!ids.includes(id))
      throw new ParalabError('ERR_PARAM', `parameters given for "${id}", which is not selected`);
  }
  return ids.map((id) => {
    const entry = catalog.find((candidate) => candidate.workload.id === id);
    if (!entry) {
      const valid = catalog.map((candidate) => candidate.workload.id).join(', ');
      throw new ParalabError('ERR_UNKNOWN_WORKLOAD', `unknown workload "${id}" (choose from: ${valid})`);
    }
    const params = resolveParams(entry.workload, options.params?.[id] ?? {});
    return { workload: entry.workload, ref: { module: entry.module, id }, params };
  });
}
