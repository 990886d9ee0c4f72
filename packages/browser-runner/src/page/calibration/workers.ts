import {
  type CalibrationPeer,
  type CalibrationProbe,
  type PeerSource,
  payloadProbes,
  roundtripProbe,
  startupProbe,
} from '@paralab/core';
import { pageSetup } from '../setup.js';
import type { PageProbeScope } from './scope.js';

type Kind = 'module' | 'classic';

/**
 * Calibration Web Workers of one kind (the same code bundled as an ES module or a classic script), as core's
 * peer probes talk to them; each is terminated when the probe ends.
 */
function webWorkers(kind: Kind): PeerSource<PageProbeScope> {
  return {
    primitive: 'web-worker',
    peer: 'calibration worker',
    start(scope): CalibrationPeer {
      const { calibrationModule, calibrationClassic } = pageSetup().assets;
      const script = kind === 'module' ? calibrationModule : calibrationClassic;
      const { worker, inbox } = scope.worker(script, kind === 'module' ? { type: 'module' } : {});
      return {
        send: (message, transfer = []) => worker.postMessage(message, transfer),
        next: () => inbox.next(),
        stop: () => scope.release(worker),
      };
    },
  };
}

/** `new Worker(url)` until its first message arrives, ms, for a module or a classic script; untimed teardown. */
export const workerStartupProbe = (kind: Kind): CalibrationProbe<PageProbeScope> =>
  startupProbe(webWorkers(kind), {
    name: 'worker-startup',
    params: { type: kind },
    options: { api: 'new Worker', type: kind },
  });

/** A small message to a warm module worker and its answer back, one at a time, ms. */
export const messageRoundtripProbe: CalibrationProbe<PageProbeScope> = roundtripProbe(webWorkers('module'), {
  name: 'message-roundtrip',
  options: { api: 'postMessage', serialization: 'structured-clone' },
});

/** Payloads of 1 KiB to 16 MiB to a warm module worker and back, cloned and transferred, ms per round trip. */
export const payloadRoundtripProbes: readonly CalibrationProbe<PageProbeScope>[] = payloadProbes(
  webWorkers('module'),
  {
    api: 'postMessage',
  },
);
