import type { CellSpec } from './_fixtures.js';

/** Requests per sample of the served fixtures. */
export const REQUESTS = 400;

/** What a served fixture cell's load generator measured (every batch alike but for requests/s). */
export interface ServedSpec {
  strategy: string;
  family: string;
  concurrency: number;
  cpuMs: number;
  /** Each batch's requests/s; the samples are the batches' wall times, REQUESTS × 1000 / rate ms. */
  rates: number[];
  p99Ms?: number;
  serverCores?: number;
  generatorCores?: number;
  /** The generator's event-loop utilization in every batch. */
  utilization?: number;
  status?: CellSpec['status'];
  reason?: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A cell of the `serve` workload under the load generator, with `metrics.serve` as the host records it. */
export function servedCell(spec: ServedSpec): CellSpec {
  const serverCores = spec.serverCores ?? 1;
  const generatorCores = spec.generatorCores ?? 0.3;
  const utilization = spec.utilization ?? 0.4;
  const p99 = spec.p99Ms ?? 4;
  const latencyMs = { p50: p99 / 4, p90: p99 / 2, p99, max: p99 * 2 };
  const wallMs = (rate: number) => (REQUESTS * 1000) / rate;
  const base: CellSpec = {
    workload: 'serve',
    kind: 'mixed',
    services: ['load-generator'],
    strategy: spec.strategy,
    family: spec.family,
    concurrency: spec.concurrency,
    params: { connections: 16, cpuMs: spec.cpuMs, requests: REQUESTS },
    options: { server: 'node:http' },
    tasksPerSample: REQUESTS,
    ...(spec.status ? { status: spec.status, reason: spec.reason ?? 'failed' } : {}),
  };
  if (spec.status && spec.status !== 'ok') return base;
  return {
    ...base,
    samples: spec.rates.map(wallMs),
    metrics: {
      serve: {
        requestsPerSecond: median(spec.rates),
        latencyMs,
        serverCpuMsPerRequest: (serverCores * 1000) / median(spec.rates),
        serverCores,
        serverProcesses: spec.concurrency,
        generatorCpuMsPerRequest: (generatorCores * 1000) / median(spec.rates),
        generatorCores,
        samples: spec.rates.map((rate) => ({
          requestsPerSecond: rate,
          latencyMs,
          serverCpuMs: serverCores * wallMs(rate),
          generatorCpuMs: generatorCores * wallMs(rate),
          generatorEventLoopUtilization: utilization,
          bytes: REQUESTS * 1100,
          setupMs: 1,
        })),
        source: 'autocannon 8 (test)',
      },
    },
  };
}

/** Eight batches' requests/s around `rate`: median `rate`, extremes rate × 0.99 and rate × 1.01. */
export function rates(rate: number): number[] {
  return [0, 0.01, -0.01, 0.004, -0.004, 0.002, -0.002, 0].map((d) => rate * (1 + d));
}
