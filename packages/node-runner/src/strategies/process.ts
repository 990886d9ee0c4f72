import { dispatchBatch, ParalabError, type Strategy, type StrategyInstance } from '@paralab/core';
import { assertChildEntry, childPort, processUsage, startChildren, stopChildren } from '../_children.js';

/**
 * A warm pool of N child processes (`child_process.fork`), each with the workload loaded, given one task at
 * a time by the same dispatcher as the raw worker strategy; data crosses as structured clone over IPC.
 * Start-up (spawn to every child ready) is the cell's start-up time.
 */
export const processStrategy: Strategy = {
  name: 'process',
  description: 'N warm child processes (child_process.fork), one task in flight per process',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    await assertChildEntry();
    const children = await startChildren(ref, concurrency);
    const ports = children.map(childPort);
    let closing: Promise<void> | undefined;
    return {
      options: {
        library: 'node:child_process',
        api: 'fork',
        inFlight: 'one-per-process',
        serialization: 'advanced',
      },
      runBatch: (inputs, cancel) =>
        closing
          ? Promise.reject(new ParalabError('ERR_WORKER', 'the process pool is closed'))
          : dispatchBatch(ports, inputs, cancel),
      usage: () => processUsage(children.map((child) => child.pid)),
      close() {
        closing ??= stopChildren(children);
        return closing;
      },
    };
  },
};
