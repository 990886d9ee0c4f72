import { ParalabError, type Strategy, type StrategyInstance } from '@paralab/core';
import { dispatchBatch, processUsage } from '@paralab/node-runner';
import { spawnedPort, startSpawnedChildren, stopSpawnedChildren } from '../_spawn.js';

/**
 * A warm pool of N child processes started with `Bun.spawn` and `ipc`, each with the workload loaded, given
 * one task at a time by node-runner's dispatcher; data crosses as structured clone over Bun's IPC. Start-up
 * (spawn to every child ready) is the cell's start-up time. Compare it with `child_process.fork`.
 */
export const bunProcessStrategy: Strategy = {
  name: 'process',
  description: 'N warm child processes (Bun.spawn with ipc), one task in flight per process',
  async create({ ref, concurrency }): Promise<StrategyInstance> {
    const children = await startSpawnedChildren(ref, concurrency);
    const ports = children.map(spawnedPort);
    let closing: Promise<void> | undefined;
    return {
      options: {
        library: 'Bun.spawn',
        api: 'ipc',
        inFlight: 'one-per-process',
        serialization: 'advanced',
      },
      runBatch: (inputs, cancel) =>
        closing
          ? Promise.reject(new ParalabError('ERR_WORKER', 'the process pool is closed'))
          : dispatchBatch(ports, inputs, cancel),
      usage: () => processUsage(children.map((child) => child.pid)),
      close() {
        closing ??= stopSpawnedChildren(children);
        return closing;
      },
    };
  },
};
