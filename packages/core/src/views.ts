// Finding and copying the typed arrays in a task's input or output, for the strategies that transfer
// buffers or put them on shared memory (Node's `transfer` and `shared`, Web Workers in a page). The walk
// is shallow on purpose: the value itself, the fields of a plain object or items of an array, and one
// level below that. Deeper structures are sent as they are (cloned).

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

/** A typed-array constructor, as `copyView` calls it: a view over a whole buffer. */
type ViewConstructor = new (buffer: ArrayBufferLike) => ArrayBufferView;

/** The standard typed-array constructors, by name. */
export const TYPED_ARRAYS = Object.freeze({
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
});

/** The standard typed arrays: a copy is made with the nearest of these in a view's prototype chain. */
const STANDARD_VIEWS: ReadonlySet<unknown> = new Set<unknown>(Object.values(TYPED_ARRAYS));

function copyView(view: ArrayBufferView, allocate: BufferFactory): ArrayBufferView {
  const buffer = allocate(view.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  if (view instanceof DataView) return new DataView(buffer);
  const View = standardConstructor(view);
  return new View(buffer);
}

/**
 * `view`'s constructor if it is a standard typed array, else the nearest standard one it extends: a
 * subclass (a Node `Buffer`, which arrives in a worker as a plain Uint8Array anyway) is copied as that
 * standard array. A view of no standard kind (one newer than this list) keeps its own constructor.
 */
function standardConstructor(view: ArrayBufferView): ViewConstructor {
  const own: unknown = view.constructor;
  for (let candidate = own; typeof candidate === 'function'; candidate = Object.getPrototypeOf(candidate)) {
    if (STANDARD_VIEWS.has(candidate)) return candidate as ViewConstructor;
  }
  return own as ViewConstructor;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
