import type { ChildProcess } from 'node:child_process';
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
import {
  addUsage,
  assertChildEntry,
  describeExit,
  forkChild,
  NO_USAGE,
  processUsage,
  spawnError,
  stopChild,
  stopChildren,
} from '../_children.js';
import type { FromChild, ToChild } from '../protocol.js';

/**
 * A fresh child process per task: spawn, load the workload, run one task, answer over IPC, exit. At most N
 * are alive at once (a lane starts the next only after its child has exited). Each sample therefore pays
 * the whole cost of starting and ending a process per task, which is what "processes cost more to start
 * than threads" is about; `create` has nothing to warm.
 */
export const processColdStrategy: Strategy = {
  name: 'process-cold',
  description: 'a fresh child process per task (spawn, load, run one task, exit), N alive at once',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    await assertChildEntry();
    const alive = new Set<ChildProcess>();
    // CPU time of the children that have finished, as each reported it right before exiting.
    let finished: ExternalUsage = NO_USAGE;
    const reported = new WeakSet<ChildProcess>();
    const report = (child: ChildProcess, cpu: ExternalUsage): void => {
      reported.add(child);
      finished = addUsage(finished, cpu);
    };
    const shutdown = new CancelToken();
    let closing: Promise<void> | undefined;
    const spawn = (input: unknown, id: number, cancel: CancelToken): Promise<unknown> =>
      runInFreshChild({ ref, input, id, cancel, alive, report });
    return {
      options: {
        library: 'node:child_process',
        api: 'fork',
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
          await runLanes(inputs.length, concurrency, batch, async (i) => {
            try {
              outputs[i] = await spawn(inputs[i], i, batch);
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
        // Finished children count by their reports, the others are read live: each child is counted once,
        // or, when it finishes during this call, missed by this one call.
        const before = finished;
        const running = Array.from(alive).filter((child) => !reported.has(child));
        return addUsage(before, await processUsage(running.map((child) => child.pid)));
      },
      close() {
        shutdown.cancel(new ParalabError('ERR_WORKER', 'the strategy was closed'));
        closing ??= stopChildren(alive);
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
  /** Holds the child from spawn to exit, so `close` can stop it. */
  readonly alive: Set<ChildProcess>;
  /** Receives the child's CPU time, reported right before it exits. */
  readonly report: (child: ChildProcess, cpu: ExternalUsage) => void;
}

/** Forks a one-task child, sends it the task once it is ready, and settles after it has exited. */
function runInFreshChild({ ref, input, id, cancel, alive, report }: OneTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = forkChild({ ref, once: true });
    alive.add(child);
    let answer: FromChild | undefined;
    const onMessage = (message: FromChild): void => {
      if (message.type === 'paralab:ready') sendTask();
      // Only its CPU time: the memory of a process that is gone is not memory in use now.
      else if (message.type === 'paralab:usage') report(child, { ...message, rssBytes: 0 });
      else answer ??= message;
    };
    const sendTask = (): void => {
      const failed = (error: unknown): void =>
        fail(new ParalabError('ERR_TASK', `task ${id} could not be sent: ${toError(error).message}`));
      try {
        child.send({ type: 'paralab:task', id, input } satisfies ToChild, (error) => error && failed(error));
      } catch (thrown) {
        // An input that cannot be cloned throws here, synchronously.
        failed(thrown);
      }
    };
    const onExit = (): void => {
      alive.delete(child);
    };
    // `close` comes after `exit` and after the IPC channel has delivered everything the child sent.
    const onClose = (code: number | null, signal: NodeJS.Signals | null): void => {
      const last = answer;
      if (last?.type === 'paralab:result') settle(() => resolve(last.output));
      else fail(outcomeError(last, code, signal));
    };
    const onError = (error: Error): void => fail(spawnError(error));
    const fail = (error: Error): void => {
      settle(() => reject(error));
      void stopChild(child);
    };
    let settled = false;
    let stopListening = (): void => {};
    const settle = (then: () => void): void => {
      if (settled) return;
      settled = true;
      stopListening();
      child.off('message', onMessage).off('close', onClose).off('error', onError);
      then();
    };
    child.on('message', onMessage).on('close', onClose).on('error', onError).once('exit', onExit);
    stopListening = cancel.onCancel(fail);
  });
}

function outcomeError(
  answer: FromChild | undefined,
  code: number | null,
  signal: NodeJS.Signals | null,
): Error {
  if (answer?.type === 'paralab:error')
    return new ParalabError('ERR_TASK', `task ${answer.id} threw: ${answer.message}`);
  if (answer?.type === 'paralab:fatal') return new ParalabError('ERR_WORKER', answer.message);
  return new ParalabError('ERR_WORKER', describeExit(code, signal));
}
