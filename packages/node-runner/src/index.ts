// @paralab/node-runner: paralab on Node. Named re-exports only.
export {
  defaultNodePlan,
  NODE_ROLES,
  nodeModulePlan,
  nodeRunner,
} from './definition.js';
export { type NodeCliRun, nodeCli, nodeCliRuns } from './node-cli.js';
export {
  ensureNodeVersion,
  type InstalledNode,
  installNodeVersion,
  NODE_VERSIONS_ENV,
  type NodeVersionOptions,
  nodeBinaryPackage,
  nodeVersionRunner,
  parseNodeVersions,
  resolveNodeVersion,
} from './node-versions.js';
export { type NodeRunOptions, runNode } from './run.js';
export { nodeSides } from './side.js';
