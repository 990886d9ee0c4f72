// The Deno runner as the host runs it: the host on Node plans and keeps the results; the measuring side
// runs on Deno.
import {
  modulePlan,
  type PlanEntry,
  type PlanStrategies,
  packageVersion,
  performanceTargets,
  questionPlan,
  type RunnerDefinition,
  roundTripFloors,
} from '@paralab/host';
import { NODE_WORKLOAD_MODULES } from '@paralab/node-api';
import { denoSides } from './side.js';
import { denoStrategies } from './strategies/index.js';

/**
 * The roles of Deno's strategies in the default and module plans. `worker` and `process` are Deno's own
 * APIs (Web Workers, `Deno.Command`); Node's APIs under Deno are measured beside them under their own
 * names. Both tinypool configurations are planned: `tinypool` (tinypool's defaults, as on Node and Bun,
 * which hang under Deno and are recorded unsupported) and `tinypool-no-atomics` (which runs).
 */
export const DENO_ROLES: PlanStrategies = {
  threads: ['worker', 'worker-threads'],
  pipelined: ['worker-pipelined', 'worker-threads-pipelined'],
  pools: ['piscina', 'workerpool', 'tinypool-no-atomics', 'tinypool'],
  processes: ['process', 'fork'],
  cold: ['process-cold'],
  transfer: ['transfer'],
  shared: ['shared'],
  hybrid: ['hybrid'],
  floors: ['worker_threads/message-roundtrip', 'web-worker/message-roundtrip'],
  grainFloors: roundTripFloors({ threads: ['web-worker', 'worker_threads'], processes: ['deno-command'] }),
};

/** The default plan on Deno: the seeds' questions in Deno's strategy names. */
export const denoPlan = (cores: number): PlanEntry[] => questionPlan(cores, DENO_ROLES);

/** The Deno runner. */
export const denoRunner: RunnerDefinition = {
  runtime: 'deno',
  title: 'Deno',
  bin: 'paralab-deno',
  version: packageVersion(import.meta.url),
  strategies: denoStrategies,
  plan: denoPlan,
  modulePlan: (workload, cores) => modulePlan(workload, cores, DENO_ROLES),
  builtinModules: NODE_WORKLOAD_MODULES,
  resolveBuiltin: (specifier) => import.meta.resolve(specifier),
  sides: (context) => denoSides(context),
  targets: performanceTargets,
  canUseDatabase: true,
};
