// Messages and set-ups of the Bun runner's own workers. Values here stay cheap to import: the worker
// entries import this module, and node-runner's index would cost each worker ~100 ms.
import type { WorkloadRef } from '@paralab/core/workload';
import type { ToWorker } from '@paralab/node-runner';

/** What a workerpool worker in thread mode is started with (`workerData`). */
export interface WorkerSetup {
  readonly ref: WorkloadRef;
}

/** The environment variable a workerpool worker in process mode reads its workload reference from (JSON). */
export const WORKERPOOL_REF_ENV = 'PARALAB_WORKERPOOL_REF';

/**
 * Messages from the main thread to a Bun Web Worker (`entry/web-worker.js`): first its setup (a Web Worker
 * has no `workerData`), then the same tasks a `worker_threads` worker gets. The worker answers with
 * node-runner's `FromWorker` messages.
 */
export type ToWebWorker = { readonly type: 'paralab:setup'; readonly ref: WorkloadRef } | ToWorker;
