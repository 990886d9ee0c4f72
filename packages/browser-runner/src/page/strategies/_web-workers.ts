// paralab's own module Web Workers in the page, shared by `worker`, `worker-pipelined`, `transfer` and
// `shared`: starting N that load the workload, each as a `TaskPort` of core's dispatcher, and stopping them.
import { type FromWorker, ParalabError, type TaskPort, transferList, type WorkloadRef } from '@paralab/core';
import type { ToPageWorker } from '../../protocol.js';
import { moduleUrl, pageSetup } from '../setup.js';

/**
 * Why a worker is gone (an uncaught error in it, or a message that could not be read), recorded whenever
 * it happens, also between batches, so that a later batch fails at once instead of waiting for the watchdog.
 */
const gone = new WeakMap<Worker, Error>();

/** Starts `count` module workers and resolves once every one has loaded the workload; on failure, stops all. */
export async function startPageWorkers(ref: WorkloadRef, count: number): Promise<Worker[]> {
  const { worker: script } = pageSetup().assets;
  const url = moduleUrl(ref.module);
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { type: 'module', name: `paralab-${ref.id}-${i}` });
      track(worker);
      workers.push(worker);
      worker.postMessage({ type: 'paralab:setup', url, id: ref.id } satisfies ToPageWorker);
    }
    await Promise.all(workers.map(waitReady));
    return workers;
  } catch (error) {
    terminatePageWorkers(workers);
    throw error;
  }
}

/** Terminates every worker at once (one stuck in a busy loop too); safe to call twice. */
export function terminatePageWorkers(workers: readonly Worker[]): void {
  for (const worker of workers) worker.terminate();
}

/** Sends task `id` to a worker: the message, and what is transferred with it, are the strategy's. */
export type PostTask = (worker: Worker, id: number, input: unknown) => void;

/** Posts a task to be structured-cloned (copied). */
export const postCloned: PostTask = (worker, id, input) =>
  worker.postMessage({ type: 'paralab:task', id, input } satisfies ToPageWorker);

/** Posts a task with its input's buffers transferred (moved); the worker moves the output's back. */
export const postTransferred: PostTask = (worker, id, input) =>
  worker.postMessage(
    { type: 'paralab:task-transfer', id, input } satisfies ToPageWorker,
    transferList(input),
  );

/**
 * A worker as core's dispatcher sees it. `send` throws a `DataCloneError` synchronously for an input that
 * cannot be cloned; an uncaught error in the worker fails the batch, also one from before `listen`.
 */
export function pageWorkerPort(worker: Worker, post: PostTask = postCloned): TaskPort {
  return {
    send: (message) => post(worker, message.id, message.input),
    listen: (onMessage, onFail) => listenTo(worker, onMessage, onFail),
  };
}

/** Listens to a worker's answers and failures until the returned function is called. */
export function listenTo(
  worker: Worker,
  onMessage: (message: FromWorker) => void,
  onFail: (error: Error) => void,
): () => void {
  const onWorkerMessage = (event: MessageEvent<FromWorker>): void => onMessage(event.data);
  const onError = (event: Event): void => onFail(crashError(event));
  const onMessageError = (): void => onFail(unreadable());
  worker.addEventListener('message', onWorkerMessage);
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);
  const reason = gone.get(worker);
  if (reason) queueMicrotask(() => onFail(reason));
  return () => {
    worker.removeEventListener('message', onWorkerMessage);
    worker.removeEventListener('error', onError);
    worker.removeEventListener('messageerror', onMessageError);
  };
}

function track(worker: Worker): void {
  const mark = (reason: Error): void => {
    if (!gone.has(worker)) gone.set(worker, reason);
  };
  worker.addEventListener('error', (event) => {
    // Keeps the browser from also reporting it as an uncaught error of the page.
    event.preventDefault();
    mark(crashError(event));
  });
  worker.addEventListener('messageerror', () => mark(unreadable()));
}

function waitReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = listenTo(
      worker,
      (message) => {
        if (message.type === 'paralab:ready') settle(resolve);
        else if (message.type === 'paralab:fatal')
          settle(() => reject(new ParalabError('ERR_WORKER', message.message)));
      },
      (error) => settle(() => reject(new ParalabError('ERR_WORKER', `${error.message} while starting`))),
    );
    let settled = false;
    function settle(then: () => void): void {
      if (settled) return;
      settled = true;
      stop();
      then();
    }
  });
}

/**
 * "worker crashed: Uncaught Error: boom". A script that failed to load or parse fires a plain `Event`
 * (the browser keeps the reason to itself for scripts), hence the fallback.
 */
export function crashError(event: Event): ParalabError {
  const message =
    event instanceof ErrorEvent && event.message
      ? event.message
      : 'its script failed to load or threw before it could say why (see the browser console)';
  return new ParalabError('ERR_WORKER', `worker crashed: ${message}`);
}

const unreadable = (): ParalabError =>
  new ParalabError('ERR_WORKER', 'a message from the worker could not be deserialized (messageerror)');
