// The page's set-up, given once by the runner (`paralab.setup`): where the worker scripts and the workload
// modules are served. Strategies and probes read it when they start workers.
import { bug } from '@paralab/core';
import type { BrowserEngine, PageSetup } from '../protocol.js';

let current: PageSetup | undefined;
let engine: BrowserEngine | undefined;

/** Records the runner's set-up (and the engine the page runs in) for the strategies and probes of this page. */
export function setSetup(setup: PageSetup, runsIn: BrowserEngine): void {
  current = setup;
  engine = runsIn;
}

/** The engine the page runs in, as the runner said; throws when the runner has not set the page up yet. */
export function pageEngine(): BrowserEngine {
  if (!engine) throw bug('the page was used before paralab.setup() was called');
  return engine;
}

/** The set-up; throws when the runner has not given one yet. */
export function pageSetup(): PageSetup {
  if (!current) throw bug('the page was used before paralab.setup() was called');
  return current;
}

/** The URL the page (and its workers) import a workload module from, by the specifier results record. */
export function moduleUrl(specifier: string): string {
  const found = pageSetup().modules.find((module) => module.specifier === specifier);
  if (!found) throw bug(`the workload module ${specifier} was not bundled for the page`);
  return found.url;
}
