import {
  type AnyWorkload,
  bug,
  type CancelToken,
  copyViews,
  ParalabError,
  type Strategy,
  type StrategyInstance,
} from '@paralab/core';
import { describeStrategy } from '../../catalog.js';
import type { ToPageWorker } from '../../protocol.js';
import { listenTo, startPageWorkers, terminatePageWorkers } from './_web-workers.js';

/** One staged task: its input with typed arrays on shared memory, and its output buffer, shared too. */
class SharedTask {
  readonly input: unknown;
  readonly output: Uint8Array;
  constructor(input: unknown, output: Uint8Array) {
    this.input = input;
    this.output = output;
  }
}

function unsupported(workload: AnyWorkload): string | undefined {
  if (!workload.shared)
    return `shared needs a workload with a shared-memory form (workload.shared); ${workload.id} has none`;
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics.waitAsync !== 'function')
    return 'shared needs SharedArrayBuffer and Atomics.waitAsync, which a page has only when cross-origin isolated (COOP + COEP)';
  return undefined;
}

/**
 * N module Web Workers working in place on `SharedArrayBuffer`s: nothing is copied between threads. The
 * inputs' typed arrays and one output buffer per task live in shared memory; each batch posts the workers
 * views on them once, then one small `{ index }` message per task, one task in flight per worker. Workers
 * count finished tasks in shared memory (`Atomics.add`, `Atomics.notify`); the main thread, which may not
 * block in a page, awaits that counter with `Atomics.waitAsync`. Only for workloads with `workload.shared`,
 * in a cross-origin isolated page.
 */
export const sharedStrategy: Strategy = {
  ...describeStrategy('shared'),
  supports: (workload) => unsupported(workload) ?? true,
  async create({ workload, ref, concurrency }): Promise<StrategyInstance> {
    const shared = workload.shared;
    const why = unsupported(workload);
    if (!shared || why) throw new ParalabError('ERR_UNSUPPORTED', why ?? 'no shared form');
    const workers = await startPageWorkers(ref, concurrency);
    return {
      options: {
        library: 'Web Worker',
        api: "new Worker(url, { type: 'module' })",
        inFlight: 'one-per-worker',
        serialization: 'shared',
        completion: 'Atomics.waitAsync',
      },
      // Untimed, once per batch: in a real program the data would be produced in shared memory already.
      stage: (inputs) =>
        inputs.map((input) => {
          const onShared = copyViews(input, (bytes) => new SharedArrayBuffer(bytes));
          return new SharedTask(
            onShared,
            new Uint8Array(new SharedArrayBuffer(shared.outputBytes(onShared))),
          );
        }),
      async runBatch(staged, cancel) {
        const tasks = staged.map((task) => {
          if (task instanceof SharedTask) return task;
          throw bug('shared.runBatch got inputs that stage() did not make');
        });
        await runShared(workers, tasks, cancel);
        return tasks.map((task) => shared.readOutput(task.output, task.input));
      },
      close: async () => terminatePageWorkers(workers),
    };
  },
};

/** Runs every task in place and resolves once the shared counter says all are done. */
async function runShared(
  workers: readonly Worker[],
  tasks: readonly SharedTask[],
  cancel: CancelToken,
): Promise<void> {
  // Index 0: tasks done in this batch; index 1 + w: tasks done by worker w (to know it is free).
  const counters = new Int32Array(new SharedArrayBuffer(4 * (workers.length + 1)));
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    Atomics.notify(counters, 0); // wakes the wait below, which then throws
  };
  const stops = workers.map((worker) =>
    listenTo(
      worker,
      (message) => {
        if (message.type === 'paralab:error')
          fail(new ParalabError('ERR_TASK', `task ${message.id} threw: ${message.message}`));
      },
      fail,
    ),
  );
  stops.push(cancel.onCancel(fail));
  const posted = workers.map(() => 0);
  let next = 0;
  try {
    const inputs = tasks.map((task) => task.input);
    const outputs = tasks.map((task) => task.output);
    workers.forEach((worker, w) => {
      const batch = { type: 'paralab:shared-batch', inputs, outputs, counters, slot: 1 + w } as const;
      worker.postMessage(batch satisfies ToPageWorker);
    });
    for (;;) {
      const done = Atomics.load(counters, 0);
      if (failure) throw failure;
      if (done === tasks.length) return;
      workers.forEach((worker, w) => {
        if (next >= tasks.length || Atomics.load(counters, 1 + w) !== posted[w]) return;
        worker.postMessage({ type: 'paralab:shared-task', index: next++ } satisfies ToPageWorker);
        posted[w] = (posted[w] ?? 0) + 1;
      });
      const wait = Atomics.waitAsync(counters, 0, done);
      if (wait.async) await wait.value;
    }
  } finally {
    for (const stop of stops) stop();
  }
}
