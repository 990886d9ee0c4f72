import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveParams } from '../workload.js';
import { http } from './http.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(http, overrides);

// The real loopback server runs in node-runner (its test runs these workloads against it end to end);
// here `fetch` is replaced to check the request URLs and the error path.
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('http', () => {
  it('rejects without the latency server', async () => {
    await expect(http.prepare(paramsOf(), { seed: 1 })).rejects.toThrow(
      "http needs the runner's loopback latency server",
    );
  });

  it('requests /latency/:ms/:id of the server, one task per request', async () => {
    const params = paramsOf({ requests: 3, latencyMs: 7 });
    const inputs = await http.prepare(params, { seed: 1, serverUrl: 'http://127.0.0.1:4000/' });
    expect(inputs).toEqual([0, 1, 2].map((id) => ({ id, url: `http://127.0.0.1:4000/latency/7/${id}` })));
  });

  it('returns the body, which verify checks against the id', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      return { ok: true, status: 200, text: async () => `paralab:${url.split('/').at(-1)}` };
    });
    const params = paramsOf({ requests: 2 });
    const inputs = await http.prepare(params, { seed: 1, serverUrl: 'http://127.0.0.1:4000' });
    const outputs = await Promise.all(inputs.map((input) => http.run(input)));
    expect(outputs).toEqual(['paralab:0', 'paralab:1']);
    expect(requested).toEqual(inputs.map(({ url }) => url));
    expect(inputs.map((input, i) => http.verify?.(outputs[i] as string, input, params))).toEqual([
      true,
      true,
    ]);
    expect(http.verify?.('paralab:1', { id: 0, url: '' }, params)).toBe(
      'expected body "paralab:0", got "paralab:1"',
    );
  });

  it('rejects when the server answers an error status', async () => {
    vi.stubGlobal('fetch', async () => ({ ok: false, status: 404, text: async () => 'not found' }));
    await expect(http.run({ id: 0, url: 'http://127.0.0.1:4000/nope' })).rejects.toThrow(
      'GET http://127.0.0.1:4000/nope answered HTTP 404',
    );
  });

  it('rejects a negative latency', () => {
    expect(() => paramsOf({ latencyMs: -5 })).toThrow('http.latencyMs must be at least 0, got -5');
  });
});
