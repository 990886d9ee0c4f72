// Drives the pages of one browser for a run: opens a page (again after one is lost), asks it to calibrate
// and to measure one group of cells at a time, and turns a lost page into errored cells with their samples.
import { type Cell, type CellPlan, cellId, type Profile } from '@paralab/core';
import type { Browser } from 'playwright-core';
import type { PageBundle } from './bundle.js';
import type { StrategyDescriptor } from './catalog.js';
import type { PageCellPlan } from './protocol.js';
import type { BrowserRunOptions } from './run.js';
import { PageLost, PageSession } from './session.js';

/** How long the harness page may take to load, ms. */
const LOAD_TIMEOUT_MS = 30_000;

/** Drives pages of one browser: a page per run, replaced when one is lost. */
export class Driver {
  readonly #browser: Browser;
  readonly #bundle: PageBundle;
  readonly #url: string;
  readonly #serverUrl: string | undefined;
  readonly #profile: Profile;
  readonly #options: BrowserRunOptions;
  #session: PageSession | undefined;
  #identity: PageSession['identity'] | undefined;
  #stopInterrupt: (() => void) | undefined;
  /** Where the group being measured stands in the whole run (the page only knows its own call). */
  #position = { group: 1, groups: 1 };

  constructor(
    browser: Browser,
    bundle: PageBundle,
    url: string,
    serverUrl: string | undefined,
    profile: Profile,
    options: BrowserRunOptions,
  ) {
    this.#browser = browser;
    this.#bundle = bundle;
    this.#url = url;
    this.#serverUrl = serverUrl;
    this.#profile = profile;
    this.#options = options;
  }

  /** Longest silence of a page before it is taken for stuck: prepare, reference run and a batch, and more. */
  get #silenceMs(): number {
    return 3 * this.#profile.sampleTimeoutMs + 10_000;
  }

  /** What the first page said about itself and its browser. */
  async identity(): Promise<PageSession['identity']> {
    return this.#identity ?? (await this.#page()).identity;
  }

  async calibrate(): Promise<Cell[]> {
    this.#options.onEvent?.({ type: 'calibration-start' });
    const page = await this.#page();
    const request = {
      profile: this.#profile,
      timerResolutionMs: page.identity.timerResolutionMs,
      serverUrl: this.#serverUrl,
    };
    try {
      return await page.calibrate(request, this.#silenceMs);
    } catch (thrown) {
      if (!(thrown instanceof PageLost)) throw thrown;
      await this.#drop(thrown);
      return page.seen.cells;
    }
  }

  async measure(
    group: readonly CellPlan<StrategyDescriptor>[],
    index: number,
    groups: number,
  ): Promise<Cell[]> {
    const page = await this.#page();
    const request = {
      cells: group.map(toPageCell),
      profile: this.#profile,
      seed: this.#options.seed ?? 1,
      availableParallelism: page.identity.hardwareConcurrency,
      timerResolutionMs: page.identity.timerResolutionMs,
      serverUrl: this.#serverUrl,
    };
    this.#position = { group: index, groups };
    try {
      const measured = await page.measure(request, this.#silenceMs);
      return measured.cells;
    } catch (thrown) {
      if (!(thrown instanceof PageLost)) throw thrown;
      await this.#drop(thrown);
      return lostCells(group, page.seen, thrown.message);
    }
  }

  async close(): Promise<void> {
    this.#stopInterrupt?.();
    await this.#session?.close();
    this.#session = undefined;
  }

  async #page(): Promise<PageSession> {
    if (this.#session) return this.#session;
    const session = await PageSession.open(this.#browser, {
      url: `${this.#url}/`,
      setup: {
        assets: this.#bundle.assets,
        modules: this.#bundle.modules,
        libraries: this.#bundle.libraries,
      },
      loadTimeoutMs: LOAD_TIMEOUT_MS,
      onEvent: (event) =>
        this.#options.onEvent?.(event.type === 'group-start' ? { ...event, ...this.#position } : event),
    });
    this.#identity ??= session.identity;
    this.#options.onEvent?.({
      type: 'page-ready',
      identity: session.identity,
      rendererPid: session.rendererPid,
    });
    this.#stopInterrupt?.();
    this.#stopInterrupt = this.#options.interrupt?.onCancel(() => void session.interrupt());
    this.#session = session;
    return session;
  }

  async #drop(error: PageLost): Promise<void> {
    this.#options.onEvent?.({ type: 'page-lost', reason: error.message });
    await this.#session?.close();
    this.#session = undefined;
  }
}

function toPageCell(plan: CellPlan<StrategyDescriptor>): PageCellPlan {
  return { ref: plan.ref, params: plan.params, strategy: plan.strategy.name, concurrency: plan.concurrency };
}

/**
 * The cells of a group whose page was lost: those it finished, as it reported them, and the others as
 * `errored` with the reason and every sample it had reported (nothing measured is dropped).
 */
function lostCells(
  group: readonly CellPlan<StrategyDescriptor>[],
  seen: PageSession['seen'],
  reason: string,
): Cell[] {
  const done = new Map(seen.cells.map((cell) => [cell.id, cell]));
  return group.map((plan) => {
    const id = cellId(plan);
    return (
      done.get(id) ?? {
        id,
        workload: plan.workload.id,
        kind: plan.workload.kind,
        module: plan.ref.module,
        strategy: plan.strategy.name,
        concurrency: plan.concurrency,
        params: { ...plan.params },
        options: {},
        status: 'errored',
        reason,
        samples: seen.samples.get(id) ?? [],
        warmups: [],
        tasksPerSample: 0,
        flags: [],
      }
    );
  });
}
