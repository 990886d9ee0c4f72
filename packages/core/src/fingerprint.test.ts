import { describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.js';

describe('fingerprint', () => {
  it.each([
    ['a number', 1],
    ['a string', 'paralab'],
    ['null', null],
    ['an array', [1, 'two', [3]]],
    ['a typed array', new Float32Array([1.5, -2])],
    ['an object', { a: 1, b: [true, null] }],
  ])('is 16 hex digits for %s', (_what, value) => {
    expect(fingerprint(value)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is a known constant for known values (guards against an accidental change of the hash)', () => {
    // machineFingerprint is written to results files and groups them by machine, so the hash must not change
    // by accident. Computed with an independent Python port of the scheme (two FNV-1a-style lanes fed the
    // length-prefixed type tags and little-endian float64 bytes).
    expect([fingerprint(1), fingerprint('1'), fingerprint([]), fingerprint({})]).toMatchInlineSnapshot(`
      [
        "d2992b3d2f870920",
        "dbebddc59b2a003e",
        "ae60ee7409a08bbf",
        "34876ad48e67a75f",
      ]
    `);
  });

  it('gives equal values equal hashes, whatever the key order', () => {
    const a = { name: 'x', nested: { p: 1, q: [1, 2, { r: 'y', s: null }] }, bytes: new Uint8Array([1, 2]) };
    const b = { bytes: new Uint8Array([1, 2]), nested: { q: [1, 2, { s: null, r: 'y' }], p: 1 }, name: 'x' };
    expect(fingerprint(b)).toBe(fingerprint(a));
  });

  it('hashes every NaN the same', () => {
    expect(fingerprint(Number.NaN)).toBe(fingerprint(0 / 0));
    expect(fingerprint(new Float64Array([Number.NaN])[0])).toBe(fingerprint(Number.NaN));
    expect(fingerprint([Number.NaN])).toBe(fingerprint([Math.sqrt(-1)]));
  });

  it('hashes a typed array by its viewed bytes only, not the rest of its buffer', () => {
    const buffer = new Uint8Array([9, 1, 2, 3, 9]).buffer;
    expect(fingerprint(new Uint8Array(buffer, 1, 3))).toBe(fingerprint(new Uint8Array([1, 2, 3])));
  });

  it.each<[string, unknown, unknown]>([
    ['different numbers', 1, 2],
    ['close numbers', 0.1 + 0.2, 0.3],
    ['-0 and 0', -0, 0],
    ['NaN and Infinity', Number.NaN, Number.POSITIVE_INFINITY],
    ['a string and a number', '1', 1],
    ['a string and null', 'null', null],
    ['null and undefined', null, undefined],
    ['true and "true"', true, 'true'],
    ['a bigint and a number', 1n, 1],
    ['different strings', 'abc', 'abd'],
    ['typed arrays with different bytes', new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])],
    ['Uint8Array and Int8Array with the same bytes', new Uint8Array([1, 2, 3]), new Int8Array([1, 2, 3])],
    ['a Uint8Array and its ArrayBuffer', new Uint8Array([1, 2]), new Uint8Array([1, 2]).buffer],
    ['arrays of different lengths', [1, 2], [1, 2, 2]],
    ['an array and an object with index keys', [1], { 0: 1 }],
    ['arrays in different orders', [1, 2], [2, 1]],
    ['objects with different values', { a: 1 }, { a: 2 }],
    ['objects with different keys', { a: 1 }, { b: 1 }],
    ['nested differences', { a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }],
    ['strings moved across array items', ['ab', 'c'], ['a', 'bc']],
  ])('differs for %s', (_what, a, b) => {
    expect(fingerprint(a)).not.toBe(fingerprint(b));
  });

  // Regression test.
  it('differs for equal-length strings whose 8-bit and 16-bit characters line up', () => {
    expect(fingerprint('\u0141b')).not.toBe(fingerprint('A\u6201'));
  });

  // Regression test.
  it('differs for a number and the ArrayBuffer of its float64 bytes', () => {
    expect(fingerprint(1)).not.toBe(fingerprint(new Float64Array([1]).buffer));
  });

  // Regression test.
  it.each<[string, unknown, unknown]>([
    ['Maps with different entries', new Map([[1, 2]]), new Map([[1, 3]])],
    ['Sets with different members', new Set([1]), new Set([2])],
    ['different Dates', new Date(0), new Date(1)],
    ['an empty Map and an empty object', new Map(), {}],
  ])('differs for %s', (_what, a, b) => {
    expect(fingerprint(a)).not.toBe(fingerprint(b));
  });
});
