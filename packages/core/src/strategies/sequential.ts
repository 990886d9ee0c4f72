import type { Strategy, StrategyInstance } from '../strategy.js';

/** Runs tasks one after another on the calling thread: the baseline every speedup is measured against. */
export const sequential: Strategy = {
  name: 'sequential',
  family: 'sequential',
  description: 'one task after another on the main thread (the baseline)',
  async create({ workload }): Promise<StrategyInstance> {
    return {
      options: { inFlight: 1, thread: 'main' },
      async runBatch(inputs, cancel) {
        const outputs: unknown[] = new Array(inputs.length);
        for (let i = 0; i < inputs.length; i++) {
          cancel.throwIfCancelled();
          outputs[i] = await workload.run(inputs[i]);
        }
        return outputs;
      },
      async close() {},
    };
  },
};
