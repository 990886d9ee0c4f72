// Which browsers a run measures: `--browser chromium,firefox` (or `$PARALAB_BROWSERS`), `installed` for
// Chromium and every other engine found here, or the path of one browser's executable.
import { basename } from 'node:path';
import { ParalabError } from '@paralab/core';
import { ensureChromium, findChromium, HOW_TO_GET_CHROMIUM } from './chromium.js';
import { ENGINE_NAMES, ENGINES, isEngine } from './engines.js';
import { ensureFirefox, findFirefox, HOW_TO_GET_FIREFOX } from './firefox.js';
import type { BrowserEngine } from './protocol.js';

/** The environment variable that chooses the browsers when `--browser` is not given. */
export const BROWSERS_ENV = 'PARALAB_BROWSERS';

/** The value that means Chromium, then every other engine found on this machine. */
export const INSTALLED = 'installed';

/** What `--browser` (or `$PARALAB_BROWSERS`) chose. */
export interface BrowserChoice {
  /** The engines to measure, one after the other, in this order. */
  readonly engines: readonly BrowserEngine[];
  /** Engines `installed` left out, each with a one-line reason (not found here, and how to get it). */
  readonly skipped: readonly string[];
}

/** How an engine's browser is found, installed with apt-get when missing, or else got. */
export interface BrowserFinder {
  /** The executable (`explicit`, else the engine's variable, else the usual places); throws in one line. */
  find(explicit?: string): string;
  /** The executable, installed first when missing (see `ensureChromium`, `ensureFirefox`). */
  ensure(log: (line: string) => void): Promise<string>;
  /** What to do when it is missing, in one line. */
  readonly howToGet: string;
}

/** Each engine's `BrowserFinder`. */
export const FINDERS: Readonly<Record<BrowserEngine, BrowserFinder>> = {
  chromium: { find: findChromium, ensure: ensureChromium, howToGet: HOW_TO_GET_CHROMIUM },
  firefox: { find: findFirefox, ensure: ensureFirefox, howToGet: HOW_TO_GET_FIREFOX },
};

/**
 * The browsers to measure: `option` (the `--browser` value), else `env` (`$PARALAB_BROWSERS`), else
 * Chromium. A comma-separated list of engine names, or `installed` (Chromium, then each other engine that
 * is found), or an executable's path (its engine told by its name: Firefox when it says so, else
 * Chromium). Throws a one-line `ParalabError` (`ERR_OPTION`) on anything else.
 */
export function chooseBrowsers(
  option: string | undefined,
  env: string | undefined = process.env[BROWSERS_ENV],
): BrowserChoice {
  const from = option !== undefined ? '--browser' : `$${BROWSERS_ENV}`;
  const value = option ?? (env?.trim() ? env : 'chromium');
  const path = executableOption(value);
  if (path && option === undefined)
    throw new ParalabError(
      'ERR_OPTION',
      `$${BROWSERS_ENV} names browsers (${choices(false)}), got "${value}": set PARALAB_CHROMIUM or PARALAB_FIREFOX to choose an executable`,
    );
  if (path) return { engines: [/firefox/i.test(basename(path)) ? 'firefox' : 'chromium'], skipped: [] };
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0)
    throw new ParalabError('ERR_OPTION', `${from} must name browsers (${choices()}), got "${value}"`);
  const engines: BrowserEngine[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    if (name === INSTALLED) {
      const { found, missing } = installedEngines();
      engines.push(...found);
      skipped.push(...missing);
    } else if (isEngine(name)) engines.push(name);
    else throw new ParalabError('ERR_OPTION', `${from} names "${name}", which is not one of ${choices()}`);
  }
  return { engines: [...new Set(engines)], skipped };
}

/** Chromium, and every other engine whose browser is found here; the others with why they are not. */
function installedEngines(): { found: BrowserEngine[]; missing: string[] } {
  const found: BrowserEngine[] = ['chromium'];
  const missing: string[] = [];
  for (const engine of ENGINE_NAMES.filter((name) => name !== 'chromium')) {
    try {
      FINDERS[engine].find();
      found.push(engine);
    } catch {
      missing.push(
        `${ENGINES[engine].title} is not installed here, so it is not measured: ${FINDERS[engine].howToGet}`,
      );
    }
  }
  return { found, missing };
}

function choices(paths = true): string {
  return `${ENGINE_NAMES.join(', ')}${paths ? ', ' : ' or '}${INSTALLED}${paths ? ", or a browser executable's path" : ''}`;
}

/**
 * The executable named by `--browser`, when its value is a path (it contains a path separator); engine
 * names (`--browser chromium,firefox`) choose engines, not executables, and give none.
 */
export function executableOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && /[\\/]/.test(value) ? value : undefined;
}
