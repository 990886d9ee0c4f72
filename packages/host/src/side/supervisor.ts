// The host's half of "the process that measures is never the one that keeps the results": it sends the
// measuring side one group of cells at a time, keeps every cell the side reports as it arrives, and when
// the side dies, runs out of memory or hangs, records the cell it was working on as errored with the
// reason (and the samples it had reported), starts a fresh side, and measures the group's other cells again.
import {
  type CancelToken,
  type Cell,
  type CellPlan,
  cellHeader,
  cellId,
  describeThrown,
  type MeasureEvent,
  type Profile,
  type Services,
  type SideIdentity,
  type StrategyInfo,
  type WireCellPlan,
} from '@paralab/core';
import { type MeasuringSide, type SideFactory, SideLost } from './measuring-side.js';

/** Progress of a supervised run: the side's events, and the side's own comings and goings. */
export type SupervisorEvent =
  | MeasureEvent
  | { type: 'side-start'; what: string; identity: SideIdentity }
  | { type: 'side-lost'; reason: string };

/** How to supervise. */
export interface SupervisorOptions {
  readonly factory: SideFactory;
  readonly profile: Profile;
  readonly seed: number;
  readonly services: Services;
  /** Cancelled by Ctrl-C: the side is killed at once, unfinished cells are recorded `interrupted`. */
  readonly interrupt?: CancelToken;
  readonly onEvent?: (event: SupervisorEvent) => void;
}

/** Supervises measuring sides for one run. */
export class Supervisor {
  readonly #options: SupervisorOptions;
  #side: MeasuringSide | undefined;
  #identity: SideIdentity | undefined;
  /** True after a side was closed because its group was done (the next one is no news: no side-start). */
  #reopening = false;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    options.interrupt?.onCancel(() => void this.#side?.kill('the run was interrupted'));
  }

  /** How long a side may say nothing before it is taken for stuck, ms: prepare, reference run and a batch. */
  get silenceMs(): number {
    return 2 * this.#options.profile.sampleTimeoutMs + 15_000;
  }

  /** What the side said about itself (a side is started if none runs). */
  async identity(): Promise<SideIdentity> {
    return this.#identity ?? (await this.#open()).identity;
  }

  /** Measures the calibration floors; a side lost meanwhile keeps the floors it had finished. */
  async calibrate(): Promise<Cell[]> {
    const tracker = new GroupTracker([]);
    try {
      const side = await this.#open();
      const reply = await side.request(
        {
          type: 'calibrate',
          profile: this.#options.profile,
          timerResolutionMs: side.identity.timerResolutionMs,
          services: this.#options.services,
        },
        (event) => this.#forward(event, tracker),
        this.silenceMs,
      );
      return 'cells' in reply ? reply.cells : [];
    } catch (thrown) {
      if (!(thrown instanceof SideLost)) throw thrown;
      await this.#drop(thrown);
      return [...tracker.done.values()];
    } finally {
      await this.#groupDone();
    }
  }

  /** Measures one group of cells (`index` of `total` groups) and resolves with a record for every one. */
  async measureGroup(
    plans: readonly CellPlan<StrategyInfo>[],
    index: number,
    total: number,
  ): Promise<Cell[]> {
    const recorded: Cell[] = [];
    let pending = [...plans];
    let lastReason = '';
    // A side that dies is replaced and the group's other cells measured again, for as long as each death is
    // blamed on a cell (so every cell gets its own chance); a death blamed on none ends the group.
    for (let progress = true; progress && pending.length > 0; ) {
      if (this.#options.interrupt?.cancelled) break;
      const tracker = new GroupTracker(pending);
      try {
        const side = await this.#open();
        const reply = await side.request(
          this.#measureRequest(pending, side.identity),
          (event) =>
            this.#forward(
              event.type === 'group-start' ? { ...event, group: index, groups: total } : event,
              tracker,
            ),
          this.silenceMs,
        );
        recorded.push(...('complete' in reply ? reply.cells : []));
        pending = [];
      } catch (thrown) {
        recorded.push(...tracker.done.values());
        lastReason = describeThrown(thrown);
        if (!(thrown instanceof SideLost)) {
          // The side could not start, or answered that the request failed (a module that does not load):
          // every cell it did not finish is errored with that reason.
          pending = tracker.unfinished();
          break;
        }
        await this.#drop(thrown);
        const blamed = tracker.blame(lastReason, this.#options.interrupt);
        recorded.push(...blamed);
        pending = tracker.unfinished().filter((plan) => !blamed.some((cell) => cell.id === cellId(plan)));
        progress = blamed.length > 0;
      }
    }
    const status = this.#options.interrupt?.cancelled ? 'interrupted' : 'errored';
    const why =
      status === 'interrupted'
        ? 'the run was interrupted before this cell was measured'
        : `not measured: ${lastReason}`;
    for (const plan of pending) recorded.push(failedCell(plan, status, why, []));
    await this.#groupDone();
    return order(plans, recorded);
  }

  /** With a side per group (see `SideFactory.sidePerGroup`), closes the side that measured the last one. */
  async #groupDone(): Promise<void> {
    if (!this.#options.factory.sidePerGroup || !this.#side) return;
    await this.close();
    this.#reopening = true;
  }

  /** Ends the side (gracefully). */
  async close(): Promise<void> {
    const side = this.#side;
    this.#side = undefined;
    await side?.close();
  }

  #measureRequest(plans: readonly CellPlan<StrategyInfo>[], identity: SideIdentity) {
    return {
      type: 'measure' as const,
      cells: plans.map(toWire),
      profile: this.#options.profile,
      seed: this.#options.seed,
      availableParallelism: identity.availableParallelism,
      timerResolutionMs: identity.timerResolutionMs,
      services: this.#options.services,
      floors: [...new Set(plans.flatMap((plan) => plan.floors ?? []))],
    };
  }

  async #open(): Promise<MeasuringSide> {
    if (this.#side) return this.#side;
    const side = await this.#options.factory.open();
    this.#side = side;
    this.#identity ??= side.identity;
    // Interrupted while it started: the interrupt found no side to kill, so this one must not measure.
    if (this.#options.interrupt?.cancelled) throw new SideLost('the run was interrupted');
    if (this.#reopening) {
      this.#reopening = false;
      return side;
    }
    this.#options.onEvent?.({
      type: 'side-start',
      what: this.#options.factory.what,
      identity: side.identity,
    });
    return side;
  }

  async #drop(lost: SideLost): Promise<void> {
    this.#options.onEvent?.({ type: 'side-lost', reason: lost.message });
    const side = this.#side;
    this.#side = undefined;
    await side?.kill(lost.message).catch(() => {});
  }

  #forward(event: MeasureEvent, tracker: GroupTracker): void {
    tracker.see(event);
    this.#options.onEvent?.(event);
  }
}

