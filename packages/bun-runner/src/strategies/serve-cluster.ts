import { serveStrategy } from '@paralab/core';
import { nodeClusterServer } from '@paralab/node-api';

/**
 * node:cluster under Bun: a primary and N node:http workers. Bun's workers bind the port with reusePort
 * (Linux), so the kernel spreads connections rather than the primary; each joins the first one's port.
 */
export const bunServeClusterStrategy = serveStrategy({
  name: 'serve-cluster',
  description: 'node:cluster under Bun with N node:http workers sharing the port (reusePort on Linux)',
  family: 'processes',
  launcher: nodeClusterServer,
});
