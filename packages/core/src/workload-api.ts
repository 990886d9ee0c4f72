// The light entry point (`@paralab/core/workload`): what a workload module and the code running inside a
// worker or child process need, without the results schema (zod costs ~60 ms to import in every thread):
// the task messages, and the views helpers a worker transfers an output's buffers back with.

export type { FromCalibrationPeer, ToCalibrationPeer } from './calibration-peers.js';
export type { FromWorker, ToWorker } from './dispatch.js';
export { type ErrorCode, ParalabError, toError } from './errors.js';
export { findWorkload, isWorkload, workloadsOf } from './find-workload.js';
export { delay, now } from './platform.js';
export { runSharedTask, type SharedBatchMessage, type ToSharedWorker } from './shared-batch.js';
export type { WorkloadRef } from './strategy.js';
export { type BufferFactory, copyViews, transferList } from './views.js';
export {
  type AnyWorkload,
  defineWorkload,
  type ParamSpec,
  type ParamSpecs,
  type ParamsOf,
  type ParamValue,
  type PrepareContext,
  resolveParams,
  type SharedMemoryTask,
  type VerifyResult,
  type Workload,
  type WorkloadKind,
  type WorkloadSplit,
} from './workload.js';
