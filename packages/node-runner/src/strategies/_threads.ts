// paralab's own raw worker_threads machinery, shared by `worker`, `worker-pipelined`, `transfer` and
// `shared`: starting N workers that load the workload, listening to them for one batch (shared), and
// the adapter that hands them to the one dispatcher (core's `dispatchBatch`) under either in-flight policy.
import { Worker } from 'node:worker_threads';
import {
  type CancelToken,
  dispatchBatch,
  type InFlight,
  ParalabError,
  type TaskPort,
  transferList,
  type WorkloadRef,
} from '@paralab/core';
import type { FromWorker, ToThread, WorkerSetup } from '../protocol.js';

const ENTRY = new URL('../entry/worker.js', import.meta.url);

/**
 * Why a worker is gone (it crashed or exited), recorded whenever it happens, also between batches, so a
 * later batch fails at once instead of waiting for it. Listening for 'error' all the time also keeps an
 * error between batches from being thrown on the main thread.
 */
const gone = new WeakMap<Worker, Error>();

/** Starts `count` workers and resolves when every one has loaded the workload; on failure, stops them all. */
export async function startWorkers(ref: WorkloadRef, count: number): Promise<Worker[]> {
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(ENTRY, { workerData: { ref } satisfies WorkerSetup });
      const mark = (reason: Error): void => {
        if (!gone.has(worker)) gone.set(worker, reason);
      };
      worker.on('error', (error) => mark(crashError(error))).once('exit', (code) => mark(exitError(code)));
      workers.push(worker);
    }
    await Promise.all(workers.map(waitReady));
    return workers;
  } catch (error) {
    await terminateAll(workers);
    throw error;
  }
}

/** Terminates every worker (a worker stuck in a busy loop too); safe to call twice. */
export async function terminateAll(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((worker) => worker.terminate()));
}

function waitReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromWorker): void => {
      if (message.type === 'paralab:ready') done(resolve)();
      else if (message.type === 'paralab:fatal')
        done(reject)(new ParalabError('ERR_WORKER', message.message));
    };
    const onError = (error: Error): void => done(reject)(error);
    const onExit = (code: number): void =>
      done(reject)(new ParalabError('ERR_WORKER', `worker exited with code ${code} while starting`));
    const done =
      <A extends unknown[]>(settle: (...args: A) => void) =>
      (...args: A): void => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        settle(...args);
      };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

const exitError = (code: number): ParalabError =>
  new ParalabError('ERR_WORKER', `worker exited with code ${code}`);
const crashError = (error: Error): ParalabError =>
  new ParalabError('ERR_WORKER', `worker crashed: ${error.message}`);

/** Sends task `id` to `worker`: the message, and what is transferred with it, are the strategy's. */
export type PostTask = (worker: Worker, id: number, input: unknown) => void;

/** Posts a task to be structured-cloned (copied). */
export const postCloned: PostTask = (worker, id, input) =>
  worker.postMessage({ type: 'paralab:task', id, input } satisfies ToThread);

/** Posts a task with its input's buffers transferred (moved, not copied); the worker moves the output's back. */
export const postTransferred: PostTask = (worker, id, input) =>
  worker.postMessage({ type: 'paralab:task-transfer', id, input } satisfies ToThread, transferList(input));

/**
 * A worker as the shared dispatcher (`dispatchBatch`) sees it: tasks go out through `post`, and a crash or
 * an exit, also one that happened between batches, fails the batch.
 */
export function workerPort(worker: Worker, post: PostTask): TaskPort {
  return {
    send: (message) => post(worker, message.id, message.input),
    listen(onMessage, onFail) {
      const onError = (error: Error): void => onFail(crashError(error));
      const onExit = (code: number): void => onFail(exitError(code));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      const reason = gone.get(worker);
      if (reason) onFail(reason);
      return () => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
    },
  };
}

/** Runs one batch over the workers and resolves with the outputs in input order. */
export function dispatch(
  workers: readonly Worker[],
  inputs: readonly unknown[],
  cancel: CancelToken,
  inFlight: InFlight,
  post: PostTask,
): Promise<unknown[]> {
  return dispatchBatch(
    workers.map((worker) => workerPort(worker, post)),
    inputs,
    cancel,
    inFlight,
  );
}
