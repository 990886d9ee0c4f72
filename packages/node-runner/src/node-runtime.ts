import { calibrate } from './calibration/index.js';
import { defaultNodePlan } from './plan.js';
import { nodeProbe } from './probe.js';
import type { Runtime } from './runtime.js';
import { nodeStrategies } from './strategies/index.js';

/** Node.js: `worker_threads`, `child_process`, the pool libraries, `process.cpuUsage` and `perf_hooks`. */
export const nodeRuntime: Runtime = {
  name: 'node',
  version: process.versions.node,
  strategies: nodeStrategies,
  plan: defaultNodePlan,
  probe: nodeProbe,
  calibrate,
};
