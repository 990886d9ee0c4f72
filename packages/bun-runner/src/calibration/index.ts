import type { CancelToken, Cell, MeasureEvent, Profile } from '@paralab/core';
import { type CalibrationProbe, calibrate, nodeCalibrationProbes } from '@paralab/node-runner';
import { bunIpcRoundtripProbe, bunSpawnProbe } from './bun-spawn.js';
import { webWorkerRoundtripProbe, webWorkerStartupProbe } from './web-worker.js';

export { bunIpcRoundtripProbe, bunSpawnProbe } from './bun-spawn.js';
export { webWorkerRoundtripProbe, webWorkerStartupProbe } from './web-worker.js';

/**
 * The Bun floors: node-runner's probes, run under Bun (timer resolution, `worker_threads` start-up, message
 * and payload round trips, `child_process.fork` spawn and IPC round trip), then Bun's own: Web Worker
 * start-up and message round trip, `Bun.spawn` with `ipc` to first message and IPC round trip. Each cell's
 * strategy names the primitive (`worker_threads`, `web-worker`, `child_process`, `bun-spawn`, `timer`).
 */
export const bunCalibrationProbes: readonly CalibrationProbe[] = Object.freeze([
  ...nodeCalibrationProbes,
  webWorkerStartupProbe,
  webWorkerRoundtripProbe,
  bunSpawnProbe,
  bunIpcRoundtripProbe,
]);

/** Measures the Bun floors (see `bunCalibrationProbes`) with node-runner's `calibrate`. */
export function bunCalibrate(options: {
  profile: Profile;
  interrupt?: CancelToken;
  onEvent?: (event: MeasureEvent) => void;
}): Promise<Cell[]> {
  return calibrate({ ...options, probes: bunCalibrationProbes });
}
