import { serveStrategy } from '@paralab/core';
import { bunServers } from './_serve.js';

/** One Bun.serve event loop that hands each request's task to one of N Web Workers. */
export const bunServeOffloadStrategy = serveStrategy({
  name: 'serve-offload',
  description: 'one Bun.serve event loop offloading each task to N Web Workers',
  family: 'hybrid',
  launcher: bunServers.offload,
});
