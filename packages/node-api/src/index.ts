// @paralab/node-api: paralab over Node's APIs, for every runtime that implements them (Node, Bun, Deno).
// Named re-exports only.
export { nodeCalibrationProbes } from './calibration.js';
export { faultsOfThisProcess, loadWorkload, rejectionsOfThisProcess } from './entry/_runtime.js';
export { forkLauncher, PEER_CHILD_ENTRY, PEER_SETUP_ENV } from './launchers/fork.js';
export {
  type ProcessServerOptions,
  processServerLauncher,
  SERVER_SETUP_ENV,
  SERVER_START_TIMEOUT_MS,
  type ServerFamilyOptions,
  serverFamily,
} from './launchers/server.js';
export { workerThreadsLauncher } from './launchers/worker-threads.js';
export { HTTP_GET_ENTRY, NODE_WORKLOAD_MODULES } from './plan.js';
export { nodeProbe, nodeResourceProbe } from './probe.js';
export { nodeClusterServer, nodeReusePort } from './strategies/_serve.js';
export { hybridStrategy } from './strategies/hybrid.js';
export { nodeStrategies } from './strategies/index.js';
export { piscinaStrategy } from './strategies/piscina.js';
export { processStrategy } from './strategies/process.js';
export { processColdStrategy } from './strategies/process-cold.js';
export { sharedStrategy } from './strategies/shared.js';
export { type TinypoolStrategyOptions, tinypoolStrategy, tinypoolStrategyOf } from './strategies/tinypool.js';
export { transferStrategy } from './strategies/transfer.js';
export { workerStrategy } from './strategies/worker.js';
export { workerPipelinedStrategy } from './strategies/worker-pipelined.js';
export { WORKERPOOL_VERSION, workerpoolStrategy } from './strategies/workerpool.js';
