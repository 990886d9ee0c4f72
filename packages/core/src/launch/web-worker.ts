// Web Workers (`new Worker(url, { type: 'module' })`) as a launcher: the same in Bun, Deno and a browser
// page. Each runtime says which script its workers run (an entry that calls core's `servePeer`).
import { ParalabError } from '../errors.js';
import type { FromPeer, PeerSetup, ToPeer } from '../peer/protocol.js';
import { within } from '../platform.js';
import type { StrategyOptions } from '../strategy.js';
import type { Launcher, RawPeer } from './launcher.js';

/** The part of a Web Worker this launcher uses (core has no DOM types). */
interface WebWorker {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  addEventListener(type: string, listener: (event: WorkerEvent) => void): void;
  terminate(): void;
}

/** The fields of the events this launcher reads: `message`'s data, `error`'s message, Bun's `close` code. */
interface WorkerEvent {
  readonly data?: unknown;
  readonly message?: unknown;
  readonly code?: number;
  preventDefault?(): void;
}

/** A script URL: a string, or a URL object (whose `href` the constructor reads). */
type ScriptUrl = string | { readonly href: string };

type WorkerConstructor = new (
  url: ScriptUrl,
  options: { type: 'module' | 'classic'; name?: string },
) => WebWorker;

/** How long `stop` waits for a worker's `close` event (runtimes that fire one), ms. */
const CLOSE_WAIT_MS = 2_000;

/** What a Web Worker launcher needs from its runtime. */
export interface WebWorkerLauncherOptions {
  /** The worker script (an entry that runs core's `servePeer` and reads its setup from the first message). */
  readonly script: ScriptUrl | (() => ScriptUrl);
  /** Recorded with each cell (`library`, `api`, `serialization`). */
  readonly options: StrategyOptions;
  /** Turns the setup into what the worker can load (a page maps module specifiers to served URLs). */
  readonly setupFor?: (setup: PeerSetup) => PeerSetup;
  /** The runtime fires `close` on a worker that ended (Bun): `stop` waits for it. */
  readonly closeEvent?: boolean;
  /** The primitive recorded with calibration cells; default `web-worker`. */
  readonly primitive?: string;
  /** A module worker (default) or a classic script (to compare their start-up). */
  readonly type?: 'module' | 'classic';
}

/** A launcher of Web Workers (`globalThis.Worker`), module workers unless `options.type` says classic. */
export function webWorkerLauncher(options: WebWorkerLauncherOptions): Launcher {
  return {
    primitive: options.primitive ?? 'web-worker',
    peerName: 'worker',
    kind: 'thread',
    options: options.options,
    start(setup) {
      const WorkerClass = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
      if (!WorkerClass) throw new ParalabError('ERR_UNSUPPORTED', 'this runtime has no Web Workers');
      const script = typeof options.script === 'function' ? options.script() : options.script;
      const worker = new WorkerClass(script, {
        type: options.type ?? 'module',
        name: `paralab-${setup.ref?.id ?? 'peer'}`,
      });
      return webWorkerPeer(worker, options.setupFor?.(setup) ?? setup, options.closeEvent === true);
    },
  };
}

function webWorkerPeer(worker: WebWorker, setup: PeerSetup, closeEvent: boolean): RawPeer {
  let ended: ((reason: Error) => void) | undefined;
  let closed: () => void = () => {};
  const whenClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });
  const end = (reason: Error): void => {
    ended?.(reason);
    ended = undefined;
  };
  return {
    post: (message: ToPeer, transfer = []) => worker.postMessage(message, transfer),
    connect(onMessage, onEnd) {
      ended = onEnd;
      worker.addEventListener('message', (event) => onMessage(event.data as FromPeer));
      worker.addEventListener('error', (event) => {
        // Keeps a browser from also reporting it as an uncaught error of the page.
        event.preventDefault?.();
        end(new ParalabError('ERR_WORKER', `worker crashed: ${errorEventMessage(event.message)}`));
      });
      worker.addEventListener('messageerror', () =>
        end(new ParalabError('ERR_WORKER', 'a message from the worker could not be deserialized')),
      );
      worker.addEventListener('close', (event) => {
        end(new ParalabError('ERR_WORKER', `worker exited with code ${event.code ?? 'unknown'}`));
        closed();
      });
      worker.postMessage({ type: 'paralab:setup', setup } satisfies ToPeer);
    },
    async stop() {
      worker.terminate();
      end(new ParalabError('ERR_WORKER', 'worker was stopped'));
      if (closeEvent) await within(whenClosed, CLOSE_WAIT_MS);
    },
  };
}

/**
 * The one line that says what went wrong in a Web Worker's `ErrorEvent.message`: Bun puts a code frame
 * before the `TypeError: ...` line, or prints a DOMException as an object with a `message:` field; a script
 * that failed to load fires an event without a message (the browser keeps the reason to itself).
 */
export function errorEventMessage(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '')
    return 'its script failed to load or threw before it could say why';
  const thrown = /^\s*((?:[A-Z]\w*)?(?:Error|error|Exception): .*)$/m.exec(text)?.[1];
  const field = /^\s*message: "(.*)",?$/m.exec(text)?.[1];
  return (thrown ?? field ?? text.split('\n')[0]?.trim()) || 'unknown error';
}
