import { describe, expect, it } from 'vitest';
import { LagMonitor, timerLagProbe } from './lag-monitor.js';
import { delay, now } from './platform.js';
import type { CellProbe } from './probe.js';
import type { CellMetrics } from './schema.js';
import type { StrategyInstance } from './strategy.js';

/** Blocks the event loop for `ms` of wall time. */
function block(ms: number): void {
  const end = now() + ms;
  while (now() < end) {}
}

const instance: StrategyInstance = { options: {}, runBatch: async () => [], close: async () => {} };

/** A probe standing in for a runtime's own: fixed metrics, or a begin() that throws. */
function fixedProbe(metrics: CellMetrics, failure?: string): CellProbe {
  return {
    begin: () => {
      if (failure) throw new Error(failure);
    },
    end: () => {},
    result: () => metrics,
  };
}

/** The worst lateness a monitor reads over a loop blocked for `ms` from its start. */
function lagOfBlock(ms: number): number | undefined {
  const monitor = new LagMonitor();
  monitor.start();
  block(ms);
  monitor.stop();
  return monitor.summary()?.maxMs;
}

describe('LagMonitor', () => {
  it('counts a tick still pending at stop as late by then', () => {
    expect(lagOfBlock(30)).toBeGreaterThan(25);
  });

  it('reads a loop blocked from the start for its whole block: the first tick is due 1 ms in', () => {
    // A first tick due a period (10 ms) in would read 30.
    expect(lagOfBlock(40)).toBeGreaterThan(38);
  });

  it('has nothing to say before it ran, and discards a run stopped without recording', () => {
    const monitor = new LagMonitor();
    expect(monitor.summary()).toBeUndefined();
    monitor.start();
    block(5);
    monitor.stop({ record: false });
    expect(monitor.summary()).toBeUndefined();
  });

  it('records the ticks of an idle loop, each late by less than a blocked one', async () => {
    const monitor = new LagMonitor();
    monitor.start();
    await delay(30);
    monitor.stop();
    const summary = monitor.summary();
    expect(summary?.p50Ms).toBeGreaterThanOrEqual(0);
    expect(summary?.maxMs).toBeGreaterThanOrEqual(summary?.p50Ms ?? Number.NaN);
  });
});

describe('timerLagProbe', () => {
  const source = 'event-loop delay: a timer chain (test)';

  it("keeps the inner probe's CPU and memory, and replaces its event-loop delay and its source", async () => {
    const inner = fixedProbe({
      cpuUserMs: 5,
      peakRssBytes: 100,
      eventLoopDelay: { p50Ms: 0, p99Ms: 0, maxMs: 0 },
      source: 'CPU: inner; event-loop delay: inner histogram',
    });
    const probe = timerLagProbe(() => inner, { runtime: () => 'Test 1.0', source })(instance);
    await probe.begin();
    block(40);
    await probe.end();
    const metrics = probe.result();
    probe.dispose?.();
    expect(metrics.cpuUserMs).toBe(5);
    expect(metrics.peakRssBytes).toBe(100);
    expect(metrics.eventLoopDelay?.maxMs).toBeGreaterThan(35);
    expect(metrics.source).toBe(`CPU: inner; ${source}`);
  });

  it('keeps its own reading and says why the rest is missing when the inner probe cannot begin', async () => {
    const probe = timerLagProbe(() => fixedProbe({ source: 'CPU: inner' }, 'no cpuUsage here'), {
      runtime: () => 'Test 1.0',
      source,
    })(instance);
    await probe.begin();
    await probe.end();
    const metrics = probe.result();
    expect(metrics.cpuUserMs).toBeUndefined();
    expect(metrics.source).toBe(
      `CPU and memory: not measured (the Node API probe failed under Test 1.0: no cpuUsage here); ${source}`,
    );
  });
});
