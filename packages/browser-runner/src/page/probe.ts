import {
  type CellMetrics,
  type CellProbe,
  type ExternalUsage,
  LAG_FIRST_TICK_MS,
  LAG_PERIOD_MS,
  type ProbeFactory,
} from '@paralab/core';
import { ENGINES } from '../engines.js';
import { type BrowserEngine, RSS_POLL_MS, type ToHost } from '../protocol.js';
import { callHost } from './host.js';
import { pageEngine } from './setup.js';

/**
 * Period of the responsiveness ping, ms: a timer set this far ahead, again and again, during a sample (the
 * first due `LAG_FIRST_TICK_MS` in, so a main thread blocked from the start reads its whole block). Core's
 * lag period: each ping wakes the main thread, a cost only the strategies that leave it idle would pay.
 */
const PING_MS = LAG_PERIOD_MS;

/** Whether this engine reports main-thread long tasks (Chromium does; Firefox 153 does not). */
const LONG_TASKS = PerformanceObserver.supportedEntryTypes?.includes('longtask') === true;

/** Whether this engine has `performance.memory` (Chromium's, non-standard). */
const HEAP = 'memory' in performance;

/** How each figure of a cell was read in this engine, or why it was not (`metrics.source`). */
function sourceFor(engine: BrowserEngine): string {
  const { title, pageProcess } = ENGINES[engine];
  return [
    `main-thread delay: a setTimeout(${PING_MS} ms) chain during every sample (the first due ${LAG_FIRST_TICK_MS} ms in), each callback's lateness past its due time, and at the end the lateness of the one still pending (what a click handler would wait)`,
    LONG_TASKS
      ? "long tasks: PerformanceObserver('longtask') entries (main-thread tasks over 50 ms)"
      : `long tasks: not recorded, ${title} does not report them (PerformanceObserver.supportedEntryTypes has no 'longtask')`,
    HEAP
      ? `heap: performance.memory.usedJSHeapSize of the main thread (${title}; exact with Chromium's --enable-precise-memory-info), polled with the ping`
      : `heap: not recorded, ${title} has no performance.memory`,
    `CPU and RSS: the page's ${pageProcess} (main thread and every worker), read by the runner from the OS at begin/end, RSS polled every ${RSS_POLL_MS} ms`,
  ].join('; ');
}

/** What `performance.memory` holds in Chromium (non-standard). */
interface ChromiumMemory {
  readonly usedJSHeapSize: number;
}

/**
 * The browser's resource probe, over a cell's kept samples: how late the main thread's timers ran (the
 * page's event-loop delay: a user's jank, claim C5), its long tasks, its peak JS heap, and the renderer
 * process's CPU time and memory as the runner reads them from the OS (the page's workers run in that
 * process, so utilization above 1 shows real parallelism).
 */
export const browserProbe: ProbeFactory = () => new BrowserProbe(sourceFor(pageEngine()));

class BrowserProbe implements CellProbe {
  readonly #source: string;
  readonly #delays: number[] = [];
  readonly #longTasks: number[] = [];
  #samples = 0;
  #wallMs = 0;
  #cpuUserMs = 0;
  #cpuSystemMs = 0;
  #peakRss = 0;
  #peakHeap = 0;
  #usageSamples = 0;
  #current: Running | undefined;

  constructor(source: string) {
    this.#source = source;
  }

  async begin(): Promise<void> {
    this.dispose();
    const usage = await askHost({ type: 'usage-begin' });
    const observer = observeLongTasks(this.#longTasks);
    const running: Running = { usage, observer, timer: undefined, due: 0, start: 0 };
    this.#current = running;
    this.#pollHeap();
    const ping = (ms: number): void => {
      running.due = performance.now() + ms;
      running.timer = setTimeout(() => {
        this.#delays.push(Math.max(0, performance.now() - running.due));
        this.#pollHeap();
        if (this.#current === running) ping(PING_MS);
      }, ms);
    };
    ping(LAG_FIRST_TICK_MS);
    // The sample starts in a timer task of its own, not inside the handler of the runner's answer (a
    // WebSocket message task), so a long batch is a long task of its own.
    await new Promise((resolve) => setTimeout(resolve, 0));
    running.start = performance.now();
  }

  async end(): Promise<void> {
    const end = performance.now();
    const running = this.#current;
    if (!running) return;
    // A main thread blocked until now has not run its overdue ping (and a 0 ms timer would run before it):
    // its lateness so far is what the sample made it wait.
    clearTimeout(running.timer);
    if (end > running.due) this.#delays.push(end - running.due);
    this.#current = undefined;
    // One macrotask lets the browser report the long task that just ended.
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.#longTasks.push(...running.observer.takeRecords().map((entry) => entry.duration));
    running.observer.disconnect();
    this.#pollHeap();
    this.#samples++;
    this.#wallMs += end - running.start;
    const usage = await askHost({ type: 'usage-end' });
    if (running.usage && usage) {
      this.#usageSamples++;
      this.#cpuUserMs += Math.max(0, usage.cpuUserMs - running.usage.cpuUserMs);
      this.#cpuSystemMs += Math.max(0, usage.cpuSystemMs - running.usage.cpuSystemMs);
      this.#peakRss = Math.max(this.#peakRss, usage.rssBytes);
    }
  }

  result(): CellMetrics {
    if (this.#samples === 0) return { source: this.#source };
    const metrics: CellMetrics = { source: this.#source };
    if (this.#usageSamples > 0) {
      metrics.cpuUserMs = this.#cpuUserMs;
      metrics.cpuSystemMs = this.#cpuSystemMs;
      metrics.utilization = this.#wallMs > 0 ? (this.#cpuUserMs + this.#cpuSystemMs) / this.#wallMs : 0;
      metrics.peakRssBytes = this.#peakRss;
    }
    if (this.#peakHeap > 0) metrics.heapUsedBytes = this.#peakHeap;
    if (this.#delays.length > 0) {
      const sorted = this.#delays.slice().sort((a, b) => a - b);
      metrics.eventLoopDelay = {
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        maxMs: sorted[sorted.length - 1] ?? 0,
      };
    }
    if (LONG_TASKS)
      metrics.longTasks = {
        count: this.#longTasks.length,
        totalMs: this.#longTasks.reduce((sum, ms) => sum + ms, 0),
        maxMs: Math.max(0, ...this.#longTasks),
      };
    return metrics;
  }

  dispose(): void {
    const running = this.#current;
    this.#current = undefined;
    if (!running) return;
    clearTimeout(running.timer);
    running.observer.disconnect();
  }

  #pollHeap(): void {
    const memory = (performance as Performance & { memory?: ChromiumMemory }).memory;
    if (memory) this.#peakHeap = Math.max(this.#peakHeap, memory.usedJSHeapSize);
  }
}

/** One sample in progress. */
interface Running {
  readonly usage: ExternalUsage | null;
  readonly observer: PerformanceObserver;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending ping is due, ms (`performance.now()`). */
  due: number;
  start: number;
}

/** Asks the runner for the renderer's usage; null outside the runner or when it cannot tell. */
async function askHost(message: ToHost): Promise<ExternalUsage | null> {
  const answer = await callHost(message);
  return answer !== undefined && answer !== null && typeof answer === 'object' ? answer : null;
}

function observeLongTasks(into: number[]): PerformanceObserver {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) into.push(entry.duration);
  });
  // An engine without long-task timing records no figure, and the source says why.
  if (LONG_TASKS) observer.observe({ type: 'longtask', buffered: false });
  return observer;
}

/** The value at quantile `q` of sorted values (nearest rank). */
function percentile(sorted: readonly number[], q: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
