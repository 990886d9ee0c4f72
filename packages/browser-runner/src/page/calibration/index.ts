import {
  type CalibrationProbe,
  type PeerScope,
  payloadProbes,
  pipelinedBusyProbes,
  roundtripProbes,
  type Services,
  startupProbe,
  timerResolutionProbe,
} from '@paralab/core';
import { pageClassicWorkerLauncher, pageWorkerLauncher } from '../launchers/web-worker.js';
import { fetchRoundtripProbe } from './fetch.js';

/**
 * The page's floors, in the order they run: timer resolution, module and classic worker start-up, a small
 * message round trip, payload round trips (1 KiB to 16 MiB, cloned and transferred) and, with a latency
 * server, one fetch round trip. The loops are core's; the launchers are the page's.
 */
export function pageCalibrationProbes(services: Services): CalibrationProbe<PeerScope>[] {
  return [
    timerResolutionProbe,
    startupProbe(pageWorkerLauncher, {
      name: 'worker-startup',
      params: { type: 'module' },
      options: { type: 'module' },
    }),
    startupProbe(pageClassicWorkerLauncher, {
      name: 'worker-startup',
      params: { type: 'classic' },
      options: { type: 'classic' },
    }),
    ...roundtripProbes(pageWorkerLauncher, { name: 'message-roundtrip', options: {} }),
    ...pipelinedBusyProbes(
      pageWorkerLauncher,
      { name: 'message-roundtrip', options: {} },
      Math.max(1, navigator.hardwareConcurrency || 1),
    ),
    ...payloadProbes(pageWorkerLauncher),
    ...(services.serverUrl ? [fetchRoundtripProbe(services.serverUrl)] : []),
  ];
}
