import {
  CancelToken,
  type ExternalUsage,
  ParalabError,
  runLanes,
  type Strategy,
  type StrategyInstance,
  toError,
  type WorkloadRef,
} from '@paralab/core';
import { addUsage, type FromChild, NO_USAGE, processUsage } from '@paralab/node-runner';
import { SpawnedChild, stopSpawnedChildren } from '../_spawn.js';

/**
 * A fresh `Bun.spawn` child per task: spawn, load the workload, run one task, answer over IPC, exit. At
 * most N are alive at once (a lane starts the next only after its child has ended). Each sample pays the
 * whole cost of starting and ending a process per task; `create` has nothing to warm.
 */
export const bunProcessColdStrategy: Strategy = {
  name: 'process-cold',
  description: 'a fresh Bun.spawn child per task (spawn, load, run one task, exit), N alive at once',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const alive = new Set<SpawnedChild>();
    // CPU time of the children that have finished, as each reported it right before exiting.
    let finished: ExternalUsage = NO_USAGE;
    const reported = new WeakSet<SpawnedChild>();
    const report = (child: SpawnedChild, cpu: ExternalUsage): void => {
      reported.add(child);
      finished = addUsage(finished, cpu);
    };
    const shutdown = new CancelToken();
    let closing: Promise<void> | undefined;
    return {
      options: {
        library: 'Bun.spawn',
        api: 'ipc',
        inFlight: 'one-process-per-task',
        serialization: 'advanced',
        startup: 'per-task',
      },
      async runBatch(inputs, cancel) {
        if (shutdown.cancelled) throw new ParalabError('ERR_WORKER', 'the strategy is closed');
        // The first failure (or the watchdog, or close) stops this batch's other children and lanes.
        const batch = new CancelToken();
        const unlink = [cancel, shutdown].map((token) => token.onCancel((reason) => batch.cancel(reason)));
        const outputs: unknown[] = new Array(inputs.length);
        try {
          await runLanes(inputs.length, concurrency, batch, async (id) => {
            try {
              outputs[id] = await runInFreshChild({
                ref,
                input: inputs[id],
                id,
                cancel: batch,
                alive,
                report,
              });
            } catch (thrown) {
              batch.cancel(toError(thrown));
              throw thrown;
            }
          });
          return outputs;
        } finally {
          for (const stop of unlink) stop();
        }
      },
      async usage() {
        // Finished children count by their reports, the others are read live (see node-runner's process-cold).
        const running = Array.from(alive).filter((child) => !reported.has(child));
        return addUsage(finished, await processUsage(running.map((child) => child.pid)));
      },
      close() {
        shutdown.cancel(new ParalabError('ERR_WORKER', 'the strategy was closed'));
        closing ??= stopSpawnedChildren(alive);
        return closing;
      },
    };
  },
};

interface OneTask {
  readonly ref: WorkloadRef;
  readonly input: unknown;
  readonly id: number;
  /** Cancelling it kills the child and rejects at once. */
  readonly cancel: CancelToken;
  /** Holds the child from spawn to its end, so `close` can stop it. */
  readonly alive: Set<SpawnedChild>;
  /** Receives the child's CPU time, reported right before it exits. */
  readonly report: (child: SpawnedChild, cpu: ExternalUsage) => void;
}

/** Spawns a one-task child, sends it the task once it is ready, and settles after it has ended. */
function runInFreshChild({ ref, input, id, cancel, alive, report }: OneTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = new SpawnedChild({ ref, once: true });
    alive.add(child);
    let answer: FromChild | undefined;
    let settled = false;
    let stopListening = (): void => {};
    let stopCancel = (): void => {};
    const settle = (then: () => void): void => {
      if (settled) return;
      settled = true;
      stopListening();
      stopCancel();
      then();
    };
    const fail = (error: Error): void => {
      settle(() => reject(error));
      void child.stop();
    };
    stopListening = child.onMessage((message) => {
      if (message.type === 'paralab:ready') {
        try {
          child.send({ type: 'paralab:task', id, input });
        } catch (thrown) {
          // An input that cannot be cloned throws here, synchronously.
          fail(new ParalabError('ERR_TASK', `task ${id} could not be sent: ${toError(thrown).message}`));
        }
      }
      // Only its CPU time: the memory of a process that is gone is not memory in use now.
      else if (message.type === 'paralab:usage') report(child, { ...message, rssBytes: 0 });
      else answer ??= message;
    });
    stopCancel = cancel.onCancel(fail);
    void child.ended.then((how) => {
      alive.delete(child);
      const last = answer;
      if (last?.type === 'paralab:result') settle(() => resolve(last.output));
      else fail(outcomeError(last, how));
    });
  });
}

function outcomeError(answer: FromChild | undefined, how: string): Error {
  if (answer?.type === 'paralab:error')
    return new ParalabError('ERR_TASK', `task ${answer.id} threw: ${answer.message}`);
  if (answer?.type === 'paralab:fatal') return new ParalabError('ERR_WORKER', answer.message);
  return new ParalabError('ERR_WORKER', how);
}
