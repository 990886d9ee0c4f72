// The light entry point (`@paralab/core/workload`): what a workload module needs, without the results
// schema (zod costs ~60 ms to import in every thread), and the views helpers a task may use.

export { describeThrown, type ErrorCode, ParalabError, toError } from './errors.js';
export { findWorkload, isWorkload, workloadsOf } from './find-workload.js';
export { delay, now } from './platform.js';
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
  type ServedTask,
  type ServiceName,
  type Services,
  type SharedMemoryTask,
  type VerifyResult,
  type Workload,
  type WorkloadKind,
  type WorkloadSplit,
} from './workload.js';
