// Serving tasks with Bun.serve, for every Bun.serve server entry of the serving strategies; the process
// side (setup, messages, exit) is node-api's `server-process`.
import { answerTask, importWorkload } from '@paralab/core/peer';
import { exitWithParent, fatal, serverSetup, tell } from '@paralab/node-api/server-process';

/**
 * Serves tasks with `Bun.serve` on 127.0.0.1:`port` (0: any free one), `reusePort` when asked, and
 * returns the port it listens on.
 */
export function serveTasks(run: (input: unknown) => unknown, port: number, reusePort = false): number {
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port,
    reusePort,
    async fetch(request) {
      const path = new URL(request.url).pathname;
      const answer = await answerTask(run, request.method, path, await request.text());
      return new Response(answer.body, {
        status: answer.status,
        headers: { 'content-type': 'text/plain' },
      });
    },
  });
  return server.port as number;
}

/**
 * A Bun server process that runs each request's task on its own event loop: the whole `serve-loop` server,
 * or (`reusePort`, Linux) one of the N processes of `serve-reuseport` sharing one port.
 */
export async function serveOnLoop(reusePort = false): Promise<void> {
  exitWithParent();
  try {
    const setup = serverSetup();
    const workload = await importWorkload(setup.ref);
    const port = serveTasks((input) => workload.run(input), setup.port, reusePort);
    tell({ type: 'paralab:listening', port, pids: [process.pid] });
  } catch (thrown) {
    fatal(thrown);
  }
}
