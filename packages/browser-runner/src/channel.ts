// The runner's end of the page channel: a WebSocket on the page server that each page session opens with a
// token of its own. It carries core's side protocol both ways (requests; events, replies, failures) and
// the page's calls, whatever drives the browser (CDP, WebDriver BiDi), and its closing tells the runner
// the page is gone, which Firefox's BiDi does not. JSON, as the child-process sides speak.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { CHANNEL_PATH, type FromPage, type ToPage } from './protocol.js';

/** One page's open channel to the runner. */
export class PageChannel {
  /** Resolves when the channel has closed (the page closed, navigated away or crashed, or `close()`). */
  readonly closed: Promise<void>;
  readonly #socket: WebSocket;
  #listener: (message: FromPage) => void = () => {};

  constructor(socket: WebSocket) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('message', (data) => {
      let message: FromPage;
      try {
        message = JSON.parse(String(data)) as FromPage;
      } catch {
        return;
      }
      this.#listener(message);
    });
    // Errors end in 'close', which is what the session watches.
    socket.on('error', () => {});
  }

  /** Whether the channel is still open. */
  get open(): boolean {
    return this.#socket.readyState === this.#socket.OPEN;
  }

  /** Hands every message of the page to `listener` (replacing the previous one). */
  onMessage(listener: (message: FromPage) => void): void {
    this.#listener = listener;
  }

  /** Sends `message` to the page; dropped once the channel has closed. */
  send(message: ToPage): void {
    if (this.open) this.#socket.send(JSON.stringify(message));
  }

  /** Closes the channel at once. */
  close(): void {
    this.#socket.terminate();
  }
}

/** A channel a page session waits for: the URL to give its page, and the channel once the page connects. */
export interface PendingChannel {
  /** `ws://127.0.0.1:PORT/paralab/host?session=TOKEN`. */
  readonly url: string;
  /** Resolves when the page connects; rejects when cancelled first. */
  readonly connected: Promise<PageChannel>;
  /** Stops waiting (the page did not load): `connected` rejects, a late connection is refused. */
  cancel(): void;
}

/**
 * The page server's WebSocket endpoint (`CHANNEL_PATH`): it accepts a connection only from the server's
 * own origin, with a token a session is waiting for, once.
 */
export class ChannelHub {
  readonly #origin: string;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #waiting = new Map<string, { resolve(channel: PageChannel): void; reject(error: Error): void }>();
  readonly #sockets = new Set<WebSocket>();

  /** `origin`: the page server's `http://127.0.0.1:PORT`. */
  constructor(origin: string) {
    this.#origin = origin;
  }

  /** Waits for one page's connection (see `PendingChannel`). */
  expect(): PendingChannel {
    const token = randomUUID();
    const connected = new Promise<PageChannel>((resolve, reject) => {
      this.#waiting.set(token, { resolve, reject });
    });
    connected.catch(() => {});
    const url = `${this.#origin.replace(/^http/, 'ws')}${CHANNEL_PATH}?session=${token}`;
    return { url, connected, cancel: () => this.#refuse(token, 'the page never connected to the runner') };
  }

  /** Answers an HTTP upgrade of the page server: a waited-for page's channel, or the socket destroyed. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', this.#origin);
    const token = url.searchParams.get('session') ?? '';
    const waiter = this.#waiting.get(token);
    if (url.pathname !== CHANNEL_PATH || request.headers.origin !== this.#origin || !waiter) {
      socket.destroy();
      return;
    }
    this.#waiting.delete(token);
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      this.#sockets.add(ws);
      ws.once('close', () => this.#sockets.delete(ws));
      waiter.resolve(new PageChannel(ws));
    });
  }

  /** Closes every channel; sessions still waiting for one fail. */
  close(): void {
    for (const socket of this.#sockets) socket.terminate();
    for (const token of [...this.#waiting.keys()]) this.#refuse(token, 'the page server closed');
    this.#server.close();
  }

  #refuse(token: string, reason: string): void {
    this.#waiting.get(token)?.reject(new Error(reason));
    this.#waiting.delete(token);
  }
}
