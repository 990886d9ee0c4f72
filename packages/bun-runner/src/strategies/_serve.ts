// The server launchers of Bun's serving strategies (its cluster is node-api's, run by Bun).
import { fileURLToPath } from 'node:url';
import { serverFamily } from '@paralab/node-api';

const entry = (name: string): string => fileURLToPath(new URL(`../entry/${name}.js`, import.meta.url));

/** `reusePort` in Bun.serve: Linux only (elsewhere Bun ignores it and a second process cannot bind). */
export function bunReusePort(): true | string {
  return process.platform === 'linux'
    ? true
    : `Bun.serve({ reusePort: true }) shares a port only on Linux; this is ${process.platform}`;
}

/** One Bun.serve event loop; the same with N Web Workers for the tasks; N processes sharing the port. */
export const bunServers = serverFamily({
  entry,
  server: 'Bun.serve',
  offload: { workers: 'Web Workers' },
  reusePort: bunReusePort,
});
