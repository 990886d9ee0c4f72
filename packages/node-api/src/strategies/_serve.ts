// The server launchers of Node's serving strategies (Bun reuses the cluster one under its own name).
import { fileURLToPath } from 'node:url';
import { version as PISCINA_VERSION } from 'piscina';
import { processServerLauncher, serverFamily } from '../launchers/server.js';

const entry = (name: string): string => fileURLToPath(new URL(`../entry/${name}.js`, import.meta.url));

/** Node's version as [major, minor]. */
const [MAJOR = 0, MINOR = 0] = (process.versions.node ?? '0.0').split('.').map(Number);

/** `reusePort` on `server.listen`: Node 22.12+ (and 23.1+), on Linux and the BSDs. */
export function nodeReusePort(): true | string {
  const ok = MAJOR > 23 || (MAJOR === 23 && MINOR >= 1) || (MAJOR === 22 && MINOR >= 12);
  if (!ok)
    return `server.listen({ reusePort: true }) needs Node 22.12 or later (23.1 on Node 23); this is Node ${process.versions.node}`;
  if (!['linux', 'freebsd', 'openbsd', 'netbsd', 'dragonfly', 'sunos'].includes(process.platform))
    return `reusePort is not available on ${process.platform}`;
  return true;
}

/** A node:cluster primary and N node:http workers (Bun runs it too, under its own strategy). */
export const nodeClusterServer = processServerLauncher({
  entry: entry('serve-cluster'),
  options: { server: 'node:http', workers: 'node:cluster', thread: 'server-process' },
  processes: 'one',
});

/** One node:http event loop; the same with a piscina pool of N threads; N processes sharing the port. */
export const nodeServers = serverFamily({
  entry,
  server: 'node:http',
  offload: { workers: 'piscina', library: 'piscina', version: PISCINA_VERSION },
  reusePort: nodeReusePort,
});
