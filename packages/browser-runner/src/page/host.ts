// The page's one way to the runner: a WebSocket to the page server (`PageConnection.channel`), the same in
// every engine and whatever drives the browser. The runner's requests arrive on it (`ToPage`); the page's
// events, replies and calls leave on it (`FromPage`). Its closing is how the runner learns the page is gone.
import type { FromPage, HostUsage, ToHost, ToPage } from '../protocol.js';

type Listener = (message: Exclude<ToPage, { type: 'answer' }>) => void;

let socket: WebSocket | undefined;
let listener: Listener = () => {};
let nextCall = 1;
const calls = new Map<number, (answer: HostUsage | undefined) => void>();

/**
 * Connects to the runner's channel at `url` and hands every request to `onMessage`; resolves once open,
 * rejects with a one-line error when the connection fails. A second call replaces the first connection.
 */
export function connectHost(url: string, onMessage: Listener): Promise<void> {
  socket?.close();
  listener = onMessage;
  const opening = new WebSocket(url);
  socket = opening;
  opening.addEventListener('message', (event) => receive(String(event.data)));
  opening.addEventListener('close', () => {
    for (const settle of calls.values()) settle(undefined);
    calls.clear();
  });
  return new Promise((resolve, reject) => {
    opening.addEventListener('open', () => resolve(), { once: true });
    opening.addEventListener('error', () => reject(new Error(`cannot reach the runner at ${url}`)), {
      once: true,
    });
  });
}

/** Sends `message` to the runner; dropped when the page is not connected (nothing to tell it then). */
export function sendToHost(message: FromPage): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * Asks the runner (`call`) and resolves with its answer; resolves with undefined when the page is not
 * connected or the connection closes first (the page then goes on without that answer).
 */
export function callHost(call: ToHost): Promise<HostUsage | undefined> {
  if (socket?.readyState !== WebSocket.OPEN) return Promise.resolve(undefined);
  const id = nextCall++;
  return new Promise((resolve) => {
    calls.set(id, resolve);
    sendToHost({ type: 'call', id, call });
  });
}

function receive(data: string): void {
  const message = JSON.parse(data) as ToPage;
  if (message.type !== 'answer') {
    listener(message);
    return;
  }
  calls.get(message.id)?.(message.answer);
  calls.delete(message.id);
}
