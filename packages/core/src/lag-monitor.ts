// Event-loop delay measured the same way on every runtime: how late each tick of a timer chain fires.
// `monitorEventLoopDelay` does not mean the same on each (Bun records each tick's lateness, Deno's does not
// see a blocked loop at all) and wakes the main thread every millisecond (see `LAG_PERIOD_MS`), so every
// runtime's probe reads this instead. Timers only: portable.

import { now, setTimer } from './platform.js';
import type { CellProbe, ProbeFactory } from './probe.js';
import type { CellMetrics } from './schema.js';

/**
 * The lag timer's period, ms. Each tick wakes the main thread, and on a machine with few cores that is not
 * free: at 1 ms (a thousand wake-ups a second) a pool of 2 workers on this 2-core VM ran primes 7% slower
 * (worker@2 over sequential 1.62-1.77x against 1.84-1.90x at 10 ms), a cost only the strategies that leave
 * the main thread idle paid. At 10 ms a tick is due within 10 ms of any moment: a block that begins between
 * ticks reads up to that much short (a block from a sample's start does not: the first tick is due 1 ms in).
 */
export const LAG_PERIOD_MS = 10;

/** When the first tick of a sample is due, ms: a loop blocked from the start reads its whole block. */
export const LAG_FIRST_TICK_MS = 1;

/** How a probe built on `LagMonitor` says where its event-loop delay comes from (`metrics.source`). */
export const LAG_SOURCE = `event-loop delay: lateness of a ${LAG_PERIOD_MS} ms setTimeout chain on the main thread (the first tick due ${LAG_FIRST_TICK_MS} ms in; a tick still pending at the end counts as late by then)`;

/** Records how late each tick of a timer chain (see `LAG_PERIOD_MS`) fires, over every sample of a cell. */
export class LagMonitor {
  readonly #lateness: number[] = [];
  #cancel: (() => void) | undefined;
  #due = 0;

  /** Starts the chain (a no-op while it runs). */
  start(): void {
    if (this.#cancel) return;
    this.#schedule(LAG_FIRST_TICK_MS);
  }

  /**
   * Stops the chain. With `record` (the default), a tick overdue now (the loop was blocked until now) is
   * recorded as late by now.
   */
  stop({ record = true }: { record?: boolean } = {}): void {
    if (!this.#cancel) return;
    this.#cancel();
    this.#cancel = undefined;
    const overdue = now() - this.#due;
    if (record) this.#lateness.push(Math.max(0, overdue));
  }

  /** p50, p99 and max of the lateness, ms; undefined before the first tick. */
  summary(): CellMetrics['eventLoopDelay'] {
    if (this.#lateness.length === 0) return undefined;
    const sorted = this.#lateness.slice().sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? 0 };
  }

  #schedule(periodMs: number): void {
    this.#due = now() + periodMs;
    this.#cancel = setTimer(
      () => {
        this.#lateness.push(Math.max(0, now() - this.#due));
        this.#schedule(LAG_PERIOD_MS);
      },
      periodMs,
      { unref: true },
    );
  }
}

/** How a runtime's probe says where its event-loop delay comes from. */
export interface TimerLagOptions {
  /** The runtime, as failure notes name it (`Bun 1.4.5`, `Deno 2.9.6`); read only when one is written. */
  readonly runtime: () => string;
  /** The `event-loop delay: ...` part of `metrics.source`. */
  readonly source: string;
}

/**
 * A probe that takes CPU, utilization, RSS and heap from `inner` (Node's probe, whose APIs Bun and Deno
 * implement) and event-loop delay from a `LagMonitor` instead of `inner`'s reading. When `inner` fails to
 * begin (a runtime without one of its APIs), what this probe measures itself is kept and the source says
 * why the rest is missing.
 */
export function timerLagProbe(inner: ProbeFactory, options: TimerLagOptions): ProbeFactory {
  return (instance) => new TimerLagProbe(inner(instance), options);
}

class TimerLagProbe implements CellProbe {
  #inner: CellProbe | undefined;
  #innerFailure: string | undefined;
  readonly #options: TimerLagOptions;
  readonly #lag = new LagMonitor();

  constructor(inner: CellProbe, options: TimerLagOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  async begin(): Promise<void> {
    this.#lag.stop({ record: false });
    if (this.#inner) {
      try {
        await this.#inner.begin();
      } catch (thrown) {
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
    const { eventLoopDelay: _innerReading, source, ...inner } = this.#inner?.result() ?? {};
    const sources = (source ?? '').split('; ').filter((s) => s && !s.startsWith('event-loop delay:'));
    if (this.#innerFailure)
      sources.push(
        `CPU and memory: not measured (the Node API probe failed under ${this.#options.runtime()}: ${this.#innerFailure})`,
      );
    const metrics: CellMetrics = { ...inner, source: [...sources, this.#options.source].join('; ') };
    const delay = this.#lag.summary();
    if (delay) metrics.eventLoopDelay = delay;
    return metrics;
  }

  dispose(): void {
    this.#lag.stop({ record: false });
    this.#inner?.dispose?.();
  }
}
