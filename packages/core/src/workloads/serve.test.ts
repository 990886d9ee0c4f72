import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { lcgJump } from './grain.js';
import { type ServeInput, serve, serveBody } from './serve.js';

const context = { seed: 7 };

describe('serve', () => {
  it('answers each request with its LCG state and index, padded to responseBytes ASCII characters', () => {
    expect(serveBody(3, 0xabc, 40)).toBe('00000abc 3 00000abc00000abc00000abc00000');
    expect(serveBody(3, 0xabc, 40)).toHaveLength(40);
  });

  it('runs cpuMs of LCG steps per request, whose body the closed form predicts', async () => {
    const params = resolveParams(serve, { cpuMs: 0.05, requests: 5, connections: 2, responseBytes: 64 });
    const inputs = (await serve.prepare(params, context)) as ServeInput[];
    expect(inputs.map((input) => [input.index, input.bytes])).toEqual([0, 1, 2, 3, 4].map((i) => [i, 64]));
    expect(new Set(inputs.map((input) => input.iterations)).size).toBe(1);
    expect(inputs[0]?.iterations).toBeGreaterThan(0);
    for (const input of inputs) {
      const body = serve.run(input) as string;
      expect(body).toBe(serve.served?.expectedBody(input));
      expect(body).toBe(serveBody(input.index, lcgJump(input.seed, input.iterations), 64));
      expect(serve.verify?.(body, input, params)).toBe(true);
      expect(/^[\x20-\x7e]{64}$/.test(body)).toBe(true);
    }
    expect(serve.verify?.('nope', inputs[0] as ServeInput, params)).toMatch(/^expected "/);
  });

  it('does no work at 0 ms per request', async () => {
    const params = resolveParams(serve, { cpuMs: 0, requests: 2, connections: 1 });
    const inputs = (await serve.prepare(params, context)) as ServeInput[];
    expect(inputs.map((input) => input.iterations)).toEqual([0, 0]);
  });

  it('refuses more connections than requests', () => {
    const params = resolveParams(serve, { requests: 4, connections: 8 });
    expect(() => serve.prepare(params, context)).toThrow(
      'serve: connections (8) must not exceed requests (4)',
    );
  });
});
