import type { ExternalUsage } from '@paralab/core';
import { processUsage } from '@paralab/host/process';
import type { BrowserDriver } from './drivers/driver.js';
import { RSS_POLL_MS } from './protocol.js';

/**
 * What makes a renderer the page's: during the burn its CPU time grew by at least this many ms, and by at
 * least twice as much as any other renderer's (on a loaded machine the page may get a fraction of a core).
 */
const BURN_EVIDENCE = { minMs: 20, overRunnerUp: 2 } as const;

/** How quiet the browser must be before measuring: CPU over a window, as a share of it. */
const QUIET = { windowMs: 250, share: 0.1, maxWaitMs: 5_000 } as const;

/**
 * Waits (up to 5 s) until the browser's processes together use under 10% of a core over 250 ms: right
 * after launch, headless Chromium builds its own UI in a renderer of its own for about a second, and
 * Firefox initialises its profile, which would compete with the first measurements on a small machine.
 */
export async function settleBrowser(driver: BrowserDriver): Promise<void> {
  const begin = performance.now();
  const pids = await driver.processes().catch(() => []);
  if (pids.length === 0) return;
  let before = await cpuMs(...pids);
  while (performance.now() - begin < QUIET.maxWaitMs) {
    await new Promise((resolve) => setTimeout(resolve, QUIET.windowMs));
    const now = await cpuMs(...pids);
    if (now - before < QUIET.share * QUIET.windowMs) break;
    before = now;
  }
}

/**
 * Finds the operating-system process that runs the page (its main thread and its workers): a browser runs
 * several (Chromium a spare renderer, the first blank tab's, its own UI's; Firefox its content processes),
 * so the page keeps its main thread busy for `burnMs` (`burn`), twice, and the candidate whose CPU time,
 * read from the OS, grew by at least 20 ms and twice as much as any other's, both times, is the one.
 * (Chromium's own per-process CPU figures lag: it samples them now and then.) Resolves with undefined when
 * no candidate stands out twice (the page's cells then carry no CPU and RSS figures).
 */
export async function findRendererPid(
  driver: BrowserDriver,
  burn: (ms: number) => Promise<void>,
  burnMs = 200,
): Promise<number | undefined> {
  try {
    const pids = await driver.pageProcesses();
    if (pids.length === 0) return undefined;
    const busiest = async (): Promise<number | undefined> => {
      const before = await Promise.all(pids.map((pid) => cpuMs(pid)));
      await burn(burnMs);
      const after = await Promise.all(pids.map((pid) => cpuMs(pid)));
      const gains = pids
        .map((pid, i) => ({ pid, gained: (after[i] ?? 0) - (before[i] ?? 0) }))
        .sort((a, b) => b.gained - a.gained);
      const [first, second] = gains;
      if (!first || first.gained < BURN_EVIDENCE.minMs) return undefined;
      return first.gained >= BURN_EVIDENCE.overRunnerUp * (second?.gained ?? 0) ? first.pid : undefined;
    };
    const first = await busiest();
    return first !== undefined && (await busiest()) === first ? first : undefined;
  } catch {
    return undefined;
  }
}

/** The CPU time (user + system) of the processes together, ms, read from the OS. */
async function cpuMs(...pids: number[]): Promise<number> {
  const usage = await processUsage(pids);
  return usage.cpuUserMs + usage.cpuSystemMs;
}

/**
 * The renderer's resource use around one sample: cumulative CPU at `begin` and `end`, and the peak RSS
 * seen in between (read every 50 ms from this process, so polling never runs on the page's threads).
 */
export class RendererWatch {
  readonly #pid: number | undefined;
  #poll: NodeJS.Timeout | undefined;
  #peakRss = 0;

  constructor(pid: number | undefined) {
    this.#pid = pid;
  }

  /** Starts watching; resolves with the cumulative usage now, or null when the renderer is unknown. */
  async begin(): Promise<ExternalUsage | null> {
    this.#stop();
    const usage = await this.#read();
    if (!usage) return null;
    this.#peakRss = usage.rssBytes;
    this.#poll = setInterval(() => {
      this.#read().then(
        (now) => {
          if (now) this.#peakRss = Math.max(this.#peakRss, now.rssBytes);
        },
        () => {},
      );
    }, RSS_POLL_MS);
    this.#poll.unref();
    return usage;
  }

  /** Stops watching; resolves with the cumulative CPU now and the peak RSS since `begin`. */
  async end(): Promise<ExternalUsage | null> {
    this.#stop();
    const usage = await this.#read();
    if (!usage) return null;
    return { ...usage, rssBytes: Math.max(this.#peakRss, usage.rssBytes) };
  }

  /** The renderer's resident memory now, bytes, or null when it is unknown. */
  async rss(): Promise<number | null> {
    return (await this.#read())?.rssBytes ?? null;
  }

  /** Stops the polling. */
  dispose(): void {
    this.#stop();
  }

  #stop(): void {
    clearInterval(this.#poll);
    this.#poll = undefined;
  }

  async #read(): Promise<ExternalUsage | null> {
    if (this.#pid === undefined) return null;
    try {
      const usage = await processUsage([this.#pid]);
      return usage.rssBytes > 0 ? usage : null;
    } catch {
      return null;
    }
  }
}
