import { describe, expect, it } from 'vitest';
import { checksum32, seededBytes } from './_bytes.js';

describe('seededBytes and checksum32', () => {
  it('give the same bytes and checksum for the same seed, other bytes for another seed', () => {
    expect(seededBytes(16, 7)).toEqual(seededBytes(16, 7));
    expect(checksum32(seededBytes(1024, 7))).toBe(checksum32(seededBytes(1024, 7)));
    expect(checksum32(seededBytes(1024, 7))).not.toBe(checksum32(seededBytes(1024, 8)));
  });

  it('produce known values (xorshift32 from 1, FNV-1a over words)', () => {
    expect([...new Uint32Array(seededBytes(12, 1).buffer)]).toEqual([270369, 67634689, 2647435461]);
    expect(seededBytes(8, 0)).toEqual(seededBytes(8, 1));
    expect(checksum32(new Uint8Array(0))).toBe(0x811c9dc5);
  });

  it('checksum an unaligned view like an aligned copy, tail bytes included', () => {
    const backing = new Uint8Array(11);
    backing.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1);
    expect(checksum32(backing.subarray(1))).toBe(
      checksum32(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])),
    );
  });

  it.each([3, -4, 1.5])('rejects %d bytes', (bytes) => {
    expect(() => seededBytes(bytes, 1)).toThrow(RangeError);
  });
});
