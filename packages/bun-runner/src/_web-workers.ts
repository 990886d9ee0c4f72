// Bun's Web Workers (`new Worker(url, { type: 'module' })`, `postMessage`, events) as seen by node-runner's
// dispatcher: starting N that load the workload, a `TaskPort` per worker, and terminating them.
import { ParalabError, type WorkloadRef } from '@paralab/core';
import { type FromWorker, firstLine, type TaskPort } from '@paralab/node-runner';
import type { ToWebWorker } from './_protocol.js';

const ENTRY = new URL('./entry/web-worker.js', import.meta.url);

/** How long terminating a worker may take before `terminateWebWorkers` stops waiting for it, ms. */
const TERMINATE_WAIT_MS = 2_000;

/**
 * Why a worker is gone (an uncaught error, or it closed), recorded whenever it happens, also between
 * batches, so that a later batch fails at once instead of waiting for it.
 */
const gone = new WeakMap<Worker, Error>();
/** Resolves when the worker has closed (its `close` event). */
const closed = new WeakMap<Worker, Promise<void>>();

/** Starts `count` Web Workers and resolves when every one has loaded the workload; on failure, stops them all. */
export async function startWebWorkers(ref: WorkloadRef, count: number): Promise<Worker[]> {
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(ENTRY, { type: 'module' });
      track(worker);
      workers.push(worker);
      worker.postMessage({ type: 'paralab:setup', ref } satisfies ToWebWorker);
    }
    await Promise.all(workers.map(waitReady));
    return workers;
  } catch (error) {
    await terminateWebWorkers(workers);
    throw error;
  }
}

/** Terminates every worker (one stuck in a busy loop too) and waits for them to close; safe to call twice. */
export async function terminateWebWorkers(workers: readonly Worker[]): Promise<void> {
  for (const worker of workers) worker.terminate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, TERMINATE_WAIT_MS);
  });
  await Promise.race([Promise.all(workers.map((worker) => closed.get(worker))), late]);
  clearTimeout(timer);
}

/**
 * A Web Worker as a task port. `send` throws a `DataCloneError` synchronously for an input that cannot be
 * cloned; a worker's uncaught error or close fails the batch, also when it happened before `listen`.
 */
export function webWorkerPort(worker: Worker): TaskPort {
  return {
    send: (message) => worker.postMessage(message satisfies ToWebWorker),
    listen(onMessage, onFail) {
      const onWorkerMessage = (event: MessageEvent<FromWorker>): void => onMessage(event.data);
      const onError = (event: ErrorEvent): void => onFail(crashError(event));
      const onClose = (event: Event): void => onFail(closeError(event));
      worker.addEventListener('message', onWorkerMessage);
      worker.addEventListener('error', onError);
      worker.addEventListener('close', onClose);
      const reason = gone.get(worker);
      if (reason) queueMicrotask(() => onFail(reason));
      return () => {
        worker.removeEventListener('message', onWorkerMessage);
        worker.removeEventListener('error', onError);
        worker.removeEventListener('close', onClose);
      };
    },
  };
}

function track(worker: Worker): void {
  const mark = (reason: Error): void => {
    if (!gone.has(worker)) gone.set(worker, reason);
  };
  worker.addEventListener('error', (event) => mark(crashError(event)));
  closed.set(
    worker,
    new Promise((resolve) =>
      worker.addEventListener(
        'close',
        (event) => {
          mark(closeError(event));
          resolve();
        },
        { once: true },
      ),
    ),
  );
}

function waitReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let stop = (): void => {};
    const settle = (then: () => void): void => {
      if (settled) return;
      settled = true;
      stop();
      then();
    };
    stop = webWorkerPort(worker).listen(
      (message) => {
        if (message.type === 'paralab:ready') settle(resolve);
        else if (message.type === 'paralab:fatal')
          settle(() => reject(new ParalabError('ERR_WORKER', message.message)));
      },
      (error) => settle(() => reject(new ParalabError('ERR_WORKER', `${error.message} while starting`))),
    );
  });
}

function crashError(event: ErrorEvent): ParalabError {
  return new ParalabError('ERR_WORKER', `worker crashed: ${errorEventMessage(event.message)}`);
}

function closeError(event: Event): ParalabError {
  const code = (event as Event & { code?: number }).code;
  return new ParalabError('ERR_WORKER', `worker exited with code ${code ?? 'unknown'}`);
}

/**
 * The one line that says what went wrong in a Web Worker's `ErrorEvent.message`: Bun puts a code frame
 * before the `TypeError: ...` line, or prints a DOMException as an object with a `message:` field.
 */
export function errorEventMessage(text: string): string {
  const thrown = /^\s*((?:[A-Z]\w*)?(?:Error|error|Exception): .*)$/m.exec(text)?.[1];
  const field = /^\s*message: "(.*)",?$/m.exec(text)?.[1];
  return (thrown ?? field ?? firstLine(text)) || 'unknown error';
}
