import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromLatencyServer } from '../entry/latency-server.js';
import { stopChild } from '../process/exit.js';

/** A running loopback latency server (see `startLatencyServer`). */
export interface LatencyServer {
  /** Base URL, `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  /** Process id of the server's child process (for diagnostics). */
  readonly pid: number;
  /** Stops the server process and resolves once it has exited. Safe to call more than once. */
  close(): Promise<void>;
}

/** Options of `startLatencyServer`. */
export interface LatencyServerOptions {
  /** How long to wait for the server to listen before giving up, in milliseconds (default 10000). */
  readonly timeoutMs?: number;
}

const ENTRY = fileURLToPath(new URL('../entry/latency-server.js', import.meta.url));

/**
 * Starts the loopback latency server that the `http` and `pipeline` workloads call, in a child process of its
 * own so that serving never competes with the strategy measured on this thread. It answers
 * `GET /latency/:ms/:id` after `ms` ms with `paralab:<id>` and `GET /doc/:ms/:id/:size` after `ms` ms with
 * `latencyDocument(id, size)`. The child exits when this process disconnects from it, so it never outlives
 * the run. Rejects when the child exits or does not listen within `timeoutMs`.
 */
export async function startLatencyServer(options: LatencyServerOptions = {}): Promise<LatencyServer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new RangeError(`options.timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  // No execArgv: the entry is plain built JavaScript, and flags of this process (`--input-type`, loaders,
  // profilers) would break it or slow it down.
  const child = fork(ENTRY, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await listeningPort(child, timeoutMs);
  // Neither the child nor its IPC channel keeps this process alive; when it exits, the child sees the
  // channel close and exits too. (Under Bun the channel has no `unref`; `close()` ends the child anyway.)
  child.unref();
  child.channel?.unref?.();
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, close: () => stopServer(child) };
}

/** Resolves with the port from the child's `listening` message; kills the child on failure. */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`the latency server ${reason} (entry: ${ENTRY})`));
    };
    const onMessage = (message: FromLatencyServer): void => {
      if (message?.type !== 'listening') return;
      cleanup();
      resolve(message.port);
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

/** Stops the server's process: held again (it was unref'd) until its exit is seen. */
function stopServer(child: ChildProcess): Promise<void> {
  child.ref();
  return stopChild(child);
}
