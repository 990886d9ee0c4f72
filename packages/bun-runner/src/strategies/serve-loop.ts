import { serveStrategy } from '@paralab/core';
import { bunServers } from './_serve.js';

/** One Bun.serve event loop in a server process of its own, running every request's task itself. */
export const bunServeLoopStrategy = serveStrategy({
  name: 'serve-loop',
  description: 'one Bun.serve event loop serving the requests, each task run on it',
  family: 'async',
  launcher: bunServers.loop,
  fixedConcurrency: 1,
});
