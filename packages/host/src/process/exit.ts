// How a process ended, in words a user can act on: an exit code, a signal, or running out of memory.
import type { ChildProcess } from 'node:child_process';

/** How long a process gets to exit after SIGTERM before it is sent SIGKILL, ms. */
export const KILL_GRACE_MS = 2_000;

/** Lines V8 and JavaScriptCore print when a heap runs out (the process then aborts). */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|out of memory|OutOfMemory/i;

/** The end of what a process wrote to stderr, kept to say why it died (`out of memory`). */
export class StderrTail {
  #text = '';
  readonly #limit: number;
  constructor(limit = 4096) {
    this.#limit = limit;
  }
  /** Keeps the last `limit` characters of what was written. */
  push(chunk: string | Uint8Array): void {
    const text = typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    this.#text = (this.#text + text).slice(-this.#limit);
  }
  /** True when the process said it ran out of memory. */
  get outOfMemory(): boolean {
    return OUT_OF_MEMORY.test(this.#text);
  }
  get text(): string {
    return this.#text;
  }
}

/**
 * "child process exited with code 7", "child process was killed by SIGKILL", or "child process ran out of
 * memory (heap limit 512 MB)" when its stderr says so (`tail`). `what` names the process.
 */
export function describeExit(
  code: number | null,
  signal: NodeJS.Signals | string | null,
  options: { what?: string; tail?: StderrTail; heapLimitMb?: number } = {},
): string {
  const what = options.what ?? 'child process';
  if (options.tail?.outOfMemory) {
    const limit = options.heapLimitMb ? ` (heap limit ${options.heapLimitMb} MB)` : '';
    return `${what} ran out of memory${limit}`;
  }
  return signal ? `${what} was killed by ${signal}` : `${what} exited with code ${code}`;
}

/** True once the process has exited (Node reaps it at once, so it leaves no zombie). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Ends a child: SIGTERM, SIGKILL after `graceMs`, and resolves once it has exited. Safe to call twice. */
export async function stopChild(child: ChildProcess, graceMs: number = KILL_GRACE_MS): Promise<void> {
  // A child whose spawn failed has no pid and nothing to stop.
  if (child.pid === undefined || hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Flags followed by a value (the next argument) that a child must not inherit. */
const DROPPED_WITH_VALUE = new Set([
  '-e',
  '--eval',
  '-p',
  '-pe',
  '--print',
  '--input-type',
  '--inspect-port',
  '--debug-port',
]);

/** Flags that a child must not inherit, alone or with their value after `=`. */
const DROPPED =
  /^(?:(?:-i|--interactive|-c|--check)$|--eval=|--print=|--input-type=|--debug-port=|--inspect|--test|--watch|--max-old-space-size)/;

/**
 * The Node flags a child inherits: all of this process's but those that would make it run something other
 * than its entry (`-e`/`-p` with their code, `--input-type`, `-i`, `-c`: under `node -e`, a child would run
 * the parent's inline script again, and fork again), those that clash with the parent (`--inspect*`,
 * `--test*`, `--watch*`), and the heap limit (each child gets its own). `NODE_OPTIONS` is inherited.
 */
export function childExecArgv(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i] as string;
    if (DROPPED_WITH_VALUE.has(arg)) i++;
    else if (!DROPPED.test(arg)) kept.push(arg);
  }
  return kept;
}
