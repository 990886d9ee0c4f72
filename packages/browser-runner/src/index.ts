export { bundlePage, type PageBundle } from './bundle.js';
export {
  browserStrategyCatalog,
  describeStrategy,
  NO_PROCESSES,
  type StrategyDescriptor,
} from './catalog.js';
export { CHROMIUM_ARGS, CHROMIUM_ENV, ensureChromium, findChromium, launchChromium } from './chromium.js';
export { ISOLATION_HEADERS, type PageServer, type ServedFile, startPageServer } from './page-server.js';
export { BROWSER_BUILTIN_MODULES, defaultBrowserPlan } from './plan.js';
export type { PageApi, PageIdentity, PageSetup } from './protocol.js';
export { type BrowserRunEvent, type BrowserRunOptions, runBrowser, selectBrowserCells } from './run.js';
export { PageLost, PageSession } from './session.js';
export { browserTargets, CONNECTIONS_PER_HOST } from './targets.js';
