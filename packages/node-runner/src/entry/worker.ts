// A raw worker_threads worker: loads one workload, then runs tasks as they arrive, one message each.
import { parentPort, workerData } from 'node:worker_threads';
import { toError } from '@paralab/core';
import { loadWorkload } from '../load.js';
import type { FromWorker, ToWorker, WorkerSetup } from '../protocol.js';

const port = parentPort;
if (!port) throw new Error('entry/worker.js must run in a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);

try {
  const workload = await loadWorkload((workerData as WorkerSetup).ref);
  port.on('message', async (message: ToWorker) => {
    try {
      post({ type: 'paralab:result', id: message.id, output: await workload.run(message.input) });
    } catch (thrown) {
      post({ type: 'paralab:error', id: message.id, message: toError(thrown).message });
    }
  });
  post({ type: 'paralab:ready' });
} catch (thrown) {
  post({ type: 'paralab:fatal', message: toError(thrown).message });
}
