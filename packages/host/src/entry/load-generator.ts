// The load generator, run in a child process of its own (see ../services/load-generator.ts): autocannon on
// this process's event loop, driven over HTTP on 127.0.0.1 so that a measuring process on any runtime can
// ask it for a batch with plain fetch.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type GeneratorInfo, type LoadRequest, validateLoadRequest } from '../services/load-protocol.js';
import { runBatch } from './_autocannon-run.js';

/** Messages from the generator process to its parent. */
export type FromLoadGenerator = {
  readonly type: 'listening';
  readonly port: number;
  readonly generator: GeneratorInfo;
};

/** Largest request body accepted, bytes (a million small request specs). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;

const GENERATOR: GeneratorInfo = {
  name: 'autocannon',
  version: (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version,
  runtime: `node ${process.versions.node}`,
};

let busy = false;

/** Every answer may be read by any origin: a page on another 127.0.0.1 port may drive the load. */
function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  });
  response.end(body);
}

const sendText = (response: ServerResponse, status: number, text: string): void =>
  send(response, status, 'text/plain; charset=utf-8', text);

/** The request body as text; rejects past `MAX_BODY_BYTES`. */
async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new RangeError(`the load request is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses and checks a load request; throws a one-line error that the caller answers with 400. */
function parseLoadRequest(text: string): LoadRequest {
  let request: LoadRequest;
  try {
    request = JSON.parse(text) as LoadRequest;
  } catch (thrown) {
    throw new TypeError(`the load request is not JSON: ${(thrown as Error).message}`);
  }
  validateLoadRequest(request);
  return request;
}

/** `POST /run`: one batch at a time (two at once would compete for the same cores). */
async function handleRun(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (busy) {
    sendText(response, 409, 'the load generator is already running a batch');
    return;
  }
  busy = true;
  try {
    let load: LoadRequest;
    try {
      load = parseLoadRequest(await readBody(request));
    } catch (thrown) {
      sendText(response, 400, (thrown as Error).message);
      return;
    }
    send(response, 200, 'application/json', JSON.stringify(await runBatch(load, GENERATOR)));
  } catch (thrown) {
    sendText(response, 500, `the load generator failed: ${(thrown as Error)?.message ?? String(thrown)}`);
  } finally {
    busy = false;
  }
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '').split('?')[0];
  if (request.method === 'OPTIONS') send(response, 204, 'text/plain', '');
  else if (request.method === 'GET' && path === '/health')
    send(response, 200, 'application/json', JSON.stringify(GENERATOR));
  else if (request.method === 'POST' && path === '/run') void handleRun(request, response);
  else sendText(response, 404, `not found: ${request.method} ${path}`);
}

const server = createServer({ keepAlive: true }, handle);
// A batch may take as long as its deadline: the control connection must not time out under it.
server.requestTimeout = 0;
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

// Exits with the run: when the parent closes the channel (close(), or the parent died, even by SIGKILL),
// and on SIGTERM. Sockets that autocannon holds open die with the process.
const stop = (): void => process.exit(0);
process.on('disconnect', stop);
process.on('SIGTERM', stop);

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const message: FromLoadGenerator = { type: 'listening', port, generator: GENERATOR };
  if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
});
