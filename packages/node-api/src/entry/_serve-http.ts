// The request handler every node:http server entry of the serving strategies shares (Node's, and Bun's
// cluster); the process side (setup, messages, exit) is in ./server-process.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerTask, importWorkload } from '@paralab/core/peer';
import { exitWithParent, fatal, serverSetup, tell } from './server-process.js';

/** A node:http server answering served tasks with `run` (keep-alive connections kept for a minute). */
export function taskServer(run: (input: unknown) => unknown): Server {
  const server = createServer({ keepAlive: true }, (request, response) => {
    void handle(run, request, response);
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

async function handle(
  run: (input: unknown) => unknown,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let text = '';
  request.setEncoding('utf8');
  for await (const chunk of request as AsyncIterable<string>) text += chunk;
  const answer = await answerTask(run, request.method ?? 'GET', request.url ?? '/', text);
  response.writeHead(answer.status, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(answer.body),
  });
  response.end(answer.body);
}

/** Listens on 127.0.0.1:`port` (0: any free one) and resolves with the port. */
export function listen(server: Server, port: number, reusePort = false): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', ...(reusePort ? { reusePort: true } : {}) }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * A server process that runs each request's task on its own event loop: the whole `serve-loop` server, or
 * (`reusePort`, Node 22.12+) one of the N processes of `serve-reuseport` sharing one port.
 */
export async function serveOnLoop(reusePort = false): Promise<void> {
  exitWithParent();
  try {
    const setup = serverSetup();
    const workload = await importWorkload(setup.ref);
    const port = await listen(
      taskServer((input) => workload.run(input)),
      setup.port,
      reusePort,
    );
    tell({ type: 'paralab:listening', port, pids: [process.pid] });
  } catch (thrown) {
    fatal(thrown);
  }
}
