// The peer loop inside a Web Worker, the same in Bun, Deno and a browser page: its channel is the worker's
// global scope, its start-up data the first message, its faults the scope's `unhandledrejection` and
// `error` events (kept from reaching the page or the worker's owner as a crash).
import type { WorkloadRef } from '../strategy.js';
import type { AnyWorkload } from '../workload.js';
import type { FromPeer, ToPeer } from './protocol.js';
import { servePeer } from './serve.js';

/** The part of a worker's global scope this loop uses (core has no DOM types). */
interface WorkerScope {
  postMessage(message: FromPeer, transfer?: readonly ArrayBuffer[]): void;
  addEventListener(type: string, listener: (event: ScopeEvent) => void): void;
  removeEventListener(type: string, listener: (event: ScopeEvent) => void): void;
}

interface ScopeEvent {
  readonly data?: unknown;
  readonly reason?: unknown;
  readonly error?: unknown;
  readonly message?: unknown;
  preventDefault?(): void;
}

/** Runs core's peer loop in this Web Worker; `load` imports a workload the way this runtime can. */
export function serveWebWorkerPeer(load: (ref: WorkloadRef) => Promise<AnyWorkload>): void {
  const scope = globalThis as unknown as WorkerScope;
  servePeer(
    {
      post: (message, transfer = []) => scope.postMessage(message, transfer),
      onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data as ToPeer)),
    },
    {
      load,
      onFault: faultsOfThisScope,
    },
  );
}

/**
 * Calls `listener` with every unhandled rejection and uncaught exception of this global scope (a Web
 * Worker's, a page's, or Deno's), through the web's `unhandledrejection` and `error` events; each is
 * prevented, so that it reaches neither the worker's owner as a crash nor the process as its end. Returns
 * what stops listening.
 */
export function faultsOfThisScope(listener: (thrown: unknown) => void): () => void {
  const scope = globalThis as unknown as WorkerScope;
  const onRejection = (event: ScopeEvent): void => {
    event.preventDefault?.();
    listener(event.reason);
  };
  const onError = (event: ScopeEvent): void => {
    event.preventDefault?.();
    listener(event.error ?? event.message);
  };
  scope.addEventListener('unhandledrejection', onRejection);
  scope.addEventListener('error', onError);
  return () => {
    scope.removeEventListener('unhandledrejection', onRejection);
    scope.removeEventListener('error', onError);
  };
}
