import { createRng, type Rng } from '../random.js';
import { defineWorkload, type Workload } from '../workload.js';

const params = {
  images: {
    type: 'integer',
    default: 4,
    min: 1,
    max: 1024,
    description: 'Images to blur per sample (one task each).',
  },
  size: {
    type: 'integer',
    default: 512,
    min: 8,
    max: 8192,
    description: 'Width and height of each image, in pixels.',
  },
  radius: {
    type: 'integer',
    default: 2,
    min: 1,
    max: 64,
    description: 'Blur radius in pixels: each output pixel averages a (2·radius+1)² square.',
  },
} as const;

/** One task of `blur`: an RGBA image (4 bytes per pixel, row-major) and the blur radius. */
export interface BlurInput {
  /** Image width, in pixels. */
  readonly width: number;
  /** Image height, in pixels. */
  readonly height: number;
  /** Radius in pixels; the box is (2·radius+1) pixels wide and high. */
  readonly radius: number;
  /** `width * height * 4` bytes: R, G, B, A of each pixel, rows top to bottom. */
  readonly pixels: Uint8ClampedArray;
}

/** A seeded test card: smooth gradients, a few solid rectangles and per-pixel noise, fully opaque. */
function generateImage(size: number, rng: Rng): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(size * size * 4);
  const phase = rng() * 256;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const noise = rng() * 64;
      pixels[i] = ((x * 256) / size + noise) | 0;
      pixels[i + 1] = (((y * 256) / size + phase + noise) % 256) | 0;
      pixels[i + 2] = (((x ^ y) & 0xff) + noise) | 0;
      pixels[i + 3] = 255;
    }
  }
  for (let r = 0; r < 8; r++) fillRect(pixels, size, rng);
  return pixels;
}

function fillRect(pixels: Uint8ClampedArray, size: number, rng: Rng): void {
  const x0 = Math.floor(rng() * size);
  const y0 = Math.floor(rng() * size);
  const x1 = Math.min(size, x0 + Math.ceil((rng() * size) / 4));
  const y1 = Math.min(size, y0 + Math.ceil((rng() * size) / 4));
  const color = [rng() * 256, rng() * 256, rng() * 256];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      for (let c = 0; c < 3; c++) pixels[(y * size + x) * 4 + c] = color[c] as number;
    }
  }
}

/**
 * Sums each channel over a horizontal (or vertical, with `stride` = row length) window of 2·radius+1
 * samples, clamping at the edges. Reads `lines` lines of `length` pixels from `source`.
 */
function boxPass(
  source: ArrayLike<number>,
  target: Uint32Array,
  lines: number,
  length: number,
  step: number,
  stride: number,
  radius: number,
): void {
  for (let line = 0; line < lines; line++) {
    const base = line * stride;
    for (let p = 0; p < length; p++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) {
          const q = k + p < 0 ? 0 : k + p >= length ? length - 1 : k + p;
          sum += source[base + q * step + c] as number;
        }
        target[base + p * step + c] = sum;
      }
    }
  }
}

/** Box-blurs `input.pixels` (separable: rows then columns, edges clamped) into `out`. */
function boxBlurInto(
  { width, height, radius, pixels }: BlurInput,
  out: Uint8Array | Uint8ClampedArray,
): void {
  const rows = new Uint32Array(pixels.length);
  boxPass(pixels, rows, height, width, 4, width * 4, radius);
  const sums = new Uint32Array(pixels.length);
  boxPass(rows, sums, width, height, width * 4, 4, radius);
  const area = (2 * radius + 1) ** 2;
  for (let i = 0; i < sums.length; i++) out[i] = Math.floor(((sums[i] as number) + (area >> 1)) / area);
}

/** Box-blurs `input.pixels`; returns a new image. */
function boxBlur(input: BlurInput): Uint8ClampedArray {
  const out = new Uint8ClampedArray(input.pixels.length);
  boxBlurInto(input, out);
  return out;
}

/**
 * CPU-bound and data-heavy: a box blur of seeded RGBA test images (like the articles' image processing),
 * one image per task; output the blurred pixels. No known answer: runners compare outputs with a reference
 * run (checksum mode).
 */
export const blur: Workload<typeof params, BlurInput, Uint8ClampedArray> = defineWorkload({
  id: 'blur',
  kind: 'cpu',
  description: 'Separable box blur of seeded RGBA images (size × size pixels), one image per task.',
  params,
  prepare: ({ images, size, radius }, { seed }) => {
    const rng = createRng(seed);
    return Array.from({ length: images }, () => ({
      width: size,
      height: size,
      radius,
      pixels: generateImage(size, rng),
    }));
  },
  run: boxBlur,
  shared: {
    outputBytes: (input) => input.pixels.length,
    runInto: boxBlurInto,
    readOutput: (output) => new Uint8ClampedArray(output),
  },
});
