import { serveStrategy } from '@paralab/core';
import { nodeServers } from './_serve.js';

/** One node:http event loop in a server process of its own, running every request's task itself. */
export const serveLoopStrategy = serveStrategy({
  name: 'serve-loop',
  description: 'one node:http event loop serving the requests, each task run on it',
  family: 'async',
  launcher: nodeServers.loop,
  fixedConcurrency: 1,
});
