// The parts of Deno's API this package uses, typed narrowly: paralab compiles with Node's types only (no
// Deno type library is installed), and these files run in Deno. Read through `deno()`, never at module load,
// so the host (on Node) can import the modules that define Deno's strategies without running them.
import type { ReadableStream, WritableStream } from 'node:stream/web';
import { ParalabError } from '@paralab/core/peer';

/** A child started with `Deno.Command(...).spawn()`. */
export interface DenoChildProcess {
  readonly pid: number;
  readonly stdin: WritableStream<Uint8Array>;
  readonly stdout: ReadableStream<Uint8Array>;
  readonly stderr: ReadableStream<Uint8Array>;
  /** Resolves once the child has exited: `signal` names the signal that ended it, else null. */
  readonly status: Promise<{
    readonly success: boolean;
    readonly code: number;
    readonly signal: string | null;
  }>;
  kill(signal?: string): void;
}

/** `new Deno.Command(program, options)`'s options, as this package uses them. */
export interface DenoCommandOptions {
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin: 'piped' | 'null' | 'inherit';
  readonly stdout: 'piped' | 'null' | 'inherit';
  readonly stderr: 'piped' | 'null' | 'inherit';
}

/** The `Deno` global, narrowly. */
export interface DenoApi {
  readonly version: { readonly deno: string; readonly v8: string; readonly typescript: string };
  /** The running `deno` binary. */
  execPath(): string;
  readonly Command: new (program: string, options: DenoCommandOptions) => { spawn(): DenoChildProcess };
  readonly stdin: { readonly readable: ReadableStream<Uint8Array> };
  readonly stdout: { readonly writable: WritableStream<Uint8Array> };
  readonly env: { get(name: string): string | undefined; delete(name: string): void };
  /** The exit code the process or worker will end with (set by `Deno.exit`, `process.exit`). */
  readonly exitCode: number;
  exit(code?: number): never;
}

/** Deno's global, or a one-line error when this code runs elsewhere (a bug: only Deno loads these modules). */
export function deno(): DenoApi {
  const api = (globalThis as { Deno?: DenoApi }).Deno;
  if (!api) throw new ParalabError('ERR_BUG', 'this code runs under Deno only (this is a bug in paralab)');
  return api;
}
