import { createRng, type Rng } from '../random.js';
import { defineWorkload, type Workload } from '../workload.js';
import { sha256Hex } from './_sha256.js';

const params = {
  buffers: {
    type: 'integer',
    default: 16,
    min: 1,
    max: 4096,
    description: 'Buffers to hash per sample (one task each).',
  },
  kib: {
    type: 'integer',
    default: 1024,
    min: 1,
    max: 65536,
    description: 'Size of each buffer, in KiB (1024 bytes).',
  },
} as const;

/** One task of `sha256`: the bytes to hash (seeded pseudo-random). */
export interface Sha256Input {
  /** `kib * 1024` bytes; transferred or cloned to whichever thread runs the task. */
  readonly bytes: Uint8Array;
}

/** Fills `size` bytes from `rng`, 4 bytes per draw. */
function randomBytes(size: number, rng: Rng): Uint8Array {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  const whole = size - (size % 4);
  for (let i = 0; i < whole; i += 4) view.setUint32(i, Math.floor(rng() * 0x100000000));
  for (let i = whole; i < size; i++) bytes[i] = Math.floor(rng() * 256);
  return bytes;
}

/**
 * CPU-bound and data-heavy: SHA-256 (pure JavaScript) of seeded pseudo-random buffers, one per task; output
 * the hex digest. No known answer: runners compare outputs with a reference run (checksum mode).
 */
export const sha256: Workload<typeof params, Sha256Input, string> = defineWorkload({
  id: 'sha256',
  kind: 'cpu',
  description: 'Pure-JavaScript SHA-256 of seeded pseudo-random buffers, one buffer per task.',
  params,
  prepare: ({ buffers, kib }, { seed }) => {
    const rng = createRng(seed);
    return Array.from({ length: buffers }, () => ({ bytes: randomBytes(kib * 1024, rng) }));
  },
  run: ({ bytes }) => sha256Hex(bytes),
});
