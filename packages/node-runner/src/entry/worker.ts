// A raw worker_threads worker: loads one workload, then runs tasks as they arrive, one message each
// (cloned, or with buffers transferred), or in place on shared memory for the `shared` strategy.
import { parentPort, workerData } from 'node:worker_threads';
import {
  type AnyWorkload,
  runSharedTask,
  type SharedBatchMessage,
  toError,
  transferList,
} from '@paralab/core/workload';
import { loadWorkload } from '../load.js';
import type { FromWorker, ToThread, ToTransferWorker, ToWorker, WorkerSetup } from '../protocol.js';

const port = parentPort;
if (!port) throw new Error('entry/worker.js must run in a worker thread');
const post = (message: FromWorker, transfer: readonly ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);

try {
  const workload = await loadWorkload((workerData as WorkerSetup).ref);
  let batch: SharedBatchMessage | undefined;
  port.on('message', async (message: ToThread) => {
    if (message.type === 'paralab:shared-batch') batch = message;
    else if (message.type === 'paralab:shared-task') runShared(workload, batch, message.index);
    else await runTask(workload, message);
  });
  post({ type: 'paralab:ready' });
} catch (thrown) {
  post({ type: 'paralab:fatal', message: toError(thrown).message });
}

/** Runs one task and answers with its output (its buffers transferred back when the input's were). */
async function runTask(workload: AnyWorkload, message: ToWorker | ToTransferWorker): Promise<void> {
  try {
    const output = await workload.run(message.input);
    post(
      { type: 'paralab:result', id: message.id, output },
      message.type === 'paralab:task-transfer' ? transferList(output) : [],
    );
  } catch (thrown) {
    post({ type: 'paralab:error', id: message.id, message: toError(thrown).message });
  }
}

/** Runs task `index` of the shared batch in place (core's `runSharedTask`); a failure is the task's error. */
function runShared(workload: AnyWorkload, batch: SharedBatchMessage | undefined, index: number): void {
  try {
    runSharedTask(workload, batch, index);
  } catch (thrown) {
    post({ type: 'paralab:error', id: index, message: toError(thrown).message });
  }
}
