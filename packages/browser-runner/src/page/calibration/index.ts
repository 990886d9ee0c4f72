import {
  type CalibrationProbe,
  type Cell,
  calibrateProbes,
  type MeasureEvent,
  timerResolutionProbe,
} from '@paralab/core';
import type { PageCalibrationRequest } from '../../protocol.js';
import { fetchRoundtripProbe } from './fetch.js';
import { type PageProbeScope, PageScope } from './scope.js';
import { messageRoundtripProbe, payloadRoundtripProbes, workerStartupProbe } from './workers.js';

/**
 * The page's floors, in the order they run: timer resolution, module and classic worker start-up, a small
 * message round trip, payload round trips (1 KiB to 16 MiB, cloned and transferred) and, with a latency
 * server, one fetch round trip.
 */
export function pageCalibrationProbes(serverUrl?: string): CalibrationProbe<PageProbeScope>[] {
  return [
    timerResolutionProbe,
    workerStartupProbe('module'),
    workerStartupProbe('classic'),
    messageRoundtripProbe,
    ...payloadRoundtripProbes,
    ...(serverUrl ? [fetchRoundtripProbe(serverUrl)] : []),
  ];
}

/** Measures the page's floors with core's calibration loop, one `calibration` cell per probe. */
export function calibratePage(
  request: PageCalibrationRequest,
  onEvent: (event: MeasureEvent) => void,
): Promise<Cell[]> {
  return calibrateProbes<PageProbeScope>({
    profile: request.profile,
    timerResolutionMs: request.timerResolutionMs,
    probes: pageCalibrationProbes(request.serverUrl),
    makeScope: () => new PageScope(),
    onEvent,
  });
}
