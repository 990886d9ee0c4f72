// The `shared` strategy's batch, the same in every runtime with SharedArrayBuffer: tasks staged on shared
// memory, one batch message per worker, one small message per task, and completion counted in shared memory
// (Atomics), awaited without blocking. Runners bring the workers (worker_threads, Web Workers).
import type { CancelToken } from './cancel.js';
import type { TaskPort } from './dispatch.js';
import { bug, ParalabError } from './errors.js';
import type { FromPeer, SharedBatchMessage, ToSharedWorker } from './peer/protocol.js';
import { copyViews } from './views.js';
import type { AnyWorkload, SharedMemoryTask } from './workload.js';

/** One staged task: its input with typed arrays on shared memory, and its output buffer, shared too. */
export class SharedTask {
  readonly input: unknown;
  readonly output: Uint8Array;
  constructor(input: unknown, output: Uint8Array) {
    this.input = input;
    this.output = output;
  }
}

/**
 * Untimed, once per batch: copies each input's typed arrays onto `SharedArrayBuffer`s and gives each task an
 * output buffer on shared memory (in a real program the data would be produced in shared memory already).
 */
export function stageShared(
  inputs: readonly unknown[],
  shared: SharedMemoryTask<unknown, unknown>,
): SharedTask[] {
  return inputs.map((input) => {
    const onShared = copyViews(input, (bytes) => new SharedArrayBuffer(bytes));
    return new SharedTask(onShared, new Uint8Array(new SharedArrayBuffer(shared.outputBytes(onShared))));
  });
}

/** A worker as the shared batch sees it: posted its messages, and listened to like a `TaskPort`. */
export interface SharedPort {
  post(message: ToSharedWorker): void;
  readonly listen: TaskPort['listen'];
}

/** `Atomics.waitAsync` (ES2024: Node 16+, Chromium 87+, Bun); core's `lib` is ES2023, hence the type here. */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };

/**
 * Runs every staged task (from `stageShared`) in place, one in flight per worker, and resolves once the
 * shared counter says all are done, with the outputs `shared.readOutput` reads from their buffers. The
 * calling thread never blocks: it awaits the counter with `Atomics.waitAsync`. Rejects at the first task
 * error, worker failure or cancellation.
 */
export async function runSharedBatch(
  ports: readonly SharedPort[],
  tasks: readonly unknown[],
  cancel: CancelToken,
  shared: SharedMemoryTask<unknown, unknown>,
): Promise<unknown[]> {
  const staged = tasks.map((task) => {
    if (task instanceof SharedTask) return task;
    throw bug('a shared batch got inputs that stageShared() did not make');
  });
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  if (!waitAsync) throw new ParalabError('ERR_UNSUPPORTED', 'this runtime has no Atomics.waitAsync');
  // Index 0: tasks done in this batch; index 1 + w: tasks done by worker w (to know it is free).
  const counters = new Int32Array(new SharedArrayBuffer(4 * (ports.length + 1)));
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    Atomics.notify(counters, 0); // wakes the wait below, which then throws
  };
  const onMessage = (message: FromPeer): void => {
    if (message.type === 'paralab:error')
      fail(new ParalabError('ERR_TASK', `task ${message.id} threw: ${message.message}`));
  };
  const stops = [...ports.map((port) => port.listen(onMessage, fail)), cancel.onCancel(fail)];
  const posted = ports.map(() => 0);
  let next = 0;
  try {
    const inputs = staged.map((task) => task.input);
    const outputs = staged.map((task) => task.output);
    ports.forEach((port, w) => {
      port.post({ type: 'paralab:shared-batch', inputs, outputs, counters, slot: 1 + w });
    });
    for (;;) {
      const done = Atomics.load(counters, 0);
      if (failure) throw failure;
      if (done === staged.length) return staged.map((task) => shared.readOutput(task.output, task.input));
      ports.forEach((port, w) => {
        if (next >= staged.length || Atomics.load(counters, 1 + w) !== posted[w]) return;
        port.post({ type: 'paralab:shared-task', index: next++ });
        posted[w] = (posted[w] ?? 0) + 1;
      });
      const wait = waitAsync(counters, 0, done);
      if (wait.async) await wait.value;
    }
  } finally {
    for (const stop of stops) stop();
  }
}

/**
 * In a worker: runs task `index` of the batch in place, then counts it done (for the batch and for this
 * worker) and wakes the thread waiting for the batch. Throws when the task cannot run.
 */
export function runSharedTask(
  workload: AnyWorkload,
  batch: SharedBatchMessage | undefined,
  index: number,
): void {
  if (!workload.shared) throw new Error(`${workload.id} has no shared-memory form (workload.shared)`);
  if (!batch) throw new Error('a shared task arrived before its batch (this is a bug in paralab)');
  workload.shared.runInto(batch.inputs[index], batch.outputs[index] as Uint8Array);
  Atomics.add(batch.counters, batch.slot, 1);
  Atomics.add(batch.counters, 0, 1);
  Atomics.notify(batch.counters, 0);
}
