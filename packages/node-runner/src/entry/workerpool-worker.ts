// The script workerpool starts in each of its threads (`workerType: 'thread'` runs it with
// `new Worker(script)`, so an ES module works). The workload is loaded first; `worker()` then registers
// the methods and tells the pool this thread is ready (workerpool holds tasks back until then).
import { workerData } from 'node:worker_threads';
import type { AnyWorkload } from '@paralab/core/workload';
import { worker } from 'workerpool';
import { loadWorkload } from '../load.js';
import type { WorkerSetup } from '../protocol.js';

// A module that fails to load would crash the thread, and workerpool would start another in its place:
// the failure is reported by `ready` (and `run`) instead.
let workload: AnyWorkload | undefined;
let failure: unknown;
try {
  workload = await loadWorkload((workerData as WorkerSetup).ref);
} catch (thrown) {
  failure = thrown;
}

worker({
  run(input: unknown): unknown {
    if (!workload) throw failure;
    return workload.run(input);
  },
  ready(): true {
    if (!workload) throw failure;
    return true;
  },
});
