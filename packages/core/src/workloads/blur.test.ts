import { describe, expect, it } from 'vitest';
import { createRng } from '../random.js';
import { resolveParams } from '../workload.js';
import { type BlurInput, blur } from './blur.js';

const paramsOf = (overrides?: Readonly<Record<string, unknown>>) => resolveParams(blur, overrides);

/** The definition, pixel by pixel: the rounded mean of the (2r+1)² square around it, edges clamped. */
function naiveBlur({ width, height, radius, pixels }: BlurInput): Uint8ClampedArray {
  const out = new Uint8ClampedArray(pixels.length);
  const clamp = (v: number, max: number): number => Math.min(max - 1, Math.max(0, v));
  const area = (2 * radius + 1) ** 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (let dy = -radius; dy <= radius; dy++) {
          for (let dx = -radius; dx <= radius; dx++) {
            sum += pixels[(clamp(y + dy, height) * width + clamp(x + dx, width)) * 4 + c] as number;
          }
        }
        out[(y * width + x) * 4 + c] = Math.floor((sum + (area >> 1)) / area);
      }
    }
  }
  return out;
}

const noise = (width: number, height: number, seed: number): Uint8ClampedArray => {
  const rng = createRng(seed);
  return Uint8ClampedArray.from({ length: width * height * 4 }, () => Math.floor(rng() * 256));
};

describe('blur', () => {
  it.each([
    [16, 16, 1],
    [13, 7, 2],
    [9, 20, 5],
  ])('equals the per-pixel definition on a %ix%i image, radius %i', async (width, height, radius) => {
    const input = { width, height, radius, pixels: noise(width, height, width * height) };
    expect(await blur.run(input)).toEqual(naiveBlur(input));
  });

  it('blurs the generated images without touching them', async () => {
    const params = paramsOf({ images: 2, size: 24, radius: 3 });
    const inputs = await blur.prepare(params, { seed: 3 });
    expect(inputs.map(({ width, height, radius, pixels }) => [width, height, radius, pixels.length])).toEqual(
      [
        [24, 24, 3, 2304],
        [24, 24, 3, 2304],
      ],
    );
    const copies = inputs.map(({ pixels }) => pixels.slice());
    const outputs = await Promise.all(inputs.map((input) => blur.run(input)));
    expect(outputs).toEqual(inputs.map(naiveBlur));
    expect(inputs.map(({ pixels }) => pixels)).toEqual(copies);
  });

  it('writes the same image in place into a shared buffer as run returns', async () => {
    const [input] = await blur.prepare(paramsOf({ images: 1, size: 12, radius: 2 }), { seed: 5 });
    const shared = blur.shared;
    if (!input || !shared) throw new Error('blur must prepare an image and support shared memory');
    const output = new Uint8Array(new SharedArrayBuffer(shared.outputBytes(input)));
    shared.runInto(input, output);
    expect(shared.readOutput(output, input)).toEqual(await blur.run(input));
  });

  it('leaves a uniform image unchanged', async () => {
    const pixels = new Uint8ClampedArray(8 * 8 * 4).fill(77);
    expect(await blur.run({ width: 8, height: 8, radius: 2, pixels })).toEqual(pixels);
  });

  it('has no known answer (checksum mode)', () => {
    expect(blur.verify).toBeUndefined();
  });

  it.each([
    [{ radius: 0 }, 'blur.radius must be at least 1, got 0'],
    [{ size: 4 }, 'blur.size must be at least 8, got 4'],
    [{ images: 'many' }, 'blur.images must be an integer, got "many"'],
  ])('rejects %o', (overrides, message) => {
    expect(() => paramsOf(overrides)).toThrow(message);
  });
});
