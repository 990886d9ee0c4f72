import { serveStrategy } from '@paralab/core';
import { nodeServers } from './_serve.js';

/** One node:http event loop that hands each request's task to a piscina pool of exactly N threads. */
export const serveOffloadStrategy = serveStrategy({
  name: 'serve-offload',
  description: 'one node:http event loop offloading each task to a piscina pool of N threads',
  family: 'hybrid',
  launcher: nodeServers.offload,
});
