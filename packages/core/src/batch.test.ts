import { describe, expect, it } from 'vitest';
import { runPoolBatch, runSplitBatch } from './batch.js';
import { CancelToken } from './cancel.js';
import { firstLine, ParalabError } from './errors.js';
import { delay } from './platform.js';
import type { WorkloadSplit } from './workload.js';

/** A promise and the functions that settle it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every promise callback queued so far run. */
const settle = (): Promise<void> => delay(0);

/** An I/O phase that adds 10 and a CPU phase that doubles: `run(x)` is `(x + 10) * 2`. */
const split: WorkloadSplit<unknown, unknown> = {
  io: async (input) => (input as number) + 10,
  cpu: (intermediate) => (intermediate as number) * 2,
};
const cpu = async (intermediate: unknown): Promise<unknown> => split.cpu(intermediate);

describe('runSplitBatch', () => {
  it('resolves with the outputs in input order', async () => {
    expect(await runSplitBatch([1, 2, 3, 4], 2, [], split, cpu)).toEqual([22, 24, 26, 28]);
  });

  it('keeps ioInFlight I/O phases in flight and hands each CPU phase on as its I/O phase ends', async () => {
    const ios = [deferred<number>(), deferred<number>(), deferred<number>()];
    const started: number[] = [];
    const handed: unknown[] = [];
    const gated: WorkloadSplit<unknown, unknown> = {
      io: (input) => {
        started.push(input as number);
        return (ios[input as number] as (typeof ios)[number]).promise;
      },
      cpu: split.cpu,
    };
    const batch = runSplitBatch([0, 1, 2], 2, [], gated, async (intermediate) => {
      handed.push(intermediate);
      return intermediate;
    });
    await settle();
    expect([started, handed]).toEqual([[0, 1], []]);
    ios[1]?.resolve(101);
    await settle();
    expect([started, handed]).toEqual([[0, 1, 2], [101]]);
    ios[0]?.resolve(100);
    ios[2]?.resolve(102);
    expect(await batch).toEqual([100, 101, 102]);
  });

  it.each<[string, WorkloadSplit<unknown, unknown>, string]>([
    [
      'an I/O phase',
      { io: async (x) => (x === 2 ? Promise.reject(new Error('refused\n  at fetch')) : x), cpu: split.cpu },
      'task 2 failed in its io phase: refused',
    ],
    [
      'a CPU phase',
      {
        io: split.io,
        cpu: (x) => {
          if (x === 11) throw new Error('bad pixels');
          return x;
        },
      },
      'task 1 failed in its cpu phase: bad pixels',
    ],
  ])('stops at the first failure of %s with a one-line ERR_TASK error', async (_what, failing, message) => {
    const run = runSplitBatch([0, 1, 2, 3], 2, [], failing, async (x) => failing.cpu(x));
    await expect(run).rejects.toEqual(new ParalabError('ERR_TASK', message));
    await expect(run).rejects.toMatchObject({ code: 'ERR_TASK' });
  });

  it('rejects with the reason as soon as one of cancels is cancelled, without waiting for the pool', async () => {
    const watchdog = new CancelToken();
    const never = new Promise<unknown>(() => {});
    const run = runSplitBatch([1, 2], 2, [new CancelToken(), watchdog], split, () => never);
    watchdog.cancel(new Error('watchdog'));
    await expect(run).rejects.toThrow('watchdog');
  });
});

describe('runPoolBatch', () => {
  it('submits `lanes` tasks at a time and resolves with the outputs in input order', async () => {
    let running = 0;
    let most = 0;
    const outputs = await runPoolBatch(
      [3, 1, 2, 5, 4],
      2,
      [],
      async (input) => {
        most = Math.max(most, ++running);
        await settle();
        running--;
        return (input as number) * 10;
      },
      () => new Error('unused'),
    );
    expect([outputs, most]).toEqual([[30, 10, 20, 50, 40], 2]);
  });

  it('rejects with what `describe` makes of the first failure', async () => {
    const run = runPoolBatch(
      [0, 1, 2],
      3,
      [],
      async (input) => {
        if (input === 1) throw new Error('pool: worker died\nstack');
        return input;
      },
      (index, error) => new ParalabError('ERR_TASK', `task ${index}: ${firstLine(error.message)}`),
    );
    await expect(run).rejects.toEqual(new ParalabError('ERR_TASK', 'task 1: pool: worker died'));
  });
});

describe('firstLine', () => {
  it.each([
    ['one line', 'one line'],
    ['  first \nsecond\nthird', 'first'],
    ['', ''],
  ])('of %j is %j', (message, line) => {
    expect(firstLine(message)).toBe(line);
  });
});
