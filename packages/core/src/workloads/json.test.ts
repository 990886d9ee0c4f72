import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { json } from './json.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(json, overrides);

describe('json', () => {
  it('summarises every generated document as the generator expects', async () => {
    const params = paramsOf({ documents: 3, kib: 4 });
    const inputs = await json.prepare(params, { seed: 5 });
    const outputs = await Promise.all(inputs.map((input) => json.run(input)));
    expect(outputs).toEqual(inputs.map(({ expected }) => expected));
    expect(inputs.map((input, i) => json.verify?.(outputs[i] as never, input, params))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('generates documents of about kib KiB with the recorded totals', async () => {
    const [input] = await json.prepare(paramsOf({ documents: 1, kib: 16 }), { seed: 2 });
    if (!input) throw new Error('no input');
    expect(input.text.length).toBeGreaterThanOrEqual(16 * 1024);
    expect(input.text.length).toBeLessThan(17 * 1024);
    const doc = JSON.parse(input.text) as { orders: { items: { qty: number; priceCents: number }[] }[] };
    const items = doc.orders.flatMap((order) => order.items);
    expect(items.length).toBe(input.expected.items);
    expect(items.reduce((sum, { qty, priceCents }) => sum + qty * priceCents, 0)).toBe(
      input.expected.totalCents,
    );
  });

  it('rejects a wrong summary with a reason', async () => {
    const params = paramsOf({ documents: 1, kib: 2 });
    const [input] = await json.prepare(params, { seed: 1 });
    if (!input) throw new Error('no input');
    const output = await json.run(input);
    const { totalCents } = input.expected;
    expect(json.verify?.({ ...output, totalCents: totalCents + 1 }, input, params)).toBe(
      `expected totalCents ${totalCents}, got ${totalCents + 1}`,
    );
    expect(json.verify?.(null as never, input, params)).toBe('expected a summary object, got null');
  });

  it.each([
    [{ documents: -1 }, 'json.documents must be at least 1, got -1'],
    [{ kib: 0 }, 'json.kib must be at least 1, got 0'],
  ])('rejects %o', (overrides, message) => {
    expect(() => paramsOf(overrides)).toThrow(message);
  });
});
