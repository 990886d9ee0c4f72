import { mainThreadStrategy } from './main-thread.js';

/** Runs tasks one after another on the calling thread: the baseline every speedup is measured against. */
export const sequential = mainThreadStrategy({
  name: 'sequential',
  family: 'sequential',
  description: 'one task after another on the main thread (the baseline)',
  inFlight: () => 1,
  batch: (workload) => async (inputs, cancel) => {
    const outputs: unknown[] = new Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      cancel.throwIfCancelled();
      outputs[i] = await workload.run(inputs[i]);
    }
    return outputs;
  },
});
