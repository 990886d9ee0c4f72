// @paralab/browser-runner: paralab in a browser page, in Chromium or Firefox. Named re-exports only.
export { BROWSER_PLACEHOLDER, BROWSER_RUNNERS, browserCli } from './browser-cli.js';
export {
  BROWSERS_ENV,
  type BrowserChoice,
  type BrowserFinder,
  chooseBrowsers,
  FINDERS,
  INSTALLED,
} from './browsers.js';
export { bundlePage, type PageBundle } from './bundle.js';
export {
  browserStrategyCatalog,
  describeStrategy,
  NO_PROCESSES,
  type StrategyDescriptor,
} from './catalog.js';
export { ChannelHub, PageChannel, type PendingChannel } from './channel.js';
export {
  CHROMIUM_ARGS,
  CHROMIUM_ENV,
  ensureChromium,
  findChromium,
  HOW_TO_GET_CHROMIUM,
  launchChromium,
} from './chromium.js';
export { browserRunner, chromiumRunner, firefoxRunner } from './definition.js';
export { chromiumDriver } from './drivers/chromium.js';
export type { BrowserDriver, DriverPage } from './drivers/driver.js';
export type { FirefoxDriver } from './drivers/firefox.js';
export { ENGINE_NAMES, ENGINES, type EngineFacts, isEngine } from './engines.js';
export {
  ensureFirefox,
  FIREFOX_PATH_ENV,
  findFirefox,
  HOW_TO_GET_FIREFOX,
  launchFirefox,
} from './firefox.js';
export { FIREFOX_ENV, FIREFOX_PREFS } from './firefox-prefs.js';
export { type BrowserGuard, guardBrowser, removeStaleProfiles } from './guard.js';
export { ISOLATION_HEADERS, type PageServer, type ServedFile, startPageServer } from './page-server.js';
export { BROWSER_BUILTIN_MODULES, BROWSER_ROLES, browserModulePlan, defaultBrowserPlan } from './plan.js';
export type { BrowserEngine, PageApi, PageConnection, PageIdentity, PageSetup } from './protocol.js';
export { type BrowserRunOptions, runBrowser } from './run.js';
export { PageSession, type SessionOptions } from './session.js';
export { browserSides, chromiumSides, firefoxSides } from './side.js';
export { browserTargets, CONNECTIONS_PER_HOST } from './targets.js';
