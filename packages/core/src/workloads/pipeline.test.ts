import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveParams } from '../workload.js';
import { latencyDocument } from './_latency-doc.js';
import { pipeline } from './pipeline.js';
import { findMetaTags } from './regex-meta.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(pipeline, overrides);

const subtle = (
  globalThis as unknown as { crypto: { subtle: { digest(a: string, d: Uint8Array): Promise<ArrayBuffer> } } }
).crypto.subtle;
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** The chained digest by WebCrypto: round r hashes the previous hex digest (none for round 1) then the text. */
async function referenceDigest(text: string, rounds: number): Promise<string> {
  let digest = '';
  for (let round = 0; round < rounds; round++) {
    const hash = new Uint8Array(await subtle.digest('SHA-256', ascii(digest + text)));
    digest = [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return digest;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('latencyDocument', () => {
  it.each([0, 1, 100, 255, 256, 1000, 4096, 131072])('is exactly %i ASCII characters', (size) => {
    const text = latencyDocument(3, size);
    expect(text.length).toBe(size);
    expect(/^[\t\n -~]*$/.test(text)).toBe(true);
  });

  it('is deterministic and differs between ids', () => {
    expect(latencyDocument(5, 8192)).toBe(latencyDocument(5, 8192));
    expect(latencyDocument(5, 8192)).not.toBe(latencyDocument(6, 8192));
    expect(latencyDocument(5, 4096).endsWith('</body></html>\n')).toBe(true);
  });

  it('carries its id in a meta tag, among others', () => {
    const tags = findMetaTags(latencyDocument(42, 64 * 1024));
    expect(tags.slice(0, 2)).toEqual([
      { name: null, content: null },
      { name: 'doc-id', content: '42' },
    ]);
    expect(tags.length).toBeGreaterThan(10);
  });

  it.each([
    [-1, 10, 'id must be a non-negative integer, got -1'],
    [1, 2.5, 'size must be an integer from 0 to 67108864, got 2.5'],
  ])('rejects id %d, size %d', (id, size, message) => {
    expect(() => latencyDocument(id, size)).toThrow(message);
  });
});

describe('pipeline', () => {
  it('rejects without the latency server', async () => {
    await expect(pipeline.prepare(paramsOf(), { seed: 1 })).rejects.toThrow(
      "pipeline needs the runner's loopback latency server",
    );
  });

  it('fetches /doc/:ms/:id/:size, hashes it in rounds and scans its meta tags', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      const [ms, id, size] = url.split('/').slice(-3).map(Number);
      expect(ms).toBe(5);
      return { ok: true, status: 200, text: async () => latencyDocument(id as number, size as number) };
    });
    const params = paramsOf({ documents: 2, latencyMs: 5, kib: 3, rounds: 3 });
    const inputs = await pipeline.prepare(params, { seed: 1, serverUrl: 'http://127.0.0.1:4000' });
    expect(inputs.map(({ url }) => url)).toEqual(
      [0, 1].map((id) => `http://127.0.0.1:4000/doc/5/${id}/3072`),
    );
    const outputs = await Promise.all(inputs.map((input) => pipeline.run(input)));
    const expected = await Promise.all(
      [0, 1].map(async (id) => {
        const text = latencyDocument(id, 3072);
        const tags = findMetaTags(text);
        const digest = await referenceDigest(text, 3);
        return { bytes: 3072, digest, metaTags: tags.length, metaNames: tags.map((tag) => tag.name) };
      }),
    );
    expect(outputs).toEqual(expected);
  });

  it('splits into an I/O phase and a CPU phase whose composition equals run', async () => {
    vi.stubGlobal('fetch', async (url: string) => {
      const [, id, size] = url.split('/').slice(-3).map(Number);
      return { ok: true, status: 200, text: async () => latencyDocument(id as number, size as number) };
    });
    const params = paramsOf({ documents: 2, latencyMs: 0, kib: 2, rounds: 2 });
    const inputs = await pipeline.prepare(params, { seed: 1, serverUrl: 'http://127.0.0.1:4000' });
    const split = pipeline.split;
    if (!split) throw new Error('pipeline must have a split');
    const phased = await Promise.all(inputs.map(async (input) => split.cpu(await split.io(input))));
    expect(phased).toEqual(await Promise.all(inputs.map((input) => pipeline.run(input))));
  });

  it('has no known answer (checksum mode)', () => {
    expect(pipeline.verify).toBeUndefined();
  });

  it('rejects zero rounds', () => {
    expect(() => paramsOf({ rounds: 0 })).toThrow('pipeline.rounds must be at least 1, got 0');
  });
});
