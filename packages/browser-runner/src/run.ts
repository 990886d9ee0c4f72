import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import {
  type Cell,
  type CellPlan,
  createResults,
  groupPlans,
  type MeasureEvent,
  type Profile,
  type Results,
} from '@paralab/core';
import {
  acquireBenchLock,
  type LatencyServer,
  machineInfo,
  type NodeRunOptions,
  resolveProfile,
  selectCells,
  startLatencyServer,
  writeResultsFile,
} from '@paralab/node-runner';
import type { Browser } from 'playwright-core';
import { bundlePage } from './bundle.js';
import { browserStrategyCatalog, type StrategyDescriptor } from './catalog.js';
import { findChromium, launchChromium } from './chromium.js';
import { Driver } from './driver.js';
import { type PageServer, startPageServer } from './page-server.js';
import { BROWSER_BUILTIN_MODULES, defaultBrowserPlan, loadForPlanning } from './plan.js';
import type { PageIdentity } from './protocol.js';
import type { PageSession } from './session.js';

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
    // One page call per group: the cells that share prepared inputs (core's measurement groups).
    const groups = [...groupPlans(plans).values()];
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
