import { serveStrategy } from '@paralab/core';
import { nodeServers } from './_serve.js';

/**
 * N node:http processes listening on one port with `reusePort` (the kernel spreads the connections);
 * Node 22.12+ only: on older Node its cells are `unsupported` with the reason.
 */
export const serveReusePortStrategy = serveStrategy({
  name: 'serve-reuseport',
  description: 'N node:http processes sharing the port with reusePort (Node 22.12+)',
  family: 'processes',
  launcher: nodeServers.reusePort,
});
