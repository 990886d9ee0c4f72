import { delay } from '../platform.js';
import { defineWorkload, type Workload } from '../workload.js';

const params = {
  tasks: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 100000,
    description: 'Timers per sample (one task each).',
  },
  ms: {
    type: 'integer',
    default: 5,
    min: 0,
    max: 60000,
    description: 'How long each task waits, in milliseconds.',
  },
} as const;

/** One task of `sleep`: its index and how long it waits. */
export interface SleepInput {
  /** Task index, 0-based: the output. */
  readonly id: number;
  /** Wait, in milliseconds. */
  readonly ms: number;
}

/**
 * Pure waiting (the articles' `asyncio.sleep`): each task waits `ms` milliseconds on a timer and returns its
 * id. No CPU work, so only the concurrency of waits matters.
 */
export const sleep: Workload<typeof params, SleepInput, number> = defineWorkload({
  id: 'sleep',
  kind: 'io',
  description: 'Each task waits ms milliseconds on a timer (asyncio.sleep) and returns its id.',
  params,
  prepare: ({ tasks, ms }) => Array.from({ length: tasks }, (_, id) => ({ id, ms })),
  run: async ({ id, ms }) => {
    await delay(ms);
    return id;
  },
  verify: (output, { id }) => (output === id ? true : `expected ${id}, got ${String(output)}`),
});
