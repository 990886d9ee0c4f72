// Floors measured side by side with a group's cells: a calibration probe (a message round trip, say)
// sampled in the same rounds as the cells it is the floor of, so that a per-task cost and its floor are
// never compared across a minute of drift (on shared machines a primitive's cost jumps between levels).
// A floor is sampled over as many operations as the group's cells have tasks per sample (a busy round trip
// keeps its own count, sized to about 10 ms a sample, and is read at its median): on a
// machine where a round trip costs 0.02 ms while both threads stay awake and 0.3 ms when one must be woken,
// the low end of means over 100 operations lies far below that of means over 1000 (a short sample more
// often falls wholly in an awake stretch), and a per-task cost held against it would read as overhead.
import { finish, MIN_CALIBRATION_SAMPLES, newCell, type ProbeFacts } from './calibration.js';
import { LaunchScope, type PeerScope } from './calibration-peers.js';
import type { CalibrationProbe, CalibrationSession } from './calibration-types.js';
import { describeThrown } from './errors.js';
import type { MeasureOptions } from './measure-types.js';
import type { Cell } from './schema.js';

/** Samples of each floor per round of the cells, until it has a floor's minimum. */
const PER_ROUND = 3;

interface Floor {
  readonly probe: CalibrationProbe<PeerScope>;
  /** The probe as measured here: its operations per sample the group's tasks, a busy round trip's own. */
  readonly facts: ProbeFacts;
  readonly cell: Cell;
  readonly scope: LaunchScope;
  session?: CalibrationSession;
}

/** The floors of one group, opened after its cells are set up and closed with them. */
export class InterleavedFloors {
  readonly #floors: Floor[];
  readonly #options: MeasureOptions;

  private constructor(floors: Floor[], options: MeasureOptions) {
    this.#floors = floors;
    this.#options = options;
  }

  /**
   * Opens each probe (its peer started and warm); a probe that fails to open is an errored cell.
   * `tasksPerSample` is the group's (see the file's head).
   */
  static async open(
    probes: readonly CalibrationProbe<PeerScope>[],
    group: string,
    tasksPerSample: number,
    options: MeasureOptions,
  ) {
    const floors: Floor[] = probes.map((probe) => {
      const ops = probe.params?.busyMs === undefined ? Math.max(1, tasksPerSample) : probe.opsPerSample;
      const facts = { ...probe, opsPerSample: ops };
      return { probe, facts, cell: newCell(facts, { interleavedWith: group }), scope: new LaunchScope() };
    });
    for (const floor of floors) {
      try {
        floor.session = await floor.probe.open(floor.scope);
        await floor.session.run(floor.facts.opsPerSample); // a warm-up, untimed for the record
      } catch (thrown) {
        fail(floor, thrown);
      }
    }
    return new InterleavedFloors(floors, options);
  }

  /** True while a floor has fewer samples than a floor's low end needs. */
  get needsMore(): boolean {
    return this.#floors.some(
      (f) => f.cell.status === 'ok' && f.cell.samples.length < MIN_CALIBRATION_SAMPLES,
    );
  }

  /**
   * One round's samples of every floor that has fewer than a floor's low end needs (ms per operation):
   * the floors are taken in the group's first rounds, beside its cells, and then leave the rounds to them.
   */
  async round(): Promise<void> {
    for (const floor of this.#floors) {
      const { session, cell } = floor;
      const ops = floor.facts.opsPerSample;
      if (!session || cell.status !== 'ok' || cell.samples.length >= MIN_CALIBRATION_SAMPLES) continue;
      try {
        for (let i = 0; i < PER_ROUND; i++) cell.samples.push((await session.run(ops)) / ops);
      } catch (thrown) {
        fail(floor, thrown);
      }
    }
  }

  /** Closes every floor's peers and returns their cells. */
  async close(): Promise<Cell[]> {
    await Promise.all(this.#floors.map((floor) => floor.scope.close()));
    const cells = this.#floors.map((floor) => finish(floor.cell, floor.facts, this.#options));
    return cells.filter((cell): cell is Cell => cell !== undefined);
  }
}

function fail(floor: Floor, thrown: unknown): void {
  floor.cell.status = 'errored';
  floor.cell.reason = describeThrown(thrown);
}
