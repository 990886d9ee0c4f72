import { mainThreadStrategy } from './main-thread.js';

/**
 * Every task of the batch started at once on the main thread, `Promise.all(inputs.map(run))`, with no
 * limit and none of paralab's lanes: what a plain program writes, and the floor `async` is held against
 * (its own loop must cost next to nothing over this). Its concurrency is the batch size.
 */
export const promiseAllStrategy = mainThreadStrategy({
  name: 'promise-all',
  description: 'every task started at once on the main thread: a plain Promise.all(inputs.map(run))',
  family: 'async',
  inFlight: () => 'all',
  batch: (workload) => (inputs) => Promise.all(inputs.map((input) => workload.run(input))),
});
