export { type LatencyServer, startLatencyServer } from './latency-server.js';
export { BUILTIN_MODULE, importModule, loadWorkload, resolveModuleSpecifier } from './load.js';
export { acquireBenchLock, BENCH_LOCK_PATH } from './lock.js';
export { machineInfo, timerResolutionMs } from './machine.js';
export { readResultsFile, writeResultsFile } from './results-file.js';
export { type NodeRunOptions, resolveStrategies, runNode, workloadCatalog } from './run.js';
export { nodeStrategies } from './strategies/index.js';
export { piscinaStrategy } from './strategies/piscina.js';
export { workerStrategy } from './strategies/worker.js';
