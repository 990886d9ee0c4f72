import {
  type CancelToken,
  type Cell,
  calibrateProbes,
  type MeasureEvent,
  type Profile,
  timerResolutionProbe,
} from '@paralab/core';
import { ipcRoundtripProbe, spawnProbe } from './processes.js';
import { type CalibrationProbe, Scope } from './scope.js';
import { messageRoundtripProbe, payloadRoundtripProbes, workerStartupProbe } from './threads.js';

/**
 * The Node floors, in the order they run: timer resolution, worker start-up, a small message round
 * trip, payload round trips (1 KiB to 16 MiB, cloned and transferred), process spawn, IPC round trip.
 */
export const nodeCalibrationProbes: readonly CalibrationProbe[] = Object.freeze([
  timerResolutionProbe,
  workerStartupProbe,
  messageRoundtripProbe,
  ...payloadRoundtripProbes,
  spawnProbe,
  ipcRoundtripProbe,
]);

/** How to calibrate. */
export interface CalibrationOptions {
  /** Sample counts, warm-ups, CI target, per-cell budget and watchdog come from here. */
  readonly profile: Profile;
  /** Progress: a `group-start`, then `sample` and `cell-done` events like `measure`'s. */
  readonly onEvent?: (event: MeasureEvent) => void;
  /** The probes to run; default `nodeCalibrationProbes`. */
  readonly probes?: readonly CalibrationProbe[];
  /** Cancel to stop after the current sample; cells measured so far are returned. */
  readonly interrupt?: CancelToken;
  /** Timer resolution for the `below-timer-resolution` flag, ms; default measured now. */
  readonly timerResolutionMs?: number;
}

/**
 * Measures the floors every strategy pays on this machine (worker start-up, message and payload round
 * trips, process spawn, IPC round trip, timer step), one `calibration` cell per probe, with core's
 * `calibrateProbes`. Each sample is the mean time of one operation, ms, over `params.opsPerSample`
 * operations. A probe that fails or outlives the watchdog (`profile.sampleTimeoutMs`) becomes an `errored`
 * cell and the others still run; every worker and process a probe started is terminated when it ends.
 */
export function calibrate(options: CalibrationOptions): Promise<Cell[]> {
  return calibrateProbes({
    ...options,
    probes: options?.probes ?? nodeCalibrationProbes,
    makeScope: () => new Scope(),
  });
}
