import { delay } from '../platform.js';
import { defineWorkload, type Workload } from '../workload.js';
import { BALANCED, isPrime } from './primes.js';

const params = {
  timers: { type: 'integer', default: 40, min: 1, max: 100_000, description: 'Timer tasks per sample.' },
  ms: { type: 'integer', default: 10, min: 0, max: 60_000, description: 'How long each timer waits, ms.' },
  cpuTasks: {
    type: 'integer',
    default: 2,
    min: 1,
    max: 8,
    description: 'CPU tasks (a prime test of about 20 ms each) mixed in among the timers.',
  },
} as const;

/** One task of `blocking`: a timer to wait on, or a number to test for primality. */
export type BlockingInput =
  | { readonly type: 'timer'; readonly id: number; readonly ms: number }
  | { readonly type: 'cpu'; readonly n: number };

/**
 * The articles' "one blocking call inside async code stalls every other task": timer tasks with a few
 * CPU-bound tasks among them. On the event loop, no timer fires while a CPU task runs (the main thread's
 * event-loop delay shows the stall); in workers, the main thread stays free.
 */
export const blocking: Workload<typeof params, BlockingInput, number | boolean> = defineWorkload({
  id: 'blocking',
  kind: 'mixed',
  description: 'Timer tasks with a few CPU-bound tasks among them: how CPU work stalls an event loop.',
  params,
  prepare: ({ timers, ms, cpuTasks }) => {
    const inputs: BlockingInput[] = Array.from({ length: timers }, (_, id) => ({ type: 'timer', id, ms }));
    const every = Math.floor(timers / cpuTasks);
    for (let k = cpuTasks - 1; k >= 0; k--)
      inputs.splice(k * every, 0, { type: 'cpu', n: BALANCED[k] ?? 40000000000001 });
    return inputs;
  },
  run: async (input) => {
    if (input.type === 'cpu') return isPrime(input.n);
    await delay(input.ms);
    return input.id;
  },
  verify: (output, input) => {
    const expected = input.type === 'cpu' ? true : input.id;
    return output === expected ? true : `expected ${String(expected)}, got ${String(output)}`;
  },
});
