import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import {
  type Cell,
  type CellPlan,
  cellId,
  createResults,
  getProfile,
  type MeasureEvent,
  type Profile,
  paramsKey,
  type Results,
} from '@paralab/core';
import {
  acquireBenchLock,
  type LatencyServer,
  machineInfo,
  type NodeRunOptions,
  selectCells,
  startLatencyServer,
  writeResultsFile,
} from '@paralab/node-runner';
import type { Browser } from 'playwright-core';
import { bundlePage, type PageBundle } from './bundle.js';
import { browserStrategyCatalog, type StrategyDescriptor } from './catalog.js';
import { findChromium, launchChromium } from './chromium.js';
import { type PageServer, startPageServer } from './page-server.js';
import { BROWSER_BUILTIN_MODULES, defaultBrowserPlan, loadForPlanning } from './plan.js';
import type { PageCellPlan, PageIdentity } from './protocol.js';
import { PageLost, PageSession } from './session.js';

const TOOL_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/** Progress of a browser run: the page's measurement events, and the runner's own steps. */
export type BrowserRunEvent =
  | MeasureEvent
  | { type: 'lock-wait' }
  | { type: 'calibration-start' }
  | { type: 'browser-start'; executablePath: string }
  | { type: 'page-ready'; identity: PageIdentity; rendererPid: number | undefined }
  | { type: 'page-lost'; reason: string };

/**
 * What to run in the browser: the Node runner's options (workloads, modules, strategies, concurrency,
 * params, profile, seed, calibration, out, lock, interrupt), plus which browser.
 */
export interface BrowserRunOptions extends Omit<NodeRunOptions, 'strategies' | 'onEvent'> {
  /** Strategy names (see `browserStrategyCatalog`); given, every workload runs under each of them. */
  strategies?: readonly string[];
  /** A Chrome or Chromium executable; default `$PARALAB_CHROMIUM`, then the usual places. */
  browser?: string;
  /** Progress events (the CLI prints them). */
  onEvent?: (event: BrowserRunEvent) => void;
}

/** How long the harness page may take to load, ms. */
const LOAD_TIMEOUT_MS = 30_000;

/**
 * Runs workloads in headless Chromium and returns (and optionally writes) the results. The runner bundles
 * the page and the workloads, serves them on 127.0.0.1 with cross-origin isolation, and drives the page:
 * the calibration floors first, then one group of cells (a workload and parameter set) at a time through
 * core's measurement loop, in the page. A page that crashes or hangs costs only its group: its cells are
 * recorded `errored` with the samples seen so far, and the next group gets a fresh page.
 */
export async function runBrowser(options: BrowserRunOptions = {}): Promise<Results> {
  const profile = resolveProfile(options.profile);
  const machine = machineInfo();
  const plans = await selectBrowserCells(options, machine.availableParallelism);
  const executablePath = findChromium(options.browser);
  const release =
    options.lock === false
      ? undefined
      : await acquireBenchLock({ onWait: () => options.onEvent?.({ type: 'lock-wait' }) });
  const startedAt = new Date();
  let run: Measured | undefined;
  try {
    run = await measureInBrowser(plans, profile, executablePath, options);
  } finally {
    await release?.();
  }
  const { identity } = run;
  const results = createResults({
    toolVersion: TOOL_VERSION,
    runtime: {
      name: 'chromium',
      version: run.version,
      userAgent: identity.userAgent,
      crossOriginIsolated: identity.crossOriginIsolated,
      hardwareConcurrency: identity.hardwareConcurrency,
    },
    machine,
    timer: {
      source: `performance.now() in the page${identity.crossOriginIsolated ? ' (cross-origin isolated)' : ''}`,
      resolutionMs: identity.timerResolutionMs,
    },
    startedAt,
    finishedAt: new Date(),
    complete: run.complete,
    profile: profile.name,
    seed: options.seed ?? 1,
    cells: run.cells,
  });
  if (options.out) await writeResultsFile(options.out, results);
  return results;
}

/** The cells of a browser run: the default browser plan, or the user's cross (see `selectCells`). */
export async function selectBrowserCells(
  options: Pick<BrowserRunOptions, 'workloads' | 'modules' | 'strategies' | 'concurrency' | 'params' | 'cwd'>,
  cores: number = availableParallelism(),
): Promise<CellPlan<StrategyDescriptor>[]> {
  return selectCells<StrategyDescriptor>(
    options,
    {
      strategies: browserStrategyCatalog,
      plan: defaultBrowserPlan,
      builtinModules: BROWSER_BUILTIN_MODULES,
      loadModule: loadForPlanning,
    },
    cores,
  );
}

interface Measured {
  cells: Cell[];
  complete: boolean;
  version: string;
  identity: PageSession['identity'];
}

async function measureInBrowser(
  plans: readonly CellPlan<StrategyDescriptor>[],
  profile: Profile,
  executablePath: string,
  options: BrowserRunOptions,
): Promise<Measured> {
  const modules = [...new Set(plans.map((plan) => plan.ref.module))];
  const bundle = await bundlePage(modules);
  const needsServer = plans.some(({ workload }) => workload.kind !== 'cpu');
  const calibration = options.calibration ?? (!options.strategies && !options.modules?.length);
  let latency: LatencyServer | undefined;
  let pages: PageServer | undefined;
  let browser: Browser | undefined;
  try {
    latency = needsServer || calibration ? await startLatencyServer() : undefined;
    pages = await startPageServer(bundle.files);
    options.onEvent?.({ type: 'browser-start', executablePath });
    browser = await launchChromium(executablePath);
    const driver = new Driver(browser, bundle, pages.url, latency?.url, profile, options);
    const cells: Cell[] = [];
    if (calibration && !options.interrupt?.cancelled) cells.push(...(await driver.calibrate()));
    const groups = groupsOf(plans);
    let index = 0;
    for (const group of groups) {
      if (options.interrupt?.cancelled) break;
      cells.push(...(await driver.measure(group, ++index, groups.length)));
    }
    const complete =
      !options.interrupt?.cancelled && cells.filter((c) => c.kind !== 'calibration').length === plans.length;
    const identity = await driver.identity();
    await driver.close();
    return { cells, complete, version: browser.version(), identity };
  } finally {
    await browser?.close().catch(() => {});
    await pages?.close();
    await latency?.close();
  }
}

/** Drives pages of one browser: a page per run, replaced when one is lost. */
class Driver {
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

/** Cells of the same workload module, workload and parameters, in plan order: one page call each. */
function groupsOf<P extends CellPlan<StrategyDescriptor>>(plans: readonly P[]): P[][] {
  const groups = new Map<string, P[]>();
  for (const plan of plans) {
    const key = `${plan.ref.module}#${plan.workload.id}(${paramsKey(plan.params)})`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  return [...groups.values()];
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

function resolveProfile(profile: BrowserRunOptions['profile']): Profile {
  if (profile && typeof profile === 'object') return profile;
  return getProfile(profile ?? process.env.PARALAB_PROFILE ?? 'default');
}
