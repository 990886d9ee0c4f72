// What runs inside a pool library's worker (piscina, tinypool, workerpool, in any runtime): the workload
// loaded once per worker, a failure to load reported by `ready` instead of crashing the worker (the library
// would start another in its place), errors passed on as they were thrown, and faults no task caught
// (an unhandled rejection) failing the worker's next task.
import { describeThrown } from '../errors.js';
import type { WorkloadRef } from '../strategy.js';
import type { AnyWorkload } from '../workload.js';

/** The functions a library calls in each of its workers. */
export interface LibraryTask {
  /** Runs one task; throws an Error whose message is what the task threw, in one line. */
  run(input: unknown): Promise<unknown>;
  /** Answers once this worker has loaded the workload; throws if it could not. */
  ready(): true;
  /** The CPU phase of a split task (the `hybrid` strategy runs the I/O phase on the main thread). */
  cpu(intermediate: unknown): Promise<unknown>;
}

/** What a library task needs from its runtime: a loader, and (where it can hear them) its faults. */
export interface LibraryTaskRuntime {
  load(ref: WorkloadRef): Promise<AnyWorkload>;
  onFault?(listener: (thrown: unknown) => void): void;
  /**
   * Has this thread report the rejections left unhandled so far (to `onFault`). Called after each task,
   * before its answer leaves: a runtime reports them only between turns of its event loop, and a pool whose
   * idle workers block in `Atomics.wait` (piscina, tinypool) may not turn it before the next task, so the
   * fault would be lost or blamed on a later task. With it, the fault fails the task that caused it.
   */
  settle?(): Promise<void> | undefined;
}

/** Loads the workload for one of a library's workers. */
export async function libraryTask(ref: WorkloadRef, runtime: LibraryTaskRuntime): Promise<LibraryTask> {
  let workload: AnyWorkload | undefined;
  let failure: Error | undefined;
  let fault: string | undefined;
  runtime.onFault?.((thrown) => {
    fault ??= describeThrown(thrown);
  });
  try {
    workload = await runtime.load(ref);
  } catch (thrown) {
    failure = new Error(describeThrown(thrown));
  }
  const heard = (): void => {
    if (fault === undefined) return;
    const message = fault;
    fault = undefined;
    throw new Error(`a task failed outside its own code: ${message}`);
  };
  const loaded = (): AnyWorkload => {
    if (!workload) throw failure;
    heard();
    return workload;
  };
  const rethrown = (thrown: unknown): never => {
    throw new Error(describeThrown(thrown));
  };
  /** The task's output once pending rejections are reported and none was heard. */
  const settled = async <T>(output: T): Promise<T> => {
    if (!runtime.settle) return output;
    await runtime.settle();
    heard();
    return output;
  };
  return {
    run: async (input) => {
      const running = loaded();
      let output: unknown;
      try {
        output = await running.run(input);
      } catch (thrown) {
        return rethrown(thrown);
      }
      return settled(output);
    },
    ready: () => {
      loaded();
      return true;
    },
    cpu: async (intermediate) => {
      const running = loaded();
      if (!running.split)
        throw new Error(`${running.id} is not split into io and cpu phases (workload.split)`);
      let output: unknown;
      try {
        output = await running.split.cpu(intermediate);
      } catch (thrown) {
        return rethrown(thrown);
      }
      return settled(output);
    },
  };
}
