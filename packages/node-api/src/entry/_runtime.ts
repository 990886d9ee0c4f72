// What every entry of this package needs from Node's APIs (Bun and Deno provide them too): importing a
// workload (core's `importWorkload`), hearing the faults no task can catch, and the process's own usage.
// Deno's entries use it too (`@paralab/node-api/runtime`: this file alone, none of the pools).
import type { AnyWorkload, LibraryTaskRuntime, PeerUsage, WorkloadRef } from '@paralab/core/peer';
import { importWorkload } from '@paralab/core/peer';

/** These entries run under Deno too (Deno's runner starts them); detected once, here. */
const IS_DENO = 'Deno' in globalThis;

/**
 * Imports a workload (core's `importWorkload`). Under Deno, a module under `node_modules` (where the host
 * writes compiled TypeScript) is taken for npm code, and Deno does not prepare what such a module imports
 * from outside `node_modules`: a workspace package linked in, like `@paralab/core` in a monorepo, then fails
 * with "Loading unprepared module". Importing core and its light `workload` entry from here first (a module
 * Deno does prepare) avoids that for the two a workload imports for `defineWorkload`; other linked packages
 * are not covered.
 */
export async function loadWorkload(ref: WorkloadRef): Promise<AnyWorkload> {
  if (IS_DENO && ref.module.includes('/node_modules/'))
    await Promise.all([import('@paralab/core'), import('@paralab/core/workload')]);
  return importWorkload(ref);
}

/** Calls `listener` with every unhandled rejection and uncaught exception of this thread or process. */
export function faultsOfThisProcess(listener: (thrown: unknown) => void): void {
  process.on('unhandledRejection', (reason) => listener(reason));
  process.on('uncaughtException', (error) => listener(error));
}

/**
 * Calls `listener` with every unhandled rejection of this thread. Pool libraries' workers hear only these:
 * an uncaught exception there is the library's to report (piscina throws a result it could not post in
 * the next tick, and a worker that swallowed it would never answer).
 */
export function rejectionsOfThisProcess(listener: (thrown: unknown) => void): void {
  process.on('unhandledRejection', (reason) => listener(reason));
}

/** This process's CPU time (every thread) and resident memory, as a peer reports them with each answer. */
export function ownUsage(): PeerUsage {
  const { user, system } = process.cpuUsage();
  return { cpuUserMs: user / 1000, cpuSystemMs: system / 1000, rssBytes: process.memoryUsage.rss() };
}

/** Node's own tick runner: nextTicks, microtasks, then the unhandled rejections seen so far. */
const processTicks: (() => void) | undefined =
  typeof process.versions.bun === 'string' || IS_DENO
    ? undefined
    : (process as unknown as { _tickCallback?: () => void })._tickCallback?.bind(process);

/**
 * Hears the rejections a task left unhandled, before its answer leaves (core's `LibraryTaskRuntime.settle`).
 * On Node, `process._tickCallback()` (documented deprecated, DEP0134, present through Node 24) reports them
 * at once, for about a microsecond; one turn of the event loop (`setImmediate`) would do it too, but it
 * delays every answer of piscina's and tinypool's Atomics-waiting workers: a `noop` task under piscina cost
 * 57% more with it. Bun and Deno report them on the next turn, which costs them nothing measurable.
 */
export function reportPendingRejections(): Promise<void> | undefined {
  if (processTicks) {
    processTicks();
    return undefined;
  }
  return new Promise((resolve) => setImmediate(resolve));
}

/** What a pool library's worker needs from this runtime (piscina, tinypool and workerpool entries alike). */
export const LIBRARY_RUNTIME: LibraryTaskRuntime = {
  load: loadWorkload,
  onFault: rejectionsOfThisProcess,
  settle: reportPendingRejections,
};
