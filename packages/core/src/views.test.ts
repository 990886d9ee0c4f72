import { describe, expect, it } from 'vitest';
import { copyViews, transferList } from './views.js';

const onArrayBuffer = (bytes: number): ArrayBuffer => new ArrayBuffer(bytes);
const onShared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);

/** A subclass of a standard typed array, as a Node `Buffer` is. */
class Bytes extends Uint8Array {}

describe('copyViews', () => {
  it.each<[string, ArrayBufferView]>([
    ['Int8Array', Int8Array.of(-1, 2, -3)],
    ['Uint8Array', Uint8Array.of(1, 2, 255)],
    ['Uint8ClampedArray', Uint8ClampedArray.of(0, 128, 255)],
    ['Int16Array', Int16Array.of(-32768, 7, 32767)],
    ['Uint16Array', Uint16Array.of(1, 65535)],
    ['Int32Array', Int32Array.of(-5, 2 ** 31 - 1)],
    ['Uint32Array', Uint32Array.of(2 ** 32 - 1, 3)],
    ['Float32Array', Float32Array.of(0.5, -1.25)],
    ['Float64Array', Float64Array.of(Math.PI, -0)],
    ['BigInt64Array', BigInt64Array.of(-1n, 2n ** 62n)],
    ['BigUint64Array', BigUint64Array.of(2n ** 64n - 1n)],
  ])('copies a %s onto a new buffer, same type and values', (type, view) => {
    for (const allocate of [onArrayBuffer, onShared]) {
      const copy = copyViews(view, allocate) as ArrayBufferView;
      expect([copy.constructor.name, copy.buffer.constructor.name]).toEqual([
        type,
        allocate(0).constructor.name,
      ]);
      expect(copy.buffer).not.toBe(view.buffer);
      expect(copy).toEqual(view);
    }
  });

  it('copies only the bytes a view covers, from its offset', () => {
    const window = new Uint16Array(new ArrayBuffer(16), 4, 2).fill(9);
    const copy = copyViews(window, onArrayBuffer) as Uint16Array;
    expect([copy.byteOffset, copy.byteLength, copy.buffer.byteLength, [...copy]]).toEqual([0, 4, 4, [9, 9]]);
  });

  it('copies a subclass of Uint8Array as a plain Uint8Array (what a worker receives anyway)', () => {
    const copy = copyViews(Bytes.of(1, 2, 3), onArrayBuffer);
    expect(Object.getPrototypeOf(copy)).toBe(Uint8Array.prototype);
    expect(copy).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('copies a DataView as a DataView over the same bytes', () => {
    const view = new DataView(Uint8Array.of(0, 1, 2, 3).buffer, 1, 2);
    const copy = copyViews(view, onArrayBuffer) as DataView;
    expect([copy instanceof DataView, copy.byteLength, copy.getUint8(0), copy.getUint8(1)]).toEqual([
      true,
      2,
      1,
      2,
    ]);
  });

  it('copies plain objects and arrays on the way, and keeps anything else as it is', () => {
    const date = new Date(0);
    const input = { pixels: Uint8Array.of(7), layers: [Float32Array.of(1.5)], width: 2, date };
    const copy = copyViews(input, onShared) as typeof input;
    expect(copy).toEqual(input);
    expect(copy).not.toBe(input);
    expect(copy.layers).not.toBe(input.layers);
    expect([copy.pixels.buffer, copy.layers[0]?.buffer].map((b) => b instanceof SharedArrayBuffer)).toEqual([
      true,
      true,
    ]);
    expect(copy.date).toBe(date);
  });

  it('walks three levels below the value and no deeper', () => {
    const deep = { d: Uint8Array.of(4) };
    const input = { a: { b: { c: Uint8Array.of(3), deep } } };
    const copy = copyViews(input, onArrayBuffer) as typeof input;
    expect(copy.a.b.c.buffer).not.toBe(input.a.b.c.buffer);
    expect(copy.a.b.deep).toBe(deep);
  });
});

describe('transferList', () => {
  it('lists each distinct ArrayBuffer once, in the order found', () => {
    const shared = new ArrayBuffer(8);
    const other = new ArrayBuffer(4);
    const value = {
      a: new Uint8Array(shared, 0, 4),
      b: [new Uint8Array(shared, 4, 4), new Float32Array(other)],
      c: new DataView(other),
    };
    expect(transferList(value)).toEqual([shared, other]);
    expect(transferList(value)[0]).toBe(shared);
  });

  it.each<[string, unknown]>([
    ['a view on a SharedArrayBuffer', new Int32Array(new SharedArrayBuffer(8))],
    ['an object of shared views', { counters: new Int32Array(new SharedArrayBuffer(8)) }],
    ['a number', 3],
    ['null', null],
    ['a bare ArrayBuffer (not a view)', new ArrayBuffer(8)],
    ['a view four levels down', { a: { b: { c: { d: Uint8Array.of(1) } } } }],
  ])('lists nothing for %s', (_what, value) => {
    expect(transferList(value)).toEqual([]);
  });

  it('finds a view three levels down', () => {
    const view = Uint8Array.of(1);
    expect(transferList({ a: { b: { c: view } } })).toEqual([view.buffer]);
  });
});
