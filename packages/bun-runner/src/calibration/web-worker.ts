import {
  type CalibrationPeer,
  type FromCalibrationPeer,
  Inbox,
  ParalabError,
  type PeerSource,
  roundtripProbe,
  startupProbe,
} from '@paralab/core';
import type { CalibrationProbe, ProbeScope } from '@paralab/node-runner';
import { errorEventMessage } from '../_web-workers.js';

const ENTRY = new URL('../entry/calibration-worker.js', import.meta.url);

/**
 * A calibration Web Worker, as core's peer probes talk to it: every message goes to an inbox, and the
 * probe's end (or a stop) terminates it.
 */
const webWorkers: PeerSource<ProbeScope> = {
  primitive: 'web-worker',
  peer: 'calibration Web Worker',
  start(scope): CalibrationPeer {
    scope.cancel.throwIfCancelled();
    const worker = new Worker(ENTRY, { type: 'module' });
    const inbox = new Inbox<FromCalibrationPeer>(scope.cancel);
    worker.addEventListener('message', (event: MessageEvent<FromCalibrationPeer>) => inbox.push(event.data));
    worker.addEventListener('error', (event) =>
      inbox.fail(new ParalabError('ERR_WORKER', `Web Worker failed: ${errorEventMessage(event.message)}`)),
    );
    worker.addEventListener('close', () => inbox.fail(new ParalabError('ERR_WORKER', 'Web Worker closed')));
    scope.cancel.onCancel(() => worker.terminate());
    return {
      send: (message, transfer = []) => worker.postMessage(message, transfer),
      next: () => inbox.next(),
      stop: () => worker.terminate(),
    };
  },
};

/** `new Worker(url, { type: 'module' })` until its first message arrives, ms; terminated after each, untimed. */
export const webWorkerStartupProbe: CalibrationProbe = startupProbe(webWorkers, {
  name: 'worker-startup',
  options: { api: 'new Worker', type: 'module' },
});

/** A small message to a warm Web Worker and its answer back, one at a time, ms. */
export const webWorkerRoundtripProbe: CalibrationProbe = roundtripProbe(webWorkers, {
  name: 'message-roundtrip',
  options: { api: 'postMessage', serialization: 'structured-clone' },
});
