/**
 * A fast, deterministic 64-bit hash (two FNV-1a lanes) of a structured value, as 16 hex digits.
 *
 * Used to check a task's output against a reference output without keeping or comparing whole values.
 * Objects hash by sorted keys, typed arrays and ArrayBuffers by their bytes, numbers by value (`-0` and
 * `0` differ, every NaN is the same). Equal values give equal hashes; different values collide with
 * negligible probability (not a cryptographic hash).
 */
export function fingerprint(value: unknown): string {
  const state = { a: 0x811c9dc5, b: 0x01000193 ^ 0x5bd1e995 };
  feed(state, value);
  return hex(state.a) + hex(state.b);
}

interface HashState {
  a: number;
  b: number;
}

const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

function mix(state: HashState, byte: number): void {
  state.a = Math.imul(state.a ^ byte, 0x01000193) >>> 0;
  state.b = Math.imul(state.b ^ byte, 0x5bd1e995) >>> 0;
}

function feedString(state: HashState, text: string): void {
  mix(state, text.length & 0xff);
  mix(state, (text.length >>> 8) & 0xff);
  // Two bytes for every UTF-16 unit, so no two strings share a byte sequence.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    mix(state, code & 0xff);
    mix(state, code >>> 8);
  }
}

function feedBytes(state: HashState, bytes: Uint8Array): void {
  feedString(state, `bytes:${bytes.length}`);
  for (let i = 0; i < bytes.length; i++) mix(state, bytes[i] as number);
}

function feed(state: HashState, value: unknown): void {
  if (typeof value === 'number') feedNumber(state, value);
  else if (typeof value === 'string') feedString(state, `s${value}`);
  else if (value === null || value === undefined || typeof value === 'boolean')
    feedString(state, String(value));
  else if (typeof value === 'bigint') feedString(state, `n${value}`);
  else if (ArrayBuffer.isView(value)) {
    feedString(state, Object.prototype.toString.call(value));
    feedBytes(state, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (value instanceof ArrayBuffer) feedBytes(state, new Uint8Array(value));
  else if (Array.isArray(value)) {
    feedString(state, `[${value.length}`);
    for (const item of value) feed(state, item);
  } else if (typeof value === 'object') feedObject(state, value);
  else feedString(state, `?${typeof value}`);
}

function feedNumber(state: HashState, value: number): void {
  if (Number.isNaN(value)) {
    feedString(state, 'NaN');
    return;
  }
  scratch[0] = value;
  feedString(state, 'number');
  for (const byte of scratchBytes) mix(state, byte);
}

function feedObject(state: HashState, value: object): void {
  if (value instanceof Date) feedString(state, `date:${value.getTime()}`);
  else if (value instanceof Map) {
    feedString(state, `map:${value.size}`);
    for (const [key, item] of value) {
      feed(state, key);
      feed(state, item);
    }
  } else if (value instanceof Set) {
    feedString(state, `set:${value.size}`);
    for (const item of value) feed(state, item);
  } else {
    const keys = Object.keys(value).sort();
    feedString(state, `{${keys.length}`);
    for (const key of keys) {
      feedString(state, key);
      feed(state, (value as Record<string, unknown>)[key]);
    }
  }
}

const hex = (n: number): string => n.toString(16).padStart(8, '0');
