// What the runner knows of each browser engine by name, for messages and metric sources. No globals: this
// module is compiled for Node and for the page alike.
import type { BrowserEngine } from './protocol.js';

/** How paralab names an engine and its parts. */
export interface EngineFacts {
  /** The engine's name in sentences (`Chromium`, `Firefox`). */
  readonly title: string;
  /**
   * The operating-system process that runs a page and its Web Workers, as the engine calls it (Chromium's
   * renderer; Firefox's content process, `Isolated Web Co` for a cross-origin isolated page).
   */
  readonly pageProcess: string;
}

/** Every engine the runner drives, in the order a multi-engine run measures them. */
export const ENGINES: Readonly<Record<BrowserEngine, EngineFacts>> = Object.freeze({
  chromium: { title: 'Chromium', pageProcess: 'renderer process' },
  firefox: { title: 'Firefox', pageProcess: 'content process' },
});

/** The engines' names, in the order a multi-engine run measures them. */
export const ENGINE_NAMES: readonly BrowserEngine[] = Object.freeze(['chromium', 'firefox']);

/** True when `name` is an engine the runner drives. */
export function isEngine(name: string): name is BrowserEngine {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}
