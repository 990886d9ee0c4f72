// What the runners' `file` workloads share (Node's on disk, the browser's on the origin private file
// system): their parameters, so their cells have the same ids, and seeded contents with their checksum, so
// both write the same bytes and check them the same way.

/** The parameters of every `file` workload. */
export const fileParams = {
  files: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 100_000,
    description: 'Files written and read back per sample (one task each).',
  },
  kib: { type: 'integer', default: 64, min: 1, max: 65_536, description: 'Size of each file, in KiB.' },
} as const;

/** `bytes` (a multiple of 4) of xorshift32 output from `seed` (non-zero; 0 is taken as 1). */
export function seededBytes(bytes: number, seed: number): Uint8Array {
  if (!Number.isInteger(bytes) || bytes < 0 || bytes % 4 !== 0)
    throw new RangeError(`bytes must be a non-negative multiple of 4, got ${bytes}`);
  const words = new Uint32Array(bytes / 4);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer);
}

/** A 32-bit FNV-1a-style hash over the bytes, a word at a time (the length is mixed in first). */
export function checksum32(bytes: Uint8Array): number {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const whole = aligned.byteLength - (aligned.byteLength % 4);
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, whole / 4);
  let h = 0x811c9dc5 ^ bytes.byteLength;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193);
  for (let i = whole; i < aligned.byteLength; i++) h = Math.imul(h ^ (aligned[i] as number), 0x01000193);
  return h >>> 0;
}
