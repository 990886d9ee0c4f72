// The script workerpool starts in each of its workers, in any of its modes under Bun. It loads the workload
// (core's `libraryTask`), then registers `run` and `ready` with `workerpool.worker()`. The workload reference
// arrives as `workerData` (thread mode), in the environment (process mode), or through `serveWorkerpool`
// called by a one-line bootstrap module (web mode: a Web Worker has neither).
import { workerData } from 'node:worker_threads';
import { importWorkload, libraryTask, type PeerSetup, type WorkloadRef } from '@paralab/core/peer';
import { reportPendingRejections } from '@paralab/node-api/runtime';
import { worker } from 'workerpool';

/** The environment variable a workerpool worker in process mode reads its workload reference from (JSON). */
export const WORKERPOOL_REF_ENV = 'PARALAB_WORKERPOOL_REF';

/**
 * Loads the workload and serves it to the pool; a load failure is reported by `ready` and `run`, and a
 * rejection no task handled fails the next task with its reason: in a Web Worker (web mode) through its
 * `unhandledrejection` event (which, unhandled, would end the worker with only "exited with code 0"),
 * elsewhere through the process's.
 */
export async function serveWorkerpool(ref: WorkloadRef): Promise<void> {
  const task = await libraryTask(ref, {
    load: importWorkload,
    onFault: rejections,
    settle: reportPendingRejections,
  });
  worker({ run: task.run, ready: task.ready });
}

function rejections(listener: (thrown: unknown) => void): void {
  const scope = globalThis as unknown as Partial<EventTarget>;
  const inWebWorker = typeof scope.addEventListener === 'function' && !workerData && !process.send;
  if (inWebWorker)
    scope.addEventListener?.('unhandledrejection', (event) => {
      event.preventDefault();
      listener((event as Event & { reason?: unknown }).reason);
    });
  else process.on('unhandledRejection', (reason) => listener(reason));
}

const fromEnvironment = process.env[WORKERPOOL_REF_ENV];
const ref =
  (workerData as PeerSetup | undefined)?.ref ??
  (fromEnvironment ? (JSON.parse(fromEnvironment) as WorkloadRef) : undefined);
if (ref) await serveWorkerpool(ref);
