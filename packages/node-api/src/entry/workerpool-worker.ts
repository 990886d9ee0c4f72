// The script workerpool starts in each of its threads (thread mode runs it with `new Worker(script)`, so an
// ES module works). `worker()` registers the methods and tells the pool this thread is ready.
import { workerData } from 'node:worker_threads';
import type { PeerSetup } from '@paralab/core/peer';
import { libraryTask } from '@paralab/core/peer';
import { worker } from 'workerpool';
import { LIBRARY_RUNTIME } from './_runtime.js';

const task = await libraryTask((workerData as Required<Pick<PeerSetup, 'ref'>>).ref, LIBRARY_RUNTIME);

worker({ run: task.run, ready: task.ready });
