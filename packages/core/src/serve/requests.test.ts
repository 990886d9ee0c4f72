import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../workloads/_sha256.js';
import { servedRequests } from './requests.js';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('servedRequests', () => {
  it('posts each input as JSON, expecting short bodies as they are and long ones by SHA-256', () => {
    const long = 'x'.repeat(65);
    const specs = servedRequests([{ i: 0 }, { i: 1 }], {
      expectedBody: (input: unknown) => ((input as { i: number }).i === 0 ? 'short' : long),
    });
    expect(specs).toEqual([
      { method: 'POST', path: '/task/0', body: '{"i":0}', expect: { status: 200, body: 'short' } },
      {
        method: 'POST',
        path: '/task/1',
        body: '{"i":1}',
        expect: { status: 200, sha256: sha256Hex(ascii(long)) },
      },
    ]);
  });

  it('builds the specs of one input array once', () => {
    let calls = 0;
    const served = { expectedBody: () => `${++calls}` };
    const inputs = [1, 2];
    expect(servedRequests(inputs, served)).toBe(servedRequests(inputs, served));
    expect(calls).toBe(2);
  });

  it('refuses an expected body that is not ASCII', () => {
    expect(() => servedRequests([0], { expectedBody: () => 'café' })).toThrow(
      'the expected body of task 0 is not ASCII (character 3)',
    );
  });
});
