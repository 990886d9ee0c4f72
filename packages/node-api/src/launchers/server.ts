// Server processes for the serving strategies: a server entry forked with an IPC channel (Node's fork; Bun
// and Deno run it too), its setup in the environment; it says `paralab:listening` with its port and every
// pid that serves. Children of the measuring side, in its process group: the host's kill of the side's
// group ends them too, and each exits by itself when its channel closes (its parent died).
import type { ChildProcess } from 'node:child_process';
import {
  type FromServer,
  ParalabError,
  type RunningServer,
  type ServerLauncher,
  type ServerSetup,
  type StrategyOptions,
} from '@paralab/core';
import { describeExit, isAlive, processUsage, stopChild } from '@paralab/host/process';
import { forkChild } from './_fork.js';

/** The environment variable a server process reads its `ServerSetup` from (JSON). */
export const SERVER_SETUP_ENV = 'PARALAB_SERVER_SETUP';

/** How long a server may take to listen, ms (the strategy's watchdog may stop it sooner). */
export const SERVER_START_TIMEOUT_MS = 30_000;

/** One server process while it starts and runs. */
interface ServerProcess {
  readonly child: ChildProcess;
  readonly listening: Promise<{ port: number; pids: readonly number[] }>;
  readonly ended: Promise<string>;
}

/** What makes a process server launcher. */
export interface ProcessServerOptions {
  /** The built entry script every process runs. */
  readonly entry: string;
  /** Recorded with every cell. */
  readonly options: StrategyOptions;
  /**
   * `one`: one process, given the cell's concurrency (it runs its own workers: cluster, pool threads).
   * `per-worker`: N processes sharing one port (`reusePort`): the first takes a free port, the others join it.
   */
  readonly processes: 'one' | 'per-worker';
  /** Why this runtime cannot run it, or true. */
  readonly supported?: () => true | string;
}

/** A `ServerLauncher` whose servers are processes running `options.entry`. */
export function processServerLauncher(options: ProcessServerOptions): ServerLauncher {
  return {
    options: options.options,
    ...(options.supported ? { supported: options.supported } : {}),
    start: (setup) => startServer(options, setup),
    usage: (pids) => processUsage(pids),
  };
}

async function startServer(
  options: ProcessServerOptions,
  setup: Omit<ServerSetup, 'port'>,
): Promise<RunningServer> {
  const started: ServerProcess[] = [];
  const stop = (): Promise<void> => stopAll(started);
  try {
    const count = options.processes === 'one' ? 1 : setup.concurrency;
    const workers = options.processes === 'one' ? setup.concurrency : 1;
    const first = spawnServer(options.entry, { ref: setup.ref, concurrency: workers, port: 0 });
    started.push(first);
    const { port, pids } = await withTimeout(first, stop);
    const all = [...pids];
    for (let i = 1; i < count; i++) {
      const next = spawnServer(options.entry, { ref: setup.ref, concurrency: workers, port });
      started.push(next);
      all.push(...(await withTimeout(next, stop)).pids);
    }
    let stopping: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      pids: all,
      ended: Promise.race(started.map((server) => server.ended)),
      stop: () => {
        stopping ??= stopAll(started, all);
        return stopping;
      },
    };
  } catch (thrown) {
    await stop();
    throw thrown;
  }
}

/** The process's `listening` message, or a one-line error when it ends first or takes too long. */
function withTimeout(
  server: ServerProcess,
  stop: () => Promise<void>,
): Promise<{ port: number; pids: readonly number[] }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new ParalabError('ERR_SERVER', `the server did not listen within ${SERVER_START_TIMEOUT_MS} ms`),
      );
    }, SERVER_START_TIMEOUT_MS);
    server.listening.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function spawnServer(entry: string, setup: ServerSetup): ServerProcess {
  const { child, tail, heapLimitMb: limit } = forkChild(entry, { [SERVER_SETUP_ENV]: JSON.stringify(setup) });
  let fault: string | undefined;
  const ended = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`server process could not start: ${error.message}`));
    child.once('exit', (code, signal) => {
      const how = describeExit(code, signal, { what: 'server process', tail, heapLimitMb: limit });
      resolve(fault ? `${how}: ${fault}` : how);
    });
  });
  const listening = new Promise<{ port: number; pids: readonly number[] }>((resolve, reject) => {
    child.on('message', (message: FromServer) => {
      if (message?.type === 'paralab:listening') resolve({ port: message.port, pids: message.pids });
      else if (message?.type === 'paralab:server-fault') fault ??= message.message;
    });
    void ended.then((how) => reject(new ParalabError('ERR_SERVER', `${how} before it listened`)));
  });
  listening.catch(() => {});
  return { child, listening, ended };
}

/**
 * Stops every server process (SIGTERM, then SIGKILL), then any process of theirs still alive (a cluster
 * worker whose primary was killed before it could end it), and resolves once all are gone.
 */
async function stopAll(servers: readonly ServerProcess[], pids: readonly number[] = []): Promise<void> {
  await Promise.all(servers.map((server) => stopChild(server.child)));
  for (const pid of pids) {
    if (isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
  const until = Date.now() + 5_000;
  while (pids.some(isAlive) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** How a runtime runs its servers: its entry scripts and what they use. */
export interface ServerFamilyOptions {
  /** The built entry script of each server: one event loop, one loop with a pool, one of N sharing a port. */
  readonly entry: (name: 'serve-loop' | 'serve-offload' | 'serve-reuseport') => string;
  /** What serves the requests, recorded with every cell (`node:http`, `Bun.serve`). */
  readonly server: string;
  /** What the offloading server runs the tasks in, recorded with its cells (`{ workers: 'piscina', ... }`). */
  readonly offload: StrategyOptions;
  /** Whether N processes may share one port here (`reusePort`), or why not. */
  readonly reusePort: () => true | string;
}

/** The server launchers of a runtime's `serve-loop`, `serve-offload` and `serve-reuseport` strategies. */
export function serverFamily(o: ServerFamilyOptions): {
  loop: ServerLauncher;
  offload: ServerLauncher;
  reusePort: ServerLauncher;
} {
  const common = { server: o.server, thread: 'server-process' };
  return {
    loop: processServerLauncher({
      entry: o.entry('serve-loop'),
      options: { ...common, workers: 'none' },
      processes: 'one',
    }),
    offload: processServerLauncher({
      entry: o.entry('serve-offload'),
      options: { ...common, ...o.offload },
      processes: 'one',
    }),
    reusePort: processServerLauncher({
      entry: o.entry('serve-reuseport'),
      options: { ...common, workers: 'reusePort processes' },
      processes: 'per-worker',
      supported: o.reusePort,
    }),
  };
}
