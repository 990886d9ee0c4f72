import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ParalabError } from '@paralab/core';
import type { FromLoadGenerator } from '../entry/load-generator.js';
import { stopChild } from '../process/exit.js';
import type { GeneratorInfo } from './load-protocol.js';

/** A running load generator (see `startLoadGenerator`). */
export interface LoadGenerator {
  /** Its control endpoint, `http://127.0.0.1:PORT` without a trailing slash: give it to `runLoad`. */
  readonly url: string;
  /** Process id of the generator's child process: its CPU competes with the server's on the same cores. */
  readonly pid: number;
  /** Name, version and runtime of the generator (`autocannon`, e.g. `9.0.0`, `node 20.20.2`). */
  readonly generator: GeneratorInfo;
  /** Stops the generator process (a batch under way ends with it) and resolves once it has exited. Idempotent. */
  close(): Promise<void>;
}

/** Options of `startLoadGenerator`. */
export interface LoadGeneratorOptions {
  /** How long to wait for the generator to listen before giving up, ms (default 10000). */
  readonly timeoutMs?: number;
}

const ENTRY = fileURLToPath(new URL('../entry/load-generator.js', import.meta.url));

/** This Node when this is Node; under Bun or Deno (whose `process.execPath` is theirs), `node` on the PATH. */
const NODE = 'Bun' in globalThis || 'Deno' in globalThis ? 'node' : process.execPath;

/**
 * Starts the HTTP load generator (autocannon) in a Node child process of its own, so that generating load
 * never runs on a measuring thread, and resolves once its control endpoint listens on 127.0.0.1. Any runtime
 * drives it with `runLoad(generator.url, request)`. The child exits on `close()`, and by itself when this
 * process goes away (even when killed: the IPC channel closes); it never keeps this process alive. Rejects
 * with a `RangeError` for a bad option, and with a `ParalabError` (`ERR_LOADGEN`) when the child exits or
 * does not listen within `timeoutMs`.
 */
export async function startLoadGenerator(options: LoadGeneratorOptions = {}): Promise<LoadGenerator> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new RangeError(`options.timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  // No execArgv: the entry is plain built JavaScript, and flags of this process (`--input-type`, loaders,
  // profilers) would break it or slow it down. Always Node, whatever runs this module (`process.execPath`
  // under Bun is bun): autocannon's client is written for Node.
  const child = fork(ENTRY, [], {
    execArgv: [],
    execPath: NODE,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listening = await whenListening(child, timeoutMs);
  // Neither the child nor its channel keeps this process alive; when it exits, the child sees the channel
  // close and exits too. (Under Bun the channel has no `unref`; `close()` ends the child anyway.)
  child.unref();
  child.channel?.unref?.();
  return {
    url: `http://127.0.0.1:${listening.port}`,
    pid: child.pid as number,
    generator: listening.generator,
    close: () => {
      child.ref();
      return stopChild(child);
    },
  };
}

/** Resolves with the child's `listening` message; kills the child on failure. */
function whenListening(child: ChildProcess, timeoutMs: number): Promise<FromLoadGenerator> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(new ParalabError('ERR_LOADGEN', `the load generator ${reason} (entry: ${ENTRY})`));
    };
    const onMessage = (message: FromLoadGenerator): void => {
      if (message?.type !== 'listening') return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited before listening (code ${code}, signal ${signal})`);
    const onError = (error: Error): void => fail(`could not start: ${error.message}`);
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
    };
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
  });
}
