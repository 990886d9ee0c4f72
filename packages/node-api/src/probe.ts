import { createHistogram, type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { CellMetrics, CellProbe, ExternalUsage, ProbeFactory, StrategyInstance } from '@paralab/core';

/** Resolution of the event-loop delay timer, ms (the smallest `monitorEventLoopDelay` accepts). */
const DELAY_RESOLUTION_MS = 1;
/** How often RSS and heap are polled during a sample, ms. */
const MEMORY_POLL_MS = 10;

const NS_PER_MS = 1e6;

const SOURCE = [
  'CPU: process.cpuUsage() deltas (every thread of this process)',
  'wall: performance.now() between begin and end',
  'RSS: process.memoryUsage().rss polled every 10 ms from the main thread (no poll while it is blocked) and at begin/end',
  'heap: process.memoryUsage().heapUsed (main thread)',
  `event-loop delay: perf_hooks.monitorEventLoopDelay({ resolution: ${DELAY_RESOLUTION_MS} }), one per sample merged into the cell's, reported as the interval between its timer's callbacks minus the ${DELAY_RESOLUTION_MS} ms resolution`,
].join('; ');

const CHILDREN_SOURCE =
  '; child processes: StrategyInstance.usage() deltas for CPU, their rssBytes at begin/end added to the peak RSS';

/**
 * The Node resource probe: over a cell's kept samples only, CPU user and system time of this process (its
 * main thread and every worker thread, from `process.cpuUsage()`) plus that of the strategy's child
 * processes (`instance.usage()`), utilization (CPU time / sampled wall time), peak RSS (this process,
 * polled every 10 ms, plus children's), peak main-thread heap, and the main thread's event-loop delay.
 *
 * Event-loop delay: `monitorEventLoopDelay` records the interval between successive callbacks of a
 * repeating timer, so an idle loop reads as its resolution (10 ms at resolution 10) and a disable/enable
 * pair records the whole pause in between. This probe therefore uses resolution 1 ms, a fresh histogram
 * per sample (primed by one tick at begin, flushed by one tick at end, so a loop blocked for the whole
 * sample is still seen), merges every sample's intervals into one histogram per cell and reports
 * interval − resolution: an idle loop reads ~0.1 ms, a loop blocked for 50 ms reads ~49-50 ms.
 * begin() and end() take about 2 ms each for those ticks, outside the timed region.
 */
export const nodeProbe: ProbeFactory = (instance) => new NodeProbe(instance);

class NodeProbe implements CellProbe {
  readonly #instance: StrategyInstance;
  readonly #delays = createHistogram();
  #samples = 0;
  #wallMs = 0;
  #cpuUserMicros = 0;
  #cpuSystemMicros = 0;
  #peakRss = 0;
  #peakHeap = 0;
  #peakChildRss = 0;
  #childSamples = 0;
  #current: Running | undefined;

  constructor(instance: StrategyInstance) {
    this.#instance = instance;
  }

  async begin(): Promise<void> {
    this.dispose();
    const children = await this.#childUsage();
    const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
    delay.enable();
    // The first callback only sets the histogram's start point: let it happen before timing starts.
    await tick(DELAY_RESOLUTION_MS + 1);
    const poll = setInterval(() => this.#pollMemory(), MEMORY_POLL_MS);
    poll.unref();
    this.#pollMemory();
    this.#current = { children, delay, poll, cpu: process.cpuUsage(), start: performance.now() };
  }

  async end(): Promise<void> {
    const end = performance.now();
    const current = this.#current;
    if (!current) return;
    const cpu = process.cpuUsage(current.cpu);
    clearInterval(current.poll);
    this.#pollMemory();
    // A loop blocked until now has not run the delay timer yet: one tick lets it record that wait.
    await tick(0);
    current.delay.disable();
    this.#current = undefined;
    mergeDelays(current.delay, this.#delays);
    this.#samples++;
    this.#wallMs += end - current.start;
    this.#cpuUserMicros += cpu.user;
    this.#cpuSystemMicros += cpu.system;
    const children = current.children && (await this.#childUsage());
    if (current.children && children) {
      this.#childSamples++;
      this.#cpuUserMicros += 1000 * Math.max(0, children.cpuUserMs - current.children.cpuUserMs);
      this.#cpuSystemMicros += 1000 * Math.max(0, children.cpuSystemMs - current.children.cpuSystemMs);
      this.#peakChildRss = Math.max(this.#peakChildRss, current.children.rssBytes, children.rssBytes);
    }
  }

  result(): CellMetrics {
    const source = this.#childSamples > 0 ? SOURCE + CHILDREN_SOURCE : SOURCE;
    if (this.#samples === 0) return { source };
    const cpuUserMs = this.#cpuUserMicros / 1000;
    const cpuSystemMs = this.#cpuSystemMicros / 1000;
    const metrics: CellMetrics = {
      cpuUserMs,
      cpuSystemMs,
      utilization: this.#wallMs > 0 ? (cpuUserMs + cpuSystemMs) / this.#wallMs : 0,
      peakRssBytes: this.#peakRss + this.#peakChildRss,
      heapUsedBytes: this.#peakHeap,
      source,
    };
    if (this.#delays.count > 0) {
      const delayMs = (ns: number): number => Math.max(0, ns / NS_PER_MS - DELAY_RESOLUTION_MS);
      metrics.eventLoopDelay = {
        p50Ms: delayMs(this.#delays.percentile(50)),
        p99Ms: delayMs(this.#delays.percentile(99)),
        maxMs: delayMs(this.#delays.max),
      };
    }
    return metrics;
  }

  dispose(): void {
    const current = this.#current;
    this.#current = undefined;
    if (!current) return;
    clearInterval(current.poll);
    current.delay.disable();
  }

  #pollMemory(): void {
    const memory = process.memoryUsage();
    this.#peakRss = Math.max(this.#peakRss, memory.rss);
    this.#peakHeap = Math.max(this.#peakHeap, memory.heapUsed);
  }

  /** The children's cumulative usage, or undefined when the strategy has none or cannot tell now. */
  async #childUsage(): Promise<ExternalUsage | undefined> {
    if (!this.#instance.usage) return undefined;
    try {
      return await this.#instance.usage();
    } catch {
      // A child that just died has no usage to read; that sample counts this process only.
      return undefined;
    }
  }
}

/** One sample in progress. */
interface Running {
  readonly children: ExternalUsage | undefined;
  readonly delay: IntervalHistogram;
  readonly poll: NodeJS.Timeout;
  readonly cpu: NodeJS.CpuUsage;
  readonly start: number;
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Adds every interval of `from` to `into`. An interval histogram cannot be `add`ed to a recordable one,
 * so its values are read back by rank: with n values, the value at percentile 100·k/n is the k-th
 * smallest (to the histogram's 3 significant digits).
 */
function mergeDelays(from: IntervalHistogram, into: ReturnType<typeof createHistogram>): void {
  const n = from.count;
  for (let k = 1; k <= n; k++) into.record(Math.max(1, Math.round(from.percentile((100 * k) / n))));
}
