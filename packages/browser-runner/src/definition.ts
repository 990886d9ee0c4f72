// The browser runners as the host runs them: planned on Node, measured in a page of headless Chromium or
// Firefox. One definition per engine, the same in all but the engine: the page harness, strategies, plan,
// calibration floors and targets are the browser's, shared by both.
import { packageVersion, type RunnerDefinition } from '@paralab/host';
import { browserStrategyCatalog } from './catalog.js';
import { ENGINES } from './engines.js';
import { pageUnsupported } from './page-support.js';
import { BROWSER_BUILTIN_MODULES, browserModulePlan, defaultBrowserPlan } from './plan.js';
import type { BrowserEngine } from './protocol.js';
import { browserSides } from './side.js';
import { browserTargets } from './targets.js';

/** The runner of one engine: `runtime` is the engine's name, and so is its default results file's. */
export function browserRunner(engine: BrowserEngine): RunnerDefinition {
  const { title } = ENGINES[engine];
  return {
    runtime: engine,
    title: `headless ${title} (a page and its Web Workers)`,
    bin: 'paralab-browser',
    version: packageVersion(import.meta.url),
    strategies: browserStrategyCatalog,
    plan: defaultBrowserPlan,
    modulePlan: browserModulePlan,
    builtinModules: BROWSER_BUILTIN_MODULES,
    resolveBuiltin: (specifier) => import.meta.resolve(specifier),
    sides: (context) => browserSides(engine, context),
    targets: browserTargets,
    canUseDatabase: false,
    ...(engine === 'firefox' ? { unlimitedHeap: FIREFOX_UNLIMITED_HEAP } : {}),
    unsupportedWorkloads: pageUnsupported,
    example: 'paralab-browser -w primes,http -s sequential,worker,workerpool -c 1,2 --profile quick',
    extraOptions: [
      {
        name: 'browser',
        type: 'string',
        value: '<names|path>',
        help: 'chromium, firefox, both (chromium,firefox) or installed; or a browser executable (default: $PARALAB_BROWSERS, else chromium)',
      },
      {
        name: 'ensure-browser',
        type: 'boolean',
        help: "find a browser for each engine of --browser, or install Debian's chromium or firefox-esr with apt-get, then exit",
      },
    ],
  };
}

/**
 * Why a Firefox run has no heap limit. Chromium takes one (`--js-flags=--max-old-space-size`, the page and
 * its workers alike); Firefox's `javascript.options.mem.max` bounds only the GC arenas, not the malloc'd
 * elements of large arrays and buffers, and a task holding 256 MiB of arrays ran to the end under a 64 MB
 * setting (tried here on Firefox ESR).
 */
const FIREFOX_UNLIMITED_HEAP =
  "Firefox has no setting that bounds a page's and its workers' JavaScript memory (javascript.options.mem.max leaves large arrays out)";

/** The Chromium runner (`runtime: chromium`, `results/chromium.json`). */
export const chromiumRunner: RunnerDefinition = browserRunner('chromium');

/** The Firefox runner (`runtime: firefox`, `results/firefox.json`). */
export const firefoxRunner: RunnerDefinition = browserRunner('firefox');
