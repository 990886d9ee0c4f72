// A cell's own memory: read while it is the only cell being created and warmed up, as the rise of the
// measuring process's (and its children's) memory over what it was just before the cell was created.
import type { LiveCell } from './cell.js';
import type { MeasureOptions } from './measure-types.js';
import { setTimer } from './platform.js';

/** How often memory is read while a cell warms up, ms. */
const POLL_MS = 10;

/** Reads the measuring side's memory while one cell is set up; `finish` records the cell's footprint. */
export class FootprintWatch {
  readonly #options: MeasureOptions;
  #baseline = 0;
  #peak = 0;
  #stop: () => void = () => {};

  constructor(options: MeasureOptions) {
    this.#options = options;
  }

  /** Collects garbage where the runtime allows it, then reads the baseline; polls until `finish`. */
  async begin(): Promise<void> {
    const memory = this.#options.memory;
    if (!memory) return;
    memory.gc?.();
    this.#baseline = await memory.rss();
    this.#peak = this.#baseline;
    const poll = (): void => {
      this.#stop = setTimer(() => {
        void this.read().then(poll);
      }, POLL_MS);
    };
    poll();
  }

  /** Reads the memory now (also after each warm-up batch: a busy main thread polls nothing). */
  async read(children = 0): Promise<void> {
    const memory = this.#options.memory;
    if (!memory) return;
    this.#peak = Math.max(this.#peak, (await memory.rss()) + children);
  }

  /** Stops polling and records the footprint in the cell's metrics. */
  finish(cell: LiveCell): void {
    this.#stop();
    const memory = this.#options.memory;
    if (!memory || cell.status !== 'ok') return;
    cell.footprint = {
      baselineBytes: this.#baseline,
      peakBytes: this.#peak,
      deltaBytes: this.#peak - this.#baseline,
      source: memory.source,
    };
  }
}
