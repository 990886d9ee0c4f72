// @paralab/deno-runner: paralab on Deno. Named re-exports only.

export { denoRunArgs } from './_run-args.js';
export { denoCalibrationProbes } from './calibration.js';
export { denoPlan, denoRunner } from './definition.js';
export { denoCommandLauncher, PEER_COMMAND_ENTRY } from './launchers/deno-command.js';
export { denoWebWorkerLauncher, type WorkerExitMessage } from './launchers/web-worker.js';
export { denoProbe } from './probe.js';
export { type DenoRunOptions, runDeno } from './run.js';
export { DENO_ENV, denoSides, findDeno } from './side.js';
export { denoStrategies } from './strategies/index.js';
export { TINYPOOL_HANG_REASON } from './strategies/tinypool.js';
