// The wire format of the Deno.Command peers, on its own (pure code: it runs on Node here).
import { describe, expect, it } from 'vitest';
import { encodeFrame, frameReader } from '../src/launchers/_json-seq.js';

/** Encodes `value` as one frame and reads it back. */
function roundTrip(value: unknown): unknown {
  const messages: unknown[] = [];
  const reader = frameReader(
    (message) => messages.push(message),
    (text) => {
      throw new Error(`unexpected text ${JSON.stringify(text)}`);
    },
  );
  reader.push(encodeFrame(value));
  reader.end();
  expect(messages).toHaveLength(1);
  return messages[0];
}

describe('encodeFrame and frameReader', () => {
  it.each([
    ['a task', { type: 'paralab:task', id: 3, input: { list: [1, 2, 3], name: 'x\ny' } }],
    [
      'typed arrays of every kind',
      [new Int8Array([-1]), new Uint8ClampedArray([255]), new Uint16Array([65535])],
    ],
    ['more typed arrays', [new Int16Array([-2]), new Uint32Array([2 ** 32 - 1]), new Float32Array([0.5])]],
    ['big typed arrays', [new BigInt64Array([-(2n ** 63n)]), new BigUint64Array([2n ** 64n - 1n])]],
    ['a view on part of a buffer', new Uint8Array(new Uint8Array([1, 2, 3, 4]).buffer, 1, 2)],
    ['a DataView', new DataView(new Uint8Array([5, 6]).buffer)],
    ['undefined in an object and an array', { a: undefined, list: [undefined, 1] }],
    ['numbers JSON cannot hold', [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0]],
    ['bigint, Date, RegExp', [12345678901234567890n, new Date(86_400_000), /a+b/giu]],
    ['Map and Set, nested', new Map<unknown, unknown>([['k', new Set([1, new Uint8Array([2])])]])],
    ['an object with the tag key', { $paralab: 'Map', entries: [] }],
    ['the empty string and null', ['', null, { '': null }]],
  ])('keeps %s as structured clone would', (_, value) => {
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it('keeps an Error as an Error with its name and message', () => {
    const error = roundTrip(new RangeError('out of range')) as Error;
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.message]).toEqual(['RangeError', 'out of range']);
  });

  it('gives each typed array a buffer of its own, whole and aligned', () => {
    const view = roundTrip(new Float64Array(new ArrayBuffer(24), 8, 1)) as Float64Array;
    expect([view.byteOffset, view.buffer.byteLength, view.length]).toEqual([0, 8, 1]);
  });

  it.each([
    ['a function', { run: () => 1 }, 'a function could not be cloned'],
    ['a symbol', [Symbol('s')], 'a symbol could not be cloned'],
  ])('refuses %s at once, as structured clone does', (_, value, message) => {
    expect(() => encodeFrame(value)).toThrow(new TypeError(message));
  });

  it('refuses a cycle, and allows the same object twice side by side', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encodeFrame(cycle)).toThrow('a circular structure could not be sent to a child process');
    const shared = { n: 1 };
    expect(roundTrip([shared, shared])).toEqual([{ n: 1 }, { n: 1 }]);
  });

  it('reads frames split anywhere across chunks, and hands on the text between them', () => {
    const messages: unknown[] = [];
    const texts: string[] = [];
    const reader = frameReader(
      (message) => messages.push(message),
      (text) => texts.push(text),
    );
    const stream = `${encodeFrame({ id: 1 })}a log line\n${encodeFrame({ id: 2, data: new Uint8Array([1]) })}partial`;
    for (let i = 0; i < stream.length; i += 3) reader.push(stream.slice(i, i + 3));
    expect(messages).toStrictEqual([{ id: 1 }, { id: 2, data: new Uint8Array([1]) }]);
    reader.end();
    expect(texts).toEqual(['a log line\n', 'partial']);
  });

  it('separates output written before a frame on the same line, and passes on a frame that is not JSON', () => {
    const messages: unknown[] = [];
    const texts: string[] = [];
    const reader = frameReader(
      (message) => messages.push(message),
      (text) => texts.push(text),
    );
    reader.push(`no newline yet${encodeFrame({ id: 3 })}\u001e{broken\n`);
    expect(messages).toEqual([{ id: 3 }]);
    expect(texts).toEqual(['no newline yet', '{broken\n']);
  });
});
