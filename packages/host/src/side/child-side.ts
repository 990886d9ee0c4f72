// A measuring side in a child process: Node, Bun, Deno or another Node version running a runner's measuring
// entry, spoken to over Node's IPC channel (JSON, which every runtime here supports). Its stderr passes
// through and its end is kept to say why it died; its memory is watched so that a runaway task ends as
// "out of memory" instead of taking the machine down.
import { type ChildProcess, spawn } from 'node:child_process';
import { totalmem } from 'node:os';
import {
  type FromSide,
  type MeasureEvent,
  ParalabError,
  type SideIdentity,
  type SideReply,
  type SideRequest,
  type ToSide,
} from '@paralab/core';
import { describeExit, StderrTail, stopChild } from '../process/exit.js';
import { killGroup } from '../process/signal.js';
import { treeRss } from '../process/tree.js';
import { type MeasuringSide, type SideFactory, SideLost } from './measuring-side.js';

/** How to start a child-process measuring side. */
export interface ChildSideOptions {
  /** The runtime's executable (`process.execPath`, a `bun` or `deno` binary). */
  readonly command: string;
  /** Its arguments, the entry script last (or wherever the runtime wants it). */
  readonly args: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** What messages call it: `the Node measuring process`. */
  readonly what: string;
  /** How long it may take to say hello, ms (default 30 000). */
  readonly startTimeoutMs?: number;
  /** Its heap limit, MB, for the "out of memory" message. */
  readonly heapLimitMb?: number;
  /** The most memory it and its children may use together, bytes (default: three quarters of the machine's). */
  readonly rssLimitBytes?: number;
}

const MEMORY_POLL_MS = 500;

/** A factory of child-process sides with these options. */
export function childSides(options: ChildSideOptions): SideFactory {
  return { what: options.what, open: () => ChildSide.open(options) };
}

/** A measuring side in a child process. */
export class ChildSide implements MeasuringSide {
  readonly identity: SideIdentity;
  readonly #child: ChildProcess;
  readonly #options: ChildSideOptions;
  readonly #tail: StderrTail;
  readonly #ended: Promise<string>;
  #killedFor: string | undefined;
  #nextId = 1;

  private constructor(
    child: ChildProcess,
    identity: SideIdentity,
    tail: StderrTail,
    ended: Promise<string>,
    options: ChildSideOptions,
  ) {
    this.#child = child;
    this.identity = identity;
    this.#tail = tail;
    this.#ended = ended;
    this.#options = options;
  }

  /** Starts the child and resolves once it has said hello; rejects with a one-line error otherwise. */
  static async open(options: ChildSideOptions): Promise<ChildSide> {
    // Its own process group: killing the group ends the side and every worker process it started, and a
    // Ctrl-C in the terminal reaches the host only (which then ends the side at once).
    const child = spawn(options.command, [...options.args], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      serialization: 'json',
      detached: true,
    });
    const tail = new StderrTail();
    child.stderr?.on('data', (chunk: Buffer) => {
      tail.push(chunk);
      process.stderr.write(chunk);
    });
    const ended = endOf(child, tail, options);
    const killTree = (): void => killGroup(child.pid);
    process.once('exit', killTree);
    void ended.then(() => {
      killTree();
      process.off('exit', killTree);
    });
    const identity = await hello(child, ended, options);
    const side = new ChildSide(child, identity, tail, ended, options);
    side.#watchMemory();
    return side;
  }

  request(
    request: SideRequest,
    onEvent: (event: MeasureEvent) => void,
    silenceMs: number,
  ): Promise<SideReply> {
    const id = this.#nextId++;
    return new Promise<SideReply>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const heard = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const seconds = Math.round(silenceMs / 1000);
          void this.kill(
            `${this.#options.what} said nothing for ${seconds} s (a task blocked its main thread?) and was killed`,
          );
        }, silenceMs);
      };
      const onMessage = (message: FromSide): void => {
        heard();
        if (message.type === 'event') onEvent(message.event);
        else if (message.type === 'reply' && message.id === id) settle(() => resolve(message.reply));
        else if (message.type === 'failed' && message.id === id)
          settle(() => reject(new ParalabError('ERR_SIDE', message.message)));
      };
      const settle = (then: () => void): void => {
        clearTimeout(timer);
        this.#child.off('message', onMessage);
        then();
      };
      this.#child.on('message', onMessage);
      void this.#ended.then((how) => settle(() => reject(new SideLost(this.#killedFor ?? how))));
      heard();
      this.#send({ type: 'request', id, request });
    });
  }

  async kill(reason: string): Promise<void> {
    this.#killedFor ??= reason;
    killGroup(this.#child.pid);
    await this.#ended;
  }

  async close(): Promise<void> {
    if (this.#child.connected) this.#child.disconnect();
    await stopChild(this.#child);
    killGroup(this.#child.pid);
  }

  /** The stderr the side wrote last (for diagnostics). */
  get stderr(): string {
    return this.#tail.text;
  }

  #send(message: ToSide): void {
    try {
      // With a callback, a send that fails (the side is gone) is not thrown: its end is reported anyway.
      this.#child.send(message, () => {});
    } catch {
      // The channel is closed: the side's end is reported through #ended.
    }
  }

  #watchMemory(): void {
    const limit = this.#options.rssLimitBytes ?? defaultRssLimit();
    const pid = this.#child.pid;
    if (pid === undefined) return;
    const poll = setInterval(async () => {
      const rss = await treeRss(pid);
      if (rss <= limit) return;
      const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;
      void this.kill(
        `${this.#options.what} ran out of memory: it and its children used ${mb(rss)}, over the limit of ${mb(limit)}`,
      );
    }, MEMORY_POLL_MS);
    poll.unref();
    void this.#ended.then(() => clearInterval(poll));
  }
}

/** How long after its exit a side's IPC channel may stay open before the side counts as ended, ms. */
const CHANNEL_DRAIN_MS = 1_000;

/**
 * Resolves with how the side ended once it has exited AND its IPC channel has closed (or a second after
 * the exit): every message it sent before dying is in by then. Not `close`: a process the side started can
 * hold its stderr open long after the side is gone.
 */
function endOf(child: ChildProcess, tail: StderrTail, options: ChildSideOptions): Promise<string> {
  return new Promise<string>((resolve) => {
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let drained = false;
    const settle = (): void => {
      if (!exit || !drained) return;
      const { code, signal } = exit;
      resolve(describeExit(code, signal, { what: options.what, tail, heapLimitMb: options.heapLimitMb }));
    };
    child.once('error', (error) => resolve(`${options.what} could not start: ${error.message}`));
    child.once('disconnect', () => {
      drained = true;
      settle();
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      setTimeout(() => {
        drained = true;
        settle();
      }, CHANNEL_DRAIN_MS).unref();
      settle();
    });
  });
}

/** SIGKILLs the side's whole process group (the side and every process it started). */

function hello(
  child: ChildProcess,
  ended: Promise<string>,
  options: ChildSideOptions,
): Promise<SideIdentity> {
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new ParalabError('ERR_SIDE', `${options.what} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: FromSide): void => {
      if (message.type !== 'hello') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.identity);
    };
    child.on('message', onMessage);
    void ended.then((how) => {
      clearTimeout(timer);
      reject(new ParalabError('ERR_SIDE', `${how} while starting`));
    });
  });
}

function defaultRssLimit(): number {
  return Math.floor((totalmem() * 3) / 4);
}
