// The Node floors, in the order they run: timer resolution, worker start-up, a small message round trip
// (back to back, around a busy peer, and pipelined to busy peers on every core), payload round trips (1 KiB to 16 MiB, cloned and transferred), process spawn, IPC round trip and IPC
// payloads. The timing loops are core's; only the launchers are Node's.
import { availableParallelism } from 'node:os';
import {
  type CalibrationProbe,
  type PeerScope,
  payloadProbes,
  pipelinedBusyProbes,
  roundtripProbes,
  startupProbe,
  timerResolutionProbe,
} from '@paralab/core';
import { forkLauncher } from './launchers/fork.js';
import { workerThreadsLauncher } from './launchers/worker-threads.js';

/** Every Node calibration probe, in order. */
export const nodeCalibrationProbes: readonly CalibrationProbe<PeerScope>[] = Object.freeze([
  timerResolutionProbe,
  startupProbe(workerThreadsLauncher, { name: 'worker-startup', options: { api: 'new Worker' } }),
  ...roundtripProbes(workerThreadsLauncher, { name: 'message-roundtrip', options: { api: 'postMessage' } }),
  ...pipelinedBusyProbes(
    workerThreadsLauncher,
    { name: 'message-roundtrip', options: { api: 'postMessage' } },
    availableParallelism(),
  ),
  ...payloadProbes(workerThreadsLauncher, { api: 'postMessage' }),
  startupProbe(forkLauncher, { name: 'spawn', options: {} }),
  ...roundtripProbes(forkLauncher, { name: 'ipc-roundtrip', options: {} }),
  ...payloadProbes(forkLauncher),
]);
