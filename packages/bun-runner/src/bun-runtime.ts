import type { Runtime } from '@paralab/node-runner';
import { BUN_VERSION } from './_runtime.js';
import { bunCalibrate } from './calibration/index.js';
import { bunPlan } from './plan.js';
import { bunProbe } from './probe.js';
import { bunStrategies } from './strategies/index.js';

/**
 * Bun: its Web Workers and `Bun.spawn`, Node's APIs and pool libraries as Bun runs them, node-runner's
 * measurement of CPU and memory with Bun's own event-loop delay reading, and Bun's floors besides Node's.
 */
export const bunRuntime: Runtime = {
  name: 'bun',
  version: BUN_VERSION,
  strategies: bunStrategies,
  plan: bunPlan,
  probe: bunProbe,
  calibrate: bunCalibrate,
};
