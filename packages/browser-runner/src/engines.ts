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
  /**
   * True when each group is measured in a page of its own. A Chromium page that ran earlier groups slows
   * the next one's workers: in one quick run, grain at 1024 µs a task ran worker@2 in 23.1 ms (0.89x
   * sequential) as the 18th group of one page and in 13.4 ms (1.55x) in a page of its own, and the cost
   * model's median error over the CPU cells went from 25.8% to 20.9%. Firefox showed no such slowing (model
   * error 17.6% and 17.7%) and takes about 2 s to open a page, so it keeps one.
   */
  readonly pagePerGroup: boolean;
}

/** Every engine the runner drives, in the order a multi-engine run measures them. */
export const ENGINES: Readonly<Record<BrowserEngine, EngineFacts>> = Object.freeze({
  chromium: { title: 'Chromium', pageProcess: 'renderer process', pagePerGroup: true },
  firefox: { title: 'Firefox', pageProcess: 'content process', pagePerGroup: false },
});

/** The engines' names, in the order a multi-engine run measures them. */
export const ENGINE_NAMES: readonly BrowserEngine[] = Object.freeze(['chromium', 'firefox']);

/** True when `name` is an engine the runner drives. */
export function isEngine(name: string): name is BrowserEngine {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}
