// Node's own HTTP client workload against the host's loopback latency server: by itself (moved here from
// the latency server's tests, which now live in @paralab/host), and in a run, where the host starts the
// server in a process of its own and hands its URL to the measuring side.
import { type AnyWorkload, resolveParams } from '@paralab/core';
import { type LatencyServer, startLatencyServer } from '@paralab/host';
import { httpGet } from '@paralab/node-api/workloads';
import { runNode } from '@paralab/node-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PROFILE } from './_helpers.js';

describe('the http-get workload', () => {
  let server: LatencyServer;
  beforeAll(async () => {
    server = await startLatencyServer();
  });
  afterAll(() => server.close());

  it('runs end to end with node:http, verified like http', async () => {
    const workload = httpGet as AnyWorkload;
    const params = resolveParams(workload, { requests: 5, latencyMs: 2 });
    const inputs = await workload.prepare(params, { seed: 1, serverUrl: server.url });
    const outputs: unknown[] = [];
    for (const input of inputs) outputs.push(await workload.run(input));
    expect(outputs).toEqual([0, 1, 2, 3, 4].map((id) => `paralab:${id}`));
    expect(inputs.map((input, i) => httpGet.verify?.(outputs[i] as string, input, params as never))).toEqual(
      inputs.map(() => true),
    );
    expect(httpGet.verify?.('paralab:9', inputs[0] as never, params as never)).not.toBe(true);
  });

  it('is measured in a run, against the latency server the host starts for it', async () => {
    const results = await runNode({
      workloads: ['http-get'],
      strategies: ['async', 'worker'],
      concurrency: [5],
      params: { 'http-get': { requests: 5, latencyMs: 2 } },
      profile: TEST_PROFILE,
      lock: false,
    });
    expect(results.cells.map((c) => [c.workload, c.strategy, c.status, c.samples.length])).toEqual([
      ['http-get', 'async', 'ok', 3],
      ['http-get', 'worker', 'ok', 3],
    ]);
  });
});
