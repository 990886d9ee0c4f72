// How this package's Deno entries import a workload.
import { type AnyWorkload, importWorkload, type WorkloadRef } from '@paralab/core/peer';

/**
 * Imports a workload (core's `importWorkload`). Deno takes a module under `node_modules` (where the host
 * writes compiled TypeScript) for npm code and does not prepare what such a module imports from outside
 * `node_modules`: a workspace package linked in, like `@paralab/core` in a monorepo, then fails with
 * "Loading unprepared module". Importing core and its light `workload` entry from here first (a module Deno
 * does prepare) avoids that for the two a workload imports for `defineWorkload`; other linked packages are
 * not covered. node-api's entries, which Deno runs too, do the same.
 */
export async function loadWorkload(ref: WorkloadRef): Promise<AnyWorkload> {
  if (ref.module.includes('/node_modules/'))
    await Promise.all([import('@paralab/core'), import('@paralab/core/workload')]);
  return importWorkload(ref);
}
