import type { Worker } from 'node:worker_threads';
import {
  type AnyWorkload,
  bug,
  type CancelToken,
  copyViews,
  ParalabError,
  type Strategy,
  type StrategyInstance,
} from '@paralab/core';
import type { ToThread } from '../protocol.js';
import { BatchWatch, startWorkers, terminateAll } from './_threads.js';

/** `Atomics.waitAsync` (ES2024, in Node since 16.0); the project's `lib` is ES2023, hence the type here. */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

/** One staged task: its input with typed arrays on shared memory, and its output buffer, shared too. */
class SharedTask {
  readonly input: unknown;
  readonly output: Uint8Array;
  constructor(input: unknown, output: Uint8Array) {
    this.input = input;
    this.output = output;
  }
}

const unsupported = (workload: AnyWorkload): string =>
  `shared needs a workload with a shared-memory form (workload.shared); ${workload.id} has none`;

/**
 * N raw `worker_threads` working in place on `SharedArrayBuffer`s: nothing is copied between threads. The
 * inputs' typed arrays and one output buffer per task live in shared memory; each batch posts the workers
 * views on them once (posting a `SharedArrayBuffer` shares it), then one small `{ index }` message per task,
 * one task in flight per worker (as `worker`). Workers signal completion through a counter in shared
 * memory (`Atomics.add` + `Atomics.notify`) that the main thread awaits with `Atomics.waitAsync`, never
 * blocking. Only for workloads with `workload.shared`.
 */
export const sharedStrategy: Strategy = {
  name: 'shared',
  description: 'N raw worker_threads working in place on SharedArrayBuffer data; completion through Atomics',
  supports: (workload) => (workload.shared ? true : unsupported(workload)),
  async create({ workload, ref, concurrency }): Promise<StrategyInstance> {
    const shared = workload.shared;
    if (!shared) throw new ParalabError('ERR_OPTION', unsupported(workload));
    const workers = await startWorkers(ref, concurrency);
    return {
      options: {
        library: 'node:worker_threads',
        inFlight: 'one-per-worker',
        serialization: 'shared',
        completion: 'atomics',
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
      close: () => terminateAll(workers),
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
  const watch = new BatchWatch(
    workers,
    cancel,
    (error) => {
      failure = error;
      Atomics.notify(counters, 0); // wakes the wait below, which then throws
    },
    () => {},
  );
  const posted = workers.map(() => 0);
  let next = 0;
  try {
    const inputs = tasks.map((task) => task.input);
    const outputs = tasks.map((task) => task.output);
    workers.forEach((worker, w) => {
      const batch = { type: 'paralab:shared-batch', inputs, outputs, counters, slot: 1 + w } as const;
      worker.postMessage(batch satisfies ToThread);
    });
    for (;;) {
      const done = Atomics.load(counters, 0);
      if (failure) throw failure;
      if (done === tasks.length) return;
      workers.forEach((worker, w) => {
        if (next >= tasks.length || Atomics.load(counters, 1 + w) !== posted[w]) return;
        worker.postMessage({ type: 'paralab:shared-task', index: next++ } satisfies ToThread);
        posted[w] = (posted[w] ?? 0) + 1;
      });
      const wait = waitAsync(counters, 0, done);
      if (wait.async) await wait.value;
    }
  } finally {
    watch.settle(() => {});
  }
}
