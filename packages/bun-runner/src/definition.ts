// The Bun runner as the host runs it: the host on Node plans and keeps the results; the measuring side
// runs on Bun.
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
import { HTTP_GET_ENTRY, NODE_WORKLOAD_MODULES } from '@paralab/node-api';
import { bunSides } from './side.js';
import { bunStrategies } from './strategies/index.js';

/**
 * The roles of Bun's strategies in the default and module plans. `worker` and `process` are Bun's own APIs
 * (Web Workers, `Bun.spawn`); Node's APIs under Bun are measured beside them under their own names.
 * `workerpool-process` hangs like thread mode and is offered (`-s workerpool-process`) but not planned.
 */
export const BUN_ROLES: PlanStrategies = {
  threads: ['worker', 'worker-threads'],
  pipelined: ['worker-pipelined', 'worker-threads-pipelined'],
  pools: ['piscina', 'tinypool', 'workerpool-web', 'workerpool'],
  processes: ['process', 'fork'],
  cold: ['process-cold'],
  transfer: ['transfer'],
  shared: ['shared'],
  hybrid: ['hybrid'],
  database: true,
  floors: ['worker_threads/message-roundtrip', 'web-worker/message-roundtrip'],
  grainFloors: roundTripFloors({ threads: ['web-worker', 'worker_threads'], processes: ['bun-spawn'] }),
  serve: ['serve-loop', 'serve-cluster', 'serve-offload', 'serve-reuseport'],
  // http-get (node:http beside fetch): Bun implements node:http too.
  extra: () => [HTTP_GET_ENTRY],
};

/** The default plan on Bun: the seeds' questions in Bun's strategy names. */
export const bunPlan = (cores: number): PlanEntry[] => questionPlan(cores, BUN_ROLES);

/** The Bun runner. */
export const bunRunner: RunnerDefinition = {
  runtime: 'bun',
  title: 'Bun',
  bin: 'paralab-bun',
  version: packageVersion(import.meta.url),
  strategies: bunStrategies,
  plan: bunPlan,
  modulePlan: (workload, cores) => modulePlan(workload, cores, BUN_ROLES),
  builtinModules: NODE_WORKLOAD_MODULES,
  resolveBuiltin: (specifier) => import.meta.resolve(specifier),
  sides: (context) => bunSides(context),
  targets: performanceTargets,
};
