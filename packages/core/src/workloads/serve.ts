import { ParalabError } from '../errors.js';
import { defineWorkload, type Workload } from '../workload.js';
import { lcgJump, lcgSteps, stepsPerUsHere, taskSeed } from './grain.js';

const params = {
  cpuMs: {
    type: 'number',
    default: 0.2,
    min: 0,
    max: 100,
    description:
      'CPU work per request, ms: steps of the grain LCG at the rate calibrated on the measuring thread (0: none).',
  },
  responseBytes: {
    type: 'integer',
    default: 1024,
    min: 32,
    max: 1_048_576,
    description: 'Size of each response body, bytes (ASCII).',
  },
  requests: {
    type: 'integer',
    default: 1000,
    min: 1,
    max: 1_000_000,
    description: 'Requests per sample: a sample is the time to serve them all.',
  },
  connections: {
    type: 'integer',
    default: 16,
    min: 1,
    max: 10_000,
    description: 'Keep-alive connections the load generator spreads the requests over, one in flight each.',
  },
} as const;

/** One request of `serve`: the task a server runs to answer it. */
export interface ServeInput {
  /** Request index in the sample, 0-based. */
  readonly index: number;
  /** The generator's start, 30 bits: a small integer to every V8 (see grain's `taskSeed`). */
  readonly seed: number;
  /** Generator steps: round(cpuMs × 1000 × steps per µs), 0 when cpuMs is 0. */
  readonly iterations: number;
  /** Response body size, bytes. */
  readonly bytes: number;
}

/**
 * The response body for request `index` whose work ended in `state`: the state in hex and the index, then
 * the hex repeated up to `bytes` ASCII characters (cheap to build: the work is the LCG steps).
 */
export function serveBody(index: number, state: number, bytes: number): string {
  const hex = state.toString(16).padStart(8, '0');
  const head = `${hex} ${index} `;
  return (head + hex.repeat(Math.ceil(bytes / hex.length))).slice(0, bytes);
}

/**
 * Serving HTTP: a loopback server answers `requests` requests over `connections` connections, each
 * carrying `cpuMs` of CPU work (the `grain` workload's LCG, its steps calibrated on the measuring thread
 * in `prepare`) and answered with a body of `responseBytes`. Served by the serving strategies only: each
 * request's body is its input as JSON, the server answers with `run(input)`, and the load generator checks
 * every response against `served.expectedBody` (the LCG's closed-form skip-ahead).
 */
export const serve: Workload<typeof params, ServeInput, string> = defineWorkload({
  id: 'serve',
  kind: 'mixed',
  description: 'An HTTP server under load: cpuMs of CPU work and a responseBytes body per request.',
  params,
  services: ['load-generator'],
  prepare: ({ cpuMs, responseBytes, requests, connections }, { seed }) => {
    if (connections > requests)
      throw new ParalabError(
        'ERR_PARAM',
        `serve: connections (${connections}) must not exceed requests (${requests})`,
      );
    const itersPerUs = cpuMs > 0 ? stepsPerUsHere() : 0;
    const iterations = Math.round(cpuMs * 1000 * itersPerUs);
    return Array.from({ length: requests }, (_, index) => ({
      index,
      seed: taskSeed(seed, index),
      iterations,
      bytes: responseBytes,
    }));
  },
  run: ({ index, seed, iterations, bytes }) => serveBody(index, lcgSteps(seed, iterations), bytes),
  verify: (output, input) => {
    const expected = expectedBody(input);
    return output === expected
      ? true
      : `expected ${JSON.stringify(expected.slice(0, 40))}..., got ${JSON.stringify(String(output).slice(0, 40))}...`;
  },
  served: { expectedBody: (input) => expectedBody(input) },
});

function expectedBody({ index, seed, iterations, bytes }: ServeInput): string {
  return serveBody(index, lcgJump(seed, iterations), bytes);
}
