// The Node runner as the host runs it: its strategies by name, its plan, its built-in workloads and how
// its measuring side starts.
import type { AnyWorkload } from '@paralab/core';
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
import { HTTP_GET_ENTRY, NODE_WORKLOAD_MODULES, nodeStrategies } from '@paralab/node-api';
import { nodeSides } from './side.js';

/** The roles of Node's strategies in the default and module plans (see `PlanStrategies`). */
export const NODE_ROLES: PlanStrategies = {
  threads: ['worker'],
  pipelined: ['worker-pipelined'],
  pools: ['piscina', 'workerpool', 'tinypool'],
  processes: ['process'],
  cold: ['process-cold'],
  transfer: ['transfer'],
  shared: ['shared'],
  hybrid: ['hybrid'],
  database: true,
  floors: ['worker_threads/message-roundtrip'],
  grainFloors: roundTripFloors({ threads: ['worker_threads'], processes: ['child_process'] }),
  serve: ['serve-loop', 'serve-cluster', 'serve-offload', 'serve-reuseport'],
  extra: () => [HTTP_GET_ENTRY],
};

/** The default plan on Node: the seeds' questions in Node's strategy names. */
export const defaultNodePlan = (cores: number): PlanEntry[] => questionPlan(cores, NODE_ROLES);

/** The plan for one of a user's workloads on Node (see the host's `modulePlan`). */
export const nodeModulePlan = (workload: AnyWorkload, cores: number): PlanEntry[] =>
  modulePlan(workload, cores, NODE_ROLES);

/** The Node runner. */
export const nodeRunner: RunnerDefinition = {
  runtime: 'node',
  title: 'Node',
  bin: 'paralab-node',
  version: packageVersion(import.meta.url),
  strategies: nodeStrategies,
  plan: defaultNodePlan,
  modulePlan: nodeModulePlan,
  builtinModules: NODE_WORKLOAD_MODULES,
  resolveBuiltin: (specifier) => import.meta.resolve(specifier),
  sides: (context) => nodeSides(context),
  targets: performanceTargets,
  extraOptions: [
    {
      name: 'node-version',
      type: 'string',
      value: '<list>',
      // The host prints the help on the flag's line; the continuation lines are indented like its own.
      help: [
        'run on these Node versions instead (22,24 or 22.11.0), each from the npm',
        'registry (cached in $PARALAB_CACHE or ~/.cache/paralab) into node-<version>.json;',
        '$PARALAB_NODE_VERSIONS: on this Node, then on those',
      ].join(`\n${' '.repeat(29)}`),
    },
  ],
};
