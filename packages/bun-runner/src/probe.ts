import type { CellMetrics, CellProbe, ProbeFactory } from '@paralab/core';
import { nodeProbe } from '@paralab/node-runner';
import { BUN_VERSION } from './_runtime.js';

/** The lag timer's period, ms. */
const LAG_PERIOD_MS = 1;

const LAG_SOURCE = `event-loop delay: lateness of a ${LAG_PERIOD_MS} ms setTimeout chain on the main thread (a tick still pending at the end counts as late by then); not perf_hooks.monitorEventLoopDelay, which Bun has but which records each tick's lateness where Node's records the interval between ticks`;

/**
 * The Bun resource probe. Bun implements the Node APIs node-runner's probe reads (`process.cpuUsage()`,
 * counting every thread of the process; `process.memoryUsage()`; the child processes' usage from `/proc`),
 * so CPU, utilization, RSS and heap come from `nodeProbe`. Event-loop delay does not: Bun's
 * `monitorEventLoopDelay` records how late each tick was, not Node's interval between ticks, so
 * `nodeProbe`'s reading (interval − 1 ms) would say 0 for an idle loop and 1 ms too little for a blocked
 * one. It is measured here instead by a 1 ms timer chain's lateness, which means the same thing on any
 * runtime: an idle loop reads ~0.1 ms, a loop blocked for 50 ms reads ~50 ms. `metrics.source` says which
 * source gave what.
 */
export const bunProbe: ProbeFactory = (instance) => new BunProbe(nodeProbe(instance));

class BunProbe implements CellProbe {
  #inner: CellProbe | undefined;
  #innerFailure: string | undefined;
  readonly #lag = new LagMonitor();

  constructor(inner: CellProbe) {
    this.#inner = inner;
  }

  async begin(): Promise<void> {
    this.#lag.stop({ record: false });
    if (this.#inner) {
      try {
        await this.#inner.begin();
      } catch (thrown) {
        // An older Bun without one of Node's APIs: keep what this probe measures itself.
        this.#innerFailure = thrown instanceof Error ? thrown.message : String(thrown);
        this.#inner.dispose?.();
        this.#inner = undefined;
      }
    }
    this.#lag.start();
  }

  async end(): Promise<void> {
    this.#lag.stop();
    await this.#inner?.end();
  }

  result(): CellMetrics {
    const { eventLoopDelay: _nodeReading, source, ...inner } = this.#inner?.result() ?? {};
    const sources = (source ?? '').split('; ').filter((s) => s && !s.startsWith('event-loop delay:'));
    if (this.#innerFailure)
      sources.push(
        `CPU and memory: not measured (node-runner's probe failed under Bun ${BUN_VERSION}: ${this.#innerFailure})`,
      );
    const metrics: CellMetrics = { ...inner, source: [...sources, LAG_SOURCE].join('; ') };
    const delay = this.#lag.summary();
    if (delay) metrics.eventLoopDelay = delay;
    return metrics;
  }

  dispose(): void {
    this.#lag.stop({ record: false });
    this.#inner?.dispose?.();
  }
}

/** Records how late each tick of a 1 ms timer chain fires, over every sample of a cell. */
export class LagMonitor {
  readonly #lateness: number[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #due = 0;

  /** Starts the chain (a no-op while it runs). */
  start(): void {
    if (this.#timer) return;
    this.#schedule();
  }

  /**
   * Stops the chain. With `record` (the default), a tick overdue now (the loop was blocked until now) is
   * recorded as late by now.
   */
  stop({ record = true }: { record?: boolean } = {}): void {
    if (!this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const overdue = performance.now() - this.#due;
    if (record) this.#lateness.push(Math.max(0, overdue));
  }

  /** p50, p99 and max of the lateness, ms; undefined before the first tick. */
  summary(): CellMetrics['eventLoopDelay'] {
    if (this.#lateness.length === 0) return undefined;
    const sorted = this.#lateness.slice().sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? 0 };
  }

  #schedule(): void {
    this.#due = performance.now() + LAG_PERIOD_MS;
    this.#timer = setTimeout(() => {
      this.#lateness.push(Math.max(0, performance.now() - this.#due));
      this.#schedule();
    }, LAG_PERIOD_MS);
    this.#timer.unref();
  }
}
