import type { CellMetrics, CellProbe, ExternalUsage, ProbeFactory, StrategyInstance } from '@paralab/core';
import { LAG_SOURCE, timerLagProbe } from '@paralab/core';

/**
 * How often RSS and heap are polled during a sample, ms: each poll wakes the main thread, which costs the
 * strategies that leave it idle (see core's `LAG_PERIOD_MS`); RSS grows and shrinks slowly (the allocator
 * keeps what it freed), so a peak held for less than this is the one it can miss.
 */
const MEMORY_POLL_MS = 50;

const SOURCE = [
  'CPU: process.cpuUsage() deltas (every thread of this process)',
  'wall: performance.now() between begin and end',
  `RSS: process.memoryUsage().rss polled every ${MEMORY_POLL_MS} ms from the main thread (no poll while it is blocked) and at begin/end`,
  'heap: process.memoryUsage().heapUsed (main thread)',
].join('; ');

const CHILDREN_SOURCE =
  '; child processes: StrategyInstance.usage() deltas for CPU, their rssBytes at begin/end added to the peak RSS';

/**
 * The Node APIs' resource probe, over a cell's kept samples only: CPU user and system time of this process
 * (its main thread and every worker thread, from `process.cpuUsage()`) plus that of the strategy's child
 * processes (`instance.usage()`), utilization (CPU time / sampled wall time), peak RSS (this process,
 * polled every 50 ms, plus children's) and peak main-thread heap. Bun and Deno implement the APIs it reads;
 * event-loop delay is each runtime's probe's (`nodeProbe` on Node).
 */
export const nodeResourceProbe: ProbeFactory = (instance) => new NodeResourceProbe(instance);

/**
 * The Node probe: `nodeResourceProbe`'s figures and the main thread's event-loop delay from core's
 * `LagMonitor` (a 10 ms timer chain's lateness, the first tick due 1 ms in): an idle loop reads ~0.1 ms, a
 * loop blocked for 50 ms reads ~50 ms. Not `perf_hooks.monitorEventLoopDelay`, whose smallest resolution
 * (1 ms) wakes the main thread a thousand times a second, and whose histogram must be primed by a tick
 * of its resolution before each sample.
 */
export const nodeProbe: ProbeFactory = timerLagProbe(nodeResourceProbe, {
  runtime: () => `Node ${process.version}`,
  source: `${LAG_SOURCE}; not perf_hooks.monitorEventLoopDelay, whose 1 ms timer wakes the main thread a thousand times a second`,
});

class NodeResourceProbe implements CellProbe {
  readonly #instance: StrategyInstance;
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
    const poll = setInterval(() => this.#pollMemory(), MEMORY_POLL_MS);
    poll.unref();
    this.#pollMemory();
    this.#current = { children, poll, cpu: process.cpuUsage(), start: performance.now() };
  }

  async end(): Promise<void> {
    const end = performance.now();
    const current = this.#current;
    if (!current) return;
    const cpu = process.cpuUsage(current.cpu);
    clearInterval(current.poll);
    this.#pollMemory();
    this.#current = undefined;
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
    return metrics;
  }

  dispose(): void {
    const current = this.#current;
    this.#current = undefined;
    if (!current) return;
    clearInterval(current.poll);
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
  readonly poll: NodeJS.Timeout;
  readonly cpu: NodeJS.CpuUsage;
  readonly start: number;
}
