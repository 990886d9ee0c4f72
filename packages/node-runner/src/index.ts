// Portable pieces that moved to core (the browser runner shares them), re-exported under their old names.
export { dispatchBatch, firstLine, runPoolBatch, type TaskPort } from '@paralab/core';
export { addUsage, CHILD_ENTRY, describeExit, KILL_GRACE_MS, NO_USAGE, processUsage } from './_children.js';
export {
  CALIBRATION_WORKLOAD,
  type CalibrationOptions,
  type CalibrationProbe,
  type CalibrationSession,
  type Channel,
  calibrate,
  MIN_CALIBRATION_SAMPLES,
  nodeCalibrationProbes,
  type Peer,
  type ProbeRunOptions,
  type ProbeScope,
  payloadRoundtripProbe,
  runCalibrationProbe,
  timerResolutionProbe,
} from './calibration/index.js';
export type { FromCalibrationPeer, ToCalibrationPeer } from './calibration/protocol.js';
export type { CliOption } from './cli/args.js';
export {
  type CliIdentity,
  type CliRunner,
  type CliRunOptions,
  runCli,
  runnerCli,
  runtimeRunner,
} from './cli/main.js';
export { type LatencyServer, startLatencyServer } from './latency-server.js';
export { BUILTIN_MODULE, importModule, loadWorkload, resolveModuleSpecifier } from './load.js';
export { acquireBenchLock, BENCH_LOCK_PATH } from './lock.js';
export { machineInfo, timerResolutionMs } from './machine.js';
export { nodeRuntime } from './node-runtime.js';
export { defaultNodePlan, type PlanEntry } from './plan.js';
export { nodeProbe } from './probe.js';
export {
  CHILD_SETUP_ENV,
  type ChildSetup,
  type FromChild,
  type FromWorker,
  type ToChild,
  type ToWorker,
} from './protocol.js';
export { readResultsFile, writeResultsFile } from './results-file.js';
export { type NodeRunEvent, type NodeRunOptions, resolveProfile, runNode, runOn } from './run.js';
export type { Runtime } from './runtime.js';
export {
  type CatalogEntry,
  type ModuleLoader,
  type Offer,
  type Selection,
  selectCells,
  strategyNamed,
  workloadCatalog,
} from './select.js';
export { hybridStrategy } from './strategies/hybrid.js';
export { nodeStrategies } from './strategies/index.js';
export { piscinaStrategy } from './strategies/piscina.js';
export { processStrategy } from './strategies/process.js';
export { processColdStrategy } from './strategies/process-cold.js';
export { sharedStrategy } from './strategies/shared.js';
export { tinypoolStrategy } from './strategies/tinypool.js';
export { transferStrategy } from './strategies/transfer.js';
export { workerStrategy } from './strategies/worker.js';
export { workerPipelinedStrategy } from './strategies/worker-pipelined.js';
export { describeWorkerpoolError, terminateWorkerpool, workerpoolStrategy } from './strategies/workerpool.js';
export {
  formatTargets,
  judgeTarget,
  performanceTargets,
  type TargetBase,
  type TargetReport,
  type TargetStatus,
  targetNotMeasured,
} from './targets.js';
