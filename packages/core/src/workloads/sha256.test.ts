import { describe, expect, it } from 'vitest';
import { resolveParams } from '../workload.js';
import { sha256Hex } from './_sha256.js';
import { sha256 } from './sha256.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(sha256, overrides);

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

// WebCrypto, present in every runtime the tests run on; typed here because core has no DOM or Node types.
const subtle = (
  globalThis as unknown as { crypto: { subtle: { digest(a: string, d: Uint8Array): Promise<ArrayBuffer> } } }
).crypto.subtle;
const webDigest = async (bytes: Uint8Array): Promise<string> =>
  [...new Uint8Array(await subtle.digest('SHA-256', bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

describe('sha256Hex', () => {
  // FIPS 180-4 examples (NIST CSRC "Example Values") and the one-million-'a' vector.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('hashes the standard vector of %#', (message, digest) => {
    expect(sha256Hex(ascii(message))).toBe(digest);
  });

  // Padding edges: the length field fits in the last block (55), just does not (56), whole blocks (64, 128).
  // Digests computed with Python's hashlib.sha256.
  it.each([
    [55, '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
    [56, 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
    [63, '7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34'],
    [64, 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
    [119, '31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb'],
    [120, '2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c'],
  ])("hashes %i 'a's", (length, digest) => {
    expect(sha256Hex(ascii('a'.repeat(length)))).toBe(digest);
  });

  it('hashes a subarray by its own bytes, not its buffer', () => {
    const bytes = ascii('xxabcxx');
    expect(sha256Hex(bytes.subarray(2, 5))).toBe(sha256Hex(ascii('abc')));
  });
});

describe('sha256 workload', () => {
  it('hashes every generated buffer as WebCrypto does', async () => {
    const params = paramsOf({ buffers: 3, kib: 5 });
    const inputs = await sha256.prepare(params, { seed: 7 });
    expect(inputs.map(({ bytes }) => bytes.length)).toEqual([5120, 5120, 5120]);
    const outputs = await Promise.all(inputs.map((input) => sha256.run(input)));
    expect(outputs).toEqual(await Promise.all(inputs.map(({ bytes }) => webDigest(bytes))));
    expect(new Set(outputs).size).toBe(3);
  });

  it('generates the same inputs from the same seed, others from another', async () => {
    const params = paramsOf({ buffers: 2, kib: 1 });
    const [a, b, c] = await Promise.all([1, 1, 2].map((seed) => sha256.prepare(params, { seed })));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('has no known answer (checksum mode)', () => {
    expect(sha256.verify).toBeUndefined();
  });

  it.each([
    [{ buffers: 0 }, 'sha256.buffers must be at least 1, got 0'],
    [{ kib: 1.5 }, 'sha256.kib must be an integer, got 1.5'],
    [{ size: 1 }, 'sha256 has no parameter "size" (parameters: buffers, kib)'],
  ])('rejects %o', (overrides, message) => {
    expect(() => paramsOf(overrides)).toThrow(message);
  });
});
