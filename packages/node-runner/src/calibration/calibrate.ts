import type { CancelToken, Cell, MeasureEvent, Profile } from '@paralab/core';
import { timerResolutionMs } from '../machine.js';
import { ipcRoundtripProbe, spawnProbe } from './processes.js';
import { CALIBRATION_WORKLOAD, type CalibrationProbe, runCalibrationProbe } from './run-probe.js';
import { messageRoundtripProbe, payloadRoundtripProbes, workerStartupProbe } from './threads.js';
import { timerResolutionProbe } from './timer.js';

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
 * trips, process spawn, IPC round trip, timer step), one `calibration` cell per probe. Each sample is the
 * mean time of one operation, ms, over `params.opsPerSample` operations. A probe that fails or outlives
 * the watchdog (`profile.sampleTimeoutMs`) becomes an `errored` cell and the others still run; every
 * worker and process a probe started is terminated when it ends.
 */
export async function calibrate(options: CalibrationOptions): Promise<Cell[]> {
  const profile = options?.profile;
  if (!profile || typeof profile !== 'object')
    throw new TypeError(`options.profile must be a profile object (see getProfile), got ${String(profile)}`);
  const probes = options.probes ?? nodeCalibrationProbes;
  for (const probe of probes) {
    if (!Number.isInteger(probe.opsPerSample) || probe.opsPerSample < 1)
      throw new RangeError(
        `probe ${probe.name}: opsPerSample must be a positive integer, got ${probe.opsPerSample}`,
      );
  }
  const resolution = options.timerResolutionMs ?? timerResolutionMs();
  options.onEvent?.({
    type: 'group-start',
    workload: CALIBRATION_WORKLOAD,
    params: '',
    cells: probes.length,
    group: 1,
    groups: 1,
  });
  const cells: Cell[] = [];
  for (const probe of probes) {
    if (options.interrupt?.cancelled) break;
    const cell = await runCalibrationProbe(probe, {
      profile,
      timerResolutionMs: resolution,
      interrupt: options.interrupt,
      onEvent: options.onEvent,
    });
    if (!cell) continue;
    cells.push(cell);
    options.onEvent?.({ type: 'cell-done', cell });
  }
  return cells;
}