/** What the host knows of a group while its side works on it, from the side's events. */
class GroupTracker {
  readonly done = new Map<string, Cell>();
  readonly #plans: readonly CellPlan<StrategyInfo>[];
  readonly #samples = new Map<string, number[]>();
  #current: { cellId: string; step: string } | undefined;
  /** True while the side prepares the group's inputs (a death then is the whole group's). */
  #preparing = false;

  constructor(plans: readonly CellPlan<StrategyInfo>[]) {
    this.#plans = plans;
  }

  see(event: MeasureEvent): void {
    this.#preparing = event.type === 'group-step' || (this.#preparing && event.type === 'group-start');
    if (event.type === 'cell-done') this.done.set(event.cell.id, event.cell);
    else if (event.type === 'cell-step') this.#current = { cellId: event.cellId, step: event.step };
    else if (event.type === 'sample')
      this.#samples.set(event.cellId, [...(this.#samples.get(event.cellId) ?? []), event.sampleMs]);
  }

  /** Plans the side did not finish. */
  unfinished(): CellPlan<StrategyInfo>[] {
    return this.#plans.filter((plan) => !this.done.has(cellId(plan)));
  }

  /**
   * The cells the side's death is blamed on, with the samples it had reported: the cell it was working on
   * (errored, the reason saying what it was doing), or, when the run was interrupted, every unfinished cell.
   */
  blame(reason: string, interrupt: CancelToken | undefined): Cell[] {
    if (interrupt?.cancelled) {
      return this.unfinished().map((plan) => {
        const samples = this.#samples.get(cellId(plan)) ?? [];
        return failedCell(
          plan,
          'interrupted',
          `the run was interrupted after ${samples.length} of this cell's samples`,
          samples,
        );
      });
    }
    if (this.#preparing) {
      const why = `${reason} (while preparing the group's inputs: its prepare or the reference run of its task)`;
      return this.unfinished().map((plan) => failedCell(plan, 'errored', why, []));
    }
    const current = this.#current;
    const plan = current && this.#plans.find((candidate) => cellId(candidate) === current.cellId);
    if (!plan || this.done.has(current.cellId)) return [];
    const doing =
      { start: 'starting', warmup: 'warming up', sample: 'measuring', close: 'closing' }[current.step] ??
      current.step;
    return [
      failedCell(
        plan,
        'errored',
        `${reason} (while ${doing} this cell)`,
        this.#samples.get(current.cellId) ?? [],
      ),
    ];
  }
}

/** A cell that has no valid time, with the samples it had (nothing measured is dropped). */
export function failedCell(
  plan: CellPlan<StrategyInfo>,
  status: Cell['status'],
  reason: string,
  samples: readonly number[],
): Cell {
  return {
    ...cellHeader(plan),
    options: {},
    status,
    reason,
    samples: [...samples],
    warmups: [],
    tasksPerSample: 0,
    flags: [],
  };
}

function toWire(plan: CellPlan<StrategyInfo>): WireCellPlan {
  return { ref: plan.ref, params: plan.params, strategy: plan.strategy.name, concurrency: plan.concurrency };
}

/**
 * The cells in plan order, one per plan (the last record of a cell wins), then the floors measured beside
 * them (calibration cells no plan names).
 */
function order(plans: readonly CellPlan<StrategyInfo>[], cells: readonly Cell[]): Cell[] {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  const planned = plans
    .map((plan) => byId.get(cellId(plan)))
    .filter((cell): cell is Cell => cell !== undefined);
  const ids = new Set(plans.map(cellId));
  return [
    ...planned,
    ...[...byId.values()].filter((cell) => cell.kind === 'calibration' && !ids.has(cell.id)),
  ];
}
