// What a calibration probe is, as runners write them and the loop runs them (types only, so that the
// measurement loop's types and the probes' launchers can name them without importing the loop).
import type { CancelToken } from './cancel.js';
import type { ParamValue } from './workload.js';

/** What every probe scope offers: cancelled when the probe's watchdog fires or the run is interrupted. */
export interface ProbeScopeBase {
  /** Cancelled when the probe's watchdog fires, when the run is interrupted, or when the probe ends. */
  readonly cancel: CancelToken;
}

/** A scope as the loop owns it: `close()` ends every worker/process started through it. */
export type OwnedScope<S extends ProbeScopeBase> = S & { close(): Promise<void> };

/**
 * One primitive to measure: its floor becomes one `calibration` cell. `open` sets up (untimed) and returns
 * a session whose `run(ops)` performs `ops` operations and resolves with the ms they took together, timed
 * by the probe itself so that per-operation set-up and tear-down (terminating a worker) stay out. `S` is
 * the runner's scope: what the probe may start workers and processes through.
 */
export interface CalibrationProbe<S extends ProbeScopeBase = ProbeScopeBase> {
  /** The probe's name, recorded as `params.probe` (`message-roundtrip`). */
  readonly name: string;
  /** The primitive measured, recorded as the cell's strategy: `worker_threads`, `child_process`, `timer`. */
  readonly primitive: 'worker_threads' | 'child_process' | 'timer' | (string & {});
  /** Operations timed together in one sample (each sample is their mean), recorded as `params.opsPerSample`. */
  readonly opsPerSample: number;
  /** Further parameters recorded with the cell (`bytes`, `mode`). */
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** What the probe used (API, serialization), recorded as the cell's options. */
  readonly options: Readonly<Record<string, ParamValue>>;
  /** Sets up everything the operations need; start workers and processes through `scope` only. */
  open(scope: S): Promise<CalibrationSession>;
}

/** A probe set up and ready to time operations. */
export interface CalibrationSession {
  /** Runs `ops` operations one after another; resolves with the wall time they took together, ms. */
  run(ops: number): Promise<number>;
}
