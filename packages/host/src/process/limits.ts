// The memory limits of a run: the measuring process and every peer it starts get a heap limit, so that a
// task that runs out of memory ends as an errored cell that says so instead of taking the machine down.

/** The environment variable the host sets for the measuring process: the heap limit of its peers, MB. */
export const HEAP_LIMIT_ENV = 'PARALAB_HEAP_LIMIT_MB';

/** The default heap limit of the measuring process and of each peer, MB. */
export const DEFAULT_HEAP_LIMIT_MB = 4096;

/** The heap limit peers get here (from `PARALAB_HEAP_LIMIT_MB`, else the default), MB. */
export function heapLimitMb(): number {
  const value = Number(process.env[HEAP_LIMIT_ENV]);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_HEAP_LIMIT_MB;
}
