// The peer entry point (`@paralab/core/peer`): what runs inside a worker thread, a Web Worker or a child
// process, without the results schema (zod costs ~60 ms to import in every thread).

export { describeThrown, type ErrorCode, ParalabError, toError } from './errors.js';
export { findWorkload, isWorkload, workloadsOf } from './find-workload.js';
export { type LibraryTask, type LibraryTaskRuntime, libraryTask } from './peer/library-task.js';
export { importWorkload } from './peer/load.js';
export type {
  FromCalibrationPeer,
  FromPeer,
  PeerSetup,
  PeerUsage,
  SharedBatchMessage,
  ToCalibrationPeer,
  ToPeer,
  ToSharedWorker,
  ToTask,
} from './peer/protocol.js';
export { type PeerChannel, type PeerRuntime, servePeer } from './peer/serve.js';
export { faultsOfThisScope, serveWebWorkerPeer } from './peer/web-worker.js';
export { type Answer, answerTask, type FromServer, type ServerSetup, TASK_PATH } from './serve/answer.js';
export type { WorkloadRef } from './strategy.js';
export { TYPED_ARRAYS } from './views.js';
export type { AnyWorkload } from './workload.js';
