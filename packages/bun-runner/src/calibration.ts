// The Bun floors: Node's probes run under Bun (timer, worker_threads, fork), then Bun's own: Web Worker
// start-up, message and payload round trips, `Bun.spawn` with IPC to first message and IPC round trip.
import { availableParallelism } from 'node:os';
import {
  type CalibrationProbe,
  type PeerScope,
  payloadProbes,
  pipelinedBusyProbes,
  roundtripProbes,
  startupProbe,
} from '@paralab/core';
import { nodeCalibrationProbes } from '@paralab/node-api';
import { bunSpawnLauncher } from './launchers/bun-spawn.js';
import { bunWebWorkerLauncher } from './launchers/web-worker.js';

/** Every Bun calibration probe, in order; each cell's strategy names the primitive. */
export const bunCalibrationProbes: readonly CalibrationProbe<PeerScope>[] = Object.freeze([
  ...nodeCalibrationProbes,
  startupProbe(bunWebWorkerLauncher, { name: 'worker-startup', options: { type: 'module' } }),
  ...roundtripProbes(bunWebWorkerLauncher, { name: 'message-roundtrip', options: {} }),
  ...pipelinedBusyProbes(
    bunWebWorkerLauncher,
    { name: 'message-roundtrip', options: {} },
    availableParallelism(),
  ),
  ...payloadProbes(bunWebWorkerLauncher),
  startupProbe(bunSpawnLauncher, { name: 'spawn', options: {} }),
  ...roundtripProbes(bunSpawnLauncher, { name: 'ipc-roundtrip', options: {} }),
]);
