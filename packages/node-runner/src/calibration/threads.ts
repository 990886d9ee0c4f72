import type { Worker } from 'node:worker_threads';
import {
  type CalibrationPeer,
  type FromCalibrationPeer,
  type PeerSource,
  payloadProbe,
  payloadProbes,
  roundtripProbe,
  startupProbe,
} from '@paralab/core';
import type { CalibrationProbe, ProbeScope } from './scope.js';

const ENTRY = new URL('../entry/calibration-worker.js', import.meta.url);

export { PAYLOAD_SIZES } from '@paralab/core';

/** A calibration `worker_threads` worker, as core's peer probes talk to it; released when the probe ends. */
const workers: PeerSource<ProbeScope> = {
  primitive: 'worker_threads',
  peer: 'calibration worker',
  start(scope): CalibrationPeer {
    const worker: Worker = scope.worker(ENTRY);
    const channel = scope.channel<FromCalibrationPeer>(worker);
    return {
      send: (message, transfer = []) => worker.postMessage(message, transfer),
      next: () => channel.next(),
      stop: () => scope.release(worker),
    };
  },
};

/** `new Worker` until its first message arrives, ms; the worker is terminated after each, untimed. */
export const workerStartupProbe: CalibrationProbe = startupProbe(workers, {
  name: 'worker-startup',
  options: { api: 'new Worker' },
});

/** A small message to a warm worker and its answer back, one at a time, ms. */
export const messageRoundtripProbe: CalibrationProbe = roundtripProbe(workers, {
  name: 'message-roundtrip',
  options: { api: 'postMessage', serialization: 'structured-clone' },
});

/**
 * A `bytes`-long Uint8Array to a warm worker and back, ms per round trip: `clone` copies it each way
 * (structured clone), `transfer` moves its buffer each way (nothing copied).
 */
export function payloadRoundtripProbe(
  bytes: number,
  mode: 'clone' | 'transfer',
  opsPerSample: number,
): CalibrationProbe {
  return payloadProbe(workers, { api: 'postMessage' }, { bytes, mode, opsPerSample });
}

/** Every payload probe: each size, cloned then transferred. */
export const payloadRoundtripProbes: readonly CalibrationProbe[] = payloadProbes(workers, {
  api: 'postMessage',
});
