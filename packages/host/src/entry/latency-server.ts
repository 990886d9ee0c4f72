// The loopback latency server, run in a child process of its own (see ../latency-server.ts) so that
// serving requests never competes with the strategy being measured on the runner's main thread.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { latencyDocument } from '@paralab/core/workloads';

/** Messages from the server process to its parent. */
export type FromLatencyServer = { readonly type: 'listening'; readonly port: number };

const LATENCY = /^\/latency\/(\d{1,7})\/(\d{1,15})$/;
const DOC = /^\/doc\/(\d{1,7})\/(\d{1,15})\/(\d{1,9})$/;
const TEXT = 'text/plain; charset=utf-8';

// Documents already built, so that a repeated request costs no generation time (at most CACHE_CHARS chars).
const documents = new Map<string, string>();
const CACHE_CHARS = 64 * 1024 * 1024;
let cachedChars = 0;

/** `latencyDocument(id, size)`, from the cache when possible. Throws `RangeError` on a bad size. */
function cachedDocument(id: number, size: number): string {
  const key = `${id}/${size}`;
  let text = documents.get(key);
  if (text === undefined) {
    text = latencyDocument(id, size);
    if (cachedChars + size > CACHE_CHARS) {
      documents.clear();
      cachedChars = 0;
    }
    documents.set(key, text);
    cachedChars += size;
  }
  return text;
}

/**
 * Every response may be read by any origin: a page served from another 127.0.0.1 port (the browser runner,
 * cross-origin isolated) fetches from here.
 */
function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'access-control-allow-origin': '*',
  });
  response.end(body);
}

/** Builds the body now (400 if that throws) and sends it `ms` milliseconds after the request arrived. */
function later(response: ServerResponse, ms: number, type: string, body: () => string): void {
  const arrived = performance.now();
  let text: string;
  try {
    text = body();
  } catch (thrown) {
    send(response, 400, TEXT, thrown instanceof Error ? thrown.message : String(thrown));
    return;
  }
  setTimeout(() => send(response, 200, type, text), Math.max(0, ms - (performance.now() - arrived)));
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '').split('?')[0] ?? '';
  const latency = request.method === 'GET' ? LATENCY.exec(path) : null;
  const doc = request.method === 'GET' ? DOC.exec(path) : null;
  if (latency) {
    later(response, Number(latency[1]), TEXT, () => `paralab:${latency[2]}`);
  } else if (doc) {
    const [id, size] = [Number(doc[2]), Number(doc[3])];
    later(response, Number(doc[1]), 'text/html; charset=utf-8', () => cachedDocument(id, size));
  } else {
    send(response, 404, TEXT, `not found: ${request.method} ${path}`);
  }
}

const server = createServer({ keepAlive: true }, handle);
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;

const stop = (): void => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);

server.listen(0, '127.0.0.1', () => {
  const message: FromLatencyServer = { type: 'listening', port: (server.address() as AddressInfo).port };
  if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
});
