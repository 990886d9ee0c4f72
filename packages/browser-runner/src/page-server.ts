import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelHub, type PendingChannel } from './channel.js';

/** One file the page server answers with. */
export interface ServedFile {
  readonly body: Uint8Array | string;
  /** `content-type`. */
  readonly type: string;
}

/** A running page server (see `startPageServer`). */
export interface PageServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  /**
   * Opens a page channel (a WebSocket on this server, `CHANNEL_PATH`) for one page session: the URL to give
   * the page, and the channel once the page connects. Only this server's own pages may connect.
   */
  openChannel(): PendingChannel;
  /** Stops listening and drops every connection and channel; safe to call twice. */
  close(): Promise<void>;
}

/**
 * The headers of every answer. COOP + COEP make the page cross-origin isolated: `SharedArrayBuffer` exists
 * and `performance.now()` steps by 5 µs instead of 100 µs. CORP lets the isolated page (and its workers)
 * load these same-origin scripts; `no-store` keeps every run on the files it bundled.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
});

/**
 * Serves `files` (by path, query strings ignored) on 127.0.0.1, on a free port, with the isolation headers;
 * anything else is a 404. Only GET and HEAD, and the page channels' WebSocket upgrades (`openChannel`). The
 * server does not keep the process alive.
 */
export async function startPageServer(files: ReadonlyMap<string, ServedFile>): Promise<PageServer> {
  const server = createServer((request, response) => answer(files, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const channels = new ChannelHub(url);
  server.on('upgrade', (request, socket, head) => channels.upgrade(request, socket, head));
  let closing: Promise<void> | undefined;
  return {
    url,
    openChannel: () => channels.expect(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        channels.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function answer(
  files: ReadonlyMap<string, ServedFile>,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const file = request.method === 'GET' || request.method === 'HEAD' ? files.get(path) : undefined;
  if (!file) {
    response.writeHead(404, { ...ISOLATION_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`not found: ${request.method} ${path}`);
    return;
  }
  const body = typeof file.body === 'string' ? Buffer.from(file.body) : file.body;
  response.writeHead(200, {
    ...ISOLATION_HEADERS,
    'content-type': file.type,
    'content-length': body.byteLength,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
