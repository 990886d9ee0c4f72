import { linearQuantile, medianCi, type ServeMetrics } from '@paralab/core';
import type { Aggregate, Entry, Run } from '../shared/aggregate.js';
import { groupName, percent, plural, strategyName, words } from '../shared/format.js';
import { workOf } from './decisions.js';

/**
 * The generator's event loop counts as the limit from this share of busy time on: a loop busy 90% of a
 * batch cannot send requests any faster, so the server may have had capacity left.
 */
export const BUSY_LOOP = 0.9;

/**
 * The generator competes with the server when its CPU reaches this share of the cores the server left
 * (cores − server cores): the two then share cores, and the server's figures are a floor, not its ceiling.
 */
export const COMPARABLE_SHARE = 0.75;

/** requests/s: the median of the batches' figures, with the distribution-free CI of that median. */
export interface PerSecond {
  value: number;
  /** CI of the median (two samples or more); `confidence` is what it really covers (below 0.95 when n < 6). */
  lo?: number;
  hi?: number;
  confidence?: number;
}

/** One served cell's row: what the load generator measured of it. */
export interface ServingRow {
  entry: Entry;
  /** `params.cpuMs`: CPU work per request, ms (undefined for a served workload without that parameter). */
  cpuMs?: number;
  /** The group minus `cpuMs` when other parameters tell cells apart: `serve(connections=16,requests=400)`. */
  group: string;
  /** `serve-loop@1`. */
  strategy: string;
  family: string;
  /** ok, or why there are no figures (status and reason). */
  status: string;
  requestsPerSecond?: PerSecond;
  /** Median over the batches of each batch's p99 latency, ms. */
  p99Ms?: number;
  /** Server CPU per request, ms, and the cores it kept busy. */
  serverCpuMsPerRequest?: number;
  serverCores?: number;
  /** The generator's cores (its CPU / wall time) and CPU per request, ms. */
  generatorCores?: number;
  generatorCpuMsPerRequest?: number;
  /** Median over the batches of the generator's event-loop utilization (0-1). */
  generatorUtilization?: number;
  /** Why the generator may have set the pace, in words; undefined when it did not. */
  generatorLimit?: string;
}

/** The served cells of one run, rows by CPU per request and then strategy. */
export interface ServingTable {
  run: Run;
  rows: ServingRow[];
  /**
   * The sentence that goes next to the numbers: how much of the machine the load generator took beside the
   * server, and in how many cells it may have set the pace; undefined when no cell has load figures.
   */
  generatorNote?: string;
}

/** A cell measured under the load generator (its workload declared the service). */
export function served(entry: Entry): boolean {
  return workOf(entry.cell) === 'serve';
}

/** The median requests/s of the batches with the CI of that median (core's `medianCi`). */
function perSecond(serve: ServeMetrics): PerSecond {
  const values = serve.samples.map((s) => s.requestsPerSecond).sort((a, b) => a - b);
  if (values.length < 2) return { value: serve.requestsPerSecond };
  const ci = medianCi(values);
  return { value: serve.requestsPerSecond, lo: ci.lo, hi: ci.hi, confidence: ci.confidence };
}

/**
 * Why the generator may have limited a cell: its event loop busy `BUSY_LOOP` of the time or more, or its
 * CPU `COMPARABLE_SHARE` or more of the cores the server left (the machine's cores − the server's; the
 * server's processes stand in when its CPU was not read).
 */
export function generatorLimit(
  figures: { utilization?: number; generatorCores: number; serverCores?: number; serverProcesses: number },
  cores: number,
): string | undefined {
  const reasons: string[] = [];
  if (figures.utilization !== undefined && figures.utilization >= BUSY_LOOP)
    reasons.push(`its event loop was busy ${percent(figures.utilization)} of the time`);
  const server = figures.serverCores ?? figures.serverProcesses;
  const left = Math.max(0, cores - server);
  if (figures.generatorCores >= COMPARABLE_SHARE * left)
    reasons.push(
      `it used ${figures.generatorCores.toFixed(2)} cores of the ${left.toFixed(2)} the server left on ${plural(cores, 'core')}`,
    );
  return reasons.length > 0 ? `the load generator may have set the pace: ${words(reasons)}` : undefined;
}

