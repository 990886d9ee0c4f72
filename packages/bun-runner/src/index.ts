export { bunRuntime } from './bun-runtime.js';
export {
  bunCalibrate,
  bunCalibrationProbes,
  bunIpcRoundtripProbe,
  bunSpawnProbe,
  webWorkerRoundtripProbe,
  webWorkerStartupProbe,
} from './calibration/index.js';
export { bunPlan } from './plan.js';
export { bunProbe, LagMonitor } from './probe.js';
export { type BunRunOptions, runBun } from './run.js';
export {
  bunHangReason,
  WORKERPOOL_START_TIMEOUT_MS,
  type WorkerpoolStrategyOptions,
  type WorkerpoolType,
  workerpoolStrategy,
} from './strategies/_workerpool.js';
export { childProcessForkStrategy } from './strategies/child-process-fork.js';
export { bunStrategies } from './strategies/index.js';
export { bunProcessStrategy } from './strategies/process.js';
export { bunProcessColdStrategy } from './strategies/process-cold.js';
export { webWorkerStrategy } from './strategies/worker.js';
export { workerThreadsStrategy } from './strategies/worker-threads.js';
export { workerThreadsPipelinedStrategy } from './strategies/worker-threads-pipelined.js';
export { workerpoolThreadStrategy } from './strategies/workerpool.js';
export { workerpoolProcessStrategy } from './strategies/workerpool-process.js';
export { workerpoolWebStrategy } from './strategies/workerpool-web.js';
