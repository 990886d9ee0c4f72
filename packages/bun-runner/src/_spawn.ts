// Child processes started with `Bun.spawn` and an IPC channel. They run node-runner's child entry, which
// speaks `process.send` / `process.on('message')`: a Bun child started with `ipc` has exactly that API.
import { ParalabError, type WorkloadRef } from '@paralab/core';
import {
  CHILD_ENTRY,
  CHILD_SETUP_ENV,
  type ChildSetup,
  describeExit,
  type FromChild,
  KILL_GRACE_MS,
  type TaskPort,
  type ToChild,
} from '@paralab/node-runner';
import type { Subprocess } from 'bun';

/**
 * How long a child may take to load its workload, ms. The loop's own watchdog usually gives up first; this
 * one makes sure a start that never finishes cannot leave children behind.
 */
const START_TIMEOUT_MS = 120_000;

/**
 * How long after its exit a child's IPC channel may stay open, ms. Bun reports the channel's end
 * (`onDisconnect`) separately from the exit, in either order; this bounds the wait should it never come.
 */
const CHANNEL_DRAIN_MS = 1_000;

type Listener = (message: FromChild) => void;

/**
 * One `Bun.spawn` child with IPC (structured clone: `serialization: 'advanced'`), stdout and stderr shared
 * with this process. `ended` resolves once the child has exited and its channel has closed, so an answer
 * sent right before an exit is never lost.
 */
export class SpawnedChild {
  readonly #process: Subprocess<'ignore', 'inherit', 'inherit'>;
  readonly #listeners = new Set<Listener>();
  #over = false;
  /** Resolves with how the child ended (`child process exited with code 7`), once nothing more can arrive. */
  readonly ended: Promise<string>;

  /** Spawns `entry` (default: node-runner's child entry) with `setup` in its environment. */
  constructor(setup: ChildSetup, entry: string = CHILD_ENTRY) {
    let disconnected = (): void => {};
    const channelClosed = new Promise<void>((resolve) => {
      disconnected = resolve;
    });
    this.#process = Bun.spawn([process.execPath, entry], {
      env: { ...process.env, [CHILD_SETUP_ENV]: JSON.stringify(setup) },
      stdio: ['ignore', 'inherit', 'inherit'],
      serialization: 'advanced',
      ipc: (message: FromChild) => {
        for (const listener of this.#listeners) listener(message);
      },
      onDisconnect: () => disconnected(),
    });
    const exited = this.#process.exited;
    const drained = exited.then(() => new Promise<void>((resolve) => setTimeout(resolve, CHANNEL_DRAIN_MS)));
    this.ended = Promise.all([exited, Promise.race([channelClosed, drained])]).then(() => {
      this.#over = true;
      const { exitCode, signalCode } = this.#process;
      // Bun gives a signal's number where it has no name for it.
      if (typeof signalCode === 'number') return `child process was killed by signal ${signalCode}`;
      return describeExit(exitCode, signalCode);
    });
    this.ended.catch(() => {});
  }

  /** The child's process id. */
  get pid(): number {
    return this.#process.pid;
  }

  /** True once `ended` has resolved. */
  get over(): boolean {
    return this.#over;
  }

  /** Sends a message; throws synchronously when it cannot be cloned or the channel is closed. */
  send(message: ToChild): void {
    this.#process.send(message);
  }

  /** Calls `listener` with every message from now on; returns a function that stops it. */
  onMessage(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Ends the child: SIGTERM, SIGKILL after `graceMs`, and resolves once it has exited. Safe to call twice. */
  async stop(graceMs: number = KILL_GRACE_MS): Promise<void> {
    const child = this.#process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      await child.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Spawns `count` warm children and resolves once every one has loaded the workload; on failure none is left. */
export async function startSpawnedChildren(ref: WorkloadRef, count: number): Promise<SpawnedChild[]> {
  const children: SpawnedChild[] = [];
  try {
    for (let i = 0; i < count; i++) children.push(new SpawnedChild({ ref, once: false }));
    await Promise.all(children.map(waitReady));
    return children;
  } catch (error) {
    await stopSpawnedChildren(children);
    throw error;
  }
}

/** Stops every child at once (see `SpawnedChild.stop`). */
export async function stopSpawnedChildren(children: Iterable<SpawnedChild>): Promise<void> {
  await Promise.all(Array.from(children, (child) => child.stop()));
}

/** A warm child as a task port for node-runner's dispatcher. */
export function spawnedPort(child: SpawnedChild): TaskPort {
  return {
    send: (message) => child.send(message),
    listen(onMessage, onFail) {
      let listening = true;
      const stop = child.onMessage((message) => {
        if (message.type !== 'paralab:usage') onMessage(message);
      });
      void child.ended.then((how) => {
        if (listening) onFail(new ParalabError('ERR_WORKER', how));
      });
      return () => {
        listening = false;
        stop();
      };
    },
  };
}

function waitReady(child: SpawnedChild): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (then: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      then();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new ParalabError('ERR_TIMEOUT', `a child process did not start in ${START_TIMEOUT_MS} ms`)),
        ),
      START_TIMEOUT_MS,
    );
    const stop = child.onMessage((message) => {
      if (message.type === 'paralab:ready') settle(resolve);
      else if (message.type === 'paralab:fatal')
        settle(() => reject(new ParalabError('ERR_WORKER', message.message)));
    });
    void child.ended.then((how) =>
      settle(() => reject(new ParalabError('ERR_WORKER', `${how} while starting`))),
    );
  });
}
