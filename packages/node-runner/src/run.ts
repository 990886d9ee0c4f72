import { createRequire } from 'node:module';
import {
  type CancelToken,
  type Cell,
  createResults,
  getProfile,
  type MeasureEvent,
  measure,
  type Profile,
  type Results,
  type Strategy,
} from '@paralab/core';
import { startLatencyServer } from './latency-server.js';
import { acquireBenchLock } from './lock.js';
import { machineInfo, timerResolutionMs } from './machine.js';
import { nodeRuntime } from './node-runtime.js';
import { writeResultsFile } from './results-file.js';
import type { Runtime } from './runtime.js';
import { selectCells } from './select.js';

const TOOL_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** Progress of a Node run: the measurement loop's events, plus waiting for the lock and calibrating. */
export type NodeRunEvent = MeasureEvent | { type: 'lock-wait' } | { type: 'calibration-start' };

/**
 * What to run on Node. Every field is optional: the default is the Node plan (see `defaultNodePlan`):
 * every built-in workload with the strategies and concurrency levels that answer the seeds' questions.
 */
export interface NodeRunOptions {
  /** Workload ids to run, from the built-ins and `modules`; default: all of `modules`, or the plan's. */
  workloads?: readonly string[];
  /** Extra workload modules (paths, `file:` URLs or package names; `.ts` works). */
  modules?: readonly string[];
  /**
   * Strategy names (see `nodeStrategies`) or strategy objects. Given (or with `modules`), every selected
   * workload runs under every selected strategy; absent, the default plan decides per workload.
   */
  strategies?: readonly (string | Strategy)[];
  /** Concurrency levels; default per workload kind (see core's `defaultConcurrency`) or the plan's. */
  concurrency?: readonly number[];
  /** Parameter overrides per workload id: `{ primes: { list: 'seeds' } }`. */
  params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** A profile name or object; default `PARALAB_PROFILE`, else `default`. */
  profile?: string | Profile;
  /** Seed of the interleaving order and generated inputs; default 1. */
  seed?: number;
  /** Measure the calibration floors first (default: true for the default plan, false otherwise). */
  calibration?: boolean;
  /** Write the results file here (atomically), also when interrupted. */
  out?: string;
  /** Take the machine-wide measurement lock first (default true). */
  lock?: boolean;
  /** Cancel to stop after the current sample; the results then say `complete: false`. */
  interrupt?: CancelToken;
  /** Progress events (the CLI prints them). */
  onEvent?: (event: NodeRunEvent) => void;
  /** Working directory for relative module paths; default `process.cwd()`. */
  cwd?: string;
}

/** Runs workloads on Node and returns (and optionally writes) the results. */
export function runNode(options: NodeRunOptions = {}): Promise<Results> {
  return runOn(nodeRuntime, options);
}

/** Runs workloads on `runtime` (the one executing this code) and returns (and optionally writes) the results. */
export async function runOn(runtime: Runtime, options: NodeRunOptions = {}): Promise<Results> {
  const profile = resolveProfile(options.profile);
  const machine = machineInfo();
  const plans = await selectCells(options, runtime, machine.availableParallelism);
  const release =
    options.lock === false
      ? undefined
      : await acquireBenchLock({ onWait: () => options.onEvent?.({ type: 'lock-wait' }) });
  const needsServer = plans.some(({ workload }) => workload.kind !== 'cpu');
  const startedAt = new Date();
  // Measured once: the same resolution flags the cells and is written to the results file.
  const resolutionMs = timerResolutionMs();
  const seed = options.seed ?? 1;
  const cells: Cell[] = [];
  let complete = false;
  try {
    const wantsCalibration = options.calibration ?? (!options.strategies && !options.modules?.length);
    if (wantsCalibration && !options.interrupt?.cancelled) {
      options.onEvent?.({ type: 'calibration-start' });
      cells.push(...(await runtime.calibrate({ profile, interrupt: options.interrupt })));
    }
    const server = needsServer ? await startLatencyServer() : undefined;
    try {
      const measured = await measure(plans, {
        profile,
        seed,
        serverUrl: server?.url,
        availableParallelism: machine.availableParallelism,
        timerResolutionMs: resolutionMs,
        interrupt: options.interrupt,
        probe: runtime.probe,
        onEvent: options.onEvent,
      });
      cells.push(...measured.cells);
      complete = measured.complete;
    } finally {
      await server?.close();
    }
  } finally {
    await release?.();
  }
  const results = createResults({
    toolVersion: TOOL_VERSION,
    runtime: { name: runtime.name, version: runtime.version },
    machine,
    timer: { source: 'performance.now', resolutionMs },
    startedAt,
    finishedAt: new Date(),
    complete,
    profile: profile.name,
    seed,
    cells,
  });
  if (options.out) await writeResultsFile(options.out, results);
  return results;
}

/** The profile of a run: the one given (by name or as an object), else `$PARALAB_PROFILE`, else `default`. */
export function resolveProfile(profile: NodeRunOptions['profile']): Profile {
  if (profile && typeof profile === 'object') return profile;
  return getProfile(profile ?? process.env.PARALAB_PROFILE ?? 'default');
}
