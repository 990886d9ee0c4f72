import type { CliRunner } from '@paralab/node-runner';
import { browserStrategyCatalog } from './catalog.js';
import { ensureChromium } from './chromium.js';
import { BROWSER_BUILTIN_MODULES, defaultBrowserPlan, loadForPlanning } from './plan.js';
import { type BrowserRunEvent, runBrowser } from './run.js';
import { browserTargets } from './targets.js';

/** What `paralab-browser` runs: node-runner's command line over the browser runner. */
export const browserCliRunner: CliRunner<BrowserRunEvent> = {
  strategies: browserStrategyCatalog,
  plan: defaultBrowserPlan,
  builtinModules: BROWSER_BUILTIN_MODULES,
  loadModule: loadForPlanning,
  example: 'paralab-browser -w primes,http -s sequential,worker,workerpool -c 1,2 --profile quick',
  run: ({ extra, ...options }) =>
    runBrowser({ ...options, browser: typeof extra.browser === 'string' ? extra.browser : undefined }),
  targets: browserTargets,
  progressLine(event) {
    if (event.type === 'browser-start') return `starting ${event.executablePath} (headless) ...`;
    if (event.type === 'page-lost') return `  ! ${event.reason}; the next group gets a new page`;
    if (event.type === 'page-ready') {
      const { crossOriginIsolated, hardwareConcurrency } = event.identity;
      const isolated = crossOriginIsolated ? 'cross-origin isolated' : 'NOT cross-origin isolated';
      const renderer =
        event.rendererPid === undefined
          ? 'renderer not found: no CPU figures'
          : `renderer pid ${event.rendererPid}`;
      return `page ready: ${isolated}, ${hardwareConcurrency} cores, ${renderer}`;
    }
    if (event.type === 'calibration-start')
      return 'calibrating: Web Worker start-up (module and classic), messages, payloads, fetch and the timer ...';
    return undefined;
  },
};

/** `paralab-browser --ensure-browser`: prints the browser it found or installed; returns the exit code. */
export async function ensureBrowserCommand(bin: string): Promise<number> {
  try {
    const path = await ensureChromium((line) => process.stdout.write(`${bin}: ${line}\n`));
    process.stdout.write(`${bin}: using ${path}\n`);
    return 0;
  } catch (thrown) {
    process.stderr.write(`${bin}: ${thrown instanceof Error ? thrown.message : String(thrown)}\n`);
    return 1;
  }
}
