// The part of the results schema a served cell adds (`metrics.serve`): what the load generator measured.
import * as z from 'zod';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const ms = (what: string) => finite.min(0).describe(`${what}, in milliseconds`);

const latencySchema = (of: string) =>
  z
    .object({
      p50: ms(`median latency ${of}`),
      p90: ms(`90th percentile latency ${of}`),
      p99: ms(`99th percentile latency ${of}`),
      max: ms(`largest latency ${of}`),
      mean: ms(`mean latency ${of}`).optional(),
    })
    .describe('Per-request latency: request written to response complete, as the load generator measured it');

const servedSampleSchema = z
  .object({
    requestsPerSecond: finite.min(0).describe("Answered requests per second of this batch's wall time"),
    latencyMs: latencySchema('of this batch (exact, microsecond HDR histogram)'),
    serverCpuMs: ms('CPU time of every server process over this batch, user + system').optional(),
    serverRssBytes: finite
      .min(0)
      .optional()
      .describe("Resident memory of every server process together at this batch's end, bytes"),
    generatorCpuMs: ms("the load generator's own CPU over this batch, user + system"),
    generatorEventLoopUtilization: finite
      .min(0)
      .max(1)
      .describe("Share of the batch during which the generator's event loop was busy (near 1: it limited)"),
    bytes: finite.min(0).describe('Bytes the generator received in this batch (headers and bodies)'),
    setupMs: ms("the generator's setup before this batch (building requests and clients), not in the sample"),
  })
  .describe('One kept sample of a served cell, as the load generator measured it');

/** `metrics.serve`: what the load generator measured of a served cell. */
export const serveSchema = z
  .object({
    requestsPerSecond: finite
      .min(0)
      .describe("Median over the kept samples of each batch's answered requests per second"),
    latencyMs: latencySchema(
      "per request: p50, p90 and p99 are the medians over the kept samples of each batch's percentile, max the slowest request of any batch",
    ),
    serverCpuMsPerRequest: ms('server CPU (every server process, user + system) per request').optional(),
    serverCores: finite
      .min(0)
      .optional()
      .describe(
        'Server CPU time / batch wall time over the kept samples: how many cores the server kept busy',
      ),
    serverPeakRssBytes: finite
      .min(0)
      .optional()
      .describe(
        'Largest resident memory of every server process together, read at the end of each batch, bytes',
      ),
    serverProcesses: z
      .number()
      .int()
      .min(1)
      .describe('Processes the server ran (a primary and its workers, or N processes sharing the port)'),
    generatorCpuMsPerRequest: ms("the load generator's own CPU (user + system) per request"),
    generatorCores: finite
      .min(0)
      .describe(
        "The generator's CPU time / batch wall time: cores it took from the machine (on 2 cores it competes with the server)",
      ),
    samples: z
      .array(servedSampleSchema)
      .describe("Every kept sample's load figures, in the order of `samples`"),
    source: z.string().describe('How these were measured (the load generator, its version and runtime)'),
  })
  .describe(
    "A served cell under HTTP load: each sample is the load generator's wall time for `tasksPerSample` requests over `params.connections` connections, every response checked",
  );
