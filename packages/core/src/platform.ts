/**
 * The few web-standard globals that core uses, read through one typed accessor. They exist in every
 * runtime paralab targets (Node, Bun, Deno, browsers, workers); core's tsconfig has no DOM or Node types,
 * so they are declared here, narrowly, instead of leaking a runtime's whole type library into core.
 */
interface PortableGlobals {
  performance: { now(): number };
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  queueMicrotask(callback: () => void): void;
}

const globals = globalThis as unknown as PortableGlobals;

/** Monotonic time in milliseconds (`performance.now()`). */
export const now = (): number => globals.performance.now();

/**
 * Calls `callback` after `ms` milliseconds; returns a function that cancels it. With `unref`, a pending
 * timer does not keep the process alive (where the runtime's timers have `unref`: Node, Bun, Deno).
 */
export function setTimer(callback: () => void, ms: number, options: { unref?: boolean } = {}): () => void {
  const handle = globals.setTimeout(callback, ms);
  if (options.unref) (handle as { unref?: () => void } | undefined)?.unref?.();
  return () => globals.clearTimeout(handle);
}

/** Resolves after `ms` milliseconds. */
/** Keeps the calling thread busy for `ms` (a spin on the clock, never yielding), as a task's work does. */
export function busyFor(ms: number): void {
  const end = now() + ms;
  while (now() < end) {
    // Busy on purpose.
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimer(resolve, ms));

/**
 * `promise`, or `'late'` when it has not settled within `ms` (its rejection still propagates); the timer is
 * cleared either way. Core's one "settle within" race (`withWatchdog` is the one that fails the work).
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'late'> {
  let stop = (): void => {};
  const late = new Promise<'late'>((resolve) => {
    stop = setTimer(() => resolve('late'), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    stop();
  }
}

/** Runs `callback` once the current task's synchronous work and earlier microtasks are done. */
export const microtask = (callback: () => void): void => globals.queueMicrotask(callback);
