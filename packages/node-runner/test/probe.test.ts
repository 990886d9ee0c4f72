import type { CellMetrics, ExternalUsage, StrategyInstance } from '@paralab/core';
import { nodeProbe } from '@paralab/node-api';
import { describe, expect, it } from 'vitest';

const instance = (usage?: () => Promise<ExternalUsage>): StrategyInstance => ({
  options: {},
  runBatch: async () => [],
  close: async () => {},
  ...(usage ? { usage } : {}),
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the main thread busy (and its event loop blocked) until it has used `ms` of CPU time. */
function spin(ms: number): void {
  const start = process.cpuUsage();
  while (true) {
    const used = process.cpuUsage(start);
    if (used.user + used.system >= ms * 1000) return;
  }
}

async function probed(
  samples: number,
  body: () => void | Promise<void>,
  usage?: () => Promise<ExternalUsage>,
) {
  const probe = nodeProbe(instance(usage));
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

const cpu = (metrics: CellMetrics): number => (metrics.cpuUserMs ?? 0) + (metrics.cpuSystemMs ?? 0);

describe('nodeProbe', () => {
  it('sees a busy main thread: its CPU time, a higher utilization and a blocked event loop', async () => {
    const idle = await probed(3, () => sleep(30));
    // 60 ms of CPU a sample, so at least 60 ms of wall time with the loop blocked, however loaded the machine.
    const busy = await probed(3, () => spin(60));
    expect(cpu(busy)).toBeGreaterThanOrEqual(180);
    expect(busy.utilization).toBeGreaterThan(idle.utilization ?? Number.POSITIVE_INFINITY);
    expect(busy.eventLoopDelay?.maxMs).toBeGreaterThan(50);
    expect(busy.eventLoopDelay?.p99Ms).toBeGreaterThan(
      idle.eventLoopDelay?.p99Ms ?? Number.POSITIVE_INFINITY,
    );
    // Intervals minus the resolution: an idle loop's median delay is below the one it was blocked for.
    expect(idle.eventLoopDelay?.p50Ms).toBeLessThan(busy.eventLoopDelay?.maxMs ?? 0);
    for (const metrics of [idle, busy]) {
      expect(metrics.peakRssBytes).toBeGreaterThan(0);
      expect(metrics.heapUsedBytes).toBeGreaterThan(0);
      expect(metrics.eventLoopDelay?.p50Ms).toBeGreaterThanOrEqual(0);
      expect(metrics.cpuSystemMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("adds the children's CPU deltas and peak RSS that the strategy reports", async () => {
    let calls = 0;
    // Cumulative usage as a process strategy reports it: each call 1000 ms user and 10 ms system later.
    const usage = async (): Promise<ExternalUsage> => {
      calls++;
      return { cpuUserMs: 1000 * calls, cpuSystemMs: 10 * calls, rssBytes: 5e9 };
    };
    const metrics = await probed(2, () => sleep(5), usage);
    expect(calls).toBe(4);
    expect(metrics.cpuUserMs).toBeGreaterThanOrEqual(2000);
    expect(metrics.cpuUserMs).toBeLessThan(3000);
    expect(metrics.cpuSystemMs).toBeGreaterThanOrEqual(20);
    expect(metrics.peakRssBytes).toBeGreaterThan(5e9);
    expect(metrics.source).toMatch(/StrategyInstance\.usage\(\) deltas/);
  });

  it('counts only this process when the children cannot report', async () => {
    const metrics = await probed(
      2,
      () => sleep(5),
      () => Promise.reject(new Error('child exited')),
    );
    expect(metrics.cpuUserMs).toBeLessThan(1000);
    expect(metrics.peakRssBytes).toBeLessThan(5e9);
    expect(metrics.source).not.toMatch(/usage\(\)/);
  });

  it('names its sources and reports nothing measured before a sample, or for one disposed mid-way', async () => {
    const probe = nodeProbe(instance());
    expect(Object.keys(probe.result())).toEqual(['source']);
    expect(probe.result().source).toMatch(/^CPU: process\.cpuUsage\(\) deltas.*monitorEventLoopDelay/);
    await probe.begin();
    probe.dispose?.();
    await probe.end();
    expect(Object.keys(probe.result())).toEqual(['source']);
  });
});
