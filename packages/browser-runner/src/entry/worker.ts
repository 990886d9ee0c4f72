// The module Web Worker of the page's own strategies: its first message says which workload to load (a
// Web Worker has no workerData); then it runs tasks as they arrive, one message each (cloned, or with
// buffers transferred), or in place on shared memory for the `shared` strategy.
import {
  type AnyWorkload,
  type FromWorker,
  runSharedTask,
  type SharedBatchMessage,
  toError,
  transferList,
} from '@paralab/core/workload';
import type { ToPageWorker } from '../protocol.js';
import { loadWorkloadFrom } from './_load.js';

type Task = Extract<ToPageWorker, { type: 'paralab:task' | 'paralab:task-transfer' }>;

const post = (message: FromWorker, transfer: Transferable[] = []): void =>
  self.postMessage(message, transfer);

let workload: AnyWorkload | undefined;
let batch: SharedBatchMessage | undefined;

self.addEventListener('message', (event: MessageEvent<ToPageWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'paralab:setup':
      void setUp(message.url, message.id);
      return;
    case 'paralab:shared-batch':
      batch = message;
      return;
    case 'paralab:shared-task':
      runShared(message.index);
      return;
    default:
      void runTask(message);
  }
});

async function setUp(url: string, id: string): Promise<void> {
  try {
    workload = await loadWorkloadFrom(url, id);
    post({ type: 'paralab:ready' });
  } catch (thrown) {
    post({ type: 'paralab:fatal', message: toError(thrown).message });
  }
}

/** Runs one task and answers with its output (its buffers transferred back when the input's were). */
async function runTask(message: Task): Promise<void> {
  try {
    if (!workload) throw new Error('a task arrived before the workload loaded (this is a bug in paralab)');
    const output = await workload.run(message.input);
    // Inside the try: an output that cannot be cloned becomes the task's error.
    post(
      { type: 'paralab:result', id: message.id, output },
      message.type === 'paralab:task-transfer' ? transferList(output) : [],
    );
  } catch (thrown) {
    post({ type: 'paralab:error', id: message.id, message: toError(thrown).message });
  }
}

/** Runs task `index` of the shared batch in place (core's `runSharedTask`); a failure is the task's error. */
function runShared(index: number): void {
  try {
    if (!workload)
      throw new Error('a shared task arrived before the workload loaded (this is a bug in paralab)');
    runSharedTask(workload, batch, index);
  } catch (thrown) {
    post({ type: 'paralab:error', id: index, message: toError(thrown).message });
  }
}
