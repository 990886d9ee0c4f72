// The machine-wide measurement lock, on a lock file of the test's own (never the real one, which other
// runs on this machine may hold): one holder at a time, a dead holder's lock taken at once.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock } from '@paralab/host';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let locks = 0;
const freshLock = (): string => join(scratch, `lock-${++locks}`);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A live process that is not this one: a child that waits until it is killed. */
function liveProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

/** Resolves once `condition` holds; rejects after `ms` (a watchdog, not a timing assertion). */
async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); ) {
    if (Date.now() > end) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('acquireLock', () => {
  it('takes a free lock with this pid, and release removes it', async () => {
    const path = freshLock();
    const release = await acquireLock(path);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    await release();
    expect(existsSync(path)).toBe(false);
  });

  it.each([
    ['a process that is gone', () => String(deadPid())],
    ['no pid at all', () => 'garbage'],
  ])('takes a lock held by %s at once, without waiting', async (_, holder) => {
    const path = freshLock();
    writeFileSync(path, holder());
    const waits: number[] = [];
    const release = await acquireLock(path, { timeoutMs: 60_000, onWait: (pid) => waits.push(pid) });
    expect([waits, readFileSync(path, 'utf8')]).toEqual([[], String(process.pid)]);
    await release();
  });

  it('waits while a live process holds it, and takes it the moment that process dies', async () => {
    const path = freshLock();
    const holder = liveProcess();
    writeFileSync(path, String(holder.pid));
    const waits: number[] = [];
    let taken = false;
    const acquiring = acquireLock(path, { onWait: (pid) => waits.push(pid) }).then((release) => {
      taken = true;
      return release;
    });
    await until(() => waits.length > 0);
    expect([waits, taken, readFileSync(path, 'utf8')]).toEqual([[holder.pid], false, String(holder.pid)]);
    holder.kill('SIGKILL');
    const release = await acquiring;
    expect([waits, readFileSync(path, 'utf8')]).toEqual([[holder.pid], String(process.pid)]);
    await release();
  });

  it('gives up after its timeout with a one-line error naming the holder', async () => {
    const path = freshLock();
    const holder = liveProcess();
    writeFileSync(path, String(holder.pid));
    await expect(acquireLock(path, { timeoutMs: 300 })).rejects.toThrow(
      new Error(`another paralab runner (pid ${holder.pid}) held ${path} for too long`),
    );
    expect(readFileSync(path, 'utf8')).toBe(String(holder.pid));
  });

  it('lets one of two takers in at a time', async () => {
    const path = freshLock();
    const first = await acquireLock(path);
    const waits: number[] = [];
    let second: (() => Promise<void>) | undefined;
    const acquiring = acquireLock(path, { onWait: (pid) => waits.push(pid) }).then((release) => {
      second = release;
    });
    // The holder is this very process: alive, so the second taker waits for the release.
    await until(() => waits.length > 0);
    expect(second).toBeUndefined();
    await first();
    await acquiring;
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    await second?.();
    expect(existsSync(path)).toBe(false);
  });

  it('does not remove a lock that another process holds by the time it is released', async () => {
    const path = freshLock();
    const release = await acquireLock(path);
    const other = liveProcess();
    writeFileSync(path, String(other.pid));
    await release();
    expect(readFileSync(path, 'utf8')).toBe(String(other.pid));
  });
});
