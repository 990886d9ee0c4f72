import { describe, expect, test } from 'bun:test';
import type { ExternalUsage, StrategyInstance } from '@paralab/core';
import { bunProbe, LagMonitor } from '../src/index.js';

const instance = (usage?: () => Promise<ExternalUsage>): StrategyInstance => ({
  options: {},
  runBatch: async () => [],
  close: async () => {},
  ...(usage ? { usage } : {}),
});

/** Blocks the event loop for `ms` of wall time. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
}

async function probed(
  samples: number,
  body: () => void | Promise<void>,
  usage?: () => Promise<ExternalUsage>,
) {
  const probe = bunProbe(instance(usage));
  try {
    for (let i = 0; i < samples; i++) {
      await probe.begin();
      await body();
      await probe.end();
    }
    return probe.result();
  } finally {
    probe.dispose?.();
  }
}

describe('bunProbe', () => {
  test('reads CPU and memory with Node APIs as Bun implements them, and a blocked loop by its own timer', async () => {
    const busy = await probed(3, () => block(60));
    // A timer due during 60 ms of blocked loop fires at least ~59 ms late, however loaded the machine.
    expect(busy.eventLoopDelay?.maxMs).toBeGreaterThan(55);
    expect(busy.cpuUserMs).toBeGreaterThan(0);
    expect(busy.peakRssBytes).toBeGreaterThan(0);
    expect(busy.heapUsedBytes).toBeGreaterThan(0);
    expect(busy.source).toContain('CPU: process.cpuUsage() deltas');
    expect(busy.source).toContain('event-loop delay: lateness of a 10 ms setTimeout chain');
    expect(busy.source).not.toContain('perf_hooks.monitorEventLoopDelay({');
  });

  test("adds the strategy's child processes", async () => {
    let calls = 0;
    const usage = async (): Promise<ExternalUsage> => {
      calls++;
      return { cpuUserMs: 100 * calls, cpuSystemMs: 0, rssBytes: 1_000_000_000 };
    };
    const metrics = await probed(1, () => {}, usage);
    expect(metrics.cpuUserMs).toBeGreaterThanOrEqual(100);
    expect(metrics.peakRssBytes).toBeGreaterThan(1_000_000_000);
    expect(metrics.source).toContain('child processes: StrategyInstance.usage()');
  });
});

describe('LagMonitor', () => {
  test('counts a tick still pending at stop as late by then', () => {
    const monitor = new LagMonitor();
    monitor.start();
    block(30);
    monitor.stop();
    expect(monitor.summary()?.maxMs).toBeGreaterThan(25);
  });

  test('has nothing to say before it ran, and discards a run stopped without recording', () => {
    const monitor = new LagMonitor();
    expect(monitor.summary()).toBeUndefined();
    monitor.start();
    block(5);
    monitor.stop({ record: false });
    expect(monitor.summary()).toBeUndefined();
  });
});
