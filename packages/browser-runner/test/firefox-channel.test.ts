// The page channel both engines' pages use (a WebSocket on the page server): only the page server's own
// origin with a token a session waits for gets through, once; messages go both ways as JSON; closing the
// server closes the channels.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PageChannel } from '../src/channel.js';
import { type PageServer, startPageServer } from '../src/page-server.js';
import type { FromPage } from '../src/protocol.js';

/** Connects like a page would; resolves with the socket once open, or with the reason it was refused. */
function connect(url: string, origin: string): Promise<WebSocket | string> {
  const socket = new WebSocket(url, { origin });
  return new Promise((resolve) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', (error) => resolve(error.message));
  });
}

describe('the page channel', () => {
  let server: PageServer;
  beforeEach(async () => {
    server = await startPageServer(new Map());
  });
  afterEach(() => server.close());

  it('carries messages both ways for the page that has the token', async () => {
    const pending = server.openChannel();
    expect(pending.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/paralab\/host\?session=[0-9a-f-]{36}$/);
    const page = (await connect(pending.url, server.url)) as WebSocket;
    const channel: PageChannel = await pending.connected;
    const heard: FromPage[] = [];
    channel.onMessage((message) => heard.push(message));
    const answered = new Promise<string>((resolve) => page.once('message', (data) => resolve(String(data))));
    channel.send({ type: 'answer', id: 7, answer: 42 });
    expect(JSON.parse(await answered)).toEqual({ type: 'answer', id: 7, answer: 42 });
    page.send(JSON.stringify({ type: 'call', id: 1, call: { type: 'memory' } }));
    page.send('not json');
    page.send(JSON.stringify({ type: 'failed', id: 2, message: 'boom' }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([
      { type: 'call', id: 1, call: { type: 'memory' } },
      { type: 'failed', id: 2, message: 'boom' },
    ]);
    page.close();
    await channel.closed;
    expect(channel.open).toBe(false);
  });

  it.each([
    ['another origin', (url: string) => url, 'http://127.0.0.1:9'],
    ['no token', (url: string) => url.replace(/\?.*$/, ''), undefined],
    ['a token nobody waits for', (url: string) => url.replace(/session=[^&]+/, 'session=guess'), undefined],
  ])('refuses a connection with %s', async (_, urlOf, origin) => {
    const pending = server.openChannel();
    expect(await connect(urlOf(pending.url), origin ?? server.url)).toMatch(/socket hang up|closed before/);
    // The rightful page still gets in, once.
    expect(await connect(pending.url, server.url)).toBeInstanceOf(WebSocket);
    expect(await connect(pending.url, server.url)).toMatch(/socket hang up|closed before/);
  });

  it('fails a session still waiting when cancelled or when the server closes, and closes open channels', async () => {
    const cancelled = server.openChannel();
    cancelled.cancel();
    await expect(cancelled.connected).rejects.toThrow('the page never connected to the runner');
    const waiting = server.openChannel();
    const open = server.openChannel();
    await connect(open.url, server.url);
    const channel = await open.connected;
    await server.close();
    await expect(waiting.connected).rejects.toThrow('the page server closed');
    await channel.closed;
    expect(channel.open).toBe(false);
  });
});
