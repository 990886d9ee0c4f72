import { runLanes } from '../strategy.js';
import { mainThreadStrategy } from './main-thread.js';

/**
 * Event-loop concurrency: up to `concurrency` tasks in flight on the main thread (`Promise.all` with a
 * limit). Overlaps waiting (timers, network); cannot overlap CPU work, which still runs one task at a time.
 */
export const asyncStrategy = mainThreadStrategy({
  name: 'async',
  family: 'async',
  description: "up to N tasks in flight on the main thread's event loop (Promise.all with a limit)",
  inFlight: (concurrency) => concurrency,
  batch: (workload, concurrency) => async (inputs, cancel) => {
    const outputs: unknown[] = new Array(inputs.length);
    await runLanes(inputs.length, concurrency, cancel, async (i) => {
      outputs[i] = await workload.run(inputs[i]);
    });
    return outputs;
  },
});
