// Finding and copying the typed arrays in a task's input or output, for the `transfer` and `shared`
// strategies. The walk is shallow on purpose: the value itself, the fields of a plain object or items of an
// array, and one level below that. Deeper structures are sent as they are (cloned).

/** How deep below the value itself the walk looks: `input.pixels` (1), `input.layers[0]` (2). */
const DEPTH = 2;

/** Makes an empty buffer of `byteLength` bytes: an `ArrayBuffer` or a `SharedArrayBuffer`. */
export type BufferFactory = (byteLength: number) => ArrayBufferLike;

/**
 * Returns `value` with every typed array (and `DataView`) it holds replaced by a copy on a buffer of its
 * own made by `allocate`; plain objects and arrays on the way are copied, anything else is kept as is.
 */
export function copyViews(value: unknown, allocate: BufferFactory, depth = 0): unknown {
  if (ArrayBuffer.isView(value)) return copyView(value, allocate);
  if (depth > DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => copyViews(item, allocate, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyViews(item, allocate, depth + 1);
  return copy;
}

/** The distinct `ArrayBuffer`s behind the typed arrays in `value` (shared buffers are never listed). */
export function transferList(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  collect(value, found, 0);
  return [...found];
}

function collect(value: unknown, found: Set<ArrayBuffer>, depth: number): void {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (depth <= DEPTH && (Array.isArray(value) || isPlainObject(value))) {
    for (const item of Object.values(value)) collect(item, found, depth + 1);
  }
}

function copyView(view: ArrayBufferView, allocate: BufferFactory): ArrayBufferView {
  const buffer = allocate(view.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  if (view instanceof DataView) return new DataView(buffer);
  // A Node Buffer arrives in a worker as a plain Uint8Array anyway (and `new Buffer()` is deprecated).
  if (Buffer.isBuffer(view)) return new Uint8Array(buffer);
  const TypedArray = view.constructor as new (buffer: ArrayBufferLike) => ArrayBufferView;
  return new TypedArray(buffer);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
