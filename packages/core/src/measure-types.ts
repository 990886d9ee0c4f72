// The options, progress events and outcome of core's measurement loop (`measure`), in a module of their own
// so that the loop, the cell records and the calibration loop can all speak of them without a cycle.

import type { PeerScope } from './calibration-peers.js';
import type { CalibrationProbe } from './calibration-types.js';
import type { CancelToken } from './cancel.js';
import type { ProbeFactory } from './probe.js';
import type { Profile } from './profiles.js';
import type { Cell } from './schema.js';
import type { Services } from './workload.js';

/** How to measure a list of cells. */
export interface MeasureOptions {
  readonly profile: Profile;
  /** Seed of the interleaving order and of generated inputs. */
  readonly seed: number;
  /** The run's loopback services, handed to every workload's `prepare`. */
  readonly services?: Services;
  /** Cores the runtime can use; cells with more threads than this are flagged oversubscribed. */
  readonly availableParallelism: number;
  /** Measured timer resolution (ms); cells whose median is under 100× this are flagged. */
  readonly timerResolutionMs: number;
  /** Cancelling it (Ctrl-C) stops after the current sample; what was measured is returned. */
  readonly interrupt?: CancelToken;
  /** Makes each cell's resource probe (CPU, memory, event-loop delay); absent means no metrics. */
  readonly probe?: ProbeFactory;
  /**
   * Subscribes to the faults of the measuring thread that no task caught (an unhandled rejection, an
   * uncaught exception in a timer a task set): the cell whose batch runs, or ran last, is errored with it.
   * Returns a function that unsubscribes.
   */
  readonly faults?: (listener: (thrown: unknown) => void) => () => void;
  /**
   * Floors to sample in the same rounds as the cells of every group (see `InterleavedFloors`): their
   * calibration cells are returned with the group's, marked `interleavedWith` the group.
   */
  readonly floors?: readonly CalibrationProbe<PeerScope>[];
  /** Reads the measuring side's memory, for each cell's own footprint; absent means none recorded. */
  readonly memory?: MemorySource;
  /** Progress, for terminals, logs and the host that keeps the results. */
  readonly onEvent?: (event: MeasureEvent) => void;
}

/** Progress reported while measuring. */
export type MeasureEvent =
  | { type: 'group-start'; workload: string; params: string; cells: number; group: number; groups: number }
  /**
   * A cell is about to do something that may not come back (start its strategy, run a batch, close): the
   * host that supervises the measuring side blames this cell if the side dies or hangs before the next event.
   */
  | { type: 'cell-step'; cellId: string; step: 'start' | 'warmup' | 'sample' | 'tasks' | 'close' }
  /** The group's inputs are being prepared (or its reference run made): a death now is the whole group's. */
  | { type: 'group-step'; step: 'prepare' }
  | { type: 'sample'; cellId: string; sampleMs: number; samples: number }
  | { type: 'cell-done'; cell: Cell };

/** The outcome of `measure`: one cell per plan that was reached, and whether every plan was. */
export interface MeasureResult {
  cells: Cell[];
  complete: boolean;
}

/** How a runtime reads its memory (the measuring process with its children, or a page's renderer). */
export interface MemorySource {
  /** Resident memory now, bytes: this process and the processes it started. */
  rss(): number | Promise<number>;
  /** Collects garbage now, where the runtime allows it (Node with --expose-gc, Bun.gc). */
  gc?(): void;
  /** How it reads, recorded with each footprint. */
  readonly source: string;
}
