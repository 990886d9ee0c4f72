export { type BatchStop, batchStop, runPoolBatch, runSplitBatch } from './batch.js';
export {
  CALIBRATION_WORKLOAD,
  type CalibrationOptions,
  calibrateProbes,
  MIN_CALIBRATION_SAMPLES,
  measureTimerResolution,
  type ProbeRunOptions,
  runCalibrationProbe,
  timerResolutionProbe,
} from './calibration.js';
export {
  BUSY_ROUNDTRIP_MS,
  LaunchScope,
  PAYLOAD_SIZES,
  type PeerProbeCell,
  type PeerScope,
  PIPELINED_BUSY_MS,
  payloadProbe,
  payloadProbes,
  pipelinedBusyProbes,
  roundtripProbe,
  roundtripProbes,
  startupProbe,
} from './calibration-peers.js';
export type {
  CalibrationProbe,
  CalibrationSession,
  OwnedScope,
  ProbeScopeBase,
} from './calibration-types.js';
export { CancelToken } from './cancel.js';
export { cellHeader, type LiveCell, newLiveCell, speedupWithCi, toCell } from './cell.js';
export { createOutputCheck, type OutputCheck } from './check.js';
export {
  type BestDecision,
  type Comparison,
  type ComparisonState,
  comparisonState,
  type DecideBestOptions,
  decideBest,
  type Exclusion,
  type Recommendation,
  type SettleEstimate,
  settleEstimate,
} from './decide-best.js';
export { dispatchBatch, type InFlight, type TaskPort } from './dispatch.js';
export { bug, describeThrown, type ErrorCode, firstLine, ParalabError, toError } from './errors.js';
export { FAMILY_ORDER, type Family, familyRank } from './family.js';
export { findWorkload, isWorkload, workloadsOf } from './find-workload.js';
export { fingerprint } from './fingerprint.js';
export { Inbox } from './inbox.js';
export {
  LAG_FIRST_TICK_MS,
  LAG_PERIOD_MS,
  LAG_SOURCE,
  LagMonitor,
  type TimerLagOptions,
  timerLagProbe,
} from './lag-monitor.js';
export { endOnce, type Launcher, type RawPeer } from './launch/launcher.js';
export {
  PEER_START_TIMEOUT_MS,
  PeerHandle,
  ready,
  startPeers,
  stopPeers,
} from './launch/peer-handle.js';
export { errorEventMessage, type WebWorkerLauncherOptions, webWorkerLauncher } from './launch/web-worker.js';
export { DEFAULT_DEADLINE_MS, loadGeneratorInfo, runLoad } from './load/client.js';
export {
  type ExpectedResponse,
  type GeneratorInfo,
  type LatencySummary,
  type LoadRequest,
  type LoadResult,
  type ProcessUsage,
  type RequestSpec,
  validateLoadRequest,
} from './load/protocol.js';
export { measure } from './measure.js';
export { SampleInvalid, withWatchdog } from './measure-cell.js';
export { hasMinimums, openCells, updateDone } from './measure-stop.js';
export { summarizeTasks, timeTasks } from './measure-tasks.js';
export type { MeasureEvent, MeasureOptions, MeasureResult, MemorySource } from './measure-types.js';
export { type StrategyAdvice, type WorkAdvice, workAdvice } from './model/advice.js';
export {
  type BreakEven,
  type BreakEvenOptions,
  type BreakEvenUnknown,
  batchSizes,
  breakEven,
  crossing,
  DISPATCH_SHARE,
  SMALLEST_TASK_MS,
} from './model/break-even.js';
export {
  type BreakEvenCheck,
  compareBreakEven,
  crossingOf,
  type MeasuredBreakEven,
  measuredBreakEven,
  type SweepPoint,
} from './model/break-even-measured.js';
export {
  type EmptyTaskFloor,
  emptyTaskFloor,
  type ModelContext,
  type ModelOptions,
  type ModelStatistic,
  modelContext,
  statisticOf,
} from './model/context.js';
export {
  type BusyFloor,
  type Floor,
  fewSamples,
  floorOf,
  type PayloadFloor,
  type PrimitiveFloors,
  primitiveFloors,
  primitiveOf,
  roundTripAround,
} from './model/floors.js';
export { interpolate, type PayloadCost, payloadCost, SMALL_MESSAGE_BYTES } from './model/payload.js';
export {
  type Policy,
  type Prediction,
  policyOf,
  predictCell,
  scenarioOf,
  type Unknown,
} from './model/predict.js';
export {
  type FarOffCell,
  type ModelError,
  type ModelErrorOptions,
  modelErrors,
  modelErrorsOf,
  modelResults,
  recordedModels,
  withModel,
} from './model/results.js';
export {
  type PolicyKind,
  type Scenario,
  type ScenarioTime,
  scenarioTime,
  timeScenario,
} from './model/scenario.js';
export { type Job, makespan, type ScheduleOptions, type SchedulePolicy } from './model/schedule.js';
export { type BatchWork, batchWork, isBaseline, referenceOf } from './model/work.js';
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
export { busyFor, delay, now, setTimer, within } from './platform.js';
export { type CellProbe, estimateBytes, type ProbeFactory } from './probe.js';
export { getProfile, type Profile, profileNames, profiles } from './profiles.js';
export { createRng, type Rng, shuffled } from './random.js';
export { createResults, type MachineInfo, machineFingerprint, type ResultsInput } from './results.js';
export {
  CELL_FLAGS,
  type Cell,
  type CellMetrics,
  type CellModel,
  type CellStats,
  type CellStatus,
  parseResults,
  type Results,
  resultsJsonSchema,
  resultsSchema,
  SCHEMA_VERSION,
  type ServeMetrics,
} from './schema.js';
export { migrateV1 } from './schema-v1.js';
export { type Answer, answerTask, type FromServer, type ServerSetup, TASK_PATH } from './serve/answer.js';
export { summarizeServed } from './serve/metrics.js';
export { servedRequests } from './serve/requests.js';
export { runSharedBatch, runSharedTask, type SharedPort, SharedTask, stageShared } from './shared-batch.js';
export { executeCalibrate, executeMeasure, type SideCall, type SideRuntime } from './side/execute.js';
export type {
  CalibrateRequest,
  FromSide,
  MeasureRequest,
  SideIdentity,
  SideReply,
  SideRequest,
  ToSide,
  WireCellPlan,
} from './side/protocol.js';
export {
  type BaselineSpeedup,
  bootstrapRatioCi,
  type RatioCi,
  type Speedup,
  speedup,
  speedupOf,
} from './stats/bootstrap.js';
export {
  EXACT_MAX_SIZE,
  type MannWhitneyResult,
  mannWhitneyU,
  smallestP,
} from './stats/mann-whitney.js';
export { medianCi, relativeCiWidth } from './stats/median-ci.js';
export { MODALITY_MIN_SAMPLES, type Modality, type Mode, modality } from './stats/modality.js';
export {
  ALPHA,
  benjaminiHochberg,
  type Correction,
  canReachSignificance,
  holmBonferroni,
  minimumAdjustedP,
  type SizePair,
} from './stats/multiplicity.js';
export {
  FLOOR_MIN_SAMPLES,
  type LowEnd,
  linearQuantile,
  lowEnd,
  NOISY_CV,
  type Summary,
  summarize,
} from './stats/summary.js';
export { asyncStrategy } from './strategies/async.js';
export { libraryError, lostInLibrary } from './strategies/library-error.js';
export { mainThreadStrategies } from './strategies/main-thread-set.js';
export { type PerTaskStrategyOptions, perTaskStrategy } from './strategies/per-task.js';
export { type PoolStrategyOptions, poolStrategy, usageOf } from './strategies/pool.js';
export { promiseAllStrategy } from './strategies/promise-all.js';
export { sequential } from './strategies/sequential.js';
export {
  type RunningServer,
  type ServerLauncher,
  type ServeStrategyOptions,
  serveStrategy,
} from './strategies/serve.js';
export { type SharedStrategyOptions, sharedStrategy } from './strategies/shared.js';
export {
  describeWorkerpoolError,
  readyWorkerpool,
  terminateWorkerpool,
  WORKERPOOL_START_TIMEOUT_MS,
  type WorkerpoolLike,
  type WorkerpoolStrategyOptions,
  workerpoolStrategy,
} from './strategies/workerpool.js';
export {
  type CheckedBatch,
  type ExternalUsage,
  runLanes,
  type ServedSample,
  type Strategy,
  type StrategyContext,
  type StrategyInfo,
  type StrategyInstance,
  type StrategyOptions,
  type WorkloadRef,
} from './strategy.js';
export { fitsCores, memoryBytes, TIE_BREAK_TOLERANCE, type TieBreakStep, tieBreak } from './tie-break.js';
export { type BufferFactory, copyViews, TYPED_ARRAYS, transferList } from './views.js';
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
