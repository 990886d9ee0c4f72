// The Deno floors: Node's probes run under Deno (timer, worker_threads, fork), then Deno's own: Web Worker
// start-up, message and payload round trips, and `Deno.Command` start to first message, round trip and
// payloads over its pipes (JSON: what the `process` strategies pay per byte).
import { availableParallelism } from 'node:os';
import {
  type CalibrationProbe,
  type PeerScope,
  payloadProbes,
  pipelinedBusyProbes,
  roundtripProbes,
  startupProbe,
} from '@paralab/core';
import { nodeCalibrationProbes, workerThreadsLauncher } from '@paralab/node-api';
import { denoCommandLauncher } from './launchers/deno-command.js';
import { denoWebWorkerLauncher } from './launchers/web-worker.js';

/** A payload size of a probe, bytes, and the round trips timed per sample. */
interface PayloadSize {
  readonly bytes: number;
  readonly opsPerSample: number;
}

/**
 * `node:worker_threads` payloads under Deno: up to 1 MiB, one round trip per sample from 64 KiB. Deno 2.9's
 * `worker_threads` messages cost time per element (a 1 MiB Uint8Array takes ~0.3 s to go to a worker and
 * back, cloned or transferred, ~200× Node's; a 1 MiB ArrayBuffer on its own ~2 ms), so the 16 MiB floor
 * would outlast the watchdog; the 1 MiB one gives the cost per byte.
 */
const WORKER_THREADS_SIZES: readonly PayloadSize[] = [
  { bytes: 1024, opsPerSample: 20 },
  { bytes: 64 * 1024, opsPerSample: 1 },
  { bytes: 1024 * 1024, opsPerSample: 1 },
];

/**
 * `Deno.Command` payloads: up to 1 MiB (JSON with base64 costs ~1 s per 16 MiB round trip, which would
 * outlast the quick profile's watchdog; the 1 MiB floor gives the cost per byte).
 */
const COMMAND_SIZES: readonly PayloadSize[] = [
  { bytes: 1024, opsPerSample: 100 },
  { bytes: 64 * 1024, opsPerSample: 20 },
  { bytes: 1024 * 1024, opsPerSample: 2 },
];

/** Node's probes as Deno runs them, with `worker_threads` payloads at `WORKER_THREADS_SIZES` in place. */
function nodeProbesUnderDeno(): CalibrationProbe<PeerScope>[] {
  const isThreadPayload = (probe: CalibrationProbe<PeerScope>): boolean =>
    probe.primitive === workerThreadsLauncher.primitive && probe.name === 'payload-roundtrip';
  const at = nodeCalibrationProbes.findIndex(isThreadPayload);
  const others = nodeCalibrationProbes.filter((probe) => !isThreadPayload(probe));
  const threads = payloadProbes(workerThreadsLauncher, { api: 'postMessage' }, WORKER_THREADS_SIZES);
  return [...others.slice(0, at), ...threads, ...others.slice(at)];
}

/** Every Deno calibration probe, in order; each cell's strategy names the primitive. */
export const denoCalibrationProbes: readonly CalibrationProbe<PeerScope>[] = Object.freeze([
  ...nodeProbesUnderDeno(),
  startupProbe(denoWebWorkerLauncher, { name: 'worker-startup', options: { type: 'module' } }),
  ...roundtripProbes(denoWebWorkerLauncher, { name: 'message-roundtrip', options: {} }),
  ...pipelinedBusyProbes(
    denoWebWorkerLauncher,
    { name: 'message-roundtrip', options: {} },
    availableParallelism(),
  ),
  ...payloadProbes(denoWebWorkerLauncher),
  startupProbe(denoCommandLauncher, { name: 'spawn', options: {} }),
  ...roundtripProbes(denoCommandLauncher, { name: 'ipc-roundtrip', options: {} }),
  ...payloadProbes(denoCommandLauncher, {}, COMMAND_SIZES),
]);
