import { serveStrategy } from '@paralab/core';
import { nodeClusterServer } from './_serve.js';

/** node:cluster: a primary and N node:http worker processes sharing the port, each running its tasks. */
export const serveClusterStrategy = serveStrategy({
  name: 'serve-cluster',
  description: 'node:cluster with N node:http worker processes sharing the port',
  family: 'processes',
  launcher: nodeClusterServer,
});