function rowOf(entry: Entry): ServingRow {
  const { cell, run } = entry;
  const { cpuMs, ...rest } = cell.params;
  const base = {
    entry,
    ...(typeof cpuMs === 'number' ? { cpuMs } : {}),
    group: groupName(cell.workload, rest),
    strategy: strategyName(cell),
    family: cell.family,
  };
  const serve = cell.metrics?.serve;
  if (cell.status !== 'ok' || !serve)
    return {
      ...base,
      status: cell.status === 'ok' ? 'ok, no load figures' : `${cell.status}: ${cell.reason}`,
    };
  const loads = serve.samples.map((s) => s.generatorEventLoopUtilization).sort((a, b) => a - b);
  const utilization = loads.length > 0 ? linearQuantile(loads, 0.5) : undefined;
  const cores = run.file.results.machine.availableParallelism;
  const limit = generatorLimit({ ...(utilization !== undefined ? { utilization } : {}), ...serve }, cores);
  return {
    ...base,
    status: 'ok',
    requestsPerSecond: perSecond(serve),
    p99Ms: serve.latencyMs.p99,
    ...(serve.serverCpuMsPerRequest !== undefined
      ? { serverCpuMsPerRequest: serve.serverCpuMsPerRequest }
      : {}),
    ...(serve.serverCores !== undefined ? { serverCores: serve.serverCores } : {}),
    generatorCores: serve.generatorCores,
    generatorCpuMsPerRequest: serve.generatorCpuMsPerRequest,
    ...(utilization !== undefined ? { generatorUtilization: utilization } : {}),
    ...(limit ? { generatorLimit: limit } : {}),
  };
}

/** Rows by CPU per request (cells without it last), then the single loop first, then by name. */
function order(a: ServingRow, b: ServingRow): number {
  const cpu = (row: ServingRow) => row.cpuMs ?? Number.POSITIVE_INFINITY;
  return (
    cpu(a) - cpu(b) ||
    a.group.localeCompare(b.group) ||
    a.entry.cell.concurrency - b.entry.cell.concurrency ||
    a.strategy.localeCompare(b.strategy)
  );
}

/**
 * The sentence beside a run's table: the load generator always shares the machine with the server (the
 * host runs it on loopback), so the figures say how much of the machine it took; when it may have set the
 * pace of some cells, how many and why.
 */
function noteOf(run: Run, rows: readonly ServingRow[]): string | undefined {
  const measured = rows.filter((row) => row.generatorCores !== undefined);
  if (measured.length === 0) return undefined;
  const cores = run.file.results.machine.availableParallelism;
  const taken = measured.map((row) => row.generatorCores ?? 0);
  const [least, most] = [Math.min(...taken), Math.max(...taken)];
  const range = least === most ? most.toFixed(2) : `${least.toFixed(2)}-${most.toFixed(2)}`;
  const shared = `The load generator runs on the same ${cores}-core machine as the server and took ${range} cores (up to ${percent(most / cores)} of the machine): these are what each server did beside it, a floor of what it could do alone, and strategies that want every core (a cluster, N processes, a loop offloading to N threads) lose the most to it.`;
  const limited = measured.filter((row) => row.generatorLimit).length;
  if (limited === 0) return shared;
  return `${shared} In ${limited} of ${measured.length} cells (marked) it may have set the pace: its event loop busy ${percent(BUSY_LOOP)} of the time or more, or its CPU ${percent(COMPARABLE_SHARE)} or more of the cores the server left.`;
}

/**
 * The served cells of every run (cells whose workload needs the load generator), one table per run that
 * has any: requests/s with the CI of its median, p99 latency, server and generator CPU, and whether the
 * generator may have been the bottleneck (see `generatorLimit`). Cells that are not ok keep their row with
 * the reason.
 */
export function servingTables(aggregate: Aggregate): ServingTable[] {
  return aggregate.runs.flatMap((run) => {
    const rows = run.entries.filter(served).map(rowOf).sort(order);
    if (rows.length === 0) return [];
    const note = noteOf(run, rows);
    return [{ run, rows, ...(note ? { generatorNote: note } : {}) }];
  });
}
