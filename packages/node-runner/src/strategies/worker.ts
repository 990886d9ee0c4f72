import { Worker } from 'node:worker_threads';
import { ParalabError, type Strategy, type StrategyInstance, type WorkloadRef } from '@paralab/core';
import type { FromWorker, ToWorker, WorkerSetup } from '../protocol.js';

const ENTRY = new URL('../entry/worker.js', import.meta.url);

/**
 * Raw `worker_threads` with paralab's own minimal dispatcher: a fixed set of N workers, each given one
 * task at a time (the next as soon as it answers). No library between the task and the thread: the floor
 * a pool library is compared against.
 */
export const workerStrategy: Strategy = {
  name: 'worker',
  description: "N raw worker_threads, one task in flight per worker (paralab's own dispatcher)",
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const workers = await startWorkers(ref, concurrency);
    return {
      options: {
        library: 'node:worker_threads',
        inFlight: 'one-per-worker',
        serialization: 'structured-clone',
      },
      runBatch: (inputs, cancel) =>
        new Promise((resolve, reject) => {
          const dispatch = new Dispatch(workers, inputs, resolve, reject);
          cancel.onCancel((reason) => dispatch.fail(reason));
          dispatch.start();
        }),
      async close() {
        await Promise.all(workers.map((worker) => worker.terminate()));
      },
    };
  },
};

/** Starts `count` workers and resolves when every one has loaded the workload. */
export async function startWorkers(ref: WorkloadRef, count: number): Promise<Worker[]> {
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++)
      workers.push(new Worker(ENTRY, { workerData: { ref } satisfies WorkerSetup }));
    await Promise.all(workers.map(waitReady));
    return workers;
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
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

/** One batch spread over the workers, one task in flight per worker. */
class Dispatch {
  readonly #workers: readonly Worker[];
  readonly #inputs: readonly unknown[];
  readonly #resolve: (outputs: unknown[]) => void;
  readonly #reject: (error: Error) => void;
  readonly #outputs: unknown[];
  #next = 0;
  #finished = 0;
  #settled = false;
  readonly #cleanups: Array<() => void> = [];

  constructor(
    workers: readonly Worker[],
    inputs: readonly unknown[],
    resolve: (outputs: unknown[]) => void,
    reject: (error: Error) => void,
  ) {
    this.#workers = workers;
    this.#inputs = inputs;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#outputs = new Array(inputs.length);
  }

  start(): void {
    if (this.#inputs.length === 0) {
      this.#settle();
      this.#resolve(this.#outputs);
      return;
    }
    for (const worker of this.#workers) {
      const onMessage = (message: FromWorker): void => this.#onMessage(worker, message);
      const onError = (error: Error): void =>
        this.fail(new ParalabError('ERR_WORKER', `worker crashed: ${error.message}`));
      const onExit = (code: number): void =>
        this.fail(new ParalabError('ERR_WORKER', `worker exited with code ${code}`));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      this.#cleanups.push(() => worker.off('message', onMessage).off('error', onError).off('exit', onExit));
      this.#feed(worker);
    }
  }

  fail(error: Error): void {
    if (this.#settled) return;
    this.#settle();
    this.#reject(error);
  }

  #feed(worker: Worker): void {
    if (this.#next >= this.#inputs.length) return;
    const id = this.#next++;
    worker.postMessage({ type: 'paralab:task', id, input: this.#inputs[id] } satisfies ToWorker);
  }

  #onMessage(worker: Worker, message: FromWorker): void {
    if (this.#settled) return;
    if (message.type === 'paralab:result') {
      this.#outputs[message.id] = message.output;
      if (++this.#finished === this.#inputs.length) {
        this.#settle();
        this.#resolve(this.#outputs);
      } else this.#feed(worker);
    } else if (message.type === 'paralab:error') {
      this.fail(new ParalabError('ERR_TASK', `task ${message.id} threw: ${message.message}`));
    }
  }

  #settle(): void {
    this.#settled = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }
}
