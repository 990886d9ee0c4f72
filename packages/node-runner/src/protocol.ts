import type { FromWorker, ToSharedWorker, ToWorker, WorkloadRef } from '@paralab/core/workload';

// The task messages are core's (its dispatcher and shared batch speak them, in every runner); re-exported
// for the entries.
export type { FromWorker, ToSharedWorker, ToWorker };

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  readonly ref: WorkloadRef;
}

/** The environment variable a child process reads its `ChildSetup` from (JSON). */
export const CHILD_SETUP_ENV = 'PARALAB_CHILD_SETUP';

/** What a child process is started with (`entry/process-child.js`, JSON in `CHILD_SETUP_ENV`). */
export interface ChildSetup {
  readonly ref: WorkloadRef;
  /** True for a one-task child: it answers one task, reports its usage and exits. */
  readonly once: boolean;
}

/** Messages from the parent to a child process (the same tasks a worker gets). */
export type ToChild = ToWorker;

/**
 * Messages from a child process to its parent: a worker's messages, plus the resource report a one-task
 * child sends after its answer, right before it exits (its CPU time can no longer be read once it is gone).
 */
export type FromChild =
  | FromWorker
  | {
      readonly type: 'paralab:usage';
      /** User CPU time of the whole child since it started, ms. */
      readonly cpuUserMs: number;
      /** System CPU time of the whole child since it started, ms. */
      readonly cpuSystemMs: number;
      /** Resident set size at the end, bytes. */
      readonly rssBytes: number;
    };

/**
 * Every message the raw worker entry (`entry/worker.js`) accepts: plain tasks (`ToWorker`), tasks whose
 * buffers were transferred (the output's buffers are transferred back), and the `shared` strategy's batch
 * (views on shared memory, posted once per batch) and task indexes into it.
 */
export type ToThread = ToWorker | ToTransferWorker | ToSharedWorker;

/** A task of the `transfer` strategy: the input's buffers were moved, the output's are moved back. */
export type ToTransferWorker = {
  readonly type: 'paralab:task-transfer';
  readonly id: number;
  readonly input: unknown;
};
