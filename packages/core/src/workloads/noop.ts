import { defineWorkload, type Workload } from '../workload.js';

const params = {
  tasks: { type: 'integer', default: 1000, min: 1, max: 1_000_000, description: 'Empty tasks per sample.' },
} as const;

/**
 * Empty tasks: each returns its input. Measures what a strategy costs per task (dispatch, messages,
 * scheduling) when there is no work at all, to compare against the calibration floors.
 */
export const noop: Workload<typeof params, number, number> = defineWorkload({
  id: 'noop',
  kind: 'cpu',
  description: 'Empty tasks (each returns its input): the per-task cost of a strategy itself.',
  params,
  prepare: ({ tasks }) => Array.from({ length: tasks }, (_, i) => i),
  run: (n) => n,
  verify: (output, input) => (output === input ? true : `expected ${input}, got ${String(output)}`),
});
