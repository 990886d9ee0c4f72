import { describe, expect, it } from 'vitest';
import { CancelToken } from './cancel.js';
import { Inbox } from './inbox.js';

describe('Inbox', () => {
  it('delivers messages in order, whether they arrive before or after next()', async () => {
    const inbox = new Inbox<number>(new CancelToken());
    inbox.push(1);
    const waiting = inbox.next();
    const later = inbox.next();
    inbox.push(2);
    expect(await waiting).toBe(1);
    expect(await later).toBe(2);
  });

  it('rejects a waiting next() and every later one once it fails, after the queued messages', async () => {
    const inbox = new Inbox<number>(new CancelToken());
    inbox.push(7);
    inbox.fail(new Error('worker exited'));
    inbox.fail(new Error('second failure'));
    expect(await inbox.next()).toBe(7);
    await expect(inbox.next()).rejects.toThrow('worker exited');
    await expect(inbox.next()).rejects.toThrow('worker exited');
  });

  it('fails when its token is cancelled', async () => {
    const cancel = new CancelToken();
    const inbox = new Inbox<number>(cancel);
    const waiting = inbox.next();
    cancel.cancel(new Error('watchdog'));
    await expect(waiting).rejects.toThrow('watchdog');
  });
});
