// A served cell's load figures: every kept sample as the load generator measured it, and their summary.
import type { ServeMetrics } from '../schema.js';
import { medianOf as median } from '../stats/summary.js';
import type { ServedSample } from '../strategy.js';

/** What `metrics.serve.source` says besides the generator's name. */
const SOURCE =
  "the load generator (its own process): wall time from its clients created to the last answer, latency per request in an HDR histogram at 1 µs, its CPU from process.cpuUsage(), the server processes' CPU over the batch and RSS at its end from /proc";

/**
 * Summarizes the kept samples of a served cell (at least one) with `requests` requests each: medians of
 * each batch's requests/s and latency percentiles, the slowest request, CPU per request and cores used
 * by the server and by the generator, and every sample's figures.
 */
export function summarizeServed(samples: readonly ServedSample[], requests: number): ServeMetrics {
  const sum = (pick: (sample: ServedSample) => number): number =>
    samples.reduce((total, sample) => total + pick(sample), 0);
  const answered = requests * samples.length;
  const wallMs = sum((s) => (s.requestsPerSecond > 0 ? (requests * 1000) / s.requestsPerSecond : 0));
  const serverKnown = samples.every((s) => s.serverCpuMs !== undefined);
  const serverCpu = sum((s) => s.serverCpuMs ?? 0);
  const generatorCpu = sum((s) => s.generatorCpuMs);
  const rss = samples.map((s) => s.serverRssBytes).filter((b): b is number => b !== undefined);
  const first = samples[0] as ServedSample;
  return {
    requestsPerSecond: median(samples.map((s) => s.requestsPerSecond)),
    latencyMs: {
      p50: median(samples.map((s) => s.latencyMs.p50)),
      p90: median(samples.map((s) => s.latencyMs.p90)),
      p99: median(samples.map((s) => s.latencyMs.p99)),
      max: Math.max(...samples.map((s) => s.latencyMs.max)),
    },
    ...(serverKnown && answered > 0 ? { serverCpuMsPerRequest: serverCpu / answered } : {}),
    ...(serverKnown && wallMs > 0 ? { serverCores: serverCpu / wallMs } : {}),
    ...(rss.length > 0 ? { serverPeakRssBytes: Math.max(...rss) } : {}),
    serverProcesses: Math.max(...samples.map((s) => s.serverProcesses)),
    generatorCpuMsPerRequest: answered > 0 ? generatorCpu / answered : 0,
    generatorCores: wallMs > 0 ? generatorCpu / wallMs : 0,
    samples: samples.map(({ serverProcesses: _n, generator: _g, ...kept }) => kept),
    source: `${first.generator}: ${SOURCE}`,
  };
}
