// @paralab/bun-runner: paralab on Bun. Named re-exports only.
/** Core's timer-chain lag monitor, which Bun's probe uses (it lived here before core held it). */
export { LagMonitor } from '@paralab/core';
export { bunCalibrationProbes } from './calibration.js';
export { bunPlan, bunRunner } from './definition.js';
export { bunSpawnLauncher } from './launchers/bun-spawn.js';
export { bunWebWorkerLauncher } from './launchers/web-worker.js';
export { bunProbe } from './probe.js';
export { type BunRunOptions, runBun } from './run.js';
export { BUN_ENV, bunSides, findBun } from './side.js';
export { bunHangReason } from './strategies/_workerpool.js';
export { bunStrategies } from './strategies/index.js';
