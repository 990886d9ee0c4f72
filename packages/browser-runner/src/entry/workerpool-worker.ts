// The script workerpool starts in each of its module Web Workers (web mode). The workload's module URL and
// id come in this script's query string; core's `libraryTask` loads it, then `worker()` registers the
// methods and tells the pool this worker is ready.
import { faultsOfThisScope, importWorkload, libraryTask } from '@paralab/core/peer';
import { worker } from 'workerpool';
import { WORKERPOOL_QUERY } from '../protocol.js';

const query = new URL(self.location.href).searchParams;
const ref = { module: query.get(WORKERPOOL_QUERY.url) ?? '', id: query.get(WORKERPOOL_QUERY.id) ?? '' };
const task = await libraryTask(ref, { load: importWorkload, onFault: faultsOfThisScope });

worker({ run: task.run, cpu: task.cpu, ready: task.ready });
