// The wire format of the `Deno.Command` peers: core's peer protocol as JSON text sequences over a pipe (RFC
// 7464: each message is a record separator, one line of JSON, a newline). What JSON cannot say (typed
// arrays, ArrayBuffers, undefined, NaN, -0, bigint, Date, Map, Set, RegExp, Error) travels as a tagged
// object and comes back as itself, so a task's input and output arrive as structured clone would deliver
// them. A line without the separator is not a message: it is something else writing to the same stdout (a
// workload's own output), handed on as text.
import { Buffer } from 'node:buffer';
import { TYPED_ARRAYS } from '@paralab/core/peer';

/** The record separator that starts every message (RFC 7464). */
const RS = '\u001e';

/** The key of a tagged value. A plain object that has this key itself is tagged too (`object`). */
const TAG = '$paralab';

/** Typed-array constructors by name, as they are tagged. */
const VIEWS: Readonly<Record<string, new (buffer: ArrayBuffer) => ArrayBufferView>> = {
  ...TYPED_ARRAYS,
  DataView,
};

/** One message as a frame: the record separator, its JSON on one line, a newline. Throws when it cannot be sent. */
export function encodeFrame(message: unknown): string {
  return `${RS}${JSON.stringify(toWire(message, new Set()))}\n`;
}

/**
 * Splits a stream of text into frames: `onMessage` gets each message, `onText` whatever came between frames
 * (with its newline). Only each new chunk is searched, so a 20 MB message arriving in 64 KiB chunks costs
 * linear time. A frame that is not valid JSON is handed to `onText` as it came.
 */
export function frameReader(
  onMessage: (message: unknown) => void,
  onText: (text: string) => void,
): { push(chunk: string): void; end(): void } {
  let pending = '';
  const line = (text: string): void => {
    const start = text.indexOf(RS);
    if (start === -1) {
      onText(`${text}\n`);
      return;
    }
    if (start > 0) onText(text.slice(0, start));
    const frame = text.slice(start + 1);
    let message: unknown;
    try {
      message = fromWire(JSON.parse(frame));
    } catch {
      onText(`${frame}\n`);
      return;
    }
    onMessage(message);
  };
  return {
    push(chunk) {
      let from = 0;
      let newline = chunk.indexOf('\n');
      while (newline !== -1) {
        const text = pending + chunk.slice(from, newline);
        pending = '';
        line(text);
        from = newline + 1;
        newline = chunk.indexOf('\n', from);
      }
      pending += chunk.slice(from);
    },
    end() {
      if (pending) onText(pending);
      pending = '';
    },
  };
}

/** `value` as plain JSON data, every value JSON cannot hold tagged. Throws on functions, symbols and cycles. */
export function toWire(value: unknown, seen: Set<object>): unknown {
  switch (typeof value) {
    case 'undefined':
      return { [TAG]: 'undefined' };
    case 'number':
      if (Object.is(value, -0)) return { [TAG]: 'number', value: '-0' };
      return Number.isFinite(value) ? value : { [TAG]: 'number', value: String(value) };
    case 'bigint':
      return { [TAG]: 'bigint', value: value.toString() };
    case 'function':
    case 'symbol':
      throw new TypeError(`a ${typeof value} could not be cloned`);
    case 'object':
      return value === null ? null : objectToWire(value, seen);
    default:
      return value;
  }
}

function objectToWire(value: object, seen: Set<object>): unknown {
  if (seen.has(value)) throw new TypeError('a circular structure could not be sent to a child process');
  seen.add(value);
  try {
    const tagged = taggedToWire(value, seen);
    if (tagged !== undefined) return tagged;
    if (Array.isArray(value)) return value.map((item) => toWire(item, seen));
    const entries = Object.entries(value).map(([key, item]) => [key, toWire(item, seen)] as const);
    if (Object.hasOwn(value, TAG)) return { [TAG]: 'object', entries };
    return Object.fromEntries(entries);
  } finally {
    seen.delete(value);
  }
}

/** The tagged form of a value JSON cannot hold, or undefined for arrays and plain objects. */
function taggedToWire(value: object, seen: Set<object>): unknown {
  if (ArrayBuffer.isView(value)) {
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    return { [TAG]: kind in VIEWS ? kind : 'Uint8Array', base64: base64(value) };
  }
  if (value instanceof ArrayBuffer || isSharedArrayBuffer(value))
    return { [TAG]: 'ArrayBuffer', base64: base64(new Uint8Array(value)) };
  if (value instanceof Date) return { [TAG]: 'Date', value: value.getTime() };
  if (value instanceof RegExp) return { [TAG]: 'RegExp', source: value.source, flags: value.flags };
  if (value instanceof Map) return { [TAG]: 'Map', entries: toWire([...value], seen) };
  if (value instanceof Set) return { [TAG]: 'Set', values: toWire([...value], seen) };
  if (value instanceof Error)
    return { [TAG]: 'Error', name: value.name, message: value.message, stack: value.stack ?? '' };
  return undefined;
}

/** The value `toWire` was given, rebuilt from its wire form. */
export function fromWire(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromWire);
  const record = value as Record<string, unknown>;
  const tag = record[TAG];
  if (typeof tag === 'string') return taggedFromWire(tag, record);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = fromWire(item);
  return out;
}

function taggedFromWire(tag: string, record: Record<string, unknown>): unknown {
  switch (tag) {
    case 'undefined':
      return undefined;
    case 'number':
      return Number(record.value);
    case 'bigint':
      return BigInt(String(record.value));
    case 'Date':
      return new Date(Number(record.value));
    case 'RegExp':
      return new RegExp(String(record.source), String(record.flags));
    case 'Map':
      return new Map(fromWire(record.entries) as [unknown, unknown][]);
    case 'Set':
      return new Set(fromWire(record.values) as unknown[]);
    case 'Error':
      return rebuiltError(record);
    case 'ArrayBuffer':
      return bytes(String(record.base64)).buffer;
    case 'object':
      return Object.fromEntries((record.entries as [string, unknown][]).map(([k, v]) => [k, fromWire(v)]));
    default: {
      const View = VIEWS[tag];
      if (!View)
        throw new TypeError(`unknown tagged value ${JSON.stringify(tag)} (this is a bug in paralab)`);
      return new View(bytes(String(record.base64)).buffer);
    }
  }
}

function rebuiltError(record: Record<string, unknown>): Error {
  const error = new Error(String(record.message));
  error.name = String(record.name);
  error.stack = String(record.stack);
  return error;
}

function base64(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

/** Decoded bytes on an ArrayBuffer of their own (Buffer may hand back a slice of a shared pool). */
function bytes(text: string): Uint8Array<ArrayBuffer> {
  const decoded = Buffer.from(text, 'base64');
  const copy = new Uint8Array(decoded.byteLength);
  copy.set(decoded);
  return copy;
}

function isSharedArrayBuffer(value: object): value is SharedArrayBuffer {
  return typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer;
}
