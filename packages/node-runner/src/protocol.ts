import type { WorkloadRef } from '@paralab/core';

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  readonly ref: WorkloadRef;
}

/** Messages from the main thread to a worker. */
export type ToWorker = { readonly type: 'paralab:task'; readonly id: number; readonly input: unknown };

/** Messages from a worker to the main thread. */
export type FromWorker =
  | { readonly type: 'paralab:ready' }
  | { readonly type: 'paralab:result'; readonly id: number; readonly output: unknown }
  | { readonly type: 'paralab:error'; readonly id: number; readonly message: string }
  | { readonly type: 'paralab:fatal'; readonly message: string };
