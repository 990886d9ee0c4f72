// A Bun Web Worker of the `worker` strategy: its first message says which workload to load (a Web Worker
// has no workerData); then it runs tasks as they arrive, one message each, and answers with node-runner's
// worker protocol (`paralab:ready`, `paralab:result`, `paralab:error`, `paralab:fatal`).
import { type AnyWorkload, toError } from '@paralab/core/workload';
import type { FromWorker, ToWorker } from '@paralab/node-runner';
import { loadWorkloadInBun } from '../_load.js';
import type { ToWebWorker } from '../_protocol.js';

const post = (message: FromWorker): void => postMessage(message);

let workload: AnyWorkload | undefined;

addEventListener('message', (event: MessageEvent<ToWebWorker>) => {
  const message = event.data;
  if (message.type === 'paralab:setup') void setUp(message.ref);
  else if (workload) void runTask(workload, message);
  else post({ type: 'paralab:error', id: message.id, message: 'a task arrived before the workload loaded' });
});

async function setUp(ref: Extract<ToWebWorker, { type: 'paralab:setup' }>['ref']): Promise<void> {
  try {
    workload = await loadWorkloadInBun(ref);
    post({ type: 'paralab:ready' });
  } catch (thrown) {
    post({ type: 'paralab:fatal', message: toError(thrown).message });
  }
}

async function runTask(loaded: AnyWorkload, message: ToWorker): Promise<void> {
  try {
    // Inside the try: an output that cannot be cloned becomes the task's error.
    post({ type: 'paralab:result', id: message.id, output: await loaded.run(message.input) });
  } catch (thrown) {
    post({ type: 'paralab:error', id: message.id, message: toError(thrown).message });
  }
}
