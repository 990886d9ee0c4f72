import { serveStrategy } from '@paralab/core';
import { bunServers } from './_serve.js';

/** N Bun.serve processes listening on one port with `reusePort` (Linux): the kernel spreads connections. */
export const bunServeReusePortStrategy = serveStrategy({
  name: 'serve-reuseport',
  description: 'N Bun.serve processes sharing the port with reusePort (Linux)',
  family: 'processes',
  launcher: bunServers.reusePort,
});
