export { type BatchStop, batchStop, firstLine, runPoolBatch, runSplitBatch } from './batch.js';
export {
  CALIBRATION_WORKLOAD,
  type CalibrationOptions,
  type CalibrationProbe,
  type CalibrationSession,
  calibrateProbes,
  MIN_CALIBRATION_SAMPLES,
  measureTimerResolution,
  type OwnedScope,
  type ProbeRunOptions,
  type ProbeScopeBase,
  runCalibrationProbe,
  timerResolutionProbe,
} from './calibration.js';
export {
  type CalibrationPeer,
  type FromCalibrationPeer,
  PAYLOAD_SIZES,
  type PeerProbeCell,
  type PeerSource,
  payloadProbe,
  payloadProbes,
  roundtripProbe,
  startupProbe,
  type ToCalibrationPeer,
} from './calibration-peers.js';
export { CancelToken } from './cancel.js';
export { NOISY_CV, toCell } from './cell.js';
export { createOutputCheck, type OutputCheck } from './check.js';
export { ALPHA, fastest, type Verdict } from './decide.js';
export { dispatchBatch, type FromWorker, type InFlight, type TaskPort, type ToWorker } from './dispatch.js';
export { bug, type ErrorCode, ParalabError, toError } from './errors.js';
export { findWorkload, isWorkload, workloadsOf } from './find-workload.js';
export { fingerprint } from './fingerprint.js';
export { Inbox } from './inbox.js';
export {
  type LiveCell,
  type MeasureEvent,
  type MeasureOptions,
  type MeasureResult,
  measure,
} from './measure.js';
export {
  type CellPlan,
  cellId,
  defaultConcurrency,
  groupPlans,
  type PlannedWorkload,
  type PlanOptions,
  paramsKey,
  planCells,
} from './plan.js';
export { delay, now, setTimer } from './platform.js';
export { type CellProbe, estimateBytes, type ProbeFactory } from './probe.js';
export { getProfile, type Profile, profileNames, profiles } from './profiles.js';
export { createRng, type Rng, shuffled } from './random.js';
export { createResults, type MachineInfo, machineFingerprint, type ResultsInput } from './results.js';
export {
  CELL_FLAGS,
  type Cell,
  type CellMetrics,
  type CellStats,
  type CellStatus,
  parseResults,
  type Results,
  resultsJsonSchema,
  resultsSchema,
  SCHEMA_VERSION,
} from './schema.js';
export {
  runSharedBatch,
  runSharedTask,
  type SharedBatchMessage,
  type SharedPort,
  SharedTask,
  stageShared,
  type ToSharedWorker,
} from './shared-batch.js';
export {
  bootstrapRatioCi,
  holmBonferroni,
  type MannWhitneyResult,
  mannWhitneyU,
  medianCi,
  type RatioCi,
  type Summary,
  speedup,
  summarize,
} from './stats.js';
export { asyncStrategy } from './strategies/async.js';
export { sequential } from './strategies/sequential.js';
export {
  type ExternalUsage,
  runLanes,
  type Strategy,
  type StrategyContext,
  type StrategyInstance,
  type StrategyOptions,
  type WorkloadRef,
} from './strategy.js';
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
