// Floors measured side by side with a group's cells: a calibration probe (a message round trip, say)
// sampled in the same rounds as the cells it is the floor of, so that a per-task cost and its floor are
// never compared across a minute of drift (on shared machines a primitive's cost jumps between levels).
import { finish, MIN_CALIBRATION_SAMPLES, newCell } from './calibration.js';
import { LaunchScope, type PeerScope } from './calibration-peers.js';
import type { CalibrationProbe, CalibrationSession } from './calibration-types.js';
import { describeThrown } from './errors.js';
import type { MeasureOptions } from './measure-types.js';
import type { Cell } from './schema.js';

/** Samples of each floor per round of the cells (each sample is `opsPerSample` operations). */
const PER_ROUND = 3;

interface Floor {
  readonly probe: CalibrationProbe<PeerScope>;
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

  /** Opens each probe (its peer started and warm); a probe that fails to open is an errored cell. */
  static async open(probes: readonly CalibrationProbe<PeerScope>[], group: string, options: MeasureOptions) {
    const floors: Floor[] = probes.map((probe) => ({
      probe,
      cell: newCell(probe, { interleavedWith: group }),
      scope: new LaunchScope(),
    }));
    for (const floor of floors) {
      try {
        floor.session = await floor.probe.open(floor.scope);
        await floor.session.run(floor.probe.opsPerSample); // a warm-up, untimed for the record
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

  /** One round's samples of every floor (ms per operation). */
  async round(): Promise<void> {
    for (const floor of this.#floors) {
      const { session, probe, cell } = floor;
      if (!session || cell.status !== 'ok') continue;
      try {
        for (let i = 0; i < PER_ROUND; i++)
          cell.samples.push((await session.run(probe.opsPerSample)) / probe.opsPerSample);
      } catch (thrown) {
        fail(floor, thrown);
      }
    }
  }

  /** Closes every floor's peers and returns their cells. */
  async close(): Promise<Cell[]> {
    await Promise.all(this.#floors.map((floor) => floor.scope.close()));
    const cells = this.#floors.map((floor) => finish(floor.cell, floor.probe, this.#options));
    return cells.filter((cell): cell is Cell => cell !== undefined);
  }
}

function fail(floor: Floor, thrown: unknown): void {
  floor.cell.status = 'errored';
  floor.cell.reason = describeThrown(thrown);
}
